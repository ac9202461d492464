package org.roomchat.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.roomchat.account.LoginPaths;
import org.roomchat.chat.RoomAccess;
import org.roomchat.room.Person;

/** The logged-in reader of a room's or conversation's page. */
final class PageReader {

  private PageReader() {}

  /**
   * The logged-in user whose account may chat; empty, with the answer given, for anyone else:
   * visitors go to the login page and come back, and a login whose account is gone finds nothing.
   */
  static Optional<Person> of(
      RoomAccess access, HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    if (request.getUserPrincipal() == null) {
      response.sendRedirect(LoginPaths.loginUrl(request));
      return Optional.empty();
    }
    Optional<Person> reader = access.person(request.getUserPrincipal().getName());
    if (reader.isEmpty()) {
      response.sendError(HttpServletResponse.SC_NOT_FOUND);
    }
    return reader;
  }
}
