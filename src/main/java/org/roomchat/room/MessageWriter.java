package org.roomchat.room;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.roomchat.account.UserAccount;

/**
 * Stores a batch of messages in one transaction and moves their rooms' update time and message
 * count by as many messages as the batch holds in each.
 *
 * <p>Within a room, commit order, id order and sequence order agree on every node sharing the
 * database: the batch first locks its rooms' rows (moving {@code last_seq} by the number of its
 * messages in each, rooms in ascending id order so that two writers never deadlock), numbers each
 * message from there, and only then takes the ids, one at a time. The locks are held until commit,
 * so the next writer to a room numbers and takes ids after this batch is committed.
 */
@ApplicationScoped
public class MessageWriter {

  @PersistenceContext(unitName = "roomchat")
  EntityManager em;

  @Transactional
  public List<StoredMessage> store(List<PendingMessage> batch) {
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
    Map<Long, Integer> counts = new TreeMap<>();
    for (PendingMessage pending : batch) {
      counts.merge(pending.roomId(), 1, Integer::sum);
    }
    // The next sequence number of each room, taken under the room's row lock.
    Map<Long, Long> nextSeq = new HashMap<>();
    for (Map.Entry<Long, Integer> room : counts.entrySet()) {
      nextSeq.put(room.getKey(), lock(room.getKey(), room.getValue(), now) - room.getValue() + 1);
    }
    List<Message> messages = new ArrayList<>(batch.size());
    for (PendingMessage pending : batch) {
      long seq = nextSeq.merge(pending.roomId(), 1L, Long::sum) - 1;
      Message message =
          new Message(
              em.getReference(ChatRoom.class, pending.roomId()),
              seq,
              em.getReference(UserAccount.class, pending.authorId()),
              pending.content(),
              now);
      em.persist(message); // takes the id from the sequence now, after the lock
      messages.add(message);
    }
    em.flush();
    List<StoredMessage> stored = new ArrayList<>(messages.size());
    for (int i = 0; i < messages.size(); i++) {
      Message m = messages.get(i);
      stored.add(
          new StoredMessage(
              m.getId(),
              m.getRoomSeq(),
              batch.get(i).username(),
              m.getContent(),
              m.getCreatedAt()));
    }
    return stored;
  }

  /**
   * Locks the room's row, moving its last sequence number and its message count by {@code count};
   * returns the new last sequence number.
   */
  private long lock(long roomId, int count, OffsetDateTime now) {
    int updated =
        em.createQuery(
                "update ChatRoom r set r.updatedAt = :now, r.lastSeq = r.lastSeq + :count,"
                    + " r.messageCount = r.messageCount + :count where r.id = :id")
            .setParameter("now", now)
            .setParameter("count", (long) count)
            .setParameter("id", roomId)
            .executeUpdate();
    if (updated != 1) {
      throw new IllegalStateException("room " + roomId + " does not exist");
    }
    return em.createQuery("select r.lastSeq from ChatRoom r where r.id = :id", Long.class)
        .setParameter("id", roomId)
        .getSingleResult();
  }
}
