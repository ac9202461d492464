-- Portable between H2 2.x and PostgreSQL.
--
-- Passwords that users and admins control. An account whose password an admin set (a one-time
-- password) must choose its own before it may do anything else. A login notes when its password
-- was last typed (at the login, at a password change, or to confirm an admin action), so that an
-- admin action can ask for it again when that was long ago; logins made before this column count
-- from their creation.
alter table user_account add column must_change_password boolean default false not null;
alter table user_login add column password_at timestamp with time zone;

-- Every admin action on an account: who did what to whom, and when. Names rather than ids, so
-- that an entry says what was true when it was written and outlives the accounts it names.
create sequence admin_audit_seq start with 50 increment by 50;
create table admin_audit (
    id         bigint primary key,
    actor      varchar(150) not null,
    target     varchar(150) not null,
    action     varchar(40) not null,
    created_at timestamp with time zone not null
);
create index admin_audit_created_idx on admin_audit (created_at, id);
