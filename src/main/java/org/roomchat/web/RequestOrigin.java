package org.roomchat.web;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;

/**
 * Where a browser says a request comes from: its {@code Origin} header, and {@code Sec-Fetch-Site}
 * when it sends no Origin. The second line of defence against cross-site requests, after the token:
 * browsers set both headers themselves, and a page on another site cannot forge them. The
 * WebSocket handshake asks the same question, with the wildcard setting allowed.
 */
public final class RequestOrigin {

  private RequestOrigin() {}

  /**
   * Whether a state-changing request comes from another site: its Origin is neither this server's
   * own nor one of {@code allowedOrigins}, or it has no Origin and its Sec-Fetch-Site is {@code
   * cross-site}. The wildcard {@code *} (which lets any site open a WebSocket) does not count here:
   * forms are only ever posted by this site's own pages or by sites named one by one.
   *
   * @param host the request's Host header
   * @param secure whether the request reached this server over HTTPS
   */
  static boolean isCrossSite(
      String origin,
      String secFetchSite,
      String host,
      boolean secure,
      List<String> allowedOrigins) {
    if (origin != null) {
      String trimmed = origin.strip();
      if (isNamed(trimmed, allowedOrigins)) {
        return false;
      }
      if (!sameOrigin(trimmed, host, secure)) {
        return true;
      }
    }
    return "cross-site".equalsIgnoreCase(secFetchSite == null ? null : secFetchSite.strip());
  }

  /**
   * Whether a WebSocket handshake with this Origin header may open (Django Channels'
   * AllowedHostsOriginValidator): it names this server as the browser reached it, or is one of
   * {@code allowedOrigins}, which may be the wildcard {@code *} for any site.
   *
   * @param host the request's Host header
   * @param secure whether the request reached this server over HTTPS
   */
  public static boolean mayOpenSocket(
      String origin, String host, boolean secure, List<String> allowedOrigins) {
    String trimmed = origin.strip();
    return allowedOrigins.contains("*")
        || isNamed(trimmed, allowedOrigins)
        || sameOrigin(trimmed, host, secure);
  }

  /** Whether the origin is one of those named in the settings, the wildcard aside. */
  private static boolean isNamed(String origin, List<String> allowedOrigins) {
    for (String allowed : allowedOrigins) {
      if (!allowed.equals("*") && allowed.strip().equalsIgnoreCase(origin)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether {@code origin} (scheme://host[:port]) names this server as the browser reached it. A
   * Host header without a port (a proxy passing nginx's {@code $host}) is compared by host name
   * alone; a request that came over HTTPS accepts only an https origin.
   */
  static boolean sameOrigin(String origin, String host, boolean secure) {
    if (origin == null || host == null) {
      return false;
    }
    URI originUri;
    URI hostUri;
    try {
      originUri = new URI(origin);
      hostUri = new URI("http://" + host.strip());
    } catch (URISyntaxException e) {
      return false;
    }
    String scheme =
        originUri.getScheme() == null ? "" : originUri.getScheme().toLowerCase(Locale.ROOT);
    if (!(scheme.equals("http") || scheme.equals("https"))
        || (secure && !scheme.equals("https"))
        || originUri.getRawUserInfo() != null
        || !(originUri.getRawPath() == null || originUri.getRawPath().isEmpty())
        || originUri.getRawQuery() != null
        || originUri.getRawFragment() != null
        || hostUri.getRawUserInfo() != null
        || !(hostUri.getRawPath() == null || hostUri.getRawPath().isEmpty())) {
      return false;
    }
    if (originUri.getHost() == null
        || hostUri.getHost() == null
        || !originUri.getHost().equalsIgnoreCase(hostUri.getHost())) {
      return false;
    }
    if (hostUri.getPort() == -1) {
      return true;
    }
    int originPort =
        originUri.getPort() != -1 ? originUri.getPort() : scheme.equals("https") ? 443 : 80;
    return originPort == hostUri.getPort();
  }
}
