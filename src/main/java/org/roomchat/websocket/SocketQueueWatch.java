package org.roomchat.websocket;

import io.prometheus.metrics.core.metrics.Counter;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.logging.Logger;
import org.roomchat.chat.OpenConnections;
import org.roomchat.config.ChatSettings;
import org.roomchat.metrics.ChatMetrics;
import org.roomchat.protocol.CloseCode;

/**
 * Hears what the sockets' outbound queues report (rooms' and users' own streams): frames written
 * and expired are counted, and a socket whose client fell too far behind is closed with 1013 so
 * that it reconnects and catches up.
 */
@ApplicationScoped
public class SocketQueueWatch implements ClientSocket.Listener, UserStreamSocket.Listener {

  private static final Logger LOG = Logger.getLogger(SocketQueueWatch.class.getName());

  @Inject ChatSettings settings;
  @Inject ChatMetrics metrics;
  @Inject OpenConnections connections;

  /** Counted once per frame written: held here, not reached through the metrics bean's proxy. */
  private Counter framesDelivered;

  @PostConstruct
  void init() {
    framesDelivered = metrics.framesDelivered();
    metrics.gauge(
        "chat_outbound_queued", "Frames waiting in this node's outbound queues", connections::queued);
  }

  /** Created at start-up, so its gauge is registered before the first connection. */
  void start(@Observes @Initialized(ApplicationScoped.class) Object start) {
    // Observing is enough: the container creates the bean and runs init().
  }

  @Override
  public void expired(ClientSocket socket, int dropped) {
    metrics.framesExpired(dropped);
    LOG.fine(() -> dropped + " frames expired unsent on " + socket);
  }

  @Override
  public void delivered(ClientSocket socket) {
    framesDelivered.inc();
  }

  @Override
  public void delivered(UserStreamSocket stream) {
    framesDelivered.inc();
  }

  @Override
  public void overflowed(UserStreamSocket stream) {
    metrics.queueOverflowed();
    LOG.warning(() -> stream + " fell " + settings.capacity() + " frames behind; closing it");
    connections.closeLater(stream, CloseCode.TRY_AGAIN_LATER, "Too slow");
  }

  @Override
  public void overflowed(ClientSocket socket) {
    metrics.queueOverflowed();
    LOG.warning(
        () ->
            socket
                + " fell "
                + settings.capacity()
                + " frames or "
                + settings.capacityBytes()
                + " bytes behind; closing it");
    // Closing writes a frame; do it off the fan-out thread, which must never wait on a client.
    connections.closeLater(socket, CloseCode.TRY_AGAIN_LATER, "Too slow");
  }
}
