package org.roomchat.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.enterprise.concurrent.ManagedThreadFactory;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.roomchat.chat.RoomEvents;
import org.roomchat.config.ChatSettings;
import org.roomchat.config.RedisSettings;
import org.roomchat.group.GroupMember;
import org.roomchat.group.MessageHistory;
import org.roomchat.group.RoomEvent;
import org.roomchat.guard.RateLimiter;
import org.roomchat.guard.SlidingWindowRateLimiter;
import org.roomchat.metrics.ChatMetrics;
import org.roomchat.protocol.ServerFrame;
import org.roomchat.room.RoomName;
import org.roomchat.support.LocalProcess;
import org.roomchat.support.RedisServer;

/**
 * The Redis group registry, presence and rate limit between two nodes (two links in this JVM) on
 * each form {@code REDIS_URL} can take: one server, Sentinel and Cluster, all real servers started
 * from Debian's {@code redis-server} on loopback ports. The links stop leaving no thread behind.
 */
class RedisTopologiesIT {

  private static final String GROUP = "chat_lobby";
  private static final RoomName ROOM = new RoomName("lobby");
  private static final String MASTER = "roomchat-ha";

  @Test
  void oneServer() throws Exception {
    try (RedisServer server = RedisServer.start()) {
      twoNodesShareRooms(server.url() + "/3");
    }
  }

  @Test
  void sentinel() throws Exception {
    try (RedisServer master = RedisServer.start();
        RedisServer sentinel = RedisServer.sentinel(master, "roomchat-master")) {
      twoNodesShareRooms("redis-sentinel://127.0.0.1:" + sentinel.port() + "/1#roomchat-master");
    }
  }

  /**
   * Sentinel with passwords on the servers and on the sentinels themselves: when the master dies,
   * the sentinels promote its replica and both links carry on through it by themselves.
   */
  @Test
  void sentinelFailover() throws Exception {
    String masterName = MASTER;
    String password = "master-secret";
    String sentinelPassword = "sentinel&secret";
    List<String> auth = List.of("--requirepass", password, "--masterauth", password);
    List<String> replicaOptions = new ArrayList<>(auth);
    List<RedisServer> sentinels = new ArrayList<>();
    try (RedisServer master = RedisServer.start(auth)) {
      replicaOptions.addAll(List.of("--replicaof", "127.0.0.1", Integer.toString(master.port())));
      try (RedisServer replica = RedisServer.start(replicaOptions)) {
        assertTrue(
            LocalProcess.await(
                Duration.ofSeconds(30),
                Duration.ofMillis(100),
                () -> cli(replica.port(), password, "info", "replication")
                    .contains("master_link_status:up")),
            "the replica did not catch up with its master");
        for (int i = 0; i < 3; i++) {
          sentinels.add(
              RedisServer.sentinel(
                  master,
                  masterName,
                  2,
                  List.of(
                      "sentinel down-after-milliseconds " + masterName + " 1000",
                      "sentinel failover-timeout " + masterName + " 5000",
                      "sentinel auth-pass " + masterName + " " + password,
                      "requirepass \"" + sentinelPassword + "\"")));
        }
        String url =
            "redis-sentinel://:"
                + password
                + "@"
                + String.join(
                    ",", sentinels.stream().map(s -> "127.0.0.1:" + s.port()).toList())
                + "/0?sentinelPassword="
                + URLEncoder.encode(sentinelPassword, StandardCharsets.UTF_8)
                + "#"
                + masterName;
        failoverKeepsNodesTogether(url, master, replica, sentinels.get(0), sentinelPassword);
      }
    } finally {
      sentinels.forEach(RedisServer::close);
    }
  }

