package org.roomchat.group;

import java.util.function.Consumer;

/**
 * Notices every node hears, this one included: a topic's listeners on each node receive each
 * notice published on it. Nothing is stored; a node that is away when a notice goes out misses
 * it, so a notice must only hasten what every node also finds out on its own.
 */
public interface NodeBroadcast {

  /** Hands the notice to this node's listeners of the topic at once, and to the other nodes'. */
  void publish(String topic, String notice);

  /** Adds a listener for the topic's notices on this node. */
  void listen(String topic, Consumer<String> listener);
}
