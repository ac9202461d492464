package org.roomchat.chat;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.roomchat.account.AccountService;
import org.roomchat.room.MemberRole;
import org.roomchat.room.ModerationLog;
import org.roomchat.room.Person;
import org.roomchat.room.Restriction;
import org.roomchat.room.RestrictionKind;
import org.roomchat.room.RoomFacts;
import org.roomchat.room.RoomMembers;
import org.roomchat.room.RoomName;
import org.roomchat.room.RoomRestrictions;

/**
 * Muting and banning in a room, by the rules of {@link ModerationRules}. The room is looked for
 * first (a room the actor may not read is not there for it, unless the actor is an admin), then the
 * actor's right (403 whatever the target), then the target (an unknown or disabled user is 404). A
 * ban also ends the user's membership, which closes their sockets in the room on every node; {@link
 * RoomAccess} refuses them there until it is lifted or ends. Every change is logged.
 */
@ApplicationScoped
public class Moderation {

  @Inject RoomMembers members;
  @Inject RoomRestrictions restrictions;
  @Inject RoomAccess access;
  @Inject MemberNotices notices;
  @Inject Mutes mutes;
  @Inject ModerationLog log;
  @Inject AccountService accounts;

  /** What "now" is for restrictions that end by themselves. */
  Clock clock = Clock.systemUTC();

  /** How a moderation request ended. */
  public enum Outcome {
    /** Made, or nothing to make (not muted or banned). */
    DONE,
    /** The actor may not moderate here, or not this user. */
    FORBIDDEN,
    /** It names the owner, an admin or the actor. */
    CONFLICT,
    /** No such room, as far as the actor may know. */
    NO_ROOM,
    /** No enabled account of that name. */
    NO_SUCH_USER
  }

  /**
   * Mutes, unmutes, bans or unbans the user named {@code username} in the room, for {@code minutes}
   * (empty: until lifted; ignored when lifting), if the actor may.
   */
  public Outcome act(
      RoomName name,
      Person actor,
      boolean admin,
      ModerationAction action,
      String username,
      OptionalInt minutes) {
    Optional<RoomAccess.Managed> managed = access.managed(name, actor, admin);
    if (managed.isEmpty()) {
      return Outcome.NO_ROOM;
    }
    RoomFacts room = managed.get().room();
    Optional<MemberRole> actorRole = managed.get().actorRole();
    if (!ModerationRules.mayModerate(actorRole, admin)) {
      return Outcome.FORBIDDEN;
    }
    Optional<Person> target = members.person(username);
    if (target.isEmpty()) {
      return Outcome.NO_SUCH_USER;
    }
    Person person = target.get();
    boolean targetAdmin =
        accounts
            .find(person.username())
            .map(account -> account.getRoles().contains(AccountService.ADMIN_ROLE))
            .orElse(false);
    ModerationRules.Verdict verdict =
        ModerationRules.onTarget(
            actorRole,
            admin,
            person.id() == actor.id(),
            members.role(room.id(), person.id()),
            targetAdmin);
    return switch (verdict) {
      case FORBIDDEN -> Outcome.FORBIDDEN;
      case CONFLICT -> Outcome.CONFLICT;
      case ALLOWED -> {
        apply(room, actor, person, action, minutes);
        yield Outcome.DONE;
      }
    };
  }

  private void apply(
      RoomFacts room, Person actor, Person target, ModerationAction action, OptionalInt minutes) {
    Optional<Integer> logged = Optional.empty();
    if (action.imposes()) {
      Optional<Instant> until = Optional.empty();
      if (minutes.isPresent()) {
        until = Optional.of(clock.instant().plus(Duration.ofMinutes(minutes.getAsInt())));
        logged = Optional.of(minutes.getAsInt());
      }
      restrictions.impose(room.id(), target.id(), action.kind(), until);
    } else if (!restrictions.lift(room.id(), target.id(), action.kind())) {
      return; // nothing to lift
    }
    if (action.kind() == RestrictionKind.MUTE) {
      mutes.changed(room.id());
    } else if (action.imposes()) {
      if (members.remove(room.id(), target.id())) {
        notices.removed(room.name(), target.username());
      } else {
        notices.expel(room.name(), target.username());
      }
    }
    log.record(room, actor.username(), target.username(), action.record(), logged);
  }

  /** The room's mutes and bans that hold now, by the users' names. */
  public List<Restriction> current(RoomFacts room) {
    Instant now = clock.instant();
    return restrictions.of(room.id()).stream().filter(r -> r.holdsAt(now)).toList();
  }

  /** The room's newest log entries, for those who may moderate it. */
  public List<ModerationLog.Entry> recentLog(RoomFacts room, int limit) {
    return log.newest(room.id(), limit);
  }
}
