package org.roomchat.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A Payara Micro node, started as an operator starts one: {@code java -jar payara-micro.jar
 * --nocluster --port … --deploy roomchat.war}, with {@code payara/pre-boot.asadmin} and {@code
 * payara/post-boot.asadmin}.
 */
final class PayaraNode extends ServerNode {

  private PayaraNode(String name, int port, Path log, Process process) {
    super(name, port, log, process);
  }

  static PayaraNode launch(
      String name, Map<String, String> environment, Map<String, String> properties, int httpPort) {
    String microJar = ServerKind.requiredProperty("payara.microJar");
    String war = ServerKind.requiredProperty("roomchat.war");
    int port = httpPort > 0 ? httpPort : LocalProcess.freePort();
    List<String> command = javaCommand(properties);
    command.addAll(
        List.of(
            "-jar",
            microJar,
            "--nocluster",
            "--port",
            Integer.toString(port),
            "--prebootcommandfile",
            Path.of("payara", "pre-boot.asadmin").toAbsolutePath().toString(),
            "--postbootcommandfile",
            Path.of("payara", "post-boot.asadmin").toAbsolutePath().toString(),
            "--deploy",
            war,
            "--contextroot",
            "/"));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().putAll(environment);
    return start(name, port, builder);
  }

  /**
   * The runnable jar the build made ({@code target/roomchat-microbundle.jar}), started as its
   * systemd unit starts it: {@code java -jar} with only a port, in a working folder of its own.
   */
  static PayaraNode launchBundle(
      String name, Path workingDirectory, Map<String, String> properties) {
    String bundle = ServerKind.requiredProperty("roomchat.bundle");
    int port = LocalProcess.freePort();
    List<String> command = javaCommand(properties);
    command.addAll(List.of("-jar", bundle, "--port", Integer.toString(port)));
    return start(name, port, new ProcessBuilder(command).directory(workingDirectory.toFile()));
  }

  private static List<String> javaCommand(Map<String, String> properties) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx384m");
    command.add("-XX:TieredStopAtLevel=1"); // boots faster on two busy cores
    TEST_PROPERTIES.forEach((key, value) -> command.add("-D" + key + "=" + value));
    properties.forEach((key, value) -> command.add("-D" + key + "=" + value));
    return command;
  }

  private static PayaraNode start(String name, int port, ProcessBuilder builder) {
    Path log = logFile("payara", name);
    builder.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.to(log.toFile()));
    try {
      return new PayaraNode(name, port, log, builder.start());
    } catch (IOException e) {
      throw new UncheckedIOException("could not start Payara Micro", e);
    }
  }
}
