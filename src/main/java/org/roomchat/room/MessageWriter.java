package org.roomchat.room;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.roomchat.account.UserAccount;

/** Stores a batch of messages in one transaction and moves their rooms' update time. */
@ApplicationScoped
public class MessageWriter {

  @PersistenceContext(unitName = "roomchat")
  EntityManager em;

  @Transactional
  public List<StoredMessage> store(List<PendingMessage> batch) {
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
    List<Message> messages = new ArrayList<>(batch.size());
    Set<Long> rooms = new TreeSet<>();
    for (PendingMessage pending : batch) {
      Message message =
          new Message(
              em.getReference(ChatRoom.class, pending.roomId()),
              em.getReference(UserAccount.class, pending.authorId()),
              pending.content(),
              now);
      em.persist(message);
      messages.add(message);
      rooms.add(pending.roomId());
    }
    em.createQuery("update ChatRoom r set r.updatedAt = :now where r.id in :ids")
        .setParameter("now", now)
        .setParameter("ids", rooms)
        .executeUpdate();
    em.flush();
    List<StoredMessage> stored = new ArrayList<>(messages.size());
    for (int i = 0; i < messages.size(); i++) {
      Message m = messages.get(i);
      stored.add(
          new StoredMessage(m.getId(), batch.get(i).username(), m.getContent(), m.getCreatedAt()));
    }
    return stored;
  }
}
