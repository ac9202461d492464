package org.roomchat.web;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import java.util.OptionalInt;
import org.roomchat.account.AccountService;
import org.roomchat.chat.Moderation;
import org.roomchat.chat.ModerationAction;
import org.roomchat.chat.ModerationRules;
import org.roomchat.room.Person;
import org.roomchat.room.RoomName;

/**
 * {@code POST /chat/{room}/moderation/} with {@code action} ({@code mute}, {@code unmute}, {@code
 * ban}, {@code unban}), {@code username} and optional {@code minutes} (1 to a year; blank: until
 * lifted), its token checked by {@link CsrfFilter}: 303 back to the members page; 400 for a bad
 * action or minutes; 403 without the right (whatever the name); 404 for a room the user may not
 * know of, or an unknown or disabled user; 409 for the owner, an admin or oneself. A refused action
 * shows the members page again with the reason, to those who may see it.
 */
@ApplicationScoped
public class ModerationController {

  @Inject Moderation moderation;
  @Inject MembersController members;

  void change(HttpServletRequest request, HttpServletResponse response, RoomName room, Person actor)
      throws ServletException, IOException {
    Optional<ModerationAction> action = ModerationAction.parse(request.getParameter("action"));
    Optional<OptionalInt> minutes = ModerationRules.minutes(request.getParameter("minutes"));
    if (action.isEmpty() || minutes.isEmpty()) {
      response.sendError(HttpServletResponse.SC_BAD_REQUEST);
      return;
    }
    String username = Optional.ofNullable(request.getParameter("username")).orElse("").strip();
    boolean admin = request.isUserInRole(AccountService.ADMIN_ROLE);
    Moderation.Outcome outcome =
        moderation.act(room, actor, admin, action.get(), username, minutes.get());
    switch (outcome) {
      case DONE ->
          Views.seeOther(
              response, RoomPath.of(request.getContextPath(), room, RoomPath.Page.MEMBERS));
      case NO_ROOM -> response.sendError(HttpServletResponse.SC_NOT_FOUND);
      case FORBIDDEN ->
          members.refuse(
              HttpServletResponse.SC_FORBIDDEN,
              "moderation.refused.forbidden",
              username,
              request,
              response,
              room,
              actor);
      case CONFLICT ->
          members.refuse(
              HttpServletResponse.SC_CONFLICT,
              "moderation.refused.conflict",
              username,
              request,
              response,
              room,
              actor);
      case NO_SUCH_USER ->
          members.refuse(
              HttpServletResponse.SC_NOT_FOUND,
              "moderation.refused.no_such_user",
              username,
              request,
              response,
              room,
              actor);
    }
  }
}
