package org.roomchat.room;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Rooms and their stored messages. */
@ApplicationScoped
public class RoomService implements RoomCatalog, RoomHistory {

  /**
   * How long before a client's newest message a change may have been made and still not have
   * reached the client: its event is published once the change commits, while other nodes store
   * and announce messages, and the nodes' clocks differ a little. Hearing of a change twice is
   * harmless.
   */
  static final Duration CHANGE_OVERLAP = Duration.ofSeconds(30);

  @PersistenceContext(unitName = "roomchat")
  EntityManager em;

  @Inject RoomCreator creator;
  @Inject RoomCreationLimit creations;

  /**
   * Rooms and conversations by name: neither is ever renamed nor changes visibility, so a found one
   * stays right.
   */
  private final ConcurrentHashMap<RoomName, RoomFacts> known = new ConcurrentHashMap<>();

  @Override
  public Optional<RoomFacts> find(RoomName name) {
    RoomFacts room = known.get(name);
    if (room == null) {
      room = stored(name).map(ChatRoom::facts).orElse(null);
      if (room != null) {
        known.put(name, room);
      }
    }
    return Optional.ofNullable(room);
  }

  /**
   * The existing room, or a new one (Django's get_or_create) for a person who entered it: an
   * existing room always, a new one only while the person may start more rooms ({@link
   * RoomCreationLimit}).
   */
  @Override
  public Optional<RoomFacts> enter(RoomName name, Person person) {
    requireRoom(name);
    Optional<RoomFacts> existing = find(name);
    if (existing.isPresent()) {
      return existing;
    }
    if (!creations.tryCreate(person.username())) {
      // Someone else may have just created it; entering an existing room is never limited.
      return find(name);
    }
    try {
      return Optional.of(remember(creator.create(name, RoomVisibility.PUBLIC, person)));
    } catch (Exception raced) { // a failed commit may come as the checked RollbackException
      // Another connection or node created it first: the unique name makes that safe.
      return Optional.of(
          find(name)
              .orElseThrow(
                  () -> new IllegalStateException("room " + name + " not created", raced)));
    }
  }

  @Override
  public Creation create(RoomName name, RoomVisibility visibility, Person owner) {
    requireRoom(name);
    if (visibility == RoomVisibility.DIRECT) {
      throw new IllegalArgumentException("a conversation is started by its users");
    }
    if (find(name).isPresent()) {
      return Creation.TAKEN;
    }
    if (!creations.tryCreate(owner.username())) {
      return Creation.TOO_MANY;
    }
    try {
      remember(creator.create(name, visibility, owner));
      return Creation.CREATED;
    } catch (Exception raced) { // a failed commit may come as the checked RollbackException
      if (find(name).isPresent()) {
        return Creation.TAKEN; // another request took the name first
      }
      throw new IllegalStateException("room " + name + " not created", raced);
    }
  }

  @Override
  public RoomFacts startConversation(Person one, Person other) {
    RoomName name = RoomName.conversation(one.id(), other.id());
    Optional<RoomFacts> existing = find(name);
    if (existing.isPresent()) {
      return existing.get();
    }
    try {
      return remember(creator.createConversation(name, one, other));
    } catch (Exception raced) { // a failed commit may come as the checked RollbackException
      // The other user, or another tab or node, started it first: the unique name makes that safe.
      return find(name)
          .orElseThrow(
              () -> new IllegalStateException("conversation " + name + " not started", raced));
    }
  }

  /** Conversations are started by {@link #startConversation} alone, never as rooms. */
  private static void requireRoom(RoomName name) {
    if (name.isConversation()) {
      throw new IllegalArgumentException("not a room's name: " + name);
    }
  }

  private RoomFacts remember(RoomFacts room) {
    known.put(room.name(), room);
    return room;
  }

  @Override
  @Transactional
  public boolean delete(RoomFacts room) {
    if (room.visibility() == RoomVisibility.DIRECT) {
      throw new IllegalArgumentException("a conversation is not deleted as a room: " + room.name());
    }
    // The database deletes the rows that refer to the room along with it (on delete cascade).
    int deleted =
        em.createQuery("delete from ChatRoom r where r.id = :id")
            .setParameter("id", room.id())
            .executeUpdate();
    forget(room.name());
    return deleted > 0;
  }

  @Override
  public void forget(RoomName name) {
    known.remove(name);
  }

  /** The id of a room that exists, for rooms the server itself has in use. */
  public long existingId(RoomName name) {
    return find(name)
        .orElseThrow(() -> new IllegalStateException("no room " + name))
        .id();
  }

  @Transactional
  Optional<ChatRoom> stored(RoomName name) {
    return em.createNamedQuery(ChatRoom.BY_NAME, ChatRoom.class)
        .setParameter("name", name.value())
        .getResultStream()
        .findFirst();
  }

  /** The room's newest messages, oldest first, with whom they mention (a second query). */
  @Transactional
  public List<StoredMessage> recent(long roomId, int limit) {
    List<Message> newest =
        em.createNamedQuery(Message.NEWEST_IN_ROOM, Message.class)
            .setParameter("roomId", roomId)
            .setMaxResults(limit)
            .getResultList();
    return withMentions(roomId, oldestFirst(newest));
  }

  @Override
  @Transactional
  public CatchUp after(long roomId, long afterId, int limit) {
    List<Message> newest =
        em.createNamedQuery(Message.NEWEST_AFTER, Message.class)
            .setParameter("roomId", roomId)
            .setParameter("after", afterId)
            .setMaxResults(limit + 1)
            .getResultList();
    boolean truncated = newest.size() > limit;
    return new CatchUp(
        withMentions(roomId, oldestFirst(truncated ? newest.subList(0, limit) : newest)),
        truncated);
  }

