package org.roomchat.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.roomchat.protocol.Rejection;

/**
 * The contract's text rule, length limit and banned words, with the defaults the server starts
 * with.
 */
class MessagePolicyTest {

  private final MessagePolicy policy = new MessagePolicy(1000, List.of("spam", "abuse"));

  private static MessagePolicy.Verdict accepted(String text) {
    return new MessagePolicy.Accepted(text);
  }

  private static MessagePolicy.Verdict refused(Rejection rejection) {
    return new MessagePolicy.Refused(rejection);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " ", "   ", "\n", "\t \n", "\u3000"})
  void blankMessagesAreIgnored(String blank) {
    assertEquals(new MessagePolicy.Ignored(), policy.check(blank));
  }

  @Test
  void surroundingWhitespaceIsTrimmed() {
    assertEquals(accepted("hello there"), policy.check("  hello there \n"));
  }

  @Test
  void textIsOtherwiseKeptAsTyped() {
    assertEquals(accepted("<b>Hi</b> &amp; 안녕"), policy.check("<b>Hi</b> &amp; 안녕"));
  }

  @Test
  void exactlyTheLimitIsAccepted() {
    String text = "a".repeat(1000);
    assertEquals(accepted(text), policy.check(text));
  }

  @Test
  void oneOverTheLimitIsRefused() {
    assertEquals(refused(Rejection.TOO_LONG), policy.check("a".repeat(1001)));
  }

  @Test
  void lengthIsCountedInCharactersNotBytesOrUtf16Units() {
    String korean = "가".repeat(1000);
    String emoji = "😀".repeat(1000); // 2000 UTF-16 units

    assertEquals(accepted(korean), policy.check(korean));
    assertEquals(accepted(emoji), policy.check(emoji));
    assertEquals(refused(Rejection.TOO_LONG), policy.check(korean + "가"));
    assertEquals(refused(Rejection.TOO_LONG), policy.check(emoji + "😀"));
  }

  @Test
  void lengthIsMeasuredAfterTrimming() {
    String text = "b".repeat(1000);
    assertEquals(accepted(text), policy.check("   " + text + "   "));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"spam", "SPAM", "Spam me", "this is sPaM!", "no-abuse-please", "ＳＰＡＭ", "spammer"})
  void bannedWordsAreFoundWhateverTheirCase(String text) {
    assertEquals(refused(Rejection.BANNED_WORD), policy.check(text));
  }

  @Test
  void bannedWordsAreFoundInsideKoreanTextWithParticles() {
    MessagePolicy korean = new MessagePolicy(1000, List.of("바보", "Spam"));

    assertEquals(refused(Rejection.BANNED_WORD), korean.check("너는 바보야"));
    assertEquals(refused(Rejection.BANNED_WORD), korean.check("바보를 봤어"));
    assertEquals(refused(Rejection.BANNED_WORD), korean.check("이건 스팸이 아니라 SPAM이에요"));
    assertEquals(accepted("안녕하세요"), korean.check("안녕하세요"));
  }

  @Test
  void bannedWordListIsFoldedToo() {
    MessagePolicy upper = new MessagePolicy(1000, List.of("  SPAM "));

    assertEquals(refused(Rejection.BANNED_WORD), upper.check("spam"));
    assertEquals(accepted("ham"), upper.check("ham"));
  }

  @Test
  void cleanTextPasses() {
    assertEquals(accepted("Hello, world"), policy.check("Hello, world"));
  }

  @Test
  void anEmptyBannedListBansNothing() {
    MessagePolicy open = new MessagePolicy(1000, List.of());

    assertEquals(accepted("spam and abuse"), open.check("spam and abuse"));
  }

  @Test
  void blankEntriesInTheBannedListBanNothing() {
    // CHAT_BANNED_WORDS="" or "spam,,": an empty word would otherwise match every message.
    MessagePolicy blanks = new MessagePolicy(1000, List.of("", " ", "\t"));

    assertEquals(accepted("hello"), blanks.check("hello"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "nul \u0000 inside",
        "\u0000",
        "bell \u0007",
        "carriage return\r\n",
        "escape \u001B[31m red",
        "unit separator \u001F", // a space to strip(), so it must be refused before the strip
        "  \u001C  ",
        "delete \u007F",
        "c1 \u0085 next line",
        "c1 \u009B csi"
      })
  void controlCharactersOtherThanNewlineAndTabAreRefused(String text) {
    assertEquals(refused(Rejection.INVALID_TEXT), policy.check(text));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "lone high \uD83D here",
        "lone low \uDE00 here",
        "ends in a high half \uD83D",
        "\uDE00 starts with a low half",
        "swapped \uDE00\uD83D halves"
      })
  void surrogatesWithoutTheirOtherHalfAreRefused(String text) {
    assertEquals(refused(Rejection.INVALID_TEXT), policy.check(text));
  }

  @Test
  void newlinesTabsAndWholeSurrogatePairsAreText() {
    String text = "line one\n\tline two 😀 \uD83D\uDE00 가";
    assertEquals(accepted(text), policy.check(text));
  }

  @Test
  void invisibleButMeaningfulCharactersAreText() {
    // Joiners build emoji and Indic conjuncts; they are format characters, not controls.
    String family = "👩\u200D👩\u200D👧 \u0915\u094D\u200D\u0937";
    assertEquals(accepted(family), policy.check(family));
  }

  @Test
  void brokenTextWinsOverLengthAndBannedWord() {
    assertEquals(refused(Rejection.INVALID_TEXT), policy.check("spam\u0000".repeat(300)));
  }

  @Test
  void tooLongWinsOverBannedWord() {
    assertEquals(refused(Rejection.TOO_LONG), policy.check("spam".repeat(300)));
  }
}
