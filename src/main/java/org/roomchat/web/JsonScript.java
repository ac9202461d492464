package org.roomchat.web;

import jakarta.json.Json;
import jakarta.json.JsonValue;

/**
 * JSON for a {@code <script type="application/json">} element, as Django's json_script writes it.
 */
final class JsonScript {

  private JsonScript() {}

  static String string(String value) {
    return json(Json.createValue(value));
  }

  /**
   * The value as JSON with {@code <}, {@code >} and {@code &} escaped, so no text inside it can
   * close the script element; HTML escaping would break JSON.parse, since a script element's text
   * is not decoded.
   */
  static String json(JsonValue value) {
    return value.toString().replace("<", "\\u003C").replace(">", "\\u003E").replace("&", "\\u0026");
  }
}
