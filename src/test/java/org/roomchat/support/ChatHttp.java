package org.roomchat.support;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.CookieHandler;
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
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A browser-like HTTP client for one user: it keeps cookies, posts the real sign-up and login forms
 * with the anti-CSRF token their pages carry and the Origin a browser sends, and hands the session
 * cookie to WebSocket clients. {@link #postAsIs} posts without either, as another site's page or a
 * script would.
 */
public final class ChatHttp {

  /** The form field and header that carry the anti-CSRF token. */
  public static final String CSRF_FIELD = "csrf_token";

  public static final String CSRF_HEADER = "X-CSRF-Token";

  public static final String SESSION_COOKIE = "JSESSIONID";
  public static final String CSRF_COOKIE = "roomchat_csrf";
  public static final String LOGIN_COOKIE = "roomchat_login";
  public static final String DEVICE_COOKIE = "roomchat_device";

  private static final Pattern TOKEN_FIELD =
      Pattern.compile("<input type=\"hidden\" name=\"" + CSRF_FIELD + "\" value=\"([^\"]+)\"");
  private static final Pattern TOKEN_META =
      Pattern.compile("<meta name=\"csrf-token\" content=\"([^\"]+)\"");

  private static final Pattern MEMBER_ROW =
      Pattern.compile("<tr class=\"member\" data-username=\"([^\"]*)\" data-role=\"([a-z]+)\"");

  private static final AtomicInteger ADDRESSES = new AtomicInteger();

  private final String clientAddress;
  private final URI base;
  private final CookieManager cookies;
  private final HttpClient client;

  /** Whether this browser's logins tick "keep me signed in". */
  private boolean keepSignedIn;

  /** Every Set-Cookie header this browser was sent, as sent. */
  private final List<String> cookiesSet = new CopyOnWriteArrayList<>();

  /** The token the last page with one showed, and the session it belongs to. */
  private String csrfToken;

  private String csrfCookie;

  /**
   * A browser with an address of its own, as if on a machine of its own: where the server trusts
   * loopback as a proxy (the Arquillian servers do), per-address limits count each browser apart.
   */
  public ChatHttp(URI base) {
    this(base, nextAddress());
  }

  /** A browser at this address (sent in X-Forwarded-For, believed only from a trusted proxy). */
  public ChatHttp(URI base, String clientAddress) {
    this(base, clientAddress, new CookieManager(null, CookiePolicy.ACCEPT_ALL));
  }

  private ChatHttp(URI base, String clientAddress, CookieManager cookies) {
    this.clientAddress = clientAddress;
    this.base = base;
    this.cookies = cookies;
    // HTTP/1.1 as a browser speaks it to a plain-HTTP server: the client's default h2c upgrade
    // request is something no browser sends, and Grizzly's handling of it can deadlock a node.
    HttpClient.Builder client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .cookieHandler(new LoopbackIsSecure(cookies, cookiesSet))
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(10));
    if ("https".equalsIgnoreCase(base.getScheme())) {
      client.sslContext(TlsCertificate.localhost().clientContext());
    }
    this.client = client.build();
  }

  /**
   * Keeps and sends {@code Secure} cookies over plain HTTP to loopback, as browsers do (they count
   * localhost as a secure context): a server set up for HTTPS behind a proxy then works in tests.
   */
  private static final class LoopbackIsSecure extends CookieHandler {

    private final CookieManager cookies;
    private final List<String> cookiesSet;

    LoopbackIsSecure(CookieManager cookies, List<String> cookiesSet) {
      this.cookies = cookies;
      this.cookiesSet = cookiesSet;
    }

    @Override
    public Map<String, List<String>> get(URI uri, Map<String, List<String>> headers)
        throws IOException {
      return cookies.get(secure(uri), headers);
    }

    @Override
    public void put(URI uri, Map<String, List<String>> headers) throws IOException {
      headers.forEach(
          (name, values) -> {
            if ("Set-Cookie".equalsIgnoreCase(name)) {
              cookiesSet.addAll(values);
            }
          });
      cookies.put(secure(uri), headers);
    }

    private static URI secure(URI uri) {
      String host = uri.getHost();
      boolean loopback =
          "localhost".equalsIgnoreCase(host) || "127.0.0.1".equals(host) || "[::1]".equals(host);
      if (!loopback || !"http".equalsIgnoreCase(uri.getScheme())) {
        return uri;
      }
      return URI.create("https" + uri.toString().substring("http".length()));
    }
  }

  /**
   * The same browser (its cookies, its address) at another address of the server: another node,
   * or the server restarted on another port. Cookies of a host go to all its ports, as in browsers.
   */
  public ChatHttp at(URI otherBase) {
    ChatHttp same = new ChatHttp(otherBase, clientAddress, cookies);
    same.keepSignedIn = keepSignedIn;
    return same;
  }

  /** From now on this browser's logins and sign-ups tick "keep me signed in". */
  public ChatHttp keepingSignedIn() {
    keepSignedIn = true;
    return this;
  }

  /** Puts a cookie into this browser, as someone who copied it from another would. */
  public ChatHttp withCookie(String name, String value) {
    HttpCookie cookie = new HttpCookie(name, value);
    cookie.setPath("/");
    cookie.setVersion(0);
    cookies.getCookieStore().add(LoopbackIsSecure.secure(base), cookie);
    return this;
  }

  /** Addresses from 198.18.0.0/15, the range set aside for benchmarks and tests. */
  private static String nextAddress() {
    int n = ADDRESSES.incrementAndGet();
    return "198." + (18 + n / 65_536 % 2) + "." + (n / 256 % 256) + "." + (n % 256);
  }

  /** The address this browser says it has. */
  public String clientAddress() {
    return clientAddress;
  }

  private HttpRequest.Builder newRequest(URI uri) {
    return HttpRequest.newBuilder(uri).header("X-Forwarded-For", clientAddress);
  }

  /** The server's base URI on loopback, from the address Arquillian reports. */
  public static URI loopback(URL deployed) {
    return URI.create("http://localhost:" + deployed.getPort() + "/");
  }

  public URI base() {
    return base;
  }

  public HttpResponse<String> get(String path) {
    return send(newRequest(base.resolve(path)).GET().build());
  }

  /** A GET with extra headers (names and values), such as a proxy's. */
  public HttpResponse<String> getWith(String path, String... headerNamesAndValues) {
    HttpRequest.Builder request = newRequest(base.resolve(path)).GET();
    for (int i = 0; i < headerNamesAndValues.length; i += 2) {
      request.setHeader(headerNamesAndValues[i], headerNamesAndValues[i + 1]);
    }
    return send(request.build());
  }

  /**
   * Posts a form as a browser does from one of this site's pages: with the token of this browser's
   * session (unless the form names one itself) and this site's Origin.
   */
  public HttpResponse<String> post(String path, Map<String, String> form) {
    Map<String, String> withToken = new LinkedHashMap<>(form);
    if (!withToken.containsKey(CSRF_FIELD)) {
      withToken.put(CSRF_FIELD, csrfToken());
    }
    return postAsIs(path, withToken, "Origin", origin());
  }

  /**
   * Posts exactly this form with exactly these extra headers (names and values): no token and no
   * Origin unless given, as a page on another site or a script would post with this browser's
   * cookies.
   */
  public HttpResponse<String> postAsIs(
      String path, Map<String, String> form, String... headerNamesAndValues) {
    HttpRequest.Builder request =
        newRequest(base.resolve(path))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(encode(form)));
    for (int i = 0; i < headerNamesAndValues.length; i += 2) {
      request.setHeader(headerNamesAndValues[i], headerNamesAndValues[i + 1]);
    }
    return send(request.build());
  }

  /** This site's origin, as a browser names it in the Origin header. */
  public String origin() {
    return base.getScheme() + "://" + base.getRawAuthority();
  }

  /**
   * The anti-CSRF token of this browser's cookie: the one its last page showed, or else the one of
   * the room list (a page with a form), fetched now, as a browser has a page before it posts.
   */
  public String csrfToken() {
    if (csrfToken == null || !Objects.equals(csrfCookie, cookie(CSRF_COOKIE))) {
      HttpResponse<String> page = get("chat/");
      assertEquals(200, page.statusCode(), () -> "the room list: " + page.body());
    }
    if (csrfToken == null || !Objects.equals(csrfCookie, cookie(CSRF_COOKIE))) {
      throw new AssertionError("no anti-CSRF token for this session on the room list");
    }
    return csrfToken;
  }

  /** The session cookie's value, or null before the server started a session. */
  public String sessionId() {
    return cookie(SESSION_COOKIE);
  }

  /** The value of the cookie of this name the browser holds, or null. */
  public String cookie(String name) {
    return cookies.getCookieStore().getCookies().stream()
        .filter(c -> c.getName().equals(name))
        .map(HttpCookie::getValue)
        .reduce((first, later) -> later)
        .orElse(null);
  }

  /** Follows redirects the way a browser does after a form post, and returns the last answer. */
  public HttpResponse<String> follow(HttpResponse<String> response) {
    HttpResponse<String> current = response;
    for (int hops = 0; hops < 10 && current.statusCode() / 100 == 3; hops++) {
      String location = current.headers().firstValue("Location").orElseThrow();
      current = send(newRequest(current.uri().resolve(location)).GET().build());
    }
    return current;
  }

  /** Creates the account through the sign-up form; the client is then logged in. */
  public ChatHttp signUp(String username, String password) {
    get("accounts/signup/");
    HttpResponse<String> response =
        post(
            "accounts/signup/",
            keep(form("username", username, "password", password, "password2", password)));
    assertEquals(
        302, response.statusCode(), () -> "sign-up of " + username + ": " + response.body());
    follow(response);
    return this;
  }

  /** Logs in through the login form. */
  public ChatHttp logIn(String username, String password) {
    get("accounts/login/");
    HttpResponse<String> response =
        post("accounts/login/", keep(form("username", username, "password", password)));
    assertEquals(302, response.statusCode(), () -> "login of " + username + ": " + response.body());
    follow(response);
    return this;
  }

  /** Starts a room through the room list's "new room" form ({@code public} or {@code private}). */
  public HttpResponse<String> newRoom(String name, String visibility) {
    return post("chat/new/", form("name", name, "visibility", visibility));
  }

  /** Asks a room's members page for a change ({@code add}, {@code remove}...) to a member. */
  public HttpResponse<String> changeMember(String room, String action, String username) {
    return post(
        "chat/" + URLEncoder.encode(room, StandardCharsets.UTF_8) + "/members/",
        form("username", username, "action", action));
  }

  /**
   * Posts a room's moderation form: {@code mute}, {@code unmute}, {@code ban} or {@code unban} the
   * user, for {@code minutes} (null: until lifted).
   */
  public HttpResponse<String> moderate(
      String room, String action, String username, Integer minutes) {
    Map<String, String> form = form("username", username, "action", action);
    if (minutes != null) {
      form.put("minutes", minutes.toString());
    }
    return post("chat/" + URLEncoder.encode(room, StandardCharsets.UTF_8) + "/moderation/", form);
  }

  /** Posts the dashboard's form deleting the room, as an admin does. */
  public HttpResponse<String> deleteRoom(String room) {
    return post(
        "admin/rooms/" + URLEncoder.encode(room, StandardCharsets.UTF_8) + "/delete", form());
  }

  /** The path of the conversation page with this user, percent-encoded, without a leading slash. */
  public static String conversationPath(String username) {
    return "dm/" + URLEncoder.encode(username, StandardCharsets.UTF_8) + "/";
  }

  /** Posts the conversation page's block form for this user. */
  public HttpResponse<String> block(String username) {
    return post(conversationPath(username) + "block", form());
  }

  /** Posts the conversation page's unblock form for this user. */
  public HttpResponse<String> unblock(String username) {
    return post(conversationPath(username) + "unblock", form());
  }

  /** The members a room's members page lists, with their roles, in page order. */
  public Map<String, String> members(String room) {
    HttpResponse<String> page =
        get("chat/" + URLEncoder.encode(room, StandardCharsets.UTF_8) + "/members/");
    assertEquals(200, page.statusCode(), () -> "the members of " + room + ": " + page.body());
    Matcher m = MEMBER_ROW.matcher(page.body());
    Map<String, String> members = new LinkedHashMap<>();
    while (m.find()) {
      members.put(m.group(1), m.group(2));
    }
    return members;
  }

  /** Every Set-Cookie header this browser was sent so far, as sent. */
  public List<String> cookiesSet() {
    return List.copyOf(cookiesSet);
  }

  /** The Cookie header a WebSocket handshake from this browser carries. */
  public String cookieHeader() {
    return cookies.getCookieStore().getCookies().stream()
        .map(HttpCookie::toString)
        .collect(Collectors.joining("; "));
  }

  private Map<String, String> keep(Map<String, String> form) {
    if (keepSignedIn) {
      form.put("keep_signed_in", "on");
    }
    return form;
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
      HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
      rememberToken(response);
      return response;
    } catch (IOException e) {
      throw new IllegalStateException("HTTP request failed: " + request.uri(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * Keeps the token a page shows in its forms (or its meta element), as a browser keeps the page.
   */
  private void rememberToken(HttpResponse<String> response) {
    String body = response.body();
    if (body == null) {
      return;
    }
    Matcher field = TOKEN_FIELD.matcher(body);
    Matcher meta = TOKEN_META.matcher(body);
    String token = field.find() ? field.group(1) : meta.find() ? meta.group(1) : null;
    if (token != null) {
      csrfToken = token;
      csrfCookie = cookie(CSRF_COOKIE);
    }
  }
}
