package org.roomchat.web;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.roomchat.account.AccountService;
import org.roomchat.account.AdminAction;
import org.roomchat.account.AdminAudit;
import org.roomchat.account.AdminConfirmation;
import org.roomchat.account.UserAccount;

/**
 * The dashboard's accounts section: one account found by name ({@code ?account=}) with the forms
 * that act on it, whether those forms must ask for the admin's password again, and the audit log,
 * newest first.
 */
@Named
@RequestScoped
public class AdminAccounts {

  /** The request attribute naming the account to show, when an action on it was refused. */
  static final String SHOWN = AdminAccounts.class.getName() + ".shown";

  static final String SEARCH = "account";

  /** Audit entries the dashboard shows: the newest. */
  static final int AUDIT_SHOWN = 50;

  @Inject HttpServletRequest request;
  @Inject AccountService accounts;
  @Inject AdminConfirmation confirmation;
  @Inject AdminAudit audit;

  private Optional<AccountCard> account;
  private List<AuditRow> auditRows;

  /**
   * The account as the dashboard shows it.
   *
   * @param actionPath the path its forms post to, before the action's name
   * @param self whether it is the admin's own account, on which the forms do nothing
   */
  public record AccountCard(
      String username,
      String createdAt,
      String createdAtText,
      boolean enabled,
      boolean mustChangePassword,
      boolean self,
      String actionPath) {}

  /** One audit entry. */
  public record AuditRow(
      String at, String atText, String actor, String actionKey, String action, String target) {}

  /** The dashboard showing this account, under the context root. */
  static String dashboardPath(String username) {
    return "/admin/?" + SEARCH + "=" + URLEncoder.encode(username, StandardCharsets.UTF_8);
  }

  /** The name looked for, or null. */
  public String getSearch() {
    Object shown = request.getAttribute(SHOWN);
    String typed = shown instanceof String name ? name : request.getParameter(SEARCH);
    return typed == null || typed.isBlank() ? null : typed.strip();
  }

  /** The account looked for, or null when none was or there is no such account. */
  public AccountCard getAccount() {
    if (account == null) {
      String search = getSearch();
      account =
          search == null ? Optional.empty() : accounts.find(search).map(this::card);
    }
    return account.orElse(null);
  }

  private AccountCard card(UserAccount found) {
    String name = found.getUsername();
    return new AccountCard(
        name,
        DisplayTimes.iso(found.getCreatedAt()),
        DisplayTimes.dateTime(found.getCreatedAt()),
        found.isEnabled(),
        found.isMustChangePassword(),
        name.equals(request.getRemoteUser()),
        request.getContextPath()
            + "/admin/users/"
            + URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20")
            + "/");
  }

  /** Whether a name was looked for that no account has. */
  public boolean isNotFound() {
    return getSearch() != null && getAccount() == null;
  }

  /** Whether the forms must ask for the admin's password again. */
  public boolean isReauthRequired() {
    return SessionLogin.loginOf(request).map(login -> !confirmation.isRecent(login)).orElse(true);
  }

  /** How long a typed password lasts for these forms, in whole minutes (at least one). */
  public long getReauthMinutes() {
    return Math.max(1, (confirmation.window().toSeconds() + 59) / 60);
  }

  /** How many audit entries the dashboard shows at most. */
  public int getAuditShown() {
    return AUDIT_SHOWN;
  }

  public List<AuditRow> getAuditEntries() {
    if (auditRows == null) {
      auditRows =
          audit.newest(AUDIT_SHOWN).stream()
              .map(
                  e ->
                      new AuditRow(
                          DisplayTimes.iso(e.getCreatedAt()),
                          DisplayTimes.dateTime(e.getCreatedAt()),
                          e.getActor(),
                          e.getAction().map(AdminAction::key).orElse("audit.action.other"),
                          e.getAction().map(AdminAction::code).orElse(""),
                          e.getTarget()))
              .toList();
    }
    return auditRows;
  }
}
