package org.roomchat.chat;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.roomchat.guard.Limit;
import org.roomchat.guard.RateLimiter;
import org.roomchat.room.MemberRole;
import org.roomchat.room.Person;
import org.roomchat.room.RestrictionKind;
import org.roomchat.room.RoomAudience;
import org.roomchat.room.RoomCatalog;
import org.roomchat.room.RoomDirectory;
import org.roomchat.room.RoomFacts;
import org.roomchat.room.RoomMembers;
import org.roomchat.room.RoomName;
import org.roomchat.room.RoomQuery;
import org.roomchat.room.RoomRestrictions;
import org.roomchat.room.RoomVisibility;

/**
 * May this user read this room: the one place that asks, for the room and conversation pages, the
 * sockets' join and catch-up, and the lists. A private room that the user may not read is answered
 * exactly as a room that does not exist would be where it cannot be created (hidden), and entering
 * its name creates nothing. The lists ask the same rule of the database ({@link RoomAudience}). A
 * conversation is reached only by naming its other user ({@link #converse}), never by a room's
 * path, and is read by its two users alone. A user banned from a room is, while the ban lasts, a
 * non-member there, of a public room too: every path that asks here refuses them.
 */
@ApplicationScoped
public class RoomAccess {

  @Inject RoomCatalog rooms;
  @Inject RoomMembers members;
  @Inject RoomDirectory directory;
  @Inject MemberNotices notices;
  @Inject ChatMeter meter;
  @Inject RoomRestrictions restrictions;

  /** What "now" is for bans that end by themselves. */
  Clock clock = Clock.systemUTC();

  @Inject
  @Limit(Limit.Of.NEW_CONVERSATIONS)
  RateLimiter newConversations;

  /** The answer to entering a room. */
  public sealed interface Entry {}

  /** A room whose members are kept (not a conversation), with the role in it of who asked. */
  public record Managed(RoomFacts room, Optional<MemberRole> actorRole) {}

  /**
   * The room of this name whose members are kept, with the actor's role in it, when the actor may
   * read it (an admin always may); empty otherwise, as for a room that does not exist. Changes to
   * a room's members and its moderation start here.
   */
  public Optional<Managed> managed(RoomName name, Person actor, boolean admin) {
    Optional<RoomFacts> found = rooms.find(name);
    if (found.isEmpty() || !RoomRights.hasManagedMembers(found.get().visibility())) {
      return Optional.empty();
    }
    RoomFacts room = found.get();
    Optional<MemberRole> actorRole = members.role(room.id(), actor.id());
    if (!admin && !mayRead(room, actor.id(), actorRole)) {
      return Optional.empty();
    }
    return Optional.of(new Managed(room, actorRole));
  }

  /** The user may read the room, in this role (a public room's new visitor: member). */
  public record Admitted(RoomFacts room, MemberRole role) implements Entry {}

  /** A private room the user is not a member of: to the user, it does not exist. */
  public record Hidden() implements Entry {}

  /** A new room the user may not start now ({@link org.roomchat.room.RoomCreationLimit}). */
  public record TooManyNewRooms() implements Entry {}

  /** The user's conversation with {@code peer} (the user itself, for the notepad). */
  public record Conversing(RoomFacts room, Person peer) implements Entry {}

  /** No account of that name may chat: there is no conversation with it. */
  public record NoSuchUser() implements Entry {}

  /** A new conversation the user may not start now, nor for {@code retryAfter}. */
  public record TooManyNewConversations(Duration retryAfter) implements Entry {}

  /** The account of this name, when it exists and may chat. */
  public Optional<Person> person(String username) {
    return members.person(username);
  }

  /**
   * Enters the room: an existing one the user may read, or a new public one the user starts and
   * owns. Entering a public room makes the user a member, which its members hear of.
   */
  public Entry enter(RoomName name, Person person) {
    if (name.isConversation()) {
      return new Hidden(); // a room's path never reaches a conversation
    }
    Optional<RoomFacts> entered = rooms.enter(name, person);
    if (entered.isEmpty()) {
      return new TooManyNewRooms();
    }
    RoomFacts room = entered.get();
    Optional<MemberRole> role = members.role(room.id(), person.id());
    if (!mayRead(room, person.id(), role)) {
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

  /**
   * Opens the user's conversation with the user named {@code peerName} (compared as names are): an
   * existing one, or a new one the user starts, within the user's limit of new conversations.
   */
  public Entry converse(Person person, String peerName) {
    Optional<Person> peer = members.person(peerName);
    if (peer.isEmpty()) {
      return new NoSuchUser();
    }
    RoomName name = RoomName.conversation(person.id(), peer.get().id());
    Optional<RoomFacts> found = rooms.find(name);
    if (found.isEmpty()) {
      if (newConversations.tryAcquire(person.username())) {
        found = Optional.of(rooms.startConversation(person, peer.get()));
      } else {
        meter.conversationCreationRefused();
        found = rooms.find(name); // the other user may have just started it
        if (found.isEmpty()) {
          return new TooManyNewConversations(newConversations.retryAfter(person.username()));
        }
      }
    }
    RoomFacts room = found.get();
    Optional<MemberRole> role = members.role(room.id(), person.id());
    if (room.visibility() != RoomVisibility.DIRECT
        || !RoomRights.mayRead(room.visibility(), role)) {
      return new Hidden();
    }
    return new Conversing(room, peer.get());
  }

  /**
   * Whether the user, in that role there (empty: not a member), may read the room: by the room's
   * rule ({@link RoomRights#mayRead}), unless banned from it now.
   */
  public boolean mayRead(RoomFacts room, long userId, Optional<MemberRole> role) {
    return RoomRights.mayRead(room.visibility(), role) && !banned(room, userId);
  }

  /** Whether the user is banned from the room now; nobody is banned from a conversation. */
  public boolean banned(RoomFacts room, long userId) {
    return room.visibility() != RoomVisibility.DIRECT
        && restrictions
            .find(room.id(), userId, RestrictionKind.BAN)
            .filter(ban -> ban.holdsAt(clock.instant()))
            .isPresent();
  }

  /** The user's conversations with users who may still chat, newest activity first. */
  public List<RoomDirectory.ConversationSummary> conversations(Person person) {
    return directory.conversations(person.id());
  }

  /** A page of the rooms the user may read (or, without a user, the public ones). */
  public RoomDirectory.Listing list(RoomQuery query, Optional<Person> reader) {
    return directory.page(
        query, reader.map(p -> RoomAudience.memberOf(p.id())).orElse(RoomAudience.PUBLIC_ONLY));
  }

  /** A page of every room, private ones included (conversations are no rooms), for admins. */
  public RoomDirectory.Listing listForAdmins(RoomQuery query) {
    return directory.page(query, RoomAudience.EVERY_ROOM);
  }
}
