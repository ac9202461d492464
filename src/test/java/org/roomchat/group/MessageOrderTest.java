package org.roomchat.group;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** The per-room order in front of a node's local delivery, driven by hand: timer and clock. */
class MessageOrderTest {

  private static final String ROOM = "chat_lobby";

  /** The database: stored messages by sequence number, and reads of it. */
  private final Map<Long, RoomEvent> stored = new ConcurrentHashMap<>();

  /** News of edits and deletions the database holds, least recently changed first. */
  private final List<RoomEvent> changes = new CopyOnWriteArrayList<>();

  private final AtomicInteger reads = new AtomicInteger();
  private final AtomicInteger failuresToCome = new AtomicInteger();
  private final List<RoomEvent> delivered = new CopyOnWriteArrayList<>();
  private final List<Task> tasks = new ArrayList<>();
  private final AtomicLong clock = new AtomicLong();
  private final List<Long> positions = new ArrayList<>();

  private record Task(Runnable task, long delayMillis, long dueNanos) {}

  private final MessageHistory history =
      new MessageHistory() {
        @Override
        public long lastSeq(String group) {
          failIfAsked();
          return stored.keySet().stream().mapToLong(Long::longValue).max().orElse(0);
        }

        @Override
        public List<RoomEvent> between(String group, long fromSeq, long toSeq, int limit) {
          failIfAsked();
          reads.incrementAndGet();
          return new TreeMap<>(stored)
              .subMap(fromSeq, true, toSeq, true).values().stream().limit(limit).toList();
        }

        @Override
        public List<RoomEvent> changedSince(String group, Instant since, int limit) {
          failIfAsked();
          reads.incrementAndGet();
          return changes.stream().limit(limit).toList();
        }

        private void failIfAsked() {
          if (failuresToCome.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw new IllegalStateException("database away");
          }
        }
      };

  private final MessageOrder order =
      new MessageOrder(
          (group, event) -> delivered.add(event),
          history,
          (task, delay) ->
              tasks.add(new Task(task, delay, clock.get() + TimeUnit.MILLISECONDS.toNanos(delay))),
          clock::get);

  private static RoomEvent message(long seq) {
    return new RoomEvent("{\"seq\":" + seq + "}", null, 1000 + seq, seq);
  }

  private RoomEvent store(long seq) {
    RoomEvent event = message(seq);
    stored.put(seq, event);
    return event;
  }

  private void storeUpTo(long last) {
    for (long seq = 1; seq <= last; seq++) {
      store(seq);
    }
  }

  private List<Long> deliveredSeqs() {
    return delivered.stream().map(RoomEvent::seq).toList();
  }

  private static List<Long> seqs(long from, long to) {
    return LongStream.rangeClosed(from, to).boxed().toList();
  }

  /** Moves the clock on by {@code millis} and runs the timer's tasks due by then. */
  private void after(long millis) {
    clock.addAndGet(TimeUnit.MILLISECONDS.toNanos(millis));
    runDue();
  }

  /** Runs the timer's tasks due now, and those they schedule for now, until none is due. */
  private void runDue() {
    while (true) {
      Task due =
          tasks.stream().filter(task -> task.dueNanos() <= clock.get()).findFirst().orElse(null);
      if (due == null) {
        return;
      }
      tasks.remove(due);
      due.task().run();
    }
  }

  private void joined() {
    order.open(ROOM);
    order.sync(ROOM);
  }

  @Test
  void messagesInTurnAreDeliveredAtOnceWithoutTimersOrReads() {
    joined();
    for (long seq = 1; seq <= 3; seq++) {
      order.offer(ROOM, store(seq));
    }
    assertEquals(seqs(1, 3), deliveredSeqs());
    assertTrue(tasks.isEmpty(), "a gap fill was scheduled: " + tasks);
    assertEquals(0, reads.get());
  }

