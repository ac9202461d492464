package org.roomchat.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Filter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/** Only the decoder's refusal of a broken escape is kept out of the container's log. */
class MalformedUrlLogTest {

  /** An exception as Grizzly's decoder throws it, with its frame on top. */
  private static IllegalArgumentException decoderRefusal() {
    IllegalArgumentException refusal =
        new IllegalArgumentException("URLDecoder: Illegal hex characters in escape (%) pattern");
    refusal.setStackTrace(
        new StackTraceElement[] {
          new StackTraceElement(MalformedUrlLog.DECODER, "decode", "URLDecoder.java", 199),
          new StackTraceElement(
              "org.apache.catalina.connector.CoyoteAdapter", "postParseRequest", null, 426)
        });
    return refusal;
  }

  @Test
  void onlyTheDecodersRefusalIsAMalformedUrl() {
    assertTrue(MalformedUrlLog.isMalformedUrl(decoderRefusal()));
    assertFalse(MalformedUrlLog.isMalformedUrl(null));
    assertFalse(MalformedUrlLog.isMalformedUrl(new IllegalArgumentException("elsewhere")));
    IllegalStateException other = new IllegalStateException("x");
    other.setStackTrace(decoderRefusal().getStackTrace());
    assertFalse(MalformedUrlLog.isMalformedUrl(other));
    IllegalArgumentException empty = new IllegalArgumentException();
    empty.setStackTrace(new StackTraceElement[0]);
    assertFalse(MalformedUrlLog.isMalformedUrl(empty));
  }

  @Test
  void whileTheApplicationRunsTheContainerLogsEverythingButThoseRefusals() {
    Logger container = Logger.getLogger(MalformedUrlLog.CONTAINER_LOGGER);
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
    boolean parents = container.getUseParentHandlers();
    container.setUseParentHandlers(false);
    container.addHandler(capture);
    container.setFilter(earlier);
    MalformedUrlLog listener = new MalformedUrlLog();
    try {
      listener.contextInitialized(null);
      container.log(Level.SEVERE, "AS-WEB-CORE-00037", decoderRefusal());
      container.log(Level.SEVERE, "AS-WEB-CORE-00037", new IllegalStateException("a real one"));
      container.log(Level.SEVERE, "dropped before");
      assertEquals(1, written.size(), "only the real failure is written");
      assertEquals("a real one", written.get(0).getThrown().getMessage());

      listener.contextDestroyed(null);
      assertSame(earlier, container.getFilter(), "the filter before is back");
      container.log(Level.SEVERE, "AS-WEB-CORE-00037", decoderRefusal());
      assertEquals(2, written.size(), "after the application, the container logs as it did");
    } finally {
      container.removeHandler(capture);
      container.setUseParentHandlers(parents);
      container.setFilter(null);
    }
  }
}
