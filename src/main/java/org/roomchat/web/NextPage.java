package org.roomchat.web;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.roomchat.account.LoginPaths;

/**
 * The {@code next} page a login or sign-up form returns to, so the links between the two forms keep
 * it. Only a path on this site is passed on.
 */
@Named
@RequestScoped
public class NextPage {

  @Inject HttpServletRequest request;

  /** {@code ?next=...} for a link to the other form, or nothing when there is no next page. */
  public String getQuery() {
    String next = request.getParameter("next");
    if (next == null || next.isEmpty()) {
      return "";
    }
    return "?next=" + URLEncoder.encode(LoginPaths.safeNext(next), StandardCharsets.UTF_8);
  }
}