  @Test
  void anEarlyMessageWaitsForTheOneBeforeIt() {
    joined();
    storeUpTo(2);
    order.offer(ROOM, message(2));
    assertEquals(List.of(), deliveredSeqs(), "delivered before its turn");
    assertEquals(MessageOrder.GAP_WAIT_MILLIS, tasks.get(0).delayMillis());

    order.offer(ROOM, message(1));
    assertEquals(seqs(1, 2), deliveredSeqs());
    after(MessageOrder.GAP_WAIT_MILLIS);
    assertEquals(0, reads.get(), "the database was read though nothing was missing");
    assertEquals(seqs(1, 2), deliveredSeqs());
  }

  @Test
  void messagesThatDoNotArriveAreReadFromTheDatabaseAndDeliveredInOrder() {
    joined();
    storeUpTo(4);
    order.offer(ROOM, message(4));
    order.offer(ROOM, message(2));
    assertEquals(List.of(), deliveredSeqs());

    after(MessageOrder.GAP_WAIT_MILLIS);
    assertEquals(seqs(1, 4), deliveredSeqs());
    assertEquals(1, reads.get(), "every gap in one read");

    order.offer(ROOM, message(3)); // the late copy through Redis
    order.offer(ROOM, store(5));
    assertEquals(seqs(1, 5), deliveredSeqs(), "a late copy was delivered again");
  }

  @Test
  void aGapSeenJustBeforeTheTimerGetsItsOwnWait() {
    joined();
    storeUpTo(5);
    order.offer(ROOM, message(2));
    clock.addAndGet(TimeUnit.MILLISECONDS.toNanos(100));
    order.offer(ROOM, message(1)); // that gap closed; the timer is still due
    order.offer(ROOM, message(4)); // a new gap opens
    assertEquals(seqs(1, 2), deliveredSeqs());

    after(50); // the first timer: the new gap has waited 0 ms of its 150
    assertEquals(0, reads.get(), "read the database before the gap had its wait");
    assertEquals(seqs(1, 2), deliveredSeqs());
    assertEquals(MessageOrder.GAP_WAIT_MILLIS - 50, tasks.get(0).delayMillis());

    after(MessageOrder.GAP_WAIT_MILLIS - 50);
    assertEquals(seqs(1, 4), deliveredSeqs());
  }

  @Test
  void aMessageArrivingTwiceIsDeliveredOnce() {
    joined();
    order.offer(ROOM, store(1));
    order.offer(ROOM, message(1));
    order.offer(ROOM, store(2));
    order.offer(ROOM, message(2));
    assertEquals(seqs(1, 2), deliveredSeqs());
  }

  @Test
  void messagesBeforeTheFirstSyncWaitForItAndThoseStoredBeforeItAreDropped() {
    storeUpTo(5);
    order.open(ROOM);
    order.offer(ROOM, message(5)); // stored before this node listened: not for its members
    order.offer(ROOM, message(6)); // stored after its position was read
    assertEquals(List.of(), deliveredSeqs());
    assertFalse(order.isSynced(ROOM));

    order.sync(ROOM);
    assertTrue(order.isSynced(ROOM));
    assertEquals(List.of(6L), deliveredSeqs());
    assertTrue(tasks.isEmpty());
  }

  @Test
  void aResyncDeliversWhatWasStoredWhileListeningWasDown() {
    joined();
    order.offer(ROOM, store(1));
    storeUpTo(4); // 2 to 4 were published while this node was not listening

    order.resync(ROOM, last -> positions.add(last));
    runDue(); // reads the position, then what is missing: no need to wait, it is all stored
    assertEquals(seqs(1, 4), deliveredSeqs());
    assertEquals(1, reads.get());
    assertEquals(List.of(4L), positions, "the position read, for the other nodes");
  }

