package org.roomchat.room;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.roomchat.db.ChatDataSource;
import org.roomchat.db.OutageLog;

/**
 * Stores messages on one writer thread, many per transaction, so storage keeps up with the
 * message rate. A message's callback runs only once it is in the database, and callbacks run in
 * submission order, so ids rise in the order messages are announced.
 */
@ApplicationScoped
public class BatchedMessageStore implements MessageStore {

  private static final Logger LOG = Logger.getLogger(BatchedMessageStore.class.getName());
  private static final int MAX_BATCH = 256;
  private static final int MAX_WAITING = 20_000;

  @Inject MessageWriter writer;
  @Inject RoomMeter meter;

  @Resource ManagedThreadFactory threads;

  @Resource(lookup = ChatDataSource.JNDI_NAME)
  DataSource dataSource;

  private final OutageLog outage = new OutageLog(LOG, "database");
  private final BlockingQueue<PendingMessage> waiting = new ArrayBlockingQueue<>(MAX_WAITING);
  private volatile boolean running;
  private Thread worker;

  /** When the batch being stored began, in System.nanoTime(); 0 while idle. */
  private volatile long batchStartedAt;

  /**
   * Created at start-up, where its resources resolve: liveness asks it from a thread of the
   * server's own on some servers.
   */
  void boot(@Observes @Initialized(ApplicationScoped.class) Object start) {
    // Observing is enough: the container creates the bean and starts the writer.
  }

  @PostConstruct
  void start() {
    running = true;
    worker = threads.newThread(this::run);
    worker.setName("message-store");
    worker.start();
  }

  /** Whether the writer thread is taking messages. */
  public boolean isRunning() {
    return running && worker.isAlive();
  }

  /** How long the writer has been busy with its current batch; zero when idle. */
  public Duration busyFor() {
    long started = batchStartedAt;
    return started == 0 ? Duration.ZERO : Duration.ofNanos(System.nanoTime() - started);
  }

  @Override
  public boolean submit(PendingMessage message) {
    return running && waiting.offer(message);
  }

  private void run() {
    List<PendingMessage> batch = new ArrayList<>(MAX_BATCH);
    while (running || !waiting.isEmpty()) {
      try {
        PendingMessage first = waiting.poll(200, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        batch.add(first);
        waiting.drainTo(batch, MAX_BATCH - 1);
        batchStartedAt = System.nanoTime();
        store(batch);
      } catch (InterruptedException e) {
        if (!running) {
          break;
        }
      } finally {
        batch.clear();
        batchStartedAt = 0;
      }
    }
    drainOnStop();
  }

  private void drainOnStop() {
    List<PendingMessage> rest = new ArrayList<>();
    waiting.drainTo(rest);
    if (!rest.isEmpty()) {
      store(rest);
    }
  }

  private void store(List<PendingMessage> batch) {
    List<StoredMessage> stored;
    long startedAt = System.nanoTime();
    try {
      stored = writer.store(batch);
      outage.succeeded();
    } catch (Exception batchFailed) { // a failed commit may be the checked RollbackException
      if (databaseAnswers()) {
        LOG.log(Level.WARNING, "A batch of " + batch.size() + " messages failed", batchFailed);
        storeOneByOne(batch);
      } else {
        outage.failed(batchFailed);
        batch.forEach(pending -> pending.onFailed().run());
      }
      return;
    } finally {
      meter.databaseWrite(System.nanoTime() - startedAt);
    }
    for (int i = 0; i < batch.size(); i++) {
      announce(batch.get(i), stored.get(i));
    }
  }

  /** After a failed batch, one bad message must not take the others down with it. */
  private void storeOneByOne(List<PendingMessage> batch) {
    for (PendingMessage pending : batch) {
      try {
        announce(pending, writer.store(List.of(pending)).get(0));
        outage.succeeded();
      } catch (Exception e) {
        LOG.log(Level.FINE, "Storing a message failed; its sender is told", e);
        pending.onFailed().run();
      }
    }
  }

  private boolean databaseAnswers() {
    try (Connection connection = dataSource.getConnection()) {
      return connection.isValid(2);
    } catch (SQLException | RuntimeException e) {
      return false;
    }
  }

  private static void announce(PendingMessage pending, StoredMessage stored) {
    try {
      pending.onStored().accept(stored);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Announcing stored message " + stored.id() + " failed", e);
    }
  }

  @Override
  public void flush() {
    running = false;
    try {
      worker.join(TimeUnit.SECONDS.toMillis(10));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @PreDestroy
  void stop() {
    flush();
  }
}
