package org.roomchat.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Collections;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;
import org.roomchat.account.AccountService.SignupProblem;

/** Names that cannot pass for another: one form to show, one key to compare, no lookalikes. */
class UsernamePolicyTest {

  private static final String FULL_WIDTH_ADMIN = "\uFF41\uFF44\uFF4D\uFF49\uFF4E";
  private static final String CYRILLIC_A = "\u0430";

  @Test
  void theShownFormIsNfkc() {
    assertEquals("admin", UsernamePolicy.normalise(FULL_WIDTH_ADMIN));
    assertEquals("Admin", UsernamePolicy.normalise("Ａｄｍｉｎ"));
    assertEquals("file", UsernamePolicy.normalise("\uFB01le")); // the fi ligature comes apart
    assertEquals("김철수", UsernamePolicy.normalise("김철수"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"admin", "Admin", "ADMIN", "aDmIn", FULL_WIDTH_ADMIN, "ＡＤＭＩＮ"})
  void casesAndWidthsShareOneKey(String name) {
    assertEquals("admin", UsernamePolicy.key(name));
  }

  @ParameterizedTest
  @ValueSource(strings = {"Straße", "ΟΔΟΣ", "ＡＤＭＩＮ", "\uFB01le", "Kim김", "İstanbul"})
  void theKeyOfTheShownFormIsTheKeyOfTheTypedName(String typed) {
    assertEquals(UsernamePolicy.key(typed), UsernamePolicy.key(UsernamePolicy.normalise(typed)));
  }

  @Test
  void foldingIsFullCaseFoldingNotLowerCasing() {
    assertEquals(UsernamePolicy.key("STRASSE"), UsernamePolicy.key("Straße"));
    // Final and medial sigma are one letter.
    assertEquals(UsernamePolicy.key("ΟΔΟΣ"), UsernamePolicy.key("οδος"));
    assertEquals(UsernamePolicy.key("οδοσ"), UsernamePolicy.key("οδος"));
  }

  @Test
  void differentNamesKeepDifferentKeys() {
    assertNotEquals(UsernamePolicy.key("admin"), UsernamePolicy.key("admin1"));
    assertNotEquals(UsernamePolicy.key("admin"), UsernamePolicy.key(CYRILLIC_A + "dmin"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "alice",
        "Bob_Smith",
        "bob.smith@example.com",
        "a+b-c",
        "김철수123",
        "kim김",
        "日本ひらがなカタカナ",
        "Straße",
        "ali_علي",
        "Иван", // Cyrillic alone is one script
        "ΟΔΟΣ"
      })
  void ordinaryNamesPass(String name) {
    assertEquals(Optional.empty(), UsernamePolicy.problem(name));
  }

  @Test
  void aNameOfTheLongestLengthPasses() {
    assertEquals(Optional.empty(), UsernamePolicy.problem("x".repeat(150)));
  }

  @Test
  void fullWidthNamesPassAndBecomeTheirPlainForm() {
    assertEquals(Optional.empty(), UsernamePolicy.problem(FULL_WIDTH_ADMIN));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "admin\u200D", // zero-width joiner
        "ad\u200Cmin", // zero-width non-joiner
        "\u200Badmin", // zero-width space
        "admin\u2060", // word joiner
        "\uFEFFadmin", // byte order mark
        "admin\u00AD", // soft hyphen
        "\u202Enimda", // right-to-left override
        "admin\u200E", // left-to-right mark
        "admin\u2066", // left-to-right isolate
        "admin\uFE0F", // variation selector
        "admin\uDB40\uDD00", // variation selector 17
        "admin\uDB40\uDC41", // tag letter A
        "\u3164admin", // Hangul filler
        "admin\u115F", // Hangul choseong filler
        "admin\u034F", // combining grapheme joiner
        "admin\u0000",
        "admin\u0085",
        "admin\uE000", // private use
        "admin\uD800", // half a surrogate pair
        "a\u0301\u0301dmin" // the same mark twice, drawn once
      })
  void invisibleAndFormatCharactersAreRefused(String name) {
    assertEquals(Optional.of(SignupProblem.USERNAME_INVISIBLE), UsernamePolicy.problem(name));
  }

  @Test
  void everyFormatCharacterIsInvisible() {
    for (int c = 0; c <= Character.MAX_CODE_POINT; c++) {
      if (Character.getType(c) == Character.FORMAT || Character.getType(c) == Character.CONTROL) {
        int codePoint = c;
        assertTrue(UsernamePolicy.isInvisible(c), () -> Integer.toHexString(codePoint));
      }
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        CYRILLIC_A + "dmin", // Latin with one Cyrillic letter
        "p" + CYRILLIC_A + "ypal",
        "adm\u0456n", // Cyrillic i
        "\u03B1lpha", // Greek alpha
        "user\u06612", // Arabic-Indic digit beside an ASCII one
        "김철수Иван" // Hangul with Cyrillic
      })
  void lookalikeMixturesAreRefused(String name) {
    assertEquals(Optional.of(SignupProblem.USERNAME_MIXED_SCRIPTS), UsernamePolicy.problem(name));
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {"with space", "semi;colon", "<script>", "a/b", "\uFF5Etilde"})
  void namesOutsideTheAllowedCharactersAreRefused(String name) {
    assertEquals(Optional.of(SignupProblem.USERNAME_INVALID), UsernamePolicy.problem(name));
  }

  @ParameterizedTest
  @ValueSource(strings = {".", "..", "...", "\uFF0E\uFF0E"}) // the last: full-width dots
  void namesOfDotsAloneAreRefused(String name) {
    assertEquals(Optional.of(SignupProblem.USERNAME_DOTS), UsernamePolicy.problem(name));
  }

  @Test
  void dotsWithinANameAreFine() {
    assertEquals(Optional.empty(), UsernamePolicy.problem("j.doe"));
    assertEquals(Optional.empty(), UsernamePolicy.problem(".hidden."));
  }

  @Test
  void theLengthLimitHoldsForTheShownForm() {
    assertEquals(
        Optional.of(SignupProblem.USERNAME_INVALID), UsernamePolicy.problem("x".repeat(151)));
    // One square sign becomes four letters: 148 plus four is over the limit.
    assertEquals("アパート", UsernamePolicy.normalise("\u3300"));
    assertEquals(
        Optional.of(SignupProblem.USERNAME_INVALID),
        UsernamePolicy.problem("x".repeat(148) + "\u3300"));
  }

  @ParameterizedTest
  @CsvSource({
    "ace, асе", // wholly Cyrillic
    "admin, adrnin",
    "admin, аdmin", // one Cyrillic letter (refused anyway, as a mixture)
    "bobl, B0BL",
    "bobl, bob1",
    "bobl, BOBI",
    "paypal, раураl",
    "kim김, kirn김",
    "josé, jose", // a mark on a Latin letter
  })
  void namesThatLookAlikeShareTheirLookalikeForm(String name, String lookalike) {
    assertEquals(UsernamePolicy.lookalike(name), UsernamePolicy.lookalike(lookalike));
    assertShareAForm(name, lookalike);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "ADMlN", // a small L for the capital I
        "ADM\u0130N", // a capital I with a dot
        "Admin\u0307", // a combining dot above the n, which NFKC makes one letter
        "adm\u00EDn", // an i with an acute accent
        "ADMIN",
      })
  void aNameMeetsItsLookalikesInEveryCaseShape(String typed) {
    String name = UsernamePolicy.normalise(typed);
    assertTrue(UsernamePolicy.problem(typed).isEmpty(), () -> typed + " passes the name rules");
    assertShareAForm("admin", name);
  }

