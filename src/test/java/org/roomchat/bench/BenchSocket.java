package org.roomchat.bench;

import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * A lean load-generator WebSocket (the JDK's client): it hands each whole text frame to a
 * consumer on the client's threads and never parses JSON it does not need.
 */
final class BenchSocket extends WholeTextFrames {

  /** How long a handshake may take, as long as a scenario waits for its sockets. */
  private static final Duration HANDSHAKE_LIMIT = Duration.ofSeconds(60);

  private final Consumer<String> frames;
  private final CompletableFuture<Integer> closed = new CompletableFuture<>();
  private volatile WebSocket socket;

  private BenchSocket(Consumer<String> frames) {
    this.frames = frames;
  }

  /** Opens the room's socket with the browser's cookies. */
  static CompletableFuture<BenchSocket> open(
      BenchBrowser browser, String room, Consumer<String> frames) {
    BenchSocket listener = new BenchSocket(frames);
    return browser
        .openRoom(room, 0, listener, HANDSHAKE_LIMIT)
        .thenApply(
            ws -> {
              listener.socket = ws;
              return listener;
            });
  }

  /** Opens the user's own stream ({@code /ws/user/}) with the browser's cookies. */
  static CompletableFuture<BenchSocket> openUserStream(
      BenchBrowser browser, Consumer<String> frames) {
    BenchSocket listener = new BenchSocket(frames);
    return browser
        .openUserStream(listener, HANDSHAKE_LIMIT)
        .thenApply(
            ws -> {
              listener.socket = ws;
              return listener;
            });
  }

  @Override
  void text(String message) {
    frames.accept(message);
  }

  @Override
  void closed(int statusCode) {
    closed.complete(statusCode);
  }

  /** Sends a text frame; sends on one socket are serialized by the caller. */
  CompletableFuture<WebSocket> send(String text) {
    return socket.sendText(text, true);
  }

  boolean isClosed() {
    return closed.isDone();
  }

  void close() {
    if (!closed.isDone()) {
      socket.sendClose(WebSocket.NORMAL_CLOSURE, "").exceptionally(e -> null);
    }
  }
}
