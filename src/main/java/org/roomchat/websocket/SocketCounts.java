package org.roomchat.websocket;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import org.roomchat.redis.RedisLink;
import org.roomchat.redis.RedisSocketCount;

/** Chooses the open-socket count: shared in Redis when {@code REDIS_URL} is set, else this process's. */
@ApplicationScoped
public class SocketCounts {

  @Produces
  @ApplicationScoped
  SocketCount socketCount(
      RedisLink redis,
      Instance<RedisSocketCount> sharedThroughRedis,
      Instance<InProcessSocketCount> inProcess) {
    return redis.enabled() ? sharedThroughRedis.get() : inProcess.get();
  }
}
