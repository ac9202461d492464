package org.roomchat.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WebSettingsTest {

  @Test
  void allowedOriginsAreACommaSeparatedList() {
    WebSettings settings = new WebSettings();
    settings.allowedOrigins = Optional.of(" https://a.example ,https://b.example,, ");
    assertEquals(List.of("https://a.example", "https://b.example"), settings.allowedOrigins());

    settings.allowedOrigins = Optional.empty();
    assertEquals(List.of(), settings.allowedOrigins());
  }
}
