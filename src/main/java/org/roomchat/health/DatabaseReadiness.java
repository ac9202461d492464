package org.roomchat.health;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.roomchat.db.ChatDataSource;

/**
 * Ready only while the database answers: every message is stored before it is sent. The answer
 * names the check, never the exception (which may name hosts, users or SQL): that goes to the log.
 */
@Readiness
@ApplicationScoped
public class DatabaseReadiness implements HealthCheck {

  private static final Logger LOG = Logger.getLogger(DatabaseReadiness.class.getName());
  private static final int TIMEOUT_SECONDS = 2;

  @Resource(lookup = ChatDataSource.JNDI_NAME)
  DataSource dataSource;

  /**
   * Created at start-up, where {@code java:app} names resolve: some servers call health checks on
   * a thread of their own, outside the application's naming context.
   */
  void start(@Observes @Initialized(ApplicationScoped.class) Object start) {
    // Observing is enough: the container creates the bean and injects the datasource.
  }

  @Override
  public HealthCheckResponse call() {
    boolean valid;
    try (Connection connection = dataSource.getConnection()) {
      valid = connection.isValid(TIMEOUT_SECONDS);
    } catch (SQLException | RuntimeException e) {
      LOG.log(Level.FINE, "Readiness: the database does not answer", e);
      valid = false;
    }
    return HealthCheckResponse.named("database").status(valid).build();
  }
}
