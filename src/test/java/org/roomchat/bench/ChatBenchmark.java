package org.roomchat.bench;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;

/**
 * The load benchmark: a generator that logs users in through the real forms and opens real
 * WebSockets. It prints a table and one JSON line per scenario.
 *
 * <pre>
 * fanout      --rooms 10 --users 100 --rate 0.2 --warmup 30 --seconds 60 --windows 3
 *             [--user-streams true: every user also holds /ws/user/ open]
 * connections --connections 20000 --concurrency 200 [--hold 60 to keep them open after]
 * cross-node  fan-out with the users split over two nodes (--target twice, or two started with --redis-url and --database-url)
 * chaos       --rooms 4 --users 5 --rate 0.5 --seconds 120: two nodes, Redis, PostgreSQL and nginx of
 *             its own, broken and mended while the users chat (see ChaosScenario)
 * soak        --minutes 30 --sample-seconds 60 --rooms 4 --users 20 --steady 2 --rate 0.1: one node
 *             with Redis and PostgreSQL of its own under churn, sampled for leaks (see SoakScenario)
 * --target http://host:port/ --pid N   load a running server (its process id for CPU and memory)
 * --heap 1g                             heap of a server the benchmark starts itself
 * --jfr path.jfr                        a flight recording of each server it starts (path0.jfr...)
 * --server payara|wildfly               the server it starts (WildFly: run with -Pbench,wildfly),
 *                                       or, with --target, the one it names in its results
 * --redis-pid N                         a Redis server whose CPU counts with the servers'
 * </pre>
 */
public final class ChatBenchmark {

