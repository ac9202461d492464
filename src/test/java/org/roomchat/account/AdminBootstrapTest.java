package org.roomchat.account;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.transaction.RollbackException;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Two nodes creating the admin account at once: the loser of the insert tries again. */
class AdminBootstrapTest {

  /** Fails as a lost insert race does, a given number of times, then succeeds. */
  private static final class RacingAccounts extends AccountService {
    private int failuresLeft;
    private int calls;

    RacingAccounts(int failures) {
      this.failuresLeft = failures;
    }

    @Override
    public AdminOutcome ensureAdmin(String username, String password) {
      calls++;
      if (failuresLeft-- > 0) {
        // As WildFly's transaction interceptor reports a failed commit: the checked
        // RollbackException, through a method that does not declare it.
        throw sneaky(new RollbackException("duplicate key value violates unique constraint"));
      }
      return AdminOutcome.CREATED;
    }

    @Override
    public List<String> adminsOtherThan(String username) {
      return List.of();
    }
  }

  @SuppressWarnings("unchecked")
  private static <E extends Throwable> RuntimeException sneaky(Throwable e) throws E {
    throw (E) e;
  }

  private static int callsToEnsure(int failures) {
    RacingAccounts accounts = new RacingAccounts(failures);
    AdminBootstrap bootstrap = new AdminBootstrap();
    bootstrap.accounts = accounts;
    bootstrap.username = Optional.of("admin");
    bootstrap.password = Optional.of("quiet-harbor-42");
    bootstrap.bootstrap(new Object()); // never throws: the server starts whatever happens
    return accounts.calls;
  }

  @Test
  void aLostInsertIsTriedAgain() {
    assertEquals(2, callsToEnsure(1));
  }

  @Test
  void aDatabaseThatKeepsFailingIsGivenUpOnWithoutStoppingTheServer() {
    assertEquals(3, callsToEnsure(10));
  }
}
