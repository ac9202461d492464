package org.roomchat.account;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/** Where a login may send the browser next: this site's paths, never another site. */
class LoginPathsTest {

  @ParameterizedTest
  @ValueSource(
      strings = {"/chat/", "/chat/lobby/", "/chat/한국어/", "/chat/lobby/?after=12", "/admin/"})
  void pathsOnThisSiteAreKept(String next) {
    assertEquals(next, LoginPaths.safeNext(next));
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(
      strings = {
        "https://evil.example/",
        "http://evil.example/chat/",
        "//evil.example/",
        "///evil.example/",
        "/\\evil.example/",
        "\\\\evil.example/",
        "\\/evil.example/",
        "javascript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "evil.example",
        "chat/lobby/",
        " /chat/",
        // Browsers drop tabs and newlines inside URLs, which would turn these into //evil.example
        "/\t/evil.example/",
        "/\n/evil.example/",
        "/\r\n/evil.example/",
        // A header split
        "/chat/\r\nSet-Cookie: x=y"
      })
  void everythingElseGoesToTheRoomList(String next) {
    assertEquals(LoginPaths.HOME, LoginPaths.safeNext(next));
  }
}
