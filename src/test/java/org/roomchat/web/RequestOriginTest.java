package org.roomchat.web;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Cross-site form posts, and the WebSocket handshake's origin check. */
class RequestOriginTest {

  private static final List<String> NONE = List.of();

  @Test
  void theServersOwnOriginIsSameSite() {
    assertFalse(
        RequestOrigin.isCrossSite("http://localhost:8080", null, "localhost:8080", false, NONE));
    assertFalse(
        RequestOrigin.isCrossSite(
            "http://LOCALHOST:8080", "same-origin", "localhost:8080", false, NONE));
    assertFalse(
        RequestOrigin.isCrossSite("http://chat.example", null, "chat.example:80", false, NONE));
    assertFalse(
        RequestOrigin.isCrossSite("https://chat.example", null, "chat.example:443", true, NONE));
    // Behind a proxy that ends TLS, the request reaches this server over plain HTTP.
    assertFalse(
        RequestOrigin.isCrossSite(
            "https://chat.example:8443", null, "chat.example:8443", false, NONE));
    assertFalse(RequestOrigin.isCrossSite("http://[::1]:8080", null, "[::1]:8080", false, NONE));
  }

  @Test
  void withoutAPortInHostOnlyTheHostNameCounts() {
    // A proxy passing nginx's $host: the browser's port is not known here.
    assertFalse(
        RequestOrigin.isCrossSite("https://chat.example", null, "chat.example", false, NONE));
    assertTrue(
        RequestOrigin.isCrossSite("https://evil.example", null, "chat.example", false, NONE));
  }

  @Test
  void anotherHostPortOrSchemeIsCrossSite() {
    assertTrue(
        RequestOrigin.isCrossSite("http://evil.example", null, "localhost:8080", false, NONE));
    assertTrue(
        RequestOrigin.isCrossSite("http://localhost:8081", null, "localhost:8080", false, NONE));
    // Over HTTPS, a plain-HTTP page of the same host (anyone on the network can write one) is not
    // us.
    assertTrue(RequestOrigin.isCrossSite("http://chat.example", null, "chat.example", true, NONE));
    assertTrue(
        RequestOrigin.isCrossSite(
            "http://localhost.evil.example:8080", null, "localhost:8080", false, NONE));
  }

  @Test
  void opaqueOrMalformedOriginsAreCrossSite() {
    for (String origin :
        List.of(
            "null",
            "",
            "localhost:8080",
            "file://",
            "http://localhost:8080/path",
            "http://user@localhost:8080",
            "http://localhost:8080?x",
            "ftp://localhost:8080",
            "http://local host:8080")) {
      assertTrue(
          RequestOrigin.isCrossSite(origin, null, "localhost:8080", false, NONE),
          "Origin " + origin);
    }
    assertTrue(
        RequestOrigin.isCrossSite("http://localhost:8080", null, null, false, NONE), "no Host");
    assertTrue(
        RequestOrigin.isCrossSite("http://localhost:8080", null, "localhost:8080/x", false, NONE),
        "a Host with a path");
  }

  @Test
  void withoutAnOriginSecFetchSiteDecides() {
    assertFalse(RequestOrigin.isCrossSite(null, null, "localhost:8080", false, NONE));
    assertFalse(RequestOrigin.isCrossSite(null, "same-origin", "localhost:8080", false, NONE));
    assertFalse(RequestOrigin.isCrossSite(null, "same-site", "localhost:8080", false, NONE));
    assertFalse(RequestOrigin.isCrossSite(null, "none", "localhost:8080", false, NONE));
    assertTrue(RequestOrigin.isCrossSite(null, "cross-site", "localhost:8080", false, NONE));
    assertTrue(RequestOrigin.isCrossSite(null, "Cross-Site", "localhost:8080", false, NONE));
    // A same-origin Origin with a cross-site fetch (a redirect chain through another site) is
    // refused.
    assertTrue(
        RequestOrigin.isCrossSite(
            "http://localhost:8080", "cross-site", "localhost:8080", false, NONE));
  }

  @Test
  void originsNamedInTheSettingsAreAllowedButNotTheWildcard() {
    List<String> allowed = List.of("https://app.example", "*");
    assertFalse(
        RequestOrigin.isCrossSite(
            "https://app.example", "cross-site", "chat.example", true, allowed));
    assertFalse(
        RequestOrigin.isCrossSite("HTTPS://APP.EXAMPLE", null, "chat.example", true, allowed));
    assertTrue(
        RequestOrigin.isCrossSite("https://evil.example", null, "chat.example", true, allowed));
    assertTrue(
        RequestOrigin.isCrossSite("http://app.example", null, "chat.example", true, allowed));
  }

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
  void theServersOwnOriginMayOpenASocket(String origin, String host) {
    assertTrue(RequestOrigin.mayOpenSocket(origin, host, false, NONE), origin + " for " + host);
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
  void anotherOriginMayNotOpenASocket(String origin, String host) {
    assertFalse(RequestOrigin.mayOpenSocket(origin, host, false, NONE), origin + " for " + host);
  }

  @Test
  void aSocketOverHttpsMayOpenOnlyFromAnHttpsPage() {
    assertTrue(RequestOrigin.mayOpenSocket("https://chat.example", "chat.example", true, NONE));
    assertFalse(RequestOrigin.mayOpenSocket("http://chat.example", "chat.example", true, NONE));
  }

  @Test
  void withoutAHostHeaderNoOriginIsTheServersOwn() {
    assertFalse(RequestOrigin.mayOpenSocket("http://localhost:8080", null, false, NONE));
  }

  @Test
  void originsNamedInTheSettingsAndTheWildcardMayOpenSockets() {
    List<String> named = List.of("https://app.example");
    assertTrue(RequestOrigin.mayOpenSocket("HTTPS://APP.EXAMPLE", "chat.example", true, named));
    assertFalse(RequestOrigin.mayOpenSocket("https://evil.example", "chat.example", true, named));
    assertTrue(
        RequestOrigin.mayOpenSocket("https://evil.example", "chat.example", true, List.of("*")));
  }
}
