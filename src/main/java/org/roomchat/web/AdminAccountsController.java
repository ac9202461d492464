package org.roomchat.web;

import jakarta.inject.Inject;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.roomchat.account.AccountService;
import org.roomchat.account.AdminAction;
import org.roomchat.account.AdminActions;
import org.roomchat.account.AdminConfirmation;
import org.roomchat.account.HashingSlots;
import org.roomchat.account.LoginThrottle;
import org.roomchat.account.PasswordChanges;
import org.roomchat.account.UserAccount;
import org.roomchat.metrics.ChatMetrics;

/**
 * {@code POST /admin/users/{name}/{action}}, the dashboard's account forms ({@link AdminAction}:
 * {@code disable}, {@code enable}, {@code logout}, {@code one-time-password} with field {@code
 * one_time_password}), then 303 back to the dashboard showing that account. web.xml lets only
 * admins in; the token is checked by {@link CsrfFilter}. Every action is written to the audit log.
 *
 * <p>An admin whose password was last typed longer ago than {@code chat.admin.reauth-seconds}
 * must type it again (field {@code admin_password}): without it, or with a wrong one, 403 and the
 * dashboard asking for it, and nothing changes; a wrong one counts as a failed login (in this
 * browser's own bucket when its device cookie shows it logged into the account before, so
 * strangers who lock the admin's name out do not lock out its own browser). An unknown account
 * is a 404; an admin cannot act on its own account (409: it could lock the last admin out); a
 * one-time password that breaks the password rules is a 400 that says why.
 */
@WebServlet("/admin/users/*")
public class AdminAccountsController extends HttpServlet {

  static final String ADMIN_PASSWORD = "admin_password";
  static final String ONE_TIME_PASSWORD = "one_time_password";

  private static final Pattern ACTION = Pattern.compile("^/([^/]+)/([a-z-]+)/?$");

  @Inject AccountService accounts;
  @Inject AdminActions actions;
  @Inject AdminConfirmation confirmation;
  @Inject PasswordChanges passwords;
  @Inject LoginThrottle throttle;
  @Inject HashingSlots hashing;
  @Inject ChatMetrics metrics;
  @Inject AdminDashboard dashboard;
  @Inject DeviceCookies devices;

  @Override
  protected void doPost(HttpServletRequest request, HttpServletResponse response)
      throws ServletException, IOException {
    // web.xml already guards /admin/*; checking again keeps this servlet safe if that changes.
    if (!request.isUserInRole(AccountService.ADMIN_ROLE)) {
      response.sendError(HttpServletResponse.SC_FORBIDDEN);
      return;
    }
    Matcher path = ACTION.matcher(RequestPaths.after(request, "/admin/users").orElse(""));
    Optional<AdminAction> action =
        path.matches() ? AdminAction.ofCode(path.group(2)) : Optional.empty();
    Optional<UserAccount> target = action.flatMap(a -> accounts.find(path.group(1)));
    if (target.isEmpty()) {
      response.sendError(HttpServletResponse.SC_NOT_FOUND);
      return;
    }
    String actor = request.getRemoteUser();
    String name = target.get().getUsername();
    if (name.equals(actor)) {
      response.sendError(HttpServletResponse.SC_CONFLICT);
      return;
    }
    Optional<String> login = SessionLogin.loginOf(request);
    if (login.isEmpty()) {
      response.sendError(HttpServletResponse.SC_FORBIDDEN);
      return;
    }
    boolean confirmed = confirmation.isRecent(login.get());
    if (!confirmed || action.get() == AdminAction.ONE_TIME_PASSWORD) {
      Optional<HashingSlots.Slot> slot = hashing.enter();
      if (slot.isEmpty()) {
        metrics.loginRefused("busy");
        Refusals.busy(response);
        showDashboard(name, "adminBusy", request, response);
        return;
      }
      try (HashingSlots.Slot held = slot.get()) {
        if (!confirmed && !confirm(actor, login.get(), name, request, response)) {
          return;
        }
        perform(actor, name, action.get(), request, response);
      }
      return;
    }
    perform(actor, name, action.get(), request, response);
  }

  /**
   * Checks the admin's password typed again; true when it is right, else the answer is written
   * (403, or 429 past the login limits).
   */
  private boolean confirm(
      String actor,
      String login,
      String target,
      HttpServletRequest request,
      HttpServletResponse response)
      throws ServletException, IOException {
    String password = request.getParameter(ADMIN_PASSWORD);
    if (password == null || password.isEmpty()) {
      response.setStatus(HttpServletResponse.SC_FORBIDDEN);
      showDashboard(target, "reauthRequired", request, response);
      return false;
    }
    String address = AddressKey.of(request.getRemoteAddr());
    Optional<String> device = DeviceCookies.of(request);
    Duration wait = throttle.wait(actor, device, address);
    if (!wait.isZero()) {
      metrics.loginRefused("throttled");
      Refusals.tooMany(request, response, wait);
      showDashboard(target, "reauthThrottled", request, response);
      return false;
    }
    if (!passwords.verify(actor, password)) {
      throttle.failed(actor, device, address);
      metrics.loginRefused("failed");
      response.setStatus(HttpServletResponse.SC_FORBIDDEN);
      showDashboard(target, "reauthFailed", request, response);
      return false;
    }
    confirmation.confirmed(login);
    devices.remember(request, response, actor);
    return true;
  }

  private void perform(
      String actor,
      String target,
      AdminAction action,
      HttpServletRequest request,
      HttpServletResponse response)
      throws ServletException, IOException {
    try {
      actions.perform(actor, target, action, request.getParameter(ONE_TIME_PASSWORD));
    } catch (PasswordChanges.Refused refused) {
      request.setAttribute("oneTimePasswordProblems", refused.problems());
      response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
      showDashboard(target, null, request, response);
      return;
    }
    AccountController.seeOther(request, response, AdminAccounts.dashboardPath(target));
  }

  /** The dashboard again, showing the account acted on and why nothing was done. */
  private void showDashboard(
      String target, String problem, HttpServletRequest request, HttpServletResponse response)
      throws ServletException, IOException {
    if (problem != null) {
      request.setAttribute(problem, true);
    }
    request.setAttribute(AdminAccounts.SHOWN, target);
    dashboard.show(RoomListParameters.of(request, "/admin/"));
    Views.render("admin", request, response);
  }
}
