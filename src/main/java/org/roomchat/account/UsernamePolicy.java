package org.roomchat.account;

import com.ibm.icu.lang.UCharacter;
import com.ibm.icu.lang.UCharacterCategory;
import com.ibm.icu.lang.UProperty;
import com.ibm.icu.lang.UScript;
import com.ibm.icu.text.Normalizer2;
import com.ibm.icu.text.SpoofChecker;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.roomchat.account.AccountService.SignupProblem;

/**
 * What a username may be, and the two forms it is kept in. The name shown is the typed name in
 * Unicode NFKC form (full-width letters become plain ones, ligatures come apart); names are
 * compared by their key, the NFKC case folding of the name, so that {@code Admin}, {@code ADMIN}
 * and {@code ａｄｍｉｎ} are all the name {@code admin}.
 *
 * <p>A name must also look like what it is: no invisible or formatting characters (they make two
 * names that look the same), and no mix of scripts that UTS #39 counts as lookalikes, such as a
 * Latin name with one Cyrillic letter in it. Last, names that look alike are one name: each has
 * lookalike forms ({@link #lookalikeForms}), of which a new name must share none with an existing
 * one, so a Cyrillic {@code асе} cannot join a Latin {@code ace}, nor {@code adrnin}, {@code ADMlN}
 * or {@code ADMİN} an {@code admin}.
 */
public final class UsernamePolicy {

  /** The longest name, in UTF-16 units, the unit both databases measure the column in. */
  public static final int MAX_LENGTH = 150;

  /**
   * The key column's size: case folding can make a name up to three times as long. No typed name
   * longer than this finds an account ({@link #lookupKey}).
   */
  public static final int MAX_KEY_LENGTH = 600;

  /** Django's username rule: letters, digits and {@code @.+-_}. */
  private static final Pattern ALLOWED =
      Pattern.compile("^[\\w.@+-]+$", Pattern.UNICODE_CHARACTER_CLASS);

  private static final Pattern ONLY_DOTS = Pattern.compile("^\\.+$");

  private static final Normalizer2 NFKC = Normalizer2.getNFKCInstance();
  private static final Normalizer2 NFD = Normalizer2.getNFDInstance();
  private static final Normalizer2 NFC = Normalizer2.getNFCInstance();
  private static final Normalizer2 NFKC_CASEFOLD = Normalizer2.getNFKCCasefoldInstance();

  /** Scripts and digits that must not meet in one name, and marks that would not show. */
  private static final int MIXED_SCRIPT_CHECKS =
      SpoofChecker.RESTRICTION_LEVEL | SpoofChecker.MIXED_NUMBERS;

  private static final int HIDDEN_MARK_CHECKS =
      SpoofChecker.INVISIBLE | SpoofChecker.HIDDEN_OVERLAY;

  /**
   * Moderately restrictive (UTS #39 section 5.2): one script, or Latin with Han and Hangul or
   * Japanese kana, or Latin with any one other common script except Cyrillic, Greek and Cherokee,
   * whose letters pass for Latin ones. So {@code kim김} and {@code ali_علي} are names, a Latin
   * {@code admin} with a Cyrillic {@code а} is not. A checker is safe to share between threads.
   */
  private static final SpoofChecker LOOKALIKES =
      new SpoofChecker.Builder()
          .setRestrictionLevel(SpoofChecker.RestrictionLevel.MODERATELY_RESTRICTIVE)
          .setChecks(MIXED_SCRIPT_CHECKS | HIDDEN_MARK_CHECKS)
          .build();

  /** Only the skeleton: the checks above are {@link #LOOKALIKES}'. */
  private static final SpoofChecker SKELETONS = new SpoofChecker.Builder().build();

  private static final int FIRST_HANGUL_SYLLABLE = 0xAC00;
  private static final int LAST_HANGUL_SYLLABLE = 0xD7A3;

  private UsernamePolicy() {}

  /** The name as it is stored and shown: the typed name in NFKC form. */
  public static String normalise(String typed) {
    return NFKC.normalize(typed);
  }

  /** The form names are compared in; the same for a name and for its NFKC form. */
  public static String key(String name) {
    return NFKC_CASEFOLD.normalize(name);
  }

  /**
   * The key a typed name finds an account by, or empty for a name no account can have: none, or
   * longer than any key, which is refused before it is normalised. Logins find accounts and count
   * their failures by this one key, so no spelling of a name (case, width, invisible characters
   * that folding drops) reaches an account outside its count.
   */
  public static Optional<String> lookupKey(String typed) {
    if (typed == null || typed.length() > MAX_KEY_LENGTH) {
      return Optional.empty();
    }
    return Optional.of(key(typed));
  }

  /**
   * The form lookalike names share: UTS #39's skeleton (each character replaced by the one it is
   * confusable with: Cyrillic {@code а} by Latin {@code a}, {@code m} by {@code rn}, {@code 0} by
   * {@code o}), case-folded and skeletonised again, so that {@code B0BL} and {@code bobl} meet too.
   * Marks on Latin letters are dropped first ({@code ṅ} and {@code n} with a combining dot are
   * {@code n}): they are too small to tell names apart. Hangul syllables are kept whole: the table
   * maps their letters one by one, which would make {@code 가까} and {@code 각가}, which no reader
   * confuses, one name.
   */
  public static String lookalike(String name) {
    return skeletonOutsideHangul(key(skeletonOutsideHangul(withoutLatinMarks(name))));
  }

