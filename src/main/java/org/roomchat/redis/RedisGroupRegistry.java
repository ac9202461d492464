package org.roomchat.redis;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Logger;
import org.roomchat.group.GroupMember;
import org.roomchat.group.GroupRegistry;
import org.roomchat.group.InProcessGroupRegistry;
import org.roomchat.group.MessageHistory;
import org.roomchat.group.MessageOrder;
import org.roomchat.group.RoomEvent;

/**
 * Groups shared by every node on one Redis server. Members are held by the node they are connected
 * to; a send reaches this node's members directly (so a node keeps serving its own rooms while
 * Redis is away) and is published once on the group's channel, where every other node that has
 * members in the group picks it up. A node listens to a group's channel only while it has members
 * in it.
 *
 * <p>Chat messages reach this node's members in their room's sequence, whichever node stored them
 * ({@link MessageOrder}): a message that overtook an earlier one waits for it, briefly, and then
 * the earlier ones are read from the database. A group's place in the sequence is read from the
 * database once Redis confirms this node listens to it, and again each time listening resumes
 * after an outage, which delivers what was stored meanwhile.
 */
@ApplicationScoped
@Typed(RedisGroupRegistry.class)
public class RedisGroupRegistry implements GroupRegistry {

  /** How long a first member waits for its node to listen to the group's channel. */
  private static final Duration SUBSCRIBE_WAIT = Duration.ofSeconds(2);

  /** How far before this node's outage began its replay of edits and deletions reaches. */
  private static final Duration CHANGE_REPLAY_SLACK = Duration.ofSeconds(5);

  /**
   * How far back edits and deletions are replayed when another node says its link was down, for
   * as long as it does not say: changes older than this, during an outage of that node alone, are
   * left to the members' next catch-up.
   */
  private static final Duration CHANGE_REPLAY_AFTER_OTHERS_OUTAGE = Duration.ofMinutes(10);

  private static final Logger LOG = Logger.getLogger(RedisGroupRegistry.class.getName());

  @Inject RedisLink link;
  @Inject MessageHistory history;

  @Resource(lookup = "java:comp/DefaultManagedScheduledExecutorService")
  ScheduledExecutorService scheduler;

  private final InProcessGroupRegistry local = new InProcessGroupRegistry();
  private MessageOrder order;

  /** Decides listening and not listening in the order members come and go. */
  private final Object listening = new Object();

  static String channel(String group) {
    return "roomchat:group:" + group;
  }

  @PostConstruct
  void init() {
    order =
        new MessageOrder(
            local::send,
            history,
            (task, delayMillis) -> scheduler.schedule(task, delayMillis, TimeUnit.MILLISECONDS));
  }

  /**
   * Adds the member; once this returns, every chat message stored in the group from now on reaches
   * it, in order. Throws, leaving the member out, when the group's place in its sequence cannot be
   * read from the database.
   */
  @Override
  public void add(String group, GroupMember member) {
    CompletableFuture<Void> subscribed;
    synchronized (listening) {
      order.open(group);
      local.add(group, member);
      subscribed = link.listen(channel(group), wire -> receive(group, wire), () -> resumed(group));
    }
    if (!subscribed.isDone()) {
      // Until Redis confirms, events from other nodes would miss this member.
      try {
        subscribed.get(SUBSCRIBE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
      } catch (TimeoutException | ExecutionException e) {
        LOG.fine(() -> "Redis did not confirm listening to " + group + " in time");
        // What is published before Redis confirms does not arrive: read it once it has.
        subscribed.thenRun(() -> order.resync(group, last -> {}));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    if (!order.isSynced(group)) {
      try {
        order.sync(group);
      } catch (RuntimeException e) {
        discard(group, member);
        throw e;
      }
    }
  }

  @Override
  public void discard(String group, GroupMember member) {
    synchronized (listening) {
      local.discard(group, member);
      if (local.size(group) == 0) {
        link.unlisten(channel(group));
        order.close(group);
      }
    }
  }

  @Override
  public void send(String group, RoomEvent event) {
    order.offer(group, event);
    link.publish(channel(group), new PublishedEvent(link.nodeId(), event).encode());
  }

  /** An event from the group's channel: another node's reaches this node's members. */
  private void receive(String group, String wire) {
    if (PublishedEvent.isFrom(wire, link.nodeId())) {
      return; // delivered locally when it was sent
    }
    PublishedEvent published = PublishedEvent.decode(wire);
    if (published.isStoredUpTo()) {
      order.storedUpTo(group, published.event().seq());
      // The other node's link was down: its edits and deletions of that time may not have come.
      order.replayChanges(group, Instant.now().minus(CHANGE_REPLAY_AFTER_OTHERS_OUTAGE));
    } else {
      order.offer(group, published.event());
    }
  }

  /**
   * Listening to the group resumed after the link was down: catch up with the database, then tell
   * the other nodes how far the room's messages go, since those this node published meanwhile
   * may not have reached them.
   */
  private void resumed(String group) {
    order.replayChanges(group, link.lastOutageStart().minus(CHANGE_REPLAY_SLACK));
    order.resync(
        group,
        last ->
            link.publish(
                channel(group), PublishedEvent.storedUpTo(link.nodeId(), last).encode()));
  }
}
