package org.roomchat.websocket;

import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.roomchat.account.UsernamePolicy;
import org.roomchat.chat.SocketCount;
import org.roomchat.config.WebSettings;
import org.roomchat.metrics.ChatMetrics;
import org.roomchat.room.RoomName;
import org.roomchat.web.RequestOrigin;
import org.roomchat.web.RequestPaths;

/**
 * Refuses a WebSocket handshake before it opens (a room's, a conversation's, or the user's own
 * stream {@value #USER_PATH}): 404 for a bad room name or a path that names no room nor user
 * ({@code /ws/chat/{room}/}, {@code /ws/dm/{username}/}), 401 without a logged-in session, and 403
 * when the {@code Origin} is another site's (Django Channels' AllowedHostsOriginValidator), so a
 * page elsewhere cannot ride a user's cookie; and 429 for a user with the cap's worth of sockets
 * open. That last check counts nothing: the socket is counted when it opens, and one that finds the
 * cap reached then (a race with another handshake) is closed with 1008 before any room frame.
 */
@WebFilter("/ws/*")
public class HandshakeGate extends HttpFilter {

  private static final String ROOM_PATH = "/ws/chat/";
  private static final String CONVERSATION_PATH = "/ws/dm/";
  static final String USER_PATH = "/ws/user/";
  private static final int TOO_MANY_REQUESTS = 429;

  @Inject WebSettings settings;
  @Inject SocketCount sockets;
  @Inject ChatMetrics metrics;

  @Override
  protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    if (!RequestPaths.isWebSocketUpgrade(request)) {
      chain.doFilter(request, response);
      return;
    }
    String path =
        request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
    if (!path.equals(USER_PATH) && roomOf(path).isEmpty() && peerOf(path).isEmpty()) {
      response.sendError(HttpServletResponse.SC_NOT_FOUND);
      return;
    }
    String origin = request.getHeader("Origin");
    if (origin != null
        && !RequestOrigin.mayOpenSocket(
            origin, request.getHeader("Host"), request.isSecure(), settings.allowedOrigins())) {
      response.sendError(HttpServletResponse.SC_FORBIDDEN, "Origin not allowed");
      return;
    }
    if (request.getUserPrincipal() == null) {
      response.sendError(HttpServletResponse.SC_UNAUTHORIZED, "Login required");
      return;
    }
    if (sockets.atCap(request.getUserPrincipal().getName())) {
      metrics.socketRefused();
      response.sendError(TOO_MANY_REQUESTS, "Too many open sockets");
      return;
    }
    chain.doFilter(request, response);
  }

  /** The room a handshake path names ({@code /ws/chat/{room}/}), or empty for any other path. */
  static Optional<RoomName> roomOf(String path) {
    // "/ws/chat/" itself both starts and ends with the slashes around a room, but names none.
    if (!path.startsWith(ROOM_PATH) || !path.endsWith("/") || path.length() == ROOM_PATH.length()) {
      return Optional.empty();
    }
    return RoomName.parse(path.substring(ROOM_PATH.length(), path.length() - 1));
  }

  /**
   * The user a conversation's handshake path names ({@code /ws/dm/{username}/}), as typed, or empty
   * for any other path. Whether that user exists is the endpoint's question; a name no account can
   * have (longer than any, or with a slash) goes no further.
   */
  static Optional<String> peerOf(String path) {
    if (!path.startsWith(CONVERSATION_PATH) || !path.endsWith("/")) {
      return Optional.empty();
    }
    int end = path.length() - 1;
    if (end <= CONVERSATION_PATH.length()
        || end - CONVERSATION_PATH.length() > UsernamePolicy.MAX_KEY_LENGTH) {
      return Optional.empty();
    }
    String name = path.substring(CONVERSATION_PATH.length(), end);
    return name.indexOf('/') >= 0 ? Optional.empty() : Optional.of(name);
  }
}
