package org.roomchat.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * A WildFly node, started as a WildFly user starts one: {@code bin/standalone.sh} of the
 * installation the build configured with {@code wildfly/configure.cli}, the WAR deployed as {@code
 * ROOT.war}. Each node has a server folder of its own and moves every port by one offset.
 */
public final class WildFlyNode extends ServerNode {

  /** Every port of the default standalone.xml, before the offset. */
  private static final int[] PORTS = {8080, 8443, 8009, 9990, 9993, 4712, 4713};

  private static final int HTTP = 8080;

  private WildFlyNode(String name, int port, Path log, Process process) {
    super(name, port, log, process);
  }

  static WildFlyNode launch(
      String name, Map<String, String> environment, Map<String, String> properties, int httpPort) {
    Path home = Path.of(ServerKind.requiredProperty("wildfly.home"));
    Path war = Path.of(ServerKind.requiredProperty("roomchat.war"));
    int port = httpPort > 0 ? httpPort : freeHttpPort();
    Path base = LocalProcess.targetDir().resolve("wildfly-nodes").resolve(name).toAbsolutePath();
    Path log = logFile("wildfly", name);
    try {
      prepareServerFolder(home, base, war);
      List<String> command = new ArrayList<>();
      command.add(home.resolve("bin/standalone.sh").toString());
      command.add("-Djboss.server.base.dir=" + base);
      command.add("-Djboss.socket.binding.port-offset=" + (port - HTTP));
      command.add("-Djboss.tx.node.id=" + name);
      TEST_PROPERTIES.forEach((key, value) -> command.add("-D" + key + "=" + value));
      properties.forEach((key, value) -> command.add("-D" + key + "=" + value));
      ProcessBuilder builder =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()));
      Map<String, String> env = builder.environment();
      env.put("JAVA_HOME", System.getProperty("java.home"));
      env.put("JBOSS_JAVA_SIZING", "-Xms64m -Xmx384m -XX:TieredStopAtLevel=1");
      // The script then forwards SIGTERM to the server and waits for it, as a service manager wants.
      env.put("LAUNCH_JBOSS_IN_BACKGROUND", "true");
      env.putAll(environment);
      return new WildFlyNode(name, port, log, builder.start());
    } catch (IOException e) {
      throw new UncheckedIOException("could not start WildFly", e);
    }
  }

  /**
   * A fresh server folder: the installation's configuration, the WAR as ROOT.war. Data and logs
   * of an earlier start of the same node go, as on a redeployed machine.
   */
  public static void prepareServerFolder(Path home, Path base, Path war) throws IOException {
    deleteRecursively(base);
    Path configuration = home.resolve("standalone/configuration");
    try (Stream<Path> files = Files.walk(configuration)) {
      for (Path source : (Iterable<Path>) files::iterator) {
        Path target = base.resolve("configuration").resolve(configuration.relativize(source).toString());
        if (Files.isDirectory(source)) {
          Files.createDirectories(target);
        } else if (!source.toString().contains("standalone_xml_history")) {
          Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
    Path deployments = Files.createDirectories(base.resolve("deployments"));
    Files.copy(war, deployments.resolve("ROOT.war"), StandardCopyOption.REPLACE_EXISTING);
  }

  private static void deleteRecursively(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> files = Files.walk(root)) {
      for (Path path : (Iterable<Path>) files.sorted((a, b) -> b.compareTo(a))::iterator) {
        Files.delete(path);
      }
    }
  }

  /**
   * An HTTP port whose offset leaves every other port of the server free too. All of them lie
   * below Linux's ephemeral ports (32768 and up), where any outgoing connection of the machine
   * could take one between this check and the server's bind.
   */
  public static int freeHttpPort() {
    for (int attempt = 0; attempt < 100; attempt++) {
      int port = ThreadLocalRandom.current().nextInt(15_000, 30_000);
      int offset = port - HTTP;
      if (IntStream.of(PORTS).allMatch(p -> isFree(p + offset))) {
        return port;
      }
    }
    throw new IllegalStateException("no free set of ports for WildFly");
  }

  private static boolean isFree(int port) {
    try (ServerSocket socket = new ServerSocket(port)) {
      socket.setReuseAddress(true);
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
