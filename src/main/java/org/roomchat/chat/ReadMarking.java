package org.roomchat.chat;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.roomchat.protocol.Rejection;
import org.roomchat.room.ReadMarkers;

/**
 * A {@code read} frame on a room's socket: the reader's marker there moves forward to the message,
 * and the reader's own streams on every node hear the new counts. A message of another room (or
 * none) is refused with {@code invalid_read}; a message at or before the marker changes nothing.
 */
@ApplicationScoped
public class ReadMarking {

  @Inject ReadMarkers markers;
  @Inject UserStreams streams;

  /** Reads the client's room up to the message; the refusal for a bad id, else null. */
  Rejection read(ChatClient client, long messageId) {
    Participant participant = client.participant();
    ReadMarkers.Marking marking =
        markers.markRead(participant.roomId(), participant.userId(), messageId);
    if (marking instanceof ReadMarkers.NotInRoom) {
      return Rejection.INVALID_READ;
    }
    if (marking instanceof ReadMarkers.Moved moved) {
      streams.markerMoved(participant.userId(), participant.roomId(), moved);
    }
    return null;
  }
}
