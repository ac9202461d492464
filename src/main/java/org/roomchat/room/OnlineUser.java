package org.roomchat.room;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.Objects;
import org.roomchat.account.UserAccount;

/** A user present in a room through at least one open connection on the named node. */
@Entity
@Table(name = "online_user")
public class OnlineUser {

  @Id
  @SequenceGenerator(name = "online_user_seq", sequenceName = "online_user_seq", allocationSize = 50)
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "online_user_seq")
  private Long id;

  @ManyToOne(fetch = FetchType.LAZY, optional = false)
  @JoinColumn(name = "user_id", nullable = false)
  private UserAccount user;

  @ManyToOne(fetch = FetchType.LAZY, optional = false)
  @JoinColumn(name = "room_id", nullable = false)
  private ChatRoom room;

  @Column(nullable = false, length = 100)
  private String node;

  @Column(name = "connected_at", nullable = false)
  private OffsetDateTime connectedAt;

  protected OnlineUser() {}

  public OnlineUser(UserAccount user, ChatRoom room, String node, OffsetDateTime connectedAt) {
    this.user = Objects.requireNonNull(user, "user");
    this.room = Objects.requireNonNull(room, "room");
    this.node = Objects.requireNonNull(node, "node");
    this.connectedAt = Objects.requireNonNull(connectedAt, "connectedAt");
  }

  public Long getId() {
    return id;
  }

  public UserAccount getUser() {
    return user;
  }

  public ChatRoom getRoom() {
    return room;
  }

  public String getNode() {
    return node;
  }

  public OffsetDateTime getConnectedAt() {
    return connectedAt;
  }
}
