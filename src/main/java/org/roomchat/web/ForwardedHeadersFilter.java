package org.roomchat.web;

import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;

/**
 * Behind a trusted proxy, lets the rest of the application see the request as the client made it:
 * the client's address and whether it came over HTTPS (see {@link TrustedProxies}). Mapped first
 * in web.xml; requests from anyone else pass unchanged, their forwarding headers unread.
 */
public class ForwardedHeadersFilter extends HttpFilter {

  @Inject TrustedProxies proxies;

  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    String peer = request.getRemoteAddr();
    if (!proxies.isTrusted(peer)) {
      chain.doFilter(request, response);
      return;
    }
    String client =
        proxies.clientAddress(peer, Collections.list(request.getHeaders("X-Forwarded-For")));
    boolean secure =
        proxies.isSecure(peer, request.isSecure(), request.getHeader("X-Forwarded-Proto"));
    chain.doFilter(new ForwardedRequest(request, client, secure), response);
  }
}