  private void failoverKeepsNodesTogether(
      String url,
      RedisServer master,
      RedisServer replica,
      RedisServer sentinel,
      String sentinelPassword)
      throws Exception {
    long subscribersBefore = subscriberThreads();
    RedisLink linkA = link(url, "node-a");
    RedisLink linkB = link(url, "node-b");
    try {
      RedisGroupRegistry groupsA = registry(linkA);
      RedisGroupRegistry groupsB = registry(linkB);
      Inbox onA = new Inbox();
      Inbox onB = new Inbox();
      groupsA.add(GROUP, onA);
      groupsB.add(GROUP, onB);
      RoomEvent hello = RoomEvent.of("{\"type\":\"user_join\"}");
      groupsA.send(GROUP, hello);
      assertEquals(hello, onB.next());

      master.kill();
      // Node A keeps sending; once the replica is promoted and both links are back on it, one
      // of those events reaches node B.
      AtomicInteger probes = new AtomicInteger();
      assertTrue(
          LocalProcess.await(
              Duration.ofSeconds(60),
              Duration.ofMillis(200),
              () -> {
                groupsA.send(GROUP, RoomEvent.of("{\"probe\":" + probes.incrementAndGet() + "}"));
                return onB.poll() != null;
              }),
          "no event crossed after the master died");
      String promoted =
          cli(sentinel.port(), sentinelPassword, "sentinel", "get-master-addr-by-name", MASTER);
      assertTrue(
          promoted.contains(Integer.toString(replica.port())),
          "the sentinels name " + promoted + " as master, not the replica");

      // Commands go to the new master too.
      RedisPresence presenceA = presence(linkA, groupsA);
      RedisPresence presenceB = presence(linkB, groupsB);
      assertTrue(presenceA.enter(ROOM, "erin"));
      assertEquals(List.of("erin"), presenceB.online(ROOM), "node B did not see erin enter");
    } finally {
      linkA.stop();
      linkB.stop();
    }
    assertEquals(subscribersBefore, subscriberThreads(), "a subscriber thread outlived its link");
  }

