package org.roomchat.redis;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.roomchat.config.ChatSettings;
import org.roomchat.config.RedisSettings;
import org.roomchat.metrics.ChatMetrics;
import redis.clients.jedis.ConnectionPool;
import redis.clients.jedis.JedisPubSub;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.RedisClusterClient;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisException;

/**
 * This node's connection to Redis, when {@code REDIS_URL} is set: a pooling client for commands and
 * one subscriber connection, on a container thread, for the channels this node listens to.
 *
 * <p>The subscriber also watches the link. When Redis goes away it logs the outage once, and
 * commands are skipped (callers fall back to what this node knows) until the subscriber is back; it
 * retries with a backoff capped at {@link #MAX_RETRY_DELAY}, listens again to every channel it had,
 * logs the recovery once and runs the recovery actions.
 */
@ApplicationScoped
public class RedisLink {

  static final Duration FIRST_RETRY_DELAY = Duration.ofMillis(100);
  static final Duration MAX_RETRY_DELAY = Duration.ofSeconds(2);
  private static final Duration STOP_WAIT = Duration.ofSeconds(10);
  private static final long COMMAND_ERROR_LOG_INTERVAL_NANOS = Duration.ofMinutes(1).toNanos();

  private static final Logger LOG = Logger.getLogger(RedisLink.class.getName());

  private enum State {
    STARTING,
    UP,
    DOWN,
    /** Undeployed: commands are skipped and nothing more is logged. */
    STOPPED
  }

  @Inject RedisSettings redisSettings;
  @Inject ChatSettings settings;
  @Inject ChatMetrics metrics;

  @Resource ManagedThreadFactory threads;
  @Resource ManagedExecutorService executor;

  private RedisAddress address;
  private UnifiedJedis redis;
  private String nodeId;
  private String controlChannel;
  private Thread subscriberThread;
  private volatile boolean running;

  /** Guards every write on the subscriber connection and the subscription bookkeeping. */
  private final Object subscriptions = new Object();

  private final Map<String, Consumer<String>> listeners = new ConcurrentHashMap<>();
  private final Map<String, Runnable> resubscribedHooks = new ConcurrentHashMap<>();
  private final Set<String> resubscribing = new HashSet<>(); // guarded by subscriptions
  private final Map<String, CompletableFuture<Void>> unconfirmed = new ConcurrentHashMap<>();
  private Subscriber subscribed; // guarded by subscriptions

  private final Object stateLock = new Object();
  private volatile State state = State.STARTING;
  private long downSince; // guarded by stateLock
  private volatile Instant lastOutageStart = Instant.EPOCH;
  private final List<Runnable> recoveryActions = new CopyOnWriteArrayList<>();
  private volatile long lastCommandErrorLogged;

  private final Object retryWait = new Object();

  @PostConstruct
  void start() {
    nodeId =
        settings.node().replaceAll("[^\\w.-]", "_")
            + "-"
            + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
    Optional<String> configured = redisSettings.url().map(String::strip);
    if (configured.isEmpty()) {
      return;
    }
    address = RedisAddress.parse(configured.get());
    redis = address.connect("roomchat-" + nodeId);
    controlChannel = "roomchat:node:" + nodeId;
    running = true;
    subscriberThread = threads.newThread(this::listen);
    subscriberThread.setName("redis-subscriber");
    subscriberThread.start();
    metrics.gauge(
        "chat_redis_up", "1 while commands reach Redis, 0 while they do not", () -> isUp() ? 1 : 0);
    LOG.info(() -> "Sharing rooms through Redis at " + address + " as node " + nodeId);
  }

  /** Connects at deployment, not at the first user, so this node sweeps and listens at once. */
  void boot(@Observes @Initialized(ApplicationScoped.class) Object start) {
    // Observing the event is enough to create the bean.
  }

  /** Whether Redis is configured; when not, the in-process implementations serve. */
  public boolean enabled() {
    return redis != null;
  }

  /** Whether commands reach Redis now. */
  /**
   * When the link last went down ({@link Instant#EPOCH} if never): what other nodes published from
   * then on may not have arrived.
   */
  public Instant lastOutageStart() {
    return lastOutageStart;
  }

  public boolean isUp() {
    return state == State.UP;
  }

  /** This process's name in Redis: the node name and a random suffix, unique per start. */
  public String nodeId() {
    return nodeId;
  }

