package org.roomchat.redis;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.RedisClusterClient;
import redis.clients.jedis.RedisSentinelClient;
import redis.clients.jedis.UnifiedJedis;

/**
 * Where Redis is, parsed from {@code REDIS_URL}. Three forms:
 *
 * <ul>
 *   <li>one server: {@code redis://[[user]:password@]host[:port][/db]}, or {@code rediss://} for
 *       TLS;
 *   <li>Sentinel: {@code
 *       redis-sentinel://[[user]:password@]host:port[,host:port…][/db][?sentinelPassword=…[&sentinelUser=…]]#master}
 *       (also {@code rediss-sentinel://}); the credentials before {@code @} are the master's, and
 *       the query gives the sentinels' own (percent-encoded), when they require one;
 *   <li>Cluster: {@code redis-cluster://[[user]:password@]host:port[,host:port…]} (also {@code
 *       rediss-cluster://}), or a comma-separated list of {@code redis://} URLs, one per seed node.
 * </ul>
 *
 * @param topology which of the three forms
 * @param nodes the server, the sentinels, or the cluster's seed nodes
 * @param user the ACL user, or {@code null}
 * @param password the password, or {@code null}
 * @param database the database index (always 0 for a cluster)
 * @param tls whether connections use TLS
 * @param masterName the Sentinel master's name, else {@code null}
 * @param sentinelUser the ACL user for the sentinels themselves, or {@code null}
 * @param sentinelPassword the password of the sentinels themselves, or {@code null}
 */
