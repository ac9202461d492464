package org.roomchat.web;

import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Named;
import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import java.text.MessageFormat;
import java.time.Duration;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.TreeSet;

/**
 * The page texts of the reader's language (the resource bundle {@code msg} of faces-config.xml, in
 * the locale Faces chose from Accept-Language), for what a view cannot say with {@code #{msg[...]}}
 * alone: durations, and the texts a page hands to its script.
 */
@Named
@RequestScoped
public class PageTexts {

  static final String BUNDLE_VAR = "msg";

  private ResourceBundle bundle;

  private ResourceBundle bundle() {
    if (bundle == null) {
      FacesContext faces = FacesContext.getCurrentInstance();
      bundle = faces.getApplication().getResourceBundle(faces, BUNDLE_VAR);
    }
    return bundle;
  }

  /** The language Faces chose for this page. */
  public Locale getLocale() {
    return FacesContext.getCurrentInstance().getViewRoot().getLocale();
  }

  /** The {@code lang} attribute of the page's html element. */
  public String getLanguageTag() {
    return getLocale().toLanguageTag();
  }

  String format(String key, Object... arguments) {
    return new MessageFormat(bundle().getString(key), getLocale()).format(arguments);
  }

  /** "4.2 s", "3 min 05 s", "2 h 07 min" in the reader's language: short enough for a tile. */
  String duration(Duration duration) {
    long seconds = duration.toSeconds();
    if (seconds < 60) {
      return format(
          "duration.seconds", String.format(Locale.ROOT, "%.1f", DisplayTimes.seconds(duration)));
    }
    if (seconds < 3600) {
      return format("duration.minutes", seconds / 60, twoDigits(seconds % 60));
    }
    return format("duration.hours", seconds / 3600, twoDigits((seconds % 3600) / 60));
  }

  private static String twoDigits(long value) {
    return String.format(Locale.ROOT, "%02d", value);
  }

  /** The room page script's texts, as JSON for a script element. */
  public String getRoomScriptJson() {
    return scriptJson("room.js.");
  }

  /** The room list's script's texts (live unread counts, notifications), as JSON. */
  public String getUnreadScriptJson() {
    return scriptJson("unread.js.");
  }

  /**
   * The admin dashboard script's texts as JSON for a script element; the duration patterns are
   * named {@code seconds}, {@code minutes} and {@code hours}.
   */
  public String getAdminScriptJson() {
    return scriptJson("admin.js.", "duration.");
  }

  /** Every text whose key starts with one of the prefixes, keyed by the rest of the key. */
  private String scriptJson(String... prefixes) {
    JsonObjectBuilder texts = Json.createObjectBuilder();
    for (String key : new TreeSet<>(bundle().keySet())) {
      for (String prefix : prefixes) {
        if (key.startsWith(prefix)) {
          texts.add(key.substring(prefix.length()), bundle().getString(key));
        }
      }
    }
    return JsonScript.json(texts.build());
  }
}
