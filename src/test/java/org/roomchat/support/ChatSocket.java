package org.roomchat.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.CloseReason;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;
import java.io.IOException;
import java.io.StringReader;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import org.glassfish.tyrus.client.ClientManager;
import org.glassfish.tyrus.client.ClientProperties;
import org.glassfish.tyrus.client.SslEngineConfigurator;
import org.glassfish.tyrus.client.auth.AuthenticationException;

/**
 * A WebSocket client on a room, as the guide's tests use their communicator: it records every
 * frame it receives and waits for the ones a test expects, with a timeout.
 */
public final class ChatSocket implements AutoCloseable {

  public static final Duration TIMEOUT = Duration.ofSeconds(15);

  private static final ClientManager CLIENT = ClientManager.createClient();

  private static ClientManager tlsClient;

  static {
    // One transport for all sockets of a test run, kept alive between tests.
    CLIENT.getProperties().put(ClientProperties.SHARED_CONTAINER, true);
    // Tyrus stops an idle shared transport after 30 s by default, and a socket opened just as it
    // stops gets its executors terminated under it; a test run never lets it stop.
    CLIENT.getProperties().put(ClientProperties.SHARED_CONTAINER_IDLE_TIMEOUT, 24 * 3600);
    keepThreadPools(CLIENT);
  }

  /**
   * Tyrus stops the client's thread pools whenever its last socket closes, and a socket being
   * opened at that moment keeps the stopped pool: its first send fails with
   * RejectedExecutionException. Counting one connection that never ends keeps the pools for the
   * whole test run (Tyrus has no setting for it).
   */
  private static void keepThreadPools(ClientManager client) {
    try {
      Field field = ClientManager.class.getDeclaredField("clientActivityListener");
      field.setAccessible(true);
      Object listener = field.get(client);
      Method initiated =
          Class.forName(ClientManager.class.getName() + "$ClientActivityListener")
              .getMethod("onConnectionInitiated");
      initiated.setAccessible(true);
      initiated.invoke(listener);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("this Tyrus client keeps its pools differently", e);
    }
  }

  private final LinkedBlockingQueue<JsonObject> frames = new LinkedBlockingQueue<>();
  private final List<JsonObject> seen = new ArrayList<>();
  private final CompletableFuture<CloseReason> closed = new CompletableFuture<>();
  private volatile boolean discardingMessages;
  private Session session;

  private ChatSocket() {}

  /** The user's own stream of unread counts. */
  public static final String USER_STREAM = "/ws/user/";

  /** Opens a socket on the room with the given cookie and optional Origin header. */
  public static ChatSocket open(URI base, String roomPath, String cookie, String origin)
      throws DeploymentException, IOException {
    return openPath(base, "/ws/chat/" + roomPath, cookie, origin);
  }

  /**
   * Opens a socket on the conversation with the user {@code peerPath} names ({@code bob/}, or
   * {@code bob/?after=7}; percent-encoded) as a logged-in browser on this server.
   */
  public static ChatSocket openConversation(ChatHttp browser, String peerPath)
      throws DeploymentException, IOException {
    return openPath(
        browser.base(),
        "/ws/dm/" + peerPath,
        browser.cookieHeader(),
        browser.origin());
  }

  /** Opens the user's own stream ({@value #USER_STREAM}) as a logged-in browser on this server. */
  public static ChatSocket openUserStream(ChatHttp browser)
      throws DeploymentException, IOException {
    String origin = browser.origin();
    return openPath(browser.base(), USER_STREAM, browser.cookieHeader(), origin);
  }

  /** Opens a socket on the path with the given cookie and optional Origin header. */
  public static ChatSocket openPath(URI base, String path, String cookie, String origin)
      throws DeploymentException, IOException {
    ChatSocket socket = new ChatSocket();
    URI uri = socketUri(base, path);
    ClientEndpointConfig config =
        ClientEndpointConfig.Builder.create()
            .configurator(
                new ClientEndpointConfig.Configurator() {
                  @Override
                  public void beforeRequest(Map<String, List<String>> headers) {
                    if (cookie != null && !cookie.isEmpty()) {
                      headers.put("Cookie", List.of(cookie));
                    }
                    if (origin != null) {
                      headers.put("Origin", List.of(origin));
                    } else {
                      headers.remove("Origin");
                    }
                  }
                })
            .build();
    socket.session = client(uri).connectToServer(socket.endpoint(), config, uri);
    return socket;
  }

  /**
   * The WebSocket address of a path on the server at {@code base}: {@code wss:} for an HTTPS site,
   * whose certificate ({@link TlsCertificate}) the client then trusts.
   */
  private static URI socketUri(URI base, String path) {
    boolean tls = "https".equalsIgnoreCase(base.getScheme());
    return URI.create((tls ? "wss://" : "ws://") + base.getAuthority() + path);
  }

