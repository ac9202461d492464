package org.roomchat.account;

import java.util.Optional;

/**
 * Logins that have just ended for good: one ({@code login} present) or all of the user's. Fired
 * once the revoking transaction has committed, so that their sockets can be closed on every node.
 *
 * @param accountDisabled whether they end because an admin disabled the account
 */
public record LoginsRevoked(String username, Optional<String> login, boolean accountDisabled) {}
