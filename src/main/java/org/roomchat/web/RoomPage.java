package org.roomchat.web;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.time.OffsetDateTime;
import java.util.List;
import org.roomchat.chat.RoomAccess;
import org.roomchat.config.ChatSettings;
import org.roomchat.room.Person;
import org.roomchat.room.Presence;
import org.roomchat.room.RoomName;
import org.roomchat.room.RoomService;
import org.roomchat.room.StoredMessage;

/** The room page's data: its name, the reader, the last 50 messages oldest first, who is in. */
@Named
@RequestScoped
public class RoomPage {

  static final int HISTORY = 50;

  @Inject RoomAccess access;
  @Inject RoomService rooms;
  @Inject Presence presence;
  @Inject ChatSettings settings;

  private RoomName room;
  private String username;
  private List<StoredMessage> messages = List.of();
  private List<String> onlineUsers = List.of();
  private String loginUrl;

  /**
   * Opens the room for the reader if {@link RoomAccess} lets the reader in, creating it on the
   * first visit as a Django view's get_or_create does; {@code loginUrl} is where the page sends
   * its reader to log in again and come back. Anything but {@link RoomAccess.Admitted} leaves the
   * page empty, with nothing created.
   */
  RoomAccess.Entry open(RoomName room, Person reader, String loginUrl) {
    RoomAccess.Entry entry = access.enter(room, reader);
    if (entry instanceof RoomAccess.Admitted admitted) {
      this.room = room;
      this.username = reader.username();
      this.loginUrl = loginUrl;
      this.messages = rooms.recent(admitted.room().id(), HISTORY);
      this.onlineUsers = presence.online(room);
    }
    return entry;
  }

  public String getName() {
    return room.value();
  }

  /** The longest message the server takes, for the input to stop at the same length. */
  public int getMaxMessageLength() {
    return settings.maxMessageLength();
  }

  public String getUsername() {
    return username;
  }

  public List<StoredMessage> getMessages() {
    return messages;
  }

  /** Who is in the room as the page is made; the page's socket keeps it current. */
  public List<String> getOnlineUsers() {
    return onlineUsers;
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

  /** The login page that comes back to this room, for the script to offer after a logout. */
  public String getLoginUrlJson() {
    return JsonScript.string(loginUrl);
  }

  /** The names a message mentions, for its element's {@code data-mentions}; empty for none. */
  public String mentions(StoredMessage message) {
    return String.join(" ", message.mentionedNames());
  }

  public String clock(OffsetDateTime time) {
    return DisplayTimes.clock(time);
  }

  public String iso(OffsetDateTime time) {
    return DisplayTimes.iso(time);
  }
}
