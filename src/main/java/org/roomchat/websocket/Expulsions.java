package org.roomchat.websocket;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.roomchat.redis.RedisLink;

/**
 * Closes a disabled account's sockets with 4003 on every node: here at once, and on the others
 * through a Redis channel when Redis is configured. A node that misses the message (Redis down at
 * that moment) still refuses the account's next handshake and its next HTTP request.
 */
@ApplicationScoped
public class Expulsions {

  static final String CHANNEL = "roomchat:expel";

  @Inject ChatSessions chat;
  @Inject RedisLink redis;

  void listen(@Observes @Priority(100) @Initialized(ApplicationScoped.class) Object start) {
    if (redis.enabled()) {
      redis.listen(CHANNEL, this::received);
    }
  }

  /** Closes the user's sockets on this node and asks every other node to do the same. */
  public void expel(String username) {
    chat.expel(username);
    if (redis.enabled()) {
      redis.publish(CHANNEL, redis.nodeId() + " " + username);
    }
  }

  private void received(String message) {
    int space = message.indexOf(' ');
    if (space > 0 && !message.substring(0, space).equals(redis.nodeId())) {
      chat.expel(message.substring(space + 1));
    }
  }
}
