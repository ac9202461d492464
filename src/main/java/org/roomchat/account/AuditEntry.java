package org.roomchat.account;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;

/**
 * One admin action in the audit log: who did what to whom, and when. Names are kept as they were,
 * not as references, so the entry outlives the accounts it names.
 */
@Entity
@Table(name = "admin_audit")
@NamedQuery(
    name = AuditEntry.NEWEST,
    query = "select e from AuditEntry e order by e.createdAt desc, e.id desc")
public class AuditEntry {

  public static final String NEWEST = "AuditEntry.newest";

  @Id
  @SequenceGenerator(
      name = "admin_audit_seq",
      sequenceName = "admin_audit_seq",
      allocationSize = 50)
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "admin_audit_seq")
  private Long id;

  @Column(nullable = false, length = 150)
  private String actor;

  @Column(nullable = false, length = 150)
  private String target;

  @Column(nullable = false, length = 40)
  private String action;

  @Column(name = "created_at", nullable = false)
  private OffsetDateTime createdAt;

  protected AuditEntry() {}

  AuditEntry(String actor, String target, AdminAction action, Instant at) {
    this.actor = Objects.requireNonNull(actor, "actor");
    this.target = Objects.requireNonNull(target, "target");
    this.action = action.code();
    this.createdAt = at.atOffset(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
  }

  public Long getId() {
    return id;
  }

  /** The admin who acted. */
  public String getActor() {
    return actor;
  }

  /** The account acted on. */
  public String getTarget() {
    return target;
  }

  /** What was done; empty for an action this version does not know (written by a newer one). */
  public Optional<AdminAction> getAction() {
    return AdminAction.ofCode(action);
  }

  public OffsetDateTime getCreatedAt() {
    return createdAt;
  }
}
