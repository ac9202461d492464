package org.roomchat.web;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.time.OffsetDateTime;
import java.util.List;
import org.roomchat.room.RoomDirectory;

/** The room list page's data: every room, newest activity first. */
@Named
@RequestScoped
public class RoomList {

  @Inject RoomDirectory directory;

  private List<RoomDirectory.RoomSummary> rooms;

  public List<RoomDirectory.RoomSummary> getRooms() {
    if (rooms == null) {
      rooms = directory.rooms();
    }
    return rooms;
  }

  public String dateTime(OffsetDateTime time) {
    return DisplayTimes.dateTime(time);
  }

  public String iso(OffsetDateTime time) {
    return DisplayTimes.iso(time);
  }
}
