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
import org.roomchat.account.UsernamePolicy;
import org.roomchat.chat.Blocking;
import org.roomchat.chat.RoomAccess;
import org.roomchat.room.Person;

/**
 * {@code /dm/{username}/}: the logged-in user's conversation with that user, on the room page's
 * layout and script (started at the first visit, within the user's limit of new conversations: past
 * it, 429); an unknown or disabled user is a 404. {@code POST /dm/{username}/block} and {@code
 * /unblock} (their tokens checked by {@link CsrfFilter}) answer 303 back to the page, 404 for an
 * unknown user and 409 for oneself. Visitors go to the login page and come back. {@code
 * /dm/?to={username}}, the room list's "message a user" form, leads to that user's conversation.
 */
@WebServlet("/dm/*")
public class DirectPages extends HttpServlet {

  static final int TOO_MANY_REQUESTS = 429;

  @Inject RoomPage roomPage;
  @Inject RoomAccess access;
  @Inject Blocking blocking;

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws ServletException, IOException {
    Optional<DmPath> path = path(request);
    Optional<String> addressee = addressee(request);
    if (path.isEmpty() && addressee.isPresent()) {
      response.sendRedirect(DmPath.page(request.getContextPath(), addressee.get()));
      return;
    }
    if (path.isEmpty()) {
      response.sendError(HttpServletResponse.SC_NOT_FOUND);
      return;
    }
    if (path.get().action() != DmPath.Action.PAGE) {
      response.sendError(HttpServletResponse.SC_METHOD_NOT_ALLOWED);
      return;
    }
    if (!path.get().closed()) {
      response.sendRedirect(DmPath.page(request.getContextPath(), path.get().username()));
      return;
    }
    Optional<Person> reader = PageReader.of(access, request, response);
    if (reader.isEmpty()) {
      return;
    }
    RoomAccess.Entry entry =
        roomPage.openConversation(
            reader.get(), path.get().username(), LoginPaths.loginUrl(request));
    if (entry instanceof RoomAccess.Conversing) {
      response.setHeader("Cache-Control", "no-store");
      Views.render("room", request, response);
    } else if (entry instanceof RoomAccess.TooManyNewConversations tooMany) {
      long seconds = Math.max(1, tooMany.retryAfter().toSeconds() + 1);
      response.setStatus(TOO_MANY_REQUESTS);
      response.setHeader("Retry-After", Long.toString(seconds));
      request.setAttribute("retryMinutes", (seconds + 59) / 60);
      Views.render("too-many-conversations", request, response);
    } else {
      response.sendError(HttpServletResponse.SC_NOT_FOUND);
    }
  }

  /** The block and unblock forms of the conversation page. */
  @Override
  protected void doPost(HttpServletRequest request, HttpServletResponse response)
      throws ServletException, IOException {
    Optional<DmPath> path = path(request);
    if (path.isEmpty() || path.get().action() == DmPath.Action.PAGE) {
      response.sendError(
          path.isEmpty()
              ? HttpServletResponse.SC_NOT_FOUND
              : HttpServletResponse.SC_METHOD_NOT_ALLOWED);
      return;
    }
    if (request.getUserPrincipal() == null) {
      response.sendRedirect(request.getContextPath() + LoginPaths.LOGIN);
      return;
    }
    Optional<Person> actor = PageReader.of(access, request, response);
    if (actor.isEmpty()) {
      return;
    }
    Optional<Person> other = access.person(path.get().username());
    if (other.isEmpty()) {
      response.sendError(HttpServletResponse.SC_NOT_FOUND);
      return;
    }
    Blocking.Outcome outcome =
        path.get().action() == DmPath.Action.BLOCK
            ? blocking.block(actor.get(), other.get())
            : blocking.unblock(actor.get(), other.get());
    if (outcome == Blocking.Outcome.SELF) {
      response.sendError(HttpServletResponse.SC_CONFLICT, "Nobody blocks themselves");
      return;
    }
    Views.seeOther(response, DmPath.page(request.getContextPath(), other.get().username()));
  }

  /**
   * The name typed into the room list's "message a user" form ({@code GET /dm/?to=…}), when the
   * request is that form's; whether it is a user's is for the conversation page to say.
   */
  private static Optional<String> addressee(HttpServletRequest request) {
    if (!RequestPaths.after(request, "/dm").filter("/"::equals).isPresent()) {
      return Optional.empty();
    }
    return Optional.ofNullable(request.getParameter("to"))
        .map(String::strip)
        .filter(name -> !name.isEmpty() && name.length() <= UsernamePolicy.MAX_KEY_LENGTH);
  }

  private static Optional<DmPath> path(HttpServletRequest request) {
    return RequestPaths.after(request, "/dm").flatMap(DmPath::parse);
  }
}
