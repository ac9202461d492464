package org.roomchat.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.roomchat.support.TlsCertificate;

/**
 * Rooms × users chatting through nginx in front of two nodes, one Redis and one PostgreSQL, while
 * a schedule of faults runs: Redis killed and restarted, PostgreSQL restarted, a node killed
 * (SIGKILL) and restarted on its port, the other node stopped (SIGTERM) and started again, nginx
 * reloaded. Redis and PostgreSQL go first, while the members are spread over both nodes: after a
 * node fault they all sit on the surviving node (a socket stays where it is), and a Redis outage
 * would then cross no node.
 * Each fault waits until every member is back in its room (and a restarted node serves pages),
 * then a quiet gap. The clients behave as the room page does (see {@link ChaosClient}); at the end
 * every member catches up once more, and the run reports what was acknowledged and lost, which
 * messages a member shows otherwise than they are stored (members edit and delete their own now
 * and then: {@code --edits} and {@code --deletes} are the shares of sends that do),
 * duplicated or out of order, how unacknowledged sends ended, the logins done again, the longest
 * wait for a message, and how long each fault took to recover from.
 *
 * <pre>
 * chaos --rooms 4 --users 5 --rate 0.5 --edits 0.1 --deletes 0.05 --seconds 120 --warmup 10
 *       --gap 10 --faults redis,postgres,kill,term,reload --redis-down 3 --postgres-down 5
 * </pre>
 */
final class ChaosScenario {

  private static final Duration RECOVERY_LIMIT = Duration.ofSeconds(90);
  private static final Duration IN_FLIGHT = Duration.ofSeconds(5);

  private final int rooms;
  private final int usersPerRoom;
  private final double ratePerUser;
  private final double editShare;
  private final double deleteShare;
  private final Duration minimum;
  private final Duration warmup;
  private final Duration gap;
  private final List<String> faults;
  private final Duration redisDown;
  private final Duration postgresDown;

  /** One fault of the schedule: what it did, when it began, when its action was over. */
  private record Fault(String name, long startNanos, long doneNanos) {}

  ChaosScenario(Map<String, String> options) {
    this.rooms = intOption(options, "rooms", 4);
    this.usersPerRoom = intOption(options, "users", 5);
    this.ratePerUser = Double.parseDouble(options.getOrDefault("rate", "0.5"));
    this.editShare = Double.parseDouble(options.getOrDefault("edits", "0.1"));
    this.deleteShare = Double.parseDouble(options.getOrDefault("deletes", "0.05"));
    this.minimum = Duration.ofSeconds(intOption(options, "seconds", 120));
    this.warmup = Duration.ofSeconds(intOption(options, "warmup", 10));
    this.gap = Duration.ofSeconds(intOption(options, "gap", 10));
    this.faults = List.of(options.getOrDefault("faults", "redis,postgres,kill,term,reload").split(","));
    this.redisDown = Duration.ofSeconds(intOption(options, "redis-down", 3));
    this.postgresDown = Duration.ofSeconds(intOption(options, "postgres-down", 5));
    for (String fault : faults) {
      if (!List.of("kill", "redis", "postgres", "term", "reload").contains(fault)) {
        throw new IllegalArgumentException("unknown fault " + fault);
      }
    }
    if (options.getOrDefault("server", "payara").equals("wildfly")) {
      System.setProperty("roomchat.server", "wildfly");
    }
  }

