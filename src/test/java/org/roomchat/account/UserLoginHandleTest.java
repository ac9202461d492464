package org.roomchat.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * What the account page and the admin forms read of a login: a handle that names it without
 * giving its id away, and when its password was last typed.
 */
class UserLoginHandleTest {

  private static final Instant START = Instant.parse("2026-12-01T10:00:00Z");

  private final UserAccount alice = new UserAccount("alice", "hash", Set.of("user"));

  private UserLogin login(LoginToken token) {
    return new UserLogin(token, alice, true, "Firefox", START, START.plus(Duration.ofDays(30)));
  }

  @Test
  void aHandleNamesOneLoginWithoutItsId() {
    LoginToken token = LoginToken.generate();
    UserLogin login = login(token);
    String handle = login.handle();
    assertTrue(handle.matches("[0-9a-f]{32}"), handle);
    assertFalse(handle.contains(token.id()) || token.value().contains(handle));
    assertEquals(handle, login(token).handle(), "the same login, the same handle");
    assertEquals(handle, login(token.rotated()).handle(), "a rotation keeps it");
    assertNotEquals(handle, login(LoginToken.generate()).handle());
  }

  @Test
  void thePasswordWasTypedAtTheLoginUntilItIsTypedAgain() {
    UserLogin login = login(LoginToken.generate());
    assertEquals(START, login.getPasswordAt());
    Instant later = START.plus(Duration.ofMinutes(20));
    login.passwordEntered(later);
    assertEquals(later, login.getPasswordAt());
    assertEquals(START, login.getCreatedAt(), "the login itself is as old as before");
  }
}
