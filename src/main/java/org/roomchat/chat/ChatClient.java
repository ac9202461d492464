package org.roomchat.chat;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.roomchat.group.GroupMember;
import org.roomchat.group.RoomEvent;
import org.roomchat.protocol.CloseCode;

/**
 * One connected client in a room, as the use cases see it: a queue of events towards the client
 * and a way to end the connection. The WebSocket adapter implements it; tests use their own.
 */
public interface ChatClient extends GroupMember {

  Participant participant();

  /** The login (session or cookie) the client connected with, when known. */
  Optional<String> login();

  Instant openedAt();

  /**
   * Starts writing: first the given events, then those delivered since the client joined its
   * group, less chat messages with an id up to {@code replayedUpTo} (already among the first).
   */
  void start(List<RoomEvent> first, long replayedUpTo);

  /** Stops delivery; queued events are discarded. */
  void stopDelivery();

  /** True the first time only: the client's departure is handled once. */
  boolean markLeft();

  /**
   * Waits until every queued event has been written, the client failed, or the deadline (a {@link
   * System#nanoTime()} value) passed; answers whether the queue was drained.
   */
  boolean awaitDrained(long deadline) throws InterruptedException;

  /** Events waiting to be written. */
  int queued();

  /** Ends the connection with the code and reason. It may wait on the network: call it off the receiving and fan-out threads. */
  void disconnect(CloseCode code, String reason);

  default String username() {
    return participant().username();
  }
}
