package org.roomchat.config;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class LimitSettingsTest {

  private static LimitSettings defaults() {
    LimitSettings limits = new LimitSettings();
    limits.messages = 5;
    limits.messagesWindowMillis = 1000;
    limits.socketsPerUser = 20;
    limits.framesPerWindow = 75;
    limits.framesWindowMillis = 5000;
    limits.faultsPerWindow = 20;
    limits.faultsWindowMillis = 10000;
    limits.typingPerSecond = 2;
    limits.roomCreationsPerHour = 30;
    limits.newConversationsPerHour = 30;
    limits.loginAccountFailures = 10;
    limits.loginDeviceFailures = 10;
    limits.loginAddressFailures = 100;
    limits.loginWindowMinutes = 15;
    limits.signupsPerHour = 20;
    limits.refusedSignupsPerHour = 50;
    return limits;
  }

  @Test
  void theDefaultsAreValid() {
    LimitSettings limits = defaults();
    assertDoesNotThrow(limits::validate);
    assertEquals(Duration.ofSeconds(1), limits.messagesWindow());
    assertEquals(Duration.ofMinutes(15), limits.loginWindow());
  }

  @Test
  void aLimitOfNothingStopsStartUpNamingTheSetting() {
    LimitSettings limits = defaults();
    limits.socketsPerUser = 0;
    IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, limits::validate);
    assertTrue(refused.getMessage().contains("CHAT_SOCKETS_PER_USER"), refused.getMessage());

    LimitSettings noDeviceBudget = defaults();
    noDeviceBudget.loginDeviceFailures = 0;
    refused = assertThrows(IllegalArgumentException.class, noDeviceBudget::validate);
    assertTrue(refused.getMessage().contains("CHAT_LOGIN_DEVICE_FAILURES"), refused.getMessage());
  }

  @Test
  void newConversationsMayBeUnlimitedWithZeroButNotFewer() {
    LimitSettings unlimited = defaults();
    unlimited.newConversationsPerHour = 0;
    assertDoesNotThrow(unlimited::validate);

    LimitSettings negative = defaults();
    negative.newConversationsPerHour = -1;
    IllegalArgumentException refused =
        assertThrows(IllegalArgumentException.class, negative::validate);
    assertTrue(refused.getMessage().contains("CHAT_DM_NEW_PER_HOUR"), refused.getMessage());
  }

  @Test
  void signUpsAloneMayBeUnlimitedWithZero() {
    LimitSettings unlimited = defaults();
    unlimited.signupsPerHour = 0;
    assertDoesNotThrow(unlimited::validate);

    LimitSettings negative = defaults();
    negative.signupsPerHour = -1;
    IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, negative::validate);
    assertTrue(refused.getMessage().contains("CHAT_SIGNUP_LIMIT"), refused.getMessage());
  }
}
