package org.roomchat.bench;

import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * N idle connections opened with bounded concurrency: how long that takes, each handshake's
 * time, failures, and the server's resident memory and heap per connection.
 */
final class IdleConnections {

  /** Connections per user: a user with many tabs is one user to a room. */
  private static final int CONNECTIONS_PER_USER = 100;
  private static final int CONNECTIONS_PER_ROOM = 100;

  private final int count;
  private final int concurrency;
  private final int holdSeconds;

  /** Opens {@code count} sockets, then keeps them open {@code holdSeconds} after measuring. */
  IdleConnections(int count, int concurrency, int holdSeconds) {
    this.count = count;
    this.concurrency = concurrency;
    this.holdSeconds = holdSeconds;
  }

  Map<String, Object> run(BenchServer server, HttpClient http, String prefix) throws Exception {
    int users = (count + CONNECTIONS_PER_USER - 1) / CONNECTIONS_PER_USER;
    List<BenchBrowser> browsers =
        BenchUsers.signUp(
            BenchUsers.numbered(prefix + "idle", users),
            8,
            () -> new BenchBrowser(http, server.base()));
    long rssBefore = server.rssBytes();
    long heapBefore = server.heapAfterGcBytes();

    LatencyHistogram handshakes = new LatencyHistogram();
    AtomicInteger failures = new AtomicInteger();
    Semaphore inFlight = new Semaphore(concurrency);
    List<BenchSocket> sockets = new ArrayList<>(count);
    List<CompletableFuture<Void>> opened = new ArrayList<>(count);
    long start = System.nanoTime();
    for (int i = 0; i < count; i++) {
      inFlight.acquire();
      long begun = System.nanoTime();
      String room = prefix + "idle" + (i / CONNECTIONS_PER_ROOM);
      CompletableFuture<Void> presence = new CompletableFuture<>();
      opened.add(
          BenchSocket.open(
                  browsers.get(i / CONNECTIONS_PER_USER),
                  room,
                  frame -> {
                    if (frame.startsWith("{\"type\":\"presence\"")) {
                      presence.complete(null);
                    }
                  })
              .thenCompose(socket -> {
                synchronized (sockets) {
                  sockets.add(socket);
                }
                return presence;
              })
              .orTimeout(60, TimeUnit.SECONDS)
              .handle((ok, error) -> {
                if (error == null) {
                  handshakes.record((System.nanoTime() - begun) / 1000);
                } else {
                  failures.incrementAndGet();
                }
                inFlight.release();
                return null;
              }));
    }
    CompletableFuture.allOf(opened.toArray(CompletableFuture[]::new)).get(10, TimeUnit.MINUTES);
    double openSeconds = (System.nanoTime() - start) / 1e9;
    TimeUnit.SECONDS.sleep(5); // let buffers and lazily built structures settle before measuring
    long rssAfter = server.rssBytes();
    long heapAfter = server.heapAfterGcBytes();
    int open = (int) handshakes.count();
    if (holdSeconds > 0) {
      System.out.println("holding " + open + " connections for " + holdSeconds + " s");
      TimeUnit.SECONDS.sleep(holdSeconds); // e.g. for a heap histogram of the server
    }
    synchronized (sockets) {
      sockets.forEach(BenchSocket::close);
    }

    Map<String, Object> result = new LinkedHashMap<>();
    result.put("scenario", "connections");
    result.put("connections", count);
    result.put("concurrency", concurrency);
    result.put("opened", open);
    result.put("failures", failures.get());
    result.put("open_seconds", FanOut.round(openSeconds));
    result.put("opened_per_s", FanOut.round(open / openSeconds));
    result.put("handshake_p50_ms", handshakes.percentileMicros(0.50) / 1000.0);
    result.put("handshake_p99_ms", handshakes.percentileMicros(0.99) / 1000.0);
    result.put("handshake_max_ms", handshakes.maxMicros() / 1000.0);
    result.put("rss_before_mb", FanOut.round(rssBefore / 1048576.0));
    result.put("rss_after_mb", FanOut.round(rssAfter / 1048576.0));
    result.put("rss_kb_per_connection", open == 0 ? 0 : FanOut.round((rssAfter - rssBefore) / 1024.0 / open));
    result.put("heap_before_mb", FanOut.round(heapBefore / 1048576.0));
    result.put("heap_after_mb", FanOut.round(heapAfter / 1048576.0));
    result.put("heap_kb_per_connection", open == 0 ? 0 : FanOut.round((heapAfter - heapBefore) / 1024.0 / open));
    return result;
  }
}
