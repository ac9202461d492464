package org.roomchat.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;
import org.roomchat.room.BatchedMessageStore;

/** Live unless the message writer is wedged: stuck in one batch for far longer than any should take. */
@Liveness
@ApplicationScoped
public class MessageStoreLiveness implements HealthCheck {

  private static final Duration STUCK = Duration.ofMinutes(2);

  @Inject BatchedMessageStore store;

  /** Created at start-up: some servers call health checks on a thread of their own. */
  void start(@Observes @Initialized(ApplicationScoped.class) Object start) {
    // Observing is enough: the container creates the bean.
  }

  @Override
  public HealthCheckResponse call() {
    Duration busy = store.busyFor();
    return HealthCheckResponse.named("message-store")
        .status(store.isRunning() && busy.compareTo(STUCK) < 0)
        .withData("busyForMillis", busy.toMillis())
        .build();
  }
}
