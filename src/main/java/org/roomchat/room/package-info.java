/**
 * Rooms, their members, their messages and who is online: JPA entities, the stores behind the
 * room, member, message, history and online-user ports, and presence with its in-process adapter.
 * Depends on account, guard, db and config.
 */
package org.roomchat.room;
