package org.roomchat.protocol;

import jakarta.json.Json;
import jakarta.json.stream.JsonGenerator;
import jakarta.json.stream.JsonGeneratorFactory;
import java.io.StringWriter;
import java.time.format.DateTimeFormatter;
import java.util.Map;

/** Writes server frames as the contract's JSON objects. */
public final class ServerFrameEncoder {

  /** ISO-8601 with a numeric offset, e.g. {@code 2025-08-04T10:00:00.123456+00:00}. */
  private static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSxxx");

  private static final JsonGeneratorFactory GENERATORS = Json.createGeneratorFactory(Map.of());

  private ServerFrameEncoder() {}

  /** The fields of one room's or conversation's count, into the object being written. */
  private static JsonGenerator entry(JsonGenerator json, ServerFrame.UnreadEntry entry) {
    return json.write(entry.conversation() ? "user" : "room", entry.name())
        .write("unread", entry.unread())
        .write("mentions", entry.mentions())
        .write("last_message_id", entry.lastMessageId());
  }

  public static String toJson(ServerFrame frame) {
    StringWriter out = new StringWriter(128);
    try (JsonGenerator json = GENERATORS.createGenerator(out)) {
      json.writeStartObject();
      if (frame instanceof ServerFrame.ChatMessage m) {
        json.write("type", "message")
            .write("message", m.message())
            .write("username", m.username())
            .write("message_id", m.messageId())
            .write("timestamp", TIMESTAMP.format(m.timestamp()));
        if (m.seq() > 0) {
          json.write("seq", m.seq());
        }
        if (m.truncated()) {
          json.write("truncated", true);
        }
        if (!m.mentions().isEmpty()) {
          json.writeStartArray("mentions");
          m.mentions().forEach(json::write);
          json.writeEnd();
        }
        if (m.editedAt() != null) {
          json.write("edited_at", TIMESTAMP.format(m.editedAt()));
        }
        if (m.deleted()) {
          json.write("deleted", true);
        }
      } else if (frame instanceof ServerFrame.MessageEdited e) {
        json.write("type", "message_edited")
            .write("message_id", e.messageId())
            .write("message", e.message())
            .write("edited_at", TIMESTAMP.format(e.editedAt()));
      } else if (frame instanceof ServerFrame.MessageDeleted d) {
        json.write("type", "message_deleted").write("message_id", d.messageId());
      } else if (frame instanceof ServerFrame.UserJoin j) {
        json.write("type", "user_join").write("username", j.username());
      } else if (frame instanceof ServerFrame.UserLeave l) {
        json.write("type", "user_leave").write("username", l.username());
      } else if (frame instanceof ServerFrame.MemberAdded a) {
        json.write("type", "member_added").write("username", a.username());
      } else if (frame instanceof ServerFrame.MemberRemoved r) {
        json.write("type", "member_removed").write("username", r.username());
      } else if (frame instanceof ServerFrame.Typing t) {
        json.write("type", "typing").write("username", t.username()).write("is_typing", t.isTyping());
      } else if (frame instanceof ServerFrame.Presence p) {
        json.write("type", "presence").writeStartArray("users");
        p.users().forEach(json::write);
        json.writeEnd();
      } else if (frame instanceof ServerFrame.Error e) {
        json.write("type", "error").write("message", e.message()).write("code", e.code());
      } else if (frame instanceof ServerFrame.UnreadSummary summary) {
        json.write("type", "unread_summary").writeStartArray("rooms");
        summary.rooms().forEach(entry -> entry(json.writeStartObject(), entry).writeEnd());
        json.writeEnd().writeStartArray("dms");
        summary.dms().forEach(entry -> entry(json.writeStartObject(), entry).writeEnd());
        json.writeEnd();
      } else if (frame instanceof ServerFrame.Unread u) {
        entry(json.write("type", "unread"), u.entry());
        if (u.from() != null) {
          json.write("from", u.from());
        }
        if (u.preview() != null) {
          json.write("preview", u.preview());
        }
      } else if (frame instanceof ServerFrame.RoomAdded a) {
        json.write("type", "room_added").write("room", a.room());
      } else if (frame instanceof ServerFrame.RoomRemoved r) {
        json.write("type", "room_removed").write("room", r.room());
      }
      json.writeEnd();
    }
    return out.toString();
  }
}
