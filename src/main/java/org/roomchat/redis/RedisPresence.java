package org.roomchat.redis;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.roomchat.room.InProcessPresence;
import org.roomchat.room.Presence;
import org.roomchat.room.RoomName;

/**
 * Presence shared by every node. Each room is a sorted set of {@code node␟user} entries scored by
 * when they expire (on Redis's clock); each node refreshes its own entries every {@link #HEARTBEAT}
 * and sweeps expired ones every {@link #SWEEP}, so the users of a node that died without cleaning
 * up leave within {@link #TTL} plus one sweep. The node whose removal of an entry succeeds
 * reports the departure (which is announced to the room) when the user has no other live entry.
 *
 * <p>Each node also counts its own connections, which decides a user's first and last connection on
 * this node and answers alone while Redis is away.
 */
@ApplicationScoped
@Typed(RedisPresence.class)
public class RedisPresence implements Presence {

  // A node's entries outlive one missed heartbeat; a dead node's users leave within TTL + SWEEP.
  static final Duration HEARTBEAT = Duration.ofSeconds(8);
  static final Duration TTL = Duration.ofSeconds(22);
  static final Duration SWEEP = Duration.ofSeconds(2);

  /** Rooms that may have entries, so a sweep finds a dead node's rooms. */
  static final String ROOMS_KEY = "roomchat:presence:rooms";

  private static final char SEPARATOR = '\u001f';

  private static final RedisScript ENTER =
      new RedisScript(
          RedisScript.NOW_MILLIS
              + "local sep = '\\31'\n"
              + "local mine = ARGV[1] .. sep .. ARGV[2]\n"
              + "local suffix = sep .. ARGV[2]\n"
              + "local alone = 1\n"
              + "for _, m in ipairs(redis.call('ZRANGEBYSCORE', KEYS[1], now, '+inf')) do\n"
              + "  if m ~= mine and string.sub(m, -#suffix) == suffix then alone = 0 break end\n"
              + "end\n"
              + "redis.call('ZADD', KEYS[1], now + tonumber(ARGV[3]), mine)\n"
              + "return alone\n");

  private static final RedisScript LEAVE =
      new RedisScript(
          RedisScript.NOW_MILLIS
              + "local sep = '\\31'\n"
              + "redis.call('ZREM', KEYS[1], ARGV[1] .. sep .. ARGV[2])\n"
              + "local suffix = sep .. ARGV[2]\n"
              + "for _, m in ipairs(redis.call('ZRANGEBYSCORE', KEYS[1], now, '+inf')) do\n"
              + "  if string.sub(m, -#suffix) == suffix then return 0 end\n"
              + "end\n"
              + "return 1\n");

  private static final RedisScript ONLINE =
      new RedisScript(
          RedisScript.NOW_MILLIS + "return redis.call('ZRANGEBYSCORE', KEYS[1], now, '+inf')\n");

  /** How many users (not entries: a user may be on several nodes) are in the room now. */
  private static final RedisScript ONLINE_COUNT =
      new RedisScript(
          RedisScript.NOW_MILLIS
              + "local sep = '\\31'\n"
              + "local seen = {}\n"
              + "local count = 0\n"
              + "for _, m in ipairs(redis.call('ZRANGEBYSCORE', KEYS[1], now, '+inf')) do\n"
              + "  local user = string.match(m, sep .. '(.*)$')\n"
              + "  if user and not seen[user] then seen[user] = true count = count + 1 end\n"
              + "end\n"
              + "return count\n");

  private static final RedisScript REFRESH =
      new RedisScript(
          RedisScript.NOW_MILLIS
              + "local expiry = now + tonumber(ARGV[1])\n"
              + "for i = 2, #ARGV do redis.call('ZADD', KEYS[1], expiry, ARGV[i]) end\n"
              + "return #ARGV - 1\n");

  /** Removes expired entries; answers the entries left, then the users who left the room. */
  private static final RedisScript SWEEP_EXPIRED =
      new RedisScript(
          RedisScript.NOW_MILLIS
              + "local sep = '\\31'\n"
              + "local result = {0}\n"
              + "local seen = {}\n"
              + "for _, m in ipairs(redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', '(' .. now)) do\n"
              + "  if redis.call('ZREM', KEYS[1], m) == 1 then\n"
              + "    local user = string.match(m, sep .. '(.*)$')\n"
              + "    if user and not seen[user] then\n"
              + "      seen[user] = true\n"
              + "      local suffix = sep .. user\n"
              + "      local live = false\n"
              + "      for _, l in ipairs(redis.call('ZRANGEBYSCORE', KEYS[1], now, '+inf')) do\n"
              + "        if string.sub(l, -#suffix) == suffix then live = true break end\n"
              + "      end\n"
              + "      if not live then result[#result + 1] = user end\n"
              + "    end\n"
              + "  end\n"
              + "end\n"
              + "result[1] = redis.call('ZCARD', KEYS[1])\n"
              + "return result\n");

  private static final Logger LOG = Logger.getLogger(RedisPresence.class.getName());

  @Inject RedisLink link;

  @Resource ManagedScheduledExecutorService scheduler;

  private final InProcessPresence local = new InProcessPresence();
  private final List<ScheduledFuture<?>> tasks = new ArrayList<>();
  private volatile BiConsumer<RoomName, String> departures = (room, user) -> {};

