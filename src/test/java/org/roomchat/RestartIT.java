package org.roomchat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import jakarta.json.JsonObject;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.roomchat.support.ChatHttp;
import org.roomchat.support.ChatSocket;

/**
 * Restarting the server keeps rooms, accounts and messages: the real WAR on a real Payara Micro
 * with an H2 file database, stopped with SIGTERM as an operator or a service manager stops it, then
 * started again on the same files.
 */
class RestartIT {

  private static final Duration BOOT_TIMEOUT = Duration.ofSeconds(180);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);

  private static final String USER = "restarter";
  private static final String PASSWORD = "correct-horse-7";
  private static final String ROOM = "restart-room";
  private static final List<String> TEXTS =
      List.of("first words before the restart", "안녕하세요, 다시 만나요 😀", "<b>not bold</b> & \"quoted\"");

  /** A fresh directory under target/ for the database and the server logs of this run. */
  private static Path runDirectory;

  private PayaraMicro server;

  @BeforeAll
  static void freshRunDirectory() throws IOException {
    Path target = Path.of(System.getProperty("roomchat.war", "target/roomchat.war")).getParent();
    runDirectory = Files.createTempDirectory(target.toAbsolutePath(), "restart-it-");
  }

  @AfterEach
  void killServer() throws InterruptedException {
    if (server != null) {
      server.kill();
    }
  }

  @Test
  @Timeout(value = 15, unit = TimeUnit.MINUTES)
  void restartingTheServerKeepsRoomsAccountsAndMessages() throws Exception {
    Path database = runDirectory.resolve("db").resolve("roomchat");

    server = PayaraMicro.start(database, runDirectory.resolve("server-boot-1.log"));
    ChatHttp firstBrowser = new ChatHttp(server.base()).signUp(USER, PASSWORD);
    List<Long> ids = new ArrayList<>();
    try (ChatSocket socket = ChatSocket.open(firstBrowser, ROOM + "/")) {
      socket.await("presence");
      for (String text : TEXTS) {
        socket.say(text);
        ids.add(socket.awaitMessage(text).getJsonNumber("message_id").longValueExact());
      }
      // Stopped with the user still connected, right after the last message was announced; the
      // graceful stop says "going away" so that browsers reconnect.
      server.stop();
      socket.assertClosedWith(1001);
    }

    server = PayaraMicro.start(database, runDirectory.resolve("server-boot-2.log"));
    ChatHttp browser = new ChatHttp(server.base()).logIn(USER, PASSWORD);

    HttpResponse<String> roomPage = browser.get("chat/" + ROOM + "/");
    assertEquals(200, roomPage.statusCode(), "the room page after logging in again");
    String page = roomPage.body();
    for (long id : ids) {
      assertTrue(
          page.contains("data-message-id=\"" + id + "\""),
          () -> "message " + id + " missing from the room page:\n" + page);
    }
    assertTrue(page.contains(TEXTS.get(0)), page);
    assertTrue(page.contains("&lt;b&gt;not bold&lt;/b&gt;"), page);
    assertFalse(page.contains("<b>not bold</b>"), "stored text is rendered as text");

    String roomList = browser.get("chat/").body();
    assertTrue(roomList.contains("href=\"/chat/" + ROOM + "/\""), roomList);

    try (ChatSocket socket = ChatSocket.open(browser, ROOM + "/?after=0")) {
      List<Long> replayedIds = new ArrayList<>();
      List<String> replayedTexts = new ArrayList<>();
      for (int i = 0; i < TEXTS.size(); i++) {
        JsonObject message = socket.await("message");
        replayedIds.add(message.getJsonNumber("message_id").longValueExact());
        replayedTexts.add(message.getString("message"));
        assertEquals(USER, message.getString("username"));
        assertFalse(message.containsKey("truncated"), message::toString);
      }
      assertEquals(ids, replayedIds);
      assertEquals(TEXTS, replayedTexts);

      // The id sequence carries on after the restart instead of starting over.
      socket.say("first words after the restart");
      long newId =
          socket
              .awaitMessage("first words after the restart")
              .getJsonNumber("message_id")
              .longValueExact();
      assertTrue(newId > Collections.max(ids), () -> "new id " + newId + " after " + ids);
    }
  }

  /** One Payara Micro process serving the WAR at the root, its output in a file. */
  private static final class PayaraMicro {

    private final Process process;
    private final Path log;
    private final URI base;

    private PayaraMicro(Process process, Path log, URI base) {
      this.process = process;
      this.log = log;
      this.base = base;
    }

    static PayaraMicro start(Path database, Path log) throws IOException, InterruptedException {
      int port = freePort();
      List<String> command =
          List.of(
              Path.of(System.getProperty("java.home"), "bin", "java").toString(),
              "-Xmx384m",
              // Cheap password hashing: the test logs in, it does not measure PBKDF2.
              "-Dchat.password.iterations=1024",
              "-Dchat.datasource.url=jdbc:h2:file:" + database + ";DB_CLOSE_ON_EXIT=FALSE",
              "-jar",
              requiredFile("payara.microJar"),
              "--nocluster",
              "--port",
              Integer.toString(port),
              "--deploy",
              requiredFile("roomchat.war"),
              "--contextroot",
              "/");
      Process process =
          new ProcessBuilder(command)
              .directory(runDirectory.toFile())
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      PayaraMicro server =
          new PayaraMicro(process, log, URI.create("http://localhost:" + port + "/"));
      try {
        server.awaitReady();
      } catch (RuntimeException | Error | InterruptedException e) {
        server.kill();
        throw e;
      }
      return server;
    }

    URI base() {
      return base;
    }

    /** Waits until the room list answers, failing early with the log if the process dies. */
    private void awaitReady() throws InterruptedException {
      HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
      HttpRequest roomList =
          HttpRequest.newBuilder(base.resolve("chat/")).timeout(Duration.ofSeconds(10)).build();
      long deadline = System.nanoTime() + BOOT_TIMEOUT.toNanos();
      int lastStatus = -1;
      while (true) {
        if (!process.isAlive()) {
          fail("Payara Micro exited with " + process.exitValue() + " while starting:\n" + tail());
        }
        try {
          lastStatus = http.send(roomList, HttpResponse.BodyHandlers.discarding()).statusCode();
          if (lastStatus == 200) {
            return;
          }
        } catch (IOException notListeningYet) {
          // keep polling until the deadline
        }
        if (System.nanoTime() > deadline) {
          fail(
              "Payara Micro did not serve "
                  + roomList.uri()
                  + " within "
                  + BOOT_TIMEOUT
                  + " (last status "
                  + lastStatus
                  + "):\n"
                  + tail());
        }
        process.waitFor(500, TimeUnit.MILLISECONDS); // returns at once if the process dies
      }
    }

    /** SIGTERM, as a service manager stops it, and waits for the process to end. */
    void stop() throws InterruptedException {
      process.destroy();
      if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
        kill();
        fail("Payara Micro did not stop within " + STOP_TIMEOUT + " of SIGTERM:\n" + tail());
      }
    }

    void kill() throws InterruptedException {
      if (process.isAlive()) {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
      }
    }

    private String tail() {
      try {
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 80), lines.size()))
            + "\n(full output in "
            + log
            + ")";
      } catch (IOException e) {
        return "(no output readable in " + log + ": " + e + ")";
      }
    }

    private static String requiredFile(String property) {
      String value = System.getProperty(property);
      if (value == null || !Files.isRegularFile(Path.of(value))) {
        fail("system property " + property + " must name an existing file, got " + value);
      }
      return Path.of(value).toAbsolutePath().toString();
    }

    private static int freePort() throws IOException {
      try (ServerSocket socket = new ServerSocket(0)) {
        return socket.getLocalPort();
      }
    }
  }
}
