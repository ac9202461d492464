package org.roomchat.chat;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.Predicate;
import org.roomchat.protocol.CloseCode;

/**
 * The sockets open on this node, rooms' and users' own streams: what a graceful stop drains and
 * closes, and what a disabled account or an ended login closes.
 */
@ApplicationScoped
public class OpenConnections {

  @Resource ManagedExecutorService managedExecutor;

  private final Set<Connection> open = ConcurrentHashMap.newKeySet();
  private Executor closer;

  OpenConnections() {}

  /** A registry outside the container, closing clients on the given executor. */
  public OpenConnections(Executor closer) {
    this.closer = closer;
  }

  void add(Connection client) {
    open.add(client);
  }

  void remove(Connection client) {
    open.remove(client);
  }

  /** The sockets open now. */
  public List<Connection> all() {
    return List.copyOf(open);
  }

  /** Frames waiting to be written to this node's clients. */
  public long queued() {
    return open.stream().mapToLong(Connection::queued).sum();
  }

  /**
   * Ends the matching clients' connections with the code, off the calling thread: closing writes
   * a frame, which a receiving or fan-out thread must never wait on.
   */
  public void closeWhere(Predicate<Connection> which, CloseCode code, String reason) {
    for (Connection client : open) {
      if (which.test(client)) {
        closeLater(client, code, reason);
      }
    }
  }

  /** Ends one client's connection, off the calling thread. */
  public void closeLater(Connection client, CloseCode code, String reason) {
    executor().execute(() -> client.disconnect(code, reason));
  }

  private Executor executor() {
    return closer != null ? closer : managedExecutor;
  }
}
