package org.roomchat.protocol;

/** The close codes the server ends a chat socket with, and what each tells the client. */
public enum CloseCode {
  /** The server is stopping; reconnect (to another node, or to this one once it is back). */
  GOING_AWAY(1001),
  /** A binary frame: only text frames are spoken. */
  CANNOT_ACCEPT(1003),
  /** Too many bad or excess frames, a bad room name, too many sockets or rooms, or logged out. */
  VIOLATED_POLICY(1008),
  /** A frame over {@link ClientFrameDecoder#MAX_FRAME_BYTES}. */
  TOO_BIG(1009),
  /** The client fell too far behind, or joining failed: reconnect and catch up. */
  TRY_AGAIN_LATER(1013),
  /** The handshake carried no login. */
  NOT_LOGGED_IN(4001),
  /**
   * The user may not enter: the account is disabled, or the room is private and the user is not
   * (or no longer) one of its members.
   */
  FORBIDDEN(4003);

  private final int number;

  CloseCode(int number) {
    this.number = number;
  }

  /** The code as it travels in the close frame. */
  public int number() {
    return number;
  }
}
