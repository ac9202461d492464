package org.roomchat.room;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.OffsetDateTime;
import java.util.List;

/** The rooms as lists show them: newest activity first, with message and online counts. */
@ApplicationScoped
public class RoomDirectory {

  @PersistenceContext(unitName = "roomchat")
  EntityManager em;

  @Inject Presence presence;

  public record RoomSummary(
      String name,
      OffsetDateTime createdAt,
      OffsetDateTime updatedAt,
      long messageCount,
      int onlineCount) {}

  public List<RoomSummary> rooms() {
    List<Object[]> rows =
        em.createQuery(
                "select r.name, r.createdAt, r.updatedAt,"
                    + " (select count(m) from Message m where m.room = r)"
                    + " from ChatRoom r order by r.updatedAt desc, r.name",
                Object[].class)
            .getResultList();
    return rows.stream()
        .map(
            row -> {
              String name = (String) row[0];
              return new RoomSummary(
                  name,
                  (OffsetDateTime) row[1],
                  (OffsetDateTime) row[2],
                  ((Number) row[3]).longValue(),
                  presence.online(new RoomName(name)).size());
            })
        .toList();
  }

  public long roomCount() {
    return em.createQuery("select count(r) from ChatRoom r", Long.class).getSingleResult();
  }

  public long messageCount() {
    return em.createQuery("select count(m) from Message m", Long.class).getSingleResult();
  }
}