  /**
   * The client for the address: {@code wss:} sockets have one of their own, trusting the run's
   * certificate, since a TLS setting on the shared plain-socket transport turns its {@code ws:}
   * sockets into TLS ones too.
   */
  private static ClientManager client(URI uri) {
    if (!"wss".equals(uri.getScheme())) {
      return CLIENT;
    }
    synchronized (ChatSocket.class) {
      if (tlsClient == null) {
        ClientManager client = ClientManager.createClient();
        client
            .getProperties()
            .put(
                ClientProperties.SSL_ENGINE_CONFIGURATOR,
                new SslEngineConfigurator(
                    TlsCertificate.localhost().clientContext(), true, false, false));
        keepThreadPools(client);
        tlsClient = client;
      }
      return tlsClient;
    }
  }

  /** Opens a socket as a logged-in browser on this server (its own Origin). */
  public static ChatSocket open(ChatHttp browser, String roomPath)
      throws DeploymentException, IOException {
    String origin = browser.origin();
    return open(browser.base(), roomPath, browser.cookieHeader(), origin);
  }

  /**
   * Opens a socket as a logged-in browser: the socket when the room took it (its first frame,
   * presence, taken), or null when it was refused as one too many of the user's, with 429 at the
   * handshake or closed with 1008 before any room frame.
   */
  public static ChatSocket openUnlessRefused(ChatHttp browser, String roomPath)
      throws DeploymentException, IOException {
    ChatSocket socket;
    try {
      socket = open(browser, roomPath);
    } catch (DeploymentException e) {
      for (Throwable t = e; t != null; t = t.getCause()) {
        if (t instanceof org.glassfish.tyrus.core.HandshakeException handshake) {
          assertEquals(429, handshake.getHttpStatusCode(), e.toString());
          return null;
        }
      }
      throw e;
    }
    JsonObject first = socket.firstFrameOrClose();
    if (first == null) {
      socket.assertClosedWith(1008);
      return null;
    }
    assertEquals("presence", first.getString("type"), "the first frame of a room");
    return socket;
  }

  /** The HTTP status a refused handshake answered with, or fails if the handshake succeeded. */
  public static int refusedStatus(URI base, String roomPath, String cookie, String origin) {
    return refusedStatusAt(base, "/ws/chat/" + roomPath, cookie, origin);
  }

