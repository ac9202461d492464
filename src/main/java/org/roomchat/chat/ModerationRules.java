package org.roomchat.chat;

import java.util.Optional;
import java.util.OptionalInt;
import org.roomchat.room.MemberRole;

/**
 * Who may mute and ban whom in a room, as rules alone: the owner, moderators and site admins
 * moderate; nobody acts on the owner, an admin or themselves (a conflict, not a lack of right); a
 * moderator may not act on another moderator. A role is the user's role in the room (empty for a
 * non-member).
 */
public final class ModerationRules {

  /** The longest a mute or ban may be set for: a year, in minutes. */
  public static final int MAX_MINUTES = 525_600;

  /** How an action on one known, enabled user is answered. */
  public enum Verdict {
    /** The action may be taken. */
    ALLOWED,
    /** The actor may not take it: 403. */
    FORBIDDEN,
    /** It names the owner, an admin or the actor: 409. */
    CONFLICT
  }

  private ModerationRules() {}

  /** Whether the actor may moderate the room at all, whoever the action names. */
  public static boolean mayModerate(Optional<MemberRole> actor, boolean admin) {
    return admin
        || actor.equals(Optional.of(MemberRole.OWNER))
        || actor.equals(Optional.of(MemberRole.MODERATOR));
  }

  /**
   * The answer to a moderation action on a known user whose role in the room is {@code target}
   * ({@code targetAdmin} when a site admin, {@code self} when the actor).
   */
  public static Verdict onTarget(
      Optional<MemberRole> actor,
      boolean admin,
      boolean self,
      Optional<MemberRole> target,
      boolean targetAdmin) {
    if (!mayModerate(actor, admin)) {
      return Verdict.FORBIDDEN;
    }
    if (self || targetAdmin || target.equals(Optional.of(MemberRole.OWNER))) {
      return Verdict.CONFLICT;
    }
    boolean moderatorOnModerator =
        !admin
            && actor.equals(Optional.of(MemberRole.MODERATOR))
            && target.equals(Optional.of(MemberRole.MODERATOR));
    return moderatorOnModerator ? Verdict.FORBIDDEN : Verdict.ALLOWED;
  }

  /**
   * How long a mute or ban the form's {@code minutes} asks for: empty (until lifted) when blank or
   * absent; a whole number from 1 to {@link #MAX_MINUTES}; anything else is no valid answer.
   */
  public static Optional<OptionalInt> minutes(String typed) {
    if (typed == null || typed.isBlank()) {
      return Optional.of(OptionalInt.empty());
    }
    String digits = typed.strip();
    if (digits.length() > 6 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
      return Optional.empty();
    }
    int minutes = Integer.parseInt(digits);
    return minutes >= 1 && minutes <= MAX_MINUTES
        ? Optional.of(OptionalInt.of(minutes))
        : Optional.empty();
  }
}
