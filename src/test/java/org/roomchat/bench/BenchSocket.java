package org.roomchat.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/**
 * A lean load-generator WebSocket (the JDK's client): it hands each whole text frame to a
 * consumer on the client's threads and never parses JSON it does not need.
 */
final class BenchSocket implements WebSocket.Listener {

  private final Consumer<String> frames;
  private final CompletableFuture<Integer> closed = new CompletableFuture<>();
  private StringBuilder partial;
  private WebSocket socket;

  private BenchSocket(Consumer<String> frames) {
    this.frames = frames;
  }

  static CompletableFuture<BenchSocket> open(
      HttpClient http, URI base, String room, String cookie, Consumer<String> frames) {
    BenchSocket listener = new BenchSocket(frames);
    URI uri = URI.create("ws://" + base.getAuthority() + "/ws/chat/" + room + "/");
    return http.newWebSocketBuilder()
        .header("Cookie", cookie)
        .buildAsync(uri, listener)
        .thenApply(
            ws -> {
              listener.socket = ws;
              return listener;
            });
  }

  @Override
  public void onOpen(WebSocket webSocket) {
    webSocket.request(Long.MAX_VALUE);
  }

  @Override
  public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
    if (last && partial == null) {
      frames.accept(data.toString());
    } else {
      if (partial == null) {
        partial = new StringBuilder();
      }
      partial.append(data);
      if (last) {
        frames.accept(partial.toString());
        partial = null;
      }
    }
    return null;
  }

  @Override
  public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
    return null;
  }

  @Override
  public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
    closed.complete(statusCode);
    return null;
  }

  @Override
  public void onError(WebSocket webSocket, Throwable error) {
    closed.complete(-1);
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
