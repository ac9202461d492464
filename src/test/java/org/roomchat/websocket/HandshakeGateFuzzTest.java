package org.roomchat.websocket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.DictionaryFile;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.roomchat.room.RoomName;
import org.roomchat.support.FuzzText;
import org.roomchat.support.FuzzTime;
import org.roomchat.web.RequestOrigin;

/**
 * Whatever path and headers a handshake carries, the gate names a room or refuses it, and decides
 * on the origin, without an exception (which the container would answer with 500). Without {@code
 * JAZZER_FUZZ} these replay the inputs under {@code HandshakeGateFuzzTestInputs}.
 */
class HandshakeGateFuzzTest {

  private static final String ROOM_PATH = "/ws/chat/";

  @DictionaryFile(resourcePath = "handshakes.dict")
  @FuzzTest(maxDuration = "10m")
  void everyPathNamesARoomOrIsRefused(byte[] input) {
    String path = FuzzText.of(input);
    Optional<RoomName> room = FuzzTime.quick(() -> HandshakeGate.roomOf(path));
    Optional<RoomName> expected =
        path.startsWith(ROOM_PATH) && path.endsWith("/") && path.length() > ROOM_PATH.length()
            ? RoomName.parse(path.substring(ROOM_PATH.length(), path.length() - 1))
            : Optional.empty();
    assertEquals(expected, room, () -> "path " + path);
    room.ifPresent(name -> assertEquals(ROOM_PATH + name + "/", path));
  }

  /** The input is the Origin header, a 0xFF byte, then the Host header. */
  @DictionaryFile(resourcePath = "handshakes.dict")
  @FuzzTest(maxDuration = "10m")
  void everyOriginIsJudged(byte[] input) {
    int separator = 0;
    while (separator < input.length && input[separator] != (byte) 0xFF) {
      separator++;
    }
    String origin = FuzzText.of(input, 0, separator);
    String host = FuzzText.of(input, Math.min(separator + 1, input.length), input.length);
    if (FuzzTime.quick(() -> RequestOrigin.mayOpenSocket(origin, host, false, List.of()))) {
      assertTrue(origin.toLowerCase().contains(hostName(host).toLowerCase()), origin + " " + host);
    }
  }

  @Test
  void theRoomPathWithoutARoomIsNotFound() {
    assertEquals(Optional.empty(), HandshakeGate.roomOf("/ws/chat/"));
    assertEquals(Optional.empty(), HandshakeGate.roomOf("/ws/chat//"));
    assertEquals(Optional.empty(), HandshakeGate.roomOf("/ws/chat"));
    assertEquals(Optional.empty(), HandshakeGate.roomOf(""));
    assertEquals(RoomName.parse("lobby"), HandshakeGate.roomOf("/ws/chat/lobby/"));
  }

  @Test
  void aConversationPathNamesAUserAsTyped() {
    assertEquals(Optional.of("bob"), HandshakeGate.peerOf("/ws/dm/bob/"));
    assertEquals(Optional.of("김민지"), HandshakeGate.peerOf("/ws/dm/김민지/"));
    assertEquals(Optional.of("a.b+c@d"), HandshakeGate.peerOf("/ws/dm/a.b+c@d/"));
    assertEquals(
        Optional.of("x".repeat(600)), HandshakeGate.peerOf("/ws/dm/" + "x".repeat(600) + "/"));
    for (String path :
        List.of(
            "/ws/dm/",
            "/ws/dm//",
            "/ws/dm/bob",
            "/ws/dm/bob/x/",
            "/ws/dm",
            "/ws/chat/bob/x/",
            "/ws/dm/" + "x".repeat(601) + "/")) {
      assertEquals(Optional.empty(), HandshakeGate.peerOf(path), path);
    }
    assertEquals(Optional.empty(), HandshakeGate.roomOf("/ws/dm/bob/"));
    assertEquals(Optional.empty(), HandshakeGate.peerOf("/ws/chat/lobby/"));
  }

  /** The host name a Host header gives: without user, port, path, query or fragment. */
  private static String hostName(String host) {
    String name = host;
    for (char end : new char[] {'/', '?', '#'}) {
      int at = name.indexOf(end);
      name = at >= 0 ? name.substring(0, at) : name;
    }
    name = name.substring(name.lastIndexOf('@') + 1);
    int port = name.lastIndexOf(':');
    return port > name.lastIndexOf(']') ? name.substring(0, port) : name;
  }
}
