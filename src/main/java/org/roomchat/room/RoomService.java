package org.roomchat.room;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

/** Rooms and their stored messages. */
@ApplicationScoped
public class RoomService implements RoomHistory {

  @PersistenceContext(unitName = "roomchat")
  EntityManager em;

  @Inject RoomCreator creator;
  @Inject RoomCreationLimit creations;

  /** Room ids by name; rooms are never renamed, so a found id stays right. */
  private final ConcurrentHashMap<RoomName, Long> ids = new ConcurrentHashMap<>();

  /**
   * The room's id, creating the room when it is new (Django's get_or_create), for a user who
   * entered it: an existing room always, a new one only while the user may start more rooms ({@link
   * RoomCreationLimit}). Empty, with nothing created, when the user may not.
   */
  public OptionalLong enter(RoomName name, String user) {
    Long known = known(name);
    if (known != null) {
      return OptionalLong.of(known);
    }
    if (!creations.tryCreate(user)) {
      // Someone else may have just created it; entering an existing room is never limited.
      Long createdMeanwhile = known(name);
      return createdMeanwhile == null ? OptionalLong.empty() : OptionalLong.of(createdMeanwhile);
    }
    long id = createOrFind(name);
    ids.put(name, id);
    return OptionalLong.of(id);
  }

  /** The room's id, creating the room when it is new; for rooms the server itself has in use. */
  public long enter(RoomName name) {
    Long id = known(name);
    if (id != null) {
      return id;
    }
    id = createOrFind(name);
    ids.put(name, id);
    return id;
  }

  /** The id of an existing room, or null. */
  private Long known(RoomName name) {
    Long id = ids.get(name);
    if (id == null) {
      id = find(name).map(ChatRoom::getId).orElse(null);
      if (id != null) {
        ids.put(name, id);
      }
    }
    return id;
  }

  private long createOrFind(RoomName name) {
    try {
      return creator.create(name);
    } catch (Exception raced) { // a failed commit may come as the checked RollbackException
      // Another connection or node created it first: the unique name makes that safe.
      return find(name)
          .map(ChatRoom::getId)
          .orElseThrow(() -> new IllegalStateException("room " + name + " not created", raced));
    }
  }

  @Transactional
  public Optional<ChatRoom> find(RoomName name) {
    return em.createNamedQuery(ChatRoom.BY_NAME, ChatRoom.class)
        .setParameter("name", name.value())
        .getResultStream()
        .findFirst();
  }

  /** The room's newest messages, oldest first. */
  public List<StoredMessage> recent(long roomId, int limit) {
    List<Message> newest =
        em.createNamedQuery(Message.NEWEST_IN_ROOM, Message.class)
            .setParameter("roomId", roomId)
            .setMaxResults(limit)
            .getResultList();
    return oldestFirst(newest);
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
    return new CatchUp(oldestFirst(truncated ? newest.subList(0, limit) : newest), truncated);
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
    return messages;
  }

  private static List<StoredMessage> oldestFirst(List<Message> newestFirst) {
    List<StoredMessage> messages = new ArrayList<>(newestFirst.size());
    for (Message m : newestFirst) {
      messages.add(StoredMessage.of(m));
    }
    Collections.reverse(messages);
    return messages;
  }

  /** Creates rooms in a transaction of their own, so a lost race does not spoil the caller's. */
  @ApplicationScoped
  public static class RoomCreator {
    @PersistenceContext(unitName = "roomchat")
    EntityManager em;

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public long create(RoomName name) {
      ChatRoom room =
          new ChatRoom(name, OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS));
      em.persist(room);
      em.flush();
      return room.getId();
    }
  }
}
