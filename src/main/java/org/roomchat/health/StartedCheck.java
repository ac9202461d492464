package org.roomchat.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Startup;
import org.roomchat.db.SchemaMigration;
import org.roomchat.redis.RedisLink;

/**
 * Started once the schema is up to date and, when one is configured, Redis has answered: before
 * that, an orchestrator should neither send users nor judge liveness.
 */
@Startup
@ApplicationScoped
public class StartedCheck implements HealthCheck {

  @Inject SchemaMigration schema;
  @Inject RedisLink redis;

  /** Created at start-up: some servers call health checks on a thread of their own. */
  void start(@Observes @Initialized(ApplicationScoped.class) Object start) {
    // Observing is enough: the container creates the bean.
  }

  @Override
  public HealthCheckResponse call() {
    boolean migrated = schema.done();
    boolean redisReached = !redis.enabled() || redis.isUp();
    return HealthCheckResponse.named("started")
        .status(migrated && redisReached)
        .withData("schema", migrated)
        .withData("redis", redisReached)
        .build();
  }
}
