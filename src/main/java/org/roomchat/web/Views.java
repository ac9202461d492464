package org.roomchat.web;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Renders a Faces view kept under /WEB-INF/views, where no browser can ask for it directly, or
 * sends the browser on to the page that follows a form.
 */
final class Views {

  private Views() {}

  static void render(String view, HttpServletRequest request, HttpServletResponse response)
      throws ServletException, IOException {
    request.getRequestDispatcher("/WEB-INF/views/" + view + ".xhtml").forward(request, response);
  }

  /** 303: the post is done; the browser gets the page at {@code location} next. */
  static void seeOther(HttpServletResponse response, String location) {
    response.setStatus(HttpServletResponse.SC_SEE_OTHER);
    response.setHeader("Location", location);
  }
}
