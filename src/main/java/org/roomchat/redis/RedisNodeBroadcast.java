package org.roomchat.redis;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Inject;
import java.util.function.Consumer;
import org.roomchat.group.InProcessNodeBroadcast;
import org.roomchat.group.NodeBroadcast;
import org.roomchat.group.RoomEvent;

/**
 * Notices on a Redis channel per topic, in the same published form as room events: this node's
 * listeners hear a notice at once, the other nodes' through Redis, and a node ignores its own
 * when they come back.
 */
@ApplicationScoped
@Typed(RedisNodeBroadcast.class)
public class RedisNodeBroadcast implements NodeBroadcast {

  @Inject RedisLink link;

  private final InProcessNodeBroadcast local = new InProcessNodeBroadcast();

  static String channel(String topic) {
    return "roomchat:" + topic;
  }

  @Override
  public void publish(String topic, String notice) {
    local.publish(topic, notice);
    link.publish(channel(topic), new PublishedEvent(link.nodeId(), RoomEvent.of(notice)).encode());
  }

  @Override
  public void listen(String topic, Consumer<String> listener) {
    local.listen(topic, listener);
    link.listen(
        channel(topic),
        wire -> {
          if (!PublishedEvent.isFrom(wire, link.nodeId())) {
            listener.accept(PublishedEvent.decode(wire).event().json());
          }
        });
  }
}
