package org.roomchat.web;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class MetricsAccessTest {

  private static final String TOKEN = "s3cret-scrape-token-0123456789";

  @Test
  void loopbackReadsByDefaultAndNobodyElse() {
    MetricsAccess access = MetricsAccess.of("127.0.0.0/8,::1", Optional.empty());
    assertTrue(access.allows("127.0.0.1", null));
    assertTrue(access.allows("127.1.2.3", null));
    assertTrue(access.allows("0:0:0:0:0:0:0:1", null));
    assertFalse(access.allows("192.0.2.7", null));
    assertFalse(access.allows("192.0.2.7", "Bearer anything"), "no token is set");
    assertFalse(access.allows("not-an-address", null));
  }

  @Test
  void theTokenOpensFromAnywhereAndOnlyWhole() {
    MetricsAccess access = MetricsAccess.of("10.0.0.0/8", Optional.of(TOKEN));
    assertTrue(access.allows("192.0.2.7", "Bearer " + TOKEN));
    assertTrue(access.allows("192.0.2.7", "bearer " + TOKEN), "the scheme ignores case");
    assertTrue(access.allows("10.1.1.1", null), "an allowed range needs no token");
    assertFalse(access.allows("192.0.2.7", null));
    assertFalse(access.allows("192.0.2.7", "Bearer " + TOKEN.substring(1)));
    assertFalse(access.allows("192.0.2.7", "Bearer " + TOKEN + "x"));
    assertFalse(access.allows("192.0.2.7", "Basic " + TOKEN));
    assertFalse(access.allows("192.0.2.7", TOKEN));
    assertFalse(access.allows("127.0.0.1", null), "the ranges replace loopback");
  }

  @Test
  void aBadRangeNamesTheSetting() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> MetricsAccess.of("127.0.0.1,localhost", Optional.empty()));
    assertTrue(e.getMessage().contains("CHAT_METRICS_ALLOWED"), e.getMessage());
  }
}
