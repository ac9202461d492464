/**
 * The application layer: the room use cases (join with catch-up, say, typing, leave, graceful stop)
 * in {@link org.roomchat.chat.RoomChat}, for rooms and conversations alike; who may read a room or
 * conversation ({@link org.roomchat.chat.RoomAccess}, asked by every path), a room's members
 * ({@link org.roomchat.chat.RoomMembership}) and who blocks whom ({@link
 * org.roomchat.chat.Blocking}); and the ports they need. Depends on the core packages only;
 * adapters call it.
 */
package org.roomchat.chat;
