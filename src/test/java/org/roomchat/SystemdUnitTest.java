package org.roomchat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.roomchat.support.LocalProcess;

/**
 * payara/roomchat.service keeps its hardening, runs the runnable jar in its state folder, and gives
 * the graceful stop its time; payara/roomchat.env names only documented settings. Where systemd is
 * installed, systemd-analyze verifies the unit as systemd reads it.
 */
class SystemdUnitTest {

  private static final Path UNIT = Path.of("payara", "roomchat.service");
  private static final Path ENVIRONMENT = Path.of("payara", "roomchat.env");
  private static final Path SETTINGS = Path.of("docs", "deploy.md");

  /** The graceful stop's own bounds: 5 s for queued frames, 10 s for the Redis subscriber. */
  private static final int GRACEFUL_STOP_SECONDS = 5 + 10;

  private static Map<String, Map<String, List<String>>> sections;

  @BeforeAll
  static void parseUnit() throws IOException {
    sections = parse(Files.readAllLines(UNIT, StandardCharsets.UTF_8));
  }

  /** Sections of keys, each with its values in order; continued lines joined, comments dropped. */
  private static Map<String, Map<String, List<String>>> parse(List<String> lines) {
    Map<String, Map<String, List<String>>> parsed = new LinkedHashMap<>();
    Map<String, List<String>> current = null;
    StringBuilder pending = new StringBuilder();
    for (String raw : lines) {
      String line = raw.strip();
      if (pending.isEmpty() && (line.isEmpty() || line.startsWith("#") || line.startsWith(";"))) {
        continue;
      }
      if (line.endsWith("\\")) {
        pending.append(line, 0, line.length() - 1).append(' ');
        continue;
      }
      String entry = pending.append(line).toString().strip();
      pending.setLength(0);
      if (entry.startsWith("[") && entry.endsWith("]")) {
        current =
            parsed.computeIfAbsent(
                entry.substring(1, entry.length() - 1), s -> new LinkedHashMap<>());
        continue;
      }
      int equals = entry.indexOf('=');
      assertTrue(current != null && equals > 0, "not a key=value line in a section: " + entry);
      current
          .computeIfAbsent(entry.substring(0, equals).strip(), k -> new ArrayList<>())
          .add(entry.substring(equals + 1).strip());
    }
    return parsed;
  }

  private static String service(String key) {
    List<String> values = sections.get("Service").get(key);
    assertTrue(values != null, key + " is missing from [Service]");
    return values.get(values.size() - 1);
  }

  @Test
  void hasTheSectionsOfAService() {
    assertEquals(Set.of("Unit", "Service", "Install"), sections.keySet());
    assertEquals(List.of("multi-user.target"), sections.get("Install").get("WantedBy"));
  }

  @Test
  void runsTheJarAsAUserOfItsOwnInItsStateFolder() {
    assertEquals("yes", service("DynamicUser"));
    assertEquals("roomchat", service("StateDirectory"));
    assertEquals("/var/lib/roomchat", service("WorkingDirectory"));
    assertTrue(service("ExecStart").matches("/\\S+/java .*-jar \\S+/roomchat-microbundle\\.jar.*"));
    assertEquals("-/etc/roomchat/roomchat.env", service("EnvironmentFile"));
  }

  @Test
  void isHardened() {
    Map<String, String> expected = new LinkedHashMap<>();
    expected.put("NoNewPrivileges", "yes");
    expected.put("CapabilityBoundingSet", "");
    expected.put("ProtectSystem", "strict");
    expected.put("ProtectHome", "yes");
    expected.put("PrivateTmp", "yes");
    expected.put("PrivateDevices", "yes");
    expected.put("ProtectKernelTunables", "yes");
    expected.put("ProtectKernelModules", "yes");
    expected.put("ProtectKernelLogs", "yes");
    expected.put("ProtectControlGroups", "yes");
    expected.put("RestrictAddressFamilies", "AF_INET AF_INET6 AF_UNIX");
    expected.put("SystemCallArchitectures", "native");
    expected.put("LockPersonality", "yes");
    expected.forEach((key, value) -> assertEquals(value, service(key), key));
  }

  @Test
  void leavesTheJitItsWritableAndExecutableMemory() {
    assertFalse(sections.get("Service").containsKey("MemoryDenyWriteExecute"));
  }

  @Test
  void givesTheGracefulStopItsTimeAndCountsItAsClean() {
    assertEquals("SIGTERM", service("KillSignal"));
    int timeout = Integer.parseInt(service("TimeoutStopSec"));
    assertTrue(timeout >= 2 * GRACEFUL_STOP_SECONDS, "TimeoutStopSec " + timeout);
    assertTrue(List.of(service("SuccessExitStatus").split(" ")).contains("143"), "128 + SIGTERM");
    assertEquals("on-failure", service("Restart"));
  }

  @Test
  void theEnvironmentFileNamesOnlyDocumentedSettings() throws IOException {
    String documented = Files.readString(SETTINGS, StandardCharsets.UTF_8);
    Set<String> unknown = new TreeSet<>();
    Matcher variable =
        Pattern.compile("(?m)^#?([A-Z][A-Z_]*)=").matcher(Files.readString(ENVIRONMENT));
    int found = 0;
    while (variable.find()) {
      found++;
      String name = variable.group(1);
      if (!Set.of("JAVA_OPTS", "PORT").contains(name) && !documented.contains("`" + name + "`")) {
        unknown.add(name);
      }
    }
    assertTrue(found > 0, "no setting in " + ENVIRONMENT);
    assertEquals(Set.of(), unknown, "not in the settings of " + SETTINGS);
  }

  @Test
  void systemdAcceptsIt() throws IOException, InterruptedException {
    Path analyze = LocalProcess.onPath("systemd-analyze");
    assumeTrue(analyze != null, "systemd-analyze is not installed");
    // verify also checks that ExecStart's program exists.
    assumeTrue(Files.isExecutable(Path.of(service("ExecStart").split(" ")[0])), "no such java");
    Process verify =
        new ProcessBuilder(analyze.toString(), "verify", UNIT.toAbsolutePath().toString())
            .redirectErrorStream(true)
            .start();
    String output = new String(verify.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(verify.waitFor(60, TimeUnit.SECONDS), "systemd-analyze did not finish");
    assertEquals(0, verify.exitValue(), output);
    assertEquals("", output.strip(), "systemd-analyze verify");
  }
}
