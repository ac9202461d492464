package org.roomchat.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.HostAndPort;

class RedisAddressTest {

  @Test
  void plainUrlIsOneServerOnDatabaseZero() {
    RedisAddress address = RedisAddress.parse("redis://cache.internal:6380");
    assertEquals(RedisAddress.Topology.STANDALONE, address.topology());
    assertEquals(List.of(new HostAndPort("cache.internal", 6380)), address.nodes());
    assertEquals(0, address.database());
    assertNull(address.user());
    assertNull(address.password());
    assertFalse(address.tls());
  }

  @Test
  void defaultPortIs6379() {
    assertEquals(6379, RedisAddress.parse("redis://localhost").nodes().get(0).getPort());
  }

  @Test
  void tlsUserPasswordAndDatabase() {
    RedisAddress address = RedisAddress.parse("rediss://chat:s%40cret@redis.example.com:6390/3");
    assertTrue(address.tls());
    assertEquals("chat", address.user());
    assertEquals("s@cret", address.password());
    assertEquals(3, address.database());
  }

  @Test
  void passwordWithoutUserAsRedisCliTakesIt() {
    RedisAddress address = RedisAddress.parse("redis://:secret@localhost:6379/0");
    assertNull(address.user());
    assertEquals("secret", address.password());
  }

  @Test
  void sentinelNamesItsMasterAfterTheHash() {
    RedisAddress address =
        RedisAddress.parse("redis-sentinel://:secret@10.0.0.1:26379,10.0.0.2/2#mymaster");
    assertEquals(RedisAddress.Topology.SENTINEL, address.topology());
    assertEquals(
        List.of(new HostAndPort("10.0.0.1", 26379), new HostAndPort("10.0.0.2", 26379)),
        address.nodes());
    assertEquals("mymaster", address.masterName());
    assertEquals(2, address.database());
    assertEquals("secret", address.password());
  }

  @Test
  void theSentinelsOwnCredentialsComeAsParameters() {
    RedisAddress address =
        RedisAddress.parse(
            "redis-sentinel://:master%40pw@10.0.0.1:26379,10.0.0.2:26380/1"
                + "?sentinelPassword=s%26p%3Dw&sentinelUser=watcher#mymaster");
    assertEquals(
        List.of(new HostAndPort("10.0.0.1", 26379), new HostAndPort("10.0.0.2", 26380)),
        address.nodes());
    assertEquals("master@pw", address.password());
    assertNull(address.user());
    assertEquals("s&p=w", address.sentinelPassword());
    assertEquals("watcher", address.sentinelUser());
    assertEquals(1, address.database());
    assertEquals("mymaster", address.masterName());
    assertFalse(address.toString().contains("s&p=w"), address::toString);
  }

  @Test
  void sentinelsWithoutParametersNeedNoCredentials() {
    RedisAddress address = RedisAddress.parse("redis-sentinel://:secret@h:26379#m");
    assertNull(address.sentinelPassword());
    assertNull(address.sentinelUser());
  }

  @Test
  void unknownParametersAndParametersOutsideSentinelAreRefused() {
    assertThrows(
        IllegalArgumentException.class,
        () -> RedisAddress.parse("redis-sentinel://h:26379?sentinelPass=x#m"));
    assertThrows(
        IllegalArgumentException.class,
        () -> RedisAddress.parse("redis-cluster://a:7000,b:7001?sentinelPassword=x"));
  }

  @Test
  void sentinelWithoutMasterIsRefused() {
    assertThrows(
        IllegalArgumentException.class, () -> RedisAddress.parse("redis-sentinel://h:26379"));
  }

  @Test
  void clusterFromItsOwnSchemeOrAListOfUrls() {
    RedisAddress named = RedisAddress.parse("redis-cluster://u:p@a:7000,b:7001");
    RedisAddress listed = RedisAddress.parse("redis://u:p@a:7000,redis://u:p@b:7001");
    for (RedisAddress address : List.of(named, listed)) {
      assertEquals(RedisAddress.Topology.CLUSTER, address.topology());
      assertEquals(
          List.of(new HostAndPort("a", 7000), new HostAndPort("b", 7001)), address.nodes());
      assertEquals("u", address.user());
      assertEquals("p", address.password());
    }
  }

  @Test
  void clusterHasNoOtherDatabase() {
    assertThrows(
        IllegalArgumentException.class, () -> RedisAddress.parse("redis-cluster://a:7000/1"));
  }

  @Test
  void errorsNameTheSettingButNeverThePassword() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> RedisAddress.parse("redis://:topsecret@localhost:notaport"));
    assertTrue(e.getMessage().contains("REDIS_URL"), e.getMessage());
    assertFalse(e.getMessage().contains("topsecret"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> RedisAddress.parse("http://localhost"));
    assertThrows(IllegalArgumentException.class, () -> RedisAddress.parse("redis://h:6379/x"));
  }

  @Test
  void logsShowHostsNotCredentials() {
    String shown = RedisAddress.parse("redis://u:topsecret@localhost:6379/1").toString();
    assertEquals("localhost:6379/1", shown);
  }
}
