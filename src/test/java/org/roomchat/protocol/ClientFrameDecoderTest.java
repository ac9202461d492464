package org.roomchat.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.roomchat.protocol.Rejection;

/** Every client frame form of the contract, as the endpoint receives it after decoding. */
class ClientFrameDecoderTest {

  private final ClientFrameDecoder decoder = new ClientFrameDecoder();

  private ClientFrame decode(String text) {
    return decoder.decode(text);
  }

  private static ClientFrame refused(Rejection rejection) {
    return new ClientFrame.Malformed(rejection);
  }

  @Test
  void messageWithType() {
    assertEquals(
        new ClientFrame.SendMessage("hello"),
        decode("{\"type\":\"message\",\"message\":\"hello\"}"));
  }

  @Test
  void messageWithoutTypeIsAMessage() {
    assertEquals(new ClientFrame.SendMessage("hello"), decode("{\"message\":\"hello\"}"));
  }

  @Test
  void messageTextIsKeptAsTyped() {
    // Escapes are decoded; nothing is trimmed or escaped at this stage.
    assertEquals(
        new ClientFrame.SendMessage("  <b>안녕</b> \"😀\"\n"),
        decode("{\"message\":\"  <b>안녕</b> \\\"\\ud83d\\ude00\\\"\\n\"}"));
  }

  @Test
  void usernameSentByTheClientIsIgnored() {
    assertEquals(
        new ClientFrame.SendMessage("hi"),
        decode("{\"type\":\"message\",\"message\":\"hi\",\"username\":\"mallory\"}"));
  }

  @Test
  void typingTrueAndFalse() {
    assertEquals(new ClientFrame.Typing(true), decode("{\"type\":\"typing\",\"is_typing\":true}"));
    assertEquals(
        new ClientFrame.Typing(false), decode("{\"type\":\"typing\",\"is_typing\":false}"));
  }