  /** What redis-cli prints for the command, logged in with the password. */
  private static String cli(int port, String password, String... command) {
    List<String> line =
        new ArrayList<>(
            List.of("redis-cli", "-p", Integer.toString(port), "--no-auth-warning", "-a", password));
    line.addAll(List.of(command));
    try {
      Process cli = new ProcessBuilder(line).redirectErrorStream(true).start();
      String text = new String(cli.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      return cli.waitFor(10, TimeUnit.SECONDS) ? text : "";
    } catch (IOException e) {
      return "";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "";
    }
  }

  @Test
  void cluster() throws Exception {
    List<RedisServer> nodes = new ArrayList<>();
    try {
      for (int i = 0; i < 3; i++) {
        nodes.add(
            RedisServer.start(
                List.of(
                    "--cluster-enabled",
                    "yes",
                    "--cluster-config-file",
                    "cluster-"
                        + Integer.toUnsignedString(ThreadLocalRandom.current().nextInt())
                        + ".conf")));
      }
      createCluster(nodes);
      twoNodesShareRooms(
          "redis-cluster://127.0.0.1:" + nodes.get(0).port() + ",127.0.0.1:" + nodes.get(1).port());
    } finally {
      nodes.forEach(RedisServer::close);
    }
  }

  private static void createCluster(List<RedisServer> nodes)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("redis-cli", "--cluster", "create"));
    nodes.forEach(node -> command.add("127.0.0.1:" + node.port()));
    command.addAll(List.of("--cluster-replicas", "0", "--cluster-yes"));
    Process create =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(LocalProcess.targetDir().resolve("redis-cluster-create.log").toFile())
            .start();
    assertTrue(create.waitFor(60, TimeUnit.SECONDS), "redis-cli --cluster create hung");
    assertEquals(0, create.exitValue(), "redis-cli --cluster create failed");
    for (RedisServer node : nodes) {
      assertTrue(
          LocalProcess.await(
              Duration.ofSeconds(30), Duration.ofMillis(100), () -> clusterOk(node.port())),
          "cluster not ok on " + node.port());
    }
  }

  private static boolean clusterOk(int port) {
    try {
      Process info =
          new ProcessBuilder("redis-cli", "-p", Integer.toString(port), "cluster", "info")
              .redirectErrorStream(true)
              .start();
      String text = new String(info.getInputStream().readAllBytes());
      return info.waitFor(10, TimeUnit.SECONDS) && text.contains("cluster_state:ok");
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private void twoNodesShareRooms(String url) throws Exception {
    long subscribersBefore = subscriberThreads();
    RedisLink linkA = link(url, "node-a");
    RedisLink linkB = link(url, "node-b");
    try {
      RedisGroupRegistry groupsA = registry(linkA);
      RedisGroupRegistry groupsB = registry(linkB);
      Inbox onA = new Inbox();
      Inbox onB = new Inbox();
      groupsA.add(GROUP, onA);
      groupsB.add(GROUP, onB);

      RoomEvent typing = new RoomEvent("{\"type\":\"typing\",\"username\":\"bob\"}", "bob", 0);
      groupsB.send(GROUP, typing);
      assertEquals(typing, onA.next(), "the event crossed intact");
      assertEquals(typing, onB.next(), "the sender's node delivered it once, directly");
      RoomEvent message = new RoomEvent("{\"type\":\"message\"}", null, 42);
      groupsA.send(GROUP, message);
      assertEquals(message, onB.next());
      assertEquals(message, onA.next());
      assertTrue(onA.isEmpty() && onB.isEmpty(), "an event arrived twice");

      // Stored messages reach both nodes in their room's order, even one that never crossed.
      RoomEvent first = store(1);
      RoomEvent second = store(2);
      groupsA.send(GROUP, second); // the first one's publication was lost
      assertEquals(first, onB.next(), "read from the database, before the second");
      assertEquals(second, onB.next());
      assertEquals(first, onA.next());
      assertEquals(second, onA.next());
      groupsB.send(GROUP, store(3));
      assertEquals(3, onA.next().seq());
      assertEquals(3, onB.next().seq());
      assertTrue(onA.isEmpty() && onB.isEmpty(), "a message arrived twice");

      RedisPresence presenceA = presence(linkA, groupsA);
      RedisPresence presenceB = presence(linkB, groupsB);
      assertTrue(presenceA.enter(ROOM, "carol"), "carol's first connection");
      assertFalse(presenceB.enter(ROOM, "carol"), "carol is already in on node A");
      assertTrue(presenceB.enter(ROOM, "dave"));
      assertEquals(List.of("carol", "dave"), presenceA.online(ROOM));
      RoomName empty = new RoomName("nobody-here");
      assertEquals(
          Map.of(ROOM, 2, empty, 0),
          presenceA.onlineCounts(List.of(ROOM, empty)),
          "users, not their entries on each node, counted for several rooms at once");
      assertFalse(presenceA.leave(ROOM, "carol"), "carol is still in on node B");
      assertTrue(presenceB.leave(ROOM, "carol"), "carol's last connection");
      assertEquals(List.of("dave"), presenceA.online(ROOM));

      // Redis is up throughout: a fallback that refuses everything would show if it were asked.
      RateLimiter never = new SlidingWindowRateLimiter(1, Duration.ofDays(1));
      RedisRateLimiter limitA = limiter(linkA, never);
      RedisRateLimiter limitB = limiter(linkB, never);
      never.record("erin");
      int allowed = 0;
      for (int i = 0; i < 4; i++) {
        allowed += limitA.tryAcquire("erin") ? 1 : 0;
        allowed += limitB.tryAcquire("erin") ? 1 : 0;
      }
      assertEquals(5, allowed, "the limit counts erin's sends on both nodes");
      Duration wait = limitB.retryAfter("erin");
      assertTrue(
          wait.compareTo(Duration.ofSeconds(9)) > 0 && wait.compareTo(Duration.ofSeconds(10)) <= 0,
          "erin waits until her first send leaves the window: " + wait);
      for (int i = 0; i < 5; i++) {
        limitA.record("frank"); // failures count on any node, past the limit too
      }
      assertFalse(limitB.tryAcquire("frank"));
      assertTrue(limitB.tryAcquire("grace"), "other keys are untouched");

      groupsB.discard(GROUP, onB);
      groupsA.send(GROUP, RoomEvent.of("{\"type\":\"user_leave\"}"));
      onA.next();
      assertTrue(onB.isEmpty(), "a discarded member still got an event");
    } finally {
      linkA.stop();
      linkB.stop();
    }
    assertEquals(subscribersBefore, subscriberThreads(), "a subscriber thread outlived its link");
  }

  private static RedisRateLimiter limiter(RedisLink link, RateLimiter fallback) {
    return new RedisRateLimiter(link, "messages", 5, Duration.ofSeconds(10), fallback);
  }

  private static RedisLink link(String url, String node) {
    RedisLink link = new RedisLink();
    link.redisSettings =
        new RedisSettings() {
          @Override
          public Optional<String> url() {
            return Optional.of(url);
          }
        };
    link.settings =
        new ChatSettings() {
          @Override
          public String node() {
            return node;
          }
        };
    link.threads = new PlainThreads();
    link.metrics = new ChatMetrics();
    link.start();
    assertTrue(
        LocalProcess.await(Duration.ofSeconds(15), Duration.ofMillis(20), link::isUp),
        node + " did not connect to " + url);
    return link;
  }

  private RedisGroupRegistry registry(RedisLink link) {
    RedisGroupRegistry registry = new RedisGroupRegistry();
    registry.link = link;
    registry.history = database;
    registry.scheduler = timer;
    registry.init();
    return registry;
  }

  /** Gap fills and re-syncs of the registries under test. */
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();

  /** The stored messages of the room, as the database would give them. */
  private final ConcurrentSkipListMap<Long, RoomEvent> stored = new ConcurrentSkipListMap<>();

  private final MessageHistory database =
      new MessageHistory() {
        @Override
        public long lastSeq(String group) {
          return stored.isEmpty() ? 0 : stored.lastKey();
        }

        @Override
        public List<RoomEvent> between(String group, long fromSeq, long toSeq, int limit) {
          return stored
              .subMap(fromSeq, true, toSeq, true).values().stream().limit(limit).toList();
        }
      };

  @AfterEach
  void stopTimer() {
    timer.shutdownNow();
  }

  private RoomEvent store(long seq) {
    RoomEvent event =
        new RoomEvent("{\"type\":\"message\",\"seq\":" + seq + "}", null, 100 + seq, seq);
    stored.put(seq, event);
    return event;
  }

  private static RedisPresence presence(RedisLink link, RedisGroupRegistry groups) {
    RedisPresence presence = new RedisPresence();
    presence.link = link;
    // As the room use cases do: a departure reported by a sweep is announced to the room.
    presence.onDeparture(
        (room, user) -> groups.send(room.group(), RoomEvents.of(new ServerFrame.UserLeave(user))));
    return presence;
  }

  private static long subscriberThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(thread -> thread.getName().equals("redis-subscriber") && thread.isAlive())
        .count();
  }

  /** A group member that keeps what it is given. */
  private static final class Inbox implements GroupMember {
    private final LinkedBlockingQueue<RoomEvent> events = new LinkedBlockingQueue<>();

    @Override
    public void deliver(RoomEvent event) {
      events.add(event);
    }

    RoomEvent poll() {
      return events.poll();
    }

    RoomEvent next() throws InterruptedException {
      RoomEvent event = events.poll(10, TimeUnit.SECONDS);
      if (event == null) {
        throw new AssertionError("no event within 10 s");
      }
      return event;
    }

    boolean isEmpty() {
      return events.isEmpty();
    }
  }

  /** The container's thread factory, outside a container. */
  private static final class PlainThreads implements ManagedThreadFactory {
    @Override
    public Thread newThread(Runnable task) {
      return new Thread(task);
    }

    @Override
    public ForkJoinWorkerThread newThread(ForkJoinPool pool) {
      throw new UnsupportedOperationException();
    }
  }
}
