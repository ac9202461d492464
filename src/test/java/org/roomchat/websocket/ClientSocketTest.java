package org.roomchat.websocket;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.SendHandler;
import jakarta.websocket.SendResult;
import jakarta.websocket.Session;
import java.io.IOException;
import java.io.StringWriter;
import java.io.Writer;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.roomchat.chat.Participant;
import org.roomchat.group.RoomEvent;
import org.roomchat.room.RoomName;

/**
 * The per-connection queue and single writer, against a fake WebSocket session whose asynchronous
 * sends the test completes inline, later by hand, or at once from another thread, and whose send
 * writer records frames as a queueing runtime takes them.
 */
class ClientSocketTest {

  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final Duration AN_HOUR = Duration.ofHours(1);

  private final FakeSocket socket = new FakeSocket();
  private final RecordingListener listener = new RecordingListener();

  @AfterEach
  void stopCompleter() throws InterruptedException {
    socket.completer.shutdownNow();
    assertTrue(socket.completer.awaitTermination(10, TimeUnit.SECONDS));
  }

  // --- a fake session ------------------------------------------------------------------------

  /** How the fake transport finishes a write. */
  private enum Completion {
    /** Inside sendText, on the caller's thread, as a transport with buffer space does. */
    INLINE,
    /** When the test calls {@link FakeSocket#completeNext}. */
    BY_TEST,
    /** At once on another thread, racing the thread that called sendText. */
    OTHER_THREAD
  }

  private static final class FakeSocket {
    volatile Completion completion = Completion.INLINE;
    volatile boolean failWrites;
    volatile RuntimeException throwOnSend;
    volatile boolean recordStackDepth;
    volatile IOException throwOnWriterClose;

    final List<String> written = Collections.synchronizedList(new ArrayList<>());
    final LinkedBlockingQueue<SendHandler> pending = new LinkedBlockingQueue<>();
    final AtomicInteger sendCalls = new AtomicInteger();
    final AtomicInteger writerFrames = new AtomicInteger();
    final AtomicInteger inFlight = new AtomicInteger();
    final AtomicInteger overlappingWrites = new AtomicInteger();
    final AtomicInteger minStackDepth = new AtomicInteger(Integer.MAX_VALUE);
    final AtomicInteger maxStackDepth = new AtomicInteger();
    final ExecutorService completer = Executors.newSingleThreadExecutor();

    final Session session = proxy(Session.class, this::sessionCall);
    final RemoteEndpoint.Async remote = proxy(RemoteEndpoint.Async.class, this::remoteCall);
    final RemoteEndpoint.Basic basic = proxy(RemoteEndpoint.Basic.class, this::basicCall);

    private Object sessionCall(String method, Object[] args) {
      if (method.equals("getAsyncRemote")) {
        return remote;
      }
      if (method.equals("getBasicRemote")) {
        return basic;
      }
      throw new UnsupportedOperationException("Session." + method);
    }

    private Object basicCall(String method, Object[] args) {
      if (method.equals("getSendWriter")) {
        return new FrameWriter();
      }
      throw new UnsupportedOperationException("RemoteEndpoint.Basic." + method);
    }

    /** A send writer that takes the frame when closed, as Tyrus's queues it. */
    private final class FrameWriter extends Writer {
      private final StringWriter text = new StringWriter();

      @Override
      public void write(char[] chars, int offset, int length) {
        text.write(chars, offset, length);
      }

      @Override
      public void flush() {}

      @Override
      public void close() throws IOException {
        IOException toThrow = throwOnWriterClose;
        if (toThrow != null) {
          throw toThrow;
        }
        if (inFlight.get() > 0) {
          overlappingWrites.incrementAndGet();
        }
        writerFrames.incrementAndGet();
        written.add(text.toString());
      }
    }

    private Object remoteCall(String method, Object[] args) {
      if (method.equals("sendText") && args.length == 2 && args[1] instanceof SendHandler) {
        sendText((String) args[0], (SendHandler) args[1]);
        return null;
      }
      throw new UnsupportedOperationException("RemoteEndpoint.Async." + method);
    }

