package org.roomchat.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LoginTokenTest {

  @Test
  void aTokenSurvivesItsCookie() {
    LoginToken token = LoginToken.generate();
    assertEquals(token, LoginToken.parse(token.value()).orElseThrow());
    assertEquals(22 + 1 + 43, token.value().length(), "16 and 32 random bytes, URL-safe");
  }

  @Test
  void onlyTokensInTheRightFormParse() {
    String good = LoginToken.generate().value();
    assertFalse(LoginToken.parse(null).isPresent());
    assertFalse(LoginToken.parse("").isPresent());
    assertFalse(LoginToken.parse(good.replace('.', '-')).isPresent(), "no dot");
    assertFalse(LoginToken.parse(good + "A").isPresent(), "too long");
    assertFalse(LoginToken.parse(good.substring(1)).isPresent(), "too short");
    assertFalse(LoginToken.parse(good.replaceFirst(".", "%")).isPresent(), "not URL-safe Base64");
    assertFalse(LoginToken.parse(good + "\n").isPresent());
  }

  @Test
  void rotationKeepsTheLoginAndReplacesTheSecret() {
    LoginToken token = LoginToken.generate();
    LoginToken next = token.rotated();
    assertEquals(token.id(), next.id());
    assertNotEquals(token.secret(), next.secret());
    assertNotEquals(token.secretHash(), next.secretHash());
  }

  @Test
  void onlyTheHashIsStoredAndNoSecretIsPrinted() {
    LoginToken token = LoginToken.generate();
    assertEquals(64, token.secretHash().length());
    assertFalse(token.secretHash().contains(token.secret()));
    assertFalse(token.toString().contains(token.secret()));
    assertTrue(token.toString().contains(token.id()));
  }
}
