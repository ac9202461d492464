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

-- Names that look alike are one name in any case shape: the skeleton depends on case (capital I
-- passes for small l, small i does not), so "ADMlN" looked like the capitals of "admin" and yet
-- had another form. Each account now keeps the forms of its name as written, in capitals and in
-- small letters (marks on Latin letters dropped), one row each, and no two accounts share one.
-- SQL cannot compute them: the application fills them for the accounts made before at start-up
-- (LegacyNameKeys), oldest first, as it did the single form of V7, which this table replaces.
create table user_lookalike (
    user_id   bigint not null references user_account (id) on delete cascade,
    form_hash varchar(64) not null,
    constraint user_lookalike_form_hash_key unique (form_hash)
);
create index user_lookalike_user_idx on user_lookalike (user_id);

alter table user_account drop constraint user_account_lookalike_hash_key;
alter table user_account drop column lookalike_hash;