  @Test
  void aResyncRetriesWhileTheDatabaseIsAway() {
    joined();
    storeUpTo(2);
    failuresToCome.set(1);
    order.resync(ROOM, last -> positions.add(last));
    runDue();
    assertEquals(List.of(), deliveredSeqs());
    assertEquals(MessageOrder.RETRY_MILLIS, tasks.get(0).delayMillis());

    assertEquals(List.of(), positions);

    after(MessageOrder.RETRY_MILLIS);
    assertEquals(seqs(1, 2), deliveredSeqs());
    assertEquals(List.of(2L), positions);
  }

  @Test
  void aFailedReadIsRetried() {
    joined();
    storeUpTo(3);
    order.offer(ROOM, message(3));
    failuresToCome.set(1);
    after(MessageOrder.GAP_WAIT_MILLIS);
    assertEquals(List.of(), deliveredSeqs());

    after(MessageOrder.RETRY_MILLIS);
    assertEquals(seqs(1, 3), deliveredSeqs());
  }

  @Test
  void numbersTheDatabaseNoLongerHasAreSkipped() {
    joined();
    store(1);
    store(3);
    order.offer(ROOM, message(3));
    after(MessageOrder.GAP_WAIT_MILLIS);
    assertEquals(List.of(1L, 3L), deliveredSeqs());
    order.offer(ROOM, store(4));
    assertEquals(List.of(1L, 3L, 4L), deliveredSeqs());
  }

  @Test
  void aLongGapIsReadPageByPage() {
    joined();
    storeUpTo(MessageOrder.PAGE * 2 + 10);
    order.offer(ROOM, message(MessageOrder.PAGE * 2 + 10));
    after(MessageOrder.GAP_WAIT_MILLIS);
    assertEquals(seqs(1, MessageOrder.PAGE * 2 + 10), deliveredSeqs());
    assertEquals(3, reads.get(), "the rest of a long gap had waited already");
  }

  @Test
  void eventsOutsideTheSequencePassStraightThrough() {
    joined();
    storeUpTo(2);
    order.offer(ROOM, message(2));
    RoomEvent typing = new RoomEvent("{\"type\":\"typing\"}", "bob", 0);
    order.offer(ROOM, typing);
    assertEquals(List.of(typing), delivered);
  }

  @Test
  void aNodeToldOfStoredMessagesFetchesThoseItMissed() {
    joined();
    order.offer(ROOM, store(1));
    storeUpTo(3);
    order.storedUpTo(ROOM, 3);
    assertEquals(MessageOrder.GAP_WAIT_MILLIS, tasks.get(0).delayMillis(), "they may be on the way");
    after(MessageOrder.GAP_WAIT_MILLIS);
    assertEquals(seqs(1, 3), deliveredSeqs());
  }

  @Test
  void aClosedRoomDeliversNothingAndStartsOverWhenOpenedAgain() {
    joined();
    storeUpTo(3);
    order.offer(ROOM, message(3));
    order.close(ROOM);
    after(MessageOrder.GAP_WAIT_MILLIS);
    assertEquals(List.of(), deliveredSeqs());

    order.open(ROOM);
    order.offer(ROOM, message(4));
    assertEquals(List.of(), deliveredSeqs(), "delivered before the room's position was read");
    order.sync(ROOM);
    assertEquals(List.of(4L), deliveredSeqs());
  }

