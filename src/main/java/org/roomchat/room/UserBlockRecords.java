package org.roomchat.room;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/** The {@link UserBlock} rows: one per user and user it blocks. */
@ApplicationScoped
public class UserBlockRecords implements UserBlocks {

  @PersistenceContext(unitName = "roomchat")
  EntityManager em;

  @Inject BlockWriter writer;

  @Override
  @Transactional
  public boolean blocks(long blockerId, long blockedId) {
    return em.find(UserBlock.class, new UserBlock.Key(blockerId, blockedId)) != null;
  }

  @Override
  public boolean block(long blockerId, long blockedId) {
    if (blocks(blockerId, blockedId)) {
      return false;
    }
    try {
      writer.add(blockerId, blockedId);
      return true;
    } catch (Exception raced) { // a failed commit may come as the checked RollbackException
      // The same block was just written by another request or node: the key makes that safe.
      if (blocks(blockerId, blockedId)) {
        return false;
      }
      throw new IllegalStateException(
          "user " + blockerId + " could not block user " + blockedId, raced);
    }
  }

  @Override
  @Transactional
  public boolean unblock(long blockerId, long blockedId) {
    return em.createQuery(
                "delete from UserBlock b where b.blockerId = :blocker and b.blockedId = :blocked")
            .setParameter("blocker", blockerId)
            .setParameter("blocked", blockedId)
            .executeUpdate()
        > 0;
  }

  /** Adds blocks in a transaction of their own, so a lost race does not spoil the caller's. */
  @ApplicationScoped
  public static class BlockWriter {
    @PersistenceContext(unitName = "roomchat")
    EntityManager em;

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void add(long blockerId, long blockedId) {
      em.persist(
          new UserBlock(
              blockerId,
              blockedId,
              OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS)));
      em.flush();
    }
  }
}
