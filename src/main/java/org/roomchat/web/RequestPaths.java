package org.roomchat.web;

import jakarta.servlet.http.HttpServletRequest;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Request paths decoded as UTF-8 from the raw request URI. The container's own decoding ({@code
 * getPathInfo()}) is UTF-8 over HTTP/1.1 but not over HTTP/2, where {@code /chat/한국어/} would arrive
 * garbled and look like an invalid room name.
 */
public final class RequestPaths {

  private RequestPaths() {}

  /** A WebSocket handshake: its answer is no page, and a socket takes no cookie from it. */
  public static boolean isWebSocketUpgrade(HttpServletRequest request) {
    return "websocket".equalsIgnoreCase(request.getHeader("Upgrade"));
  }

  /** The pages' scripts and styles: no login, form or account lookup concerns them. */
  static boolean isStatic(HttpServletRequest request) {
    return request.getServletPath().startsWith("/static/");
  }

  /**
   * The decoded path after {@code prefix} (a servlet path such as "/chat"), or empty if malformed.
   */
  static Optional<String> after(HttpServletRequest request, String prefix) {
    String raw = request.getRequestURI();
    String start = request.getContextPath() + prefix;
    if (!raw.startsWith(start)) {
      return Optional.empty();
    }
    return decode(raw.substring(start.length()));
  }

  /** Percent-decodes a path as UTF-8; empty when an escape is broken or the bytes are not UTF-8. */
  static Optional<String> decode(String rawPath) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(rawPath.length());
    int i = 0;
    while (i < rawPath.length()) {
      char c = rawPath.charAt(i);
      if (c == '%') {
        int high = i + 2 < rawPath.length() ? Character.digit(rawPath.charAt(i + 1), 16) : -1;
        int low = high >= 0 ? Character.digit(rawPath.charAt(i + 2), 16) : -1;
        if (low < 0) {
          return Optional.empty();
        }
        bytes.write(high << 4 | low);
        i += 3;
      } else {
        int codePoint = rawPath.codePointAt(i);
        bytes.writeBytes(new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8));
        i += Character.charCount(codePoint);
      }
    }
    try {
      return Optional.of(
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes.toByteArray()))
              .toString());
    } catch (CharacterCodingException notUtf8) {
      return Optional.empty();
    }
  }
}
