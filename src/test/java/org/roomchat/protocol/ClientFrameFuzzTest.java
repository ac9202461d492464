package org.roomchat.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.DictionaryFile;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.roomchat.guard.MessagePolicy;
import org.roomchat.guard.MessagePolicyFuzzTest;
import org.roomchat.protocol.Rejection;
import org.roomchat.support.FuzzText;
import org.roomchat.support.FuzzTime;

/**
 * Whatever text a client sends, the decoder and the message policy answer with a frame or with a
 * rejection that becomes an error frame, and never with an exception. Without {@code JAZZER_FUZZ}
 * these replay the inputs under {@code ClientFrameFuzzTestInputs}.
 */
class ClientFrameFuzzTest {

  static final Set<Rejection> DECODER_REJECTIONS =
      EnumSet.of(
          Rejection.NOT_JSON,
          Rejection.NOT_AN_OBJECT,
          Rejection.UNKNOWN_TYPE,
          Rejection.MESSAGE_NOT_TEXT,
          Rejection.TYPING_NOT_BOOLEAN,
          Rejection.INVALID_READ);

  /** The server's defaults: 1000 characters, CHAT_BANNED_WORDS=spam,abuse. */
  static final MessagePolicy POLICY = new MessagePolicy(1000, List.of("spam", "abuse"));

  /** Enough to go just past the frame cap, however short the repeated piece. */
  private static final int REPEATED_CHARS = ClientFrameDecoder.MAX_FRAME_BYTES + 4096;

  private static final byte SEPARATOR = (byte) 0xFF; // never in UTF-8

  @DictionaryFile(resourcePath = "frames.dict")
  @FuzzTest(maxDuration = "10m")
  void everyTextFrameGetsAFrameOrARejection(byte[] input) {
    assertAnswered(FuzzText.of(input));
  }

  /**
   * Frames built as {@code prefix + piece × count + suffix}, so that a short input reaches deep
   * nesting, long numbers and strings, and sizes on both sides of the frame cap. The input is a
   * two-byte count, then prefix, piece and suffix separated by 0xFF bytes.
   */
  @DictionaryFile(resourcePath = "frames.dict")
  @FuzzTest(maxDuration = "10m")
  void repeatedPiecesGetAFrameOrARejection(byte[] input) {
    assertAnswered(repeated(input));
  }

  @DictionaryFile(resourcePath = "after.dict")
  @FuzzTest(maxDuration = "10m")
  void everyAfterParameterIsAMessageIdOrRefused(byte[] input) {
    String text = FuzzText.of(input);
    Long after = FuzzTime.quick(() -> CatchUpParameter.parse(text));
    assertEquals(expectedAfter(text), after, () -> "after=" + text);
  }

  // Fixed inputs that once took, or could take, a parser down: each gets its answer quickly, on a
  // thread with an ordinary stack, and never as an exception.

  @Test
  void deepNestingIsRefused() {
    assertRefused(decodeQuickly("[".repeat(60_000)));
    assertRefused(decodeQuickly("[".repeat(30_000) + "]".repeat(30_000)));
    assertRefused(decodeQuickly("{\"a\":".repeat(10_000) + "1" + "}".repeat(10_000)));
    assertRefused(decodeQuickly("{\"message\":" + "[".repeat(30_000) + "]".repeat(30_000) + "}"));
  }

  @Test
  void hugeNumbersAreRefusedAsMessages() {
    assertEquals(
        new ClientFrame.Malformed(Rejection.MESSAGE_NOT_TEXT),
        decodeQuickly("{\"type\":\"message\",\"message\":1e999999999}"));
    assertEquals(
        new ClientFrame.Malformed(Rejection.TYPING_NOT_BOOLEAN),
        decodeQuickly("{\"type\":\"typing\",\"is_typing\":-1e-999999999}"));
    assertRefused(decodeQuickly("{\"message\":" + "9".repeat(10_000) + "}"));
    assertRefused(decodeQuickly("{\"message\":0." + "0".repeat(60_000) + "1}"));
  }

