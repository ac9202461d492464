package org.roomchat.config;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ChatSettingsTest {

  private static ChatSettings defaults() {
    ChatSettings settings = new ChatSettings();
    settings.capacity = 1500;
    settings.expirySeconds = 60;
    settings.bannedWords = List.of("spam", "abuse");
    settings.maxMessageLength = 1000;
    settings.catchUpLimit = 500;
    settings.node = Optional.of("n1");
    settings.capacityBytes = 4 << 20;
    return settings;
  }

  @Test
  void theDefaultsAreValid() {
    assertDoesNotThrow(defaults()::validate);
  }

  @Test
  void anInvalidValueStopsStartUpNamingTheSetting() {
    ChatSettings settings = defaults();
    settings.capacity = 0;
    IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, settings::validate);
    assertTrue(refused.getMessage().contains("CHAT_CAPACITY"), refused.getMessage());

    ChatSettings expiry = defaults();
    expiry.expirySeconds = -1;
    IllegalArgumentException alsoRefused = assertThrows(IllegalArgumentException.class, expiry::validate);
    assertTrue(alsoRefused.getMessage().contains("CHAT_EXPIRY"), alsoRefused.getMessage());
  }

}
