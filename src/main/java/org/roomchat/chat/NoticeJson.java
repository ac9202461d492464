package org.roomchat.chat;

import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.spi.JsonProvider;
import java.io.StringReader;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Notices between nodes are JSON objects; one that is not is logged and ignored. */
final class NoticeJson {

  /**
   * The JSON provider, found once: {@code Json.createObjectBuilder()} and its kin look the provider
   * up again at every call, a scan of the application's jars that costs more than the notice.
   */
  static final JsonProvider JSON = JsonProvider.provider();

  private static final Logger LOG = Logger.getLogger(NoticeJson.class.getName());

  private NoticeJson() {}

  /** The notice's object; empty, with a warning naming the topic, when it is not one. */
  static Optional<JsonObject> read(String topic, String notice) {
    try (JsonReader reader = JSON.createReader(new StringReader(notice))) {
      return Optional.of(reader.readObject());
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Ignoring a malformed notice on " + topic, e);
      return Optional.empty();
    }
  }
}
