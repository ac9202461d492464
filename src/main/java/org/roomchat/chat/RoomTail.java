package org.roomchat.chat;

/**
 * The newest message of a room as a node knows it, for the unread counts of its members' streams:
 * its place, id, author and the start of its text. Notices arrive in any order; the newest wins.
 */
final class RoomTail {

  private long lastSeq;
  private long lastMessageId;
  private String from;
  private String preview;

  long lastSeq() {
    return lastSeq;
  }

  long lastMessageId() {
    return lastMessageId;
  }

  /** The newest message's author, or null when only its place is known. */
  String from() {
    return from;
  }

  /** The start of the newest message's text, or null when only its place is known. */
  String preview() {
    return preview;
  }

  /** A stored message; answers whether it is newer than the newest known. */
  boolean stored(long seq, long messageId, String author, String text) {
    if (seq <= lastSeq) {
      return false;
    }
    lastSeq = seq;
    lastMessageId = messageId;
    from = author;
    preview = text;
    return true;
  }

  /** A message's new text (empty: deleted): the preview follows it if it is the newest. */
  void changed(long messageId, String text) {
    if (messageId == lastMessageId && preview != null) {
      preview = text;
    }
  }

  /** The newest place as read from the database, without its author or text. */
  void atLeast(long seq, long messageId) {
    if (seq > lastSeq) {
      lastSeq = seq;
      lastMessageId = messageId;
      from = null;
      preview = null;
    }
  }
}
