package org.roomchat.web;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.roomchat.chat.RoomAccess;
import org.roomchat.room.Person;
import org.roomchat.room.RoomDirectory;
import org.roomchat.room.RoomQuery;

/**
 * The room list page's data: a page of the rooms its reader may read, newest activity first, or of
 * those whose name contains the search; links to the newer and older pages; and the reader's
 * conversations with other users.
 */
@Named
@RequestScoped
public class RoomList {

  @Inject RoomAccess access;

  private RoomListParameters parameters;
  private Optional<Person> reader = Optional.empty();
  private RoomDirectory.Listing listing;
  private List<ConversationRow> conversations;

  /** One of the reader's conversations, by its other user, with the page's address. */
  public record ConversationRow(
      String peer, String path, boolean notepad, String updatedAt, String updatedAtText) {}

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

  /** Whether the list is shown to a logged-in reader, who has conversations. */
  public boolean isReading() {
    return reader.isPresent();
  }

  /** The reader's conversations, newest activity first; none for a visitor. */
  public List<ConversationRow> getConversations() {
    if (conversations == null) {
      conversations =
          reader
              .map(
                  person ->
                      access.conversations(person).stream()
                          .map(
                              c ->
                                  new ConversationRow(
                                      c.peer(),
                                      DmPath.page("", c.peer()),
                                      c.peer().equals(person.username()),
                                      DisplayTimes.iso(c.updatedAt()),
                                      DisplayTimes.dateTime(c.updatedAt())))
                          .toList())
              .orElse(List.of());
    }
    return conversations;
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
