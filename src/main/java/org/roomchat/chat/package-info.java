/**
 * The application layer: the room use cases (join with catch-up, say, typing, leave, graceful
 * stop) in {@link org.roomchat.chat.RoomChat}, and the ports they need. Depends on the core
 * packages only; adapters call it.
 */
package org.roomchat.chat;
