package org.roomchat.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class DatabaseUrlConfigSourceTest {

  @Test
  void hostingStyleUrlBecomesJdbcWithCredentials() {
    DatabaseUrlConfigSource source =
        new DatabaseUrlConfigSource("postgresql://chat:p%40ss@db.internal:5433/roomchat");
    assertEquals(
        "jdbc:postgresql://db.internal:5433/roomchat", source.getValue("chat.datasource.url"));
    assertEquals("chat", source.getValue("chat.datasource.user"));
    assertEquals("p@ss", source.getValue("chat.datasource.password"));
  }

  @Test
  void postgresSchemeAndParametersAreKept() {
    Map<String, String> settings =
        DatabaseUrl.settings("postgres://u@localhost/roomchat?sslmode=require");
    assertEquals(
        "jdbc:postgresql://localhost/roomchat?sslmode=require",
        settings.get("chat.datasource.url"));
    assertEquals("u", settings.get("chat.datasource.user"));
    assertNull(settings.get("chat.datasource.password"));
  }

  @Test
  void jdbcUrlIsUsedAsGivenAndLendsItsCredentials() {
    String jdbc = "jdbc:postgresql://h:5432/db?user=chat&password=se%26cret&ssl=true";
    Map<String, String> settings = DatabaseUrl.settings(jdbc);
    assertEquals(jdbc, settings.get("chat.datasource.url"));
    assertEquals("chat", settings.get("chat.datasource.user"));
    assertEquals("se&cret", settings.get("chat.datasource.password"));
  }

  @Test
  void unsetMeansNoSettings() {
    assertTrue(new DatabaseUrlConfigSource(null).getPropertyNames().isEmpty());
    assertTrue(new DatabaseUrlConfigSource(" ").getPropertyNames().isEmpty());
  }

  @Test
  void ranksBetweenThePropertiesFileAndTheEnvironment() {
    int ordinal = new DatabaseUrlConfigSource(null).getOrdinal();
    assertTrue(ordinal > 100 && ordinal < 300, "ordinal " + ordinal);
  }

  @Test
  void otherDatabasesAreRefusedNamingTheSetting() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> DatabaseUrl.settings("mysql://h/db"));
    assertTrue(e.getMessage().contains("DATABASE_URL"));
  }
}
