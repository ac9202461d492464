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

/** One stored chat message. Ids rise in the order a node stores (and so broadcasts) them. */
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
public class Message {

  public static final String NEWEST_IN_ROOM = "Message.newestInRoom";
  public static final String NEWEST_AFTER = "Message.newestAfter";

  @Id
  @SequenceGenerator(name = "message_seq", sequenceName = "message_seq", allocationSize = 50)
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "message_seq")
  private Long id;

  @ManyToOne(fetch = FetchType.LAZY, optional = false)
  @JoinColumn(name = "room_id", nullable = false)
  private ChatRoom room;

  @ManyToOne(fetch = FetchType.LAZY, optional = false)
  @JoinColumn(name = "author_id", nullable = false)
  private UserAccount author;

  @Column(nullable = false, length = 4000)
  private String content;

  @Column(name = "created_at", nullable = false)
  private OffsetDateTime createdAt;

  protected Message() {}

  public Message(ChatRoom room, UserAccount author, String content, OffsetDateTime createdAt) {
    this.room = Objects.requireNonNull(room, "room");
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

  public UserAccount getAuthor() {
    return author;
  }

  public String getContent() {
    return content;
  }

  public OffsetDateTime getCreatedAt() {
    return createdAt;
  }
}
