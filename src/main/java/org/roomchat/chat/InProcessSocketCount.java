package org.roomchat.chat;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.roomchat.config.LimitSettings;

/**
 * Open sockets counted in this process: the count when no Redis server is configured. Typed as
 * itself so that the adapter wiring alone decides which one is the {@link SocketCount}.
 */
@ApplicationScoped
@Typed(InProcessSocketCount.class)
public class InProcessSocketCount implements SocketCount {

  private final ConcurrentHashMap<String, Integer> open = new ConcurrentHashMap<>();
  private int cap;

  @Inject
  void configure(LimitSettings settings) {
    cap = settings.socketsPerUser();
  }

  InProcessSocketCount() {}

  /** A count of its own, outside the container: a node's share of the count kept in Redis. */
  public InProcessSocketCount(int cap) {
    this.cap = cap;
  }

  @Override
  public Optional<OpenSocket> tryOpen(String user) {
    boolean[] counted = new boolean[1];
    open.compute(
        user,
        (u, count) -> {
          int now = count == null ? 0 : count;
          counted[0] = now < cap;
          return counted[0] ? now + 1 : count;
        });
    if (!counted[0]) {
      return Optional.empty();
    }
    AtomicBoolean released = new AtomicBoolean();
    return Optional.of(
        () -> {
          if (released.compareAndSet(false, true)) {
            open.computeIfPresent(user, (u, count) -> count > 1 ? count - 1 : null);
          }
        });
  }

  @Override
  public boolean atCap(String user) {
    return open.getOrDefault(user, 0) >= cap;
  }
}
