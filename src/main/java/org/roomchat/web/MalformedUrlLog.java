package org.roomchat.web;

import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;
import java.io.CharConversionException;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Filter;
import java.util.logging.Logger;

/**
 * Keeps a URL that cannot be decoded ({@code GET /chat/%ZZ/}, a handshake to {@code /ws/chat/%FF/})
 * from costing a stack trace in the server log. Payara decodes the path in Grizzly before any
 * filter or servlet runs; when that fails, its web container (for a broken escape) and Grizzly's
 * WebSocket engine (for any handshake path it cannot decode) log the decoder's exception, about 3
 * KB for anyone who sends such a URL. While the application runs, a filter on those two loggers
 * drops exactly those records and notes each in one short line at FINE; every other record passes
 * as before. Undertow refuses such paths with 400 and logs nothing, so on WildFly this changes
 * nothing.
 */
@WebListener
public class MalformedUrlLog implements ServletContextListener {

  /** Payara's web container core (Catalina's {@code LogFacade}) and Grizzly's WebSocket engine. */
  static final List<String> CONTAINER_LOGGERS = List.of("jakarta.enterprise.web.core", "websocket");

  /** The class that decodes a request's path in Grizzly, in whose calls the refusals arise. */
  static final String DECODER = "org.glassfish.grizzly.http.util.HttpRequestURIDecoder";

  private static final Logger LOG = Logger.getLogger(MalformedUrlLog.class.getName());

  /** The loggers with this application's filter, each with the filter it had before. */
  private final List<Quiet> installed = new ArrayList<>();

  /** A logger (held here too: JUL keeps loggers weakly) and the filter it had before. */
  private record Quiet(Logger logger, Filter before, Filter filter) {}

  @Override
  public void contextInitialized(ServletContextEvent event) {
    for (String name : CONTAINER_LOGGERS) {
      Logger logger = Logger.getLogger(name);
      Filter before = logger.getFilter();
      Filter filter =
          record -> {
            if (isUndecodableUrl(record.getThrown())) {
              LOG.fine("request_refused reason=undecodable-url");
              return false;
            }
            return before == null || before.isLoggable(record);
          };
      logger.setFilter(filter);
      installed.add(new Quiet(logger, before, filter));
    }
  }

  @Override
  public void contextDestroyed(ServletContextEvent event) {
    // The filters are of this application's classes: they must not outlive the deployment.
    for (Quiet quiet : installed) {
      if (quiet.logger().getFilter() == quiet.filter()) {
        quiet.logger().setFilter(quiet.before());
      }
    }
    installed.clear();
  }

  /**
   * Whether the exception is the decoder's refusal of a request path: a broken escape
   * (IllegalArgumentException) or bytes that are not text (CharConversionException), raised while
   * decoding it.
   */
  static boolean isUndecodableUrl(Throwable thrown) {
    if (!(thrown instanceof IllegalArgumentException)
        && !(thrown instanceof CharConversionException)) {
      return false;
    }
    for (StackTraceElement frame : thrown.getStackTrace()) {
      if (DECODER.equals(frame.getClassName())) {
        return true;
      }
    }
    return false;
  }
}