  @Test
  void concurrentArrivalsAreDeliveredOnceInOrderByOneThreadAtATime() throws Exception {
    int messages = 5_000;
    ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    ExecutorService senders = Executors.newFixedThreadPool(4);
    List<RoomEvent> received = Collections.synchronizedList(new ArrayList<>());
    AtomicBoolean inside = new AtomicBoolean();
    AtomicBoolean overlapped = new AtomicBoolean();
    CountDownLatch all = new CountDownLatch(1);
    MessageOrder concurrent =
        new MessageOrder(
            (group, event) -> {
              if (!inside.compareAndSet(false, true)) {
                overlapped.set(true);
              }
              received.add(event);
              inside.set(false);
              if (received.size() == messages) {
                all.countDown();
              }
            },
            history,
            (task, delay) -> timer.schedule(task, delay, TimeUnit.MILLISECONDS));
    try {
      concurrent.open(ROOM);
      concurrent.sync(ROOM); // nothing stored yet
      storeUpTo(messages);
      // Two "nodes" each see every message, in a jumbled order, on two threads each.
      for (int copy = 0; copy < 2; copy++) {
        List<Long> shuffled = new ArrayList<>(seqs(1, messages));
        Collections.shuffle(shuffled);
        for (int part = 0; part < 2; part++) {
          List<Long> slice = shuffled.subList(part * messages / 2, (part + 1) * messages / 2);
          senders.execute(() -> slice.forEach(seq -> concurrent.offer(ROOM, message(seq))));
        }
      }
      assertTrue(all.await(30, TimeUnit.SECONDS), "delivered only " + received.size());
      senders.shutdown();
      assertTrue(senders.awaitTermination(10, TimeUnit.SECONDS));
      assertEquals(seqs(1, messages), received.stream().map(RoomEvent::seq).toList());
      assertFalse(overlapped.get(), "two threads delivered at once");
    } finally {
      senders.shutdownNow();
      timer.shutdownNow();
    }
  }

  // --- news about messages ---------------------------------------------------------------------

  private static RoomEvent newsAbout(long seq) {
    return RoomEvent.following(seq, "{\"edited\":" + seq + "}");
  }

  @Test
  void newsAboutAMessageWaitsForTheMessage() {
    joined();
    order.offer(ROOM, newsAbout(2));
    order.offer(ROOM, store(2)); // early: held for 1
    assertEquals(List.of(), delivered);

    order.offer(ROOM, store(1));

    assertEquals(List.of(message(1), message(2), newsAbout(2)), delivered);
  }

  @Test
  void newsAboutADeliveredMessagePassesAtOnce() {
    joined();
    order.offer(ROOM, store(1));
    order.offer(ROOM, newsAbout(1));

    assertEquals(List.of(message(1), newsAbout(1)), delivered);
  }

  @Test
  void newsAboutAMessageThatIsFilledFromTheDatabaseFollowsIt() {
    joined();
    store(1);
    order.offer(ROOM, newsAbout(1));
    order.offer(ROOM, store(2));
    assertEquals(List.of(), delivered);

    after(MessageOrder.GAP_WAIT_MILLIS);

    assertEquals(List.of(message(1), newsAbout(1), message(2)), delivered);
  }

  @Test
  void newsAboutAMessageStoredBeforeListeningPassesOnceSynced() {
    storeUpTo(3);
    order.open(ROOM);
    order.offer(ROOM, newsAbout(2));
    assertEquals(List.of(), delivered);

    order.sync(ROOM);

    assertEquals(List.of(newsAbout(2)), delivered);
  }

  @Test
  void changesReplayedAfterAnOutageFollowTheirMessagesAndRetryWhileTheDatabaseIsAway() {
    joined();
    order.offer(ROOM, store(1));
    store(2); // stored on another node while the link was down
    changes.add(newsAbout(1));
    changes.add(newsAbout(2));
    failuresToCome.set(1);

    order.replayChanges(ROOM, Instant.EPOCH);
    runDue();
    assertEquals(List.of(message(1)), delivered, "the database was away: nothing yet");

    after(MessageOrder.RETRY_MILLIS);
    assertEquals(List.of(message(1), newsAbout(1)), delivered, "news of 2 waits for 2");

    order.resync(ROOM, last -> {});
    runDue();
    assertEquals(List.of(message(1), newsAbout(1), message(2), newsAbout(2)), delivered);
  }

  @Test
  void aClosedRoomReplaysNothing() {
    changes.add(newsAbout(1));
    order.replayChanges(ROOM, Instant.EPOCH);
    runDue();
    assertEquals(List.of(), delivered);
    assertEquals(0, reads.get());
  }
}