  Map<String, Object> run(String prefix) throws Exception {
    long begin = System.nanoTime();
    Path workDir = Path.of("target", "chaos", prefix);
    ScheduledExecutorService timers = Executors.newScheduledThreadPool(4);
    ExecutorService blocking = Executors.newCachedThreadPool();
    HttpClient http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .executor(blocking)
            // nginx in front speaks HTTPS with the run's throwaway certificate.
            .sslContext(TlsCertificate.localhost().clientContext())
            .build();
    List<ChaosClient> clients = new ArrayList<>();
    ChaosLedger ledger = new ChaosLedger();
    try (ChaosCluster cluster = ChaosCluster.start(workDir)) {
      log("cluster up after %.0f s at %s", seconds(System.nanoTime() - begin), cluster.front());
      clients.addAll(signUp(cluster.front(), prefix, http, timers, blocking, ledger));
      clients.forEach(ChaosClient::connect);
      if (!await(Duration.ofSeconds(60), () -> clients.stream().allMatch(ChaosClient::joined))) {
        throw new IllegalStateException("not every member joined its room within 60 s");
      }
      long chatStart = System.nanoTime();
      clients.forEach(client -> client.startSending(ratePerUser, editShare, deleteShare));
      TimeUnit.MILLISECONDS.sleep(warmup.toMillis());
      List<Fault> done = new ArrayList<>();
      for (String fault : faults) {
        long start = System.nanoTime();
        log("fault %s at %.0f s", fault, seconds(start - chatStart));
        inject(cluster, fault);
        long actionDone = System.nanoTime();
        done.add(new Fault(fault, start, actionDone));
        await(
            RECOVERY_LIMIT,
            () -> clients.stream().allMatch(client -> client.recoveredAt(start) >= 0));
        log("recovered from %s at %.0f s", fault, seconds(System.nanoTime() - chatStart));
        TimeUnit.MILLISECONDS.sleep(gap.toMillis());
      }
      long rest = minimum.toNanos() - (System.nanoTime() - chatStart);
      if (rest > 0) {
        TimeUnit.NANOSECONDS.sleep(rest);
      }
      clients.forEach(ChaosClient::stopSending);
      long chatEnd = System.nanoTime();
      TimeUnit.MILLISECONDS.sleep(IN_FLIGHT.toMillis());
      int caughtUp = finalCatchUp(clients, blocking);
      clients.forEach(ChaosClient::stop);
      Map<String, Object> result =
          results(clients, ledger, done, cluster.databaseOutageKind(), chatEnd - chatStart, caughtUp);
      shownAsStored(clients, cluster.storedTexts(), result);
      result.put("total_s", round(seconds(System.nanoTime() - begin)));
      return result;
    } finally {
      clients.forEach(ChaosClient::stop);
      timers.shutdownNow();
      blocking.shutdownNow();
    }
  }

  private void inject(ChaosCluster cluster, String fault) throws Exception {
    switch (fault) {
      case "kill" -> {
        cluster.killNode(0);
        cluster.restartNode(0);
      }
      case "redis" -> cluster.crashRedis(redisDown);
      case "postgres" -> cluster.databaseOutage(postgresDown);
      case "term" -> {
        cluster.stopNode(1);
        cluster.restartNode(1);
      }
      case "reload" -> cluster.reloadNginx();
      default -> throw new IllegalArgumentException(fault);
    }
  }

  /** Signs every member up through nginx (so each is pinned to a node, round robin). */
  private List<ChaosClient> signUp(
      URI front,
      String prefix,
      HttpClient http,
      ScheduledExecutorService timers,
      ExecutorService blocking,
      ChaosLedger ledger)
      throws Exception {
    List<String> names = new ArrayList<>();
    for (int r = 0; r < rooms; r++) {
      for (int u = 0; u < usersPerRoom; u++) {
        names.add(prefix + "r" + r + "u" + u);
      }
    }
    List<BenchBrowser> browsers =
        BenchUsers.signUp(names, 4, () -> new BenchBrowser(http, front));
    List<ChaosClient> clients = new ArrayList<>();
    for (int i = 0; i < browsers.size(); i++) {
      String room = prefix + "-chaos" + (i / usersPerRoom);
      clients.add(new ChaosClient(browsers.get(i), room, ledger, timers, blocking));
    }
    return clients;
  }

