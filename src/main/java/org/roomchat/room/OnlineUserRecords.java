package org.roomchat.room;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import org.roomchat.account.UserAccount;

/** The {@link OnlineUser} rows: one per user, room and node while the user is connected. */
@ApplicationScoped
public class OnlineUserRecords implements OnlineUsers {

  @PersistenceContext(unitName = "roomchat")
  EntityManager em;

  @Override
  @Transactional
  public void online(long userId, long roomId, String node) {
    long existing =
        em.createQuery(
                "select count(o) from OnlineUser o"
                    + " where o.user.id = :user and o.room.id = :room and o.node = :node",
                Long.class)
            .setParameter("user", userId)
            .setParameter("room", roomId)
            .setParameter("node", node)
            .getSingleResult();
    if (existing == 0) {
      em.persist(
          new OnlineUser(
              em.getReference(UserAccount.class, userId),
              em.getReference(ChatRoom.class, roomId),
              node,
              OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS)));
    }
  }

  @Override
  @Transactional
  public void offline(long userId, long roomId, String node) {
    em.createQuery(
            "delete from OnlineUser o"
                + " where o.user.id = :user and o.room.id = :room and o.node = :node")
        .setParameter("user", userId)
        .setParameter("room", roomId)
        .setParameter("node", node)
        .executeUpdate();
  }

  /** Removes the rows a node left behind when it stopped without closing its connections. */
  @Override
  @Transactional
  public int clearNode(String node) {
    return em.createQuery("delete from OnlineUser o where o.node = :node")
        .setParameter("node", node)
        .executeUpdate();
  }
}
