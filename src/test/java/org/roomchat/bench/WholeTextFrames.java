package org.roomchat.bench;

import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletionStage;

/**
 * A WebSocket listener that reads every frame as soon as it comes and hands on each text message
 * whole, however the JDK's client splits it; binary frames are ignored. What an opened socket, a
 * message and the socket's end mean is the subclass's.
 */
abstract class WholeTextFrames implements WebSocket.Listener {

  private StringBuilder partial;

  /** The handshake is done; messages are read once this returns. */
  void opened(WebSocket socket) {}

  /** One whole text message. */
  abstract void text(String message);

  /** The socket closed with this status code, or with -1 when it failed. */
  abstract void closed(int statusCode);

  /** The socket failed: a close with -1, unless the subclass wants to know more. */
  void failed(Throwable error) {
    closed(-1);
  }

  @Override
  public final void onOpen(WebSocket webSocket) {
    opened(webSocket);
    webSocket.request(Long.MAX_VALUE);
  }

  @Override
  public final CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
    if (last && partial == null) {
      text(data.toString());
    } else {
      if (partial == null) {
        partial = new StringBuilder();
      }
      partial.append(data);
      if (last) {
        String whole = partial.toString();
        partial = null;
        text(whole);
      }
    }
    return null;
  }

  @Override
  public final CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
    return null;
  }

  @Override
  public final CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
    closed(statusCode);
    return null;
  }

  @Override
  public final void onError(WebSocket webSocket, Throwable error) {
    failed(error);
  }
}