  private static int finalCatchUp(List<ChaosClient> clients, ExecutorService blocking)
      throws Exception {
    List<Future<Boolean>> done = new ArrayList<>();
    for (ChaosClient client : clients) {
      done.add(blocking.submit(() -> client.finalCatchUp(Duration.ofSeconds(60))));
    }
    int caughtUp = 0;
    for (Future<Boolean> one : done) {
      caughtUp += one.get() ? 1 : 0;
    }
    return caughtUp;
  }

  private Map<String, Object> results(
      List<ChaosClient> clients,
      ChaosLedger ledger,
      List<Fault> faultsDone,
      String databaseOutage,
      long chatNanos,
      int caughtUp) {
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("scenario", "chaos");
    result.put("rooms", rooms);
    result.put("users_per_room", usersPerRoom);
    result.put("rate_per_user", ratePerUser);
    result.put("chat_s", round(seconds(chatNanos)));
    result.put("faults", faultsDone.stream().map(Fault::name).collect(Collectors.joining(",")));
    result.put("database_outage", databaseOutage);

    int sent = 0;
    int acknowledged = 0;
    int byError = 0;
    int byClose = 0;
    int unanswered = 0;
    int storedUnacknowledged = 0;
    Map<String, Integer> errorCodes = new TreeMap<>();
    int changesSent = 0;
    int changesAnswered = 0;
    for (ChaosClient client : clients) {
      for (ChaosClient.Send send : client.sends()) {
        if (send.isChange()) {
          changesSent++;
          changesAnswered += send.acknowledged() ? 1 : 0;
          continue; // edits and deletions are counted apart from new messages
        }
        sent++;
        if (send.acknowledged()) {
          acknowledged++;
          continue;
        }
        if (ledger.idOf(send.text) != null) {
          storedUnacknowledged++;
        }
        if (send.error != null) {
          byError++;
          errorCodes.merge(send.error, 1, Integer::sum);
        } else if (send.closed) {
          byClose++;
        } else {
          unanswered++;
        }
      }
    }
    Set<Long> lost = new HashSet<>();
    int lostDeliveries = 0;
    for (Map.Entry<Long, String> ack : ledger.acknowledged().entrySet()) {
      for (ChaosClient client : clients) {
        if (client.room().equals(ack.getValue()) && !client.has(ack.getKey())) {
          lost.add(ack.getKey());
          lostDeliveries++;
        }
      }
    }
    result.put("changes_sent", changesSent);
    result.put("changes_answered", changesAnswered);
    result.put("sent", sent);
    result.put("acknowledged", acknowledged);
    result.put("lost_acknowledged", lost.size());
    result.put("lost_deliveries", lostDeliveries);
    result.put("duplicated", clients.stream().mapToInt(ChaosClient::duplicated).sum());
    result.put("duplicated_where", duplicatesWhere(clients, faultsDone));
    result.put("out_of_order", clients.stream().mapToInt(ChaosClient::outOfOrder).sum());
    result.put("skipped_live", clients.stream().mapToInt(ChaosClient::skipped).sum());
    result.put("unacknowledged", sent - acknowledged);
    result.put("unacknowledged_error_frame", byError);
    result.put("unacknowledged_closed", byClose);
    result.put("unacknowledged_no_answer", unanswered);
    result.put("unacknowledged_but_stored", storedUnacknowledged);
    result.put("unacknowledged_errors", format(errorCodes));
    result.put("error_frames", format(sum(clients.stream().map(ChaosClient::errors).toList())));
    result.put("relogins", clients.stream().mapToInt(ChaosClient::relogins).sum());
    result.put("connects", clients.stream().mapToInt(ChaosClient::connects).sum());
    result.put(
        "handshake_refusals", format(sum(clients.stream().map(ChaosClient::refusals).toList())));
    result.put("final_catch_up", caughtUp + "/" + clients.size());

    // The longest any member waited for a message its room had (first seen by another member).
    long longest = 0;
    String who = "-";
    for (ChaosClient client : clients) {
      for (ChaosClient.Receipt receipt : client.receipts()) {
        long waited = receipt.nanos() - ledger.firstSeen(receipt.id());
        if (waited > longest) {
          longest = waited;
          who = client.name() + " (message " + receipt.id() + ")";
        }
      }
    }
    result.put("longest_without_message_s", round(seconds(longest)));
    result.put("longest_without_message_member", who);

    List<Double> recoveries = new ArrayList<>();
    for (Fault fault : faultsDone) {
      long latest = 0;
      boolean all = true;
      for (ChaosClient client : clients) {
        long at = client.recoveredAt(fault.startNanos());
        if (at < 0) {
          all = false;
        } else {
          latest = Math.max(latest, at);
        }
      }
      double recovery = all ? round(seconds(latest - fault.startNanos())) : -1;
      recoveries.add(recovery);
      String key = fault.name().toLowerCase(Locale.ROOT);
      result.put("recovery_" + key + "_s", recovery);
      result.put("fault_" + key + "_action_s", round(seconds(fault.doneNanos() - fault.startNanos())));
    }
    result.put("recovery_s", recoveries);
    return result;
  }

