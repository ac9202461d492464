/**
 * Rooms and conversations, their members, their messages, who blocks whom and who is online: JPA
 * entities, the stores behind the room, member, block, message, history and online-user ports, and
 * presence with its in-process adapter. Depends on account, guard, db and config.
 */
package org.roomchat.room;
