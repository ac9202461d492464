package org.roomchat.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.regex.Pattern;

/**
 * Sets the browser's security headers on every answer, error pages included: a Content Security
 * Policy that runs only this site's own script files (no inline script or style anywhere in the
 * pages), no framing, no MIME sniffing, no referrer to other sites, and HSTS on HTTPS. WebSocket
 * handshakes get none of these, being no page.
 *
 * <p>Every answer but the static scripts and styles is {@code Cache-Control: no-store}, handshakes
 * included: pages, redirects, JSON and error pages can show a user's name, rooms, tokens or
 * account, and no browser or proxy cache may keep them for whoever uses it next. Mapped in web.xml
 * for requests and error pages.
 */
public class SecurityHeadersFilter extends HttpFilter {

  static final String POLICY =
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
          + " connect-src 'self'%s; frame-ancestors 'none'; object-src 'none'; base-uri 'none';"
          + " form-action 'self'";

  /** A year; no includeSubDomains, since other hosts of the domain are not ours to promise. */
  static final String HSTS = "max-age=31536000";

  /** A host name, IPv4 or bracketed IPv6 address, and an optional port: nothing to escape. */
  private static final Pattern PLAIN_HOST =
      Pattern.compile(
          "(?:[A-Za-z0-9](?:[A-Za-z0-9.-]{0,252})|\\[[0-9A-Fa-f:.]{2,45}\\])(?::\\d{1,5})?");

  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    if (!RequestPaths.isStatic(request)) {
      response.setHeader("Cache-Control", "no-store");
    }
    if (!RequestPaths.isWebSocketUpgrade(request)) {
      response.setHeader(
          "Content-Security-Policy", policy(request.getHeader("Host"), request.isSecure()));
      response.setHeader("X-Content-Type-Options", "nosniff");
      response.setHeader("X-Frame-Options", "DENY");
      response.setHeader("Referrer-Policy", "same-origin");
      if (request.isSecure()) {
        response.setHeader("Strict-Transport-Security", HSTS);
      }
    }
    chain.doFilter(request, response);
  }

  /**
   * The policy for a page reached at {@code host}. CSP Level 3 lets {@code 'self'} match the page's
   * own host over ws: and wss:, but browsers that kept the Level 2 meaning (older Safari) need the
   * WebSocket origins spelled out; they are named only when the Host header is a plain host, so
   * that no header value can add to the policy. A request that came over HTTPS names wss: alone
   * (one that did not may still be HTTPS to the browser, behind a proxy that ends TLS).
   */
  static String policy(String host, boolean secure) {
    if (host == null || !PLAIN_HOST.matcher(host).matches()) {
      return String.format(POLICY, "");
    }
    return String.format(POLICY, (secure ? "" : " ws://" + host) + " wss://" + host);
  }
}
