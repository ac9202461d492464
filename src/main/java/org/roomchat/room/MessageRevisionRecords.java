package org.roomchat.room;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.util.Optional;
import org.roomchat.account.AccountService;

/**
 * Edits and deletions as single conditional updates of the message's row: one that finds the row
 * deleted meanwhile changes nothing, so an edit racing a deletion never brings the text back.
 */
@ApplicationScoped
public class MessageRevisionRecords implements MessageRevisions {

  @PersistenceContext(unitName = "roomchat")
  EntityManager em;

  @Override
  @Transactional
  public Optional<Target> find(long roomId, long messageId) {
    return em.createQuery(
            "select m.id, m.roomSeq, m.author.id, m.author.username, m.createdAt from Message m"
                + " where m.id = :id and m.room.id = :room and m.deleted = false",
            Object[].class)
        .setParameter("id", messageId)
        .setParameter("room", roomId)
        .getResultStream()
        .findFirst()
        .map(
            row ->
                new Target(
                    ((Number) row[0]).longValue(),
                    ((Number) row[1]).longValue(),
                    ((Number) row[2]).longValue(),
                    (String) row[3],
                    (OffsetDateTime) row[4]));
  }

  @Override
  @Transactional
  public boolean edit(long roomId, long messageId, String text, OffsetDateTime now) {
    return em.createQuery(
                "update Message m set m.content = :text, m.editedAt = :now, m.changedAt = :now"
                    + " where m.id = :id and m.room.id = :room and m.deleted = false")
            .setParameter("text", text)
            .setParameter("now", now)
            .setParameter("id", messageId)
            .setParameter("room", roomId)
            .executeUpdate()
        == 1;
  }

  @Override
  @Transactional
  public boolean delete(long roomId, long messageId, OffsetDateTime now) {
    boolean deleted =
        em.createQuery(
                    "update Message m set m.content = '', m.deleted = true, m.changedAt = :now"
                        + " where m.id = :id and m.room.id = :room and m.deleted = false")
                .setParameter("now", now)
                .setParameter("id", messageId)
                .setParameter("room", roomId)
                .executeUpdate()
            == 1;
    if (deleted) {
      // A deleted message mentions nobody any more: its mentions stop counting as unread.
      em.createQuery(
              "delete from Mention x where x.roomId = :room"
                  + " and x.seq = (select m.roomSeq from Message m where m.id = :id)")
          .setParameter("room", roomId)
          .setParameter("id", messageId)
          .executeUpdate();
    }
    return deleted;
  }

  @Override
  @Transactional
  public boolean isAdmin(long userId) {
    return !em.createQuery(
            "select u.id from UserAccount u where u.id = :id and u.enabled = true"
                + " and :role member of u.roles",
            Long.class)
        .setParameter("id", userId)
        .setParameter("role", AccountService.ADMIN_ROLE)
        .getResultList()
        .isEmpty();
  }
}
