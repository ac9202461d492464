package org.roomchat.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * The settings table in docs/deploy.md names every setting the server reads, and only those: a
 * setting added without a row, or a row left behind by a removed setting, fails the build.
 */
class SettingsTableTest {

  /**
   * Read without injection: the datasource's URL and account (by the datasource the container
   * creates before CDI runs) and the two URLs that may also come in their own forms.
   */
  private static final Set<String> READ_DIRECTLY =
      Set.of(
          "chat.datasource.url",
          "chat.datasource.user",
          "chat.datasource.password",
          "DATABASE_URL");

  private static final Path DOCUMENT = Path.of("docs", "deploy.md");

  private static final Pattern TABLE_ROW = Pattern.compile("^\\| (`[A-Z_]+`(?:, `[A-Z_]+`)*) \\|");
  private static final Pattern VARIABLE = Pattern.compile("`([A-Z_]+)`");

  @Test
  void everySettingHasARowAndEveryRowASetting() throws IOException {
    Set<String> read = new TreeSet<>();
    injectedSettings().forEach(key -> read.add(environmentName(key)));
    READ_DIRECTLY.forEach(key -> read.add(environmentName(key)));

    Set<String> documented = documentedSettings();

    assertFalse(read.isEmpty(), "no setting found in the compiled classes");
    Set<String> undocumented = new TreeSet<>(read);
    undocumented.removeAll(documented);
    Set<String> unknown = new TreeSet<>(documented);
    unknown.removeAll(read);
    assertEquals(Set.of(), undocumented, "settings the server reads without a row in " + DOCUMENT);
    assertEquals(Set.of(), unknown, "rows in the table of " + DOCUMENT + " that nothing reads");
  }

  @Test
  void environmentNamesFollowMicroProfileConfig() {
    assertEquals("CHAT_RATE_LIMIT_WINDOW_MS", environmentName("chat.rate-limit.window-ms"));
    assertEquals("REDIS_URL", environmentName("redis.url"));
  }

  private static Set<String> injectedSettings() {
    JavaClasses classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
            .importPackages("org.roomchat");
    Set<String> keys = new TreeSet<>();
    classes.forEach(
        type -> {
          for (JavaField field : type.getFields()) {
            if (field.isAnnotatedWith(ConfigProperty.class)) {
              keys.add(field.getAnnotationOfType(ConfigProperty.class).name());
            }
          }
        });
    return keys;
  }

  private static Set<String> documentedSettings() throws IOException {
    Set<String> names = new TreeSet<>();
    String section = settingsSection(Files.readString(DOCUMENT));
    for (String line : section.split("\n")) {
      Matcher row = TABLE_ROW.matcher(line);
      if (row.find()) {
        Matcher variable = VARIABLE.matcher(row.group(1));
        while (variable.find()) {
          names.add(variable.group(1));
        }
      }
    }
    return names;
  }

  private static String settingsSection(String document) {
    int start = document.indexOf("\n## Settings\n");
    assertFalse(start < 0, DOCUMENT + " has no section \"## Settings\"");
    int end = document.indexOf("\n## ", start + 1);
    return document.substring(start, end < 0 ? document.length() : end);
  }

  /** The environment variable MicroProfile Config maps to a key: upper case, underscores. */
  static String environmentName(String key) {
    return key.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(java.util.Locale.ROOT);
  }
}
