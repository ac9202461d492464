package org.roomchat.room;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The rooms as lists show them: newest activity first, a page at a time, with message and online
 * counts and, for a user, what the user has not read; of the private rooms, only those of the
 * list's {@link RoomAudience}; never a conversation, which only its own users' lists show ({@link
 * #conversations}). A page costs one indexed query of at most {@link #PAGE_SIZE} + 1 rows, one
 * presence look-up for all its rooms and, for a user, one look-up of the user's read markers in
 * them, however many rooms there are.
 */
@ApplicationScoped
public class RoomDirectory {

  /** Rooms on one page of a list. */
  public static final int PAGE_SIZE = 100;

  /** The escape character of name searches; room names cannot contain it. */
  private static final char LIKE_ESCAPE = '!';

  @PersistenceContext(unitName = "roomchat")
  EntityManager em;

  @Inject Presence presence;
  @Inject ReadMarkers markers;

  /**
   * One room of a list; {@code unread}: the messages after the reader's marker, 0 for a room the
   * reader is not a member of (or a list without a reader).
   */
  public record RoomSummary(
      long id,
      String name,
      OffsetDateTime createdAt,
      OffsetDateTime updatedAt,
      long messageCount,
      int onlineCount,
      RoomVisibility visibility,
      long unread) {

    public boolean isPrivate() {
      return visibility == RoomVisibility.PRIVATE;
    }

    public RoomCursor cursor() {
      return new RoomCursor(updatedAt, id);
    }
  }

  /**
   * One page of rooms; {@code newer} and {@code older} are where the neighbouring pages start,
   * present when there are rooms there.
   */
  public record Listing(
      List<RoomSummary> rooms, Optional<RoomCursor> newer, Optional<RoomCursor> older) {}

  /**
   * One of a user's conversations: the other user's stored name (the user's own for the notepad),
   * and when the last message, or the start, was.
   */
  public record ConversationSummary(String peer, OffsetDateTime updatedAt) {}

  private enum Direction {
    OLDER,
    NEWER
  }

  private record Row(
      long id,
      String name,
      OffsetDateTime createdAt,
      OffsetDateTime updatedAt,
      long messageCount,
      RoomVisibility visibility,
      long lastSeq) {}

  /**
   * The page the query asks for. A cursor past either end of the list (the rooms moved on, or the
   * link was made up) gives the first page.
   */
  public Listing page(RoomQuery query, RoomAudience audience) {
    Optional<String> search = query.nameContains();
    if (query.before().isPresent()) {
      List<Row> rows = rows(search, audience, query.before(), Direction.OLDER);
      if (!rows.isEmpty()) {
        boolean more = rows.size() > PAGE_SIZE;
        List<Row> page = more ? rows.subList(0, PAGE_SIZE) : rows;
        return listing(page, audience, true, more);
      }
    } else if (query.after().isPresent()) {
      List<Row> rows = rows(search, audience, query.after(), Direction.NEWER);
      if (rows.size() > PAGE_SIZE) {
        List<Row> page = new ArrayList<>(rows.subList(0, PAGE_SIZE));
        Collections.reverse(page);
        return listing(page, audience, true, true);
      }
      // Fewer than a page newer than the cursor: the first page holds them.
    }
    List<Row> rows = rows(search, audience, Optional.empty(), Direction.OLDER);
    boolean more = rows.size() > PAGE_SIZE;
    return listing(more ? rows.subList(0, PAGE_SIZE) : rows, audience, false, more);
  }

  /** At most a page and one more, from the cursor on in the direction, nearest first. */
  private List<Row> rows(
      Optional<String> search,
      RoomAudience audience,
      Optional<RoomCursor> from,
      Direction direction) {
    List<String> conditions = new ArrayList<>();
    conditions.add("r.visibility <> :direct");
    if (!audience.everyRoom()) {
      conditions.add(
          audience.memberId().isPresent()
              ? "(r.visibility = :public or exists (select m from Membership m"
                  + " where m.roomId = r.id and m.userId = :member))"
              : "r.visibility = :public");
    }
    search.ifPresent(
        s -> conditions.add("lower(r.name) like :pattern escape '" + LIKE_ESCAPE + "'"));
    if (from.isPresent()) {
      // The first comparison alone bounds an index range; the second breaks ties by id.
      conditions.add(
          direction == Direction.OLDER
              ? "r.updatedAt <= :at and (r.updatedAt < :at or r.id < :id)"
              : "r.updatedAt >= :at and (r.updatedAt > :at or r.id > :id)");
    }
    String order = direction == Direction.OLDER ? "desc" : "asc";
    TypedQuery<Object[]> query =
        em.createQuery(
                "select r.id, r.name, r.createdAt, r.updatedAt, r.messageCount, r.visibility,"
                    + " r.lastSeq from ChatRoom r"
                    + (conditions.isEmpty() ? "" : " where " + String.join(" and ", conditions))
                    + " order by r.updatedAt "
                    + order
                    + ", r.id "
                    + order,
                Object[].class)
            .setMaxResults(PAGE_SIZE + 1);
    query.setParameter("direct", RoomVisibility.DIRECT.value());
    if (!audience.everyRoom()) {
      query.setParameter("public", RoomVisibility.PUBLIC.value());
      audience.memberId().ifPresent(member -> query.setParameter("member", member));
    }
    search.ifPresent(s -> query.setParameter("pattern", containsPattern(s)));
    from.ifPresent(
        cursor -> query.setParameter("at", cursor.activity()).setParameter("id", cursor.id()));
    return query.getResultList().stream()
        .map(
            row ->
                new Row(
                    ((Number) row[0]).longValue(),
                    (String) row[1],
                    (OffsetDateTime) row[2],
                    (OffsetDateTime) row[3],
                    ((Number) row[4]).longValue(),
                    LowerCaseName.parse(RoomVisibility.class, (String) row[5]).orElseThrow(),
                    ((Number) row[6]).longValue()))
        .toList();
  }

  /** A room's owner (empty when unknown or gone) and how many members it has. */
  public record Headcount(Optional<String> owner, long members) {}

  /** The owners and member counts of these rooms, in two queries; rooms without members lack. */
  @Transactional
  public Map<Long, Headcount> headcounts(List<Long> roomIds) {
    if (roomIds.isEmpty()) {
      return Map.of();
    }
    Map<Long, String> owners = new HashMap<>();
    em.createQuery(
            "select m.roomId, u.username from Membership m, UserAccount u"
                + " where u.id = m.userId and m.role = :owner and m.roomId in :rooms",
            Object[].class)
        .setParameter("owner", MemberRole.OWNER.value())
        .setParameter("rooms", roomIds)
        .getResultStream()
        .forEach(row -> owners.put(((Number) row[0]).longValue(), (String) row[1]));
    Map<Long, Headcount> counts = new HashMap<>();
    em.createQuery(
            "select m.roomId, count(m) from Membership m where m.roomId in :rooms"
                + " group by m.roomId",
            Object[].class)
        .setParameter("rooms", roomIds)
        .getResultStream()
        .forEach(
            row -> {
              long id = ((Number) row[0]).longValue();
              counts.put(
                  id,
                  new Headcount(
                      Optional.ofNullable(owners.get(id)), ((Number) row[1]).longValue()));
            });
    return counts;
  }

  /** A LIKE pattern matching names that contain the text, without regard to case. */
  static String containsPattern(String text) {
    StringBuilder pattern = new StringBuilder("%");
    for (char c : text.toLowerCase(Locale.ROOT).toCharArray()) {
      if (c == '%' || c == '_' || c == LIKE_ESCAPE) {
        pattern.append(LIKE_ESCAPE);
      }
      pattern.append(c);
    }
    return pattern.append('%').toString();
  }

  private Listing listing(
      List<Row> page, RoomAudience audience, boolean newerExist, boolean olderExist) {
    Map<RoomName, Integer> online =
        presence.onlineCounts(page.stream().map(row -> new RoomName(row.name())).toList());
    Map<Long, Long> read =
        audience.memberId().isPresent()
            ? markers.markers(audience.memberId().getAsLong(), page.stream().map(Row::id).toList())
            : Map.of();
    List<RoomSummary> rooms =
        page.stream()
            .map(
                row ->
                    new RoomSummary(
                        row.id(),
                        row.name(),
                        row.createdAt(),
                        row.updatedAt(),
                        row.messageCount(),
                        online.getOrDefault(new RoomName(row.name()), 0),
                        row.visibility(),
                        read.containsKey(row.id())
                            ? Math.max(0, row.lastSeq() - read.get(row.id()))
                            : 0))
            .toList();
    return new Listing(
        rooms,
        newerExist && !rooms.isEmpty() ? Optional.of(rooms.get(0).cursor()) : Optional.empty(),
        olderExist ? Optional.of(rooms.get(rooms.size() - 1).cursor()) : Optional.empty());
  }

  /**
   * The user's conversations whose other user may still chat, newest activity first: at most {@link
   * #PAGE_SIZE}, in one query over the user's memberships.
   */
  public List<ConversationSummary> conversations(long userId) {
    return em.createQuery(
            "select u.username, r.updatedAt"
                + " from ChatRoom r, Membership mine, Membership theirs, UserAccount u"
                + " where mine.userId = :user and r.id = mine.roomId and r.visibility = :direct"
                + " and theirs.roomId = r.id and u.id = theirs.userId and u.enabled = true"
                // A notepad has one member, who is both.
                + " and (theirs.userId <> :user or r.name = :notepad)"
                + " order by r.updatedAt desc, r.id desc",
            Object[].class)
        .setParameter("user", userId)
        .setParameter("direct", RoomVisibility.DIRECT.value())
        .setParameter("notepad", RoomName.conversation(userId, userId).value())
        .setMaxResults(PAGE_SIZE)
        .getResultStream()
        .map(row -> new ConversationSummary((String) row[0], (OffsetDateTime) row[1]))
        .toList();
  }

  /** How many rooms there are; conversations are not rooms. */
  public long roomCount() {
    return em.createQuery(
            "select count(r) from ChatRoom r where r.visibility <> :direct", Long.class)
        .setParameter("direct", RoomVisibility.DIRECT.value())
        .getSingleResult();
  }

  /**
   * Every room's message count added up, conversations' included: the rooms' counters, not a count
   * of the messages.
   */
  public long messageCount() {
    // A sum of bigints is a numeric on PostgreSQL, which a provider may hand back as it is.
    Number total =
        em.createQuery("select sum(r.messageCount) from ChatRoom r", Number.class)
            .getSingleResult();
    return total == null ? 0 : total.longValue();
  }
}
