package org.roomchat.db;

import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Derives the {@code chat.datasource.*} settings from {@code DATABASE_URL} (or the system property
 * {@code database.url}). It ranks above {@code microprofile-config.properties} and below
 * environment variables and system properties, so an explicit {@code CHAT_DATASOURCE_URL} still
 * wins.
 */
public class DatabaseUrlConfigSource implements ConfigSource {

  static final int ORDINAL = 250;

  private final Map<String, String> settings;

  public DatabaseUrlConfigSource() {
    this(configuredUrl());
  }

  DatabaseUrlConfigSource(String url) {
    this.settings = url == null || url.isBlank() ? Map.of() : DatabaseUrl.settings(url);
  }

  private static String configuredUrl() {
    String property = System.getProperty("database.url");
    return property != null ? property : System.getenv("DATABASE_URL");
  }

  @Override
  public Map<String, String> getProperties() {
    return settings;
  }

  @Override
  public Set<String> getPropertyNames() {
    return settings.keySet();
  }

  @Override
  public String getValue(String propertyName) {
    return settings.get(propertyName);
  }

  @Override
  public String getName() {
    return "DATABASE_URL";
  }

  @Override
  public int getOrdinal() {
    return ORDINAL;
  }
}
