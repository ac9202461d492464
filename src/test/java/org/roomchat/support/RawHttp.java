package org.roomchat.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One HTTP/1.1 exchange over a plain socket, for what no HTTP client sends: a path with a broken
 * escape or raw bytes that are not UTF-8, or a WebSocket handshake whose answer is read as it is.
 * The request asks the server to close the connection afterwards; the answer is read to its length,
 * its last chunk, or the end of the connection.
 */
public final class RawHttp {

  private static final int TIMEOUT_MILLIS = 15_000;

  /** The answer: status, headers (names in lower case, each with its values), body as UTF-8. */
  public record Answer(
      int status, String statusLine, Map<String, List<String>> headers, String body) {

    /** The first value of the header, or null. */
    public String header(String name) {
      List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
      return values == null ? null : values.get(0);
    }

    /** Every header as "Name: value" lines and the body: what a reader of the answer sees. */
    public String whole() {
      StringBuilder text = new StringBuilder(statusLine).append('\n');
      headers.forEach((name, values) -> values.forEach(v -> text.append(name + ": " + v + "\n")));
      return text.append('\n').append(body).toString();
    }
  }

  private RawHttp() {}

  /**
   * {@code GET rawPath} sent exactly as given (its bytes as ISO-8859-1, so "\u00FF" is the byte
   * 0xFF), with extra headers as names and values.
   */
  public static Answer get(URI base, String rawPath, String... headerNamesAndValues) {
    StringBuilder request =
        new StringBuilder(
            "GET " + rawPath + " HTTP/1.1\r\nHost: " + base.getRawAuthority() + "\r\n");
    boolean upgrade = false;
    for (int i = 0; i < headerNamesAndValues.length; i += 2) {
      request.append(headerNamesAndValues[i]).append(": ").append(headerNamesAndValues[i + 1]);
      request.append("\r\n");
      upgrade |= headerNamesAndValues[i].equalsIgnoreCase("Upgrade");
    }
    if (!upgrade) {
      request.append("Connection: close\r\n");
    }
    request.append("\r\n");
    return send(base, request.toString().getBytes(StandardCharsets.ISO_8859_1));
  }

  /** The headers of a WebSocket handshake for the path, with these extra headers. */
  public static Answer handshake(URI base, String rawPath, String... headerNamesAndValues) {
    List<String> headers =
        new ArrayList<>(
            List.of(
                "Connection", "Upgrade",
                "Upgrade", "websocket",
                "Sec-WebSocket-Version", "13",
                "Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ=="));
    headers.addAll(List.of(headerNamesAndValues));
    return get(base, rawPath, headers.toArray(String[]::new));
  }

  private static Answer send(URI base, byte[] request) {
    try (Socket socket = new Socket(base.getHost(), base.getPort())) {
      socket.setSoTimeout(TIMEOUT_MILLIS);
      socket.getOutputStream().write(request);
      socket.getOutputStream().flush();
      return read(socket.getInputStream());
    } catch (IOException e) {
      throw new UncheckedIOException("raw request to " + base, e);
    }
  }

  private static Answer read(InputStream in) throws IOException {
    String statusLine = line(in);
    if (statusLine == null) {
      throw new IOException("the server closed the connection without an answer");
    }
    Map<String, List<String>> headers = new LinkedHashMap<>();
    for (String line = line(in); line != null && !line.isEmpty(); line = line(in)) {
      int colon = line.indexOf(':');
      headers
          .computeIfAbsent(
              line.substring(0, colon).trim().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
          .add(line.substring(colon + 1).trim());
    }
    int status = Integer.parseInt(statusLine.split(" ")[1]);
    byte[] body;
    List<String> length = headers.get("content-length");
    List<String> encoding = headers.get("transfer-encoding");
    if (status == 101) {
      body = new byte[0]; // the connection now speaks WebSocket
    } else if (length != null) {
      body = in.readNBytes(Integer.parseInt(length.get(0)));
    } else if (encoding != null && encoding.get(0).equalsIgnoreCase("chunked")) {
      body = chunks(in);
    } else {
      body = in.readAllBytes();
    }
    return new Answer(status, statusLine, headers, new String(body, StandardCharsets.UTF_8));
  }

  private static byte[] chunks(InputStream in) throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    for (int size = chunkSize(in); size > 0; size = chunkSize(in)) {
      body.writeBytes(in.readNBytes(size));
      line(in);
    }
    return body.toByteArray();
  }

  private static int chunkSize(InputStream in) throws IOException {
    String line = line(in);
    return line == null ? 0 : Integer.parseInt(line.split(";")[0].trim(), 16);
  }

  /** A line without its CRLF, or null at the end of the stream. */
  private static String line(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int b;
    while ((b = in.read()) != -1 && b != '\n') {
      if (b != '\r') {
        line.write(b);
      }
    }
    return b == -1 && line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
  }
}