  /**
   * Whether every member ends up showing each message it has as it is stored: the new text of an
   * edited one, the placeholder of a deleted one, never the text of a deleted one.
   */
  private static void shownAsStored(
      List<ChaosClient> clients, Map<Long, String> stored, Map<String, Object> result) {
    int stale = 0;
    int deletedShown = 0;
    List<String> examples = new ArrayList<>();
    for (ChaosClient client : clients) {
      List<Long> ids = client.staleAgainst(stored);
      stale += ids.size();
      deletedShown += client.deletedShownAgainst(stored);
      ids.stream().limit(3).forEach(id -> examples.add(client.name() + ":" + id));
    }
    result.put("stale_shown", stale);
    result.put("deleted_text_shown", deletedShown);
    result.put(
        "stale_shown_examples",
        String.join(",", examples.subList(0, Math.min(10, examples.size()))));
  }

  /**
   * Where the duplicates came: live or in a catch-up, on the socket that had brought the message
   * before or on a later one, and after which fault.
   */
  private static String duplicatesWhere(List<ChaosClient> clients, List<Fault> faults) {
    Map<String, Integer> where = new TreeMap<>();
    for (ChaosClient client : clients) {
      for (ChaosClient.Duplicate duplicate : client.duplicates()) {
        String after = "start";
        for (Fault fault : faults) {
          if (fault.startNanos() <= duplicate.nanos()) {
            after = fault.name();
          }
        }
        String key =
            (duplicate.live() ? "live" : "catch-up")
                + "/"
                + (duplicate.sameSocket() ? "same-socket" : "new-socket")
                + "/after-"
                + after;
        where.merge(key, 1, Integer::sum);
      }
    }
    return format(where);
  }

  private static Map<String, Integer> sum(List<Map<String, Integer>> counts) {
    Map<String, Integer> total = new TreeMap<>();
    counts.forEach(map -> map.forEach((key, value) -> total.merge(key, value, Integer::sum)));
    return total;
  }

  private static String format(Map<String, Integer> counts) {
    return counts.isEmpty()
        ? "none"
        : counts.entrySet().stream()
            .map(e -> e.getKey() + ":" + e.getValue())
            .collect(Collectors.joining(" "));
  }

  private static boolean await(Duration timeout, java.util.function.BooleanSupplier condition)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (condition.getAsBoolean()) {
        return true;
      }
      TimeUnit.MILLISECONDS.sleep(200);
    }
    return condition.getAsBoolean();
  }

  private static double seconds(long nanos) {
    return nanos / 1e9;
  }

  private static double round(double value) {
    return Math.round(value * 10) / 10.0;
  }

  private static void log(String format, Object... args) {
    System.err.printf("chaos: " + format + "%n", args);
  }

  private static int intOption(Map<String, String> options, String name, int fallback) {
    return Integer.parseInt(options.getOrDefault(name, Integer.toString(fallback)));
  }
}
