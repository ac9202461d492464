package org.roomchat.account;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Priority;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.roomchat.db.SchemaMigration;

/**
 * Deletes logins that have run out, at start-up and every hour: a login nobody uses again would
 * otherwise keep its row for good. (Every node does it; the deletes do not conflict.)
 */
@ApplicationScoped
public class ExpiredLoginPurge {

  private static final Logger LOG = Logger.getLogger(ExpiredLoginPurge.class.getName());
  private static final long EVERY_MINUTES = 60;

  @Inject Logins logins;

  @Resource ManagedScheduledExecutorService scheduler;

  private ScheduledFuture<?> task;

  void start(
      @Observes @Priority(SchemaMigration.PRIORITY + 30) @Initialized(ApplicationScoped.class)
          Object start) {
    task = scheduler.scheduleWithFixedDelay(this::purge, 0, EVERY_MINUTES, TimeUnit.MINUTES);
  }

  private void purge() {
    try {
      int purged = logins.purgeExpired();
      if (purged > 0) {
        LOG.info(() -> "Deleted " + purged + " expired logins");
      }
    } catch (Exception e) { // a failed commit may be the checked RollbackException
      LOG.log(Level.WARNING, "Could not delete expired logins; trying again in an hour", e);
    }
  }

  @PreDestroy
  void stop() {
    if (task != null) {
      task.cancel(false);
    }
  }
}
