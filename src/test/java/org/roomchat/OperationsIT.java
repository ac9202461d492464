package org.roomchat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import jakarta.json.JsonObject;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntPredicate;
import org.h2.tools.Server;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.roomchat.support.ChatHttp;
import org.roomchat.support.ChatSocket;
import org.roomchat.support.LocalProcess;
import org.roomchat.support.ServerKind;
import org.roomchat.support.ServerNode;

/**
 * What an operator relies on: readiness that follows the database, and a restart under live
 * connections that closes every socket with 1001 and loses no stored message, and the runnable jar
 * that a service runs. The database is an H2 TCP server this test stops and starts; the server is a
 * Payara Micro process of its own.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class OperationsIT {

  private static final String PASSWORD = "correct-horse-7";
  private static final long WAIT_MILLIS = 30_000;

  private static Path directory;
  private static int databasePort;
  private static Server database;
  private static ServerNode server;
  private static int boots;

  @BeforeAll
  static void startDatabaseAndServer() throws Exception {
    Path target = Path.of(System.getProperty("roomchat.war", "target/roomchat.war")).getParent();
    directory = Files.createTempDirectory(target.toAbsolutePath(), "operations-it-");
    databasePort = LocalProcess.freePort();
    startDatabase();
    startServer();
  }

  @AfterAll
  static void stopAll() throws InterruptedException {
    if (server != null) {
      server.kill();
    }
    if (database != null) {
      database.stop();
    }
  }

  private static void startDatabase() throws SQLException {
    database =
        Server.createTcpServer(
                "-tcpPort", Integer.toString(databasePort),
                "-baseDir", directory.resolve("db").toString(),
                "-ifNotExists")
            .start();
  }

  private static void startServer() throws Exception {
    boots++;
    server =
        ServerNode.start(
                "operations-" + boots,
                Map.of(),
                Map.of(
                    "chat.datasource.url",
                    "jdbc:h2:tcp://localhost:" + databasePort + "/roomchat",
                    "chat.node",
                    "operations",
                    // H2's client tries a refused connection 16 times by default, where a database
                    // server's driver gives up at once: every query of the outage would take
                    // seconds, and the senders' not_stored come late.
                    "h2.socketConnectRetry",
                    "0"))
            .awaitReady();
  }

  /** Polls the endpoint until its status passes the test, or fails after a timeout. */
  private static HttpResponse<String> awaitStatus(String path, IntPredicate wanted, String what)
      throws InterruptedException {
    return awaitStatus(server.healthBase(), path, wanted, what);
  }

  private static HttpResponse<String> awaitStatus(
      URI healthBase, String path, IntPredicate wanted, String what) throws InterruptedException {
    ChatHttp http = new ChatHttp(healthBase);
    long deadline = System.currentTimeMillis() + WAIT_MILLIS;
    HttpResponse<String> response;
    do {
      response = http.get(path);
      if (wanted.test(response.statusCode())) {
        return response;
      }
      TimeUnit.MILLISECONDS.sleep(200); // polling pace
    } while (System.currentTimeMillis() < deadline);
    return fail(path + " never became " + what + "; last: " + response.statusCode() + " " + response.body());
  }

  @Test
  @Order(1)
  void readinessFollowsTheDatabaseAndServiceResumesWhenItReturns() throws Exception {
    awaitStatus("health/ready", s -> s == 200, "ready");
    ChatHttp alice = new ChatHttp(server.base()).signUp("ops-alice", PASSWORD);
    try (ChatSocket socket = ChatSocket.open(alice, "ops/")) {
      socket.await("presence");

      database.stop();
      HttpResponse<String> down = awaitStatus("health/ready", s -> s == 503, "not ready");
      assertTrue(down.body().contains("\"database\""), down.body());
      assertEquals(200, new ChatHttp(server.healthBase()).get("health/live").statusCode(), "still live");
      // While the database is away a message cannot be stored, so it is refused, never sent.
      for (int i = 0; i < 3; i++) {
        socket.say("during the outage " + i);
        assertEquals("not_stored", socket.await("error").getString("code"));
      }
      // A page that needs the database fails with the application's error page, never the
      // server's own with its stack trace.
      HttpResponse<String> failed = new ChatHttp(server.base()).get("chat/");
      assertEquals(500, failed.statusCode(), failed.body());
      assertTrue(failed.body().contains("id=\"server-error\""), failed.body());
      assertFalse(failed.body().contains("Exception"), failed.body());

      startDatabase();
      awaitStatus("health/ready", s -> s == 200, "ready again");
      socket.say("stored after the outage");
      assertTrue(socket.awaitMessage("stored after the outage").getJsonNumber("message_id").longValue() > 0);
      assertFalse(socket.seen().stream().anyMatch(f -> f.getString("message", "").startsWith("during")));
    }
    String log = server.output();
    assertEquals(1, occurrences(log, "outage dependency=database state=down"), "logged once");
    assertEquals(1, occurrences(log, "outage dependency=database state=recovered"), "recovery logged");
  }

  private static int occurrences(String text, String part) {
    int count = 0;
    for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + part.length())) {
      count++;
    }
    return count;
  }

  @Test
  @Order(2)
  void restartUnderLiveConnectionsClosesThemWith1001AndLosesNoStoredMessage() throws Exception {
    int users = 5;
    String room = "restart-load/";
    List<ChatHttp> browsers = new ArrayList<>();
    List<ChatSocket> sockets = new ArrayList<>();
    for (int i = 0; i < users; i++) {
      ChatHttp browser = new ChatHttp(server.base()).signUp("ops-user" + i, PASSWORD);
      browsers.add(browser);
      ChatSocket socket = ChatSocket.open(browser, room);
      socket.await("presence");
      sockets.add(socket);
    }
    Set<Long> acknowledged = ConcurrentHashMap.newKeySet();
    AtomicBoolean sending = new AtomicBoolean(true);
    ExecutorService senders = Executors.newFixedThreadPool(users);
    List<Future<?>> running = new ArrayList<>();
    for (int i = 0; i < users; i++) {
      ChatSocket socket = sockets.get(i);
      int user = i;
      running.add(senders.submit(() -> {
        for (int n = 0; sending.get() && socket.isOpen(); n++) {
          try {
            socket.say("u" + user + " #" + n);
          } catch (AssertionError closedMeanwhile) {
            return null;
          }
          TimeUnit.MILLISECONDS.sleep(250); // 4 per second: within the rate limit
        }
        return null;
      }));
    }
    // Live traffic: wait until plenty is stored, then stop the server in the middle of it.
    ChatSocket observer = sockets.get(0);
    for (int seen = 0; seen < 20; seen++) {
      acknowledged.add(observer.await("message").getJsonNumber("message_id").longValueExact());
    }
    server.stop();
    for (ChatSocket socket : sockets) {
      socket.assertClosedWith(1001);
      socket.seen().stream()
          .filter(f -> "message".equals(f.getString("type", null)))
          .forEach(f -> acknowledged.add(f.getJsonNumber("message_id").longValueExact()));
      socket.drained().stream()
          .filter(f -> "message".equals(f.getString("type", null)))
          .forEach(f -> acknowledged.add(f.getJsonNumber("message_id").longValueExact()));
    }
    sending.set(false);
    senders.shutdownNow();
    assertTrue(senders.awaitTermination(30, TimeUnit.SECONDS));

    startServer();
    ChatHttp reader = new ChatHttp(server.base()).logIn("ops-user0", PASSWORD);
    try (ChatSocket replay = ChatSocket.open(reader, room + "?after=0")) {
      Set<Long> stored = ConcurrentHashMap.newKeySet();
      JsonObject frame;
      do {
        frame = replay.await(f -> true, "replayed frame");
        if ("message".equals(frame.getString("type"))) {
          stored.add(frame.getJsonNumber("message_id").longValueExact());
        }
      } while (!"presence".equals(frame.getString("type")));
      assertFalse(acknowledged.isEmpty());
      List<Long> lost = acknowledged.stream().filter(id -> !stored.contains(id)).sorted().toList();
      assertEquals(List.of(), lost, "acknowledged messages missing after the restart");
    }
  }

  /**
   * {@code java -jar target/roomchat-microbundle.jar}, as its systemd unit runs it, is the server
   * of the run command: the chat at "/", ready, no product name in answers (pre-boot commands), the
   * application's own /metrics (post-boot commands), the embedded database in ./data of its working
   * folder, and a graceful stop on SIGTERM. Payara only: the jar is Payara Micro's uber jar;
   * WildFly is packaged as a configured server folder, which every WildFly run starts.
   */
  @Test
  @Order(3)
  void runnableJarServesTheChatAndStopsGracefullyOnSigterm() throws Exception {
    assumeTrue(ServerKind.current() == ServerKind.PAYARA, "the runnable jar is Payara Micro's");
    Path workingDirectory = Files.createDirectories(directory.resolve("bundle"));
    try (ServerNode bundle =
        ServerNode.startMicroBundle("bundle", workingDirectory, Map.of("chat.node", "bundle"))
            .awaitReady()) {
      awaitStatus(bundle.healthBase(), "health/ready", s -> s == 200, "ready");
      ChatHttp alice = new ChatHttp(bundle.base()).signUp("bundle-alice", PASSWORD);
      HttpResponse<String> rooms = alice.get("chat/");
      assertEquals(200, rooms.statusCode());
      assertEquals(Optional.empty(), rooms.headers().firstValue("Server"), "pre-boot commands");
      HttpResponse<String> metrics = alice.get("metrics");
      assertEquals(200, metrics.statusCode());
      assertTrue(metrics.body().contains("chat_connections_opened"), "post-boot commands");
      try (ChatSocket socket = ChatSocket.open(alice, "bundle/")) {
        socket.await("presence");
        socket.say("packaged");
        socket.awaitMessage("packaged");

        bundle.stop();
        socket.assertClosedWith(1001);
      }
      // 128 + SIGTERM: the JVM ended after its shutdown hooks, not killed after the grace period
      assertEquals(143, bundle.exitValue(), "exit status; see " + bundle.log());
    }
    assertTrue(Files.exists(workingDirectory.resolve("data").resolve("roomchat.mv.db")));
  }
}
