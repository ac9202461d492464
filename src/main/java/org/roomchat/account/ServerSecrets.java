package org.roomchat.account;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Instant;

/**
 * The secrets the nodes share ({@link ServerSecret}), read from the database. The first node to
 * read one that is still empty makes it, holding the row's lock, so that nodes starting together
 * all end up with the one secret.
 */
@ApplicationScoped
public class ServerSecrets {

  @PersistenceContext(unitName = "roomchat")
  EntityManager em;

  /** The secret of this purpose, made now if it was not yet. */
  @Transactional
  public byte[] obtain(String name) {
    ServerSecret row = em.find(ServerSecret.class, name, LockModeType.PESSIMISTIC_WRITE);
    if (row == null) {
      throw new IllegalStateException("server_secret has no row " + name);
    }
    if (!row.isMade()) {
      row.make(Instant.now());
    }
    return row.bytes();
  }
}