    private void sendText(String text, SendHandler handler) {
      sendCalls.incrementAndGet();
      if (recordStackDepth) {
        int depth = new Throwable().getStackTrace().length;
        minStackDepth.accumulateAndGet(depth, Math::min);
        maxStackDepth.accumulateAndGet(depth, Math::max);
      }
      RuntimeException toThrow = throwOnSend;
      if (toThrow != null) {
        throw toThrow;
      }
      if (inFlight.incrementAndGet() > 1) {
        overlappingWrites.incrementAndGet();
      }
      written.add(text);
      switch (completion) {
        case INLINE:
          finish(handler);
          break;
        case BY_TEST:
          pending.add(handler);
          break;
        case OTHER_THREAD:
          completer.execute(() -> finish(handler));
          break;
        default:
          throw new IllegalStateException(completion.name());
      }
    }

    private void finish(SendHandler handler) {
      // The write is over before its handler runs: the handler may start the next one.
      inFlight.decrementAndGet();
      handler.onResult(
          failWrites ? new SendResult(new IOException("connection reset")) : new SendResult());
    }

    /** Finishes the oldest write still in flight; fails if there is none. */
    void completeNext() throws InterruptedException {
      SendHandler handler = pending.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
      if (handler == null) {
        fail("no write in flight; written so far " + written);
      }
      finish(handler);
    }

    List<String> written() {
      synchronized (written) {
        return List.copyOf(written);
      }
    }

    @SuppressWarnings("unchecked")
    private static <T> T proxy(Class<T> type, Call call) {
      return (T)
          Proxy.newProxyInstance(
              ClientSocketTest.class.getClassLoader(),
              new Class<?>[] {type},
              (self, method, args) -> {
                switch (method.getName()) {
                  case "toString":
                    return "fake " + type.getSimpleName();
                  case "hashCode":
                    return System.identityHashCode(self);
                  case "equals":
                    return self == args[0];
                  default:
                    return call.invoke(method.getName(), args == null ? new Object[0] : args);
                }
              });
    }

    private interface Call {
      Object invoke(String method, Object[] args);
    }
  }

  private static final class RecordingListener implements ClientSocket.Listener {
    final AtomicInteger overflows = new AtomicInteger();
    final AtomicInteger expired = new AtomicInteger();
    final AtomicInteger delivered = new AtomicInteger();
    final List<ClientSocket> reported = Collections.synchronizedList(new ArrayList<>());

    @Override
    public void expired(ClientSocket connection, int dropped) {
      reported.add(connection);
      expired.addAndGet(dropped);
    }

    @Override
    public void overflowed(ClientSocket connection) {
      reported.add(connection);
      overflows.incrementAndGet();
    }

    @Override
    public void delivered(ClientSocket connection) {
      delivered.incrementAndGet();
    }
  }

  // --- helpers -------------------------------------------------------------------------------

  private ClientSocket connection(int capacity, Duration expiry) {
    return connection(capacity, expiry, ClientSocket.WriteMode.CONFIRMED);
  }

  private ClientSocket connection(int capacity, Duration expiry, ClientSocket.WriteMode mode) {
    Participant alice = new Participant("alice", 1, new RoomName("lobby"), 10);
    return new ClientSocket(socket.session, alice, capacity, expiry, listener, mode);
  }

  private static RoomEvent chat(long id) {
    return new RoomEvent("{\"type\":\"message\",\"message_id\":" + id + "}", null, id);
  }

  private static RoomEvent plain(String text) {
    return RoomEvent.of(text);
  }

