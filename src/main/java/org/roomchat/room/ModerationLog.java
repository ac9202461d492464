package org.roomchat.room;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * The moderation log, kept in the database so every node's actions are in one place: mutes, bans,
 * their lifting, role changes, deleted rooms and other people's deleted messages, each with the
 * actor, the target, the room, the minutes and the time, and never any message text. Each entry is
 * also one INFO line in the node's log.
 */
@ApplicationScoped
public class ModerationLog {

  private static final Logger LOG = Logger.getLogger(ModerationLog.class.getName());

  @PersistenceContext(unitName = "roomchat")
  EntityManager em;

  /** One entry as pages show it. */
  public record Entry(
      String room,
      String actor,
      String target,
      ModerationRecord action,
      Optional<Integer> minutes,
      OffsetDateTime at) {}

  /** Notes that {@code actor} did {@code action} to {@code target} in the room. */
  @Transactional
  public void record(
      RoomFacts room,
      String actor,
      String target,
      ModerationRecord action,
      Optional<Integer> minutes) {
    em.persist(
        new ModerationEntry(
            room.id(),
            room.name().value(),
            actor,
            target,
            action,
            minutes.orElse(null),
            Instant.now()));
    LOG.info(
        () ->
            "moderation actor="
                + actor
                + " action="
                + action.value()
                + " target="
                + target
                + " room="
                + room.name()
                + minutes.map(m -> " minutes=" + m).orElse(""));
  }

  /**
   * Notes that {@code actor} deleted a message of {@code author} in the room, when it was not the
   * actor's own; the message's text is never logged.
   */
  @Transactional
  public void messageDeleted(long roomId, RoomName room, String actor, String author) {
    if (!actor.equals(author)) {
      em.persist(
          new ModerationEntry(
              roomId,
              room.value(),
              actor,
              author,
              ModerationRecord.DELETE_MESSAGE,
              null,
              Instant.now()));
      LOG.info(
          () ->
              "moderation actor="
                  + actor
                  + " action="
                  + ModerationRecord.DELETE_MESSAGE.value()
                  + " target="
                  + author
                  + " room="
                  + room);
    }
  }

  /** The room's newest entries first, at most {@code limit}. */
  @Transactional
  public List<Entry> newest(long roomId, int limit) {
    return entries("where e.roomId = :room ", limit, roomId);
  }

  /** Every room's newest entries first, at most {@code limit}. */
  @Transactional
  public List<Entry> newestEverywhere(int limit) {
    return entries("", limit, null);
  }

  private List<Entry> entries(String condition, int limit, Long roomId) {
    TypedQuery<Object[]> query =
        em.createQuery(
                "select e.roomName, e.actor, e.target, e.action, e.minutes, e.createdAt"
                    + " from ModerationEntry e "
                    + condition
                    + "order by e.createdAt desc, e.id desc",
                Object[].class)
            .setMaxResults(limit);
    if (roomId != null) {
      query.setParameter("room", roomId);
    }
    return query
        .getResultStream()
        .map(
            row ->
                new Entry(
                    (String) row[0],
                    (String) row[1],
                    (String) row[2],
                    LowerCaseName.parse(ModerationRecord.class, (String) row[3]).orElseThrow(),
                    Optional.ofNullable((Integer) row[4]),
                    (OffsetDateTime) row[5]))
        .toList();
  }
}
