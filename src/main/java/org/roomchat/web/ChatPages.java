package org.roomchat.web;

import jakarta.inject.Inject;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.roomchat.account.LoginPaths;
import org.roomchat.chat.RoomAccess;
import org.roomchat.room.LowerCaseName;
import org.roomchat.room.Person;
import org.roomchat.room.RoomCatalog;
import org.roomchat.room.RoomCreationLimit;
import org.roomchat.room.RoomName;
import org.roomchat.room.RoomVisibility;

/**
 * {@code /chat/} lists the rooms the reader may read, a page at a time ({@link
 * RoomListParameters}); {@code POST /chat/new/} starts a public or private room; {@code
 * /chat/{room}/} is a room, {@code /chat/{room}/members/} its members ({@link MembersController})
 * and {@code /chat/{room}/moderation/} its mutes and bans ({@link ModerationController}), for
 * logged-in users only (others go to the login page and come back). A name that is not a valid room
 * name, or a private room the reader is not a member of, is a 404; a new room past the user's limit
 * of new rooms is a 429.
 */
@WebServlet("/chat/*")
public class ChatPages extends HttpServlet {

  /** The path, after {@code /chat}, that the "new room" form posts to. */
  static final String NEW_ROOM = "/new/";

  @Inject RoomPage roomPage;
  @Inject RoomList roomList;
  @Inject RoomAccess access;
  @Inject RoomCatalog rooms;
  @Inject RoomCreationLimit creationLimit;
  @Inject MembersController members;
  @Inject ModerationController moderation;
  @Inject NewRoomForm newRoomForm;

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
    Optional<RoomPath> page = RoomPath.parse(path);
    if (page.isEmpty()) {
      response.sendError(HttpServletResponse.SC_NOT_FOUND);
      return;
    }
    if (!page.get().closed()) {
      response.sendRedirect(page.get().url(request.getContextPath()));
      return;
    }
    Optional<Person> reader = reader(request, response);
    if (reader.isEmpty()) {
      return;
    }
    if (page.get().page() != RoomPath.Page.ROOM) {
      // The moderation form lives on the members page, which answers as that page would.
      members.show(request, response, page.get().room(), reader.get());
      return;
    }
    RoomAccess.Entry entry =
        roomPage.open(page.get().room(), reader.get(), LoginPaths.loginUrl(request));
    if (entry instanceof RoomAccess.Admitted) {
      Views.render("room", request, response);
    } else if (entry instanceof RoomAccess.Hidden) {
      response.sendError(HttpServletResponse.SC_NOT_FOUND);
    } else {
      tooManyNewRooms(reader.get().username(), request, response);
    }
  }

  private Optional<Person> reader(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    return PageReader.of(access, request, response);
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

  /**
   * The forms' posts (their tokens checked by {@link CsrfFilter}): "enter a room" to the list, "new
   * room" to {@value #NEW_ROOM}, changes to a room's members to its members page, and mutes and
   * bans to its moderation path.
   */
  @Override
  protected void doPost(HttpServletRequest request, HttpServletResponse response)
      throws ServletException, IOException {
    String path = RequestPaths.after(request, "/chat").orElse("");
    if (path.isEmpty() || path.equals("/")) {
      roomList(request, response);
      return;
    }
    if (path.equals(NEW_ROOM)) {
      newRoom(request, response);
      return;
    }
    Optional<RoomPath> page = RoomPath.parse(path);
    if (page.isPresent() && page.get().page() != RoomPath.Page.ROOM) {
      Optional<Person> actor = reader(request, response);
      if (actor.isEmpty()) {
        return;
      }
      if (page.get().page() == RoomPath.Page.MEMBERS) {
        members.change(request, response, page.get().room(), actor.get());
      } else {
        moderation.change(request, response, page.get().room(), actor.get());
      }
      return;
    }
    response.sendError(HttpServletResponse.SC_METHOD_NOT_ALLOWED);
  }

  /**
   * {@code POST /chat/new/} with {@code name} and {@code visibility}: 303 to the new room, owned by
   * its starter; 409 when a room of that name exists (saying only that the name is taken), 400 for
   * a bad name or visibility, 429 past the user's limit of new rooms. Errors show the list again
   * with the form as it was filled in.
   */
  private void newRoom(HttpServletRequest request, HttpServletResponse response)
      throws ServletException, IOException {
    if (request.getUserPrincipal() == null) {
      response.sendRedirect(request.getContextPath() + LoginPaths.LOGIN);
      return;
    }
    String typedName = Optional.ofNullable(request.getParameter("name")).orElse("").strip();
    String typedVisibility = request.getParameter("visibility");
    Optional<RoomName> name = RoomName.parse(typedName);
    Optional<RoomVisibility> visibility =
        typedVisibility == null
            ? Optional.of(RoomVisibility.PUBLIC)
            : LowerCaseName.parse(RoomVisibility.class, typedVisibility);
    newRoomForm.filledIn(
        typedName, visibility.orElse(RoomVisibility.PUBLIC) == RoomVisibility.PRIVATE);
    if (name.isEmpty() || visibility.isEmpty()) {
      NewRoomForm.Problem problem =
          name.isEmpty()
              ? NewRoomForm.Problem.INVALID_NAME
              : NewRoomForm.Problem.INVALID_VISIBILITY;
      refuseNewRoom(problem, HttpServletResponse.SC_BAD_REQUEST, request, response);
      return;
    }
    Optional<Person> owner = reader(request, response);
    if (owner.isEmpty()) {
      return;
    }
    switch (rooms.create(name.get(), visibility.get(), owner.get())) {
      case CREATED ->
          Views.seeOther(
              response, RoomPath.of(request.getContextPath(), name.get(), RoomPath.Page.ROOM));
      case TAKEN ->
          refuseNewRoom(
              NewRoomForm.Problem.TAKEN, HttpServletResponse.SC_CONFLICT, request, response);
      case TOO_MANY -> tooManyNewRooms(owner.get().username(), request, response);
    }
  }

  private void refuseNewRoom(
      NewRoomForm.Problem problem,
      int status,
      HttpServletRequest request,
      HttpServletResponse response)
      throws ServletException, IOException {
    newRoomForm.refused(problem);
    showRoomList(status, request, response);
  }

  /** The list; with {@code room=name} (the "enter a room" form) it goes to that room. */
  private void roomList(HttpServletRequest request, HttpServletResponse response)
      throws ServletException, IOException {
    String wanted = request.getParameter("room");
    int status = HttpServletResponse.SC_OK;
    if (wanted != null) {
      Optional<RoomName> room = RoomName.parse(wanted.strip());
      if (room.isPresent()) {
        response.sendRedirect(
            RoomPath.of(request.getContextPath(), room.get(), RoomPath.Page.ROOM));
        return;
      }
      request.setAttribute("invalidRoomName", wanted);
      status = HttpServletResponse.SC_BAD_REQUEST;
    }
    showRoomList(status, request, response);
  }

  private void showRoomList(int status, HttpServletRequest request, HttpServletResponse response)
      throws ServletException, IOException {
    RoomListParameters parameters = RoomListParameters.of(request, "/chat/");
    boolean badSearch = parameters.invalidSearch() != null;
    response.setStatus(
        badSearch && status == HttpServletResponse.SC_OK
            ? HttpServletResponse.SC_BAD_REQUEST
            : status);
    String user = request.getRemoteUser();
    roomList.show(parameters, user == null ? Optional.empty() : access.person(user));
    Views.render("rooms", request, response);
  }
}
