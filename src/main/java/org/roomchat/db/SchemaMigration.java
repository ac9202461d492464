package org.roomchat.db;

import jakarta.annotation.Priority;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/** Brings the schema up to date with the Flyway migrations before anything else touches it. */
@ApplicationScoped
public class SchemaMigration {

  /** Start-up observers that need the schema run after this one. */
  public static final int PRIORITY = 100;

  private static final Logger LOG = Logger.getLogger(SchemaMigration.class.getName());

  @Resource(lookup = ChatDataSource.JNDI_NAME)
  DataSource dataSource;

  private volatile boolean done;

  /** Whether the schema was brought up to date in this run of the application. */
  public boolean done() {
    return done;
  }

  void migrate(@Observes @Priority(PRIORITY) @Initialized(ApplicationScoped.class) Object start) {
    var result =
        Flyway.configure(SchemaMigration.class.getClassLoader())
            .dataSource(dataSource)
            .locations("classpath:db/migration")
            .load()
            .migrate();
    done = true;
    LOG.info(
        () ->
            "Database schema at version "
                + result.targetSchemaVersion
                + " ("
                + result.migrationsExecuted
                + " migrations applied)");
  }
}
