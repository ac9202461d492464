package org.roomchat.room;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/**
 * A named room; its update time moves with every message, so lists can show recent activity, {@code
 * lastSeq} is the sequence number of its newest message (0 before the first), and {@code
 * messageCount} how many messages it holds, so lists need not count them. It is public or private
 * from its start, and owned by the user who started it (none for rooms older than owners); or it is
 * a conversation between two users, which has no owner.
 */
@Entity
@Table(name = "chat_room")
@NamedQuery(name = ChatRoom.BY_NAME, query = "select r from ChatRoom r where r.name = :name")
public class ChatRoom {

  public static final String BY_NAME = "ChatRoom.byName";

  @Id
  @SequenceGenerator(name = "chat_room_seq", sequenceName = "chat_room_seq", allocationSize = 50)
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "chat_room_seq")
  private Long id;

  @Column(nullable = false, unique = true, length = 100)
  private String name;

  @Column(name = "created_at", nullable = false)
  private OffsetDateTime createdAt;

  @Column(name = "updated_at", nullable = false)
  private OffsetDateTime updatedAt;

  @Column(nullable = false, updatable = false, length = 10)
  private String visibility;

  /** The user who started the room; null when unknown, or when that account is gone. */
  @Column(name = "owner_id", updatable = false)
  private Long ownerId;

  /** Moved only by {@link MessageWriter}'s bulk update, which also locks the row. */
  @Column(name = "last_seq", nullable = false, insertable = false)
  private long lastSeq;

  /** Moved with {@code lastSeq}, in the same update. */
  @Column(name = "message_count", nullable = false, insertable = false)
  private long messageCount;

  protected ChatRoom() {}

  public ChatRoom(
      RoomName name, RoomVisibility visibility, long ownerId, OffsetDateTime createdAt) {
    this.name = name.value();
    this.visibility = visibility.value();
    this.ownerId = ownerId;
    this.createdAt = createdAt;
    this.updatedAt = createdAt;
  }

  /** A conversation of this name ({@link RoomName#conversation}), owned by neither of its users. */
  static ChatRoom conversation(RoomName name, OffsetDateTime createdAt) {
    if (!name.isConversation()) {
      throw new IllegalArgumentException("not a conversation's name: " + name);
    }
    ChatRoom room = new ChatRoom();
    room.name = name.value();
    room.visibility = RoomVisibility.DIRECT.value();
    room.createdAt = createdAt;
    room.updatedAt = createdAt;
    return room;
  }

  public Long getId() {
    return id;
  }

  public String getName() {
    return name;
  }

  public RoomVisibility getVisibility() {
    return LowerCaseName.parse(RoomVisibility.class, visibility).orElseThrow();
  }

  public Long getOwnerId() {
    return ownerId;
  }

  /** The facts access to the room is decided by. */
  public RoomFacts facts() {
    return new RoomFacts(id, new RoomName(name), getVisibility());
  }

  public OffsetDateTime getCreatedAt() {
    return createdAt;
  }

  public long getLastSeq() {
    return lastSeq;
  }

  public long getMessageCount() {
    return messageCount;
  }

  public OffsetDateTime getUpdatedAt() {
    return updatedAt;
  }
}
