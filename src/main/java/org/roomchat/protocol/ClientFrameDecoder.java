package org.roomchat.protocol;

import jakarta.json.Json;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParserFactory;
import java.io.StringReader;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.roomchat.protocol.Rejection;

/**
 * Reads a client's text frame. It never throws: a frame that breaks the contract becomes {@link
 * ClientFrame.Malformed}, so the endpoint answers it with an error frame and keeps the connection.
 */
public class ClientFrameDecoder {

  /** The contract's cap on one frame, in UTF-8 bytes; larger ones close the socket with 1009. */
  public static final int MAX_FRAME_BYTES = 64 * 1024;

  /** The {@code type} of a message frame, also taken when a frame has no type. */
  public static final String MESSAGE = "message";

  public static final String TYPING = "typing";
  public static final String READ = "read";
  public static final String EDIT = "edit";
  public static final String DELETE = "delete";

  /** Every frame type a client may send; any other gets {@link Rejection#UNKNOWN_TYPE}. */
  public static final List<String> TYPES = List.of(MESSAGE, TYPING, READ, EDIT, DELETE);

  // Json.createXxx looks the provider up through the service loader on every call: keep one.
  private static final JsonParserFactory PARSERS = Json.createParserFactory(Map.of());
  private static final JsonString DEFAULT_TYPE = Json.createValue(MESSAGE);

  /** The frame the text stands for; never throws. */
  public ClientFrame decode(String text) {
    if (utf8LengthExceeds(text, MAX_FRAME_BYTES)) {
      return new ClientFrame.TooLarge();
    }
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
      case MESSAGE -> message(frame);
      case TYPING -> typing(frame);
      case READ -> read(frame);
      case EDIT -> edit(frame);
      case DELETE -> delete(frame);
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

  /** A read up to a message id: a positive integer that fits a long, else refused. */
  private static ClientFrame read(JsonObject frame) {
    OptionalLong id = messageId(frame);
    return id.isPresent()
        ? new ClientFrame.Read(id.getAsLong())
        : new ClientFrame.Malformed(Rejection.INVALID_READ);
  }

  private static ClientFrame edit(JsonObject frame) {
    OptionalLong id = messageId(frame);
    if (id.isEmpty()) {
      return new ClientFrame.Malformed(Rejection.INVALID_MESSAGE_ID);
    }
    return frame.get("message") instanceof JsonString text
        ? new ClientFrame.Edit(id.getAsLong(), text.getString())
        : new ClientFrame.Malformed(Rejection.MESSAGE_NOT_TEXT);
  }

  private static ClientFrame delete(JsonObject frame) {
    OptionalLong id = messageId(frame);
    return id.isPresent()
        ? new ClientFrame.Delete(id.getAsLong())
        : new ClientFrame.Malformed(Rejection.INVALID_MESSAGE_ID);
  }

  /** The frame's {@code message_id}: a positive integer that fits a long; else empty. */
  private static OptionalLong messageId(JsonObject frame) {
    if (!(frame.get("message_id") instanceof JsonNumber number)) {
      return OptionalLong.empty();
    }
    BigDecimal id = number.bigDecimalValue();
    // Digits before the point first, so a 10,000-digit number is refused without converting it.
    if (id.signum() <= 0 || id.precision() - id.scale() > 19) {
      return OptionalLong.empty();
    }
    try {
      return OptionalLong.of(id.longValueExact());
    } catch (ArithmeticException notALong) {
      return OptionalLong.empty();
    }
  }

  /** Whether the text takes more than {@code limit} bytes in UTF-8, counted only as far as needed. */
  static boolean utf8LengthExceeds(String text, int limit) {
    int length = text.length();
    if (length > limit) {
      return true; // at least one byte a char
    }
    if ((long) length * 3 <= limit) {
      return false; // at most three bytes a UTF-16 unit
    }
    long bytes = 0;
    for (int i = 0; i < length && bytes <= limit; i++) {
      char c = text.charAt(i);
      if (c < 0x80) {
        bytes += 1;
      } else if (c < 0x800) {
        bytes += 2;
      } else if (Character.isHighSurrogate(c)
          && i + 1 < length
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        bytes += 4; // one code point in two units
        i++;
      } else {
        bytes += 3;
      }
    }
    return bytes > limit;
  }
}