  @Test
  void readNamesAMessageId() {
    assertEquals(new ClientFrame.Read(42), decode("{\"type\":\"read\",\"message_id\":42}"));
    assertEquals(new ClientFrame.Read(42), decode("{\"type\":\"read\",\"message_id\":42.0}"));
    assertEquals(
        new ClientFrame.Read(Long.MAX_VALUE),
        decode("{\"type\":\"read\",\"message_id\":" + Long.MAX_VALUE + "}"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"type\":\"read\"}",
        "{\"type\":\"read\",\"message_id\":\"42\"}",
        "{\"type\":\"read\",\"message_id\":null}",
        "{\"type\":\"read\",\"message_id\":0}",
        "{\"type\":\"read\",\"message_id\":-3}",
        "{\"type\":\"read\",\"message_id\":4.5}",
        "{\"type\":\"read\",\"message_id\":9223372036854775808}",
        "{\"type\":\"read\",\"message_id\":1e999999999}",
        "{\"type\":\"read\",\"message_id\":[42]}"
      })
  void readWithoutAPositiveWholeIdIsRefused(String frame) {
    assertEquals(refused(Rejection.INVALID_READ), decode(frame));
  }

  @Test
  void typingWithoutIsTypingMeansStopped() {
    assertEquals(new ClientFrame.Typing(false), decode("{\"type\":\"typing\"}"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"\"yes\"", "1", "0", "null", "[]", "{}", "\"true\""})
  void typingWithNonBooleanIsTypingIsRefused(String isTyping) {
    assertEquals(
        refused(Rejection.TYPING_NOT_BOOLEAN),
        decode("{\"type\":\"typing\",\"is_typing\":" + isTyping + "}"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"hello", "{", "{\"message\":", "{'message':'hi'}", "", "   ", "\u0000"})
  void textThatIsNotJsonIsRefused(String text) {
    assertEquals(refused(Rejection.NOT_JSON), decode(text));
  }

  @Test
  void jsonFollowedByGarbageIsRefusedAsNotJson() {
    assertEquals(refused(Rejection.NOT_JSON), decode("{\"message\":\"hi\"} trailing"));
  }

  @Test
  void deeplyNestedJsonIsRefusedWithoutThrowing() {
    // A 64 KiB frame can nest arrays 30,000 deep; decoding must answer, not blow the stack.
    String nested = "[".repeat(30_000) + "]".repeat(30_000);
    ClientFrame frame = decode("{\"message\":\"hi\",\"extra\":" + nested + "}");
    assertTrue(
        frame.equals(refused(Rejection.NOT_JSON))
            || frame.equals(new ClientFrame.SendMessage("hi")),
        () -> "decoded as " + frame);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"[]", "[{\"message\":\"hi\"}]", "42", "-1.5", "\"hello\"", "true", "null"})
  void jsonThatIsNotAnObjectIsRefused(String text) {
    assertEquals(refused(Rejection.NOT_AN_OBJECT), decode(text));
  }

  @ParameterizedTest
  @ValueSource(strings = {"\"shout\"", "\"MESSAGE\"", "\"\"", "5", "true", "[\"message\"]"})
  void unknownTypeIsRefused(String type) {
    assertEquals(
        refused(Rejection.UNKNOWN_TYPE), decode("{\"type\":" + type + ",\"message\":\"hi\"}"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"type\":\"message\",\"message\":5}",
        "{\"type\":\"message\",\"message\":null}",
        "{\"type\":\"message\",\"message\":true}",
        "{\"type\":\"message\",\"message\":[\"hi\"]}",
        "{\"type\":\"message\",\"message\":{\"text\":\"hi\"}}",
        "{\"type\":\"message\"}",
        "{\"message\":12}"
      })
  void messageThatIsNotAStringIsRefused(String text) {
    assertEquals(refused(Rejection.MESSAGE_NOT_TEXT), decode(text));
  }

  @Test
  void framesOverTheCapAreMeasuredInUtf8Bytes() {
    int cap = ClientFrameDecoder.MAX_FRAME_BYTES;
    String envelope = "{\"message\":\"\"}";
    String ascii = "x".repeat(cap - envelope.length());
    assertEquals(new ClientFrame.SendMessage(ascii), decode("{\"message\":\"" + ascii + "\"}"));
    assertEquals(new ClientFrame.TooLarge(), decode("{\"message\":\"" + ascii + "x\"}"));
    // 22,000 Hangul syllables are 66,000 bytes in 22,000 chars.
    assertEquals(new ClientFrame.TooLarge(), decode("{\"message\":\"" + "한".repeat(22_000) + "\"}"));
    String emoji = "\uD83D\uDE00"; // four bytes in two chars
    assertTrue(ClientFrameDecoder.utf8LengthExceeds(emoji.repeat(cap / 4 + 1), cap));
    assertTrue(!ClientFrameDecoder.utf8LengthExceeds(emoji.repeat(cap / 4), cap));
  }

  @Test
  void editAndDeleteNameAMessage() {
    assertEquals(
        new ClientFrame.Edit(42, "new words"),
        decode("{\"type\":\"edit\",\"message_id\":42,\"message\":\"new words\"}"));
    assertEquals(
        new ClientFrame.Delete(42), decode("{\"type\":\"delete\",\"message_id\":42}"));
  }

  @Test
  void editAndDeleteWithoutAMessageIdAreInvalidFrames() {
    List<String> ids =
        List.of(
            "",
            ",\"message_id\":0",
            ",\"message_id\":-3",
            ",\"message_id\":1.5",
            ",\"message_id\":\"42\"",
            ",\"message_id\":1" + "0".repeat(30));
    for (String id : ids) {
      assertEquals(
          new ClientFrame.Malformed(Rejection.INVALID_MESSAGE_ID),
          decode("{\"type\":\"delete\"" + id + "}"),
          id);
      assertEquals(
          new ClientFrame.Malformed(Rejection.INVALID_MESSAGE_ID),
          decode("{\"type\":\"edit\",\"message\":\"x\"" + id + "}"),
          id);
    }
    assertEquals("invalid_frame", Rejection.INVALID_MESSAGE_ID.code());
  }

  @Test
  void anEditWhoseTextIsNoStringIsAnInvalidMessage() {
    assertEquals(
        new ClientFrame.Malformed(Rejection.MESSAGE_NOT_TEXT),
        decode("{\"type\":\"edit\",\"message_id\":42,\"message\":7}"));
  }
}
