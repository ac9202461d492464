package org.roomchat.room;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import org.roomchat.redis.RedisLink;
import org.roomchat.redis.RedisPresence;

/** Chooses presence: shared in Redis when {@code REDIS_URL} is set, else this process's. */
@ApplicationScoped
public class Presences {

  @Produces
  @ApplicationScoped
  Presence presence(
      RedisLink redis,
      Instance<RedisPresence> sharedThroughRedis,
      Instance<InProcessPresence> inProcess) {
    return redis.enabled() ? sharedThroughRedis.get() : inProcess.get();
  }
}
