package org.roomchat.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class InProcessSocketCountTest {

  private final InProcessSocketCount count = new InProcessSocketCount(3);

  @Test
  void aUserGetsTheCapsWorthAndMoreOnceOneIsReleased() {
    List<SocketCount.OpenSocket> open = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      assertFalse(count.atCap("alice"));
      open.add(count.tryOpen("alice").orElseThrow());
    }
    assertTrue(count.atCap("alice"));
    assertEquals(Optional.empty(), count.tryOpen("alice"));
    assertTrue(count.tryOpen("bob").isPresent(), "the cap is per user");

    open.get(0).release();
    open.get(0).release(); // once is what counts
    assertFalse(count.atCap("alice"));
    assertTrue(count.tryOpen("alice").isPresent());
    assertEquals(Optional.empty(), count.tryOpen("alice"));
  }

  @Test
  void releasingEverySocketForgetsTheUser() {
    SocketCount.OpenSocket first = count.tryOpen("alice").orElseThrow();
    SocketCount.OpenSocket second = count.tryOpen("alice").orElseThrow();
    first.release();
    second.release();
    for (int i = 0; i < 3; i++) {
      assertTrue(count.tryOpen("alice").isPresent());
    }
  }
}
