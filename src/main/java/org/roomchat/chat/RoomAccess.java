package org.roomchat.chat;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import org.roomchat.room.MemberRole;
import org.roomchat.room.Person;
import org.roomchat.room.RoomAudience;
import org.roomchat.room.RoomCatalog;
import org.roomchat.room.RoomDirectory;
import org.roomchat.room.RoomFacts;
import org.roomchat.room.RoomMembers;
import org.roomchat.room.RoomName;
import org.roomchat.room.RoomQuery;

/**
 * May this user read this room: the one place that asks, for the room page, the socket's join and
 * its catch-up, and the room lists. A private room that the user may not read is answered exactly
 * as a room that does not exist would be where it cannot be created (hidden), and entering its name
 * creates nothing. The lists ask the same rule of the database ({@link RoomAudience}).
 */
@ApplicationScoped
public class RoomAccess {

  @Inject RoomCatalog rooms;
  @Inject RoomMembers members;
  @Inject RoomDirectory directory;
  @Inject MemberNotices notices;

  /** The answer to entering a room. */
  public sealed interface Entry {}

  /** The user may read the room, in this role (a public room's new visitor: member). */
  public record Admitted(RoomFacts room, MemberRole role) implements Entry {}

  /** A private room the user is not a member of: to the user, it does not exist. */
  public record Hidden() implements Entry {}

  /** A new room the user may not start now ({@link org.roomchat.room.RoomCreationLimit}). */
  public record TooManyNewRooms() implements Entry {}

  /** The account of this name, when it exists and may chat. */
  public Optional<Person> person(String username) {
    return members.person(username);
  }

  /**
   * Enters the room: an existing one the user may read, or a new public one the user starts and
   * owns. Entering a public room makes the user a member, which its members hear of.
   */
  public Entry enter(RoomName name, Person person) {
    Optional<RoomFacts> entered = rooms.enter(name, person);
    if (entered.isEmpty()) {
      return new TooManyNewRooms();
    }
    RoomFacts room = entered.get();
    Optional<MemberRole> role = members.role(room.id(), person.id());
    if (!RoomRights.mayRead(room.visibility(), role)) {
      return new Hidden();
    }
    if (role.isPresent()) {
      return new Admitted(room, role.get());
    }
    if (members.join(room.id(), person.id())) {
      notices.added(room.name(), person.username());
    }
    return new Admitted(room, MemberRole.MEMBER);
  }

  /** A page of the rooms the user may read (or, without a user, the public ones). */
  public RoomDirectory.Listing list(RoomQuery query, Optional<Person> reader) {
    return directory.page(
        query, reader.map(p -> RoomAudience.memberOf(p.id())).orElse(RoomAudience.PUBLIC_ONLY));
  }

  /** A page of every room, private ones included, for the admin dashboard. */
  public RoomDirectory.Listing listForAdmins(RoomQuery query) {
    return directory.page(query, RoomAudience.EVERY_ROOM);
  }
}
