/**
 * Accounts and logins: sign-up rules, password hashing, the identity store and login mechanism of
 * Jakarta Security, remembered logins and their throttles. Depends on guard, db and config.
 */
package org.roomchat.account;
