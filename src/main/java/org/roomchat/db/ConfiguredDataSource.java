package org.roomchat.db;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Properties;
import java.util.ServiceLoader;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The physical connections behind the server's pool: the JDBC driver that accepts {@code
 * chat.datasource.url} (H2 and PostgreSQL are in the WAR), with {@code chat.datasource.user} and
 * {@code chat.datasource.password}. Settings are read once, on the first connection, from the
 * application's own MicroProfile Config, so {@code DATABASE_URL} and the defaults apply alike on
 * every server. Each connection heals itself after a database outage ({@link
 * SelfHealingConnection}), whether or not the server's pool validates connections.
 */
public class ConfiguredDataSource implements DataSource {

  static final String DEFAULT_SETTINGS = "chat.datasource";

  private String settings = DEFAULT_SETTINGS;
  private volatile Target target;
  private PrintWriter logWriter;
  private int loginTimeout;

  /** The driver and what it is given for each connection. */
  private record Target(Driver driver, String url, Properties credentials) {}

  @Override
  public Connection getConnection() throws SQLException {
    Target current = target();
    return SelfHealingConnection.open(() -> connect(current));
  }

  private static Connection connect(Target target) throws SQLException {
    Connection connection = target.driver().connect(target.url(), target.credentials());
    if (connection == null) {
      throw new SQLException("The JDBC driver refused the URL in " + DEFAULT_SETTINGS + ".url");
    }
    return connection;
  }

  @Override
  public Connection getConnection(String user, String password) throws SQLException {
    // The pool may pass the credentials of the definition, which has none: the settings decide.
    return getConnection();
  }

  /**
   * The prefix of the settings to read ({@code chat.datasource}: {@code .url}, {@code .user},
   * {@code .password}); the datasource definition names it as a property.
   */
  public void setSettings(String prefix) {
    this.settings = prefix;
  }

  public String getSettings() {
    return settings;
  }

  private Target target() throws SQLException {
    Target current = target;
    if (current == null) {
      synchronized (this) {
        if (target == null) {
          target =
              load(
                  ConfigProvider.getConfig(ConfiguredDataSource.class.getClassLoader()), settings);
        }
        current = target;
      }
    }
    return current;
  }

  static Target load(Config config, String prefix) throws SQLException {
    String url = config.getValue(prefix + ".url", String.class);
    Properties credentials = new Properties();
    config.getOptionalValue(prefix + ".user", String.class)
        .ifPresent(user -> credentials.setProperty("user", user));
    config.getOptionalValue(prefix + ".password", String.class)
        .ifPresent(password -> credentials.setProperty("password", password));
    return new Target(driverFor(url), url, credentials);
  }

  /** The driver among the application's that takes the URL (no DriverManager: it is JVM-wide). */
  static Driver driverFor(String url) throws SQLException {
    for (Driver driver :
        ServiceLoader.load(Driver.class, ConfiguredDataSource.class.getClassLoader())) {
      if (driver.acceptsURL(url)) {
        return driver;
      }
    }
    // Only the scheme: the rest of the URL may carry a password.
    String scheme = url.indexOf(':', 5) > 0 ? url.substring(0, url.indexOf(':', 5)) : url;
    throw new SQLException("No JDBC driver for " + scheme + " URLs (setting " + DEFAULT_SETTINGS + ".url)");
  }

  @Override
  public PrintWriter getLogWriter() {
    return logWriter;
  }

  @Override
  public void setLogWriter(PrintWriter out) {
    this.logWriter = out;
  }

  @Override
  public void setLoginTimeout(int seconds) {
    this.loginTimeout = seconds;
  }

  @Override
  public int getLoginTimeout() {
    return loginTimeout;
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    throw new SQLFeatureNotSupportedException();
  }

  @Override
  public <T> T unwrap(Class<T> type) throws SQLException {
    if (type.isInstance(this)) {
      return type.cast(this);
    }
    throw new SQLException("Not a wrapper for " + type.getName());
  }

  @Override
  public boolean isWrapperFor(Class<?> type) {
    return type.isInstance(this);
  }
}
