package org.roomchat.support;

import java.net.URI;

/**
 * The server the integration tests run the WAR on, chosen by the build's profile (system property
 * {@code roomchat.server}): Payara Micro by default, WildFly with {@code -Pwildfly}.
 */
public enum ServerKind {
  PAYARA {
    @Override
    public URI healthBase(URI appBase) {
      return appBase.resolve("/");
    }
  },
  WILDFLY {
    /**
     * MicroProfile Health is on the management interface, which moves with the HTTP port under
     * {@code jboss.socket.binding.port-offset}: 9990 beside 8080.
     */
    @Override
    public URI healthBase(URI appBase) {
      return URI.create(
          "http://" + appBase.getHost() + ":" + (appBase.getPort() + MANAGEMENT_PORT_DISTANCE) + "/");
    }
  };

  /** WildFly's management port minus its HTTP port. */
  static final int MANAGEMENT_PORT_DISTANCE = 9990 - 8080;

  public static ServerKind current() {
    return valueOf(System.getProperty("roomchat.server", "payara").toUpperCase(java.util.Locale.ROOT));
  }

  /** Where {@code health/live} and {@code health/ready} are served, for a node at appBase. */
  public abstract URI healthBase(URI appBase);

  static String requiredProperty(String key) {
    String value = System.getProperty(key);
    if (value == null) {
      throw new IllegalStateException("system property " + key + " is not set (run through Maven)");
    }
    return value;
  }
}