  @Test
  void aMarkHiddenOnALetterThatHasOneIsRefused() {
    assertEquals(
        Optional.of(SignupProblem.USERNAME_INVISIBLE), UsernamePolicy.problem("Admi\u0307n"));
  }

  private static void assertShareAForm(String name, String lookalike) {
    Set<String> forms = UsernamePolicy.lookalikeHashes(name);
    assertFalse(
        Collections.disjoint(forms, UsernamePolicy.lookalikeHashes(lookalike)),
        () ->
            UsernamePolicy.lookalikeForms(name)
                + " and "
                + UsernamePolicy.lookalikeForms(lookalike));
  }

  @ParameterizedTest
  @CsvSource({
    "ace, acme",
    "bob, bobby",
    "alice, alice2",
    // Hangul syllables are compared whole: their letters one by one would make these one name.
    "가까, 각가",
    "김철수, 김철",
    "Дмитрий, Дмитри",
  })
  void differentNamesKeepDifferentLookalikeForms(String name, String other) {
    assertNotEquals(UsernamePolicy.lookalike(name), UsernamePolicy.lookalike(other));
    assertTrue(
        Collections.disjoint(
            UsernamePolicy.lookalikeHashes(name), UsernamePolicy.lookalikeHashes(other)),
        () -> UsernamePolicy.lookalikeForms(name) + " and " + UsernamePolicy.lookalikeForms(other));
  }

  @Test
  void aNameWhollyInAnotherScriptIsANameOfItsOwn() {
    assertEquals(Optional.empty(), UsernamePolicy.problem("асе"));
    assertTrue(UsernamePolicy.lookalikeHashes("асе").stream().allMatch(h -> h.length() == 64));
  }

  @Test
  void marksOnOtherScriptsAreKept() {
    // Devanagari vowel signs and a Korean name are letters of their own, not decorations.
    assertNotEquals(UsernamePolicy.lookalike("किम"), UsernamePolicy.lookalike("कम"));
    assertEquals(Set.of(UsernamePolicy.lookalike("김철수")), UsernamePolicy.lookalikeForms("김철수"));
  }
}
