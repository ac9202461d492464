package org.roomchat.db;

import jakarta.annotation.sql.DataSourceDefinition;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The application's one datasource, pooled by the server. The pool's connections come from {@link
 * ConfiguredDataSource}, which reads the database URL and credentials through MicroProfile Config
 * when the first connection is opened: the embedded H2 default and PostgreSQL in production are
 * the same WAR on every server, with no server-specific placeholder or property here.
 */
@DataSourceDefinition(
    name = ChatDataSource.JNDI_NAME,
    className = "org.roomchat.db.ConfiguredDataSource",
    minPoolSize = 2,
    maxPoolSize = 32,
    properties = {
      // Where ConfiguredDataSource reads the URL and credentials. (A pool also needs at least
      // one property to use the class as it is rather than look for a driver and a URL.)
      "settings=chat.datasource"
    })
@ApplicationScoped
public class ChatDataSource {
  public static final String JNDI_NAME = "java:app/jdbc/roomchat";
}
