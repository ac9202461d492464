package org.roomchat.bench;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.StringJoiner;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One benchmark user's browser. It signs up and logs in through the real forms as a browser does
 * (the form's page first, for its anti-CSRF token; the post with this site's Origin, ticking "keep
 * me signed in" as the form does by default; the redirect followed), keeps every cookie the server
 * sets and sends them back, on its requests and on its WebSocket handshakes alike. Many browsers
 * may share one HTTP client.
 */
final class BenchBrowser {

  /** The anti-CSRF token a form carries. */
  private static final Pattern TOKEN =
      Pattern.compile("<input type=\"hidden\" name=\"csrf_token\" value=\"([^\"]+)\"");

  /** How often a post answered 503 (the server busy hashing passwords) is tried again. */
  private static final int BUSY_RETRIES = 30;

  private static final int MOST_REDIRECTS = 5;

  private final HttpClient http;
  private final URI base;
  private final CookieJar cookies = new CookieJar();
  private volatile String username;
  private volatile String password;

  BenchBrowser(HttpClient http, URI base) {
    this.http = http;
    this.base = base;
  }

  /** The user this browser signed up, or null before. */
  String username() {
    return username;
  }

  /** Creates the account through the sign-up form; the browser is then logged in as that user. */
  BenchBrowser signUp(String username, String password) throws IOException, InterruptedException {
    submit("accounts/signup/", "username", username, "password", password, "password2", password);
    this.username = username;
    this.password = password;
    return this;
  }

  /** Logs in through the login form as the user this browser signed up. */
  void logInAgain() throws IOException, InterruptedException {
    submit("accounts/login/", "username", username, "password", password);
  }

  /**
   * Opens a room's WebSocket with this browser's cookies, asking for what came after message {@code
   * after} when it is positive. Fails (never throws) when the handshake cannot be made.
   */
  CompletableFuture<WebSocket> openRoom(
      String room, long after, WebSocket.Listener listener, Duration timeout) {
    return openPath(
        "/ws/chat/"
            + URLEncoder.encode(room, StandardCharsets.UTF_8)
            + "/"
            + (after > 0 ? "?after=" + after : ""),
        listener,
        timeout);
  }

  /** Opens the user's own stream of unread counts with this browser's cookies. */
  CompletableFuture<WebSocket> openUserStream(WebSocket.Listener listener, Duration timeout) {
    return openPath("/ws/user/", listener, timeout);
  }

  private CompletableFuture<WebSocket> openPath(
      String path, WebSocket.Listener listener, Duration timeout) {
    String scheme = "https".equalsIgnoreCase(base.getScheme()) ? "wss://" : "ws://";
    URI uri = URI.create(scheme + base.getRawAuthority() + path);
    try {
      WebSocket.Builder socket = http.newWebSocketBuilder().connectTimeout(timeout);
      cookies.header().ifPresent(header -> socket.header("Cookie", header));
      return socket.buildAsync(uri, listener);
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  /** Gets the form's page, posts the form with its token and follows where the post leads. */
  private void submit(String path, String... namesAndValues)
      throws IOException, InterruptedException {
    HttpResponse<String> page = send(request(path).build(), HttpResponse.BodyHandlers.ofString());
    Matcher token = TOKEN.matcher(page.body());
    if (!token.find()) {
      throw new IllegalStateException(
          "no anti-CSRF token on " + path + " (HTTP " + page.statusCode() + ")");
    }
    StringJoiner form = new StringJoiner("&");
    for (int i = 0; i < namesAndValues.length; i += 2) {
      form.add(namesAndValues[i] + "=" + encode(namesAndValues[i + 1]));
    }
    form.add("keep_signed_in=on");
    form.add("csrf_token=" + encode(token.group(1)));
    HttpResponse<Void> posted = post(path, form.toString());
    // A server busy hashing passwords answers 503 with Retry-After; a real client waits and
    // tries again, and so does this one.
    for (int retry = 0; posted.statusCode() == 503 && retry < BUSY_RETRIES; retry++) {
      long seconds = posted.headers().firstValueAsLong("Retry-After").orElse(1);
      Thread.sleep(Duration.ofSeconds(Math.max(1, Math.min(seconds, 10))).toMillis());
      posted = post(path, form.toString());
    }
    if (posted.statusCode() != 302) {
      throw new IllegalStateException(
          path + " for " + namesAndValues[1] + " answered " + posted.statusCode());
    }
    // The login takes full effect on the request after the redirect.
    HttpResponse<Void> followed = posted;
    for (int hop = 0; hop < MOST_REDIRECTS && followed.statusCode() / 100 == 3; hop++) {
      URI next = followed.uri().resolve(followed.headers().firstValue("Location").orElseThrow());
      followed = send(withCookies(HttpRequest.newBuilder(next)).build(), discarding());
    }
  }

  private HttpResponse<Void> post(String path, String form)
      throws IOException, InterruptedException {
    return send(
        request(path)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header("Origin", base.getScheme() + "://" + base.getRawAuthority())
            .POST(HttpRequest.BodyPublishers.ofString(form))
            .build(),
        discarding());
  }

  private HttpRequest.Builder request(String path) {
    return withCookies(HttpRequest.newBuilder(base.resolve(path)));
  }

  private HttpRequest.Builder withCookies(HttpRequest.Builder request) {
    cookies.header().ifPresent(header -> request.header("Cookie", header));
    return request;
  }

  private <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> body)
      throws IOException, InterruptedException {
    HttpResponse<T> response = http.send(request, body);
    cookies.keep(response);
    return response;
  }

  private static HttpResponse.BodyHandler<Void> discarding() {
    return HttpResponse.BodyHandlers.discarding();
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
