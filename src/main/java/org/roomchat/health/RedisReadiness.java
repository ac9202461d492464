package org.roomchat.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.roomchat.redis.RedisLink;

/**
 * Ready only while Redis answers, when one is configured: without it this node's users would not
 * hear the other nodes, so a load balancer should send new users elsewhere.
 */
@Readiness
@ApplicationScoped
public class RedisReadiness implements HealthCheck {

  @Inject RedisLink redis;

  /** Created at start-up: some servers call health checks on a thread of their own. */
  void start(@Observes @Initialized(ApplicationScoped.class) Object start) {
    // Observing is enough: the container creates the bean.
  }

  @Override
  public HealthCheckResponse call() {
    return HealthCheckResponse.named("redis")
        .status(!redis.enabled() || redis.isUp())
        .withData("configured", redis.enabled())
        .build();
  }
}
