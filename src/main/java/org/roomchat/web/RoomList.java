package org.roomchat.web;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.roomchat.chat.RoomAccess;
import org.roomchat.room.Person;
import org.roomchat.room.ReadMarkers;
import org.roomchat.room.RoomDirectory;
import org.roomchat.room.RoomQuery;
import org.roomchat.room.UnreadCount;

/**
 * The room list page's data: a page of the rooms its reader may read, newest activity first, or of
 * those whose name contains the search; links to the newer and older pages; and the reader's
 * conversations with other users, each room and conversation with what the reader has not read
 * there.
 */
@Named
@RequestScoped
public class RoomList {

  @Inject RoomAccess access;
  @Inject ReadMarkers markers;

  private RoomListParameters parameters;
  private Optional<Person> reader = Optional.empty();
  private RoomDirectory.Listing listing;
  private List<ConversationRow> conversations;

  /**
   * One of the reader's conversations, by its other user, with the page's address and what the
   * reader has not read there.
   */
  public record ConversationRow(
      String peer,
      String path,
      boolean notepad,
      String updatedAt,
      String updatedAtText,
      long unread,
      long mentions) {}

  /**
   * Shows the page these parameters ask for, to the reader (none when not logged in); without it,
   * the first page of the public rooms.
   */
  void show(RoomListParameters parameters, Optional<Person> reader) {
    this.parameters = parameters;
    this.reader = reader;
  }

  private RoomDirectory.Listing listing() {
    if (listing == null) {
      if (parameters != null && parameters.invalidSearch() != null) {
        // No room name can contain it: nothing to ask the database.
        listing = new RoomDirectory.Listing(List.of(), Optional.empty(), Optional.empty());
      } else {
        listing =
            access.list(parameters == null ? RoomQuery.FIRST_PAGE : parameters.query(), reader);
      }
    }
    return listing;
  }

  public List<RoomDirectory.RoomSummary> getRooms() {
    return listing().rooms();
  }

  /** Whether the list is shown to a logged-in reader, who has conversations and live counts. */
  public boolean isReading() {
    return reader.isPresent();
  }

  /** Whether the reader is logged in, and the page keeps the counts live. */
  public boolean isLive() {
    return reader.isPresent();
  }

  /** The reader's conversations, newest activity first; none for a visitor. */
  public List<ConversationRow> getConversations() {
    if (conversations == null) {
      conversations = reader.map(this::conversationRows).orElse(List.of());
    }
    return conversations;
  }

  /** Each conversation with its unread count, read for all of them at once. */
  private List<ConversationRow> conversationRows(Person person) {
    Map<String, UnreadCount> unread =
        markers.conversations(person).stream()
            .collect(Collectors.toMap(UnreadCount::label, c -> c, (a, b) -> a));
    return access.conversations(person).stream()
        .map(
            c -> {
              Optional<UnreadCount> count = Optional.ofNullable(unread.get(c.peer()));
              return new ConversationRow(
                  c.peer(),
                  DmPath.page("", c.peer()),
                  c.peer().equals(person.username()),
                  DisplayTimes.iso(c.updatedAt()),
                  DisplayTimes.dateTime(c.updatedAt()),
                  count.map(UnreadCount::unread).orElse(0L),
                  count.map(UnreadCount::mentions).orElse(0L));
            })
        .toList();
  }

  /** The search text for the search form: the valid search, or the refused one as typed. */
  public String getSearch() {
    if (parameters == null) {
      return null;
    }
    return parameters.search().orElse(parameters.invalidSearch());
  }

  public boolean isSearching() {
    return getSearch() != null;
  }

  /** The refused search, to say why nothing matched; null when the search was fine. */
  public String getInvalidSearch() {
    return parameters == null ? null : parameters.invalidSearch();
  }

  /** The link to the page of newer rooms, or null on the first page. */
  public String getNewerUrl() {
    return parameters == null ? null : listing().newer().map(parameters::newerThan).orElse(null);
  }

  /** The link to the page of older rooms, or null on the last page. */
  public String getOlderUrl() {
    return parameters == null ? null : listing().older().map(parameters::olderThan).orElse(null);
  }

  public String dateTime(OffsetDateTime time) {
    return DisplayTimes.dateTime(time);
  }

  public String iso(OffsetDateTime time) {
    return DisplayTimes.iso(time);
  }
}
