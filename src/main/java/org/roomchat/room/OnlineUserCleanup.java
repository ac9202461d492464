package org.roomchat.room;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.logging.Logger;
import org.roomchat.config.ChatSettings;
import org.roomchat.db.SchemaMigration;

/** At start-up, nobody is connected to this node yet: rows it left from a crash are stale. */
@ApplicationScoped
public class OnlineUserCleanup {

  private static final Logger LOG = Logger.getLogger(OnlineUserCleanup.class.getName());

  @Inject ChatSettings settings;
  @Inject OnlineUserRecords records;

  void clear(
      @Observes @Priority(SchemaMigration.PRIORITY + 20) @Initialized(ApplicationScoped.class)
          Object start) {
    int removed = records.clearNode(settings.node());
    if (removed > 0) {
      LOG.info(() -> "Cleared " + removed + " stale online-user rows of node " + settings.node());
    }
  }
}
