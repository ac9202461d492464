package org.roomchat.web;

import jakarta.json.Json;

/** JSON for a {@code <script type="application/json">} element, as Django's json_script writes it. */
final class JsonScript {

  private JsonScript() {}

  static String string(String value) {
    return Json.createValue(value)
        .toString()
        .replace("<", "\\u003C")
        .replace(">", "\\u003E")
        .replace("&", "\\u0026");
  }
}
