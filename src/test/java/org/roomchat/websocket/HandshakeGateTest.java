package org.roomchat.websocket;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The WebSocket handshake's same-origin check (the guide's AllowedHostsOriginValidator). */
class HandshakeGateTest {

  @ParameterizedTest
  @CsvSource({
    "http://localhost:8080, localhost:8080",
    "http://LocalHost:8080, localhost:8080",
    "http://chat.example, chat.example:80",
    "https://chat.example, chat.example:443",
    "https://chat.example:8443, chat.example:8443",
    "http://127.0.0.1:8080, 127.0.0.1:8080",
    "'http://[::1]:8080', '[::1]:8080'",
    // Behind nginx with proxy_set_header Host $host, the Host header has no port.
    "https://chat.example, chat.example",
    "http://chat.example:8080, chat.example",
  })
  void theServersOwnOriginIsAllowed(String origin, String host) {
    assertTrue(HandshakeGate.sameOrigin(origin, host), origin + " for Host " + host);
  }

  @ParameterizedTest
  @CsvSource({
    "http://localhost:3000, localhost:8080",
    "http://evil.example:8080, localhost:8080",
    "https://chat.example:8443, chat.example:443",
    "http://chat.example, chat.example:443",
    "https://chat.example, chat.example:80",
    "http://evil.example, chat.example",
    "http://chat.example.evil.example, chat.example",
    "http://evilchat.example, chat.example",
    "http://127.0.0.2:8080, localhost:8080",
    // Sandboxed frames, file: pages and privacy-sensitive redirects send the literal "null".
    "null, localhost:8080",
    "file:///home/user/page.html, localhost:8080",
    "'', localhost:8080",
    "not a url, localhost:8080",
  })
  void anotherOriginIsRefused(String origin, String host) {
    assertFalse(HandshakeGate.sameOrigin(origin, host), origin + " for Host " + host);
  }

  @Test
  void withoutAHostHeaderNothingIsTheSameOrigin() {
    assertFalse(HandshakeGate.sameOrigin("http://localhost:8080", null));
  }
}
