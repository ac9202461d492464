package org.roomchat.chat;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.util.Optional;
import org.roomchat.account.LoginsRevoked;
import org.roomchat.group.NodeBroadcast;
import org.roomchat.protocol.CloseCode;

/**
 * Closes the sockets of logins that have ended, on every node. A disabled account's sockets close
 * with 4003; after a logout or a revoked login, the sockets that login opened close with 1008, and
 * after "sign out everywhere" all of the user's. A node that misses the notice (Redis down at that
 * moment) still refuses the ended login's next handshake and its next HTTP request.
 */
@ApplicationScoped
public class LoginEndings {

  static final String TOPIC = "expel";

  @Inject OpenConnections connections;
  @Inject NodeBroadcast broadcast;

  void listen(@Observes @Priority(100) @Initialized(ApplicationScoped.class) Object start) {
    broadcast.listen(TOPIC, this::received);
  }

  /** Once the logins' end is committed: their sockets close here, and on every other node. */
  void revoked(@Observes(during = TransactionPhase.AFTER_SUCCESS) LoginsRevoked logins) {
    JsonObjectBuilder notice =
        NoticeJson.JSON.createObjectBuilder()
            .add("username", logins.username())
            .add("disabled", logins.accountDisabled());
    logins.login().ifPresent(login -> notice.add("login", login));
    broadcast.publish(TOPIC, notice.build().toString());
  }

  private void received(String notice) {
    NoticeJson.read(TOPIC, notice).ifPresent(this::ended);
  }

  private void ended(JsonObject ended) {
    String username = ended.getString("username", "");
    if (ended.getBoolean("disabled", false)) {
      closeAll(username);
    } else {
      loggedOut(username, Optional.ofNullable(ended.getString("login", null)));
    }
  }

  /** Closes every connection of the user on this node with 4003: they may no longer enter. */
  void closeAll(String username) {
    connections.closeWhere(
        client -> client.username().equals(username), CloseCode.FORBIDDEN, "Account disabled");
  }

  /**
   * A login of the user ended ({@code login}), or all of them (empty): the sockets it opened on
   * this node close with 1008 (policy violation). Those of the user's other logins stay open.
   */
  void loggedOut(String username, Optional<String> login) {
    connections.closeWhere(
        client ->
            client.username().equals(username)
                && (login.isEmpty() || openedBy(client, login.get())),
        CloseCode.VIOLATED_POLICY,
        "Logged out");
  }

  /** Whether this login opened the socket; a socket whose login is unknown counts as any. */
  private static boolean openedBy(Connection client, String login) {
    return client.login().map(login::equals).orElse(true);
  }
}
