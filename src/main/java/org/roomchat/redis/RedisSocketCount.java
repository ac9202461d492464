package org.roomchat.redis;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.roomchat.chat.InProcessSocketCount;
import org.roomchat.chat.SocketCount;
import org.roomchat.config.LimitSettings;

/**
 * Open sockets counted by every node together. Each user is a sorted set of {@code node:n} entries,
 * one per open socket, scored by when they expire (on Redis's clock); each node refreshes its own
 * entries every {@link #HEARTBEAT}, so the sockets of a node that died stop counting within {@link
 * #TTL}. Expired entries are dropped whenever the user's count is read.
 *
 * <p>This node also counts its own sockets, which answers alone while Redis is away.
 */
@ApplicationScoped
@Typed(RedisSocketCount.class)
public class RedisSocketCount implements SocketCount {

  // As presence: an entry outlives one missed heartbeat.
  static final Duration HEARTBEAT = Duration.ofSeconds(8);
  static final Duration TTL = Duration.ofSeconds(22);

  /** KEYS[1] the user; ARGV: the cap, the TTL in ms, the new entry. 1 when counted, else 0. */
  private static final RedisScript OPEN =
      new RedisScript(
          RedisScript.NOW_MILLIS
              + "redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)\n"
              + "if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[1]) then return 0 end\n"
              + "redis.call('ZADD', KEYS[1], now + tonumber(ARGV[2]), ARGV[3])\n"
              + "redis.call('PEXPIRE', KEYS[1], ARGV[2])\n"
              + "return 1\n");

  private static final RedisScript COUNT =
      new RedisScript(
          RedisScript.NOW_MILLIS + "return redis.call('ZCOUNT', KEYS[1], '(' .. now, '+inf')\n");

  /**
   * ARGV: 'XX' to refresh only entries still there (so a socket released meanwhile stays released)
   * or 'ALL' to put back entries Redis lost too; the TTL in ms; the entries.
   */
  private static final RedisScript REFRESH =
      new RedisScript(
          RedisScript.NOW_MILLIS
              + "local expiry = now + tonumber(ARGV[2])\n"
              + "for i = 3, #ARGV do\n"
              + "  if ARGV[1] == 'XX' then redis.call('ZADD', KEYS[1], 'XX', expiry, ARGV[i])\n"
              + "  else redis.call('ZADD', KEYS[1], expiry, ARGV[i]) end\n"
              + "end\n"
              + "redis.call('PEXPIRE', KEYS[1], ARGV[2])\n"
              + "return 1\n");

  private static final Logger LOG = Logger.getLogger(RedisSocketCount.class.getName());

  @Inject RedisLink link;
  @Inject LimitSettings settings;

  @Resource ManagedScheduledExecutorService scheduler;

  private InProcessSocketCount thisNode;
  private String cap;
  private final AtomicLong sockets = new AtomicLong();

  /** This node's entries, by user: what the heartbeat refreshes. */
  private final Map<String, Set<String>> mine = new ConcurrentHashMap<>();

  private ScheduledFuture<?> heartbeat;

  @PostConstruct
  void start() {
    thisNode = new InProcessSocketCount(settings.socketsPerUser());
    cap = Integer.toString(settings.socketsPerUser());
    heartbeat =
        scheduler.scheduleWithFixedDelay(
            guarded(() -> refresh(false)),
            HEARTBEAT.toMillis(),
            HEARTBEAT.toMillis(),
            TimeUnit.MILLISECONDS);
    // Redis may have lost everything while it was away: count this node's sockets again at once.
    link.onRecovery(guarded(() -> refresh(true)));
  }

  @PreDestroy
  void stop() {
    // The entries of sockets still open are left to expire, as a dead node's would.
    heartbeat.cancel(false);
  }

  static String key(String user) {
    return "roomchat:sockets:{" + user + "}";
  }

  @Override
  public Optional<OpenSocket> tryOpen(String user) {
    // Never more than the cap on this node either, whatever Redis answers or while it is away.
    Optional<OpenSocket> local = thisNode.tryOpen(user);
    if (local.isEmpty()) {
      return Optional.empty();
    }
    String entry = link.nodeId() + ":" + sockets.incrementAndGet();
    boolean counted =
        link.call(r -> OPEN.run(r, List.of(key(user)), List.of(cap, ttl(), entry)))
            .map(answer -> ((Long) answer) == 1L)
            .orElse(true);
    if (!counted) {
      local.get().release();
      return Optional.empty();
    }
    mine.computeIfAbsent(user, u -> ConcurrentHashMap.newKeySet()).add(entry);
    AtomicBoolean released = new AtomicBoolean();
    return Optional.of(
        () -> {
          if (released.compareAndSet(false, true)) {
            mine.computeIfPresent(
                user, (u, entries) -> entries.remove(entry) && entries.isEmpty() ? null : entries);
            local.get().release();
            link.call(r -> r.zrem(key(user), entry));
          }
        });
  }

  @Override
  public boolean atCap(String user) {
    return link.call(r -> COUNT.run(r, List.of(key(user)), List.of()))
        .map(count -> ((Long) count) >= settings.socketsPerUser())
        .orElseGet(() -> thisNode.atCap(user));
  }

  /** Refreshes this node's entries; {@code restore} also puts back those Redis lost. */
  void refresh(boolean restore) {
    if (mine.isEmpty()) {
      return;
    }
    link.call(
        r -> {
          for (Map.Entry<String, Set<String>> user : mine.entrySet()) {
            List<String> args = new ArrayList<>();
            args.add(restore ? "ALL" : "XX");
            args.add(ttl());
            args.addAll(user.getValue());
            if (args.size() > 2) {
              REFRESH.run(r, List.of(key(user.getKey())), args);
            }
          }
          return Boolean.TRUE;
        });
  }

  private static String ttl() {
    return Long.toString(TTL.toMillis());
  }

  private static Runnable guarded(Runnable task) {
    return () -> {
      try {
        task.run();
      } catch (RuntimeException e) {
        // A periodic task that throws is never run again: log and carry on.
        LOG.log(Level.WARNING, "Refreshing this node's open sockets in Redis failed", e);
      }
    };
  }
}
