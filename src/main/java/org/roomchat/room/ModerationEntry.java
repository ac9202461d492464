package org.roomchat.room;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * One moderation action in a room's log (V15): who did what to whom, for how many minutes, and
 * when; never any message text. Names are kept as they were, so the entry outlives the room and the
 * accounts it names. Written whole and read by queries, so it has no getters.
 */
@Entity
@Table(name = "moderation_log")
public class ModerationEntry {

  @Id
  @SequenceGenerator(
      name = "moderation_log_seq",
      sequenceName = "moderation_log_seq",
      allocationSize = 50)
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "moderation_log_seq")
  private Long id;

  @Column(name = "room_id", nullable = false)
  private long roomId;

  @Column(name = "room_name", nullable = false, length = 200)
  private String roomName;

  @Column(nullable = false, length = 150)
  private String actor;

  @Column(nullable = false, length = 150)
  private String target;

  @Column(nullable = false, length = 20)
  private String action;

  @Column(name = "minutes")
  private Integer minutes;

  @Column(name = "created_at", nullable = false)
  private OffsetDateTime createdAt;

  protected ModerationEntry() {}

  ModerationEntry(
      long roomId,
      String roomName,
      String actor,
      String target,
      ModerationRecord action,
      Integer minutes,
      Instant at) {
    this.roomId = roomId;
    this.roomName = Objects.requireNonNull(roomName, "roomName");
    this.actor = Objects.requireNonNull(actor, "actor");
    this.target = Objects.requireNonNull(target, "target");
    this.action = action.value();
    this.minutes = minutes;
    this.createdAt = at.atOffset(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
  }
}
