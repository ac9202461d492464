package org.roomchat.bench;

import java.net.HttpCookie;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * One browser's cookies: every cookie the server sets is kept (a later one of the same name
 * replaces it, one set to expire removes it) and all of them go back with every request. Paths,
 * domains and ports are not told apart: a benchmark browser talks to one site, whose cookies are
 * for the whole site.
 */
final class CookieJar {

  /** Values by name, each exactly as the server wrote it. */
  private final Map<String, String> cookies = new LinkedHashMap<>();

  /** Keeps what the response's {@code Set-Cookie} headers say. */
  synchronized void keep(HttpResponse<?> response) {
    for (String header : response.headers().allValues("Set-Cookie")) {
      String pair = header.split(";", 2)[0];
      int equals = pair.indexOf('=');
      if (equals <= 0) {
        continue; // not a cookie a browser would keep
      }
      String name = pair.substring(0, equals).strip();
      // HttpCookie reads the lifetime (Max-Age or Expires) but would unquote the value.
      if (HttpCookie.parse(header).get(0).hasExpired()) {
        cookies.remove(name);
      } else {
        cookies.put(name, pair.substring(equals + 1).strip());
      }
    }
  }

  /** The {@code Cookie} header a request carries, or empty while the jar is empty. */
  synchronized Optional<String> header() {
    if (cookies.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        cookies.entrySet().stream()
            .map(cookie -> cookie.getKey() + "=" + cookie.getValue())
            .collect(Collectors.joining("; ")));
  }
}