  private ChatBenchmark() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> options = new HashMap<>();
    List<String> targets = new ArrayList<>();
    List<String> pids = new ArrayList<>();
    String scenario = args.length > 0 ? args[0] : "fanout";
    for (int i = 1; i + 1 < args.length; i += 2) {
      switch (args[i]) {
        case "--target" -> targets.add(args[i + 1]);
        case "--pid" -> pids.add(args[i + 1]);
        default -> options.put(args[i].substring(2), args[i + 1]);
      }
    }
    String serverKind = options.getOrDefault("server", "payara");
    if (!List.of("payara", "wildfly").contains(serverKind)) {
      throw new IllegalArgumentException("--server must be payara or wildfly, not " + serverKind);
    }
    String prefix = "b" + Long.toString(System.currentTimeMillis() % 1_000_000_000L, 36);
    int nodes =
        switch (scenario) {
          case "cross-node" -> 2;
          case "chaos", "soak" -> 0; // start their own
          default -> 1;
        };
    List<BenchServer> servers = new ArrayList<>();
    HttpClient http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .executor(Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors()))
            .connectTimeout(Duration.ofSeconds(30))
            .build();
    int status = 1;
    try {
      if (targets.isEmpty() || nodes == 0) {
        for (int n = 0; n < nodes; n++) {
          servers.add(startServer(serverKind, options, n));
        }
      } else {
        for (int n = 0; n < targets.size(); n++) {
          servers.add(BenchServer.attach(URI.create(targets.get(n)), Long.parseLong(pids.get(n))));
        }
      }
      Map<String, Object> result =
          switch (scenario) {
            case "fanout", "cross-node" ->
                new FanOut(
                        intOption(options, "rooms", 10),
                        intOption(options, "users", 100),
                        Double.parseDouble(options.getOrDefault("rate", "0.2")),
                        Duration.ofSeconds(intOption(options, "warmup", 30)),
                        Duration.ofSeconds(intOption(options, "seconds", 60)),
                        intOption(options, "windows", 3),
                        Boolean.parseBoolean(options.getOrDefault("user-streams", "false")))
                    .run(servers, sharedPids(options), http, prefix);
            case "connections" ->
                new IdleConnections(
                        intOption(options, "connections", 20_000),
                        intOption(options, "concurrency", 200),
                        intOption(options, "hold", 0))
                    .run(servers.get(0), http, prefix);
            case "chaos" -> new ChaosScenario(options).run(prefix);
            case "soak" -> new SoakScenario(options).run(prefix);
            default -> throw new IllegalArgumentException("unknown scenario " + scenario);
          };
      result.put("machine", machine());
      print(withServer(result, serverKind));
      status = 0;
    } catch (Exception | Error e) {
      e.printStackTrace(); // System.exit below would drop it
    } finally {
      for (BenchServer server : servers) {
        server.close();
      }
      System.exit(status); // the JDK client's threads would keep an idle generator alive
    }
  }

  private static BenchServer startServer(String server, Map<String, String> options, int node)
      throws Exception {
    List<String> jvm = new ArrayList<>();
    jvm.add("-Xmx" + options.getOrDefault("heap", "1g"));
    jvm.add("-Xms" + options.getOrDefault("heap", "1g"));
    if (options.containsKey("redis-url")) {
      jvm.add("-Dredis.url=" + options.get("redis-url"));
    }
    if (options.containsKey("database-url")) {
      jvm.add("-Ddatabase.url=" + options.get("database-url"));
    }
    jvm.add("-Dchat.node=bench" + node);
    if (options.containsKey("jfr")) {
      // A profile of the whole run, written when the server stops.
      String file = Path.of(options.get("jfr")).toAbsolutePath().toString();
      jvm.add(
          "-XX:StartFlightRecording=settings=profile,dumponexit=true,filename="
              + file.replace(".jfr", node + ".jfr"));
    }
    Path work = Path.of("target", "bench", "node" + node + "-" + System.currentTimeMillis());
    Path war = Path.of(System.getProperty("roomchat.war"));
    if (server.equals("wildfly")) {
      Path home = Path.of(System.getProperty("wildfly.home", ""));
      if (!Files.isRegularFile(home.resolve(".configured"))) {
        throw new IllegalStateException(
            "no configured WildFly at " + home + ": run the benchmark with -Pbench,wildfly");
      }
      return BenchServer.startWildFly(home, war, work, jvm);
    }
    return BenchServer.startPayara(Path.of(System.getProperty("payara.microJar")), war, work, jvm);
  }

  /** The result with the server that ran it, after the scenario's name. */
  private static Map<String, Object> withServer(Map<String, Object> result, String server) {
    Map<String, Object> labelled = new LinkedHashMap<>();
    result.forEach(
        (key, value) -> {
          labelled.put(key, value);
          if (key.equals("scenario")) {
            labelled.put("server", server);
          }
        });
    labelled.putIfAbsent("server", server);
    return labelled;
  }

  private static List<Long> sharedPids(Map<String, String> options) {
    return options.containsKey("redis-pid")
        ? List.of(Long.parseLong(options.get("redis-pid")))
        : List.of();
  }

  private static int intOption(Map<String, String> options, String name, int fallback) {
    return Integer.parseInt(options.getOrDefault(name, Integer.toString(fallback)));
  }

  private static String machine() {
    return Runtime.getRuntime().availableProcessors()
        + " cores, "
        + System.getProperty("os.name")
        + " "
        + System.getProperty("os.arch")
        + ", Java "
        + System.getProperty("java.version");
  }

  private static void print(Map<String, Object> result) {
    System.out.println();
    result.forEach((key, value) -> System.out.printf("%-28s %s%n", key, value));
    JsonObjectBuilder json = Json.createObjectBuilder();
    result.forEach(
        (key, value) -> {
          if (value instanceof Integer i) {
            json.add(key, i);
          } else if (value instanceof Long l) {
            json.add(key, l);
          } else if (value instanceof Double d) {
            json.add(key, d);
          } else if (value instanceof Boolean b) {
            json.add(key, b);
          } else if (value instanceof List<?> list) {
            JsonArrayBuilder array = Json.createArrayBuilder();
            list.forEach(item -> array.add(((Number) item).doubleValue()));
            json.add(key, array);
          } else {
            json.add(key, String.valueOf(value));
          }
        });
    System.out.println(json.build());
  }
}
