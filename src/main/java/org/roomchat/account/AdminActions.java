package org.roomchat.account;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/**
 * Carries out an admin's action on an account and writes it to the audit log, in one transaction:
 * the entry exists exactly when the action took effect. Ended logins end on every node once it
 * commits (their sockets close: with 4003 for a disabled account).
 */
@ApplicationScoped
public class AdminActions {

  @Inject AccountService accounts;
  @Inject Logins logins;
  @Inject PasswordChanges passwords;
  @Inject AdminAudit audit;

  /**
   * Does {@code action} to the account under {@code target}'s stored name on behalf of {@code
   * actor}; {@code oneTimePassword} is the new password of {@link AdminAction#ONE_TIME_PASSWORD}
   * and ignored otherwise.
   */
  @Transactional(rollbackOn = PasswordChanges.Refused.class)
  public void perform(String actor, String target, AdminAction action, String oneTimePassword)
      throws PasswordChanges.Refused {
    switch (action) {
      case DISABLE -> {
        accounts.setEnabled(target, false);
        logins.revokeAll(target, true);
      }
      case ENABLE -> accounts.setEnabled(target, true);
      case LOG_OUT -> logins.revokeAll(target, false);
      case ONE_TIME_PASSWORD -> passwords.setOneTime(target, oneTimePassword);
    }
    audit.record(actor, target, action);
  }
}
