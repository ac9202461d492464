package org.roomchat.chat;

import java.util.List;
import org.roomchat.group.GroupMember;
import org.roomchat.group.RoomEvent;

/**
 * One connected client in a room, as the use cases see it: a queue of events towards the client
 * and a way to end the connection. The WebSocket adapter implements it; tests use their own.
 */
public interface ChatClient extends Connection, GroupMember {

  Participant participant();

  /**
   * Starts writing: first the given events, then those delivered since the client joined its
   * group, less chat messages with an id up to {@code replayedUpTo} (already among the first).
   */
  void start(List<RoomEvent> first, long replayedUpTo);

  /** Stops delivery; queued events are discarded. */
  void stopDelivery();

  /** True the first time only: the client's departure is handled once. */
  boolean markLeft();

  @Override
  default String username() {
    return participant().username();
  }
}
