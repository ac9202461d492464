package org.roomchat.support;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A browser-like HTTP client for one user: it keeps cookies, posts the real sign-up and login
 * forms, and hands the session cookie to WebSocket clients.
 */
public final class ChatHttp {

  private final URI base;
  private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
  private final HttpClient client;

  public ChatHttp(URI base) {
    this.base = base;
    this.client =
        HttpClient.newBuilder()
            .cookieHandler(cookies)
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
  }

  /** The server's base URI on loopback, from the address Arquillian reports. */
  public static URI loopback(URL deployed) {
    return URI.create("http://localhost:" + deployed.getPort() + "/");
  }

  public URI base() {
    return base;
  }

  public HttpResponse<String> get(String path) {
    return send(HttpRequest.newBuilder(base.resolve(path)).GET().build());
  }

  public HttpResponse<String> post(String path, Map<String, String> form) {
    return send(
        HttpRequest.newBuilder(base.resolve(path))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(encode(form)))
            .build());
  }

  /** Follows redirects the way a browser does after a form post, and returns the last answer. */
  public HttpResponse<String> follow(HttpResponse<String> response) {
    HttpResponse<String> current = response;
    for (int hops = 0; hops < 10 && current.statusCode() / 100 == 3; hops++) {
      String location = current.headers().firstValue("Location").orElseThrow();
      current = send(HttpRequest.newBuilder(current.uri().resolve(location)).GET().build());
    }
    return current;
  }

  /** Creates the account through the sign-up form; the client is then logged in. */
  public ChatHttp signUp(String username, String password) {
    HttpResponse<String> response =
        post(
            "accounts/signup/",
            form("username", username, "password", password, "password2", password));
    assertEquals(302, response.statusCode(), () -> "sign-up of " + username + ": " + response.body());
    follow(response);
    return this;
  }

  /** Logs in through the login form. */
  public ChatHttp logIn(String username, String password) {
    HttpResponse<String> response =
        post("accounts/login/", form("username", username, "password", password));
    assertEquals(302, response.statusCode(), () -> "login of " + username + ": " + response.body());
    follow(response);
    return this;
  }

  /** The Cookie header a WebSocket handshake from this browser carries. */
  public String cookieHeader() {
    return cookies.getCookieStore().getCookies().stream()
        .map(HttpCookie::toString)
        .collect(Collectors.joining("; "));
  }

  public static Map<String, String> form(String... namesAndValues) {
    Map<String, String> form = new LinkedHashMap<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      form.put(namesAndValues[i], namesAndValues[i + 1]);
    }
    return form;
  }

  private static String encode(Map<String, String> form) {
    return form.entrySet().stream()
        .map(
            e ->
                URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
                    + "="
                    + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
  }

  private HttpResponse<String> send(HttpRequest request) {
    try {
      return client.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IllegalStateException("HTTP request failed: " + request.uri(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
