package org.roomchat.web;

import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.roomchat.metrics.ChatMetrics;

/**
 * Counts every answer of the application by its status class, after the rest of the chain has
 * set it; an exception that escapes the chain is counted as the 500 the container will send.
 */
public class ResponseCountFilter extends HttpFilter {

  @Inject ChatMetrics metrics;

  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    boolean failed = true;
    try {
      chain.doFilter(request, response);
      failed = false;
    } finally {
      metrics.httpAnswered(
          failed ? HttpServletResponse.SC_INTERNAL_SERVER_ERROR : response.getStatus());
    }
  }
}
