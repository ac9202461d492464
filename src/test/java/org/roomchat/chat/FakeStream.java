package org.roomchat.chat;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.roomchat.protocol.CloseCode;

/** A user's stream that keeps what it is sent. */
final class FakeStream implements UserStream {
  private final long userId;
  private final String username;
  private final List<String> sent = new ArrayList<>();
  final List<CloseCode> closedWith = new ArrayList<>();

  FakeStream(long userId, String username) {
    this.userId = userId;
    this.username = username;
  }

  @Override
  public long userId() {
    return userId;
  }

  @Override
  public String username() {
    return username;
  }

  @Override
  public Optional<String> login() {
    return Optional.empty();
  }

  @Override
  public Instant openedAt() {
    return Instant.now();
  }

  @Override
  public synchronized void send(String json) {
    sent.add(json);
  }

  @Override
  public boolean awaitDrained(long deadline) {
    return true;
  }

  @Override
  public int queued() {
    return 0;
  }

  @Override
  public synchronized void disconnect(CloseCode code, String reason) {
    closedWith.add(code);
  }

  synchronized List<JsonObject> frames() {
    return sent.stream()
        .map(json -> Json.createReader(new StringReader(json)).readObject())
        .toList();
  }

  /** The frames sent since the last call. */
  synchronized List<JsonObject> take() {
    List<JsonObject> frames = frames();
    sent.clear();
    return frames;
  }
}
