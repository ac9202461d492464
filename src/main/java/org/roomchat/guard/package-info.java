/**
 * What a client may send and how often: the message policy (length, banned words, control
 * characters) and the rate-limiter port with its in-process adapter. Depends on protocol only.
 */
package org.roomchat.guard;
