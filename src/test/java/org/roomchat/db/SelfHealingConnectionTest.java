package org.roomchat.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.h2.tools.Server;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A pooled connection across a real database restart: H2's TCP server, stopped and started. */
class SelfHealingConnectionTest {

  private Path folder;
  private Server server;
  private int port;

  @BeforeEach
  void startDatabase() throws Exception {
    folder = Files.createTempDirectory("self-healing");
    server = Server.createTcpServer("-tcpPort", "0", "-baseDir", folder.toString(), "-ifNotExists").start();
    port = server.getPort();
  }

  @AfterEach
  void stopDatabase() {
    server.stop();
  }

  private Connection open() throws SQLException {
    return SelfHealingConnection.open(
        () -> DriverManager.getConnection("jdbc:h2:tcp://localhost:" + port + "/db", "sa", ""));
  }

  private static long one(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery("select 1")) {
      result.next();
      return result.getLong(1);
    }
  }

  @Test
  void afterTheDatabaseReturnsTheNextUseReconnectsWithTheSameSettings() throws Exception {
    try (Connection connection = open()) {
      connection.setAutoCommit(false);
      assertEquals(1, one(connection));

      server.stop();
      assertThrows(SQLException.class, () -> one(connection), "the outage is seen");
      assertThrows(SQLException.class, () -> one(connection), "and stays seen while it lasts");

      server = Server.createTcpServer("-tcpPort", Integer.toString(port), "-baseDir", folder.toString(), "-ifNotExists").start();
      assertEquals(1, one(connection), "reconnected by itself");
      assertFalse(connection.getAutoCommit(), "settings carried over");
    }
  }

  @Test
  void aFailedStatementOnALiveLinkKeepsTheLink() throws Exception {
    try (Connection connection = open()) {
      connection.setAutoCommit(false);
      try (Statement statement = connection.createStatement()) {
        statement.execute("create table t (id int primary key)");
        statement.execute("insert into t values (1)");
        assertThrows(SQLException.class, () -> statement.execute("insert into t values (1)"));
        // Still the same session: the uncommitted row is visible.
        try (ResultSet rows = statement.executeQuery("select count(*) from t")) {
          rows.next();
          assertEquals(1, rows.getInt(1));
        }
      }
    }
  }
}
