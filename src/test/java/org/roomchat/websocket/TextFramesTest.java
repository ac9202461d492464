package org.roomchat.websocket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.roomchat.protocol.ClientFrame;
import org.roomchat.protocol.Rejection;
import org.roomchat.protocol.ServerFrame;
import org.roomchat.protocol.ServerFrameEncoder;

class TextFramesTest {

  @Test
  void everyTextFrameReachesTheEndpointBadOnesAsRefusals() {
    // Bad frames must reach the endpoint as Malformed so the client gets an error frame.
    TextFrames.In in = new TextFrames.In();
    assertTrue(in.willDecode("not json"));
    assertTrue(in.willDecode("[]"));
    assertEquals(new ClientFrame.Malformed(Rejection.NOT_JSON), in.decode("not json"));
    assertEquals(new ClientFrame.SendMessage("hi"), in.decode("{\"message\":\"hi\"}"));
  }

  @Test
  void serverFramesAreWrittenByTheProtocolsEncoder() {
    ServerFrame frame = new ServerFrame.UserJoin("alice");
    assertEquals(ServerFrameEncoder.toJson(frame), new TextFrames.Out().encode(frame));
  }
}
