package org.roomchat.account;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.roomchat.config.Settings;

/**
 * Bounds how many password hashes (logins, sign-ups) run at once: {@code chat.password.concurrent}
 * (default: the number of processors). Each costs tens of milliseconds of CPU on purpose, so a
 * burst of them would starve the chat; past the bound a request waits briefly, then is turned away
 * (503) instead of queueing without end.
 */
@ApplicationScoped
public class HashingSlots {

  /** Long enough to ride out a moment's contention, short enough to answer a flood quickly. */
  private static final long WAIT_MILLIS = 500;

  @Inject
  @ConfigProperty(name = "chat.password.concurrent")
  Optional<Integer> concurrent;

  private Semaphore slots;

  @PostConstruct
  void create() {
    int permits = concurrent.orElse(Runtime.getRuntime().availableProcessors());
    Settings.requirePositive("chat.password.concurrent", permits);
    slots = new Semaphore(permits);
  }

  /** A task that hashes a password. */
  public interface Hashing<T, E extends Exception> {
    T run() throws E;
  }

  /** Runs {@code task} in a slot; empty when none freed up in time. */
  public <T, E extends Exception> Optional<T> run(Hashing<T, E> task) throws E {
    boolean entered;
    try {
      entered = slots.tryAcquire(WAIT_MILLIS, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
    if (!entered) {
      return Optional.empty();
    }
    try {
      return Optional.of(task.run());
    } finally {
      slots.release();
    }
  }
}
