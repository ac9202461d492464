package org.roomchat.web;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import java.time.OffsetDateTime;
import java.util.List;
import org.roomchat.account.AccountService;
import org.roomchat.chat.Blocking;
import org.roomchat.chat.RoomAccess;
import org.roomchat.chat.RoomRights;
import org.roomchat.config.ChatSettings;
import org.roomchat.room.Person;
import org.roomchat.room.Presence;
import org.roomchat.room.RoomFacts;
import org.roomchat.room.RoomMembers;
import org.roomchat.room.RoomName;
import org.roomchat.room.RoomService;
import org.roomchat.room.StoredMessage;

/**
 * The room page's data: its name, the reader, the last 50 messages oldest first, who is in. The
 * same page shows a conversation, named by its other user ({@link #getPeer}), with the forms to
 * block and unblock that user.
 */
@Named
@RequestScoped
public class RoomPage {

  static final int HISTORY = 50;

  @Inject RoomAccess access;
  @Inject RoomService rooms;
  @Inject Presence presence;
  @Inject ChatSettings settings;
  @Inject Blocking blocking;
  @Inject RoomMembers members;
  @Inject HttpServletRequest request;

  private RoomName room;
  private String username;

  /** The conversation's other user; null on a room's page. */
  private String peer;

  private boolean blockingPeer;
  private boolean deletesOthers;
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
      show(admitted.room(), reader, loginUrl);
    }
    return entry;
  }

  /**
   * Opens the reader's conversation with the user named {@code peerName}, starting it on the first
   * visit if {@link RoomAccess} lets the reader; anything but {@link RoomAccess.Conversing} leaves
   * the page empty, with nothing created.
   */
  RoomAccess.Entry openConversation(Person reader, String peerName, String loginUrl) {
    RoomAccess.Entry entry = access.converse(reader, peerName);
    if (entry instanceof RoomAccess.Conversing conversing) {
      show(conversing.room(), reader, loginUrl);
      this.peer = conversing.peer().username();
      this.blockingPeer = blocking.blocks(reader, conversing.peer());
    }
    return entry;
  }

  private void show(RoomFacts shown, Person reader, String loginUrl) {
    this.room = shown.name();
    this.username = reader.username();
    this.loginUrl = loginUrl;
    this.messages = rooms.recent(shown.id(), HISTORY);
    this.onlineUsers = presence.online(shown.name());
    this.deletesOthers =
        !shown.name().isConversation()
            && RoomRights.mayDeleteMessage(
                false,
                false,
                members.role(shown.id(), reader.id()),
                request.isUserInRole(AccountService.ADMIN_ROLE));
  }

  /**
   * Whether the reader may delete what others wrote here (the room's owner, its moderators,
   * admins), for the page to offer it; the server decides again on each deletion.
   */
  public boolean isDeletesOthers() {
    return deletesOthers;
  }

  public String getName() {
    return room.value();
  }

  /** Whether this is a conversation between two users rather than a room. */
  public boolean isConversation() {
    return peer != null;
  }

  /** The conversation's other user; the reader in its notepad; null on a room's page. */
  public String getPeer() {
    return peer;
  }

  /** Whether this is the reader's conversation with itself. */
  public boolean isNotepad() {
    return peer != null && peer.equals(username);
  }

  /** Whether the reader blocks the conversation's other user. */
  public boolean isBlocking() {
    return blockingPeer;
  }

  /** Where the page's block (or, while blocking, unblock) form posts, under the context root. */
  public String getBlockFormPath() {
    return DmPath.form("", peer, blockingPeer ? DmPath.Action.UNBLOCK : DmPath.Action.BLOCK);
  }

  /** The page of the reader's conversation with this user, under the context root. */
  public String messagePath(String user) {
    return DmPath.page("", user);
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

  /**
   * The room name as a JSON string, safe inside a script element (Django's json_script); for a
   * conversation, the other user's name.
   */
  public String getNameJson() {
    return JsonScript.string(isConversation() ? peer : room.value());
  }

  /** The socket the page's script opens, from the server's root, as a JSON string. */
  public String getSocketPathJson() {
    return JsonScript.string(isConversation() ? DmPath.socket(peer) : RoomPath.socket(room));
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
