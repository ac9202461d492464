package org.roomchat.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.CharConversionException;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Filter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/** Only the decoder's refusals of a request path are kept out of the container's log. */
class MalformedUrlLogTest {

  /** The exception as Grizzly throws it while decoding a path, with the frames it has there. */
  private static <T extends Exception> T raisedByTheDecoder(T refusal) {
    refusal.setStackTrace(
        new StackTraceElement[] {
          new StackTraceElement(
              "org.glassfish.grizzly.http.util.URLDecoder", "decode", "URLDecoder.java", 199),
          new StackTraceElement(
              MalformedUrlLog.DECODER, "decode", "HttpRequestURIDecoder.java", 138),
          new StackTraceElement(
              "org.apache.catalina.connector.CoyoteAdapter", "postParseRequest", null, 426)
        });
    return refusal;
  }

  private static IllegalArgumentException brokenEscape() {
    return raisedByTheDecoder(
        new IllegalArgumentException("URLDecoder: Illegal hex characters in escape (%) pattern"));
  }

  @Test
  void onlyTheDecodersRefusalsAreUndecodableUrls() {
    assertTrue(MalformedUrlLog.isUndecodableUrl(brokenEscape()));
    assertTrue(
        MalformedUrlLog.isUndecodableUrl(
            raisedByTheDecoder(new CharConversionException("Decoding error"))));
    assertFalse(MalformedUrlLog.isUndecodableUrl(null));
    assertFalse(MalformedUrlLog.isUndecodableUrl(new IllegalArgumentException("elsewhere")));
    assertFalse(MalformedUrlLog.isUndecodableUrl(new CharConversionException("elsewhere")));
    assertFalse(
        MalformedUrlLog.isUndecodableUrl(raisedByTheDecoder(new IllegalStateException("a bug"))));
  }

  @Test
  void whileTheApplicationRunsTheContainerLogsEverythingButThoseRefusals() {
    List<LogRecord> written = new ArrayList<>();
    Handler capture =
        new Handler() {
          @Override
          public void publish(LogRecord record) {
            written.add(record);
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    Filter earlier = record -> !"dropped before".equals(record.getMessage());
    List<Logger> loggers = new ArrayList<>();
    for (String name : MalformedUrlLog.CONTAINER_LOGGERS) {
      Logger logger = Logger.getLogger(name);
      logger.setUseParentHandlers(false);
      logger.addHandler(capture);
      logger.setFilter(earlier);
      loggers.add(logger);
    }
    MalformedUrlLog listener = new MalformedUrlLog();
    try {
      listener.contextInitialized(null);
      for (Logger logger : loggers) {
        logger.log(Level.SEVERE, "AS-WEB-CORE-00037", brokenEscape());
        logger.log(Level.SEVERE, "AS-WEB-CORE-00037", new IllegalStateException("a real one"));
        logger.log(Level.SEVERE, "dropped before");
      }
      assertEquals(loggers.size(), written.size(), "only the real failures are written");
      written.forEach(r -> assertEquals("a real one", r.getThrown().getMessage()));

      listener.contextDestroyed(null);
      for (Logger logger : loggers) {
        assertSame(earlier, logger.getFilter(), "the filter before is back");
        logger.log(Level.SEVERE, "AS-WEB-CORE-00037", brokenEscape());
      }
      assertEquals(2 * loggers.size(), written.size(), "after it, the container logs as it did");
    } finally {
      for (Logger logger : loggers) {
        logger.removeHandler(capture);
        logger.setUseParentHandlers(true);
        logger.setFilter(null);
      }
    }
  }
}
