package org.roomchat.room;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.roomchat.account.AccountService;
import org.roomchat.account.UserAccount;

/**
 * The {@link Membership} rows: one per member of each room. Each member added or removed is
 * announced as a {@link MembershipChange}.
 */
@ApplicationScoped
public class RoomMemberRecords implements RoomMembers {

  private static final Comparator<Member> OWNER_FIRST =
      Comparator.comparing(Member::role).thenComparing(Member::username);

  @PersistenceContext(unitName = "roomchat")
  EntityManager em;

  @Inject AccountService accounts;
  @Inject MemberWriter writer;
  @Inject Event<MembershipChange> changes;

  @Override
  public Optional<Person> person(String username) {
    return accounts
        .find(username)
        .filter(UserAccount::isEnabled)
        .map(account -> new Person(account.getId(), account.getUsername()));
  }

  @Override
  @Transactional
  public Optional<MemberRole> role(long roomId, long userId) {
    return em.createQuery(
            "select m.role from Membership m where m.roomId = :room and m.userId = :user",
            String.class)
        .setParameter("room", roomId)
        .setParameter("user", userId)
        .getResultStream()
        .findFirst()
        .flatMap(role -> LowerCaseName.parse(MemberRole.class, role));
  }

  @Override
  public boolean join(long roomId, long userId) {
    if (role(roomId, userId).isPresent()) {
      return false;
    }
    try {
      writer.add(roomId, userId);
    } catch (Exception raced) { // a failed commit may come as the checked RollbackException
      // The same user joined through another connection or node first: the key makes that safe.
      if (role(roomId, userId).isPresent()) {
        return false;
      }
      throw new IllegalStateException("user " + userId + " not added to room " + roomId, raced);
    }
    changes.fire(new MembershipChange(roomId, userId, true));
    return true;
  }

  @Override
  @Transactional
  public boolean remove(long roomId, long userId) {
    boolean removed = ofMember("delete from Membership m", roomId, userId).executeUpdate() > 0;
    if (removed) {
      changes.fire(new MembershipChange(roomId, userId, false));
    }
    return removed;
  }

  @Override
  @Transactional
  public boolean changeRole(long roomId, long userId, MemberRole role) {
    return ofMember("update Membership m set m.role = :role", roomId, userId)
            .setParameter("role", role.value())
            .executeUpdate()
        > 0;
  }

  /** The statement on the user's row in the room. */
  private Query ofMember(String statement, long roomId, long userId) {
    return em.createQuery(statement + " where m.roomId = :room and m.userId = :user")
        .setParameter("room", roomId)
        .setParameter("user", userId);
  }

  @Override
  @Transactional
  public List<Member> list(long roomId) {
    return em.createQuery(
            "select u.username, m.role from Membership m, UserAccount u"
                + " where u.id = m.userId and m.roomId = :room",
            Object[].class)
        .setParameter("room", roomId)
        .getResultStream()
        .map(
            row ->
                new Member(
                    (String) row[0],
                    LowerCaseName.parse(MemberRole.class, (String) row[1]).orElseThrow()))
        .sorted(OWNER_FIRST)
        .toList();
  }

  /**
   * Adds members in a transaction of their own, so a lost race does not spoil the caller's. A new
   * member has read the room up to its newest message.
   */
  @ApplicationScoped
  public static class MemberWriter {
    @PersistenceContext(unitName = "roomchat")
    EntityManager em;

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void add(long roomId, long userId) {
      long lastSeq =
          em.createQuery("select r.lastSeq from ChatRoom r where r.id = :id", Long.class)
              .setParameter("id", roomId)
              .getSingleResult();
      em.persist(
          new Membership(
              roomId,
              userId,
              MemberRole.MEMBER,
              OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS),
              lastSeq));
      em.flush();
    }
  }
}
