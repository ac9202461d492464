package org.roomchat.websocket;

import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;
import org.roomchat.config.ChatSettings;
import org.roomchat.metrics.ChatMetrics;
import org.roomchat.room.RoomName;

/**
 * Refuses a WebSocket handshake before it opens: 404 for a bad room name, 401 without a logged-in
 * session, and 403 when the {@code Origin} is another site's (the guide's
 * AllowedHostsOriginValidator), so a page elsewhere cannot ride a user's cookie; and 429 for a
 * user with the cap's worth of sockets open. That last check counts nothing: the socket is counted
 * when it opens, and one that finds the cap reached then (a race with another handshake) is closed
 * with 1008 before any room frame.
 */
@WebFilter("/ws/*")
public class HandshakeGate extends HttpFilter {

  private static final String ROOM_PATH = "/ws/chat/";
  private static final int TOO_MANY_REQUESTS = 429;

  @Inject ChatSettings settings;
  @Inject SocketCount sockets;
  @Inject ChatMetrics metrics;

  @Override
  protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    if (!"websocket".equalsIgnoreCase(request.getHeader("Upgrade"))) {
      chain.doFilter(request, response);
      return;
    }
    String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
    if (roomOf(path).isEmpty()) {
      response.sendError(HttpServletResponse.SC_NOT_FOUND);
      return;
    }
    String origin = request.getHeader("Origin");
    if (origin != null && !allowedOrigin(origin, request)) {
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

  private boolean allowedOrigin(String origin, HttpServletRequest request) {
    for (String allowed : settings.allowedOrigins()) {
      if (allowed.equals("*") || allowed.strip().equalsIgnoreCase(origin)) {
        return true;
      }
    }
    return sameOrigin(origin, request.getHeader("Host"));
  }

  /**
   * The origin names this server as the browser reached it. A proxy that passes a Host header
   * without a port (nginx's {@code $host}) is compared by host name alone.
   */
  static boolean sameOrigin(String origin, String host) {
    if (host == null) {
      return false;
    }
    URI originUri;
    URI hostUri;
    try {
      originUri = new URI(origin);
      hostUri = new URI("http://" + host);
    } catch (URISyntaxException e) {
      return false;
    }
    if (originUri.getHost() == null
        || hostUri.getHost() == null
        || !originUri.getHost().equalsIgnoreCase(hostUri.getHost())) {
      return false;
    }
    if (hostUri.getPort() == -1) {
      return true;
    }
    return effectivePort(originUri) == hostUri.getPort();
  }

  private static int effectivePort(URI uri) {
    if (uri.getPort() != -1) {
      return uri.getPort();
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    return scheme.equals("https") || scheme.equals("wss") ? 443 : 80;
  }
}
