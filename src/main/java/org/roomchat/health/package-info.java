/**
 * MicroProfile Health checks: liveness of the message store, readiness of the database and
 * Redis. Depends on the core, db and the Redis link.
 */
package org.roomchat.health;
