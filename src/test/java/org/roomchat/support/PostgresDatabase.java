package org.roomchat.support;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A fresh, empty database on the machine's PostgreSQL (127.0.0.1:5432, trust authentication, as set
 * up here and in CI), dropped again at the end. Tests that need it are skipped, saying why, when no
 * PostgreSQL answers there.
 */
public final class PostgresDatabase implements AutoCloseable {

  private static final String SERVER = System.getProperty("roomchat.postgres", "127.0.0.1:5432");
  private static final String ADMIN_USER = System.getProperty("roomchat.postgres.user", "postgres");

  private final String name;

  private PostgresDatabase(String name) {
    this.name = name;
  }

  public static PostgresDatabase create() {
    String name = "roomchat_it_" + Integer.toUnsignedString(ThreadLocalRandom.current().nextInt());
    try (Connection admin = admin();
        Statement statement = admin.createStatement()) {
      statement.execute("create database " + name);
    } catch (SQLException e) {
      assumeTrue(
          false,
          "no PostgreSQL with trust authentication for user "
              + ADMIN_USER
              + " at "
              + SERVER
              + " (Debian package postgresql): "
              + e.getMessage());
    }
    return new PostgresDatabase(name);
  }

  private static Connection admin() throws SQLException {
    return DriverManager.getConnection("jdbc:postgresql://" + SERVER + "/postgres", ADMIN_USER, "");
  }

  /** The database as {@code DATABASE_URL} gives it. */
  public String url() {
    return "postgresql://" + ADMIN_USER + "@" + SERVER + "/" + name;
  }

  public Connection connect() throws SQLException {
    return DriverManager.getConnection("jdbc:postgresql://" + SERVER + "/" + name, ADMIN_USER, "");
  }

  @Override
  public void close() {
    try (Connection admin = admin();
        Statement statement = admin.createStatement()) {
      statement.execute("drop database if exists " + name + " with (force)");
    } catch (SQLException e) {
      // Left behind for a person to look at; the name is unique per run.
    }
  }
}
