package org.roomchat.metrics;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
import org.roomchat.chat.ChatMeter;
import org.roomchat.room.RoomMeter;

/**
 * This node's connection and message counters, kept with the Prometheus client library in the
 * WAR (so {@code /metrics} is the same on every server), and the JVM's own (memory, garbage
 * collection, threads, class loading); the admin dashboard reads the same numbers.
 */
@ApplicationScoped
public class ChatMetrics implements ChatMeter, RoomMeter {

  /** Upper bounds of the connection-duration buckets: a second to a day. */
  private static final double[] DURATION_BOUNDS = {1, 10, 60, 300, 1800, 3600, 21600, 86400};

  private static final String[] STATUS_CLASSES = {"1xx", "2xx", "3xx", "4xx", "5xx"};

  private final PrometheusRegistry registry = new PrometheusRegistry();
  private final AtomicLong open = new AtomicLong();
  private final LongAdder closedCount = new LongAdder();
  private final LongAdder closedMillis = new LongAdder();

  private final Counter opened =
      counter("chat_connections_opened", "WebSocket connections opened");
  private final Counter closed =
      Counter.builder()
          .name("chat_connections_closed")
          .help("WebSocket connections closed, by close code")
          .labelNames("code")
          .register(registry);
  private final Histogram duration =
      Histogram.builder()
          .name("chat_connection_duration_seconds")
          .help("How long closed connections were open")
          .classicOnly()
          .classicUpperBounds(DURATION_BOUNDS)
          .register(registry);
  private final Counter received =
      counter("chat_messages_received", "Chat messages received from clients");
  private final Counter stored = counter("chat_messages_stored", "Chat messages stored");
  private final Counter delivered = counter("chat_frames_delivered", "Frames written to clients");
  private final Counter rejected =
      Counter.builder()
          .name("chat_error_frames")
          .help("Error frames sent to clients, by reason")
          .labelNames("reason")
          .register(registry);
  private final Counter expired =
      counter("chat_frames_expired", "Frames dropped after waiting past the expiry");
  private final Counter overflowed =
      counter("chat_queue_overflows", "Connections closed with 1013 for a full outbound queue");
  private final Counter loginsRefused =
      Counter.builder()
          .name("chat_logins_refused")
          .help("Logins refused: wrong password or unknown name, throttled, or hashing busy")
          .labelNames("reason")
          .register(registry);
  private final Counter signupsRefused =
      Counter.builder()
          .name("chat_signups_refused")
          .help("Sign-ups refused for their address's limit, or hashing busy")
          .labelNames("reason")
          .register(registry);
  private final Counter socketsRefused =
      counter("chat_sockets_refused", "WebSockets refused: the user had the cap's worth open");
  private final Counter floodsClosed =
      counter(
          "chat_floods_closed", "Connections closed with 1008 for too many bad or excess frames");
  private final Counter typingDropped =
      counter("chat_typing_dropped", "Typing frames not forwarded: no change, or too many");
  private final Histogram publishLatency =
      latency("chat_registry_publish_seconds", "Time to hand a room event to the registry");
  private final Histogram databaseWriteLatency =
      latency("chat_database_write_seconds", "Time to store one batch of messages");
  private final Counter httpAnswers =
      Counter.builder()
          .name("chat_http_responses")
          .help("HTTP answers of the application, by status class (2xx, 3xx, 4xx, 5xx)")
          .labelNames("status")
          .register(registry);
  private final Counter roomCreationsRefused =
      counter(
          "chat_room_creations_refused",
          "New rooms refused to users past chat.rooms.creations-per-hour");
  private final Counter conversationCreationsRefused =
      counter(
          "chat_conversation_creations_refused",
          "New conversations refused to users past chat.dm.new-per-hour");

  /** Created at start-up, so a scrape sees every metric before the first connection. */
  void start(@Observes @Initialized(ApplicationScoped.class) Object start) {
    gauge("chat_connections_open", "Open WebSocket connections", open::get);
    JvmMetrics.builder().register(registry);
  }

  private Counter counter(String name, String help) {
    return Counter.builder().name(name).help(help).register(registry);
  }

  private Histogram latency(String name, String help) {
    return Histogram.builder().name(name).help(help).classicOnly().register(registry);
  }

  /** The registry {@code /metrics} serves. */
  public PrometheusRegistry registry() {
    return registry;
  }

  /** Registers a gauge read at scrape time, e.g. the frames waiting in outbound queues. */
  public void gauge(String name, String help, LongSupplier value) {
    GaugeWithCallback.builder()
        .name(name)
        .help(help)
        .callback(callback -> callback.call(value.getAsLong()))
        .register(registry);
  }

  @Override
  public void connectionOpened() {
    open.incrementAndGet();
    opened.inc();
  }

  @Override
  public void connectionClosed(Duration lasted, int closeCode) {
    open.decrementAndGet();
    closedCount.increment();
    closedMillis.add(lasted.toMillis());
    duration.observe(lasted.toNanos() / 1e9);
    closed.labelValues(Integer.toString(closeCode)).inc();
  }

  @Override
  public void messageReceived() {
    received.inc();
  }

  @Override
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
  @Override
  public void frameRejected(String code) {
    rejected.labelValues(code).inc();
  }

  /** A login refused: {@code failed}, {@code throttled} or {@code busy}. */
  public void loginRefused(String reason) {
    loginsRefused.labelValues(reason).inc();
  }

  /** A sign-up refused: {@code throttled} or {@code busy}. */
  public void signupRefused(String reason) {
    signupsRefused.labelValues(reason).inc();
  }

  public void framesExpired(int count) {
    expired.inc(count);
  }

  public void queueOverflowed() {
    overflowed.inc();
  }

  public void socketRefused() {
    socketsRefused.inc();
  }

  @Override
  public void floodClosed() {
    floodsClosed.inc();
  }

  @Override
  public void typingDropped() {
    typingDropped.inc();
  }

  /** One HTTP answer of this status, counted by its class. */
  public void httpAnswered(int status) {
    httpAnswers.labelValues(STATUS_CLASSES[Math.min(Math.max(status / 100, 1), 5) - 1]).inc();
  }

  @Override
  public void roomCreationRefused() {
    roomCreationsRefused.inc();
  }

  @Override
  public void conversationCreationRefused() {
    conversationCreationsRefused.inc();
  }

  @Override
  public void published(long nanos) {
    publishLatency.observe(nanos / 1e9);
  }

  @Override
  public void databaseWrite(long nanos) {
    databaseWriteLatency.observe(nanos / 1e9);
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