  /**
   * The lookalike forms of a name's shapes: as written, in capitals and in small letters. The
   * skeleton depends on case ({@code I} passes for {@code l}, {@code i} does not), so {@code ADMlN}
   * meets {@code admin} only through the capitals of {@code admin}; a new name must share no form
   * with any account's.
   */
  public static Set<String> lookalikeForms(String name) {
    Set<String> forms = new LinkedHashSet<>();
    for (String shape :
        List.of(name, name.toUpperCase(Locale.ROOT), name.toLowerCase(Locale.ROOT))) {
      forms.add(lookalike(shape));
    }
    return forms;
  }

  /**
   * The SHA-256 of each of {@link #lookalikeForms}, in hex: fixed-size values for a unique column.
   */
  public static Set<String> lookalikeHashes(String name) {
    Set<String> hashes = new LinkedHashSet<>();
    for (String form : lookalikeForms(name)) {
      hashes.add(sha256(form));
    }
    return hashes;
  }

  private static String sha256(String text) {
    try {
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(sha256.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }

  /** The text without the combining marks that sit on Latin letters. */
  private static String withoutLatinMarks(String text) {
    String decomposed = NFD.normalize(text);
    StringBuilder result = new StringBuilder(decomposed.length());
    int base = -1;
    for (int i = 0; i < decomposed.length(); ) {
      int codePoint = decomposed.codePointAt(i);
      i += Character.charCount(codePoint);
      if (!isMark(codePoint)) {
        base = codePoint;
      } else if (base >= 0 && UScript.getScript(base) == UScript.LATIN) {
        continue;
      }
      result.appendCodePoint(codePoint);
    }
    // Composed again: Hangul syllables must stay whole for the skeleton.
    return NFC.normalize(result);
  }

  private static boolean isMark(int codePoint) {
    int type = UCharacter.getType(codePoint);
    return type == UCharacterCategory.NON_SPACING_MARK
        || type == UCharacterCategory.ENCLOSING_MARK
        || type == UCharacterCategory.COMBINING_SPACING_MARK;
  }

  private static String skeletonOutsideHangul(String text) {
    StringBuilder result = new StringBuilder(text.length());
    int runStart = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c >= FIRST_HANGUL_SYLLABLE && c <= LAST_HANGUL_SYLLABLE) {
        result.append(SKELETONS.getSkeleton(text.substring(runStart, i))).append(c);
        runStart = i + 1;
      }
    }
    return result.append(SKELETONS.getSkeleton(text.substring(runStart))).toString();
  }

  /** What is wrong with a typed name as a new username, if anything (taken or not aside). */
  public static Optional<SignupProblem> problem(String typed) {
    if (typed == null || typed.isEmpty()) {
      return Optional.of(SignupProblem.USERNAME_INVALID);
    }
    String name = normalise(typed);
    // Before the pattern: \w takes the zero-width joiners, and the reason should be the real one.
    if (hasInvisible(typed) || hasInvisible(name)) {
      return Optional.of(SignupProblem.USERNAME_INVISIBLE);
    }
    if (name.length() > MAX_LENGTH
        || key(name).length() > MAX_KEY_LENGTH
        || !ALLOWED.matcher(name).matches()) {
      return Optional.of(SignupProblem.USERNAME_INVALID);
    }
    // "." and ".." are path segments: /dm/{username}/ could not name such a user.
    if (ONLY_DOTS.matcher(name).matches()) {
      return Optional.of(SignupProblem.USERNAME_DOTS);
    }
    SpoofChecker.CheckResult result = new SpoofChecker.CheckResult();
    if (LOOKALIKES.failsChecks(name, result)) {
      return Optional.of(
          (result.checks & HIDDEN_MARK_CHECKS) != 0
              ? SignupProblem.USERNAME_INVISIBLE
              : SignupProblem.USERNAME_MIXED_SCRIPTS);
    }
    return Optional.empty();
  }

  private static boolean hasInvisible(String text) {
    return text.codePoints().anyMatch(UsernamePolicy::isInvisible);
  }

  /**
   * Characters that show as nothing, or change how their neighbours show: format characters
   * (zero-width joiners, direction marks and overrides, tags), controls, the default-ignorable
   * ones (variation selectors, Hangul fillers), and anything unassigned, private or half a pair.
   */
  static boolean isInvisible(int codePoint) {
    int type = UCharacter.getType(codePoint);
    return Character.getType(codePoint) == Character.FORMAT
        || type == UCharacterCategory.FORMAT
        || type == UCharacterCategory.CONTROL
        || type == UCharacterCategory.UNASSIGNED
        || type == UCharacterCategory.PRIVATE_USE
        || type == UCharacterCategory.SURROGATE
        || UCharacter.hasBinaryProperty(codePoint, UProperty.DEFAULT_IGNORABLE_CODE_POINT)
        || UCharacter.hasBinaryProperty(codePoint, UProperty.VARIATION_SELECTOR);
  }
}
