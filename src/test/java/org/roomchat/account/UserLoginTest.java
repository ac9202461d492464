package org.roomchat.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.roomchat.account.UserLogin.Verdict;
import org.roomchat.config.LoginSettings;

/** A login's rules for its secrets: rotation, the grace period, and a stolen copy's reuse. */
class UserLoginTest {

  private static final Instant START = Instant.parse("2026-12-01T10:00:00Z");
  private static final Duration IDLE = Duration.ofHours(24);
  private static final Duration GRACE = LoginSettings.ROTATION_GRACE;
  private static final Duration LIFETIME = Duration.ofDays(30);
  private static final Duration ROTATE_EVERY = Duration.ofMinutes(15);

  private final UserAccount alice = new UserAccount("alice", "hash", Set.of("user"));

  private UserLogin kept(LoginToken token) {
    return new UserLogin(token, alice, true, "Firefox", START, START.plus(LIFETIME));
  }

  @Test
  void theCurrentSecretPassesAndAWrongOneIsTakenForTheft() {
    LoginToken token = LoginToken.generate();
    UserLogin login = kept(token);
    assertEquals(Verdict.CURRENT, login.check(token.secret(), START, IDLE, GRACE));
    assertEquals(
        Verdict.REUSED, login.check(token.rotated().secret(), START, IDLE, GRACE),
        "a secret this login never had");
  }

  @Test
  void rotationIsDueOnlyAfterItsInterval() {
    UserLogin login = kept(LoginToken.generate());
    assertFalse(login.rotationDue(START.plus(ROTATE_EVERY).minusSeconds(1), ROTATE_EVERY));
    assertTrue(login.rotationDue(START.plus(ROTATE_EVERY), ROTATE_EVERY));
  }

  @Test
  void afterARotationTheOldSecretPassesForTheGracePeriodThenRevealsACopy() {
    LoginToken first = LoginToken.generate();
    UserLogin login = kept(first);
    Instant rotatedAt = START.plus(ROTATE_EVERY);
    LoginToken second = first.rotated();
    login.rotate(second, rotatedAt, LIFETIME);

    assertEquals(Verdict.CURRENT, login.check(second.secret(), rotatedAt, IDLE, GRACE));
    assertEquals(
        Verdict.PREVIOUS,
        login.check(first.secret(), rotatedAt.plus(GRACE).minusSeconds(1), IDLE, GRACE),
        "a request already on its way with the old secret");
    assertEquals(
        Verdict.REUSED,
        login.check(first.secret(), rotatedAt.plus(GRACE), IDLE, GRACE),
        "the old secret after the grace period: someone kept a copy");
    assertFalse(login.rotationDue(rotatedAt, ROTATE_EVERY), "the interval starts again");

    LoginToken third = second.rotated();
    login.rotate(third, rotatedAt.plus(ROTATE_EVERY), LIFETIME);
    assertEquals(
        Verdict.REUSED,
        login.check(first.secret(), rotatedAt.plus(ROTATE_EVERY), IDLE, GRACE),
        "two rotations back is never good");
  }

  @Test
  void aSessionBuiltOnAnOldGenerationOfTheSecretIsACopyOnceItsGraceIsOver() {
    LoginToken first = LoginToken.generate();
    UserLogin login = kept(first);
    assertEquals(0, login.getGeneration());
    assertEquals(Verdict.CURRENT, login.checkGeneration(0, START, IDLE, GRACE));

    Instant rotatedAt = START.plus(ROTATE_EVERY);
    LoginToken second = first.rotated();
    login.rotate(second, rotatedAt, LIFETIME);
    assertEquals(1, login.getGeneration());
    assertEquals(Verdict.CURRENT, login.checkGeneration(1, rotatedAt, IDLE, GRACE));
    assertEquals(
        Verdict.PREVIOUS,
        login.checkGeneration(0, rotatedAt.plus(GRACE).minusSeconds(1), IDLE, GRACE),
        "a session of the owner's, whose page is on its way with the new cookie");
    assertEquals(
        Verdict.REUSED,
        login.checkGeneration(0, rotatedAt.plus(GRACE), IDLE, GRACE),
        "a session that never saw the new secret: it was built on a copy");

    login.rotate(second.rotated(), rotatedAt.plusSeconds(1), LIFETIME);
    assertEquals(
        Verdict.REUSED,
        login.checkGeneration(0, rotatedAt.plusSeconds(1), IDLE, GRACE),
        "two generations back is never good");
    assertEquals(
        Verdict.REUSED,
        login.checkGeneration(7, rotatedAt.plusSeconds(1), IDLE, GRACE),
        "a generation this login never had");
    alice.setEnabled(false);
    assertEquals(Verdict.EXPIRED, login.checkGeneration(2, rotatedAt.plusSeconds(1), IDLE, GRACE));
  }

  @Test
  void aKeptLoginLivesItsLifetimeFromItsLastRotation() {
    LoginToken token = LoginToken.generate();
    UserLogin login = kept(token);
    Instant end = START.plus(LIFETIME);
    assertEquals(Verdict.CURRENT, login.check(token.secret(), end.minusSeconds(1), IDLE, GRACE));
    assertEquals(Verdict.EXPIRED, login.check(token.secret(), end, IDLE, GRACE));

    UserLogin rotated = kept(token);
    LoginToken next = token.rotated();
    rotated.rotate(next, START.plus(Duration.ofDays(20)), LIFETIME);
    assertEquals(
        Verdict.CURRENT,
        rotated.check(next.secret(), end.plus(Duration.ofDays(19)), IDLE, GRACE),
        "in use, it goes on");
    assertTrue(rotated.isLive(end, Duration.ofMinutes(1)), "idleness does not end a kept login");
  }

  @Test
  void aLoginNotKeptEndsWhenIdleOrAtItsMaximumAge() {
    LoginToken token = LoginToken.generate();
    Instant maxAge = START.plus(Duration.ofHours(336));
    UserLogin login = new UserLogin(token, alice, false, "", START, maxAge);
    assertEquals(Verdict.EXPIRED, login.check(token.secret(), START.plus(IDLE), IDLE, GRACE));

    assertTrue(login.touch(START.plus(IDLE).minusSeconds(1), LoginSettings.TOUCH_EVERY));
    assertFalse(
        login.touch(START.plus(IDLE), LoginSettings.TOUCH_EVERY), "written at most once a minute");
    assertEquals(Verdict.CURRENT, login.check(token.secret(), START.plus(IDLE), IDLE, GRACE));

    LoginToken next = token.rotated();
    login.rotate(next, START.plus(Duration.ofHours(300)), LIFETIME);
    assertEquals(
        maxAge, login.getExpiresAt(), "rotating does not lengthen a login that was not kept");
  }

  @Test
  void aDisabledAccountsLoginsHaveEnded() {
    LoginToken token = LoginToken.generate();
    UserLogin login = kept(token);
    alice.setEnabled(false);
    assertEquals(Verdict.EXPIRED, login.check(token.secret(), START, IDLE, GRACE));
    assertFalse(login.isLive(START, IDLE));
  }
}
