package org.roomchat.chat;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import org.roomchat.room.Member;
import org.roomchat.room.MemberRole;
import org.roomchat.room.ModerationLog;
import org.roomchat.room.ModerationRecord;
import org.roomchat.room.Person;
import org.roomchat.room.RoomCatalog;
import org.roomchat.room.RoomFacts;
import org.roomchat.room.RoomMembers;
import org.roomchat.room.RoomName;

/**
 * A room's members: who they are, and adding, removing, promoting and demoting them, by the rights
 * of {@link RoomRights}. The room is looked for first (a private room is not there for those who
 * are neither its members nor admins), then the actor's right (403 whatever the target), then the
 * target (an unknown or disabled user is 404). The room and every node hear of each change.
 */
@ApplicationScoped
public class RoomMembership {

  @Inject RoomCatalog rooms;
  @Inject RoomMembers members;
  @Inject MemberNotices notices;
  @Inject RoomAccess access;
  @Inject ModerationLog log;

  /** How a change request ended. */
  public enum Outcome {
    /** Made, or nothing to make (already so). */
    DONE,
    /** The actor removed itself: it left the room. */
    LEFT,
    /** The actor may not make this change. */
    FORBIDDEN,
    /** No such room, as far as the actor may know. */
    NO_ROOM,
    /** No enabled account of that name. */
    NO_SUCH_USER,
    /** A role change for a user who is not a member. */
    NOT_A_MEMBER
  }

  /** The members as one viewer sees them, with what the viewer may do to each. */
  public record MembersView(
      RoomFacts room,
      Person viewer,
      Optional<MemberRole> viewerRole,
      boolean admin,
      List<Member> members) {

    /** Whether the viewer may ask for the action on anyone. */
    public boolean mayAsk(MemberAction action) {
      return RoomRights.mayAct(action, viewerRole, admin);
    }

    /** Whether the viewer may mute and ban in the room. */
    public boolean mayModerate() {
      return ModerationRules.mayModerate(viewerRole, admin);
    }

    /** Whether the viewer may do the action to the member, as the room stands. */
    public boolean may(MemberAction action, Member member) {
      boolean self = member.username().equals(viewer.username());
      return RoomRights.onMember(action, viewerRole, admin, self, Optional.of(member.role()))
          == RoomRights.Verdict.ALLOWED;
    }
  }

  /** What a visit to the members list finds. */
  public sealed interface Visit {}

  /** The members, for a viewer who may see them. */
  public record Shown(MembersView view) implements Visit {}

  /** A room whose members the viewer may not see. */
  public record Forbidden() implements Visit {}

  /** No such room, as far as the viewer may know. */
  public record NoRoom() implements Visit {}

  /** The room's members, for its members and for admins; a conversation has no members page. */
  public Visit view(RoomName name, Person viewer, boolean admin) {
    Optional<RoomFacts> room = rooms.find(name);
    if (room.isEmpty() || !RoomRights.hasManagedMembers(room.get().visibility())) {
      return new NoRoom();
    }
    Optional<MemberRole> role = members.role(room.get().id(), viewer.id());
    if (!admin && !access.mayRead(room.get(), viewer.id(), role)) {
      return new NoRoom();
    }
    if (!RoomRights.mayViewMembers(role, admin)) {
      return new Forbidden();
    }
    List<Member> list = members.list(room.get().id());
    return new Shown(new MembersView(room.get(), viewer, role, admin, list));
  }

  /** Makes the change the actor asks for to the user named {@code username}, if allowed. */
  public Outcome change(
      RoomName name, Person actor, boolean admin, MemberAction action, String username) {
    Optional<RoomAccess.Managed> managed = access.managed(name, actor, admin);
    if (managed.isEmpty()) {
      return Outcome.NO_ROOM;
    }
    RoomFacts room = managed.get().room();
    Optional<MemberRole> actorRole = managed.get().actorRole();
    if (!RoomRights.mayAsk(action, actorRole, admin)) {
      return Outcome.FORBIDDEN;
    }
    Optional<Person> target = members.person(username);
    if (target.isEmpty()) {
      // Only those with the right to act on others learn whether a name exists.
      return RoomRights.mayAct(action, actorRole, admin)
          ? Outcome.NO_SUCH_USER
          : Outcome.FORBIDDEN;
    }
    Person person = target.get();
    boolean self = person.id() == actor.id();
    Optional<MemberRole> targetRole = members.role(room.id(), person.id());
    return switch (RoomRights.onMember(action, actorRole, admin, self, targetRole)) {
      case FORBIDDEN -> Outcome.FORBIDDEN;
      case NOT_A_MEMBER -> Outcome.NOT_A_MEMBER;
      case UNCHANGED -> Outcome.DONE;
      case ALLOWED -> {
        apply(room, person, action);
        logRoleChange(room, actor, person, action);
        yield action == MemberAction.REMOVE && self ? Outcome.LEFT : Outcome.DONE;
      }
    };
  }

  /** Promotions and demotions go to the moderation log; adding and removing are in the room. */
  private void logRoleChange(RoomFacts room, Person actor, Person target, MemberAction action) {
    if (action == MemberAction.PROMOTE || action == MemberAction.DEMOTE) {
      log.record(
          room,
          actor.username(),
          target.username(),
          action == MemberAction.PROMOTE ? ModerationRecord.PROMOTE : ModerationRecord.DEMOTE,
          Optional.empty());
    }
  }

  private void apply(RoomFacts room, Person person, MemberAction action) {
    switch (action) {
      case ADD -> {
        if (members.join(room.id(), person.id())) {
          notices.added(room.name(), person.username());
        }
      }
      case REMOVE -> {
        if (members.remove(room.id(), person.id())) {
          notices.removed(room.name(), person.username());
        }
      }
      case PROMOTE -> members.changeRole(room.id(), person.id(), MemberRole.MODERATOR);
      case DEMOTE -> members.changeRole(room.id(), person.id(), MemberRole.MEMBER);
    }
  }
}
