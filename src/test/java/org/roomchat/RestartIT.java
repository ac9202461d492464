package org.roomchat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.roomchat.support.ChatHttp;
import org.roomchat.support.ChatSocket;
import org.roomchat.support.ServerNode;

/**
 * Restarting the server keeps rooms, accounts and messages: the real WAR on a real Payara Micro
 * with an H2 file database, stopped with SIGTERM as an operator or a service manager stops it, then
 * started again on the same files; a start also completes what SQL migrations could not (the
 * lookalike forms of older names) and applies the admin settings, which never take over an account
 * someone else signed up, and end the logins of the admin whose password they change; and it
 * upgrades a database from before rooms had members.
 */
class RestartIT {

  /**
   * How many migrations there are from V10 on, which the upgrade test runs again (counted, since
   * versions may leave gaps).
   */
  private static final long MIGRATIONS_FROM_V10 = migrationsFrom(10);

  private static final String USER = "restarter";
  private static final String PASSWORD = "correct-horse-7";
  private static final String ROOM = "restart-room";
  private static final String QUIET_ROOM = "restart-quiet";
  private static final String OLDER_NAME = "moon";
  private static final String YOUNGER_NAME_BEFORE = "lunar";
  private static final String YOUNGER_LOOKALIKE = "m00n";
  private static final List<String> TEXTS =
      List.of("first words before the restart", "안녕하세요, 다시 만나요 😀", "<b>not bold</b> & \"quoted\"");

  /** A fresh directory under target/ for the database and the server logs of this run. */
  private static Path runDirectory;

  private ServerNode server;

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

    server = start(database, "restart-1");
    ChatHttp visitor = new ChatHttp(server.base()).signUp(OLDER_NAME, PASSWORD);
    new ChatHttp(server.base()).signUp(YOUNGER_NAME_BEFORE, PASSWORD);
    ChatHttp firstBrowser = new ChatHttp(server.base()).keepingSignedIn().signUp(USER, PASSWORD);
    List<Long> ids = new ArrayList<>();
    try (ChatSocket socket = ChatSocket.open(firstBrowser, ROOM + "/")) {
      socket.await("presence");
      for (String text : TEXTS) {
        socket.say(text);
        ids.add(socket.awaitMessage(text).getJsonNumber("message_id").longValueExact());
      }
      // A visitor who never posts, and a room nobody posts in.
      assertEquals(200, visitor.get("chat/" + ROOM + "/").statusCode());
      assertEquals(200, firstBrowser.get("chat/" + QUIET_ROOM + "/").statusCode());
      // Stopped with the user still connected, right after the last message was announced; the
      // graceful stop says "going away" so that browsers reconnect.
      server.stop();
      socket.assertClosedWith(1001);
    }
    makeLookalikesAsBeforeTheirRule(database);
    makeRoomsAsBeforeMembers(database);

    server = start(database, "restart-2");
    // The same browser, on the restarted server: still logged in, with no session there yet.
    ChatHttp browser = firstBrowser.at(server.base());
    assertNotNull(browser.cookie(ChatHttp.LOGIN_COOKIE));

    HttpResponse<String> roomPage = browser.get("chat/" + ROOM + "/");
    assertEquals(200, roomPage.statusCode(), "the room page, with no new login");
    assertTrue(
        roomPage.body().contains("<span class=\"who\">" + USER + "</span>"),
        "still logged in after the restart");
    String page = roomPage.body();
    for (long id : ids) {
      assertTrue(
          page.contains("data-message-id=\"" + id + "\""),
          () -> "message " + id + " missing from the room page:\n" + page);
    }
    assertTrue(page.contains(TEXTS.get(0)), page);
    assertTrue(page.contains("&lt;b&gt;not bold&lt;/b&gt;"), page);
    assertFalse(page.contains("<b>not bold</b>"), "stored text is rendered as text");

    assertLookalikesAreSettled(server.base());
    assertRoomsHaveTheirMembers(browser);

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

