package org.roomchat.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A form as a page shows it: where it posts, the hidden fields it carries (its anti-CSRF token
 * among them) and the names of the fields a user fills in. {@link #submit} posts it the way a
 * browser does, so a test uses the page's real forms rather than building posts by hand.
 */
public record PageForm(String action, Map<String, String> hidden, Set<String> typed) {

  private static final Pattern INPUT = Pattern.compile("<input\\b([^>]*)>");
  private static final Pattern ATTRIBUTE = Pattern.compile("([a-zA-Z_:][-\\w:.]*)=\"([^\"]*)\"");

  /** The POST form with this id on the page; fails when the page has none. */
  public static PageForm of(HttpResponse<String> page, String id) {
    PageForm form = find(page.body(), id);
    assertTrue(form != null, () -> "no form #" + id + " on " + page.uri() + ":\n" + page.body());
    return form;
  }

  /** Whether the page has a form with this id. */
  public static boolean exists(HttpResponse<String> page, String id) {
    return find(page.body(), id) != null;
  }

  private static PageForm find(String html, String id) {
    Matcher form =
        Pattern.compile("<form\\b([^>]*\\bid=\"" + Pattern.quote(id) + "\"[^>]*)>(.*?)</form>",
                Pattern.DOTALL)
            .matcher(html);
    if (!form.find()) {
      return null;
    }
    Map<String, String> attributes = attributes(form.group(1));
    assertEquals("post", attributes.get("method"), "form #" + id + " posts");
    Map<String, String> hidden = new LinkedHashMap<>();
    Set<String> typed = new LinkedHashSet<>();
    Matcher input = INPUT.matcher(form.group(2));
    while (input.find()) {
      Map<String, String> field = attributes(input.group(1));
      String name = field.get("name");
      if (name == null) {
        continue;
      }
      if ("hidden".equals(field.get("type"))) {
        hidden.put(name, field.getOrDefault("value", ""));
      } else {
        typed.add(name);
      }
    }
    return new PageForm(attributes.get("action"), hidden, typed);
  }

  /**
   * Fills in the named fields, which the form must have, and posts it with its hidden fields from
   * {@code browser}.
   */
  public HttpResponse<String> submit(ChatHttp browser, Map<String, String> filledIn) {
    assertTrue(
        typed.containsAll(filledIn.keySet()),
        () -> "form " + action + " has fields " + typed + ", not all of " + filledIn.keySet());
    Map<String, String> fields = new LinkedHashMap<>(hidden);
    fields.putAll(filledIn);
    return browser.post(action, fields);
  }

  /** Whether the user is asked to fill in this field. */
  public boolean asks(String field) {
    return typed.contains(field);
  }

  private static Map<String, String> attributes(String tag) {
    Map<String, String> attributes = new LinkedHashMap<>();
    Matcher m = ATTRIBUTE.matcher(tag);
    while (m.find()) {
      attributes.put(m.group(1), unescape(m.group(2)));
    }
    return attributes;
  }

  private static String unescape(String value) {
    return value
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&");
  }
}
