package org.roomchat.web;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.time.OffsetDateTime;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.roomchat.chat.RoomAccess;
import org.roomchat.room.Person;
import org.roomchat.room.ReadMarkers;
import org.roomchat.room.RoomDirectory;
import org.roomchat.room.RoomQuery;
import org.roomchat.room.UnreadCount;

/**
 * The room list page's data: a page of the rooms its reader may read, newest activity first, or of
 * those whose name contains the search; links to the newer and older pages; and the reader's
 * conversations, each room and conversation with what the reader has not read there.
 */
@Named
@RequestScoped
public class RoomList {

  @Inject RoomAccess access;
  @Inject ReadMarkers markers;

  private RoomListParameters parameters;
  private Optional<Person> reader = Optional.empty();
  private RoomDirectory.Listing listing;
  private List<UnreadCount> conversations;

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

  /** The reader's conversations that have messages, by the other member's name; none without. */
  public List<UnreadCount> getConversations() {
    if (conversations == null) {
      conversations =
          reader
              .map(
                  person ->
                      markers.conversations(person).stream()
                          .sorted(Comparator.comparing(UnreadCount::label))
                          .toList())
              .orElse(List.of());
    }
    return conversations;
  }

  /** Whether the reader is logged in, and the page keeps the counts live. */
  public boolean isLive() {
    return reader.isPresent();
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