  @Test
  @Timeout(value = 15, unit = TimeUnit.MINUTES)
  void theAdminSettingsMakeTheirOwnAccountButNeverTakeOverSomeoneElses() throws Exception {
    Path database = runDirectory.resolve("admin-db").resolve("roomchat");
    String chief = "chief";
    String squatter = "boss";

    // The settings name a free name: the account is made, an admin. Someone signs up "boss".
    server = start(database, "admin-1", adminSettings(chief, "first-lantern-81"));
    ChatHttp chiefBrowser =
        new ChatHttp(server.base()).keepingSignedIn().logIn(chief, "first-lantern-81");
    assertEquals(200, chiefBrowser.get("admin/").statusCode());
    ChatHttp squatterBrowser =
        new ChatHttp(server.base()).keepingSignedIn().signUp(squatter, PASSWORD);
    assertEquals(403, squatterBrowser.get("admin/").statusCode());
    server.stop();

    // An operator then names "boss" as the admin: the squatter's account is not adopted, and the
    // log says so in one SEVERE line, and that chief is still an admin.
    server = start(database, "admin-2", adminSettings(squatter, "second-lantern-82"));
    ChatHttp squatterAfter = squatterBrowser.at(server.base());
    assertEquals(squatter, who(squatterAfter.get("chat/")), "the squatter's login goes on");
    assertEquals(403, squatterAfter.get("admin/").statusCode(), "but it opens no admin page");
    assertEquals(
        200, new ChatHttp(server.base()).logIn(squatter, PASSWORD).get("chat/").statusCode());
    assertFalse(canLogIn(server.base(), squatter, "second-lantern-82"), "its password stays");
    String log = server.output();
    assertEquals(
        1,
        log.lines()
            .filter(line -> line.contains("SEVERE") || line.contains("ERROR"))
            .filter(line -> line.contains("Admin account " + squatter + " was not created"))
            .count(),
        log);
    assertTrue(
        log.contains(
            "Account " + chief + " is an admin though CHAT_ADMIN_USERNAME names " + squatter),
        log);
    ChatHttp chiefOnSecond = chiefBrowser.at(server.base());
    assertEquals(200, chiefOnSecond.get("admin/").statusCode(), "nothing changed for chief");
    server.stop();

    // Chief's own settings again, with a new password: the account is adopted (the settings
    // made it), and every login made with the old password has ended.
    server = start(database, "admin-3", adminSettings(chief, "third-lantern-83"));
    ChatHttp chiefOnThird = chiefBrowser.at(server.base());
    HttpResponse<String> refused = chiefOnThird.get("admin/");
    assertEquals(302, refused.statusCode(), "the old login opens nothing");
    assertNull(who(chiefOnThird.get("chat/")), "and is nobody");
    assertFalse(canLogIn(server.base(), chief, "first-lantern-81"), "the old password is gone");
    assertEquals(
        200,
        new ChatHttp(server.base()).logIn(chief, "third-lantern-83").get("admin/").statusCode());
  }

  private static Map<String, String> adminSettings(String username, String password) {
    return Map.of("chat.admin.username", username, "chat.admin.password", password);
  }

  /** The user the page's header names as logged in, or null when nobody is. */
  private static String who(HttpResponse<String> page) {
    Matcher m = Pattern.compile("<span class=\"who\">([^<]*)</span>").matcher(page.body());
    return m.find() ? m.group(1) : null;
  }

  private static boolean canLogIn(URI base, String username, String password) {
    ChatHttp browser = new ChatHttp(base);
    browser.get("accounts/login/");
    return browser
            .post("accounts/login/", ChatHttp.form("username", username, "password", password))
            .statusCode()
        == 302;
  }

  /**
   * Turns the database into one from before lookalike names were refused (V7): no account has its
   * lookalike form yet, and a younger account's name looks like an older one's.
   */
  private static void makeLookalikesAsBeforeTheirRule(Path database) throws SQLException {
    try (Connection db =
            DriverManager.getConnection("jdbc:h2:file:" + database, "roomchat", "roomchat");
        PreparedStatement rename =
            db.prepareStatement(
                "update user_account set username = ?, name_key = ? where username = ?")) {
      try (Statement all = db.createStatement()) {
        all.executeUpdate("delete from user_lookalike");
      }
      rename.setString(1, YOUNGER_LOOKALIKE);
      rename.setString(2, YOUNGER_LOOKALIKE);
      rename.setString(3, YOUNGER_NAME_BEFORE);
      assertEquals(1, rename.executeUpdate());
    }
  }

