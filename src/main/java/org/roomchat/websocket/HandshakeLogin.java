package org.roomchat.websocket;

import jakarta.servlet.http.HttpSession;
import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.Session;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpointConfig;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.roomchat.account.LoginToken;
import org.roomchat.web.LoginCookie;
import org.roomchat.web.SessionLogin;

/**
 * Notes which login opened a socket, so that a logout closes that login's sockets and leaves the
 * user's other logins chatting. The login is the one the handshake's HTTP session belongs to, or,
 * without a session, the one its login cookie names (the filters before the handshake have checked
 * that it is in use). WebSocket 2.1 gives each handshake its own copy of the user properties, which
 * become the socket's.
 */
public class HandshakeLogin extends ServerEndpointConfig.Configurator {

  private static final String LOGIN = HandshakeLogin.class.getName() + ".login";

  @Override
  public void modifyHandshake(
      ServerEndpointConfig config, HandshakeRequest request, HandshakeResponse response) {
    Optional<String> fromSession =
        request.getHttpSession() instanceof HttpSession session
            ? SessionLogin.loginOf(session)
            : Optional.empty();
    fromSession
        .or(() -> LoginCookie.inHeaders(cookieHeaders(request.getHeaders())).map(LoginToken::id))
        .ifPresent(login -> config.getUserProperties().put(LOGIN, login));
  }

  /** The login that opened this socket; empty if the handshake named none. */
  static Optional<String> of(Session session) {
    return session.getUserProperties().get(LOGIN) instanceof String login
        ? Optional.of(login)
        : Optional.empty();
  }

  private static List<String> cookieHeaders(Map<String, List<String>> headers) {
    for (Map.Entry<String, List<String>> header : headers.entrySet()) {
      if ("cookie".equalsIgnoreCase(header.getKey()) && header.getValue() != null) {
        return header.getValue();
      }
    }
    return List.of();
  }
}
