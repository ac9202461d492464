package org.roomchat.account;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.logging.Logger;

/**
 * The audit log of admin actions, kept in the database (so every node's actions are in one place)
 * and written in the transaction of the action itself: an action is logged if and only if it took
 * effect. Each entry is also one INFO line in the node's log.
 */
@ApplicationScoped
public class AdminAudit {

  private static final Logger LOG = Logger.getLogger(AdminAudit.class.getName());

  @PersistenceContext(unitName = "roomchat")
  EntityManager em;

  /** Notes that {@code actor} did {@code action} to {@code target}, in the caller's transaction. */
  @Transactional(Transactional.TxType.MANDATORY)
  public void record(String actor, String target, AdminAction action) {
    em.persist(new AuditEntry(actor, target, action, Instant.now()));
    LOG.info(
        () -> "admin_action actor=" + actor + " action=" + action.code() + " target=" + target);
  }

  /** The newest entries first, at most {@code limit} of them. */
  @Transactional
  public List<AuditEntry> newest(int limit) {
    return em.createNamedQuery(AuditEntry.NEWEST, AuditEntry.class)
        .setMaxResults(limit)
        .getResultList();
  }
}