  /**
   * The HTTP status a refused handshake to this path (from the server's root) answered with, or
   * fails if the handshake succeeded.
   */
  public static int refusedStatusAt(URI base, String path, String cookie, String origin) {
    try (ChatSocket socket = openPath(base, path, cookie, origin)) {
      return fail("handshake to " + path + " was accepted");
    } catch (DeploymentException e) {
      for (Throwable t = e; t != null; t = t.getCause()) {
        if (t instanceof org.glassfish.tyrus.core.HandshakeException handshake) {
          return handshake.getHttpStatusCode();
        }
        if (t instanceof AuthenticationException) {
          return 401;
        }
      }
      throw new AssertionError("handshake failed without an HTTP status", e);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  private Endpoint endpoint() {
    return new Endpoint() {
      @Override
      public void onOpen(Session session, EndpointConfig config) {
        session.setMaxTextMessageBufferSize(1 << 20);
        session.addMessageHandler(
            String.class,
            (MessageHandler.Whole<String>)
                text -> {
                  if (discardingMessages && text.startsWith("{\"type\":\"message\"")) {
                    return;
                  }
                  try (JsonReader reader = Json.createReader(new StringReader(text))) {
                    frames.add(reader.readObject());
                  }
                });
      }

      @Override
      public void onClose(Session session, CloseReason reason) {
        closed.complete(reason);
      }
    };
  }

  public void send(String text) {
    try {
      session.getBasicRemote().sendText(text);
    } catch (IOException e) {
      throw new AssertionError("send failed", e);
    }
  }

  /** Sends unless the socket is closed; false when it was, or closed meanwhile. */
  public boolean offer(String text) {
    try {
      session.getBasicRemote().sendText(text);
      return true;
    } catch (IOException | IllegalStateException e) {
      return false;
    }
  }

  /**
   * Drops chat messages as they arrive instead of keeping them (or, with false, keeps them again):
   * for a socket in a room that carries more messages than a test wants to hold.
   */
  public void discardMessages(boolean discard) {
    discardingMessages = discard;
  }

  public void sendBinary(byte[] data) {
    try {
      session.getBasicRemote().sendBinary(ByteBuffer.wrap(data));
    } catch (IOException e) {
      throw new AssertionError("send failed", e);
    }
  }

  public void say(String message) {
    send(Json.createObjectBuilder().add("type", "message").add("message", message).build().toString());
  }

  /** Tells the server the room is read up to the message. */
  public void read(long messageId) {
    send(Json.createObjectBuilder().add("type", "read").add("message_id", messageId).build().toString());
  }

  /** Asks for the message's text to be replaced. */
  public void edit(long messageId, String message) {
    send(
        Json.createObjectBuilder()
            .add("type", "edit")
            .add("message_id", messageId)
            .add("message", message)
            .build()
            .toString());
  }

  /** Asks for the message to be deleted. */
  public void delete(long messageId) {
    send(
        Json.createObjectBuilder()
            .add("type", "delete")
            .add("message_id", messageId)
            .build()
            .toString());
  }

  /** Waits for an error frame with this code. */
  public JsonObject awaitError(String code) {
    return await(
        f -> "error".equals(f.getString("type", null)) && code.equals(f.getString("code", null)),
        "error " + code);
  }

  /** Waits for news about the message: a {@code message_edited} or {@code message_deleted}. */
  public JsonObject awaitChange(String type, long messageId) {
    return await(
        f ->
            type.equals(f.getString("type", null))
                && f.containsKey("message_id")
                && f.getJsonNumber("message_id").longValueExact() == messageId,
        type + " of " + messageId);
  }

  public void typing(boolean isTyping) {
    send(Json.createObjectBuilder().add("type", "typing").add("is_typing", isTyping).build().toString());
  }

  /** Waits for the next frame that matches, keeping the frames before it in {@link #seen()}. */
  public JsonObject await(Predicate<JsonObject> wanted, String description) {
    return await(wanted, description, TIMEOUT);
  }

  /** As {@link #await(Predicate, String)}, for events that take longer than usual. */
  public JsonObject await(Predicate<JsonObject> wanted, String description, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    try {
      while (true) {
        long left = deadline - System.nanoTime();
        JsonObject frame = left > 0 ? frames.poll(left, TimeUnit.NANOSECONDS) : null;
        if (frame == null) {
          return fail("no " + description + " within " + timeout + "; saw " + seen);
        }
        seen.add(frame);
        if (wanted.test(frame)) {
          return frame;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** The next frame within the timeout (kept in {@link #seen()}), or null when none came. */
  public JsonObject poll(Duration timeout) throws InterruptedException {
    JsonObject frame = frames.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
    if (frame != null) {
      seen.add(frame);
    }
    return frame;
  }

  /** Waits for the next frame of the given type. */
  public JsonObject await(String type) {
    return await(f -> type.equals(f.getString("type", null)), type + " frame");
  }

  /** Waits for a chat message with this text. */
  public JsonObject awaitMessage(String text) {
    return await(
        f -> "message".equals(f.getString("type", null)) && text.equals(f.getString("message", null)),
        "message '" + text + "'");
  }

  /**
   * Waits for the first frame or the server's close, whichever comes first: the frame, or null
   * when the socket was closed without one.
   */
  public JsonObject firstFrameOrClose() {
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    try {
      while (System.nanoTime() < deadline) {
        // Frames are handled before the close, so once it is seen any frame is in the queue.
        boolean wasClosed = closed.isDone();
        JsonObject frame = frames.poll(wasClosed ? 0 : 50, TimeUnit.MILLISECONDS);
        if (frame != null) {
          seen.add(frame);
          return frame;
        }
        if (wasClosed) {
          return null;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
    return fail("neither a frame nor the close within " + TIMEOUT);
  }

  /** The frames taken so far by the await methods, in arrival order. */
  public List<JsonObject> seen() {
    return seen;
  }

  /** Waits for the server to close the socket and returns why. */
  public CloseReason awaitClose() {
    return awaitClose(TIMEOUT);
  }

  /** Waits at most {@code timeout} for the server to close the socket and returns why. */
  public CloseReason awaitClose(Duration timeout) {
    try {
      return closed.get(Math.max(0, timeout.toMillis()), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      return fail("socket not closed within " + timeout + "; saw " + seen + " and " + frames);
    } catch (InterruptedException | ExecutionException e) {
      throw new AssertionError(e);
    }
  }

  public boolean isOpen() {
    return session.isOpen();
  }

  /** Whether frames have arrived that nobody has taken yet. */
  public boolean hasQueued() {
    return !frames.isEmpty();
  }

  /** All frames received and not yet awaited; asserts the queue is drained of them. */
  public List<JsonObject> drained() {
    List<JsonObject> rest = new ArrayList<>();
    frames.drainTo(rest);
    seen.addAll(rest);
    return rest;
  }

  @Override
  public void close() {
    if (session != null && session.isOpen()) {
      try {
        session.close();
      } catch (IOException e) {
        // already going away
      }
    }
  }

  /** Asserts the socket was closed by the server with the code. */
  public void assertClosedWith(int code) {
    assertClosedWith(code, TIMEOUT);
  }

  /** Asserts the socket was closed by the server with the code, within {@code timeout}. */
  public void assertClosedWith(int code, Duration timeout) {
    CloseReason reason = awaitClose(timeout);
    assertTrue(
        reason.getCloseCode().getCode() == code,
        () -> "expected close " + code + " but got " + reason);
  }
}
