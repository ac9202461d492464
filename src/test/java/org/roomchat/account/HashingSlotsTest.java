package org.roomchat.account;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.roomchat.config.AccountSettings;

/** Password hashes run a bounded number at a time; one more is turned away, not queued. */
class HashingSlotsTest {

  private static HashingSlots slots(int concurrent) {
    HashingSlots slots = new HashingSlots();
    slots.settings =
        new AccountSettings() {
          @Override
          public int passwordConcurrent() {
            return concurrent;
          }
        };
    slots.create();
    return slots;
  }

  @Test
  void pastTheBoundARequestIsTurnedAwayAndLaterOnesGetASlotAgain() {
    HashingSlots slots = slots(2);
    Optional<HashingSlots.Slot> first = slots.enter();
    Optional<HashingSlots.Slot> second = slots.enter();
    assertTrue(first.isPresent() && second.isPresent());
    assertTrue(slots.enter().isEmpty(), "both slots are held");
    first.get().close();
    Optional<HashingSlots.Slot> third = slots.enter();
    assertTrue(third.isPresent(), "a closed slot is given back");
    third.get().close();
    second.get().close();
  }

  @Test
  void aSlotClosedTwiceIsGivenBackOnce() {
    HashingSlots slots = slots(1);
    HashingSlots.Slot slot = slots.enter().orElseThrow();
    slot.close();
    slot.close();
    HashingSlots.Slot again = slots.enter().orElseThrow();
    assertTrue(slots.enter().isEmpty(), "closing twice did not make a second slot");
    again.close();
  }
}
