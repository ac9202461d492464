package org.roomchat.account;

import com.nulabinc.zxcvbn.StandardDictionaries;
import com.nulabinc.zxcvbn.StandardKeyboards;
import com.nulabinc.zxcvbn.Zxcvbn;
import com.nulabinc.zxcvbn.ZxcvbnBuilder;
import com.nulabinc.zxcvbn.matchers.Dictionary;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.roomchat.account.AccountService.SignupProblem;

/**
 * What a password must be: long enough, not all digits, not the username, not one of the common
 * passwords of zxcvbn's list (30,000 from leaked password sets, compared without regard to case),
 * and hard enough to guess by zxcvbn's estimate. Loading the lists takes a moment and some
 * megabytes: make one and share it (it is safe between threads).
 */
public final class PasswordPolicy {

  static final int MIN_LENGTH = 8;

  /**
   * zxcvbn's score 3 means an estimated 10^8 guesses or more. With PBKDF2-SHA512 at 210,000
   * iterations one GPU tries some thousands of guesses a second, so a stolen hash of such a
   * password costs hours of it rather than the minutes of a score-2 password (10^6 guesses).
   * This is for the day the hashes leak: guessing through the login form is far slower.
   */
  static final int MIN_SCORE = 3;

  /** zxcvbn's time grows fast with length; the first 100 characters decide its estimate. */
  private static final int MEASURED_LENGTH = 100;

  private final Zxcvbn zxcvbn;
  private final Set<String> common;

  public PasswordPolicy() {
    try {
      List<Dictionary> dictionaries = StandardDictionaries.loadAllDictionaries();
      this.common =
          dictionaries.stream()
              .filter(d -> d.getName().equals(StandardDictionaries.PASSWORDS))
              .findFirst()
              .orElseThrow(() -> new IllegalStateException("zxcvbn has no passwords list"))
              .getRankedDictionary()
              .keySet();
      this.zxcvbn =
          new ZxcvbnBuilder()
              .dictionaries(dictionaries)
              .keyboards(StandardKeyboards.loadAllKeyboards())
              .build();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot load zxcvbn's password lists", e);
    }
  }

  /** What is wrong with the password for this username, if anything. */
  public Optional<SignupProblem> problem(String password, String username) {
    String pw = password == null ? "" : password;
    if (pw.codePointCount(0, pw.length()) < MIN_LENGTH) {
      return Optional.of(SignupProblem.PASSWORD_TOO_SHORT);
    }
    if (pw.chars().allMatch(Character::isDigit)) {
      return Optional.of(SignupProblem.PASSWORD_NUMERIC);
    }
    if (username != null
        && !username.isEmpty()
        && pw.toLowerCase(Locale.ROOT).contains(username.toLowerCase(Locale.ROOT))) {
      return Optional.of(SignupProblem.PASSWORD_SIMILAR);
    }
    if (common.contains(pw.toLowerCase(Locale.ROOT))) {
      return Optional.of(SignupProblem.PASSWORD_COMMON);
    }
    List<String> userInputs = username == null ? List.of() : List.of(username);
    if (zxcvbn.measure(firstCodePoints(pw, MEASURED_LENGTH), userInputs).getScore() < MIN_SCORE) {
      return Optional.of(SignupProblem.PASSWORD_WEAK);
    }
    return Optional.empty();
  }

  private static String firstCodePoints(String text, int count) {
    if (text.codePointCount(0, text.length()) <= count) {
      return text;
    }
    return text.substring(0, text.offsetByCodePoints(0, count));
  }
}
