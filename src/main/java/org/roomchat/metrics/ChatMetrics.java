package org.roomchat.metrics;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Histogram;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.Timer;
import org.eclipse.microprofile.metrics.annotation.RegistryScope;

/**
 * This node's connection and message counters, registered with MicroProfile Metrics so that
 * {@code /metrics} serves them to Prometheus; the admin dashboard reads the same numbers.
 */
@ApplicationScoped
public class ChatMetrics {

  @Inject
  @RegistryScope(scope = MetricRegistry.APPLICATION_SCOPE)
  MetricRegistry registry;

  private final AtomicLong open = new AtomicLong();
  private final LongAdder closedCount = new LongAdder();
  private final LongAdder closedMillis = new LongAdder();
  private final ConcurrentHashMap<Integer, Counter> closedByCode = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, Counter> errorsByReason = new ConcurrentHashMap<>();

  private Counter opened;
  private Histogram duration;
  private Counter received;
  private Counter stored;
  private Counter delivered;
  private Counter expired;
  private Counter overflowed;
  private Timer publishLatency;
  private Timer databaseWriteLatency;

  /** Registers the metrics at start-up, so a scrape sees them before the first connection. */
  void start(@Observes @Initialized(ApplicationScoped.class) Object start) {
    // Observing is enough: the container creates the bean, which registers in @PostConstruct.
  }

  @PostConstruct
  void register() {
    registry.gauge(
        Metadata.builder()
            .withName("chat_connections_open")
            .withDescription("Open WebSocket connections")
            .build(),
        open,
        AtomicLong::get);
    opened = counter("chat_connections_opened", "WebSocket connections opened");
    duration =
        registry.histogram(
            Metadata.builder()
                .withName("chat_connection_duration")
                .withDescription("How long closed connections were open")
                .withUnit(MetricUnits.MILLISECONDS)
                .build());
    received = counter("chat_messages_received", "Chat messages received from clients");
    stored = counter("chat_messages_stored", "Chat messages stored");
    delivered = counter("chat_frames_delivered", "Frames written to clients");
    expired = counter("chat_frames_expired", "Frames dropped after waiting past the expiry");
    overflowed =
        counter("chat_queue_overflows", "Connections closed with 1013 for a full outbound queue");
    publishLatency = timer("chat_registry_publish_seconds", "Time to hand a room event to the registry");
    databaseWriteLatency = timer("chat_database_write_seconds", "Time to store one batch of messages");
  }

  private Counter counter(String name, String description) {
    return registry.counter(Metadata.builder().withName(name).withDescription(description).build());
  }

  private Timer timer(String name, String description) {
    return registry.timer(Metadata.builder().withName(name).withDescription(description).build());
  }

  /** Registers a gauge read at scrape time, e.g. the frames waiting in outbound queues. */
  public void gauge(String name, String description, Supplier<Long> value) {
    registry.gauge(
        Metadata.builder().withName(name).withDescription(description).build(),
        value,
        Supplier::get);
  }

  public void connectionOpened() {
    open.incrementAndGet();
    opened.inc();
  }

  public void connectionClosed(Duration lasted, int closeCode) {
    open.decrementAndGet();
    closedCount.increment();
    closedMillis.add(lasted.toMillis());
    duration.update(lasted.toMillis());
    closedByCode
        .computeIfAbsent(
            closeCode,
            code ->
                registry.counter(
                    Metadata.builder()
                        .withName("chat_connections_closed")
                        .withDescription("WebSocket connections closed, by close code")
                        .build(),
                    new Tag("code", Integer.toString(code))))
        .inc();
  }

  public void messageReceived() {
    received.inc();
  }

  public void messageStored() {
    stored.inc();
  }

  /**
   * The counter of frames written to clients, for a caller on the per-frame path to keep: one
   * call through this bean's proxy per frame costs more than the count itself.
   */
  public Counter framesDelivered() {
    return delivered;
  }

  /** One error frame sent, counted by its reason code (rate_limited, too_long, ...). */
  public void frameRejected(String reason) {
    errorsByReason
        .computeIfAbsent(
            reason,
            r ->
                registry.counter(
                    Metadata.builder()
                        .withName("chat_error_frames")
                        .withDescription("Error frames sent to clients, by reason")
                        .build(),
                    new Tag("reason", r)))
        .inc();
  }

  public void framesExpired(int count) {
    expired.inc(count);
  }

  public void queueOverflowed() {
    overflowed.inc();
  }

  public Timer publishLatency() {
    return publishLatency;
  }

  public Timer databaseWriteLatency() {
    return databaseWriteLatency;
  }

  public long openConnections() {
    return open.get();
  }

  /** Mean lifetime of the connections closed so far. */
  public Duration averageConnectionDuration() {
    long count = closedCount.sum();
    return count == 0 ? Duration.ZERO : Duration.ofMillis(closedMillis.sum() / count);
  }

}
