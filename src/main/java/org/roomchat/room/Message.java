package org.roomchat.room;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.Objects;
import org.roomchat.account.UserAccount;

/**
 * One stored chat message. Within a room, {@code roomSeq} counts 1, 2, 3... without gaps, and ids
 * rise with it: both are taken while the room's row is locked, so they also follow commit order.
 */
@Entity
@Table(name = "message")
@NamedQuery(
    name = Message.NEWEST_IN_ROOM,
    query =
        "select m from Message m join fetch m.author where m.room.id = :roomId order by m.id desc")
@NamedQuery(
    name = Message.NEWEST_AFTER,
    query =
        "select m from Message m join fetch m.author"
            + " where m.room.id = :roomId and m.id > :after order by m.id desc")
@NamedQuery(
    name = Message.CHANGED_UP_TO,
    query =
        "select m from Message m join fetch m.author"
            + " where m.room.id = :roomId and m.changedAt >= :since and m.id <= :upTo"
            + " order by m.changedAt desc")
@NamedQuery(
    name = Message.SEQ_RANGE,
    query =
        "select m from Message m join fetch m.author"
            + " where m.room.id = :roomId and m.roomSeq >= :from and m.roomSeq <= :to"
            + " order by m.roomSeq")
public class Message {

  public static final String NEWEST_IN_ROOM = "Message.newestInRoom";
  public static final String NEWEST_AFTER = "Message.newestAfter";
  public static final String SEQ_RANGE = "Message.seqRange";
  public static final String CHANGED_UP_TO = "Message.changedUpTo";

  /**
   * One id per message, taken only once the room's row is locked (see {@link MessageWriter}): a
   * block of ids held by a node would let ids disagree with commit order.
   */
  @Id
  @SequenceGenerator(name = "message_seq", sequenceName = "message_seq", allocationSize = 1)
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "message_seq")
  private Long id;

  @ManyToOne(fetch = FetchType.LAZY, optional = false)
  @JoinColumn(name = "room_id", nullable = false)
  private ChatRoom room;

  @ManyToOne(fetch = FetchType.LAZY, optional = false)
  @JoinColumn(name = "author_id", nullable = false)
  private UserAccount author;

  @Column(name = "room_seq", nullable = false, updatable = false)
  private long roomSeq;

  @Column(nullable = false, length = 4000)
  private String content;

  @Column(name = "created_at", nullable = false)
  private OffsetDateTime createdAt;

  /** When the text was last replaced by its author; null if never. */
  @Column(name = "edited_at")
  private OffsetDateTime editedAt;

  /** A tombstone: the text is gone, the row keeps the message's place. */
  @Column(nullable = false)
  private boolean deleted;

  /** When it was last edited or deleted; null if never. */
  @Column(name = "changed_at")
  private OffsetDateTime changedAt;

  protected Message() {}

  public Message(
      ChatRoom room, long roomSeq, UserAccount author, String content, OffsetDateTime createdAt) {
    this.room = Objects.requireNonNull(room, "room");
    this.roomSeq = roomSeq;
    this.author = Objects.requireNonNull(author, "author");
    this.content = Objects.requireNonNull(content, "content");
    this.createdAt = Objects.requireNonNull(createdAt, "createdAt");
  }

  public Long getId() {
    return id;
  }

  public ChatRoom getRoom() {
    return room;
  }

  public long getRoomSeq() {
    return roomSeq;
  }

  public UserAccount getAuthor() {
    return author;
  }

  public String getContent() {
    return content;
  }

  public OffsetDateTime getCreatedAt() {
    return createdAt;
  }

  public OffsetDateTime getEditedAt() {
    return editedAt;
  }

  public boolean isDeleted() {
    return deleted;
  }

  public OffsetDateTime getChangedAt() {
    return changedAt;
  }
}
