package org.roomchat.account;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.function.IntSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.roomchat.db.SchemaMigration;

/**
 * At start-up, after the schema migration and before any login, completes the name keys and
 * lookalike forms that SQL could not compute (see {@code V3__username_key.sql} and {@code
 * V8__account_hardening.sql}); a start with nothing to do costs two queries.
 */
@ApplicationScoped
public class LegacyNameKeys {

  private static final Logger LOG = Logger.getLogger(LegacyNameKeys.class.getName());

  @Inject AccountService accounts;

  void complete(
      @Observes @Priority(SchemaMigration.PRIORITY + 5) @Initialized(ApplicationScoped.class)
          Object start) {
    // On failure, say so and start; the next start retries. Meanwhile marked accounts log in by
    // their exact name, and older names do not block their lookalikes.
    completeOrWarn(
        accounts::completeLegacyNameKeys,
        "the name keys",
        " accounts made before names were compared without regard to case share their name with"
            + " an older account but for case or form; they log in by their exact name only");
    completeOrWarn(
        accounts::completeLookalikeHashes,
        "the lookalike forms",
        " accounts made before lookalike names were refused look like an older account's name;"
            + " they keep their names, and the older accounts block new lookalikes");
  }

  private static void completeOrWarn(IntSupplier completion, String what, String leftOver) {
    int left;
    try {
      left = completion.getAsInt();
    } catch (Exception e) {
      LOG.log(Level.WARNING, "Could not complete " + what + " of older accounts", e);
      return;
    }
    if (left > 0) {
      LOG.info(left + leftOver);
    }
  }
}
