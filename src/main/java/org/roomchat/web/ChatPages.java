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
import org.roomchat.room.RoomName;

/**
 * {@code /chat/} lists the rooms, a page at a time ({@link RoomListParameters}); {@code
 * /chat/{room}/} is a room, for logged-in users only (others go to the login page and come back). A
 * name that is not a valid room name is a 404.
 */
@WebServlet("/chat/*")
public class ChatPages extends HttpServlet {

  @Inject RoomPage roomPage;
  @Inject RoomList roomList;
  @Inject CsrfToken csrf;

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
    roomPage.open(room.get(), request.getUserPrincipal().getName(), LoginPaths.loginUrl(request));
    Views.render("room", request, response);
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
    csrf.prepare();
    Views.render("rooms", request, response);
  }

  static String roomUrl(HttpServletRequest request, RoomName room) {
    return request.getContextPath()
        + "/chat/"
        + URLEncoder.encode(room.value(), StandardCharsets.UTF_8)
        + "/";
  }
}
