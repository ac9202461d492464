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
      }
      json.writeEnd();
    }
    return out.toString();
  }
}
