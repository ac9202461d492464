package org.roomchat.account;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.roomchat.config.AccountSettings;
import org.roomchat.config.Settings;

/**
 * Bounds how many password hashes (logins, sign-ups) run at once: {@code chat.password.concurrent}
 * (default: the number of processors). Each costs tens of milliseconds of CPU on purpose, so a
 * burst of them would starve the chat; past the bound a request waits up to two seconds, then is turned away
 * (503) instead of queueing without end.
 */
@ApplicationScoped
public class HashingSlots {

  /**
   * Long enough for a burst of real logins (a few dozen hashes per processor at the recommended
   * cost), short enough to answer a flood quickly.
   */
  private static final long WAIT_MILLIS = 2000;

  @Inject AccountSettings settings;

  private Semaphore slots;

  @PostConstruct
  void create() {
    int permits = settings.passwordConcurrent();
    Settings.requirePositive("chat.password.concurrent", permits);
    slots = new Semaphore(permits);
  }

  /**
   * A slot for a request's password hashes, waiting briefly for one to free up; empty when none
   * did. Close it when the hashing is done.
   */
  public Optional<Slot> enter() {
    try {
      return slots.tryAcquire(WAIT_MILLIS, TimeUnit.MILLISECONDS)
          ? Optional.of(new Slot())
          : Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  /** One held slot; closing it gives it back, once. */
  public final class Slot implements AutoCloseable {

    private boolean held = true;

    private Slot() {}

    @Override
    public void close() {
      if (held) {
        held = false;
        slots.release();
      }
    }
  }
}