  private static long migrationsFrom(int version) {
    try (Stream<Path> files = Files.list(Path.of("src", "main", "resources", "db", "migration"))) {
      return files
          .map(file -> file.getFileName().toString())
          .filter(name -> name.matches("V\\d+__.*\\.sql"))
          .mapToInt(name -> Integer.parseInt(name.substring(1, name.indexOf("__"))))
          .filter(v -> v >= version)
          .count();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Turns the database into one from before rooms had members (V10): no visibility, no owner, no
   * member rows, none of the later migrations' tables, and the schema history without V10 and
   * everything after it, so that the start runs them all as an upgrade would.
   */
  private static void makeRoomsAsBeforeMembers(Path database) throws SQLException {
    try (Connection db =
            DriverManager.getConnection("jdbc:h2:file:" + database, "roomchat", "roomchat");
        Statement schema = db.createStatement()) {
      schema.executeUpdate("drop table server_secret"); // V11
      schema.executeUpdate("drop table user_block"); // V12
      schema.executeUpdate("drop table message_mention"); // V13
      schema.executeUpdate("drop index message_room_changed_idx"); // V14
      schema.executeUpdate("alter table message drop column changed_at");
      schema.executeUpdate("alter table message drop column deleted");
      schema.executeUpdate("alter table message drop column edited_at");
      schema.executeUpdate("drop table room_restriction"); // V15
      schema.executeUpdate("drop table moderation_log"); // V15
      schema.executeUpdate("drop sequence moderation_log_seq"); // V15
      schema.executeUpdate("drop table room_member");
      schema.executeUpdate("alter table chat_room drop constraint chat_room_owner_fk");
      schema.executeUpdate("alter table chat_room drop constraint chat_room_visibility_check");
      schema.executeUpdate("alter table chat_room drop column owner_id");
      schema.executeUpdate("alter table chat_room drop column visibility");
      assertEquals(
          MIGRATIONS_FROM_V10,
          schema.executeUpdate(
              "delete from \"flyway_schema_history\""
                  + " where cast(\"version\" as integer) >= 10"));
    }
  }

  /**
   * After the upgrade every room is public and has no owner (who started it was never stored),
   * and those who posted in a room, and only they, are its members.
   */
  private static void assertRoomsHaveTheirMembers(ChatHttp user) {
    assertEquals(Map.of(USER, "member"), user.members(ROOM));
    assertEquals(
        403,
        user.get("chat/" + QUIET_ROOM + "/members/").statusCode(),
        "nobody posted in " + QUIET_ROOM + ", so nobody is its member yet");
    String listed = new ChatHttp(user.base()).get("chat/?q=restart").body();
    for (String room : List.of(ROOM, QUIET_ROOM)) {
      assertTrue(
          listed.contains("data-room=\"" + room + "\" data-visibility=\"public\""), listed);
    }
    // Rooms start with owners again from now on.
    assertEquals(303, user.newRoom("after-upgrade", "private").statusCode());
    assertEquals(Map.of(USER, "owner"), user.members("after-upgrade"));
  }

  private static void assertLookalikesAreSettled(URI base) {
    // The older name keeps its lookalike form and blocks new lookalikes...
    ChatHttp newcomer = new ChatHttp(base);
    newcomer.get("accounts/signup/");
    HttpResponse<String> refused =
        newcomer.post(
            "accounts/signup/",
            ChatHttp.form("username", "rnoon", "password", PASSWORD, "password2", PASSWORD));
    assertEquals(400, refused.statusCode(), refused::body);
    assertTrue(refused.body().contains("looks too much like one that is taken"), refused::body);
    // ...and the younger lookalike keeps its name and logs in by it.
    String page = new ChatHttp(base).logIn(YOUNGER_LOOKALIKE, PASSWORD).get("chat/").body();
    assertTrue(page.contains("<span class=\"who\">" + YOUNGER_LOOKALIKE + "</span>"), page);
  }

  private static ServerNode start(Path database, String name) {
    return start(database, name, Map.of());
  }

  private static ServerNode start(Path database, String name, Map<String, String> settings) {
    Map<String, String> properties = new HashMap<>(settings);
    properties.put("chat.datasource.url", "jdbc:h2:file:" + database + ";DB_CLOSE_ON_EXIT=FALSE");
    return ServerNode.start(name, Map.of(), properties).awaitReady();
  }
}
