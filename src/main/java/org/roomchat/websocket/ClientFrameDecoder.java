package org.roomchat.websocket;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParserFactory;
import jakarta.websocket.Decoder;
import java.io.StringReader;
import java.util.Map;
import org.roomchat.guard.Rejection;

/**
 * Reads a client's text frame. It never throws: a frame that breaks the contract becomes {@link
 * ClientFrame.Malformed}, so the endpoint answers it with an error frame and keeps the connection.
 */
public class ClientFrameDecoder implements Decoder.Text<ClientFrame> {

  // Json.createXxx looks the provider up through the service loader on every call: keep one.
  private static final JsonParserFactory PARSERS = Json.createParserFactory(Map.of());
  private static final JsonString DEFAULT_TYPE = Json.createValue("message");

  @Override
  public ClientFrame decode(String text) {
    JsonValue value;
    try (JsonParser parser = PARSERS.createParser(new StringReader(text))) {
      parser.next();
      value = parser.getValue();
      if (parser.hasNext()) {
        return new ClientFrame.Malformed(Rejection.NOT_JSON); // a value followed by more text
      }
    } catch (RuntimeException e) {
      // Parsson reports bad input with several unchecked types, including a plain
      // RuntimeException for nesting deeper than its limit.
      return new ClientFrame.Malformed(Rejection.NOT_JSON);
    }
    if (value.getValueType() != JsonValue.ValueType.OBJECT) {
      return new ClientFrame.Malformed(Rejection.NOT_AN_OBJECT);
    }
    JsonObject frame = value.asJsonObject();
    JsonValue type = frame.getOrDefault("type", DEFAULT_TYPE);
    if (!(type instanceof JsonString typeName)) {
      return new ClientFrame.Malformed(Rejection.UNKNOWN_TYPE);
    }
    return switch (typeName.getString()) {
      case "message" -> message(frame);
      case "typing" -> typing(frame);
      default -> new ClientFrame.Malformed(Rejection.UNKNOWN_TYPE);
    };
  }

  private static ClientFrame message(JsonObject frame) {
    return frame.get("message") instanceof JsonString text
        ? new ClientFrame.SendMessage(text.getString())
        : new ClientFrame.Malformed(Rejection.MESSAGE_NOT_TEXT);
  }

  private static ClientFrame typing(JsonObject frame) {
    JsonValue isTyping = frame.getOrDefault("is_typing", JsonValue.FALSE);
    return switch (isTyping.getValueType()) {
      case TRUE -> new ClientFrame.Typing(true);
      case FALSE -> new ClientFrame.Typing(false);
      default -> new ClientFrame.Malformed(Rejection.TYPING_NOT_BOOLEAN);
    };
  }

  @Override
  public boolean willDecode(String text) {
    return true;
  }
}
