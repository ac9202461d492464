package org.roomchat.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The error page speaks the languages the Faces views speak, with words for every status. */
class ErrorPageTest {

  private static Locale chosen(String acceptLanguage) {
    List<Locale> preferred = new ArrayList<>();
    for (Locale.LanguageRange range : Locale.LanguageRange.parse(acceptLanguage)) {
      preferred.add(Locale.forLanguageTag(range.getRange()));
    }
    return ErrorPage.language(Collections.enumeration(preferred));
  }

  @Test
  void theLanguageIsTheFirstOfTheReadersThatThePagesSpeak() {
    assertEquals(Locale.KOREAN, chosen("ko-KR"));
    assertEquals(Locale.KOREAN, chosen("fr-FR,ko;q=0.8,en;q=0.5"));
    assertEquals(Locale.ENGLISH, chosen("en-US,ko;q=0.9"));
    assertEquals(Locale.ENGLISH, chosen("fr-FR,de"));
    assertEquals(Locale.ENGLISH, ErrorPage.language(Collections.emptyEnumeration()));
  }

  @Test
  void theBundleAndLanguagesAreThoseOfFacesConfig() throws IOException {
    String config =
        Files.readString(
            Path.of("src/main/webapp/WEB-INF/faces-config.xml"), StandardCharsets.UTF_8);
    assertTrue(config.contains("<base-name>" + ErrorPage.BUNDLE + "</base-name>"), config);
    assertTrue(
        config.contains(
            "<default-locale>" + ErrorPage.LANGUAGES.get(0).toLanguageTag() + "</default-locale>"),
        config);
    List<String> supported = new ArrayList<>();
    Matcher m = Pattern.compile("<supported-locale>([^<]+)</supported-locale>").matcher(config);
    while (m.find()) {
      supported.add(m.group(1));
    }
    assertEquals(supported, ErrorPage.LANGUAGES.stream().map(Locale::toLanguageTag).toList());
  }

  @Test
  void everyStatusHasATitleAndASentenceInEveryLanguage() {
    List<Integer> statuses = new ArrayList<>(ErrorPage.HEADINGS.keySet());
    statuses.addAll(List.of(402, 418, 431, 502, 504));
    for (Locale language : ErrorPage.LANGUAGES) {
      ResourceBundle texts = ErrorPage.texts(language);
      for (int status : statuses) {
        String key = ErrorPage.textKey(status);
        assertFalse(texts.getString(key + ".title").isBlank(), key + " in " + language);
        assertFalse(texts.getString(key + ".text").isBlank(), key + " in " + language);
      }
      assertTrue(texts.getString("errorPage.status").contains("{0}"));
      assertFalse(texts.getString("errorPage.403.csrf").isBlank());
    }
    assertEquals("errorPage.404", ErrorPage.textKey(404));
    assertEquals("errorPage.4xx", ErrorPage.textKey(418));
    assertEquals("errorPage.5xx", ErrorPage.textKey(502));
  }

  @Test
  void eachLanguageHasItsOwnWordsWhateverTheServersDefaultLocale() {
    Locale before = Locale.getDefault();
    try {
      Locale.setDefault(Locale.KOREAN);
      String english = ErrorPage.texts(Locale.ENGLISH).getString("errorPage.404.title");
      Locale.setDefault(Locale.ENGLISH);
      String korean = ErrorPage.texts(Locale.KOREAN).getString("errorPage.404.title");
      assertEquals("Not found", english);
      assertNotEquals(english, korean);
    } finally {
      Locale.setDefault(before);
    }
  }
}
