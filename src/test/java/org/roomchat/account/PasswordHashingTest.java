package org.roomchat.account;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The iteration setting's floor, checked before anything is hashed. */
class PasswordHashingTest {

  @Test
  void fewerIterationsThanTheFloorStopTheStart() {
    IllegalArgumentException refused =
        assertThrows(
            IllegalArgumentException.class, () -> PasswordHashing.requireSafeIterations(1023));
    assertTrue(refused.getMessage().contains("chat.password.iterations"), refused.getMessage());
    assertTrue(refused.getMessage().contains("CHAT_PASSWORD_ITERATIONS"), refused.getMessage());
    assertTrue(refused.getMessage().contains("1024"), refused.getMessage());
    assertThrows(IllegalArgumentException.class, () -> PasswordHashing.requireSafeIterations(0));
    assertThrows(IllegalArgumentException.class, () -> PasswordHashing.requireSafeIterations(-5));
  }

  @Test
  void theFloorAndAboveAreAccepted() {
    assertDoesNotThrow(() -> PasswordHashing.requireSafeIterations(1024));
    assertDoesNotThrow(() -> PasswordHashing.requireSafeIterations(210_000));
  }
}