  @Test
  void hugeNumbersInExtraFieldsLeaveTheMessageOrRefuseTheFrame() {
    // Whether a parser takes a 10,000-digit number is its own limit; either answer is fine.
    for (String number : List.of("1e999999999", "9".repeat(10_000), "-" + "1".repeat(60_000))) {
      ClientFrame frame = decodeQuickly("{\"message\":\"hi\",\"n\":" + number + "}");
      assertTrue(
          frame.equals(new ClientFrame.SendMessage("hi"))
              || frame.equals(new ClientFrame.Malformed(Rejection.NOT_JSON)),
          () -> "decoded as " + frame);
    }
  }

  @Test
  void afterParametersOfThousandsOfDigits() {
    assertEquals(null, parseAfterQuickly("9".repeat(10_000)));
    assertEquals(null, parseAfterQuickly("-" + "9".repeat(10_000)));
    assertEquals(42L, parseAfterQuickly("0".repeat(10_000) + "42"));
    assertEquals(Long.MAX_VALUE, parseAfterQuickly("9223372036854775807"));
    assertEquals(null, parseAfterQuickly("9223372036854775808"));
    assertEquals(null, parseAfterQuickly("1\u0000"));
    assertEquals(null, parseAfterQuickly("\ud800"));
  }

  @Test
  void loneSurrogatesAreRefusedByThePolicy() {
    for (String frame :
        List.of(
            "{\"message\":\"\\ud800\"}",
            "{\"message\":\"a\\udc00b\"}",
            "{\"message\":\"\\ude00\\ud83d\"}",
            "{\"message\":\"\ud800\"}",
            "{\"message\":\"x\udfff\"}")) {
      ClientFrame decoded = decodeQuickly(frame);
      assertTrue(
          decoded instanceof ClientFrame.SendMessage, () -> frame + " decoded as " + decoded);
      assertEquals(
          new MessagePolicy.Refused(Rejection.INVALID_TEXT),
          POLICY.check(((ClientFrame.SendMessage) decoded).message()));
    }
    // Three bytes each, as a UTF-8 encoder that let them through would write them.
    assertEquals(new ClientFrame.TooLarge(), decodeQuickly("\ud800".repeat(22_000)));
  }

  @Test
  void nulBytesAreRefused() {
    assertEquals(refused(Rejection.NOT_JSON), decodeQuickly("\u0000"));
    assertEquals(refused(Rejection.NOT_JSON), decodeQuickly("{\"message\":\"a\u0000b\"}"));
    assertEquals(refused(Rejection.NOT_JSON), decodeQuickly("{\"message\":\"hi\"}\u0000"));
    assertEquals(refused(Rejection.NOT_JSON), decodeQuickly("\u0000".repeat(60_000)));
    String escaped = "\\u0000".repeat(10_000); // 60,000 bytes
    assertEquals(
        new ClientFrame.SendMessage("\u0000".repeat(10_000)),
        decodeQuickly("{\"message\":\"" + escaped + "\"}"));
    assertEquals(
        new MessagePolicy.Refused(Rejection.INVALID_TEXT), POLICY.check("\u0000".repeat(10_000)));
  }

