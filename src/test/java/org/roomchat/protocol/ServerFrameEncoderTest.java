package org.roomchat.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Every server frame of the contract, field by field, as a client parses it. */
class ServerFrameEncoderTest {

  private static final OffsetDateTime NOON_UTC =
      OffsetDateTime.of(2025, 8, 4, 12, 0, 0, 123_456_000, ZoneOffset.UTC);

  private static JsonObject encode(ServerFrame frame) {
    String json = ServerFrameEncoder.toJson(frame);
    try (JsonReader reader = Json.createReader(new StringReader(json))) {
      return reader.readObject();
    }
  }

  private static ServerFrame.ChatMessage chat(long id, String text, OffsetDateTime at) {
    return new ServerFrame.ChatMessage(id, "alice", text, at, false, 0);
  }

  @Test
  void chatMessageHasExactlyTheContractFields() {
    JsonObject json = encode(chat(42, "hello", NOON_UTC));

    assertEquals(Set.of("type", "message", "username", "message_id", "timestamp"), json.keySet());
    assertEquals("message", json.getString("type"));
    assertEquals("hello", json.getString("message"));
    assertEquals("alice", json.getString("username"));
  }

  @Test
  void messageIdIsAnIntegerNumber() {
    JsonObject json = encode(chat(9_007_199_254_740_993L, "big id", NOON_UTC));

    JsonValue id = json.get("message_id");
    assertEquals(JsonValue.ValueType.NUMBER, id.getValueType());
    assertTrue(((JsonNumber) id).isIntegral(), () -> "message_id " + id);
    assertEquals(9_007_199_254_740_993L, ((JsonNumber) id).longValueExact());
  }

  @Test
  void timestampIsIsoWithOffsetAndParsesBackToTheSameInstant() {
    OffsetDateTime inSeoul = NOON_UTC.withOffsetSameInstant(ZoneOffset.ofHours(9));

    String utc = encode(chat(1, "a", NOON_UTC)).getString("timestamp");
    String seoul = encode(chat(1, "a", inSeoul)).getString("timestamp");

    assertEquals("2025-08-04T12:00:00.123456+00:00", utc);
    assertEquals("2025-08-04T21:00:00.123456+09:00", seoul);
    assertEquals(NOON_UTC, OffsetDateTime.parse(utc));
    assertEquals(inSeoul, OffsetDateTime.parse(seoul));
  }

  @Test
  void timestampOnAWholeSecondStillParses() {
    OffsetDateTime wholeSecond = OffsetDateTime.of(2025, 1, 2, 3, 4, 5, 0, ZoneOffset.UTC);

    String timestamp = encode(chat(1, "a", wholeSecond)).getString("timestamp");

    assertEquals(wholeSecond, OffsetDateTime.parse(timestamp));
  }

  @Test
  void truncatedAppearsOnlyWhenTrue() {
    JsonObject plain = encode(chat(7, "x", NOON_UTC));
    JsonObject cut = encode(chat(7, "x", NOON_UTC).markTruncated());

    assertFalse(plain.containsKey("truncated"), plain::toString);
    assertEquals(JsonValue.TRUE, cut.get("truncated"));
    assertEquals(7, cut.getJsonNumber("message_id").longValueExact());
  }

  @Test
  void theRoomSequenceNumberIsAnExtraFieldWhenKnown() {
    JsonObject json =
        encode(new ServerFrame.ChatMessage(42, "alice", "hi", NOON_UTC, false, 7).markTruncated());

    assertEquals(
        Set.of("type", "message", "username", "message_id", "timestamp", "truncated", "seq"),
        json.keySet());
    assertEquals(7, json.getJsonNumber("seq").longValueExact());
  }

  @Test
  void messageTextSurvivesQuotesMarkupAndEveryScript() {
    String text = "<script>alert(\"x\")</script> \\ 한국어 😀\n\ttab \u0001";

    assertEquals(text, encode(chat(1, text, NOON_UTC)).getString("message"));
  }

  @Test
  void userJoinAndLeave() {
    JsonObject join = encode(new ServerFrame.UserJoin("bob"));
    JsonObject leave = encode(new ServerFrame.UserLeave("bob"));

    assertEquals(
        Json.createObjectBuilder().add("type", "user_join").add("username", "bob").build(), join);
    assertEquals(
        Json.createObjectBuilder().add("type", "user_leave").add("username", "bob").build(), leave);
  }

  @Test
  void memberAddedAndRemoved() {
    JsonObject added = encode(new ServerFrame.MemberAdded("민수"));
    JsonObject removed = encode(new ServerFrame.MemberRemoved("민수"));

    assertEquals(
        Json.createObjectBuilder().add("type", "member_added").add("username", "민수").build(),
        added);
    assertEquals(
        Json.createObjectBuilder().add("type", "member_removed").add("username", "민수").build(),
        removed);
  }

  @Test
  void typingCarriesABoolean() {
    JsonObject typing = encode(new ServerFrame.Typing("민수", true));
    JsonObject stopped = encode(new ServerFrame.Typing("민수", false));

    assertEquals(Set.of("type", "username", "is_typing"), typing.keySet());
    assertEquals("typing", typing.getString("type"));
    assertEquals("민수", typing.getString("username"));
    assertEquals(JsonValue.TRUE, typing.get("is_typing"));
    assertEquals(JsonValue.FALSE, stopped.get("is_typing"));
  }

  @Test
  void presenceListsUsersInTheGivenOrder() {
    JsonObject json = encode(new ServerFrame.Presence(List.of("alice", "bob", "민수")));

    assertEquals(Set.of("type", "users"), json.keySet());
    assertEquals("presence", json.getString("type"));
    assertEquals(
        List.of("alice", "bob", "민수"),
        json.getJsonArray("users").getValuesAs(JsonString.class).stream()
            .map(JsonString::getString)
            .toList());
  }

