package org.roomchat.web;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;
import java.util.Optional;
import org.roomchat.account.AccountService;
import org.roomchat.account.LoginPaths;
import org.roomchat.chat.MemberAction;
import org.roomchat.chat.Moderation;
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
  @Inject Moderation moderation;

  /** How many of the moderation log's newest entries the page shows. */
  static final int LOG_LENGTH = 50;

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
      case FORBIDDEN ->
          refuse(
              HttpServletResponse.SC_FORBIDDEN,
              refusal(outcome),
              username,
              request,
              response,
              room,
              actor);
      case NO_SUCH_USER, NOT_A_MEMBER ->
          refuse(
              HttpServletResponse.SC_NOT_FOUND,
              refusal(outcome),
              username,
              request,
              response,
              room,
              actor);
    }
  }

  private static String refusal(RoomMembership.Outcome outcome) {
    return "members.refused." + outcome.name().toLowerCase(Locale.ROOT);
  }

  /**
   * The members page again with this status and the reason (a page text taking the name asked for),
   * or the bare status for a user who may not see it.
   */
  void refuse(
      int status,
      String reasonKey,
      String username,
      HttpServletRequest request,
      HttpServletResponse response,
      RoomName room,
      Person viewer)
      throws ServletException, IOException {
    page.refused(reasonKey, username);
    render(status, request, response, room, viewer);
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
      if (shown.view().mayModerate()) {
        page.moderation(
            moderation.current(shown.view().room()),
            moderation.recentLog(shown.view().room(), LOG_LENGTH));
      }
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
