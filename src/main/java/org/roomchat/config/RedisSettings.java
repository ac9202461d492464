package org.roomchat.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The Redis server that several nodes share; none means every node keeps its state to itself. */
@ApplicationScoped
public class RedisSettings {

  @Inject
  @ConfigProperty(name = "redis.url")
  Optional<String> url;

  /** {@code REDIS_URL}: a Redis, Sentinel or Cluster URL, or empty when not set. */
  public Optional<String> url() {
    return url.filter(value -> !value.isBlank());
  }
}