  @Test
  void giganticStringsAroundTheFrameCap() {
    int cap = ClientFrameDecoder.MAX_FRAME_BYTES;
    String envelope = "{\"message\":\"\"}";
    String fits = "x".repeat(cap - envelope.length());
    ClientFrame atCap = decodeQuickly("{\"message\":\"" + fits + "\"}");
    assertEquals(new ClientFrame.SendMessage(fits), atCap);
    assertEquals(new MessagePolicy.Refused(Rejection.TOO_LONG), POLICY.check(fits));
    assertEquals(new ClientFrame.TooLarge(), decodeQuickly("{\"message\":\"" + fits + "x\"}"));
    assertEquals(new ClientFrame.TooLarge(), decodeQuickly("x".repeat(10 * 1024 * 1024)));
    assertEquals(
        new ClientFrame.TooLarge(),
        decodeQuickly("{\"message\":\"" + "\uD83D\uDE00".repeat(cap / 4) + "\"}"));
    assertEquals(
        new ClientFrame.SendMessage("hi"),
        decodeQuickly("{\"message\":\"hi\",\"" + "k".repeat(60_000) + "\":1}"));
    assertRefused(decodeQuickly("\"" + "x".repeat(cap - 1)));
  }

  /** Well inside a second on any machine; ten leave room for a busy one. */
  private static final Duration QUICKLY = Duration.ofSeconds(10);

  private static ClientFrame decodeQuickly(String text) {
    return assertTimeoutPreemptively(QUICKLY, () -> new ClientFrameDecoder().decode(text));
  }

  private static Long parseAfterQuickly(String text) {
    return assertTimeoutPreemptively(QUICKLY, () -> CatchUpParameter.parse(text));
  }

  private static ClientFrame refused(Rejection rejection) {
    return new ClientFrame.Malformed(rejection);
  }

  private static void assertRefused(ClientFrame frame) {
    assertTrue(
        frame instanceof ClientFrame.Malformed malformed
            && DECODER_REJECTIONS.contains(malformed.rejection()),
        () -> "decoded as " + frame);
  }

  static void assertAnswered(String text) {
    ClientFrame frame = FuzzTime.quick(() -> new ClientFrameDecoder().decode(text));
    assertNotNull(frame);
    if (isWellFormed(text)) {
      // A text with lone surrogates has no UTF-8 form; the decoder counts them as three bytes.
      int bytes = text.getBytes(StandardCharsets.UTF_8).length;
      assertEquals(
          bytes > ClientFrameDecoder.MAX_FRAME_BYTES, frame instanceof ClientFrame.TooLarge, "size");
    }
    if (frame instanceof ClientFrame.Malformed malformed) {
      assertTrue(DECODER_REJECTIONS.contains(malformed.rejection()), () -> "" + malformed);
    } else if (frame instanceof ClientFrame.SendMessage message) {
      assertNotNull(message.message());
      MessagePolicyFuzzTest.assertVerdictFits(POLICY, List.of("spam", "abuse"), message.message());
    }
  }

  static String repeated(byte[] input) {
    if (input.length < 2) {
      return FuzzText.of(input);
    }
    int count = ((input[0] & 0xFF) << 8) | (input[1] & 0xFF);
    int[] cuts = {2, input.length, input.length, input.length};
    for (int i = 2, part = 1; i < input.length && part < 3; i++) {
      if (input[i] == SEPARATOR) {
        cuts[part++] = i;
      }
    }
    String prefix = FuzzText.of(input, cuts[0], cuts[1]);
    String piece = FuzzText.of(input, Math.min(cuts[1] + 1, cuts[2]), cuts[2]);
    String suffix = FuzzText.of(input, Math.min(cuts[2] + 1, cuts[3]), cuts[3]);
    int times = piece.isEmpty() ? 0 : Math.min(count, REPEATED_CHARS / piece.length());
    return prefix + piece.repeat(times) + suffix;
  }

  /** The contract's reading of {@code ?after=}: a non-negative message id, or nothing. */
  static Long expectedAfter(String text) {
    if (text == null || text.isEmpty()) {
      return null;
    }
    try {
      BigInteger id = new BigInteger(text);
      return id.signum() >= 0 && id.bitLength() < 64 ? id.longValueExact() : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  static boolean isWellFormed(String text) {
    return text.codePoints()
        .noneMatch(c -> c >= Character.MIN_SURROGATE && c <= Character.MAX_SURROGATE);
  }
}
