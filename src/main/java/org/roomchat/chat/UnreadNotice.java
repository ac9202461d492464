package org.roomchat.chat;

import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.util.List;
import java.util.Optional;
import org.roomchat.room.ReadMarkers;

/**
 * What every node's user streams hear of, as one JSON object per notice: a message stored or
 * changed, a read marker moved, a membership begun or ended. Each names rooms and users by id, so
 * it reads the same on every node; a notice that is not one of these is ignored.
 */
sealed interface UnreadNotice {

  /**
   * A message stored in a room by {@code authorId}; {@code mentioned}: the readers it mentions;
   * {@code conversation}: the two members' ids when the room is a conversation, else empty.
   */
  record Stored(
      long roomId,
      long seq,
      long messageId,
      long authorId,
      String author,
      String preview,
      List<Long> mentioned,
      List<Long> conversation)
      implements UnreadNotice {
    public Stored {
      mentioned = List.copyOf(mentioned);
      conversation = List.copyOf(conversation);
    }
  }

  /** A message was edited ({@code preview}: the start of its new text) or deleted (empty). */
  record Changed(long roomId, long messageId, String preview) implements UnreadNotice {}

  /** The user's marker in the room moved; the counts as the database had them then. */
  record Read(long userId, long roomId, ReadMarkers.Moved moved) implements UnreadNotice {}

  /** The user became a member of the room ({@code member}) or stopped being one. */
  record Membership(long userId, long roomId, boolean member) implements UnreadNotice {}

  /** The notice as it travels. */
  default String encode() {
    JsonObjectBuilder json = NoticeJson.JSON.createObjectBuilder();
    if (this instanceof Stored s) {
      json.add("kind", "stored")
          .add("room", s.roomId())
          .add("seq", s.seq())
          .add("id", s.messageId())
          .add("author_id", s.authorId())
          .add("author", s.author())
          .add("preview", s.preview())
          .add("mentioned", ids(s.mentioned()))
          .add("conversation", ids(s.conversation()));
    } else if (this instanceof Changed c) {
      json.add("kind", "changed")
          .add("room", c.roomId())
          .add("id", c.messageId())
          .add("preview", c.preview());
    } else if (this instanceof Read r) {
      json.add("kind", "read")
          .add("user", r.userId())
          .add("room", r.roomId())
          .add("read_seq", r.moved().readSeq())
          .add("last_seq", r.moved().lastSeq())
          .add("last_id", r.moved().lastMessageId())
          .add("mentions", r.moved().mentions());
    } else if (this instanceof Membership m) {
      json.add("kind", "member")
          .add("user", m.userId())
          .add("room", m.roomId())
          .add("member", m.member());
    }
    return json.build().toString();
  }

  /** The notice the text holds; empty (logged) when it is not one. */
  static Optional<UnreadNotice> decode(String text) {
    return NoticeJson.read(UserStreams.TOPIC, text).flatMap(UnreadNotice::of);
  }

  private static Optional<UnreadNotice> of(JsonObject json) {
    try {
      return switch (json.getString("kind", "")) {
        case "stored" ->
            Optional.of(
                new Stored(
                    number(json, "room"),
                    number(json, "seq"),
                    number(json, "id"),
                    number(json, "author_id"),
                    json.getString("author"),
                    json.getString("preview"),
                    ids(json.getJsonArray("mentioned")),
                    ids(json.getJsonArray("conversation"))));
        case "changed" ->
            Optional.of(
                new Changed(number(json, "room"), number(json, "id"), json.getString("preview")));
        case "read" ->
            Optional.of(
                new Read(
                    number(json, "user"),
                    number(json, "room"),
                    new ReadMarkers.Moved(
                        number(json, "read_seq"),
                        number(json, "last_seq"),
                        number(json, "last_id"),
                        number(json, "mentions"))));
        case "member" ->
            Optional.of(
                new Membership(
                    number(json, "user"), number(json, "room"), json.getBoolean("member")));
        default -> Optional.empty();
      };
    } catch (RuntimeException missingOrWrongField) {
      return Optional.empty();
    }
  }

  private static long number(JsonObject json, String field) {
    return json.getJsonNumber(field).longValueExact();
  }

  private static JsonArrayBuilder ids(List<Long> ids) {
    JsonArrayBuilder array = NoticeJson.JSON.createArrayBuilder();
    ids.forEach(array::add);
    return array;
  }

  private static List<Long> ids(JsonArray array) {
    return array.getValuesAs(JsonNumber.class).stream().map(JsonNumber::longValueExact).toList();
  }
}
