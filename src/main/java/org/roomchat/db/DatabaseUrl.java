package org.roomchat.db;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code DATABASE_URL} as hosting platforms give it, turned into the datasource settings: {@code
 * postgresql://user:password@host:port/db?param=value} (also {@code postgres://}), or a JDBC URL
 * {@code jdbc:postgresql://host:port/db?user=…&password=…}.
 */
final class DatabaseUrl {

  private DatabaseUrl() {}

  /** The {@code chat.datasource.*} settings the URL stands for. */
  static Map<String, String> settings(String url) {
    String trimmed = url.strip();
    try {
      if (trimmed.startsWith("jdbc:postgresql:")) {
        return fromJdbc(trimmed);
      }
      if (trimmed.startsWith("postgresql://") || trimmed.startsWith("postgres://")) {
        return fromUri(new URI(trimmed));
      }
    } catch (URISyntaxException | IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "Setting DATABASE_URL is not a PostgreSQL URL: " + e.getMessage(), e);
    }
    throw new IllegalArgumentException(
        "Setting DATABASE_URL must start with postgresql://, postgres:// or jdbc:postgresql:");
  }

  private static Map<String, String> fromUri(URI uri) {
    if (uri.getHost() == null) {
      throw new IllegalArgumentException("no host");
    }
    // URI keeps the brackets of an IPv6 literal, as JDBC wants them.
    StringBuilder jdbc = new StringBuilder("jdbc:postgresql://").append(uri.getHost());
    if (uri.getPort() > 0) {
      jdbc.append(':').append(uri.getPort());
    }
    jdbc.append(uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath());
    Map<String, String> settings = new LinkedHashMap<>();
    String user = null;
    String password = null;
    if (uri.getRawUserInfo() != null) {
      String info = uri.getRawUserInfo();
      int colon = info.indexOf(':');
      user = decode(colon < 0 ? info : info.substring(0, colon));
      password = colon < 0 ? null : decode(info.substring(colon + 1));
    }
    if (uri.getRawQuery() != null && !uri.getRawQuery().isEmpty()) {
      jdbc.append('?').append(uri.getRawQuery());
    }
    settings.put("chat.datasource.url", jdbc.toString());
    putCredentials(settings, user, password);
    return settings;
  }

  /** The JDBC URL stays as it is; its user and password also become the datasource's. */
  private static Map<String, String> fromJdbc(String jdbc) {
    String user = null;
    String password = null;
    int query = jdbc.indexOf('?');
    if (query >= 0) {
      for (String parameter : jdbc.substring(query + 1).split("&")) {
        int equals = parameter.indexOf('=');
        String name = equals < 0 ? parameter : parameter.substring(0, equals);
        String value = equals < 0 ? "" : decode(parameter.substring(equals + 1));
        if (name.equals("user")) {
          user = value;
        } else if (name.equals("password")) {
          password = value;
        }
      }
    }
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("chat.datasource.url", jdbc);
    putCredentials(settings, user, password);
    return settings;
  }

  private static void putCredentials(Map<String, String> settings, String user, String password) {
    if (user != null && !user.isEmpty()) {
      settings.put("chat.datasource.user", user);
    }
    if (password != null && !password.isEmpty()) {
      settings.put("chat.datasource.password", password);
    }
  }

  private static String decode(String text) {
    return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
  }
}
