package org.roomchat.chat;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.roomchat.room.Member;
import org.roomchat.room.MemberRole;
import org.roomchat.room.Person;
import org.roomchat.room.RoomCatalog;
import org.roomchat.room.RoomFacts;
import org.roomchat.room.RoomMembers;
import org.roomchat.room.RoomName;
import org.roomchat.room.RoomVisibility;

/** Rooms, conversations, accounts and memberships kept in memory, with no limit on new rooms. */
final class MemoryRooms implements RoomCatalog, RoomMembers {

  private final Map<RoomName, RoomFacts> rooms = new HashMap<>();
  private final Map<String, Person> people = new HashMap<>();
  private final Map<Long, Map<Long, MemberRole>> roles = new HashMap<>();

  /** An account that may chat; names are compared without regard to case, as accounts do. */
  Person person(long id, String username) {
    Person person = new Person(id, username);
    people.put(username.toLowerCase(Locale.ROOT), person);
    return person;
  }

  /** The room's members and roles, by user id. */
  Map<Long, MemberRole> roles(RoomName room) {
    return Map.copyOf(roles.getOrDefault(rooms.get(room).id(), Map.of()));
  }

  int roomCount() {
    return rooms.size();
  }

  @Override
  public Optional<Person> person(String username) {
    return Optional.ofNullable(people.get(username.toLowerCase(Locale.ROOT)));
  }

  @Override
  public Optional<RoomFacts> find(RoomName name) {
    return Optional.ofNullable(rooms.get(name));
  }

  @Override
  public Optional<RoomFacts> enter(RoomName name, Person person) {
    if (!rooms.containsKey(name)) {
      create(name, RoomVisibility.PUBLIC, person);
    }
    return find(name);
  }

  @Override
  public Creation create(RoomName name, RoomVisibility visibility, Person owner) {
    if (rooms.containsKey(name)) {
      return Creation.TAKEN;
    }
    RoomFacts room = new RoomFacts(rooms.size() + 1, name, visibility);
    rooms.put(name, room);
    roles.computeIfAbsent(room.id(), id -> new HashMap<>()).put(owner.id(), MemberRole.OWNER);
    return Creation.CREATED;
  }

  @Override
  public boolean delete(RoomFacts room) {
    roles.remove(room.id());
    return rooms.remove(room.name()) != null;
  }

  @Override
  public void forget(RoomName name) {
    // Nothing is remembered apart from the rooms themselves.
  }

  @Override
  public RoomFacts startConversation(Person one, Person other) {
    RoomName name = RoomName.conversation(one.id(), other.id());
    if (!rooms.containsKey(name)) {
      RoomFacts room = new RoomFacts(rooms.size() + 1, name, RoomVisibility.DIRECT);
      rooms.put(name, room);
      Map<Long, MemberRole> members = roles.computeIfAbsent(room.id(), id -> new HashMap<>());
      members.put(one.id(), MemberRole.MEMBER);
      members.put(other.id(), MemberRole.MEMBER);
    }
    return rooms.get(name);
  }

  @Override
  public Optional<MemberRole> role(long roomId, long userId) {
    return Optional.ofNullable(roles.getOrDefault(roomId, Map.of()).get(userId));
  }

  @Override
  public boolean join(long roomId, long userId) {
    Map<Long, MemberRole> members = roles.computeIfAbsent(roomId, id -> new HashMap<>());
    return members.putIfAbsent(userId, MemberRole.MEMBER) == null;
  }

  @Override
  public boolean remove(long roomId, long userId) {
    return roles.getOrDefault(roomId, new HashMap<>()).remove(userId) != null;
  }

  @Override
  public boolean changeRole(long roomId, long userId, MemberRole role) {
    return roles.getOrDefault(roomId, new HashMap<>()).replace(userId, role) != null;
  }

  @Override
  public List<Member> list(long roomId) {
    return roles.getOrDefault(roomId, Map.of()).entrySet().stream()
        .map(e -> new Member(name(e.getKey()), e.getValue()))
        .sorted(Comparator.comparing(Member::role).thenComparing(Member::username))
        .toList();
  }

  private String name(long userId) {
    return people.values().stream()
        .filter(p -> p.id() == userId)
        .map(Person::username)
        .findFirst()
        .orElseThrow();
  }
}