  private static void await(BooleanSupplier condition, String description) {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        fail("not within " + WAIT + ": " + description);
      }
      Thread.onSpinWait();
      Thread.yield();
    }
  }

  /** Waits until the given time has certainly passed since {@code sinceNanos}. */
  private static void awaitElapsed(long sinceNanos, Duration duration) throws InterruptedException {
    while (System.nanoTime() - sinceNanos <= duration.toNanos()) {
      Thread.sleep(5);
    }
  }

  // --- before start --------------------------------------------------------------------------

  @Test
  void eventsQueuedBeforeStartAreHeld() {
    ClientSocket connection = connection(100, AN_HOUR);

    connection.deliver(plain("a"));
    connection.deliver(chat(1));
    connection.deliver(plain("b"));

    assertEquals(List.of(), socket.written());
    assertEquals(0, socket.sendCalls.get());
    assertEquals(3, connection.queued());
  }

  @Test
  void startSendsTheFirstEventsThenTheHeldOnesLessTheReplayedMessages() {
    ClientSocket connection = connection(100, AN_HOUR);
    RoomEvent join = plain("join");
    RoomEvent typing = new RoomEvent("bob typing", "bob", 0);
    RoomEvent presence = plain("presence");
    connection.deliver(chat(5)); // also in the replay
    connection.deliver(join);
    connection.deliver(chat(6)); // also in the replay
    connection.deliver(chat(7)); // stored after the replay was read
    connection.deliver(typing);

    connection.start(List.of(chat(4), chat(5), chat(6), presence), 6);

    assertEquals(
        List.of(
            chat(4).json(),
            chat(5).json(),
            chat(6).json(),
            "presence",
            "join",
            chat(7).json(),
            "bob typing"),
        socket.written());
    assertEquals(0, connection.queued());
  }

  @Test
  void aReplayedMessageWhoseLiveCopyComesAfterTheStartIsNotSentAgain() {
    ClientSocket connection = connection(100, AN_HOUR);
    connection.start(List.of(chat(4), chat(5), plain("presence")), 5);
    await(() -> socket.written().size() == 3, "the catch-up and the presence");

    // Stored before the catch-up was read, announced here only now (e.g. late through Redis).
    connection.deliver(chat(5));
    connection.deliver(chat(6));

    await(() -> socket.written().size() == 4, "the new message");
    assertEquals(
        List.of(chat(4).json(), chat(5).json(), "presence", chat(6).json()), socket.written());
  }

  @Test
  void withoutAReplayEveryHeldMessageIsSent() {
    ClientSocket connection = connection(100, AN_HOUR);
    connection.deliver(chat(1));
    connection.deliver(chat(2));

    connection.start(List.of(plain("presence")), 0);

    assertEquals(List.of("presence", chat(1).json(), chat(2).json()), socket.written());
  }

  @Test
  void liveEventsFlowOnceStartedWithNothingToSend() {
    ClientSocket connection = connection(100, AN_HOUR);

    connection.start(List.of(), 0);
    assertEquals(List.of(), socket.written());
    connection.deliver(plain("live"));

    assertEquals(List.of("live"), socket.written());
  }

  @Test
  void aSecondStartIsIgnored() {
    ClientSocket connection = connection(100, AN_HOUR);

    connection.start(List.of(plain("first")), 0);
    connection.start(List.of(plain("again")), 0);

    assertEquals(List.of("first"), socket.written());
  }

  // --- one writer ----------------------------------------------------------------------------

  @Test
  void onlyOneWriteIsInFlightAtATime() throws Exception {
    socket.completion = Completion.BY_TEST;
    ClientSocket connection = connection(100, AN_HOUR);
    connection.start(List.of(), 0);

    connection.deliver(plain("a"));
    connection.deliver(plain("b"));
    connection.deliver(plain("c"));
    assertEquals(List.of("a"), socket.written());
    assertEquals(2, connection.queued());

    socket.completeNext();
    assertEquals(List.of("a", "b"), socket.written());
    socket.completeNext();
    assertEquals(List.of("a", "b", "c"), socket.written());
    socket.completeNext();

    assertEquals(0, socket.overlappingWrites.get());
    assertTrue(socket.pending.isEmpty());
    connection.deliver(plain("d"));
    assertEquals(List.of("a", "b", "c", "d"), socket.written());
  }

  @Test
  void concurrentSendersAndRacingCompletionsKeepOneWriteInFlightAndLoseNothing() throws Exception {
    socket.completion = Completion.OTHER_THREAD;
    int producers = 4;
    int eachSends = 2_500;
    ClientSocket connection = connection(producers * eachSends, AN_HOUR);
    connection.start(List.of(), 0);

    ExecutorService pool = Executors.newFixedThreadPool(producers);
    try {
      CountDownLatch go = new CountDownLatch(1);
      List<Future<?>> done = new ArrayList<>();
      for (int p = 0; p < producers; p++) {
        int producer = p;
        done.add(
            pool.submit(
                () -> {
                  go.await();
                  for (int i = 0; i < eachSends; i++) {
                    connection.deliver(plain(producer + ":" + i));
                  }
                  return null;
                }));
      }
      go.countDown();
      for (Future<?> future : done) {
        future.get(WAIT.toSeconds(), TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    await(() -> socket.written.size() == producers * eachSends, "every event written");
    await(() -> socket.inFlight.get() == 0, "the last write finished");

    assertEquals(0, socket.overlappingWrites.get(), "sendText called with a write in flight");
    List<String> written = socket.written();
    assertEquals(producers * eachSends, new HashSet<>(written).size(), "no frame twice");
    for (int p = 0; p < producers; p++) {
      String prefix = p + ":";
      List<String> fromProducer = written.stream().filter(s -> s.startsWith(prefix)).toList();
      for (int i = 0; i < eachSends; i++) {
        assertEquals(prefix + i, fromProducer.get(i), "order of producer " + p);
      }
    }
    assertEquals(0, connection.queued());
  }

  @Test
  void inlineCompletionOfThousandsOfFramesDoesNotRecurse() {
    int frames = 20_000;
    ClientSocket connection = connection(frames * 2, AN_HOUR);
    socket.recordStackDepth = true;
    for (int i = 0; i < frames; i++) {
      connection.deliver(plain("held " + i));
    }

    connection.start(List.of(plain("presence")), 0);
    for (int i = 0; i < frames; i++) {
      connection.deliver(plain("live " + i));
    }

    assertEquals(2 * frames + 1, socket.written.size());
    assertEquals("live " + (frames - 1), socket.written().get(2 * frames));
    // Each frame is written from the same loop, not from a handler nested in the last write.
    int growth = socket.maxStackDepth.get() - socket.minStackDepth.get();
    assertTrue(growth <= 5, () -> "the stack grew by " + growth + " frames while writing");
  }

  // --- unconfirmed writes between confirmed ones ----------------------------------------------

  @Test
  void aSessionOfAnotherRuntimeGetsOnlyConfirmedWrites() {
    assertSame(ClientSocket.WriteMode.CONFIRMED, ClientSocket.WriteMode.of(socket.session));
  }

  @Test
  void framesGoThroughTheWriterAndEveryFewIsConfirmedInOrder() {
    int frames = 3 * (ClientSocket.UNCONFIRMED_WRITES + 1) + 5;
    ClientSocket connection =
        connection(1000, AN_HOUR, ClientSocket.WriteMode.UNCONFIRMED_BETWEEN_CONFIRMED);
    connection.start(List.of(), 0);

    List<String> sent = new ArrayList<>();
    for (int i = 0; i < frames; i++) {
      sent.add("frame " + i);
      connection.deliver(plain("frame " + i));
    }

    assertEquals(sent, socket.written(), "one stream, in order, across both kinds of write");
    assertEquals(3, socket.sendCalls.get(), "one confirmed send after each run of unconfirmed");
    assertEquals(frames - 3, socket.writerFrames.get());
    assertEquals(frames, listener.delivered.get());
    assertEquals(0, socket.overlappingWrites.get());
  }

  @Test
  void nothingIsWrittenWhileAConfirmedSendIsOutstandingAndTheQueueStaysBounded()
      throws Exception {
    socket.completion = Completion.BY_TEST;
    int capacity = 10;
    ClientSocket connection =
        connection(capacity, AN_HOUR, ClientSocket.WriteMode.UNCONFIRMED_BETWEEN_CONFIRMED);
    connection.start(List.of(), 0);
    for (int i = 0; i <= ClientSocket.UNCONFIRMED_WRITES; i++) {
      connection.deliver(plain("frame " + i));
    }
    assertEquals(1, socket.pending.size(), "the last of the run waits for its completion");

    for (int i = 0; i < capacity; i++) {
      connection.deliver(plain("waiting " + i));
    }
    assertEquals(ClientSocket.UNCONFIRMED_WRITES + 1, socket.written().size());
    assertEquals(capacity, connection.queued());
    connection.deliver(plain("one too many"));

    assertEquals(1, listener.overflows.get(), "a client that stops reading is dropped");
    assertEquals(0, connection.queued());
    socket.completeNext();
    assertEquals(ClientSocket.UNCONFIRMED_WRITES + 1, socket.written().size());
  }

  @Test
  void aConfirmedSendThatCompletesLaterResumesTheUnconfirmedWrites() throws Exception {
    socket.completion = Completion.BY_TEST;
    ClientSocket connection =
        connection(100, AN_HOUR, ClientSocket.WriteMode.UNCONFIRMED_BETWEEN_CONFIRMED);
    connection.start(List.of(), 0);
    for (int i = 0; i <= ClientSocket.UNCONFIRMED_WRITES + 3; i++) {
      connection.deliver(plain("frame " + i));
    }
    assertEquals(3, connection.queued());

    socket.completeNext();

    assertEquals(ClientSocket.UNCONFIRMED_WRITES + 4, socket.written().size());
    assertEquals(0, connection.queued());
    assertTrue(socket.pending.isEmpty());
  }

  @Test
  void aWriterThatFailsStopsDelivery() {
    socket.throwOnWriterClose = new IOException("connection reset");
    ClientSocket connection =
        connection(100, AN_HOUR, ClientSocket.WriteMode.UNCONFIRMED_BETWEEN_CONFIRMED);
    connection.start(List.of(), 0);

    connection.deliver(plain("lost"));
    socket.throwOnWriterClose = null;
    connection.deliver(plain("after the failure"));

    assertEquals(List.of(), socket.written());
    assertEquals(0, listener.delivered.get());
  }

  // --- limits --------------------------------------------------------------------------------

  @Test
  void overflowBeforeStartIsReportedOnceAndDiscardsTheQueue() {
    ClientSocket connection = connection(3, AN_HOUR);
    for (int i = 1; i <= 3; i++) {
      connection.deliver(chat(i));
    }
    assertEquals(0, listener.overflows.get());

    connection.deliver(chat(4));
    connection.deliver(chat(5));
    connection.deliver(chat(6));
    connection.start(List.of(plain("presence")), 0);

    assertEquals(1, listener.overflows.get());
    assertSame(connection, listener.reported.get(0));
    assertEquals(0, connection.queued());
    assertEquals(List.of(), socket.written(), "an overflowed connection writes nothing more");
  }

  @Test
  void overflowWhileAWriteIsInFlightStopsDelivery() throws Exception {
    socket.completion = Completion.BY_TEST;
    ClientSocket connection = connection(2, AN_HOUR);
    connection.start(List.of(), 0);
    connection.deliver(plain("in flight"));
    connection.deliver(plain("queued 1"));
    connection.deliver(plain("queued 2"));
    assertEquals(0, listener.overflows.get(), "the write in flight does not count");

    connection.deliver(plain("one too many"));
    connection.deliver(plain("and another"));
    socket.completeNext();

    assertEquals(1, listener.overflows.get());
    assertEquals(List.of("in flight"), socket.written());
    assertTrue(socket.pending.isEmpty());
    assertEquals(0, connection.queued());
  }

  @Test
  void queuedBytesOverTheByteCapacityOverflowLikeTooManyFrames() throws Exception {
    socket.completion = Completion.BY_TEST;
    Participant alice = new Participant("alice", 1, new RoomName("lobby"), 10);
    // 가 is three bytes in UTF-8: each of these frames is 30 bytes, though 10 chars.
    ClientSocket connection =
        new ClientSocket(
            socket.session, alice, 100, 90, AN_HOUR, listener, ClientSocket.WriteMode.CONFIRMED);
    connection.start(List.of(), 0);
    connection.deliver(plain("가".repeat(10)));
    for (int i = 0; i < 3; i++) {
      connection.deliver(plain("나".repeat(10)));
    }
    assertEquals(90, connection.queuedBytes(), "the write in flight does not count");
    assertEquals(0, listener.overflows.get());

    connection.deliver(plain("x"));

    assertEquals(1, listener.overflows.get());
    assertEquals(0, connection.queuedBytes());
    socket.completeNext();
    assertEquals(List.of("가".repeat(10)), socket.written());
  }

  @Test
  void bytesAreCountedAsUtf8() {
    assertEquals(3, ClientSocket.utf8Length("abc"));
    assertEquals(2, ClientSocket.utf8Length("é"));
    assertEquals(3, ClientSocket.utf8Length("한"));
    assertEquals(4, ClientSocket.utf8Length("😀"));
  }

  @Test
  void framesOlderThanTheExpiryAreDroppedAndReported() throws Exception {
    Duration expiry = Duration.ofMillis(200);
    ClientSocket connection = connection(100, expiry);
    connection.deliver(plain("stale 1"));
    connection.deliver(plain("stale 2"));
    long queuedBy = System.nanoTime();
    awaitElapsed(queuedBy, expiry);

    connection.start(List.of(plain("presence")), 0);
    connection.deliver(plain("fresh"));

    assertEquals(List.of("presence", "fresh"), socket.written());
    assertEquals(2, listener.expired.get());
    assertSame(connection, listener.reported.get(0));
    assertEquals(0, listener.overflows.get());
  }

  @Test
  void framesExpireWhileWaitingBehindASlowWrite() throws Exception {
    socket.completion = Completion.BY_TEST;
    Duration expiry = Duration.ofMillis(200);
    ClientSocket connection = connection(100, expiry);
    connection.start(List.of(), 0);
    connection.deliver(plain("slow"));
    connection.deliver(plain("stale 1"));
    connection.deliver(plain("stale 2"));
    long queuedBy = System.nanoTime();
    awaitElapsed(queuedBy, expiry);

    socket.completeNext();

    assertEquals(2, listener.expired.get());
    assertEquals(List.of("slow"), socket.written());
    connection.deliver(plain("fresh"));
    assertEquals(List.of("slow", "fresh"), socket.written());
  }

  // --- who gets what -------------------------------------------------------------------------

  @Test
  void eventsExcludedForTheConnectionsOwnUserAreNotDelivered() {
    ClientSocket connection = connection(100, AN_HOUR);
    connection.deliver(new RoomEvent("alice typing", "alice", 0));
    assertEquals(0, connection.queued(), "not even held");

    connection.start(List.of(), 0);
    connection.deliver(new RoomEvent("alice typing", "alice", 0));
    connection.deliver(new RoomEvent("bob typing", "bob", 0));
    connection.deliver(plain("everyone"));

    assertEquals(List.of("bob typing", "everyone"), socket.written());
  }

  // --- failures ------------------------------------------------------------------------------

  @Test
  void aFailedWriteStopsDelivery() throws Exception {
    socket.completion = Completion.BY_TEST;
    ClientSocket connection = connection(100, AN_HOUR);
    connection.start(List.of(), 0);
    connection.deliver(plain("a"));
    connection.deliver(plain("b"));

    socket.failWrites = true;
    socket.completeNext();
    connection.deliver(plain("c"));

    assertEquals(List.of("a"), socket.written());
    assertTrue(socket.pending.isEmpty());
    assertEquals(0, connection.queued());
  }

  @Test
  void aWriteThatFailsInlineStopsDelivery() {
    socket.failWrites = true;
    ClientSocket connection = connection(100, AN_HOUR);
    connection.deliver(plain("a"));
    connection.deliver(plain("b"));

    connection.start(List.of(plain("presence")), 0);
    connection.deliver(plain("c"));

    assertEquals(List.of("presence"), socket.written());
    assertEquals(0, connection.queued());
  }

  @Test
  void aSendThatThrowsStopsDeliveryWithoutReachingTheSender() {
    socket.throwOnSend = new IllegalStateException("The WebSocket session has been closed");
    ClientSocket connection = connection(100, AN_HOUR);
    connection.start(List.of(), 0);

    assertDoesNotThrow(() -> connection.deliver(plain("a")));
    assertDoesNotThrow(() -> connection.deliver(plain("b")));

    assertEquals(1, socket.sendCalls.get());
    assertEquals(0, connection.queued());
  }

  @Test
  void closeDiscardsWhatIsQueuedAndStopsDelivery() throws Exception {
    socket.completion = Completion.BY_TEST;
    ClientSocket connection = connection(100, AN_HOUR);
    connection.start(List.of(), 0);
    connection.deliver(plain("a"));
    connection.deliver(plain("b"));
    connection.deliver(plain("c"));

    connection.stopDelivery();
    socket.completeNext();
    connection.deliver(plain("d"));

    assertEquals(List.of("a"), socket.written());
    assertEquals(0, connection.queued());
    assertTrue(socket.pending.isEmpty());
    assertEquals(Set.of(), Set.copyOf(listener.reported), "closing is not an overflow");
  }

  // --- delivery reports and a graceful stop ---------------------------------------------------

  @Test
  void eachWrittenFrameIsReportedDeliveredOnce() throws Exception {
    socket.completion = Completion.BY_TEST;
    ClientSocket connection = connection(100, AN_HOUR);
    connection.start(List.of(plain("presence")), 0);
    connection.deliver(plain("a"));
    assertEquals(0, listener.delivered.get(), "nothing is delivered while the write is in flight");

    socket.completeNext();
    socket.completeNext();

    assertEquals(2, listener.delivered.get());
  }

  @Test
  void aFailedWriteIsNotReportedDelivered() throws Exception {
    socket.completion = Completion.BY_TEST;
    ClientSocket connection = connection(100, AN_HOUR);
    connection.start(List.of(plain("presence")), 0);

    socket.failWrites = true;
    socket.completeNext();

    assertEquals(0, listener.delivered.get());
  }

  @Test
  void awaitDrainedReturnsOnceEveryQueuedFrameIsWritten() throws Exception {
    socket.completion = Completion.BY_TEST;
    ClientSocket connection = connection(100, AN_HOUR);
    connection.start(List.of(), 0);
    connection.deliver(plain("a"));
    connection.deliver(plain("b"));

    ExecutorService waiter = Executors.newSingleThreadExecutor();
    try {
      Future<Boolean> drained =
          waiter.submit(() -> connection.awaitDrained(System.nanoTime() + WAIT.toNanos()));
      socket.completeNext();
      assertFalse(drained.isDone(), "b is still being written");
      socket.completeNext();
      assertTrue(drained.get(WAIT.toSeconds(), TimeUnit.SECONDS));
    } finally {
      waiter.shutdownNow();
    }
  }

  @Test
  void awaitDrainedGivesUpAtTheDeadline() throws Exception {
    socket.completion = Completion.BY_TEST;
    ClientSocket connection = connection(100, AN_HOUR);
    connection.start(List.of(), 0);
    connection.deliver(plain("stuck"));

    long started = System.nanoTime();
    boolean drained = connection.awaitDrained(started + Duration.ofMillis(100).toNanos());

    assertFalse(drained);
    assertTrue(System.nanoTime() - started >= Duration.ofMillis(100).toNanos());
  }

  @Test
  void awaitDrainedReturnsWhenTheConnectionFails() throws Exception {
    socket.completion = Completion.BY_TEST;
    ClientSocket connection = connection(100, AN_HOUR);
    connection.start(List.of(), 0);
    connection.deliver(plain("a"));
    connection.deliver(plain("b"));
    socket.failWrites = true;
    socket.completeNext();

    assertTrue(connection.awaitDrained(System.nanoTime() + WAIT.toNanos()));
  }

  @Test
  void aConnectionLeavesOnce() {
    ClientSocket connection = connection(100, AN_HOUR);

    assertTrue(connection.markLeft());
    assertFalse(connection.markLeft());
  }
}
