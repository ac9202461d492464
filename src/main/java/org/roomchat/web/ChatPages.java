package org.roomchat.web;

import jakarta.inject.Inject;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.roomchat.account.LoginPaths;
import org.roomchat.room.RoomCreationLimit;
import org.roomchat.room.RoomName;

/**
 * {@code /chat/} lists the rooms, a page at a time ({@link RoomListParameters}); {@code
 * /chat/{room}/} is a room, for logged-in users only (others go to the login page and come back). A
 * name that is not a valid room name is a 404; a new room past the user's limit of new rooms is a
 * 429.
 */
@WebServlet("/chat/*")
public class ChatPages extends HttpServlet {

  @Inject RoomPage roomPage;
  @Inject RoomList roomList;
  @Inject RoomCreationLimit creationLimit;

  static final int TOO_MANY_REQUESTS = 429;

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws ServletException, IOException {
    String path = RequestPaths.after(request, "/chat").orElse(null);
    if (path == null) {
      response.sendError(HttpServletResponse.SC_NOT_FOUND);
      return;
    }
    if (path.isEmpty() || path.equals("/")) {
      roomList(request, response);
      return;
    }
    boolean trailingSlash = path.endsWith("/");
    String name = path.substring(1, trailingSlash ? path.length() - 1 : path.length());
    Optional<RoomName> room = RoomName.parse(name);
    if (room.isEmpty()) {
      response.sendError(HttpServletResponse.SC_NOT_FOUND);
      return;
    }
    if (!trailingSlash) {
      response.sendRedirect(roomUrl(request, room.get()));
      return;
    }
    if (request.getUserPrincipal() == null) {
      response.sendRedirect(LoginPaths.loginUrl(request));
      return;
    }
    String username = request.getUserPrincipal().getName();
    if (!roomPage.open(room.get(), username, LoginPaths.loginUrl(request))) {
      tooManyNewRooms(username, request, response);
      return;
    }
    Views.render("room", request, response);
  }

  /** 429: the user may not start another room yet; the page says when, and that others are open. */
  private void tooManyNewRooms(
      String username, HttpServletRequest request, HttpServletResponse response)
      throws ServletException, IOException {
    long seconds = Math.max(1, creationLimit.retryAfter(username).toSeconds() + 1);
    response.setStatus(TOO_MANY_REQUESTS);
    response.setHeader("Retry-After", Long.toString(seconds));
    request.setAttribute("retryMinutes", (seconds + 59) / 60);
    Views.render("too-many-rooms", request, response);
  }

  /** The "enter a room" form posts to the list (its token checked by {@link CsrfFilter}). */
  @Override
  protected void doPost(HttpServletRequest request, HttpServletResponse response)
      throws ServletException, IOException {
    String path = RequestPaths.after(request, "/chat").orElse("");
    if (!(path.isEmpty() || path.equals("/"))) {
      response.sendError(HttpServletResponse.SC_METHOD_NOT_ALLOWED);
      return;
    }
    roomList(request, response);
  }

  /** The list; with {@code room=name} (the "enter a room" form) it goes to that room. */
  private void roomList(HttpServletRequest request, HttpServletResponse response)
      throws ServletException, IOException {
    String wanted = request.getParameter("room");
    if (wanted != null) {
      Optional<RoomName> room = RoomName.parse(wanted.strip());
      if (room.isPresent()) {
        response.sendRedirect(roomUrl(request, room.get()));
        return;
      }
      request.setAttribute("invalidRoomName", wanted);
      response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
    }
    RoomListParameters parameters = RoomListParameters.of(request, "/chat/");
    if (parameters.invalidSearch() != null) {
      response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
    }
    roomList.show(parameters);
    Views.render("rooms", request, response);
  }

  static String roomUrl(HttpServletRequest request, RoomName room) {
    return request.getContextPath()
        + "/chat/"
        + URLEncoder.encode(room.value(), StandardCharsets.UTF_8)
        + "/";
  }
}