public record RedisAddress(
    Topology topology,
    List<HostAndPort> nodes,
    String user,
    String password,
    int database,
    boolean tls,
    String masterName,
    String sentinelUser,
    String sentinelPassword) {

  /** How the Redis servers are arranged. */
  public enum Topology {
    STANDALONE,
    SENTINEL,
    CLUSTER
  }

  private static final int DEFAULT_PORT = 6379;
  private static final int DEFAULT_SENTINEL_PORT = 26379;
  private static final int TIMEOUT_MILLIS = 2000;
  private static final int MAX_CONNECTIONS = 32;

  public RedisAddress {
    Objects.requireNonNull(topology, "topology");
    nodes = List.copyOf(nodes);
    if (nodes.isEmpty()) {
      throw new IllegalArgumentException("no Redis host given");
    }
  }

  /** Parses the URL; the message of a failure names the setting but never the password. */
  public static RedisAddress parse(String url) {
    try {
      return parseUrl(url.strip());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "Setting redis.url (REDIS_URL) is not a Redis URL: " + e.getMessage(), e);
    }
  }

  private static RedisAddress parseUrl(String url) {
    int schemeEnd = url.indexOf("://");
    if (schemeEnd < 0) {
      throw new IllegalArgumentException("expected redis://host:port");
    }
    String scheme = url.substring(0, schemeEnd).toLowerCase(java.util.Locale.ROOT);
    switch (scheme) {
      case "redis":
      case "rediss":
        return url.contains(",") ? clusterFromUrlList(url) : standalone(url, scheme);
      case "redis-sentinel":
      case "rediss-sentinel":
        return multiHost(url, schemeEnd, Topology.SENTINEL, scheme.startsWith("rediss"));
      case "redis-cluster":
      case "rediss-cluster":
        return multiHost(url, schemeEnd, Topology.CLUSTER, scheme.startsWith("rediss"));
      default:
        throw new IllegalArgumentException("unknown scheme " + scheme);
    }
  }

  private static RedisAddress standalone(String url, String scheme) {
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("malformed URL", e);
    }
    if (uri.getHost() == null) {
      throw new IllegalArgumentException("no host");
    }
    String[] credentials = credentials(uri.getRawUserInfo());
    int port = uri.getPort() < 0 ? DEFAULT_PORT : uri.getPort();
    return new RedisAddress(
        Topology.STANDALONE,
        List.of(new HostAndPort(uri.getHost(), port)),
        credentials[0],
        credentials[1],
        database(uri.getPath()),
        scheme.equals("rediss"),
        null,
        null,
        null);
  }

  /** {@code scheme://[userinfo@]host:port,host:port[/db][?query][#master]}. */
  private static RedisAddress multiHost(String url, int schemeEnd, Topology topology, boolean tls) {
    String rest = url.substring(schemeEnd + 3);
    String masterName = null;
    int hash = rest.indexOf('#');
    if (hash >= 0) {
      masterName = decode(rest.substring(hash + 1));
      rest = rest.substring(0, hash);
    }
    int at = rest.lastIndexOf('@');
    String sentinelUser = null;
    String sentinelPassword = null;
    int query = rest.indexOf('?', at + 1);
    if (query >= 0) {
      if (topology != Topology.SENTINEL) {
        throw new IllegalArgumentException("only a Sentinel URL takes parameters");
      }
      for (String parameter : rest.substring(query + 1).split("&")) {
        if (parameter.isEmpty()) {
          continue;
        }
        int equals = parameter.indexOf('=');
        String name = equals < 0 ? parameter : parameter.substring(0, equals);
        String value = equals < 0 ? "" : decode(parameter.substring(equals + 1));
        switch (name) {
          case "sentinelPassword" -> sentinelPassword = value;
          case "sentinelUser" -> sentinelUser = value.isEmpty() ? null : value;
          default ->
              throw new IllegalArgumentException(
                  "unknown parameter '" + name + "' (sentinelPassword, sentinelUser)");
        }
      }
      rest = rest.substring(0, query);
    }
    String[] credentials = credentials(at >= 0 ? rest.substring(0, at) : null);
    rest = rest.substring(at + 1);
    int slash = rest.indexOf('/');
    int database = 0;
    if (slash >= 0) {
      database = database(rest.substring(slash));
      rest = rest.substring(0, slash);
    }
    int defaultPort = topology == Topology.SENTINEL ? DEFAULT_SENTINEL_PORT : DEFAULT_PORT;
    List<HostAndPort> nodes = new ArrayList<>();
    for (String node : rest.split(",")) {
      if (!node.isBlank()) {
        nodes.add(hostAndPort(node.strip(), defaultPort));
      }
    }
    if (topology == Topology.SENTINEL && (masterName == null || masterName.isBlank())) {
      throw new IllegalArgumentException("a Sentinel URL names its master after '#'");
    }
    if (topology == Topology.CLUSTER && database != 0) {
      throw new IllegalArgumentException("Redis Cluster has only database 0");
    }
    return new RedisAddress(
        topology,
        nodes,
        credentials[0],
        credentials[1],
        database,
        tls,
        masterName,
        sentinelUser,
        sentinelPassword);
  }

  /** {@code redis://a:7000,redis://b:7001}: seed nodes of one cluster, sharing credentials. */
  private static RedisAddress clusterFromUrlList(String url) {
    List<HostAndPort> nodes = new ArrayList<>();
    RedisAddress first = null;
    for (String part : url.split(",")) {
      if (part.isBlank()) {
        continue;
      }
      String one = part.strip();
      RedisAddress node = standalone(one, one.substring(0, one.indexOf("://")).toLowerCase());
      if (first == null) {
        first = node;
      }
      nodes.addAll(node.nodes());
    }
    if (first.database() != 0) {
      throw new IllegalArgumentException("Redis Cluster has only database 0");
    }
    return new RedisAddress(
        Topology.CLUSTER,
        nodes,
        first.user(),
        first.password(),
        0,
        first.tls(),
        null,
        null,
        null);
  }

  private static HostAndPort hostAndPort(String node, int defaultPort) {
    if (node.startsWith("[")) { // [::1]:6379
      int close = node.indexOf(']');
      String host = node.substring(1, close);
      String port = node.substring(close + 1);
      return new HostAndPort(host, port.startsWith(":") ? port(port.substring(1)) : defaultPort);
    }
    int colon = node.lastIndexOf(':');
    if (colon < 0) {
      return new HostAndPort(node, defaultPort);
    }
    return new HostAndPort(node.substring(0, colon), port(node.substring(colon + 1)));
  }

  private static int port(String text) {
    try {
      int port = Integer.parseInt(text);
      if (port > 0 && port < 65536) {
        return port;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException("bad port '" + text + "'");
  }

  private static int database(String path) {
    if (path == null || path.isEmpty() || path.equals("/")) {
      return 0;
    }
    try {
      int database = Integer.parseInt(path.substring(1));
      if (database >= 0) {
        return database;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException("the path must be a database index, like /0");
  }

  /** user:password, :password or password (as redis-cli reads them). */
  private static String[] credentials(String rawUserInfo) {
    if (rawUserInfo == null || rawUserInfo.isEmpty()) {
      return new String[] {null, null};
    }
    int colon = rawUserInfo.indexOf(':');
    if (colon < 0) {
      return new String[] {null, decode(rawUserInfo)};
    }
    String user = decode(rawUserInfo.substring(0, colon));
    return new String[] {user.isEmpty() ? null : user, decode(rawUserInfo.substring(colon + 1))};
  }

  private static String decode(String text) {
    return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
  }

  /** Opens a pooling client of the right kind; the caller closes it. */
  public UnifiedJedis connect(String clientName) {
    JedisClientConfig config = clientConfig(clientName, database);
    switch (topology) {
      case SENTINEL:
        return RedisSentinelClient.builder()
            .masterName(masterName)
            .sentinels(new LinkedHashSet<>(nodes))
            .clientConfig(config)
            .sentinelClientConfig(clientConfig(clientName, 0, sentinelUser, sentinelPassword))
            .poolConfig(poolConfig())
            .build();
      case CLUSTER:
        Set<HostAndPort> seeds = new LinkedHashSet<>(nodes);
        return RedisClusterClient.builder()
            .nodes(seeds)
            .clientConfig(config)
            .poolConfig(poolConfig())
            .build();
      default:
        return RedisClient.builder()
            .hostAndPort(nodes.get(0))
            .clientConfig(config)
            .poolConfig(poolConfig())
            .build();
    }
  }

  /**
   * Many socket threads call Redis at once (presence, rate limit, typing); a caller waits a bounded
   * time for a connection instead of for ever.
   */
  private static ConnectionPoolConfig poolConfig() {
    ConnectionPoolConfig pool = new ConnectionPoolConfig();
    pool.setMaxTotal(MAX_CONNECTIONS);
    pool.setMaxIdle(MAX_CONNECTIONS);
    pool.setMaxWait(Duration.ofMillis(TIMEOUT_MILLIS));
    return pool;
  }

  private JedisClientConfig clientConfig(String clientName, int database) {
    return clientConfig(clientName, database, user, password);
  }

  private JedisClientConfig clientConfig(
      String clientName, int database, String user, String password) {
    DefaultJedisClientConfig.Builder builder =
        DefaultJedisClientConfig.builder()
            .clientName(clientName)
            .database(database)
            .ssl(tls)
            .timeoutMillis(TIMEOUT_MILLIS);
    if (user != null) {
      builder.user(user);
    }
    if (password != null) {
      builder.password(password);
    }
    return builder.build();
  }

  /** For logs: the hosts and form, never the credentials. */
  @Override
  public String toString() {
    String hosts = nodes.stream().map(HostAndPort::toString).reduce((a, b) -> a + "," + b).get();
    switch (topology) {
      case SENTINEL:
        return "Sentinel " + hosts + " master " + masterName + (tls ? " (TLS)" : "");
      case CLUSTER:
        return "Cluster " + hosts + (tls ? " (TLS)" : "");
      default:
        return hosts + "/" + database + (tls ? " (TLS)" : "");
    }
  }
}
