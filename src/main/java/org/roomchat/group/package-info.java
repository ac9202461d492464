/**
 * The channel layer: named groups of members and a send that reaches them all, in each room's
 * message order, plus notices to every node. Ports with in-process adapters; depends on nothing
 * else of the application.
 */
package org.roomchat.group;
