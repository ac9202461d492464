package org.roomchat.room;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Read markers on the {@link Membership} rows and mentions in {@link Mention} rows. A user's unread
 * counts over all their rooms cost four indexed queries, however many messages the rooms hold.
 *
 * <p>A conversation between two users is a room whose visibility is {@value #DIRECT}, named
 * {@code @{lowId}-{highId}} after its members' ids, with both as members.
 */
@ApplicationScoped
public class UnreadRecords implements ReadMarkers {

  /** The visibility of a conversation's room. */
  static final String DIRECT = "direct";

  private static final Pattern CONVERSATION_NAME = Pattern.compile("@(\\d{1,18})-(\\d{1,18})");

  @PersistenceContext(unitName = "roomchat")
  EntityManager em;

  @Override
  @Transactional
  public Marking markRead(long roomId, long userId, long messageId) {
    Optional<Long> seq =
        em.createQuery(
                "select m.roomSeq from Message m where m.id = :id and m.room.id = :room",
                Long.class)
            .setParameter("id", messageId)
            .setParameter("room", roomId)
            .getResultStream()
            .findFirst();
    if (seq.isEmpty()) {
      return new NotInRoom();
    }
    int moved =
        em.createQuery(
                "update Membership m set m.readSeq = :seq"
                    + " where m.roomId = :room and m.userId = :user and m.readSeq < :seq")
            .setParameter("seq", seq.get())
            .setParameter("room", roomId)
            .setParameter("user", userId)
            .executeUpdate();
    if (moved == 0) {
      return new Unchanged();
    }
    long lastSeq =
        em.createQuery("select r.lastSeq from ChatRoom r where r.id = :room", Long.class)
            .setParameter("room", roomId)
            .getSingleResult();
    long lastMessageId =
        em.createQuery(
                "select m.id from Message m where m.room.id = :room and m.roomSeq = :seq",
                Long.class)
            .setParameter("room", roomId)
            .setParameter("seq", lastSeq)
            .getResultStream()
            .findFirst()
            .orElse(0L);
    long mentions =
        em.createQuery(
                "select count(mm) from Mention mm where mm.userId = :user and mm.roomId = :room"
                    + " and mm.seq > :seq",
                Long.class)
            .setParameter("user", userId)
            .setParameter("room", roomId)
            .setParameter("seq", seq.get())
            .getSingleResult();
    return new Moved(seq.get(), lastSeq, lastMessageId, mentions);
  }

  @Override
  @Transactional
  public List<UnreadCount> unread(Person member) {
    return counts(member, null, "");
  }

  @Override
  @Transactional
  public Optional<UnreadCount> unread(Person member, long roomId) {
    return counts(member, roomId, "").stream().findFirst();
  }

  @Override
  @Transactional
  public List<UnreadCount> conversations(Person member) {
    return counts(member, null, " and r.visibility = '" + DIRECT + "' and r.lastSeq > 0").stream()
        .filter(count -> count.place() == UnreadCount.Place.CONVERSATION)
        .toList();
  }

  /**
   * The member's counts in every room, or in the one room when {@code onlyRoom} is not null; {@code
   * rooms} narrows the rooms further (a condition on {@code r}, or nothing).
   */
  private List<UnreadCount> counts(Person member, Long onlyRoom, String rooms) {
    String narrowing = (onlyRoom == null ? "" : " and m.roomId = :only") + rooms;
    List<Object[]> found =
        query(
                "select r.id, r.name, r.visibility, r.lastSeq, m.readSeq"
                    + " from Membership m, ChatRoom r"
                    + " where m.userId = :user and r.id = m.roomId"
                    + narrowing,
                member,
                onlyRoom)
            .getResultList();
    if (found.isEmpty()) {
      return List.of();
    }
    Map<Long, Long> lastIds =
        pairs(
            query(
                "select r.id, msg.id from Membership m, ChatRoom r, Message msg"
                    + " where m.userId = :user and r.id = m.roomId"
                    + " and msg.room.id = r.id and msg.roomSeq = r.lastSeq"
                    + narrowing,
                member,
                onlyRoom));
    Map<Long, Long> mentions =
        pairs(
            query(
                "select mm.roomId, count(mm) from Membership m, ChatRoom r, Mention mm"
                    + " where m.userId = :user and r.id = m.roomId"
                    + " and mm.userId = :user and mm.roomId = m.roomId"
                    + " and mm.seq > m.readSeq"
                    + narrowing
                    + " group by mm.roomId",
                member,
                onlyRoom));
    Map<Long, String> others = new HashMap<>();
    if (found.stream().anyMatch(row -> DIRECT.equals(row[2]))) {
      query(
              "select r.id, u.username from Membership m, ChatRoom r, Membership other,"
                  + " UserAccount u"
                  + " where m.userId = :user and r.id = m.roomId and r.visibility = '"
                  + DIRECT
                  + "' and other.roomId = r.id and other.userId <> :user"
                  + " and u.id = other.userId"
                  + narrowing,
              member,
              onlyRoom)
          .getResultStream()
          .forEach(row -> others.put(((Number) row[0]).longValue(), (String) row[1]));
    }
    List<UnreadCount> counts = new ArrayList<>(found.size());
    for (Object[] row : found) {
      long roomId = ((Number) row[0]).longValue();
      String visibility = (String) row[2];
      UnreadCount.Place place =
          DIRECT.equals(visibility)
              ? UnreadCount.Place.CONVERSATION
              : RoomVisibility.PRIVATE.value().equals(visibility)
                  ? UnreadCount.Place.PRIVATE_ROOM
                  : UnreadCount.Place.PUBLIC_ROOM;
      String label =
          place == UnreadCount.Place.CONVERSATION
              ? others.getOrDefault(roomId, member.username())
              : (String) row[1];
      counts.add(
          new UnreadCount(
              roomId,
              label,
              place,
              ((Number) row[4]).longValue(),
              ((Number) row[3]).longValue(),
              lastIds.getOrDefault(roomId, 0L),
              mentions.getOrDefault(roomId, 0L)));
    }
    return counts;
  }

  private TypedQuery<Object[]> query(String jpql, Person member, Long onlyRoom) {
    TypedQuery<Object[]> query =
        em.createQuery(jpql, Object[].class).setParameter("user", member.id());
    if (onlyRoom != null) {
      query.setParameter("only", onlyRoom);
    }
    return query;
  }

  private static Map<Long, Long> pairs(TypedQuery<Object[]> query) {
    Map<Long, Long> pairs = new HashMap<>();
    query
        .getResultStream()
        .forEach(row -> pairs.put(((Number) row[0]).longValue(), ((Number) row[1]).longValue()));
    return pairs;
  }

  @Override
  @Transactional
  public Map<Long, Long> markers(long userId, Collection<Long> roomIds) {
    if (roomIds.isEmpty()) {
      return Map.of();
    }
    return pairs(
        em.createQuery(
                "select m.roomId, m.readSeq from Membership m"
                    + " where m.userId = :user and m.roomId in :rooms",
                Object[].class)
            .setParameter("user", userId)
            .setParameter("rooms", List.copyOf(roomIds)));
  }

  @Override
  @Transactional
  public Optional<List<Long>> conversationMembers(long roomId) {
    return em.createQuery(
            "select r.name from ChatRoom r where r.id = :room and r.visibility = '" + DIRECT + "'",
            String.class)
        .setParameter("room", roomId)
        .getResultStream()
        .findFirst()
        .flatMap(UnreadRecords::membersNamed);
  }

  /** The member ids a conversation's name holds; empty for a name of another form. */
  static Optional<List<Long>> membersNamed(String name) {
    Matcher ids = CONVERSATION_NAME.matcher(name);
    if (!ids.matches()) {
      return Optional.empty();
    }
    return Optional.of(List.of(Long.parseLong(ids.group(1)), Long.parseLong(ids.group(2))));
  }
}
