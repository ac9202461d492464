package org.roomchat.room;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.OffsetDateTime;
import java.util.Objects;

/**
 * One user's mute or ban in a room (V15), keyed by the room, the user and the kind, so a user is
 * muted or banned in a room once. Written whole, deleted and read by queries, so it has no getters.
 */
@Entity
@Table(name = "room_restriction")
@IdClass(RoomRestriction.Key.class)
public class RoomRestriction {

  @Id
  @Column(name = "room_id")
  private long roomId;

  @Id
  @Column(name = "user_id")
  private long userId;

  @Id
  @Column(length = 10)
  private String kind;

  /** Null: until lifted. */
  @Column(name = "ends_at")
  private OffsetDateTime endsAt;

  @Column(name = "created_at", nullable = false)
  private OffsetDateTime createdAt;

  protected RoomRestriction() {}

  public RoomRestriction(
      long roomId,
      long userId,
      RestrictionKind kind,
      OffsetDateTime until,
      OffsetDateTime createdAt) {
    this.roomId = roomId;
    this.userId = userId;
    this.kind = kind.value();
    this.endsAt = until;
    this.createdAt = Objects.requireNonNull(createdAt, "createdAt");
  }

  /** The primary key: a room, a user and a kind. */
  public static class Key implements Serializable {
    private static final long serialVersionUID = 1L;

    private long roomId;
    private long userId;
    private String kind;

    public Key() {}

    public Key(long roomId, long userId, String kind) {
      this.roomId = roomId;
      this.userId = userId;
      this.kind = kind;
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof Key key
          && key.roomId == roomId
          && key.userId == userId
          && Objects.equals(key.kind, kind);
    }

    @Override
    public int hashCode() {
      return Objects.hash(roomId, userId, kind);
    }
  }
}
