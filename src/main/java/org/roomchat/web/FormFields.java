package org.roomchat.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Collections;

/** Reads form fields by the end of their name, as the contract promises scripts. */
final class FormFields {

  private FormFields() {}

  /** The value of the field named {@code suffix}, or else of the first whose name ends in it. */
  static String endingWith(HttpServletRequest request, String suffix) {
    String exact = request.getParameter(suffix);
    if (exact != null) {
      return exact;
    }
    for (String name : Collections.list(request.getParameterNames())) {
      if (name.endsWith(suffix)) {
        return request.getParameter(name);
      }
    }
    return null;
  }

  /**
   * Whether the login should outlive the browser's session: as the form's "keep me signed in" box
   * says, and yes (the default) for a client that posts without the form's fields, such as a
   * script. An unticked box sends nothing, so the form says that it showed one.
   */
  static boolean keepSignedIn(HttpServletRequest request) {
    return request.getParameter("keep_signed_in_offered") == null
        || request.getParameter("keep_signed_in") != null;
  }
}
