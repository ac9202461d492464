package org.roomchat.chat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/** A scheduler whose delayed tasks run when the test says so, on the test's thread. */
final class ManualScheduler extends ScheduledThreadPoolExecutor {

  private final List<Runnable> due = new ArrayList<>();

  ManualScheduler() {
    super(0);
  }

  @Override
  public synchronized ScheduledFuture<?> schedule(Runnable task, long delay, TimeUnit unit) {
    due.add(task);
    return null;
  }

  /** Runs the tasks scheduled so far (and those they schedule, on the next call). */
  void runDue() {
    List<Runnable> now;
    synchronized (this) {
      now = List.copyOf(due);
      due.clear();
    }
    now.forEach(Runnable::run);
  }

  synchronized int pending() {
    return due.size();
  }
}
