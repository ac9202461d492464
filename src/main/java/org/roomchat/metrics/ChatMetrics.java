package org.roomchat.metrics;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/** Live counters of this node's connections and messages, for the dashboard and operators. */
@ApplicationScoped
public class ChatMetrics {

  private final AtomicLong open = new AtomicLong();
  private final LongAdder opened = new LongAdder();
  private final LongAdder closed = new LongAdder();
  private final LongAdder closedDurationMillis = new LongAdder();
  private final LongAdder received = new LongAdder();
  private final LongAdder stored = new LongAdder();
  private final LongAdder rejected = new LongAdder();
  private final LongAdder expired = new LongAdder();
  private final LongAdder overflowed = new LongAdder();

  public void connectionOpened() {
    open.incrementAndGet();
    opened.increment();
  }

  public void connectionClosed(Duration lasted) {
    open.decrementAndGet();
    closed.increment();
    closedDurationMillis.add(lasted.toMillis());
  }

  public void messageReceived() {
    received.increment();
  }

  public void messageStored() {
    stored.increment();
  }

  public void frameRejected() {
    rejected.increment();
  }

  public void framesExpired(int count) {
    expired.add(count);
  }

  public void queueOverflowed() {
    overflowed.increment();
  }

  public long openConnections() {
    return open.get();
  }

  public long connectionsOpened() {
    return opened.sum();
  }

  /** Mean lifetime of the connections closed so far. */
  public Duration averageConnectionDuration() {
    long count = closed.sum();
    return count == 0 ? Duration.ZERO : Duration.ofMillis(closedDurationMillis.sum() / count);
  }

  public long messagesReceived() {
    return received.sum();
  }

  public long messagesStored() {
    return stored.sum();
  }

  public long framesRejected() {
    return rejected.sum();
  }

  public long framesExpired() {
    return expired.sum();
  }

  public long queueOverflows() {
    return overflowed.sum();
  }
}
