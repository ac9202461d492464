package org.roomchat.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A WebSocket client that completes the handshake and then never reads again, with a small
 * receive buffer: what a stalled or malicious client looks like to the server.
 */
public final class StalledReader implements AutoCloseable {

  private final Socket socket;

  private StalledReader(Socket socket) {
    this.socket = socket;
  }

  /** Opens {@code /ws/chat/{roomPath}} with the session cookie; fails unless the server upgrades. */
  public static StalledReader open(URI base, String roomPath, String cookie) throws IOException {
    Socket socket = new Socket();
    socket.setReceiveBufferSize(4096);
    socket.connect(new InetSocketAddress(base.getHost(), base.getPort()), 10_000);
    socket.setSoTimeout(10_000);
    byte[] nonce = new byte[16];
    ThreadLocalRandom.current().nextBytes(nonce);
    String request =
        "GET /ws/chat/" + roomPath + " HTTP/1.1\r\n"
            + "Host: " + base.getAuthority() + "\r\n"
            + "Upgrade: websocket\r\n"
            + "Connection: Upgrade\r\n"
            + "Sec-WebSocket-Key: " + Base64.getEncoder().encodeToString(nonce) + "\r\n"
            + "Sec-WebSocket-Version: 13\r\n"
            + "Cookie: " + cookie + "\r\n"
            + "\r\n";
    OutputStream out = socket.getOutputStream();
    out.write(request.getBytes(StandardCharsets.US_ASCII));
    out.flush();
    String head = readHead(socket.getInputStream());
    if (!head.startsWith("HTTP/1.1 101")) {
      socket.close();
      throw new IOException("handshake refused: " + head);
    }
    return new StalledReader(socket);
  }

  /** Reads the response head byte by byte, so not one byte of the frames after it is taken. */
  private static String readHead(InputStream in) throws IOException {
    StringBuilder head = new StringBuilder();
    while (!head.toString().endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("connection closed during the handshake: " + head);
      }
      head.append((char) b);
    }
    return head.toString();
  }

  /**
   * Starts reading again and returns how many bytes came before the server closed the
   * connection; throws if the server keeps it open with nothing to send for the given time.
   */
  public long readUntilClosed(Duration quiet) throws IOException {
    socket.setSoTimeout((int) quiet.toMillis());
    InputStream in = socket.getInputStream();
    byte[] buffer = new byte[64 * 1024];
    long total = 0;
    for (int n; (n = in.read(buffer)) >= 0; ) {
      total += n;
    }
    return total;
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
