package org.roomchat.wiring;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;
import org.roomchat.chat.InProcessSocketCount;
import org.roomchat.chat.SocketCount;
import org.roomchat.config.ChatSettings;
import org.roomchat.config.LimitSettings;
import org.roomchat.group.GroupRegistry;
import org.roomchat.group.InProcessGroupRegistry;
import org.roomchat.group.InProcessNodeBroadcast;
import org.roomchat.group.NodeBroadcast;
import org.roomchat.guard.Limit;
import org.roomchat.guard.MessagePolicy;
import org.roomchat.guard.RateLimiter;
import org.roomchat.guard.SlidingWindowRateLimiter;
import org.roomchat.redis.RedisGroupRegistry;
import org.roomchat.redis.RedisLink;
import org.roomchat.redis.RedisNodeBroadcast;
import org.roomchat.redis.RedisPresence;
import org.roomchat.redis.RedisRateLimiter;
import org.roomchat.redis.RedisSocketCount;
import org.roomchat.room.InProcessPresence;
import org.roomchat.room.Presence;

/**
 * The one place that chooses the adapters behind the core's ports, once, from the settings: with
 * {@code REDIS_URL} set, the group registry, presence, socket counts, notices between nodes and
 * every rate limit are shared by all nodes through Redis; without it, they live in this process.
 * The core only ever sees the ports.
 */
@ApplicationScoped
public class AdapterWiring {

  @Inject RedisLink redis;
  @Inject ChatSettings settings;
  @Inject LimitSettings limits;

  @Produces
  @ApplicationScoped
  GroupRegistry groupRegistry(
      Instance<RedisGroupRegistry> sharedThroughRedis, Instance<InProcessGroupRegistry> inProcess) {
    return oneOf(sharedThroughRedis, inProcess);
  }

  @Produces
  @ApplicationScoped
  Presence presence(
      Instance<RedisPresence> sharedThroughRedis, Instance<InProcessPresence> inProcess) {
    return oneOf(sharedThroughRedis, inProcess);
  }

  @Produces
  @ApplicationScoped
  SocketCount socketCount(
      Instance<RedisSocketCount> sharedThroughRedis, Instance<InProcessSocketCount> inProcess) {
    return oneOf(sharedThroughRedis, inProcess);
  }

  @Produces
  @ApplicationScoped
  NodeBroadcast nodeBroadcast(
      Instance<RedisNodeBroadcast> throughRedis, Instance<InProcessNodeBroadcast> inProcess) {
    return oneOf(throughRedis, inProcess);
  }

  @Produces
  @Singleton
  MessagePolicy messagePolicy() {
    return new MessagePolicy(settings.maxMessageLength(), settings.bannedWords());
  }

  @Produces
  @Singleton
  @Limit(Limit.Of.MESSAGES)
  RateLimiter messages() {
    return rateLimiter(Limit.Of.MESSAGES, limits.messages(), limits.messagesWindow());
  }

  @Produces
  @Singleton
  @Limit(Limit.Of.FAILED_LOGINS_PER_ACCOUNT)
  RateLimiter failedLoginsPerAccount() {
    return rateLimiter(
        Limit.Of.FAILED_LOGINS_PER_ACCOUNT, limits.loginAccountFailures(), limits.loginWindow());
  }

  @Produces
  @Singleton
  @Limit(Limit.Of.FAILED_LOGINS_PER_DEVICE)
  RateLimiter failedLoginsPerDevice() {
    return rateLimiter(
        Limit.Of.FAILED_LOGINS_PER_DEVICE, limits.loginDeviceFailures(), limits.loginWindow());
  }

  @Produces
  @Singleton
  @Limit(Limit.Of.FAILED_LOGINS_PER_ADDRESS)
  RateLimiter failedLoginsPerAddress() {
    return rateLimiter(
        Limit.Of.FAILED_LOGINS_PER_ADDRESS, limits.loginAddressFailures(), limits.loginWindow());
  }

  @Produces
  @Singleton
  @Limit(Limit.Of.SIGNUPS_PER_ADDRESS)
  RateLimiter signupsPerAddress() {
    return hourly(Limit.Of.SIGNUPS_PER_ADDRESS, limits.signupsPerHour());
  }

  @Produces
  @Singleton
  @Limit(Limit.Of.REFUSED_SIGNUPS_PER_ADDRESS)
  RateLimiter refusedSignupsPerAddress() {
    return hourly(Limit.Of.REFUSED_SIGNUPS_PER_ADDRESS, limits.refusedSignupsPerHour());
  }

  @Produces
  @Singleton
  @Limit(Limit.Of.ROOM_CREATIONS)
  RateLimiter roomCreations() {
    return rateLimiter(
        Limit.Of.ROOM_CREATIONS, limits.roomCreationsPerHour(), Duration.ofHours(1));
  }

  @Produces
  @Singleton
  @Limit(Limit.Of.NEW_CONVERSATIONS)
  RateLimiter newConversations() {
    return hourly(Limit.Of.NEW_CONVERSATIONS, limits.newConversationsPerHour());
  }

  /** So many per hour; 0 turns the limit off. */
  private RateLimiter hourly(Limit.Of which, int perHour) {
    return perHour == 0 ? RateLimiter.unlimited() : rateLimiter(which, perHour, Duration.ofHours(1));
  }

  /** The Redis adapter when Redis is configured, else the in-process one. */
  private <T> T oneOf(Instance<? extends T> throughRedis, Instance<? extends T> inProcess) {
    return redis.enabled() ? throughRedis.get() : inProcess.get();
  }

  /** Counted in Redis, with this node's own count standing in while Redis is away; or here. */
  private RateLimiter rateLimiter(Limit.Of which, int limit, Duration window) {
    RateLimiter thisNode = new SlidingWindowRateLimiter(limit, window);
    return redis.enabled()
        ? new RedisRateLimiter(redis, which.key(), limit, window, thisNode)
        : thisNode;
  }
}
