package org.roomchat.web;

import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.roomchat.config.WebSettings;

/**
 * Guards every state-changing request (any method but GET, HEAD, OPTIONS and TRACE) before a
 * servlet sees it: it must come from this site (its Origin, or else its Sec-Fetch-Site) and carry
 * its cookie's {@link CsrfToken}; a page request without one gets one. Anything else gets 403 with the forbidden page, which then says
 * that the form was stale or came from elsewhere, and changes nothing. Mapped in web.xml, after
 * {@link SessionLifetimeFilter}.
 */
public class CsrfFilter extends HttpFilter {

  /** Request attribute that tells the forbidden page why it is shown. */
  static final String REFUSED = "csrfRefused";

  private static final Logger LOG = Logger.getLogger(CsrfFilter.class.getName());
  private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

  @Inject WebSettings settings;
  @Inject CsrfToken csrf;

  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    if (SAFE_METHODS.contains(request.getMethod())) {
      if (isPage(request)) {
        csrf.ensure(request, response);
      }
      chain.doFilter(request, response);
      return;
    }
    // The headers first: a cross-site request is refused without its body being read.
    String refusal = null;
    if (RequestOrigin.isCrossSite(
        request.getHeader("Origin"),
        request.getHeader("Sec-Fetch-Site"),
        request.getHeader("Host"),
        request.isSecure(),
        settings.allowedOrigins())) {
      refusal = "cross-site";
    } else if (!CsrfToken.presentedBy(request)) {
      refusal = "no valid token";
    }
    if (refusal != null) {
      if (LOG.isLoggable(Level.FINE)) {
        LOG.fine(
            "csrf_refused method="
                + request.getMethod()
                + " path="
                + request.getRequestURI()
                + " reason=\""
                + refusal
                + "\"");
      }
      request.setAttribute(REFUSED, true);
      response.sendError(HttpServletResponse.SC_FORBIDDEN);
      return;
    }
    chain.doFilter(request, response);
  }

  /** A request whose answer may be a page with a form: not a script, style or socket. */
  private static boolean isPage(HttpServletRequest request) {
    return !RequestPaths.isStatic(request)
        && !RequestPaths.isWebSocketUpgrade(request);
  }
}