  @PostConstruct
  void start() {
    if (!link.enabled()) {
      return;
    }
    tasks.add(
        scheduler.scheduleWithFixedDelay(
            guarded("heartbeat", this::heartbeat),
            HEARTBEAT.toMillis(),
            HEARTBEAT.toMillis(),
            TimeUnit.MILLISECONDS));
    tasks.add(
        scheduler.scheduleWithFixedDelay(
            guarded("sweep", this::sweep),
            SWEEP.toMillis(),
            SWEEP.toMillis(),
            TimeUnit.MILLISECONDS));
    // Redis may have lost everything while it was away: put this node's users back at once.
    link.onRecovery(guarded("heartbeat", this::heartbeat));
  }

  /** Starts sweeping at deployment: a node without users still clears a dead node's ones. */
  void boot(@Observes @Initialized(ApplicationScoped.class) Object start) {
    // Observing the event is enough to create the bean.
  }

  @PreDestroy
  void stop() {
    // This node's entries are left to expire, so that the other nodes announce the leaves.
    tasks.forEach(task -> task.cancel(false));
  }

  static String key(RoomName room) {
    return "roomchat:presence:{" + room.value() + "}";
  }

  @Override
  public boolean enter(RoomName room, String user) {
    if (!local.enter(room, user)) {
      return false;
    }
    return link.call(
            r -> {
              r.sadd(ROOMS_KEY, room.value());
              return ENTER.run(r, List.of(key(room)), List.of(link.nodeId(), user, ttl()));
            })
        .map(alone -> ((Long) alone) == 1L)
        .orElse(true);
  }

  @Override
  public boolean leave(RoomName room, String user) {
    if (!local.leave(room, user)) {
      return false;
    }
    return link.call(r -> LEAVE.run(r, List.of(key(room)), List.of(link.nodeId(), user)))
        .map(alone -> ((Long) alone) == 1L)
        .orElse(true);
  }

  @Override
  public List<String> online(RoomName room) {
    return link.call(r -> ONLINE.run(r, List.of(key(room)), List.of()))
        .map(entries -> users(entries))
        .orElseGet(() -> local.online(room));
  }

  @Override
  public Map<RoomName, Integer> onlineCounts(Collection<RoomName> rooms) {
    if (rooms.isEmpty()) {
      return Map.of();
    }
    List<RoomName> ordered = List.copyOf(rooms);
    List<List<String>> keys = ordered.stream().map(room -> List.of(key(room))).toList();
    return link.call(r -> ONLINE_COUNT.runEach(r, keys, List.of()))
        .map(
            counts -> {
              Map<RoomName, Integer> byRoom = new HashMap<>();
              for (int i = 0; i < ordered.size(); i++) {
                byRoom.put(ordered.get(i), ((Long) counts.get(i)).intValue());
              }
              return byRoom;
            })
        .orElseGet(() -> local.onlineCounts(ordered));
  }

  /** Refreshes this node's entries, re-adding any that Redis lost. */
  void heartbeat() {
    Map<RoomName, List<String>> rooms = local.snapshot();
    if (rooms.isEmpty()) {
      return;
    }
    link.call(
        r -> {
          for (Map.Entry<RoomName, List<String>> room : rooms.entrySet()) {
            List<String> args = new ArrayList<>();
            args.add(ttl());
            for (String user : room.getValue()) {
              args.add(link.nodeId() + SEPARATOR + user);
            }
            REFRESH.run(r, List.of(key(room.getKey())), args);
          }
          r.sadd(ROOMS_KEY, rooms.keySet().stream().map(RoomName::value).toArray(String[]::new));
          return Boolean.TRUE;
        });
  }

  /** Removes expired entries of every room and announces the users who left with them. */
  void sweep() {
    Optional<java.util.Set<String>> rooms = link.call(r -> r.smembers(ROOMS_KEY));
    if (rooms.isEmpty()) {
      return;
    }
    for (String name : rooms.get()) {
      Optional<RoomName> room = RoomName.named(name);
      if (room.isEmpty()) {
        link.call(r -> r.srem(ROOMS_KEY, name));
        continue;
      }
      Optional<Object> swept =
          link.call(r -> SWEEP_EXPIRED.run(r, List.of(key(room.get())), List.of()));
      if (swept.isEmpty()) {
        return; // Redis went away mid-sweep
      }
      List<?> result = (List<?>) swept.get();
      for (Object user : result.subList(1, result.size())) {
        announceLeave(room.get(), String.valueOf(user));
      }
      if (((Long) result.get(0)) == 0L) {
        // Forget the empty room; a node entering it again (or its heartbeat) adds it back.
        link.call(r -> r.exists(key(room.get())) ? 0L : r.srem(ROOMS_KEY, name));
      }
    }
  }

  private void announceLeave(RoomName room, String user) {
    LOG.info(() -> user + " left " + room + " with a node that stopped answering");
    departures.accept(room, user);
  }

  @Override
  public void onDeparture(BiConsumer<RoomName, String> listener) {
    departures = listener;
  }

  private static List<String> users(Object entries) {
    return ((List<?>) entries)
        .stream()
            .map(String::valueOf)
            .map(entry -> entry.substring(entry.indexOf(SEPARATOR) + 1))
            .distinct()
            .sorted()
            .toList();
  }

  private static String ttl() {
    return Long.toString(TTL.toMillis());
  }

  private static Runnable guarded(String what, Runnable task) {
    return () -> {
      try {
        task.run();
      } catch (RuntimeException e) {
        // A periodic task that throws is never run again: log and carry on.
        LOG.log(Level.WARNING, "Presence " + what + " failed", e);
      }
    };
  }
}
