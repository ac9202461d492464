package org.roomchat.chat;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.roomchat.group.MessageHistory;
import org.roomchat.group.RoomEvent;
import org.roomchat.room.RoomName;
import org.roomchat.room.RoomService;
import org.roomchat.room.StoredMessage;

/** A room's stored messages as the events its members receive, for ordering live delivery. */
@ApplicationScoped
public class StoredRoomEvents implements MessageHistory {

  @Inject RoomService rooms;

  @Override
  public long lastSeq(String group) {
    return rooms.lastSeq(roomId(group));
  }

  @Override
  public List<RoomEvent> between(String group, long fromSeq, long toSeq, int limit) {
    List<StoredMessage> stored = rooms.bySeq(roomId(group), fromSeq, toSeq, limit);
    List<RoomEvent> events = new ArrayList<>(stored.size());
    for (StoredMessage message : stored) {
      events.add(RoomEvents.message(message, false));
    }
    return events;
  }

  @Override
  public List<RoomEvent> changedSince(String group, Instant since, int limit) {
    return rooms.changedSince(roomId(group), since, limit).stream()
        .map(RoomEvents::change)
        .toList();
  }

  private long roomId(String group) {
    RoomName room =
        RoomName.ofGroup(group)
            .orElseThrow(() -> new IllegalArgumentException("not a room's group: " + group));
    return rooms.existingId(room);
  }
}
