package org.roomchat.chat;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.io.StringReader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.roomchat.group.RoomEvent;
import org.roomchat.protocol.CloseCode;

/** A connected client that keeps what it is sent, as JSON, once started. */
final class FakeClient implements ChatClient {
  private final Participant participant;
  private final List<RoomEvent> early = new ArrayList<>();
  private final List<String> written = new ArrayList<>();
  final List<CloseCode> closedWith = new ArrayList<>();
  FrameBudget budget;
  boolean started;
  boolean stopped;
  boolean left;
  long replayedUpTo;

  FakeClient(Participant participant) {
    this.participant = participant;
  }

  @Override
  public Participant participant() {
    return participant;
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
  public synchronized void deliver(RoomEvent event) {
    if (stopped || !event.isFor(participant.username())) {
      return;
    }
    if (started) {
      written.add(event.json());
    } else {
      early.add(event);
    }
  }

  @Override
  public synchronized void start(List<RoomEvent> first, long replayedUpTo) {
    this.replayedUpTo = replayedUpTo;
    started = true;
    first.forEach(event -> written.add(event.json()));
    early.stream()
        .filter(event -> event.messageId() == 0 || event.messageId() > replayedUpTo)
        .forEach(event -> written.add(event.json()));
  }

  @Override
  public synchronized void stopDelivery() {
    stopped = true;
  }

  @Override
  public synchronized boolean markLeft() {
    boolean first = !left;
    left = true;
    return first;
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
    return written.stream()
        .map(json -> Json.createReader(new StringReader(json)).readObject())
        .toList();
  }

  JsonObject last() {
    List<JsonObject> frames = frames();
    return frames.get(frames.size() - 1);
  }

  /** Each frame as {@code type:detail}, for comparing sequences at a glance. */
  List<String> summaries() {
    return frames().stream().map(FakeClient::summary).toList();
  }

  List<String> errors() {
    return summaries().stream().filter(s -> s.startsWith("error:")).toList();
  }

  private static String summary(JsonObject frame) {
    String type = frame.getString("type");
    return switch (type) {
      case "presence" ->
          type + ":" + frame.getJsonArray("users").getValuesAs(JsonString::getString);
      case "message" -> type + ":" + frame.getString("message");
      case "error" -> type + ":" + frame.getString("code");
      case "message_edited" ->
          type + ":" + frame.getJsonNumber("message_id") + ":" + frame.getString("message");
      case "message_deleted" -> type + ":" + frame.getJsonNumber("message_id");
      case "typing" ->
          type + ":" + frame.getString("username") + ":" + frame.getBoolean("is_typing");
      default -> type + ":" + frame.getString("username");
    };
  }
}
