package org.roomchat.bench;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Creates benchmark users through the real sign-up form and keeps their session cookies. */
final class BenchUsers {

  private static final String PASSWORD = "quiet-harbor-bench-42";

  /** The anti-CSRF token the sign-up form carries. */
  private static final Pattern TOKEN =
      Pattern.compile("<input type=\"hidden\" name=\"csrf_token\" value=\"([^\"]+)\"");

  private BenchUsers() {}

  /** Signs up {@code count} users named prefix0, prefix1, ... and returns their cookies. */
  static List<String> signUp(HttpClient http, URI base, String prefix, int count, int parallel)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(parallel);
    try {
      List<Future<String>> cookies = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        String name = prefix + i;
        cookies.add(pool.submit(() -> signUp(http, base, name)));
      }
      List<String> result = new ArrayList<>(count);
      for (Future<String> cookie : cookies) {
        result.add(cookie.get());
      }
      return result;
    } finally {
      pool.shutdownNow();
    }
  }

  private static String signUp(HttpClient http, URI base, String name)
      throws IOException, InterruptedException {
    // As a browser does: the form page first, for its session and its anti-CSRF token.
    HttpResponse<String> page =
        http.send(
            HttpRequest.newBuilder(base.resolve("accounts/signup/")).build(),
            HttpResponse.BodyHandlers.ofString());
    String formCookie =
        sessionCookie(page).orElseThrow(() -> new IllegalStateException("no session cookie"));
    Matcher token = TOKEN.matcher(page.body());
    if (!token.find()) {
      throw new IllegalStateException("no anti-CSRF token on the sign-up form");
    }
    String form =
        "username="
            + URLEncoder.encode(name, StandardCharsets.UTF_8)
            + "&password="
            + PASSWORD
            + "&password2="
            + PASSWORD
            + "&csrf_token="
            + URLEncoder.encode(token.group(1), StandardCharsets.UTF_8);
    HttpRequest post =
        HttpRequest.newBuilder(base.resolve("accounts/signup/"))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header("Cookie", formCookie)
            .header("Origin", base.getScheme() + "://" + base.getRawAuthority())
            .POST(HttpRequest.BodyPublishers.ofString(form))
            .build();
    HttpResponse<Void> posted = http.send(post, HttpResponse.BodyHandlers.discarding());
    // A server busy hashing passwords answers 503 with Retry-After; a real client waits and
    // tries again, and so does this one.
    for (int retry = 0; posted.statusCode() == 503 && retry < 30; retry++) {
      long seconds = posted.headers().firstValueAsLong("Retry-After").orElse(1);
      Thread.sleep(Duration.ofSeconds(Math.max(1, Math.min(seconds, 10))).toMillis());
      posted = http.send(post, HttpResponse.BodyHandlers.discarding());
    }
    if (posted.statusCode() != 302) {
      throw new IllegalStateException("sign-up of " + name + " answered " + posted.statusCode());
    }
    String cookie = sessionCookie(posted).orElse(formCookie);
    // The login takes full effect on the request after the redirect, which may renew the id.
    HttpResponse<Void> followed =
        http.send(
            HttpRequest.newBuilder(base.resolve("chat/")).header("Cookie", cookie).build(),
            HttpResponse.BodyHandlers.discarding());
    return sessionCookie(followed).orElse(cookie);
  }

  private static Optional<String> sessionCookie(HttpResponse<?> response) {
    return response.headers().allValues("Set-Cookie").stream()
        .filter(c -> c.startsWith("JSESSIONID="))
        .map(c -> c.substring(0, c.indexOf(';') < 0 ? c.length() : c.indexOf(';')))
        .reduce((first, second) -> second);
  }
}
