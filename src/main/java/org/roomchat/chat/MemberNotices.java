package org.roomchat.chat;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.roomchat.group.GroupRegistry;
import org.roomchat.group.NodeBroadcast;
import org.roomchat.protocol.CloseCode;
import org.roomchat.protocol.ServerFrame;
import org.roomchat.room.RoomName;

/**
 * What a room and every node hear when a room's members change: the room's connected members get
 * {@code member_added} or {@code member_removed}, and a removed member's sockets in that room close
 * with 4003 on every node. A node that misses the notice (Redis down at that moment) still refuses
 * the removed member's next handshake, which asks for membership again.
 */
@ApplicationScoped
public class MemberNotices {

  static final String TOPIC = "member-removed";

  @Inject GroupRegistry groups;
  @Inject NodeBroadcast broadcast;
  @Inject OpenConnections connections;

  void listen(@Observes @Initialized(ApplicationScoped.class) Object start) {
    broadcast.listen(TOPIC, this::received);
  }

  /** Tells the room's members that the user (by stored name) became one of them. */
  void added(RoomName room, String username) {
    groups.send(room.group(), RoomEvents.of(new ServerFrame.MemberAdded(username)));
  }

  /**
   * Tells the room's members that the user (by stored name) is no longer one of them, and closes
   * the user's sockets in the room here and on every other node.
   */
  void removed(RoomName room, String username) {
    groups.send(room.group(), RoomEvents.of(new ServerFrame.MemberRemoved(username)));
    expel(room, username);
  }

  /**
   * Closes the user's sockets in the room here and on every other node, as for a removed member:
   * for a user banned there, member or not.
   */
  void expel(RoomName room, String username) {
    broadcast.publish(
        TOPIC,
        NoticeJson.JSON.createObjectBuilder()
            .add("room", room.value())
            .add("username", username)
            .build()
            .toString());
  }

  private void received(String notice) {
    NoticeJson.read(TOPIC, notice)
        .ifPresent(
            removal ->
                RoomName.parse(removal.getString("room", null))
                    .ifPresent(room -> closeIn(room, removal.getString("username", ""))));
  }

  /** Closes the user's connections to the room on this node with 4003. */
  private void closeIn(RoomName room, String username) {
    connections.closeWhere(
        client ->
            client instanceof ChatClient inRoom
                && inRoom.username().equals(username)
                && inRoom.participant().room().equals(room),
        CloseCode.FORBIDDEN,
        "No longer a member of this room");
  }

  /** Closes every connection to the room on this node with 4003: the room is gone. */
  void closeAll(RoomName room) {
    connections.closeWhere(
        client -> client instanceof ChatClient inRoom && inRoom.participant().room().equals(room),
        CloseCode.FORBIDDEN,
        "This room was deleted");
  }
}
