package org.roomchat.chat;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.Optional;
import org.roomchat.group.NodeBroadcast;
import org.roomchat.room.ModerationLog;
import org.roomchat.room.ModerationRecord;
import org.roomchat.room.RoomCatalog;
import org.roomchat.room.RoomFacts;
import org.roomchat.room.RoomName;

/**
 * An admin deleting a room: the room and everything of it are gone from the database, every node
 * forgets it and closes its sockets with 4003, and the moderation log keeps the deletion. Its name
 * is free again afterwards. A node that misses the notice (Redis down at that moment) still closes
 * nothing at once, but its sockets there can store nothing any more.
 */
@ApplicationScoped
public class RoomRemoval {

  static final String TOPIC = "room-deleted";

  @Inject RoomCatalog rooms;
  @Inject ModerationLog log;
  @Inject NodeBroadcast broadcast;
  @Inject MemberNotices notices;

  void listen(@Observes @Initialized(ApplicationScoped.class) Object start) {
    broadcast.listen(TOPIC, this::received);
  }

  /** Deletes the room of this name for the admin; false when there is no such room. */
  public boolean delete(RoomName name, String admin) {
    Optional<RoomFacts> room = rooms.find(name);
    if (room.isEmpty() || !RoomRights.hasManagedMembers(room.get().visibility())) {
      return false;
    }
    boolean deleted = rooms.delete(room.get());
    if (deleted) {
      log.record(room.get(), admin, name.value(), ModerationRecord.DELETE_ROOM, Optional.empty());
    }
    // Even when another admin deleted it first: every node forgets it and closes its sockets.
    broadcast.publish(TOPIC, name.value());
    return deleted;
  }

  private void received(String notice) {
    RoomName.parse(notice)
        .ifPresent(
            name -> {
              rooms.forget(name);
              notices.closeAll(name);
            });
  }
}
