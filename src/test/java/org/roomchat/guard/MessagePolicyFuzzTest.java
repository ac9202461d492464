package org.roomchat.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.fail;

import com.code_intelligence.jazzer.junit.DictionaryFile;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.text.Normalizer;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.roomchat.protocol.Rejection;
import org.roomchat.support.FuzzText;
import org.roomchat.support.FuzzTime;

/**
 * Every message gets a verdict that agrees with the contract's rules, whatever the banned-word
 * list. Without {@code JAZZER_FUZZ} this replays the inputs under {@code
 * MessagePolicyFuzzTestInputs}.
 */
public class MessagePolicyFuzzTest {

  private static final int MAX_LENGTH = 1000;
  private static final byte SEPARATOR = (byte) 0xFF; // never in UTF-8

  /**
   * The input is the message; or a comma-separated banned-word list (as CHAT_BANNED_WORDS), a 0xFF
   * byte, then the message.
   */
  @DictionaryFile(resourcePath = "messages.dict")
  @FuzzTest(maxDuration = "10m")
  void everyMessageGetsAVerdictThatFitsTheRules(byte[] input) {
    int separator = indexOf(input, SEPARATOR);
    List<String> bannedWords =
        separator < 0
            ? List.of("spam", "abuse")
            : Arrays.asList(FuzzText.of(input, 0, separator).split(","));
    String message = FuzzText.of(input, separator + 1, input.length);
    assertVerdictFits(new MessagePolicy(MAX_LENGTH, bannedWords), bannedWords, message);
  }

  /** The verdict follows from the rules, checked here in their order, without the policy's code. */
  public static void assertVerdictFits(
      MessagePolicy policy, List<String> bannedWords, String message) {
    MessagePolicy.Verdict verdict = FuzzTime.quick(() -> policy.check(message));
    assertNotNull(verdict);
    String stripped = message.strip();
    if (!isText(message)) {
      assertEquals(new MessagePolicy.Refused(Rejection.INVALID_TEXT), verdict);
    } else if (stripped.isEmpty()) {
      assertEquals(new MessagePolicy.Ignored(), verdict);
    } else if (stripped.codePointCount(0, stripped.length()) > MAX_LENGTH) {
      assertEquals(new MessagePolicy.Refused(Rejection.TOO_LONG), verdict);
    } else if (containsBannedWord(stripped, bannedWords)) {
      assertEquals(new MessagePolicy.Refused(Rejection.BANNED_WORD), verdict);
    } else if (verdict instanceof MessagePolicy.Accepted accepted) {
      assertEquals(stripped, accepted.text());
      assertFalse(accepted.text().isEmpty());
    } else {
      fail("refused clean text: " + verdict);
    }
  }

  /** No C0 or C1 control but newline and tab, and no surrogate outside a pair. */
  private static boolean isText(String message) {
    return message
        .codePoints()
        .allMatch(
            c ->
                c == '\n'
                    || c == '\t'
                    || !(Character.getType(c) == Character.CONTROL
                        || (c >= Character.MIN_SURROGATE && c <= Character.MAX_SURROGATE)));
  }

  private static boolean containsBannedWord(String text, List<String> bannedWords) {
    String folded = fold(text);
    return bannedWords.stream().map(MessagePolicyFuzzTest::fold).anyMatch(
        word -> !word.isEmpty() && folded.contains(word));
  }

  private static String fold(String text) {
    return Normalizer.normalize(text.strip(), Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
  }

  private static int indexOf(byte[] bytes, byte wanted) {
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] == wanted) {
        return i;
      }
    }
    return -1;
  }

  // Fixed inputs as large as a frame can carry: each gets its verdict quickly.

  private final MessagePolicy policy = new MessagePolicy(MAX_LENGTH, List.of("spam", "abuse"));

  @Test
  void framesWorthOfBrokenTextIsRefused() {
    assertEquals(refused(Rejection.INVALID_TEXT), checkQuickly(policy, "\u0000".repeat(65_000)));
    assertEquals(refused(Rejection.INVALID_TEXT), checkQuickly(policy, "\ud800".repeat(21_000)));
    assertEquals(
        refused(Rejection.INVALID_TEXT), checkQuickly(policy, "a".repeat(60_000) + "\udc00"));
  }

  @Test
  void textThatGrowsWhenFoldedIsMeasuredBeforeFolding() {
    // NFKC writes U+FDFA as 18 characters: the length limit comes first, on the text as sent.
    assertEquals(refused(Rejection.TOO_LONG), checkQuickly(policy, "\ufdfa".repeat(21_000)));
    String longest = "\ufdfa".repeat(MAX_LENGTH);
    assertEquals(new MessagePolicy.Accepted(longest), checkQuickly(policy, longest));
  }

  @Test
  void brokenBannedWordsBanOnlyThemselves() {
    MessagePolicy odd = new MessagePolicy(MAX_LENGTH, List.of("\ud800", "\u0000", "\ufdfa"));
    assertEquals(new MessagePolicy.Accepted("hello"), checkQuickly(odd, "hello"));
    assertEquals(refused(Rejection.INVALID_TEXT), checkQuickly(odd, "a\ud800"));
    assertEquals(refused(Rejection.BANNED_WORD), checkQuickly(odd, "\ufdfa"));
  }

  private static MessagePolicy.Verdict refused(Rejection rejection) {
    return new MessagePolicy.Refused(rejection);
  }

  private static MessagePolicy.Verdict checkQuickly(MessagePolicy policy, String message) {
    return assertTimeoutPreemptively(Duration.ofSeconds(10), () -> policy.check(message));
  }
}
