package org.roomchat.web;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.List;
import org.roomchat.room.RoomName;
import org.roomchat.room.RoomService;
import org.roomchat.room.StoredMessage;

/** The room page's data: its name, the reader, and the last 50 messages oldest first. */
@Named
@RequestScoped
public class RoomPage {

  static final int HISTORY = 50;

  @Inject RoomService rooms;

  private RoomName room;
  private String username;
  private List<StoredMessage> messages = List.of();

  void open(RoomName room, String username) {
    this.room = room;
    this.username = username;
    this.messages = rooms.find(room).map(r -> rooms.recent(r.getId(), HISTORY)).orElse(List.of());
  }

  public String getName() {
    return room.value();
  }

  public String getUsername() {
    return username;
  }

  public List<StoredMessage> getMessages() {
    return messages;
  }

  /** The newest message shown, so the page's socket asks only for what came after it. */
  public long getLastMessageId() {
    return messages.isEmpty() ? 0 : messages.get(messages.size() - 1).id();
  }

  /** The room name as a JSON string, safe inside a script element (Django's json_script). */
  public String getNameJson() {
    return JsonScript.string(room.value());
  }

  public String getUsernameJson() {
    return JsonScript.string(username);
  }
}
