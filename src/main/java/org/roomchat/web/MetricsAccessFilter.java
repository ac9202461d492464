package org.roomchat.web;

import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Keeps {@code /metrics} private ({@link MetricsAccess}): anyone else gets the answer of a path
 * that does not exist, so the endpoint is not even confirmed to them.
 */
public class MetricsAccessFilter extends HttpFilter {

  @Inject MetricsAccess access;

  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    if (access.allows(request.getRemoteAddr(), request.getHeader("Authorization"))) {
      chain.doFilter(request, response);
    } else {
      response.sendError(HttpServletResponse.SC_NOT_FOUND);
    }
  }
}
