package org.roomchat.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class MetricsSettingsTest {

  @Test
  void aShortTokenIsRefusedAndABlankOneIsNone() {
    MetricsSettings settings = new MetricsSettings();
    settings.token = Optional.of("  ");
    assertEquals(Optional.empty(), settings.token());

    settings.token = Optional.of("short");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, settings::token);
    assertTrue(e.getMessage().contains("CHAT_METRICS_TOKEN"), e.getMessage());

    settings.token = Optional.of(" long-enough-token-1234 ");
    assertEquals(Optional.of("long-enough-token-1234"), settings.token());
  }
}
