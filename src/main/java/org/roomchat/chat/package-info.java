/**
 * The application layer: the room use cases (join with catch-up, say, typing, leave, graceful
 * stop) in {@link org.roomchat.chat.RoomChat}; who may read a room ({@link
 * org.roomchat.chat.RoomAccess}, asked by every path) and its members ({@link
 * org.roomchat.chat.RoomMembership}); and the ports they need. Depends on the core packages only;
 * adapters call it.
 */
package org.roomchat.chat;
