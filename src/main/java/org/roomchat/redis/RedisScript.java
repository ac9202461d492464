package org.roomchat.redis;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisNoScriptException;

/**
 * A Lua script run atomically by Redis. It is called by its SHA-1 so the text crosses the wire only
 * when the server does not know it yet (after a restart, or on a new cluster node).
 */
final class RedisScript {

  /** Milliseconds on the Redis server's clock, as Lua: every node scores entries with one clock. */
  static final String NOW_MILLIS =
      "local t = redis.call('TIME')\n"
          + "local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)\n";

  private final String source;
  private final String sha;

  RedisScript(String source) {
    this.source = source;
    this.sha = sha1(source);
  }

  Object run(UnifiedJedis redis, List<String> keys, List<String> args) {
    try {
      return redis.evalsha(sha, keys, args);
    } catch (JedisNoScriptException e) {
      return redis.eval(source, keys, args);
    }
  }

  /**
   * Runs the script once per key list, all in one pipeline (one round trip per server holding the
   * keys), with the same arguments; the answers in the order of {@code keysEach}. Only when the
   * server did not know the script does a second pipeline send its text.
   */
  List<Object> runEach(UnifiedJedis redis, List<List<String>> keysEach, List<String> args) {
    try {
      return pipelined(redis, keysEach, (pipeline, keys) -> pipeline.evalsha(sha, keys, args));
    } catch (JedisNoScriptException e) {
      return pipelined(redis, keysEach, (pipeline, keys) -> pipeline.eval(source, keys, args));
    }
  }

  private interface PipelinedCall {
    Response<Object> add(AbstractPipeline pipeline, List<String> keys);
  }

  private static List<Object> pipelined(
      UnifiedJedis redis, List<List<String>> keysEach, PipelinedCall call) {
    List<Response<Object>> responses = new ArrayList<>(keysEach.size());
    try (AbstractPipeline pipeline = redis.pipelined()) {
      for (List<String> keys : keysEach) {
        responses.add(call.add(pipeline, keys));
      }
      pipeline.sync();
    }
    List<Object> answers = new ArrayList<>(responses.size());
    for (Response<Object> response : responses) {
      answers.add(response.get()); // throws the command's error, such as NOSCRIPT
    }
    return answers;
  }

  private static String sha1(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