  @Test
  void presenceOfAnEmptyRoomIsAnEmptyArray() {
    JsonObject json = encode(new ServerFrame.Presence(List.of()));

    assertEquals(JsonValue.ValueType.ARRAY, json.get("users").getValueType());
    assertTrue(json.getJsonArray("users").isEmpty());
  }

  @Test
  void errorHasAHumanMessageAndAStableCode() {
    JsonObject json = encode(new ServerFrame.Error("rate_limited", "Too fast."));

    assertEquals(
        Json.createObjectBuilder()
            .add("type", "error")
            .add("message", "Too fast.")
            .add("code", "rate_limited")
            .build(),
        json);
  }

  @Test
  void aMessageListsTheReadersItMentionsWhenItMentionsAny() {
    JsonObject none = encode(new ServerFrame.ChatMessage(42, "alice", "hi", NOON_UTC, false, 7));
    assertFalse(none.containsKey("mentions"));
    JsonObject some =
        encode(
            new ServerFrame.ChatMessage(
                42, "alice", "hi @bob @김", NOON_UTC, false, 7, List.of("bob", "김")));
    assertEquals(
        List.of("bob", "김"), some.getJsonArray("mentions").getValuesAs(JsonString::getString));
    assertEquals(
        List.of("bob", "김"),
        encode(
                new ServerFrame.ChatMessage(
                        42, "alice", "hi", NOON_UTC, false, 7, List.of("bob", "김"))
                    .markTruncated())
            .getJsonArray("mentions")
            .getValuesAs(JsonString::getString));
  }

  @Test
  void theUnreadSummaryListsRoomsByRoomAndConversationsByUser() {
    JsonObject summary =
        encode(
            new ServerFrame.UnreadSummary(
                List.of(new ServerFrame.UnreadEntry(false, "lobby", 3, 1, 99)),
                List.of(new ServerFrame.UnreadEntry(true, "bob", 2, 0, 120))));
    assertEquals("unread_summary", summary.getString("type"));
    JsonObject room = summary.getJsonArray("rooms").getJsonObject(0);
    assertEquals(Set.of("room", "unread", "mentions", "last_message_id"), room.keySet());
    assertEquals("lobby", room.getString("room"));
    assertEquals(3, room.getInt("unread"));
    assertEquals(1, room.getInt("mentions"));
    assertEquals(99, room.getJsonNumber("last_message_id").longValue());
    JsonObject dm = summary.getJsonArray("dms").getJsonObject(0);
    assertEquals(Set.of("user", "unread", "mentions", "last_message_id"), dm.keySet());
    assertEquals("bob", dm.getString("user"));
  }

  @Test
  void anUnreadFrameNamesItsAuthorAndPreviewWhenKnown() {
    JsonObject unread =
        encode(
            new ServerFrame.Unread(
                new ServerFrame.UnreadEntry(false, "lobby", 1, 0, 7), "alice", "<b>hi</b>"));
    assertEquals(
        Set.of("type", "room", "unread", "mentions", "last_message_id", "from", "preview"),
        unread.keySet());
    assertEquals("unread", unread.getString("type"));
    assertEquals("<b>hi</b>", unread.getString("preview"));
    JsonObject bare =
        encode(
            new ServerFrame.Unread(new ServerFrame.UnreadEntry(true, "bob", 0, 0, 7), null, null));
    assertEquals(Set.of("type", "user", "unread", "mentions", "last_message_id"), bare.keySet());
  }

  @Test
  void roomAddedAndRemoved() {
    assertEquals(
        "{\"type\":\"room_added\",\"room\":\"secret\"}",
        ServerFrameEncoder.toJson(new ServerFrame.RoomAdded("secret")));
    assertEquals(
        "{\"type\":\"room_removed\",\"room\":\"secret\"}",
        ServerFrameEncoder.toJson(new ServerFrame.RoomRemoved("secret")));
  }

  @Test
  void editsAndDeletionsHaveTheContractFields() {
    JsonObject edited =
        encode(new ServerFrame.MessageEdited(42, "new <b>words</b>", NOON_UTC.plusMinutes(1)));
    assertEquals(Set.of("type", "message_id", "message", "edited_at"), edited.keySet());
    assertEquals("message_edited", edited.getString("type"));
    assertEquals("new <b>words</b>", edited.getString("message"));
    assertEquals(
        NOON_UTC.plusMinutes(1).toInstant(),
        OffsetDateTime.parse(edited.getString("edited_at")).toInstant());

    JsonObject deleted = encode(new ServerFrame.MessageDeleted(42));
    assertEquals(Set.of("type", "message_id"), deleted.keySet());
    assertEquals("message_deleted", deleted.getString("type"));
    assertEquals(42, deleted.getJsonNumber("message_id").longValueExact());
  }

  @Test
  void aCaughtUpMessageSaysItWasEditedOrDeleted() {
    JsonObject edited =
        encode(
            new ServerFrame.ChatMessage(
                1, "alice", "now", NOON_UTC, false, 1, List.of(), NOON_UTC.plusMinutes(2), false));
    assertTrue(edited.containsKey("edited_at"));
    assertFalse(edited.containsKey("deleted"));

    JsonObject deleted =
        encode(
            new ServerFrame.ChatMessage(2, "alice", "", NOON_UTC, false, 2, List.of(), null, true));
    assertTrue(deleted.getBoolean("deleted"));
    assertEquals("", deleted.getString("message"));
    assertFalse(deleted.containsKey("edited_at"));
  }
}
