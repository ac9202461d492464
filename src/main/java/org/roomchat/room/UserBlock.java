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
 * One user blocking another: keyed by both, so a user blocks another once. Written whole, deleted
 * by a query and read by its key, so it has no getters.
 */
@Entity
@Table(name = "user_block")
@IdClass(UserBlock.Key.class)
public class UserBlock {

  @Id
  @Column(name = "blocker_id")
  private long blockerId;

  @Id
  @Column(name = "blocked_id")
  private long blockedId;

  @Column(name = "created_at", nullable = false)
  private OffsetDateTime createdAt;

  protected UserBlock() {}

  public UserBlock(long blockerId, long blockedId, OffsetDateTime createdAt) {
    this.blockerId = blockerId;
    this.blockedId = blockedId;
    this.createdAt = Objects.requireNonNull(createdAt, "createdAt");
  }

  /** The primary key: who blocks, and whom. */
  public static class Key implements Serializable {
    private static final long serialVersionUID = 1L;

    private long blockerId;
    private long blockedId;

    public Key() {}

    public Key(long blockerId, long blockedId) {
      this.blockerId = blockerId;
      this.blockedId = blockedId;
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof Key key && key.blockerId == blockerId && key.blockedId == blockedId;
    }

    @Override
    public int hashCode() {
      return Objects.hash(blockerId, blockedId);
    }
  }
}
