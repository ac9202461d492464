/**
 * The database plumbing: the application-defined datasource, schema migrations with Flyway, the
 * persistence providers' hooks and outage logging. Depends on nothing else of the application.
 */
package org.roomchat.db;
