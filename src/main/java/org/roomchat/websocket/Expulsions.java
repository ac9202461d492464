package org.roomchat.websocket;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.util.Optional;
import org.roomchat.account.LoginsRevoked;
import org.roomchat.redis.RedisLink;

/**
 * Closes the sockets of logins that have ended, on every node: here at once, and on the others
 * through a Redis channel when Redis is configured. A disabled account's sockets close with 4003;
 * after a logout or a revoked login, the sockets that login opened close with 1008, and after
 * "sign out everywhere" all of the user's. A node that misses the message (Redis down at that
 * moment) still refuses the ended login's next handshake and its next HTTP request.
 */
@ApplicationScoped
public class Expulsions {

  static final String CHANNEL = "roomchat:expel";

  private static final String DISABLED = "disabled";
  private static final String LOGGED_OUT = "logged-out";

  @Inject ChatSessions chat;
  @Inject RedisLink redis;

  void listen(@Observes @Priority(100) @Initialized(ApplicationScoped.class) Object start) {
    if (redis.enabled()) {
      redis.listen(CHANNEL, this::received);
    }
  }

  /** Once the logins' end is committed: their sockets close here, and on every other node. */
  void revoked(@Observes(during = TransactionPhase.AFTER_SUCCESS) LoginsRevoked logins) {
    String kind = logins.accountDisabled() ? DISABLED : LOGGED_OUT;
    close(kind, logins.username(), logins.login());
    if (redis.enabled()) {
      // Neither a name nor a login id has a space in it.
      redis.publish(
          CHANNEL,
          redis.nodeId()
              + " "
              + kind
              + " "
              + logins.username()
              + logins.login().map(login -> " " + login).orElse(""));
    }
  }

  private void close(String kind, String username, Optional<String> login) {
    if (DISABLED.equals(kind)) {
      chat.expel(username);
    } else {
      chat.loggedOut(username, login);
    }
  }

  /** {@code <node> <kind> <username> [<login>]}, from another node; no login: all of them. */
  private void received(String message) {
    String[] parts = message.split(" ", 4);
    if (parts.length >= 3 && !parts[0].equals(redis.nodeId())) {
      close(parts[1], parts[2], parts.length == 4 ? Optional.of(parts[3]) : Optional.empty());
    }
  }
}
