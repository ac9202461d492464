package org.roomchat.websocket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.SendHandler;
import jakarta.websocket.SendResult;
import jakarta.websocket.Session;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A user's stream writes one frame at a time, in order, and drops a client that stops reading once
 * its queue is full, as a room socket does; over a fake session whose writes complete inline or
 * when the test says.
 */
class UserStreamSocketTest {

  private final List<String> written = new ArrayList<>();
  private final ArrayDeque<SendHandler> inFlight = new ArrayDeque<>();
  private boolean completeInline = true;
  private boolean failWrites;
  private int overflows;
  private int delivered;

  private final Session session = session();

  private Session session() {
    RemoteEndpoint.Async remote =
        proxy(
            RemoteEndpoint.Async.class,
            (method, args) -> {
              if (!method.equals("sendText")) {
                throw new UnsupportedOperationException(method);
              }
              written.add((String) args[0]);
              SendHandler handler = (SendHandler) args[1];
              if (completeInline) {
                finish(handler);
              } else {
                inFlight.add(handler);
              }
              return null;
            });
    return proxy(
        Session.class,
        (method, args) -> {
          if (method.equals("getAsyncRemote")) {
            return remote;
          }
          throw new UnsupportedOperationException(method);
        });
  }

  private void finish(SendHandler handler) {
    handler.onResult(
        failWrites ? new SendResult(new IOException("connection reset")) : new SendResult());
  }

  private UserStreamSocket stream(int capacity) {
    return new UserStreamSocket(
        session,
        7,
        "bob",
        capacity,
        1 << 20,
        new UserStreamSocket.Listener() {
          @Override
          public void overflowed(UserStreamSocket stream) {
            overflows++;
          }

          @Override
          public void delivered(UserStreamSocket stream) {
            delivered++;
          }
        });
  }

  @Test
  void framesGoOutInOrder() throws InterruptedException {
    UserStreamSocket stream = stream(10);
    stream.send("one");
    stream.send("two");
    assertEquals(List.of("one", "two"), written);
    assertEquals(2, delivered);
    assertTrue(stream.awaitDrained(System.nanoTime()));
  }

  @Test
  void oneWriteIsInFlightAtATimeAndTheRestWaitsInTheQueue() {
    completeInline = false;
    UserStreamSocket stream = stream(10);
    stream.send("one");
    stream.send("two");
    stream.send("three");
    assertEquals(List.of("one"), written);
    assertEquals(2, stream.queued());

    finish(inFlight.poll());
    assertEquals(List.of("one", "two"), written);
    finish(inFlight.poll());
    finish(inFlight.poll());
    assertEquals(List.of("one", "two", "three"), written);
    assertEquals(0, stream.queued());
  }

  @Test
  void aClientThatStopsReadingIsReportedOnceItsQueueIsFull() {
    completeInline = false;
    UserStreamSocket stream = stream(3);
    for (int i = 0; i < 4; i++) {
      stream.send("frame " + i); // the first is in flight, three wait
    }
    assertEquals(0, overflows);
    stream.send("one too many");
    assertEquals(1, overflows);
    assertEquals(0, stream.queued(), "its queue is dropped");
    stream.send("after");
    assertEquals(1, overflows, "reported once");
    finish(inFlight.poll());
    assertEquals(List.of("frame 0"), written, "nothing more is written");
  }

  @Test
  void aFailedWriteEndsTheStream() {
    failWrites = true;
    UserStreamSocket stream = stream(10);
    stream.send("one");
    stream.send("two");
    assertEquals(List.of("one"), written);
    assertEquals(0, delivered);
    assertFalse(stream.queued() > 0);
  }

  @SuppressWarnings("unchecked")
  private static <T> T proxy(Class<T> type, Call call) {
    return (T)
        Proxy.newProxyInstance(
            UserStreamSocketTest.class.getClassLoader(),
            new Class<?>[] {type},
            (self, method, args) ->
                switch (method.getName()) {
                  case "toString" -> "fake " + type.getSimpleName();
                  case "hashCode" -> System.identityHashCode(self);
                  case "equals" -> self == args[0];
                  default -> call.invoke(method.getName(), args == null ? new Object[0] : args);
                });
  }

  private interface Call {
    Object invoke(String method, Object[] args);
  }
}
