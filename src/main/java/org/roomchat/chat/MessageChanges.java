package org.roomchat.chat;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.logging.Logger;
import org.roomchat.config.ChatSettings;
import org.roomchat.protocol.Rejection;
import org.roomchat.room.MemberRole;
import org.roomchat.room.MessageRevisions;
import org.roomchat.room.ModerationLog;
import org.roomchat.room.RoomMembers;

/**
 * Editing and deleting stored messages, as rules over the store: who may, and until when. The text
 * of an edit has passed the same checks as a new message before it gets here ({@link RoomChat});
 * what the room hears of a change is sent from there too.
 */
@ApplicationScoped
public class MessageChanges {

  private static final Logger LOG = Logger.getLogger(MessageChanges.class.getName());

  @Inject MessageRevisions revisions;
  @Inject RoomMembers members;
  @Inject ChatSettings settings;
  @Inject ModerationLog log;

  Clock clock = Clock.systemUTC();

  /** What became of an edit or a deletion. */
  public sealed interface Outcome {}

  /** Made: the message numbered {@code seq} in its room now reads {@code text} (empty: deleted). */
  public record Changed(long messageId, long seq, String text, OffsetDateTime editedAt)
      implements Outcome {
    public boolean deleted() {
      return editedAt == null;
    }
  }

  /** Refused; nothing changed. */
  public record Refused(Rejection rejection) implements Outcome {}

  /** The author's new text for the message, within the edit window. */
  Outcome edit(Participant editor, long messageId, String text) {
    Optional<MessageRevisions.Target> target = revisions.find(editor.roomId(), messageId);
    if (target.isEmpty()) {
      return new Refused(Rejection.UNKNOWN_MESSAGE);
    }
    OffsetDateTime now = now();
    Rejection refusal =
        new EditWindow(settings.editWindowSeconds())
            .refusal(target.get().authorId() == editor.userId(), target.get().createdAt(), now);
    if (refusal != null) {
      return new Refused(refusal);
    }
    if (!revisions.edit(editor.roomId(), messageId, text, now)) {
      return new Refused(Rejection.UNKNOWN_MESSAGE); // deleted meanwhile
    }
    return new Changed(messageId, target.get().seq(), text, now);
  }

  /** Deletes the message, by its author or by someone with the right to. */
  Outcome delete(Participant actor, long messageId) {
    Optional<MessageRevisions.Target> found = revisions.find(actor.roomId(), messageId);
    if (found.isEmpty()) {
      return new Refused(Rejection.UNKNOWN_MESSAGE);
    }
    MessageRevisions.Target target = found.get();
    if (target.authorId() == actor.userId()) {
      return deleted(actor, target);
    }
    boolean conversation = actor.room().isConversation();
    Optional<MemberRole> role =
        conversation ? Optional.empty() : members.role(actor.roomId(), actor.userId());
    boolean admin = !conversation && revisions.isAdmin(actor.userId());
    if (!RoomRights.mayDeleteMessage(conversation, false, role, admin)) {
      return new Refused(Rejection.NOT_ALLOWED);
    }
    return deleteOthers(actor, target, role, admin);
  }

  /**
   * Deletes a message someone else wrote, with the right the actor's room role or admin role gives:
   * the one place where that happens, so a record of moderation belongs here.
   */
  private Outcome deleteOthers(
      Participant actor, MessageRevisions.Target target, Optional<MemberRole> role, boolean admin) {
    Outcome outcome = deleted(actor, target);
    if (outcome instanceof Changed) {
      LOG.fine(
          () ->
              "message "
                  + target.id()
                  + " deleted by "
                  + (admin ? "admin" : role.map(MemberRole::value).orElse("?"))
                  + " "
                  + actor.username());
      log.messageDeleted(actor.roomId(), actor.room(), actor.username(), target.author());
    }
    return outcome;
  }

  private Outcome deleted(Participant actor, MessageRevisions.Target target) {
    if (!revisions.delete(actor.roomId(), target.id(), now())) {
      return new Refused(Rejection.UNKNOWN_MESSAGE); // deleted meanwhile
    }
    return new Changed(target.id(), target.seq(), "", null);
  }

  /** Stored with microseconds, as message times are, so what is sent is what is stored. */
  private OffsetDateTime now() {
    return OffsetDateTime.now(clock).truncatedTo(ChronoUnit.MICROS);
  }
}
