package org.roomchat.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.roomchat.chat.ModerationRules.Verdict;
import org.roomchat.room.MemberRole;
import org.roomchat.room.Restriction;
import org.roomchat.room.RestrictionKind;

/** Who may mute and ban whom, how long for, and when a restriction ends. */
class ModerationRulesTest {

  private static final Optional<MemberRole> OWNER = Optional.of(MemberRole.OWNER);
  private static final Optional<MemberRole> MODERATOR = Optional.of(MemberRole.MODERATOR);
  private static final Optional<MemberRole> MEMBER = Optional.of(MemberRole.MEMBER);
  private static final Optional<MemberRole> NONE = Optional.empty();

  private static Verdict on(
      Optional<MemberRole> actor, boolean admin, Optional<MemberRole> target) {
    return ModerationRules.onTarget(actor, admin, false, target, false);
  }

  @Test
  void theOwnerModeratorsAndAdminsModerateAndNobodyElse() {
    assertTrue(ModerationRules.mayModerate(OWNER, false));
    assertTrue(ModerationRules.mayModerate(MODERATOR, false));
    assertTrue(ModerationRules.mayModerate(NONE, true));
    assertFalse(ModerationRules.mayModerate(MEMBER, false));
    assertFalse(ModerationRules.mayModerate(NONE, false));
  }

  @Test
  void aMemberIsForbiddenWhoeverItNamesTheOwnerAndSelfIncluded() {
    assertEquals(Verdict.FORBIDDEN, on(MEMBER, false, MEMBER));
    assertEquals(Verdict.FORBIDDEN, on(MEMBER, false, OWNER));
    assertEquals(Verdict.FORBIDDEN, ModerationRules.onTarget(MEMBER, false, true, MEMBER, false));
    assertEquals(Verdict.FORBIDDEN, ModerationRules.onTarget(NONE, false, false, NONE, true));
  }

  @Test
  void theOwnerAnAdminOrOneselfIsAConflict() {
    assertEquals(Verdict.CONFLICT, on(MODERATOR, false, OWNER));
    assertEquals(Verdict.CONFLICT, on(NONE, true, OWNER));
    assertEquals(Verdict.CONFLICT, ModerationRules.onTarget(OWNER, false, true, OWNER, false));
    assertEquals(
        Verdict.CONFLICT, ModerationRules.onTarget(MODERATOR, false, true, MODERATOR, false));
    assertEquals(Verdict.CONFLICT, ModerationRules.onTarget(OWNER, false, false, MEMBER, true));
    assertEquals(Verdict.CONFLICT, ModerationRules.onTarget(NONE, true, false, NONE, true));
  }

  @Test
  void aModeratorMayNotActOnAnotherModeratorButTheOwnerAndAdminsMay() {
    assertEquals(Verdict.FORBIDDEN, on(MODERATOR, false, MODERATOR));
    assertEquals(Verdict.ALLOWED, on(OWNER, false, MODERATOR));
    assertEquals(Verdict.ALLOWED, on(NONE, true, MODERATOR));
    assertEquals(Verdict.ALLOWED, on(MODERATOR, true, MODERATOR));
  }

  @Test
  void membersAndNonMembersMayBeModerated() {
    assertEquals(Verdict.ALLOWED, on(MODERATOR, false, MEMBER));
    assertEquals(Verdict.ALLOWED, on(MODERATOR, false, NONE));
    assertEquals(Verdict.ALLOWED, on(OWNER, false, NONE));
  }

  @Test
  void minutesAreBlankForUntilLiftedOrAWholeNumberUpToAYear() {
    assertEquals(Optional.of(OptionalInt.empty()), ModerationRules.minutes(null));
    assertEquals(Optional.of(OptionalInt.empty()), ModerationRules.minutes(" "));
    assertEquals(Optional.of(OptionalInt.of(1)), ModerationRules.minutes("1"));
    assertEquals(Optional.of(OptionalInt.of(525_600)), ModerationRules.minutes(" 525600 "));
    for (String bad : new String[] {"0", "-5", "525601", "1.5", "ten", "1e3", "99999999999", "١"}) {
      assertEquals(Optional.empty(), ModerationRules.minutes(bad), bad);
    }
  }

  @Test
  void aRestrictionHoldsUntilItsEndAndForeverWithoutOne() {
    Instant end = Instant.parse("2026-12-08T01:00:00Z");
    Restriction timed = new Restriction(1, "bob", RestrictionKind.BAN, Optional.of(end));
    assertTrue(timed.holdsAt(end.minus(Duration.ofNanos(1))));
    assertFalse(timed.holdsAt(end));
    assertFalse(timed.holdsAt(end.plusSeconds(1)));
    Restriction lasting = new Restriction(1, "bob", RestrictionKind.MUTE, Optional.empty());
    assertTrue(lasting.holdsAt(Instant.MAX));
  }
}
