/**
 * Prometheus metrics at {@code /metrics}, implementing the core's meter ports. Depends on the core
 * only for the ports it implements.
 */
package org.roomchat.metrics;
