package org.roomchat.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.roomchat.chat.RoomChat;

/**
 * Not ready from the moment a graceful stop begins: a load balancer stops sending new users
 * while the node still flushes and closes the sockets it has.
 */
@Readiness
@ApplicationScoped
public class StoppingReadiness implements HealthCheck {

  @Inject RoomChat chat;

  /** Created at start-up: some servers call health checks on a thread of their own. */
  void start(@Observes @Initialized(ApplicationScoped.class) Object start) {
    // Observing is enough: the container creates the bean.
  }

  @Override
  public HealthCheckResponse call() {
    return HealthCheckResponse.named("serving").status(!chat.stopping()).build();
  }
}
