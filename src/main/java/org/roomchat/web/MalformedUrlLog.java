package org.roomchat.web;

import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;
import java.util.logging.Filter;
import java.util.logging.Logger;

/**
 * Keeps a malformed percent-escape in a URL ({@code GET /chat/%ZZ/}) from costing a stack trace in
 * the server log. Payara's web container fails to decode such a path before any filter or servlet
 * runs, and logs the decoder's exception (about 3 KB, for anyone who sends one) under its own
 * logger; while the application runs, a filter on that logger drops exactly those records and notes
 * the refusal in one short line at FINE. Every other record of the logger passes as before.
 * Undertow refuses such a path with 400 and logs nothing, so this changes nothing on WildFly.
 */
@WebListener
public class MalformedUrlLog implements ServletContextListener {

  /** The logger of Payara's web container core (Catalina's {@code LogFacade}). */
  static final String CONTAINER_LOGGER = "jakarta.enterprise.web.core";

  /** The class whose exception a malformed escape raises: Grizzly's URL decoder. */
  static final String DECODER = "org.glassfish.grizzly.http.util.URLDecoder";

  private static final Logger LOG = Logger.getLogger(MalformedUrlLog.class.getName());

  /** Held here too: JUL keeps loggers weakly, and the filter must stay on this very one. */
  private Logger container;

  private Filter before;
  private Filter quiet;

  @Override
  public void contextInitialized(ServletContextEvent event) {
    container = Logger.getLogger(CONTAINER_LOGGER);
    before = container.getFilter();
    quiet =
        record -> {
          if (isMalformedUrl(record.getThrown())) {
            LOG.fine("request_refused reason=malformed-url-escape");
            return false;
          }
          return before == null || before.isLoggable(record);
        };
    container.setFilter(quiet);
  }

  @Override
  public void contextDestroyed(ServletContextEvent event) {
    // The filter is of this application's classes: it must not outlive the deployment.
    if (container != null && container.getFilter() == quiet) {
      container.setFilter(before);
    }
  }

  /** Whether the exception is the decoder's refusal of a malformed escape. */
  static boolean isMalformedUrl(Throwable thrown) {
    if (!(thrown instanceof IllegalArgumentException)) {
      return false;
    }
    StackTraceElement[] trace = thrown.getStackTrace();
    return trace.length > 0 && DECODER.equals(trace[0].getClassName());
  }
}
