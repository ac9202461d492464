package org.roomchat.web;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.roomchat.account.AccountLogins;
import org.roomchat.account.PasswordChanges;

/**
 * The account page's data: whose it is, whether a one-time password must be replaced first, and
 * the account's logins (which browser, since when, last used; this browser's marked).
 */
@Named
@RequestScoped
public class AccountPage {

  @Inject HttpServletRequest request;
  @Inject AccountLogins logins;
  @Inject PasswordChanges passwords;

  private List<LoginRow> rows;
  private Boolean mustChange;

  /** One login as the page lists it. */
  public record LoginRow(
      String handle,
      String agent,
      String createdAt,
      String createdAtText,
      String lastUsedAt,
      String lastUsedAtText,
      boolean current) {}

  public String getUsername() {
    return request.getRemoteUser();
  }

  /** Whether the user logged in with a one-time password and must choose their own first. */
  public boolean isPasswordChangeRequired() {
    if (mustChange == null) {
      mustChange = passwords.mustChange(getUsername());
    }
    return mustChange;
  }

  /** Whether the page follows a successful password change. */
  public boolean isPasswordChanged() {
    return request.getParameter("changed") != null;
  }

  public List<LoginRow> getLogins() {
    if (rows == null) {
      rows =
          logins.of(getUsername(), SessionLogin.loginOf(request)).stream()
              .map(
                  l ->
                      new LoginRow(
                          l.handle(),
                          l.agent(),
                          DisplayTimes.iso(utc(l.createdAt())),
                          DisplayTimes.dateTime(utc(l.createdAt())),
                          DisplayTimes.iso(utc(l.lastUsedAt())),
                          DisplayTimes.dateTime(utc(l.lastUsedAt())),
                          l.current()))
              .toList();
    }
    return rows;
  }

  private static OffsetDateTime utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }
}
