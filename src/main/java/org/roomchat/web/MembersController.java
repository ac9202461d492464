package org.roomchat.web;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.roomchat.account.AccountService;
import org.roomchat.account.LoginPaths;
import org.roomchat.chat.MemberAction;
import org.roomchat.chat.RoomMembership;
import org.roomchat.room.LowerCaseName;
import org.roomchat.room.Person;
import org.roomchat.room.RoomName;

/**
 * {@code /chat/{room}/members/}: the members page, for the room's members and admins, and its
 * forms' posts ({@code username}, {@code action}), answered with 303 back to the page (to the room
 * list for a member who left), 403 without the right, 404 for a room the user may not know of or
 * for an unknown or disabled user. A refused change shows the page again with the reason when
 * the user may see it.
 */
@ApplicationScoped
public class MembersController {

  @Inject RoomMembership membership;
  @Inject MembersPage page;

  void show(
      HttpServletRequest request, HttpServletResponse response, RoomName room, Person viewer)
      throws ServletException, IOException {
    render(HttpServletResponse.SC_OK, request, response, room, viewer);
  }

  void change(
      HttpServletRequest request, HttpServletResponse response, RoomName room, Person actor)
      throws ServletException, IOException {
    Optional<MemberAction> action =
        LowerCaseName.parse(MemberAction.class, request.getParameter("action"));
    if (action.isEmpty()) {
      response.sendError(HttpServletResponse.SC_BAD_REQUEST);
      return;
    }
    String username = Optional.ofNullable(request.getParameter("username")).orElse("").strip();
    RoomMembership.Outcome outcome =
        membership.change(room, actor, isAdmin(request), action.get(), username);
    switch (outcome) {
      case DONE ->
          Views.seeOther(
              response, RoomPath.of(request.getContextPath(), room, RoomPath.Page.MEMBERS));
      case LEFT -> Views.seeOther(response, request.getContextPath() + LoginPaths.HOME);
      case NO_ROOM -> response.sendError(HttpServletResponse.SC_NOT_FOUND);
      case FORBIDDEN -> {
        page.refused(outcome, username);
        render(HttpServletResponse.SC_FORBIDDEN, request, response, room, actor);
      }
      case NO_SUCH_USER, NOT_A_MEMBER -> {
        page.refused(outcome, username);
        render(HttpServletResponse.SC_NOT_FOUND, request, response, room, actor);
      }
    }
  }

  /** The members page with this status, or the bare status for a user who may not see it. */
  private void render(
      int status,
      HttpServletRequest request,
      HttpServletResponse response,
      RoomName room,
      Person viewer)
      throws ServletException, IOException {
    RoomMembership.Visit visit = membership.view(room, viewer, isAdmin(request));
    if (visit instanceof RoomMembership.Shown shown) {
      page.show(shown.view());
      response.setStatus(status);
      Views.render("members", request, response);
    } else if (visit instanceof RoomMembership.Forbidden) {
      response.sendError(HttpServletResponse.SC_FORBIDDEN);
    } else {
      response.sendError(HttpServletResponse.SC_NOT_FOUND);
    }
  }

  private static boolean isAdmin(HttpServletRequest request) {
    return request.isUserInRole(AccountService.ADMIN_ROLE);
  }
}
