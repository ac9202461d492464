package org.roomchat.room;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/** The {@link RoomRestriction} rows: one per muted or banned user of each room. */
@ApplicationScoped
public class RoomRestrictionRecords implements RoomRestrictions {

  @PersistenceContext(unitName = "roomchat")
  EntityManager em;

  @Override
  @Transactional
  public List<Restriction> of(long roomId) {
    return em.createQuery(
            "select r.userId, u.username, r.kind, r.endsAt from RoomRestriction r, UserAccount u"
                + " where u.id = r.userId and r.roomId = :room order by u.username, r.kind",
            Object[].class)
        .setParameter("room", roomId)
        .getResultStream()
        .map(RoomRestrictionRecords::restriction)
        .toList();
  }

  @Override
  @Transactional
  public Optional<Restriction> find(long roomId, long userId, RestrictionKind kind) {
    return em.createQuery(
            "select r.userId, u.username, r.kind, r.endsAt from RoomRestriction r, UserAccount u"
                + " where u.id = r.userId and r.roomId = :room and r.userId = :user"
                + " and r.kind = :kind",
            Object[].class)
        .setParameter("room", roomId)
        .setParameter("user", userId)
        .setParameter("kind", kind.value())
        .getResultStream()
        .findFirst()
        .map(RoomRestrictionRecords::restriction);
  }

  @Override
  @Transactional
  public void impose(long roomId, long userId, RestrictionKind kind, Optional<Instant> until) {
    lift(roomId, userId, kind);
    em.persist(
        new RoomRestriction(
            roomId,
            userId,
            kind,
            until.map(RoomRestrictionRecords::stored).orElse(null),
            stored(Instant.now())));
    em.flush();
  }

  @Override
  @Transactional
  public boolean lift(long roomId, long userId, RestrictionKind kind) {
    return em.createQuery(
                "delete from RoomRestriction r"
                    + " where r.roomId = :room and r.userId = :user and r.kind = :kind")
            .setParameter("room", roomId)
            .setParameter("user", userId)
            .setParameter("kind", kind.value())
            .executeUpdate()
        > 0;
  }

  private static OffsetDateTime stored(Instant at) {
    return at.atOffset(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
  }

  private static Restriction restriction(Object[] row) {
    return new Restriction(
        ((Number) row[0]).longValue(),
        (String) row[1],
        LowerCaseName.parse(RestrictionKind.class, (String) row[2]).orElseThrow(),
        Optional.ofNullable((OffsetDateTime) row[3]).map(OffsetDateTime::toInstant));
  }
}
