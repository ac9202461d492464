package org.roomchat.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.roomchat.account.AccountService;

/** The English and Korean page texts say the same things, and every text a view asks for exists. */
class PageTextsBundleTest {

  private static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\d+)\\}");
  private static final Pattern VIEW_KEY = Pattern.compile("msg\\['([^']+)'\\]");

  private static Properties load(String file) throws IOException {
    Properties texts = new Properties();
    try (InputStream in = PageTextsBundleTest.class.getResourceAsStream(file);
        Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
      texts.load(reader);
    }
    return texts;
  }

  private static Set<String> placeholders(String text) {
    Set<String> found = new TreeSet<>();
    Matcher m = PLACEHOLDER.matcher(text);
    while (m.find()) {
      found.add(m.group(1));
    }
    return found;
  }

  @Test
  void koreanHasEveryEnglishTextWithTheSameArguments() throws IOException {
    Properties english = load("messages.properties");
    Properties korean = load("messages_ko.properties");
    assertEquals(english.stringPropertyNames(), korean.stringPropertyNames());
    for (String key : english.stringPropertyNames()) {
      assertEquals(
          placeholders(english.getProperty(key)),
          placeholders(korean.getProperty(key)),
          () -> "arguments of " + key);
    }
    assertTrue(load("messages_en.properties").isEmpty(), "English lives in the base bundle");
  }

  @Test
  void koreanTextsAreKorean() throws IOException {
    Properties korean = load("messages_ko.properties");
    for (String key : korean.stringPropertyNames()) {
      String text = korean.getProperty(key);
      // A few are empty or symbols in Korean on purpose (the part before a name in the header).
      if (text.isBlank() || key.startsWith("duration.")) {
        continue;
      }
      assertTrue(
          text.codePoints()
              .anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HANGUL),
          () -> key + " is not translated: " + text);
    }
  }

  @Test
  void everySignupProblemHasAText() throws IOException {
    Properties english = load("messages.properties");
    for (AccountService.SignupProblem problem : AccountService.SignupProblem.values()) {
      assertTrue(english.containsKey(problem.key()), problem.key());
      assertEquals(problem.text(), english.getProperty(problem.key()), "the English text");
    }
  }

  @Test
  void everyTextAViewAsksForExists() throws IOException {
    Properties english = load("messages.properties");
    Set<String> missing = new TreeSet<>();
    int asked = 0;
    try (Stream<Path> files = Files.walk(Path.of("src/main/webapp/WEB-INF"))) {
      for (Path view : files.filter(p -> p.toString().endsWith(".xhtml")).toList()) {
        Matcher m = VIEW_KEY.matcher(Files.readString(view, StandardCharsets.UTF_8));
        while (m.find()) {
          asked++;
          if (!english.containsKey(m.group(1))) {
            missing.add(view.getFileName() + ": " + m.group(1));
          }
        }
      }
    }
    assertTrue(asked > 50, "views ask for their texts from the bundle: " + asked);
    assertEquals(Set.of(), missing);
  }
}
