-- Portable between H2 2.x and PostgreSQL.
--
-- Each login counts the rotations of its secret: an HTTP session remembers the generation it was
-- built on, so a session that a copied cookie opened cannot outlive the owner's rotations (two
-- generations behind, or one behind past the grace period, revokes the login).
alter table user_login add column generation bigint default 0 not null;

-- The admin account that CHAT_ADMIN_USERNAME made: a later start may update only such an account,
-- or one that is an admin already, never one somebody signed up under the name first. Admins made
-- before this column were made by those settings, and stay adoptable as admins.
alter table user_account add column bootstrap_admin boolean default false not null;
