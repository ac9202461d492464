package org.roomchat.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;

/** The answers of a form refused for load rather than for what it says. */
final class Refusals {

  static final String RETRY_MINUTES = "retryMinutes";

  private Refusals() {}

  /** 429 with {@code Retry-After}; the page says how many minutes to wait. */
  static void tooMany(HttpServletRequest request, HttpServletResponse response, Duration wait) {
    long seconds = Math.max(1, wait.toSeconds() + (wait.toNanosPart() > 0 ? 1 : 0));
    response.setStatus(429);
    response.setHeader("Retry-After", Long.toString(seconds));
    request.setAttribute(RETRY_MINUTES, (seconds + 59) / 60);
  }

  /** 503 with a short {@code Retry-After}: every password check is busy. */
  static void busy(HttpServletResponse response) {
    response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
    response.setHeader("Retry-After", "1");
  }
}
