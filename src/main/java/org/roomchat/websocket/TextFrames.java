package org.roomchat.websocket;

import jakarta.websocket.Decoder;
import jakarta.websocket.Encoder;
import org.roomchat.protocol.ClientFrame;
import org.roomchat.protocol.ClientFrameDecoder;
import org.roomchat.protocol.ServerFrame;
import org.roomchat.protocol.ServerFrameEncoder;

/** The protocol's codecs as the WebSocket runtime takes them, on the chat endpoint. */
public final class TextFrames {

  private TextFrames() {}

  /** Reads each client text frame; a frame that breaks the contract becomes a refusal, not an error. */
  public static final class In implements Decoder.Text<ClientFrame> {
    private final ClientFrameDecoder decoder = new ClientFrameDecoder();

    @Override
    public ClientFrame decode(String text) {
      return decoder.decode(text);
    }

    @Override
    public boolean willDecode(String text) {
      return true;
    }
  }

  /** Writes server frames as the contract's JSON objects. */
  public static final class Out implements Encoder.Text<ServerFrame> {
    @Override
    public String encode(ServerFrame frame) {
      return ServerFrameEncoder.toJson(frame);
    }
  }
}
