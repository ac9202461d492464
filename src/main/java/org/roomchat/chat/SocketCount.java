package org.roomchat.chat;

import java.util.Optional;

/**
 * How many WebSockets each user has open, on every node together, against the cap of the settings.
 * A socket is counted from {@link #tryOpen} until its {@link OpenSocket#release}.
 */
public interface SocketCount {

  /** One counted socket; releasing it more than once counts once. */
  interface OpenSocket {
    void release();
  }

  /** Counts one more socket of the user, unless they have the cap's worth open already. */
  Optional<OpenSocket> tryOpen(String user);

  /** Whether the user has the cap's worth open already; counts nothing. */
  boolean atCap(String user);
}
