package org.roomchat.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Refuses with 400 a request whose path is not percent-encoded UTF-8 ({@code /%C0%AE/}, {@code
 * /chat/%FF/}), before anything looks it up: no page, room or login is named by such a path.
 * Undertow lets these through, decoded with replacement characters; Grizzly refuses them itself,
 * with an empty 400, before any application code runs. Mapped in web.xml.
 */
public class MalformedPathFilter extends HttpFilter {

  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    if (RequestPaths.decode(request.getRequestURI()).isEmpty()) {
      response.sendError(HttpServletResponse.SC_BAD_REQUEST);
      return;
    }
    chain.doFilter(request, response);
  }
}
