package org.roomchat.web;

import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonWriter;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.roomchat.account.AccountService;
import org.roomchat.chat.RoomRemoval;
import org.roomchat.room.RoomName;

/**
 * {@code /admin/}: the dashboard page, and {@code /admin/metrics.json}, the numbers its script
 * re-reads every few seconds; both take the room list's paging parameters. The page's account forms
 * post to {@link AdminAccountsController}; its room forms post {@code /admin/rooms/{room}/delete}
 * (the trailing slash is optional), answered with 303 back to the dashboard, or 404 for no such
 * room. web.xml lets only the admin role in (others go to the login page, or get 403 when logged
 * in); the forms' tokens are checked by {@link CsrfFilter}.
 */
@WebServlet("/admin/*")
public class AdminController extends HttpServlet {

  static final String METRICS_JSON = "/metrics.json";

  private static final Pattern DELETE_ROOM = Pattern.compile("^/rooms/([^/]+)/delete/?$");

  @Inject AdminDashboard dashboard;
  @Inject RoomRemoval removal;

  /** Where the dashboard's form deleting the room posts, under the context root. */
  static String deletePath(String room) {
    return "/admin/rooms/" + URLEncoder.encode(room, StandardCharsets.UTF_8) + "/delete";
  }

  @Override
  protected void doPost(HttpServletRequest request, HttpServletResponse response)
      throws ServletException, IOException {
    if (!request.isUserInRole(AccountService.ADMIN_ROLE)) {
      response.sendError(HttpServletResponse.SC_FORBIDDEN);
      return;
    }
    Matcher path = DELETE_ROOM.matcher(RequestPaths.after(request, "/admin").orElse(""));
    Optional<RoomName> room = path.matches() ? RoomName.parse(path.group(1)) : Optional.empty();
    if (room.isEmpty() || !removal.delete(room.get(), request.getRemoteUser())) {
      response.sendError(HttpServletResponse.SC_NOT_FOUND);
      return;
    }
    Views.seeOther(response, request.getContextPath() + "/admin/");
  }

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws ServletException, IOException {
    String path = request.getPathInfo();
    if (path == null) {
      response.sendRedirect(request.getContextPath() + "/admin/");
      return;
    }
    // web.xml already guards /admin/*; checking again keeps this servlet safe if that changes.
    if (!request.isUserInRole(AccountService.ADMIN_ROLE)) {
      response.sendError(HttpServletResponse.SC_FORBIDDEN);
      return;
    }
    dashboard.show(RoomListParameters.of(request, "/admin/"));
    switch (path) {
      case "/":
        Views.render("admin", request, response);
        break;
      case METRICS_JSON:
        writeMetrics(response);
        break;
      default:
        response.sendError(HttpServletResponse.SC_NOT_FOUND);
    }
  }

  private void writeMetrics(HttpServletResponse response) throws IOException {
    response.setContentType("application/json");
    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
    try (JsonWriter writer = Json.createWriter(response.getWriter())) {
      writer.writeObject(dashboard.toJson());
    }
  }
}
