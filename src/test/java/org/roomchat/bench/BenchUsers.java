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
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Creates benchmark users through the real sign-up form and keeps their session cookies. */
final class BenchUsers {

  private static final String PASSWORD = "bench-password-1";

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
    String form =
        "username="
            + URLEncoder.encode(name, StandardCharsets.UTF_8)
            + "&password="
            + PASSWORD
            + "&password2="
            + PASSWORD;
    HttpResponse<Void> posted =
        http.send(
            HttpRequest.newBuilder(base.resolve("accounts/signup/"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build(),
            HttpResponse.BodyHandlers.discarding());
    if (posted.statusCode() != 302) {
      throw new IllegalStateException("sign-up of " + name + " answered " + posted.statusCode());
    }
    String cookie = sessionCookie(posted).orElseThrow(() -> new IllegalStateException("no cookie"));
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
