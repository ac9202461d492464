package org.roomchat.group;

/** Something a group registry can deliver events to: in practice, one WebSocket connection. */
public interface GroupMember {

  /** Queues the event for this member; never blocks on the member's network. */
  void deliver(RoomEvent event);
}
