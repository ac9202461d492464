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
 * A user's membership of a room, with the user's role there and read marker: the room sequence
 * number of the last message the user has read there (V13). Keyed by the room and the user, so a
 * user is a member of a room once; the schema migration that made the table (V10) also filled it.
 * Written whole and read and moved by queries, so it has no getters.
 */
@Entity
@Table(name = "room_member")
@IdClass(Membership.Key.class)
public class Membership {

  @Id
  @Column(name = "room_id")
  private long roomId;

  @Id
  @Column(name = "user_id")
  private long userId;

  @Column(nullable = false, length = 20)
  private String role;

  @Column(name = "joined_at", nullable = false)
  private OffsetDateTime joinedAt;

  /** Moved forward only, by queries ({@link UnreadRecords}, {@link MessageWriter}). */
  @Column(name = "read_seq", nullable = false)
  private long readSeq;

  protected Membership() {}

  /** A new member who has read the room up to {@code readSeq}: its newest message on joining. */
  public Membership(
      long roomId, long userId, MemberRole role, OffsetDateTime joinedAt, long readSeq) {
    this.roomId = roomId;
    this.userId = userId;
    this.role = role.value();
    this.joinedAt = Objects.requireNonNull(joinedAt, "joinedAt");
    this.readSeq = readSeq;
  }

  /** The primary key: a room and a user. */
  public static class Key implements Serializable {
    private static final long serialVersionUID = 1L;

    private long roomId;
    private long userId;

    public Key() {}

    public Key(long roomId, long userId) {
      this.roomId = roomId;
      this.userId = userId;
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof Key key && key.roomId == roomId && key.userId == userId;
    }

    @Override
    public int hashCode() {
      return Objects.hash(roomId, userId);
    }
  }
}
