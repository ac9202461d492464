/**
 * The WebSocket adapter: the room and conversation endpoints and what they share, each socket's
 * outbound queue, the handshake gate and login, and the graceful stop. Thin: it decodes, calls
 * {@link org.roomchat.chat.RoomChat} and writes. Depends on the core and web.
 */
package org.roomchat.websocket;
