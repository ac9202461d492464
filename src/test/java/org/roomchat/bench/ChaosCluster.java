package org.roomchat.bench;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.roomchat.support.Nginx;
import org.roomchat.support.RedisServer;
import org.roomchat.support.ServerNode;

/**
 * What the chaos scenario runs and breaks: two server nodes sharing one Redis and one PostgreSQL
 * database (REDIS_URL and DATABASE_URL), behind an nginx configured like payara/nginx.conf, every
 * one of them a process this class starts on free loopback ports and stops again, on failure
 * too and on the way out of the JVM.
 */
final class ChaosCluster implements AutoCloseable {

  private final RedisServer redis;
  private final ChaosDatabase database;
  private final ServerNode[] nodes = new ServerNode[2];
  private final int[] restarts = new int[2];
  private final Map<String, String> environment;
  private Nginx nginx;
  private final Thread onExit = new Thread(this::close);
  private boolean closed;

  private ChaosCluster(RedisServer redis, ChaosDatabase database) {
    this.redis = redis;
    this.database = database;
    this.environment = Map.of("REDIS_URL", redis.url(), "DATABASE_URL", database.url());
  }

  /** Starts everything; what started is stopped again when a later part fails. */
  static ChaosCluster start(Path workDir) {
    RedisServer redis = RedisServer.start();
    ChaosDatabase database;
    try {
      database = ChaosDatabase.start(workDir);
    } catch (RuntimeException e) {
      redis.close();
      throw e;
    }
    ChaosCluster cluster = new ChaosCluster(redis, database);
    Runtime.getRuntime().addShutdownHook(cluster.onExit);
    try {
      // Both boot at once: two cores are busy for half a minute either way.
      for (int n = 0; n < 2; n++) {
        cluster.nodes[n] = ServerNode.start(name(n, 0), cluster.environment, properties(n), 0);
      }
      for (ServerNode node : cluster.nodes) {
        node.awaitReady();
      }
      cluster.nginx = Nginx.start(cluster.nodes[0].port(), cluster.nodes[1].port());
      return cluster;
    } catch (RuntimeException | Error e) {
      cluster.close();
      throw e;
    }
  }

  private static String name(int node, int restart) {
    return "chaos-node" + (node + 1) + (restart == 0 ? "" : "-restart" + restart);
  }

  private static Map<String, String> properties(int node) {
    Map<String, String> properties = new HashMap<>();
    properties.put("chat.node", "node" + (node + 1));
    return properties;
  }

  /** nginx's address: everything the clients do goes through it. */
  URI front() {
    return nginx.base();
  }

  /** Every stored message's text as it is now, by id (see {@link ChaosDatabase#storedTexts}). */
  Map<Long, String> storedTexts() {
    return database.storedTexts();
  }

  String databaseOutageKind() {
    return database.outageKind();
  }

  /** Kills the node at once (SIGKILL), as a crash would. */
  void killNode(int node) {
    nodes[node].kill();
  }

  /** Stops the node as a service manager does (SIGTERM) and waits until it has ended. */
  void stopNode(int node) {
    nodes[node].stop();
  }

  /** Starts a stopped or killed node again on its port and waits until it serves pages. */
  void restartNode(int node) {
    int port = nodes[node].port();
    restarts[node]++;
    nodes[node] = ServerNode.start(name(node, restarts[node]), environment, properties(node), port);
    nodes[node].awaitReady();
  }

  /** Kills Redis (SIGKILL), waits, and starts it again, empty, on the same port. */
  void crashRedis(Duration down) throws InterruptedException {
    redis.kill();
    Thread.sleep(down.toMillis());
    redis.restart();
  }

  void databaseOutage(Duration down) throws IOException, InterruptedException {
    database.outage(down);
  }

  /** Has nginx's master process read its configuration again (SIGHUP, as nginx -s reload does). */
  void reloadNginx() throws IOException, InterruptedException {
    Optional<ProcessHandle> master =
        ProcessHandle.current()
            .children()
            .filter(p -> p.info().command().filter(c -> c.endsWith("/nginx")).isPresent())
            .findFirst();
    if (master.isEmpty()) {
      throw new IllegalStateException("no nginx process to reload");
    }
    Process kill =
        new ProcessBuilder("kill", "-HUP", Long.toString(master.get().pid()))
            .redirectErrorStream(true)
            .start();
    if (kill.waitFor() != 0) {
      throw new IllegalStateException("kill -HUP of nginx failed");
    }
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    List<AutoCloseable> parts = new ArrayList<>();
    parts.add(nginx);
    parts.addAll(List.of(nodes));
    parts.add(redis);
    parts.add(database);
    for (AutoCloseable part : parts) {
      if (part != null) {
        try {
          part.close();
        } catch (Exception e) {
          System.err.println("stopping " + part + " failed: " + e);
        }
      }
    }
    if (Thread.currentThread() != onExit) {
      try {
        Runtime.getRuntime().removeShutdownHook(onExit);
      } catch (IllegalStateException shuttingDown) {
        // the hook runs or has run
      }
    }
  }
}
