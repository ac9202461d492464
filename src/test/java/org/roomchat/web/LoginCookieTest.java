package org.roomchat.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.roomchat.account.LoginToken;

/** The login cookie as a WebSocket handshake's raw {@code Cookie} headers carry it. */
class LoginCookieTest {

  private final LoginToken token = LoginToken.generate();

  @Test
  void theTokenIsFoundAmongOtherCookies() {
    assertEquals(
        Optional.of(token),
        LoginCookie.inHeaders(
            List.of("JSESSIONID=abc; roomchat_login=" + token.value() + "; roomchat_csrf=x")));
    assertEquals(
        Optional.of(token),
        LoginCookie.inHeaders(List.of("a=1", " roomchat_login = " + token.value())));
  }

  @Test
  void noTokenOrAMalformedOneIsNone() {
    assertEquals(Optional.empty(), LoginCookie.inHeaders(List.of()));
    assertEquals(Optional.empty(), LoginCookie.inHeaders(List.of("JSESSIONID=abc")));
    assertEquals(Optional.empty(), LoginCookie.inHeaders(List.of("roomchat_login=forged")));
    assertEquals(
        Optional.empty(), LoginCookie.inHeaders(List.of("x_roomchat_login=" + token.value())));
    assertEquals(Optional.empty(), LoginCookie.inHeaders(List.of("=;;roomchat_login")));
  }
}
