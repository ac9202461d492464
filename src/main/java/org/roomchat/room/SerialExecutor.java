package org.roomchat.room;

import java.util.ArrayDeque;
import java.util.concurrent.Executor;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Runs tasks one at a time, in submission order, on threads of another executor. */
public final class SerialExecutor implements Executor {

  private static final Logger LOG = Logger.getLogger(SerialExecutor.class.getName());

  private final Executor delegate;
  private final ArrayDeque<Runnable> tasks = new ArrayDeque<>();
  private boolean running;

  public SerialExecutor(Executor delegate) {
    this.delegate = delegate;
  }

  @Override
  public void execute(Runnable task) {
    synchronized (tasks) {
      tasks.addLast(task);
      if (running) {
        return;
      }
      running = true;
    }
    delegate.execute(this::drain);
  }

  private void drain() {
    while (true) {
      Runnable next;
      synchronized (tasks) {
        next = tasks.pollFirst();
        if (next == null) {
          running = false;
          return;
        }
      }
      try {
        next.run();
      } catch (Exception e) { // a failed commit may be the checked RollbackException
        LOG.log(Level.WARNING, "A serial task failed", e);
      }
    }
  }
}
