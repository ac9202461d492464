package org.roomchat.room;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
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
 *
 * <p>In the same transaction, each author's read marker moves to their newest message of the batch
 * (posting marks the room read), and the readers of the room each message mentions are stored with
 * it: at most {@link #MAX_MENTIONED} per message. Neither costs anything per member who is not
 * mentioned.
 */
@ApplicationScoped
public class MessageWriter {

  /** The most readers one message mentions; further names in its text mention no one. */
  public static final int MAX_MENTIONED = 20;

  private static final int KEYS_PER_QUERY = 200;

  /** Mentioned readers are listed by name, as history lists them (it keeps no text order). */
  static final Comparator<Person> BY_NAME = Comparator.comparing(Person::username);

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
    moveAuthorsMarkers(batch, messages);
    List<List<Person>> mentioned = storeMentions(batch, messages);
    List<StoredMessage> stored = new ArrayList<>(messages.size());
    for (int i = 0; i < messages.size(); i++) {
      Message m = messages.get(i);
      stored.add(
          new StoredMessage(
              m.getId(),
              m.getRoomSeq(),
              batch.get(i).username(),
              m.getContent(),
              m.getCreatedAt(),
              mentioned.get(i)));
    }
    return stored;
  }

  /** Moves each author's marker in each room to their newest message there; forward only. */
  private void moveAuthorsMarkers(List<PendingMessage> batch, List<Message> messages) {
    Map<List<Long>, Long> newest = new LinkedHashMap<>();
    for (int i = 0; i < batch.size(); i++) {
      PendingMessage pending = batch.get(i);
      newest.merge(
          List.of(pending.roomId(), pending.authorId()), messages.get(i).getRoomSeq(), Math::max);
    }
    for (Map.Entry<List<Long>, Long> marker : newest.entrySet()) {
      em.createQuery(
              "update Membership m set m.readSeq = :seq"
                  + " where m.roomId = :room and m.userId = :user and m.readSeq < :seq")
          .setParameter("seq", marker.getValue())
          .setParameter("room", marker.getKey().get(0))
          .setParameter("user", marker.getKey().get(1))
          .executeUpdate();
    }
  }

  /**
   * Stores the mentions of each message: for each of its {@code @name}s, the longest of its keys
   * that names an enabled member of the room. Answers the readers each message mentions, in order;
   * one query per room whose messages name anyone.
   */
  private List<List<Person>> storeMentions(List<PendingMessage> batch, List<Message> messages) {
    Map<Long, Set<String>> keysByRoom = new TreeMap<>();
    for (PendingMessage pending : batch) {
      for (MentionToken token : pending.mentions()) {
        keysByRoom.computeIfAbsent(pending.roomId(), room -> new TreeSet<>()).addAll(token.keys());
      }
    }
    if (keysByRoom.isEmpty()) {
      return batch.stream().map(pending -> List.<Person>of()).toList();
    }
    Map<Long, Map<String, Person>> readersByRoom = new HashMap<>();
    keysByRoom.forEach((room, keys) -> readersByRoom.put(room, readersNamed(room, keys)));
    List<List<Person>> mentioned = new ArrayList<>(batch.size());
    for (int i = 0; i < batch.size(); i++) {
      PendingMessage pending = batch.get(i);
      Map<String, Person> readers = readersByRoom.getOrDefault(pending.roomId(), Map.of());
      Map<Long, Person> named = new LinkedHashMap<>();
      for (MentionToken token : pending.mentions()) {
        if (named.size() == MAX_MENTIONED) {
          break;
        }
        token.keys().stream()
            .map(readers::get)
            .filter(reader -> reader != null)
            .findFirst()
            .ifPresent(reader -> named.putIfAbsent(reader.id(), reader));
      }
      long seq = messages.get(i).getRoomSeq();
      for (Person reader : named.values()) {
        em.persist(new Mention(pending.roomId(), seq, reader.id()));
      }
      mentioned.add(named.values().stream().sorted(BY_NAME).toList());
    }
    em.flush();
    return mentioned;
  }

  /**
   * The room's members whose accounts may chat, by the keys of their names, among these keys; so
   * many keys a query at most, so that no statement grows with a busy batch.
   */
  private Map<String, Person> readersNamed(long roomId, Set<String> keys) {
    Map<String, Person> readers = new HashMap<>();
    List<String> all = List.copyOf(keys);
    for (int from = 0; from < all.size(); from += KEYS_PER_QUERY) {
      em.createQuery(
              "select u.id, u.username, u.nameKey from Membership m, UserAccount u"
                  + " where u.id = m.userId and m.roomId = :room and u.enabled = true"
                  + " and u.nameKey in :keys",
              Object[].class)
          .setParameter("room", roomId)
          .setParameter("keys", all.subList(from, Math.min(all.size(), from + KEYS_PER_QUERY)))
          .getResultStream()
          .forEach(
              row ->
                  readers.put(
                      (String) row[2], new Person(((Number) row[0]).longValue(), (String) row[1])));
    }
    return readers;
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
