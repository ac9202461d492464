package org.roomchat.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;

/** A request as a trusted proxy describes it: the client's address, and whether it used HTTPS. */
final class ForwardedRequest extends HttpServletRequestWrapper {

  private final String client;
  private final boolean secure;

  ForwardedRequest(HttpServletRequest request, String client, boolean secure) {
    super(request);
    this.client = client;
    this.secure = secure;
  }

  @Override
  public String getRemoteAddr() {
    return client;
  }

  @Override
  public String getRemoteHost() {
    return client;
  }

  @Override
  public boolean isSecure() {
    return secure;
  }

  @Override
  public String getScheme() {
    return secure ? "https" : super.getScheme();
  }
}
