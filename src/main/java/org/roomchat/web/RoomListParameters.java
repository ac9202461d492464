package org.roomchat.web;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.roomchat.room.RoomCursor;
import org.roomchat.room.RoomName;
import org.roomchat.room.RoomQuery;

/**
 * What a room list page was asked for: {@code q}, part of a room name to search for, and {@code
 * before} or {@code after}, where the page starts; and the links to its neighbouring pages, which
 * keep the search. A cursor that is not one is ignored (the first page). A search that no room name
 * could contain (a character names cannot have, or longer than a name) is kept only to be shown
 * back as the reason nothing matched.
 */
final class RoomListParameters {

  static final String SEARCH = "q";
  static final String BEFORE = "before";
  static final String AFTER = "after";

  /** Longer searches are cut to this before they are shown back: no name is longer. */
  private static final int SHOWN_SEARCH_LENGTH = 100;

  private final String path;
  private final Optional<String> search;
  private final String invalidSearch;
  private final RoomQuery query;

  private RoomListParameters(
      String path, Optional<String> search, String invalidSearch, RoomQuery query) {
    this.path = path;
    this.search = search;
    this.invalidSearch = invalidSearch;
    this.query = query;
  }

  /** The parameters of a request for the list at {@code path} (under the context root). */
  static RoomListParameters of(HttpServletRequest request, String path) {
    String fullPath = request.getContextPath() + path;
    String typed = request.getParameter(SEARCH);
    typed = typed == null ? "" : typed.strip();
    Optional<String> search = Optional.empty();
    String invalidSearch = null;
    if (!typed.isEmpty()) {
      if (RoomName.parse(typed).isPresent()) {
        search = Optional.of(typed);
      } else {
        invalidSearch =
            typed.length() > SHOWN_SEARCH_LENGTH
                ? typed.substring(0, SHOWN_SEARCH_LENGTH) + "\u2026"
                : typed;
      }
    }
    Optional<RoomCursor> before = RoomCursor.parse(request.getParameter(BEFORE));
    Optional<RoomCursor> after =
        before.isPresent() ? Optional.empty() : RoomCursor.parse(request.getParameter(AFTER));
    return new RoomListParameters(
        fullPath, search, invalidSearch, new RoomQuery(search, before, after));
  }

  /** The search to run, if any. */
  Optional<String> search() {
    return search;
  }

  /** The search as typed, when no room name could contain it; null otherwise. */
  String invalidSearch() {
    return invalidSearch;
  }

  RoomQuery query() {
    return query;
  }

  /** The link to the page starting just newer than the cursor. */
  String newerThan(RoomCursor cursor) {
    return link(AFTER, cursor);
  }

  /** The link to the page starting just older than the cursor. */
  String olderThan(RoomCursor cursor) {
    return link(BEFORE, cursor);
  }

  /** This page's own parameters as a query string ("" or "?..."), for what reloads the page. */
  String queryString() {
    StringBuilder parameters = new StringBuilder();
    search.ifPresent(s -> parameters.append('&').append(SEARCH).append('=').append(encode(s)));
    query.before().ifPresent(c -> parameters.append('&' + BEFORE + '=' + c.token()));
    query.after().ifPresent(c -> parameters.append('&' + AFTER + '=' + c.token()));
    return parameters.isEmpty() ? "" : "?" + parameters.substring(1);
  }

  private String link(String parameter, RoomCursor cursor) {
    return path
        + "?"
        + search.map(s -> SEARCH + "=" + encode(s) + "&").orElse("")
        + parameter
        + "="
        + cursor.token();
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
