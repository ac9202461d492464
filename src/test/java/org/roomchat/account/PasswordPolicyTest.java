package org.roomchat.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.roomchat.account.AccountService.SignupProblem;

/** The password rules: today's length, digits and username rules, and no common or weak ones. */
class PasswordPolicyTest {

  private static PasswordPolicy policy;

  @BeforeAll
  static void loadLists() {
    policy = new PasswordPolicy();
  }

  private static Optional<SignupProblem> problem(String password) {
    return policy.problem(password, "someone");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "correct-horse-7", // the test suites' passwords
        "Secret-pass-123",
        "bench-password-1",
        "quiet-harbor-42",
        "blue-cactus-9",
        "correct horse battery staple",
        "tr0ub4dor&3x"
      })
  void strongPasswordsPass(String password) {
    assertEquals(Optional.empty(), problem(password));
  }

  @Test
  void shortPasswordsAreRefused() {
    assertEquals(Optional.of(SignupProblem.PASSWORD_TOO_SHORT), problem("abc12"));
    assertEquals(Optional.of(SignupProblem.PASSWORD_TOO_SHORT), problem(null));
    // Counted in characters: four emoji are eight UTF-16 units but four characters.
    assertEquals(Optional.of(SignupProblem.PASSWORD_TOO_SHORT), problem("😀😀😀😀"));
  }

  @Test
  void allDigitsIsRefused() {
    assertEquals(Optional.of(SignupProblem.PASSWORD_NUMERIC), problem("12345678901"));
  }

  @Test
  void theUsernameInsideIsRefused() {
    assertEquals(
        Optional.of(SignupProblem.PASSWORD_SIMILAR),
        policy.problem("Quiet-Harbor-42-alice", "Alice"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "password", "PASSWORD", "Password", "iloveyou", "qwertyuiop", "Password123", "qwerty123456"
      })
  void commonPasswordsAreRefusedWhateverTheirCase(String password) {
    assertEquals(Optional.of(SignupProblem.PASSWORD_COMMON), problem(password));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Summer2024!", // a season and a year: about 10^7 guesses
        "hunter2hunter2",
        "Letmein-2024",
        "Qwerty!2345",
        "Baseball1997",
        "aaaaaaaaaaaa",
        "abcdefghijkl"
      })
  void easilyGuessedPasswordsAreRefused(String password) {
    assertEquals(Optional.of(SignupProblem.PASSWORD_WEAK), problem(password));
  }

  @Test
  void aHugePasswordIsJudgedQuickly() {
    String huge = "Zq8!vR".repeat(20_000);
    Optional<SignupProblem> verdict =
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> problem(huge));
    assertEquals(Optional.empty(), verdict);
  }
}
