package org.roomchat.account;

import jakarta.annotation.security.DeclareRoles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.security.enterprise.identitystore.DatabaseIdentityStoreDefinition;
import jakarta.security.enterprise.identitystore.Pbkdf2PasswordHash;
import org.roomchat.db.ChatDataSource;

/** Accounts live in the application's database; roles are the account's groups. */
@DatabaseIdentityStoreDefinition(
    dataSourceLookup = ChatDataSource.JNDI_NAME,
    callerQuery = "select password_hash from user_account where username = ? and enabled = true",
    groupsQuery =
        "select r.role from user_role r join user_account u on u.id = r.user_id"
            + " where u.username = ?",
    hashAlgorithm = Pbkdf2PasswordHash.class)
@DeclareRoles({AccountService.USER_ROLE, AccountService.ADMIN_ROLE})
@ApplicationScoped
public class SecurityConfiguration {}
