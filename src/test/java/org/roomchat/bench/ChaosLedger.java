package org.roomchat.bench;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the chaos run's clients saw of the stored messages, all rooms together (message ids are
 * unique across rooms): when each id first reached any member, which text it carried, and which
 * ids their senders saw acknowledged.
 */
final class ChaosLedger {

  private final Map<Long, Long> firstSeen = new ConcurrentHashMap<>();
  private final Map<String, Long> idsByText = new ConcurrentHashMap<>();
  private final Map<Long, String> acknowledged = new ConcurrentHashMap<>();

  /** A member received the message now (nanoTime). */
  void received(long id, String text, long nanos) {
    firstSeen.merge(id, nanos, Math::min);
    idsByText.putIfAbsent(text, id);
  }

  /** Its sender saw the message come back with its id. */
  void acknowledged(long id, String room) {
    acknowledged.put(id, room);
  }

  /** When the message first reached any member (nanoTime), or Long.MAX_VALUE if never. */
  long firstSeen(long id) {
    return firstSeen.getOrDefault(id, Long.MAX_VALUE);
  }

  /** The id a text was stored under, if any member received it; null otherwise. */
  Long idOf(String text) {
    return idsByText.get(text);
  }

  /** Acknowledged ids and their rooms. */
  Map<Long, String> acknowledged() {
    return acknowledged;
  }
}