  /** Runs the action (off the subscriber thread) each time the link comes up. */
  public void onRecovery(Runnable action) {
    recoveryActions.add(action);
  }

  /**
   * Runs a command when Redis is up. Empty when it is down or the command failed, so the caller
   * falls back; a lost connection marks the link down without logging per command.
   */
  public <T> Optional<T> call(Function<UnifiedJedis, T> command) {
    if (state != State.UP) {
      return Optional.empty();
    }
    try {
      return Optional.ofNullable(command.apply(redis));
    } catch (JedisDataException refused) {
      logCommandError(refused);
      return Optional.empty();
    } catch (JedisException firstFailure) {
      // Idle pooled connections go stale when Redis restarts: drop them and try once more.
      clearIdleConnections();
      try {
        return Optional.ofNullable(command.apply(redis));
      } catch (JedisDataException refused) {
        logCommandError(refused);
        return Optional.empty();
      } catch (JedisException secondFailure) {
        linkLost(secondFailure);
        reconnectSubscriber();
        return Optional.empty();
      }
    }
  }

  /** Publishes to a channel; false when skipped because Redis is down. */
  public boolean publish(String channel, String message) {
    return call(r -> r.publish(channel, message)).isPresent();
  }

  /**
   * Delivers the channel's messages to the listener (on the subscriber thread) until {@link
   * #unlisten}. The answer completes once Redis confirms the subscription, or at once while Redis
   * is down (the subscription is made on reconnection).
   */
  public CompletableFuture<Void> listen(String channel, Consumer<String> listener) {
    return listen(channel, listener, null);
  }

  /**
   * As {@link #listen(String, Consumer)}; {@code resubscribed} (if not null) runs on the subscriber
   * thread, so it must not block, each time Redis confirms the channel again after the subscriber
   * (re)connected: messages published meanwhile were not delivered.
   */
  public CompletableFuture<Void> listen(
      String channel, Consumer<String> listener, Runnable resubscribed) {
    synchronized (subscriptions) {
      if (listeners.putIfAbsent(channel, listener) != null) {
        return unconfirmed.getOrDefault(channel, CompletableFuture.completedFuture(null));
      }
      if (resubscribed != null) {
        resubscribedHooks.put(channel, resubscribed);
      }
      if (subscribed == null) {
        return CompletableFuture.completedFuture(null);
      }
      CompletableFuture<Void> confirmed = new CompletableFuture<>();
      unconfirmed.put(channel, confirmed);
      try {
        subscribed.subscribe(channel);
      } catch (RuntimeException e) {
        // The subscriber thread sees the broken connection and subscribes again on reconnection.
        unconfirmed.remove(channel);
        confirmed.complete(null);
      }
      return confirmed;
    }
  }

  /** Stops delivering the channel's messages. */
  public void unlisten(String channel) {
    synchronized (subscriptions) {
      if (listeners.remove(channel) == null) {
        return;
      }
      resubscribedHooks.remove(channel);
      resubscribing.remove(channel);
      CompletableFuture<Void> pending = unconfirmed.remove(channel);
      if (pending != null) {
        pending.complete(null);
      }
      if (subscribed != null) {
        try {
          subscribed.unsubscribe(channel);
        } catch (RuntimeException e) {
          // As above: the reconnection subscribes only to the channels still listened to.
        }
      }
    }
  }

  /** The subscriber thread: connect, listen until the connection ends, wait, again. */
  private void listen() {
    long retryDelay = FIRST_RETRY_DELAY.toMillis();
    while (running) {
      Subscriber subscriber = new Subscriber();
      try {
        redis.subscribe(subscriber, controlChannel);
      } catch (RuntimeException e) {
        if (running) {
          linkLost(e);
        }
      } finally {
        detach(subscriber);
      }
      if (subscriber.connected) {
        retryDelay = FIRST_RETRY_DELAY.toMillis(); // it worked until now: retry quickly
      }
      if (running) {
        pause(retryDelay);
        retryDelay = Math.min(retryDelay * 2, MAX_RETRY_DELAY.toMillis());
      }
    }
  }

