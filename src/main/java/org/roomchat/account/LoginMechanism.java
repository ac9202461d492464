package org.roomchat.account;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.AutoApplySession;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.security.enterprise.authentication.mechanism.http.RememberMe;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStoreHandler;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Optional;

/**
 * Form login the way a Django site does it: the login page posts to a controller that
 * calls {@code SecurityContext.authenticate}. The login then lives in a cookie that any node
 * honours ({@code @RememberMe}, backed by {@link RememberedLogins}), and, on each node the browser
 * reaches, in an HTTP session for the requests after. A protected page asked for while logged out
 * redirects to the login page with {@code next}.
 *
 * <p>The typed name is first resolved to its account ({@code ADMIN} or {@code ａｄｍｉｎ} to
 * {@code admin}), and the password is checked under the stored name, so the identity store and the
 * principal only ever see that one. An unknown or disabled name costs a password check all the
 * same, so a login's timing does not tell whether the account exists.
 */
@AutoApplySession
@RememberMe(
    cookieName = LoginMechanism.LOGIN_COOKIE,
    // The cookie is written again after the login, with SameSite and the lifetime the form chose
    // (see SessionLogin): the annotation can say neither.
    cookieMaxAgeSeconds = -1,
    cookieSecureOnly = false,
    cookieHttpOnly = true)
@ApplicationScoped
public class LoginMechanism implements HttpAuthenticationMechanism {

  /** The cookie that carries a login to every node: see {@link RememberedLogins}. */
  public static final String LOGIN_COOKIE = "roomchat_login";

  @Inject IdentityStoreHandler identityStores;
  @Inject AccountService accounts;
  @Inject PasswordHashing passwordHashing;

  @Override
  public AuthenticationStatus validateRequest(
      HttpServletRequest request, HttpServletResponse response, HttpMessageContext context) {
    Credential credential = context.getAuthParameters().getCredential();
    if (credential instanceof UsernamePasswordCredential typed) {
      Optional<UserAccount> account =
          accounts.find(typed.getCaller()).filter(UserAccount::isEnabled);
      if (account.isEmpty()) {
        passwordHashing.verifyDecoy(typed.getPassword().getValue());
        return AuthenticationStatus.SEND_FAILURE;
      }
      credential = new UsernamePasswordCredential(account.get().getUsername(), typed.getPassword());
    }
    if (credential != null) {
      CredentialValidationResult result = identityStores.validate(credential);
      return result.getStatus() == CredentialValidationResult.Status.VALID
          ? context.notifyContainerAboutLogin(result)
          : AuthenticationStatus.SEND_FAILURE;
    }
    if (context.isProtected()) {
      return context.redirect(LoginPaths.loginUrl(request));
    }
    return context.doNothing();
  }
}
