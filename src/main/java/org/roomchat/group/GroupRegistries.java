package org.roomchat.group;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import org.roomchat.redis.RedisGroupRegistry;
import org.roomchat.redis.RedisLink;

/** Chooses the group registry: Redis when {@code REDIS_URL} is set, else this process. */
@ApplicationScoped
public class GroupRegistries {

  @Produces
  @ApplicationScoped
  GroupRegistry groupRegistry(
      RedisLink redis,
      Instance<RedisGroupRegistry> sharedThroughRedis,
      Instance<InProcessGroupRegistry> inProcess) {
    return redis.enabled() ? sharedThroughRedis.get() : inProcess.get();
  }
}
