package org.roomchat.chat;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.roomchat.room.Person;
import org.roomchat.room.ReadMarkers;
import org.roomchat.room.StoredMessage;
import org.roomchat.room.UnreadCount;

/** Rooms, members, markers and mentions in memory, as the database keeps them. */
final class MemoryReadMarkers implements ReadMarkers {

  private record Room(long id, String name, UnreadCount.Place place, List<Long> conversation) {}

  private record Stored(long roomId, long seq) {}

  private final Map<Long, Room> rooms = new HashMap<>();
  private final Map<Long, String> names = new HashMap<>();
  private final Map<Long, Long> lastSeq = new HashMap<>();
  private final Map<Long, Long> lastId = new HashMap<>();
  private final Map<Long, Stored> messages = new HashMap<>();
  private final Map<List<Long>, Long> markers = new HashMap<>();
  private final Set<List<Long>> mentions = new HashSet<>();
  private long nextMessageId = 100;
  int reads;

  /** Runs once, right after the next summary is read: what happens while it is on its way. */
  Runnable afterNextRead;

  boolean failReads;

  Person person(long id, String name) {
    names.put(id, name);
    return new Person(id, name);
  }

  void room(long id, String name, UnreadCount.Place place) {
    rooms.put(id, new Room(id, name, place, List.of()));
  }

  void conversation(long id, long one, long other) {
    rooms.put(
        id,
        new Room(
            id,
            "@" + Math.min(one, other) + "-" + Math.max(one, other),
            UnreadCount.Place.CONVERSATION,
            List.of(one, other)));
    join(id, one);
    join(id, other);
  }

  /** A new member: the marker at the room's newest message. */
  void join(long roomId, long userId) {
    markers.put(List.of(roomId, userId), lastSeq.getOrDefault(roomId, 0L));
  }

  void leave(long roomId, long userId) {
    markers.remove(List.of(roomId, userId));
  }

  /** Stores a message as the writer does: the author's marker moves, members mentioned. */
  StoredMessage store(long roomId, long authorId, String text, long... mentioned) {
    long seq = lastSeq.merge(roomId, 1L, Long::sum);
    long id = nextMessageId++;
    lastId.put(roomId, id);
    messages.put(id, new Stored(roomId, seq));
    markers.computeIfPresent(List.of(roomId, authorId), (k, marker) -> Math.max(marker, seq));
    List<Person> readers = new ArrayList<>();
    for (long user : mentioned) {
      if (markers.containsKey(List.of(roomId, user))) {
        mentions.add(List.of(roomId, seq, user));
        readers.add(new Person(user, names.get(user)));
      }
    }
    return new StoredMessage(id, seq, names.get(authorId), text, null, readers);
  }

  @Override
  public Marking markRead(long roomId, long userId, long messageId) {
    Stored message = messages.get(messageId);
    if (message == null || message.roomId() != roomId) {
      return new NotInRoom();
    }
    Long marker = markers.get(List.of(roomId, userId));
    if (marker == null || marker >= message.seq()) {
      return new Unchanged();
    }
    markers.put(List.of(roomId, userId), message.seq());
    return new Moved(
        message.seq(),
        lastSeq.getOrDefault(roomId, 0L),
        lastId.getOrDefault(roomId, 0L),
        mentionsAfter(roomId, userId, message.seq()));
  }

  private long mentionsAfter(long roomId, long userId, long seq) {
    return mentions.stream()
        .filter(m -> m.get(0) == roomId && m.get(2) == userId && m.get(1) > seq)
        .count();
  }

  @Override
  public List<UnreadCount> unread(Person member) {
    if (failReads) {
      throw new IllegalStateException("database away");
    }
    reads++;
    List<UnreadCount> counts = new ArrayList<>();
    for (Room room : rooms.values()) {
      unread(member, room.id()).ifPresent(counts::add);
    }
    if (afterNextRead != null) {
      Runnable then = afterNextRead;
      afterNextRead = null;
      then.run();
    }
    return counts;
  }

  @Override
  public List<UnreadCount> conversations(Person member) {
    return unread(member).stream()
        .filter(c -> c.place() == UnreadCount.Place.CONVERSATION && c.lastSeq() > 0)
        .toList();
  }

  @Override
  public Optional<UnreadCount> unread(Person member, long roomId) {
    Room room = rooms.get(roomId);
    Long marker = markers.get(List.of(roomId, member.id()));
    if (room == null || marker == null) {
      return Optional.empty();
    }
    String label =
        room.place() != UnreadCount.Place.CONVERSATION
            ? room.name()
            : names.get(
                room.conversation().stream()
                    .filter(id -> id != member.id())
                    .findFirst()
                    .orElse(member.id()));
    return Optional.of(
        new UnreadCount(
            roomId,
            label,
            room.place(),
            marker,
            lastSeq.getOrDefault(roomId, 0L),
            lastId.getOrDefault(roomId, 0L),
            mentionsAfter(roomId, member.id(), marker)));
  }

  @Override
  public Map<Long, Long> markers(long userId, Collection<Long> roomIds) {
    Map<Long, Long> found = new HashMap<>();
    for (Long roomId : roomIds) {
      Long marker = markers.get(List.of(roomId, userId));
      if (marker != null) {
        found.put(roomId, marker);
      }
    }
    return found;
  }

  @Override
  public Optional<List<Long>> conversationMembers(long roomId) {
    Room room = rooms.get(roomId);
    return room == null || room.conversation().isEmpty()
        ? Optional.empty()
        : Optional.of(room.conversation());
  }
}
