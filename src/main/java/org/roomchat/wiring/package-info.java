/**
 * The one place that chooses the adapters behind the core's ports from the settings: Redis or
 * this process. Depends on the core and the Redis adapter; nothing depends on it.
 */
package org.roomchat.wiring;
