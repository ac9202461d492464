package org.roomchat.redis;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Logger;
import org.roomchat.group.GroupMember;
import org.roomchat.group.GroupRegistry;
import org.roomchat.group.InProcessGroupRegistry;
import org.roomchat.group.RoomEvent;

/**
 * Groups shared by every node on one Redis server. Members are held by the node they are connected
 * to; a send reaches this node's members directly (so a node keeps serving its own rooms while
 * Redis is away) and is published once on the group's channel, where every other node that has
 * members in the group picks it up. A node listens to a group's channel only while it has members
 * in it.
 *
 * <p>Each sender's order is kept because a send publishes synchronously on the sending thread:
 * Redis has queued the event for every subscriber before the next send starts.
 */
@ApplicationScoped
@Typed(RedisGroupRegistry.class)
public class RedisGroupRegistry implements GroupRegistry {

  /** How long a first member waits for its node to listen to the group's channel. */
  private static final Duration SUBSCRIBE_WAIT = Duration.ofSeconds(2);

  private static final Logger LOG = Logger.getLogger(RedisGroupRegistry.class.getName());

  @Inject RedisLink link;

  private final InProcessGroupRegistry local = new InProcessGroupRegistry();

  /** Decides listening and not listening in the order members come and go. */
  private final Object listening = new Object();

  static String channel(String group) {
    return "roomchat:group:" + group;
  }

  @Override
  public void add(String group, GroupMember member) {
    local.add(group, member);
    CompletableFuture<Void> subscribed = listenWhileOccupied(group);
    if (subscribed != null && !subscribed.isDone()) {
      // Until Redis confirms, events from other nodes would miss this member.
      try {
        subscribed.get(SUBSCRIBE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
      } catch (TimeoutException | ExecutionException e) {
        LOG.fine(() -> "Redis did not confirm listening to " + group + " in time");
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public void discard(String group, GroupMember member) {
    local.discard(group, member);
    listenWhileOccupied(group);
  }

  @Override
  public void send(String group, RoomEvent event) {
    local.send(group, event);
    link.publish(channel(group), new PublishedEvent(link.nodeId(), event).encode());
  }

  /** Listens to the group's channel exactly while this node has members in the group. */
  private CompletableFuture<Void> listenWhileOccupied(String group) {
    synchronized (listening) {
      if (local.size(group) > 0) {
        return link.listen(channel(group), wire -> receive(group, wire));
      }
      link.unlisten(channel(group));
      return null;
    }
  }

  /** An event from the group's channel: another node's reaches this node's members. */
  private void receive(String group, String wire) {
    if (PublishedEvent.isFrom(wire, link.nodeId())) {
      return; // delivered locally when it was sent
    }
    local.send(group, PublishedEvent.decode(wire).event());
  }

  /** How many members the group has on this node. */
  public int localSize(String group) {
    return local.size(group);
  }
}
