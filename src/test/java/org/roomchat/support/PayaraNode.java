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
    Path log = logFile("payara", name);
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx384m");
    command.add("-XX:TieredStopAtLevel=1"); // boots faster on two busy cores
    TEST_PROPERTIES.forEach((key, value) -> command.add("-D" + key + "=" + value));
    properties.forEach((key, value) -> command.add("-D" + key + "=" + value));
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
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()));
    builder.environment().putAll(environment);
    try {
      return new PayaraNode(name, port, log, builder.start());
    } catch (IOException e) {
      throw new UncheckedIOException("could not start Payara Micro", e);
    }
  }
}
