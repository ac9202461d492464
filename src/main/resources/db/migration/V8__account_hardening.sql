-- Portable between H2 2.x and PostgreSQL.
--
-- Each login counts the rotations of its secret: an HTTP session remembers the generation it was
-- built on, so a session that a copied cookie opened cannot outlive the owner's rotations (two
-- generations behind, or one behind past the grace period, revokes the login).
alter table user_login add column generation bigint default 0 not null;
