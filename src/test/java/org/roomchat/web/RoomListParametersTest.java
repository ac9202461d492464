package org.roomchat.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.servlet.http.HttpServletRequest;
import java.lang.reflect.Proxy;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.roomchat.room.RoomCursor;

class RoomListParametersTest {

  private static final RoomCursor CURSOR =
      new RoomCursor(OffsetDateTime.parse("2026-12-02T12:00:00.000001Z"), 77);

  /** A request with these query parameters, under context root /app. */
  private static HttpServletRequest request(Map<String, String> parameters) {
    return (HttpServletRequest)
        Proxy.newProxyInstance(
            HttpServletRequest.class.getClassLoader(),
            new Class<?>[] {HttpServletRequest.class},
            (proxy, method, args) ->
                switch (method.getName()) {
                  case "getParameter" -> parameters.get((String) args[0]);
                  case "getContextPath" -> "/app";
                  default -> throw new UnsupportedOperationException(method.getName());
                });
  }

  private static RoomListParameters of(Map<String, String> parameters) {
    return RoomListParameters.of(request(parameters), "/chat/");
  }

  @Test
  void noParametersAskForTheFirstPageOfEveryRoom() {
    RoomListParameters parameters = of(Map.of());
    assertEquals(Optional.empty(), parameters.search());
    assertEquals(Optional.empty(), parameters.query().before());
    assertEquals(Optional.empty(), parameters.query().after());
    assertEquals("", parameters.queryString());
  }

  @Test
  void linksKeepTheSearchAndNameTheirPage() {
    RoomListParameters parameters = of(Map.of("q", "  한국어  "));
    assertEquals(Optional.of("한국어"), parameters.search(), "spaces around are dropped");
    String older = parameters.olderThan(CURSOR);
    assertEquals(
        "/app/chat/?q=%ED%95%9C%EA%B5%AD%EC%96%B4&before=" + CURSOR.token(), older);
    assertEquals(
        "/app/chat/?q=%ED%95%9C%EA%B5%AD%EC%96%B4&after=" + CURSOR.token(),
        parameters.newerThan(CURSOR));
    RoomListParameters followed =
        of(Map.of("q", "한국어", "before", CURSOR.token()));
    assertEquals(Optional.of(CURSOR.token()), followed.query().before().map(RoomCursor::token));
    assertEquals(older.substring("/app/chat/".length()), followed.queryString());
  }

  @Test
  void aPageStartsBeforeACursorRatherThanAfterOne() {
    RoomListParameters both = of(Map.of("before", CURSOR.token(), "after", "1_1"));
    assertTrue(both.query().before().isPresent());
    assertEquals(Optional.empty(), both.query().after());
  }

  @Test
  void cursorsThatAreNotOneAreIgnored() {
    RoomListParameters parameters = of(Map.of("before", "yesterday", "after", "<b>"));
    assertEquals(Optional.empty(), parameters.query().before());
    assertEquals(Optional.empty(), parameters.query().after());
  }

  @Test
  void aSearchNoNameCouldContainIsKeptOnlyToBeShownBackShort() {
    RoomListParameters markup = of(Map.of("q", "<b>x</b>"));
    assertEquals(Optional.empty(), markup.search());
    assertEquals(Optional.empty(), markup.query().nameContains());
    assertEquals("<b>x</b>", markup.invalidSearch(), "shown as text, escaped by the page");
    RoomListParameters tooLong = of(Map.of("q", "x".repeat(101)));
    assertEquals("x".repeat(100) + "\u2026", tooLong.invalidSearch());
    assertNull(of(Map.of("q", "x".repeat(100))).invalidSearch(), "as long as a name may be");
  }
}
