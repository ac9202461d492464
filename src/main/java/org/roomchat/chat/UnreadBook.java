package org.roomchat.chat;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.roomchat.room.UnreadCount;

/**
 * What one user has not read, room by room, as a node keeps it in memory for the user's open
 * streams, and the rules that keep it right as messages, reads and mentions come in any order and
 * more than once (from this node, from others through Redis, and from the database).
 *
 * <p>Per room the book holds the user's read marker and the mentions after it: a count read from
 * the database up to a place ({@code countedThrough}), plus the places of mentions seen since,
 * which a later message of the user's own or a read takes away. Unread messages are the room's
 * newest place minus the marker, which the caller knows ({@link RoomTail}). Nothing here grows with
 * the messages of a room, except the places of unread mentions, which are capped.
 */
final class UnreadBook {

  /** Unread mentions of one room whose places are kept; beyond them, only a count. */
  static final int MAX_MENTION_PLACES = 1_000;

  /** One room or conversation of the user. */
  static final class Page {
    final long roomId;
    final String label;
    final UnreadCount.Place place;
    private long readSeq;
    private long countedMentions;
    private long countedThrough;
    private final TreeSet<Long> newMentions = new TreeSet<>();

    private Page(UnreadCount count) {
      this.roomId = count.roomId();
      this.label = count.label();
      this.place = count.place();
      this.readSeq = count.readSeq();
      this.countedMentions = count.mentions();
      this.countedThrough = count.lastSeq();
    }

    long readSeq() {
      return readSeq;
    }

    /** The user's mentions after the marker. */
    long mentions() {
      return countedMentions + newMentions.size();
    }

    /** Messages after the marker, in a room whose newest message is at {@code lastSeq}. */
    long unread(long lastSeq) {
      return Math.max(0, lastSeq - readSeq);
    }

    boolean isConversation() {
      return place == UnreadCount.Place.CONVERSATION;
    }

    boolean isPrivateRoom() {
      return place == UnreadCount.Place.PRIVATE_ROOM;
    }

    /** Moves the marker forward to {@code seq}; mentions up to it are read. */
    private boolean moveMarker(long seq) {
      if (seq <= readSeq) {
        return false;
      }
      readSeq = seq;
      newMentions.headSet(seq, true).clear();
      return true;
    }
  }

  private final long userId;
  private final Map<Long, Page> pages = new HashMap<>();

  UnreadBook(long userId) {
    this.userId = userId;
  }

  long userId() {
    return userId;
  }

  Optional<Page> page(long roomId) {
    return Optional.ofNullable(pages.get(roomId));
  }

  Collection<Page> pages() {
    return pages.values();
  }

  /**
   * Takes the counts read from the database for one room, in place of what the book had: they
   * include every message stored up to their {@code lastSeq}.
   */
  Page load(UnreadCount count) {
    Page page = new Page(count);
    pages.put(count.roomId(), page);
    return page;
  }

  Optional<Page> remove(long roomId) {
    return Optional.ofNullable(pages.remove(roomId));
  }

  /**
   * A message stored at {@code seq} in the room, by this user ({@code own}) or another, mentioning
   * this user or not. Answers whether the user's marker or mentions changed; a message known
   * already (counted from the database, or seen before) changes nothing. Whether it is news to the
   * room's unread count is the caller's to tell ({@link RoomTail}).
   */
  boolean stored(long roomId, long seq, boolean own, boolean mentioned) {
    Page page = pages.get(roomId);
    if (page == null) {
      return false;
    }
    if (own) {
      // Posting reads the room. Mentions counted from the database are all at or before
      // countedThrough: a later own message reads them all.
      long before = page.mentions();
      boolean moved = page.moveMarker(seq);
      if (seq >= page.countedThrough) {
        page.countedMentions = 0;
      }
      return moved || page.mentions() != before;
    }
    if (!mentioned || seq <= page.countedThrough || seq <= page.readSeq) {
      return false;
    }
    if (!page.newMentions.add(seq)) {
      return false; // seen before
    }
    if (page.newMentions.size() > MAX_MENTION_PLACES) {
      // Keep the newest places; the oldest becomes part of the count read up to it.
      page.countedThrough = page.newMentions.pollFirst();
      page.countedMentions++;
    }
    return true;
  }

  /**
   * The user read the room up to {@code readSeq}, leaving {@code mentions} unread mentions counted
   * by the database up to {@code countedThrough}. An older read than the book knows (the marker
   * never goes back) changes nothing.
   */
  boolean read(long roomId, long readSeq, long mentions, long countedThrough) {
    Page page = pages.get(roomId);
    if (page == null || !page.moveMarker(readSeq)) {
      return false;
    }
    page.countedMentions = mentions;
    page.countedThrough = Math.max(page.countedThrough, countedThrough);
    page.newMentions.headSet(page.countedThrough, true).clear();
    return true;
  }
}
