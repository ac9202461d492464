package org.roomchat.room;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.Objects;

/**
 * A reader of a room mentioned in one of its messages, the message named by its place in the room
 * ({@code seq}). Written with the message and never changed; counted after the reader's marker.
 */
@Entity
@Table(name = "message_mention")
@IdClass(Mention.Key.class)
public class Mention {

  @Id
  @Column(name = "room_id")
  private long roomId;

  @Id
  @Column(name = "seq")
  private long seq;

  @Id
  @Column(name = "user_id")
  private long userId;

  protected Mention() {}

  public Mention(long roomId, long seq, long userId) {
    this.roomId = roomId;
    this.seq = seq;
    this.userId = userId;
  }

  /** The primary key: a room, a message's place in it, and a user. */
  public static class Key implements Serializable {
    private static final long serialVersionUID = 1L;

    private long roomId;
    private long seq;
    private long userId;

    public Key() {}

    public Key(long roomId, long seq, long userId) {
      this.roomId = roomId;
      this.seq = seq;
      this.userId = userId;
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof Key key
          && key.roomId == roomId
          && key.seq == seq
          && key.userId == userId;
    }

    @Override
    public int hashCode() {
      return Objects.hash(roomId, seq, userId);
    }
  }
}
