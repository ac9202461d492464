package org.roomchat.chat;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class FrameBudgetTest {

  private static final long SECOND = Duration.ofSeconds(1).toNanos();

  private final FrameBudget budget =
      new FrameBudget(3, Duration.ofSeconds(5), 2, Duration.ofSeconds(10));

  @Test
  void framesWithinTheBudgetAreAdmittedAndTheRestOnlyOnceTheWindowMoves() {
    assertTrue(budget.admit(0));
    assertTrue(budget.admit(SECOND));
    assertTrue(budget.admit(2 * SECOND));
    assertFalse(budget.admit(3 * SECOND));
    assertFalse(budget.admit(4 * SECOND));
    assertTrue(budget.admit(5 * SECOND), "the first frame has left the window");
    assertFalse(budget.admit(5 * SECOND));
  }

  @Test
  void aFewFaultsAreForgivenAndOneTooManyIsAFloodReportedOnce() {
    assertFalse(budget.fault(0));
    assertFalse(budget.fault(SECOND));
    assertFalse(budget.flooded());
    assertTrue(budget.fault(2 * SECOND), "the third fault within 10 s");
    assertTrue(budget.flooded());
    assertFalse(budget.fault(3 * SECOND), "the flood is reported once");
    assertTrue(budget.flooded());
  }

  @Test
  void faultsSpreadBeyondTheWindowAreNoFlood() {
    for (int i = 0; i < 20; i++) {
      assertFalse(budget.fault(i * 6 * SECOND), "fault " + i);
    }
    assertFalse(budget.flooded());
  }
}
