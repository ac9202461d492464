package org.roomchat.chat;

import java.time.Duration;

/** What the room use cases count, for the operators' metrics. */
public interface ChatMeter {

  void connectionOpened();

  void connectionClosed(Duration lasted, int closeCode);

  void messageReceived();

  void messageStored();

  void frameRejected(String code);

  void floodClosed();

  void typingDropped();

  /** A new conversation refused by the user's limit of new conversations. */
  void conversationCreationRefused();

  /** How long handing one event to the group registry took. */
  void published(long nanos);
}