  private void pause(long millis) {
    synchronized (retryWait) {
      if (!running) {
        return;
      }
      try {
        retryWait.wait(millis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        running = false;
      }
    }
  }

  private void detach(Subscriber subscriber) {
    synchronized (subscriptions) {
      if (subscribed == subscriber) {
        subscribed = null;
      }
      unconfirmed.values().forEach(pending -> pending.complete(null));
      unconfirmed.clear();
    }
  }

  /** Asks the subscriber to reconnect, which checks the link and marks it up again. */
  private void reconnectSubscriber() {
    synchronized (subscriptions) {
      if (subscribed != null) {
        try {
          subscribed.unsubscribe();
        } catch (RuntimeException e) {
          // Its connection is broken already; the subscriber thread is on its way out.
        }
      }
    }
  }

  private final class Subscriber extends JedisPubSub {
    private volatile boolean connected;

    @Override
    public void onSubscribe(String channel, int subscribedChannels) {
      if (channel.equals(controlChannel)) {
        connected = true;
        synchronized (subscriptions) {
          if (!running) {
            unsubscribe();
            return;
          }
          subscribed = this;
          resubscribing.clear();
          if (!listeners.isEmpty()) {
            resubscribing.addAll(listeners.keySet());
            subscribe(listeners.keySet().toArray(String[]::new));
          }
        }
        linkUp();
      } else {
        CompletableFuture<Void> pending = unconfirmed.remove(channel);
        if (pending != null) {
          pending.complete(null);
        }
        Runnable hook = null;
        synchronized (subscriptions) {
          if (resubscribing.remove(channel)) {
            hook = resubscribedHooks.get(channel);
          }
        }
        if (hook != null) {
          try {
            hook.run();
          } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Resuming Redis channel " + channel + " failed", e);
          }
        }
      }
    }

    @Override
    public void onMessage(String channel, String message) {
      Consumer<String> listener = listeners.get(channel);
      if (listener == null) {
        return;
      }
      try {
        listener.accept(message);
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "Handling a message from Redis channel " + channel + " failed", e);
      }
    }
  }

  private void linkUp() {
    State before;
    long downFor;
    synchronized (stateLock) {
      before = state;
      if (before == State.STOPPED) {
        return;
      }
      downFor = System.nanoTime() - downSince;
      state = State.UP;
    }
    if (before == State.DOWN) {
      LOG.info(
          () ->
              "Redis at "
                  + address
                  + " is reachable again after "
                  + Duration.ofNanos(downFor).toMillis()
                  + " ms; cross-node delivery resumed");
    } else if (before == State.STARTING) {
      LOG.info(() -> "Connected to Redis at " + address);
    }
    if (before != State.UP) {
      for (Runnable action : recoveryActions) {
        executor.execute(action);
      }
    }
  }

  private void linkLost(Exception cause) {
    State before;
    synchronized (stateLock) {
      before = state;
      if (before == State.DOWN || before == State.STOPPED) {
        return;
      }
      state = State.DOWN;
      downSince = System.nanoTime();
      lastOutageStart = Instant.now();
    }
    clearIdleConnections();
    LOG.warning(
        () ->
            "Redis at "
                + address
                + (before == State.STARTING ? " is unreachable at start-up" : " went away")
                + " ("
                + cause
                + "); serving this node's rooms only, and retrying every "
                + MAX_RETRY_DELAY.toMillis()
                + " ms at most");
  }

  private void clearIdleConnections() {
    try {
      if (redis instanceof RedisClient client) {
        client.getPool().clear();
      } else if (redis instanceof RedisClusterClient cluster) {
        cluster.getClusterNodes().values().forEach(ConnectionPool::clear);
      }
    } catch (RuntimeException e) {
      LOG.log(Level.FINE, "Clearing idle Redis connections failed", e);
    }
  }

  private void logCommandError(JedisDataException e) {
    long now = System.nanoTime();
    if (now - lastCommandErrorLogged > COMMAND_ERROR_LOG_INTERVAL_NANOS) {
      lastCommandErrorLogged = now;
      LOG.log(Level.WARNING, "Redis refused a command (logged once a minute at most)", e);
    }
  }

  /** Ends the subscriber (unsubscribing, since an interrupt does not unblock it), then the pool. */
  @PreDestroy
  void stop() {
    if (redis == null) {
      return;
    }
    running = false;
    synchronized (stateLock) {
      state = State.STOPPED;
    }
    synchronized (retryWait) {
      retryWait.notifyAll();
    }
    reconnectSubscriber();
    try {
      subscriberThread.join(STOP_WAIT.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (subscriberThread.isAlive()) {
      LOG.warning("The Redis subscriber did not stop in time; closing its pool under it");
    }
    redis.close();
  }
}
