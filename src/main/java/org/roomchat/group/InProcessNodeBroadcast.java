package org.roomchat.group;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** Notices for a server that runs alone: this process's listeners are every node's. */
@ApplicationScoped
@Typed(InProcessNodeBroadcast.class)
public class InProcessNodeBroadcast implements NodeBroadcast {

  private final Map<String, List<Consumer<String>>> listeners = new ConcurrentHashMap<>();

  @Override
  public void publish(String topic, String notice) {
    listeners.getOrDefault(topic, List.of()).forEach(listener -> listener.accept(notice));
  }

  @Override
  public void listen(String topic, Consumer<String> listener) {
    listeners.computeIfAbsent(topic, t -> new CopyOnWriteArrayList<>()).add(listener);
  }
}
