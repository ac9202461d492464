package org.roomchat.web;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ResourceBundle;

/**
 * The application's page for every error status, whatever sent it: a servlet, a filter (a refused
 * form or WebSocket handshake), the container (an unknown path, a method a servlet does not take, a
 * security constraint) or an exception. Mapped in web.xml as the default error page. It says the
 * status and one sentence in the reader's language, and nothing of the request, the exception or
 * the server. It is a plain servlet on purpose: it must still answer when Faces, CDI or the
 * database is what failed.
 */
public class ErrorPage extends HttpServlet {

  /** The page texts, as faces-config.xml names them for the Faces views. */
  static final String BUNDLE = "org.roomchat.web.messages";

  /** The languages of faces-config.xml, the default first. */
  static final List<Locale> LANGUAGES = List.of(Locale.ENGLISH, Locale.KOREAN);

  /** The statuses with words of their own, and the id of their heading; others speak by class. */
  static final Map<Integer, String> HEADINGS =
      Map.of(
          400, "bad-request",
          401, "login-required",
          403, "forbidden",
          404, "not-found",
          405, "method-not-allowed",
          413, "too-large",
          429, "too-many-requests",
          500, "server-error",
          503, "unavailable");

  /** The page; every part is escaped, and none comes from the request. */
  private static final String PAGE =
      """
      <!DOCTYPE html>
      <html lang="%1$s">
      <head>
      <meta charset="utf-8"/>
      <meta name="viewport" content="width=device-width, initial-scale=1"/>
      <title>%2$s · %3$s</title>
      <link rel="stylesheet" href="%4$s/static/chat.css"/>
      </head>
      <body>
      <header class="site-header">
        <a class="brand" href="%4$s/chat/">%3$s</a>
      </header>
      <main class="container" id="error-page" data-status="%5$d">
        <h1 id="%6$s">%2$s</h1>
        <p%7$s>%8$s <a href="%4$s/chat/">%9$s</a></p>
        <p class="hint" id="error-status">%10$s</p>
      </main>
      </body>
      </html>
      """;

  @Override
  protected void service(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    int status = status(request, response);
    Locale language = language(request.getLocales());
    ResourceBundle texts = texts(language);
    boolean staleForm =
        status == HttpServletResponse.SC_FORBIDDEN
            && Boolean.TRUE.equals(request.getAttribute(CsrfFilter.REFUSED));

    String key = textKey(status);
    String page =
        PAGE.formatted(
            language.toLanguageTag(),
            escape(texts.getString(key + ".title")),
            escape(texts.getString("site.name")),
            escape(request.getContextPath()),
            status,
            heading(status),
            staleForm ? " id=\"csrf-refused\"" : "",
            escape(texts.getString(staleForm ? "errorPage.403.csrf" : key + ".text")),
            escape(texts.getString("errorPage.link")),
            escape(MessageFormat.format(texts.getString("errorPage.status"), "" + status)));
    byte[] bytes = page.getBytes(StandardCharsets.UTF_8);

    response.setStatus(status);
    response.setHeader("Cache-Control", "no-store");
    response.setContentType("text/html;charset=UTF-8");
    // A length of its own: Grizzly frames no answer to a WebSocket handshake (it sends those
    // unchunked, ended by closing), so without it a refused handshake's page has no end.
    response.setContentLength(bytes.length);
    if ("HEAD".equals(request.getMethod())) {
      return;
    }
    try {
      response.getOutputStream().write(bytes);
    } catch (IllegalStateException writerTaken) {
      // What failed had already asked for the writer (a page being rendered).
      response.getWriter().write(page);
    }
  }

  /**
   * The status the page is for: the one the container dispatched it for, 500 for an exception, and
   * 404 when someone asks for the page itself.
   */
  private static int status(HttpServletRequest request, HttpServletResponse response) {
    if (request.getDispatcherType() != DispatcherType.ERROR) {
      return HttpServletResponse.SC_NOT_FOUND;
    }
    Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
    int status = code instanceof Integer number ? number : response.getStatus();
    return status >= 400 && status <= 599 ? status : HttpServletResponse.SC_INTERNAL_SERVER_ERROR;
  }

  /** The prefix of the status's texts: its own, or its class's ({@code errorPage.4xx}). */
  static String textKey(int status) {
    return "errorPage." + (HEADINGS.containsKey(status) ? status : (status / 100) + "xx");
  }

  private static String heading(int status) {
    return HEADINGS.getOrDefault(status, status >= 500 ? "server-error" : "request-refused");
  }

  /**
   * The first of the reader's languages (Accept-Language, best first) that the pages speak, as
   * Faces chooses for the views; English otherwise.
   */
  static Locale language(Enumeration<Locale> preferred) {
    for (Locale wanted : Collections.list(preferred)) {
      for (Locale spoken : LANGUAGES) {
        if (spoken.getLanguage().equals(wanted.getLanguage())) {
          return spoken;
        }
      }
    }
    return LANGUAGES.get(0);
  }

  /** The texts of the language, never those of the server's own default locale. */
  static ResourceBundle texts(Locale language) {
    return ResourceBundle.getBundle(
        BUNDLE,
        language,
        ErrorPage.class.getClassLoader(),
        ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
  }

  private static String escape(String text) {
    StringBuilder escaped = new StringBuilder(text.length());
    for (char c : text.toCharArray()) {
      switch (c) {
        case '&' -> escaped.append("&amp;");
        case '<' -> escaped.append("&lt;");
        case '>' -> escaped.append("&gt;");
        case '"' -> escaped.append("&quot;");
        case '\'' -> escaped.append("&#39;");
        default -> escaped.append(c);
      }
    }
    return escaped.toString();
  }
}
