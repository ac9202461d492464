package org.roomchat.db;

import jakarta.annotation.sql.DataSourceDefinition;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The application's one datasource. Its class, URL and credentials come from MicroProfile Config,
 * so the embedded H2 default and PostgreSQL in production are the same WAR.
 */
@DataSourceDefinition(
    name = ChatDataSource.JNDI_NAME,
    className = "${MPCONFIG=chat.datasource.class}",
    url = "${MPCONFIG=chat.datasource.url}",
    user = "${MPCONFIG=chat.datasource.user}",
    password = "${MPCONFIG=chat.datasource.password}",
    minPoolSize = 2,
    maxPoolSize = 32,
    properties = {
      // After a database outage, hand out no dead connection: validate each and drop them all.
      "fish.payara.is-connection-validation-required=true",
      "fish.payara.connection-validation-method=auto-commit",
      "fish.payara.fail-all-connections=true"
    })
@ApplicationScoped
public class ChatDataSource {
  public static final String JNDI_NAME = "java:app/jdbc/roomchat";
}
