package org.roomchat.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Password hashes run a bounded number at a time; one more is turned away, not queued. */
class HashingSlotsTest {

  private static HashingSlots slots(int concurrent) {
    HashingSlots slots = new HashingSlots();
    slots.concurrent = Optional.of(concurrent);
    slots.create();
    return slots;
  }

  @Test
  void pastTheBoundAHashIsTurnedAwayAndLaterOnesRunAgain() throws Exception {
    HashingSlots slots = slots(1);
    CountDownLatch hashing = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      Future<Optional<String>> first =
          pool.submit(
              () ->
                  slots.run(
                      () -> {
                        hashing.countDown();
                        assertTrue(release.await(10, TimeUnit.SECONDS));
                        return "first";
                      }));
      assertTrue(hashing.await(10, TimeUnit.SECONDS));
      assertEquals(Optional.empty(), slots.run(() -> "second"), "no slot is free");
      release.countDown();
      assertEquals(Optional.of("first"), first.get(10, TimeUnit.SECONDS));
      assertEquals(Optional.of("third"), slots.run(() -> "third"), "the slot was given back");
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aFailingHashGivesItsSlotBack() {
    HashingSlots slots = slots(1);
    try {
      slots.run(
          () -> {
            throw new IllegalStateException("broken");
          });
    } catch (IllegalStateException expected) {
      // the caller sees the failure
    }
    assertEquals(Optional.of("next"), slots.run(() -> "next"));
  }
}
