package org.roomchat.room;

/** What the room store counts, for the operators' metrics. */
public interface RoomMeter {

  /** How long one write of a batch of messages took. */
  void databaseWrite(long nanos);

  /** A new room refused by the user's room-creation limit. */
  void roomCreationRefused();
}
