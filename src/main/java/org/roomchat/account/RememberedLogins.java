package org.roomchat.account;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.CallerPrincipal;
import jakarta.security.enterprise.credential.RememberMeCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.RememberMeIdentityStore;
import java.util.Optional;
import java.util.Set;

/**
 * The store behind {@link LoginMechanism}'s {@code @RememberMe}: the container hands it the login
 * cookie of any request that comes without a session, on any node, and asks it for a token after
 * each successful login. Logins are rows ({@link Logins}); a cookie that proves none is dropped by
 * the container.
 */
@ApplicationScoped
public class RememberedLogins implements RememberMeIdentityStore {

  @Inject Logins logins;

  @Override
  public CredentialValidationResult validate(RememberMeCredential credential) {
    return LoginToken.parse(credential.getToken())
        .flatMap(logins::prove)
        .map(proven -> new CredentialValidationResult(proven.username(), proven.roles()))
        .orElse(CredentialValidationResult.INVALID_RESULT);
  }

  /**
   * Makes the login: kept signed in or not, and labelled with the browser, as the login form
   * said; a login made some other way (none is, today) ends with the browser.
   */
  @Override
  public String generateLoginToken(CallerPrincipal caller, Set<String> groups) {
    Optional<PendingLogin> pending = PendingLogin.current();
    boolean keep = pending.map(PendingLogin::keepSignedIn).orElse(false);
    String agent = pending.map(PendingLogin::agent).orElse("");
    Logins.Issued issued =
        logins
            .create(caller.getName(), keep, agent)
            .orElseThrow(() -> new IllegalStateException("no account " + caller.getName()));
    pending.ifPresent(p -> p.issued(issued));
    return issued.token().value();
  }

  @Override
  public void removeLoginToken(String token) {
    LoginToken.parse(token).ifPresent(parsed -> logins.revoke(parsed.id()));
  }
}
