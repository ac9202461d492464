/**
 * Adapters that share the core's ports between nodes through Redis (Jedis): groups, presence,
 * socket counts, rate limits and notices. Depends on the core; only the wiring picks them.
 */
package org.roomchat.redis;