  @Override
  @Transactional
  public List<StoredMessage> changedUpTo(long roomId, long afterId, int limit) {
    Optional<OffsetDateTime> storedAt =
        em.createQuery(
                "select m.createdAt from Message m where m.room.id = :roomId and m.id <= :after"
                    + " order by m.id desc",
                OffsetDateTime.class)
            .setParameter("roomId", roomId)
            .setParameter("after", afterId)
            .setMaxResults(1)
            .getResultStream()
            .findFirst();
    if (storedAt.isEmpty()) {
      return List.of();
    }
    List<Message> newestChanges =
        em.createNamedQuery(Message.CHANGED_UP_TO, Message.class)
            .setParameter("roomId", roomId)
            .setParameter("since", storedAt.get().minus(CHANGE_OVERLAP))
            .setParameter("upTo", afterId)
            .setMaxResults(limit)
            .getResultList();
    return oldestFirst(newestChanges);
  }

  /**
   * The room's messages edited or deleted since {@code since}, as they are now, the least recently
   * changed first: at most {@code limit}, the most recently changed ones.
   */
  @Transactional
  public List<StoredMessage> changedSince(long roomId, Instant since, int limit) {
    List<Message> newestChanges =
        em.createNamedQuery(Message.CHANGED_UP_TO, Message.class)
            .setParameter("roomId", roomId)
            .setParameter("since", since.atOffset(ZoneOffset.UTC))
            .setParameter("upTo", Long.MAX_VALUE)
            .setMaxResults(limit)
            .getResultList();
    return oldestFirst(newestChanges);
  }

  /** The sequence number of the room's newest committed message; 0 before the first. */
  @Transactional
  public long lastSeq(long roomId) {
    return em.createQuery("select r.lastSeq from ChatRoom r where r.id = :id", Long.class)
        .setParameter("id", roomId)
        .getResultStream()
        .findFirst()
        .orElse(0L);
  }

  /**
   * The room's messages numbered {@code fromSeq} to {@code toSeq}, both included, in that order: at
   * most {@code limit}, the oldest ones.
   */
  @Transactional
  public List<StoredMessage> bySeq(long roomId, long fromSeq, long toSeq, int limit) {
    List<Message> found =
        em.createNamedQuery(Message.SEQ_RANGE, Message.class)
            .setParameter("roomId", roomId)
            .setParameter("from", fromSeq)
            .setParameter("to", toSeq)
            .setMaxResults(limit)
            .getResultList();
    List<StoredMessage> messages = new ArrayList<>(found.size());
    for (Message m : found) {
      messages.add(StoredMessage.of(m));
    }
    return withMentions(roomId, messages);
  }

  /**
   * The messages (of one room, in order of their place) with the readers each mentions: one query
   * for all of them, over the mentions' key.
   */
  private List<StoredMessage> withMentions(long roomId, List<StoredMessage> messages) {
    if (messages.isEmpty()) {
      return messages;
    }
    Map<Long, List<Person>> bySeq = new HashMap<>();
    em.createQuery(
            "select mm.seq, u.id, u.username from Mention mm, UserAccount u"
                + " where u.id = mm.userId and mm.roomId = :room"
                + " and mm.seq >= :from and mm.seq <= :to",
            Object[].class)
        .setParameter("room", roomId)
        .setParameter("from", messages.get(0).seq())
        .setParameter("to", messages.get(messages.size() - 1).seq())
        .getResultList()
        .forEach(
            row ->
                bySeq
                    .computeIfAbsent(((Number) row[0]).longValue(), seq -> new ArrayList<>())
                    .add(new Person(((Number) row[1]).longValue(), (String) row[2])));
    if (bySeq.isEmpty()) {
      return messages;
    }
    List<StoredMessage> mentioning = new ArrayList<>(messages.size());
    for (StoredMessage message : messages) {
      List<Person> mentioned = bySeq.get(message.seq());
      mentioning.add(
          mentioned == null
              ? message
              : message.withMentions(mentioned.stream().sorted(MessageWriter.BY_NAME).toList()));
    }
    return mentioning;
  }

  private static List<StoredMessage> oldestFirst(List<Message> newestFirst) {
    List<StoredMessage> messages = new ArrayList<>(newestFirst.size());
    for (Message m : newestFirst) {
      messages.add(StoredMessage.of(m));
    }
    Collections.reverse(messages);
    return messages;
  }

  /**
   * Creates rooms, each with its owner as its first member, in a transaction of their own, so a
   * lost race does not spoil the caller's.
   */
  @ApplicationScoped
  public static class RoomCreator {
    @PersistenceContext(unitName = "roomchat")
    EntityManager em;

    @Inject Event<MembershipChange> changes;

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public RoomFacts create(RoomName name, RoomVisibility visibility, Person owner) {
      OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
      ChatRoom room = new ChatRoom(name, visibility, owner.id(), now);
      em.persist(room);
      em.flush();
      em.persist(new Membership(room.getId(), owner.id(), MemberRole.OWNER, now, 0));
      em.flush();
      changes.fire(new MembershipChange(room.getId(), owner.id(), true));
      return room.facts();
    }

    /** A conversation with its one or two users as members, neither of them its owner. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public RoomFacts createConversation(RoomName name, Person one, Person other) {
      OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
      ChatRoom room = ChatRoom.conversation(name, now);
      em.persist(room);
      em.flush();
      em.persist(new Membership(room.getId(), one.id(), MemberRole.MEMBER, now, 0));
      if (other.id() != one.id()) {
        em.persist(new Membership(room.getId(), other.id(), MemberRole.MEMBER, now, 0));
      }
      em.flush();
      return room.facts();
    }
  }
}
