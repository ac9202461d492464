-- Portable between H2 2.x and PostgreSQL.
--
-- One row per login: a browser that logged in holds a cookie with the row's id and a random token,
-- of which only the SHA-256 is kept here. Any node honours it, so a login outlives a restart and
-- needs no sticky sessions; deleting the row ends the login everywhere. The previous token's hash
-- is kept for a short while after each rotation, so that a request already on its way with it
-- still passes, while a later use of it (a stolen copy) revokes the login.
create table user_login (
    id            varchar(32) primary key,
    user_id       bigint not null references user_account (id) on delete cascade,
    token_hash    varchar(64) not null,
    previous_hash varchar(64),
    rotated_at    timestamp with time zone not null,
    created_at    timestamp with time zone not null,
    last_used_at  timestamp with time zone not null,
    expires_at    timestamp with time zone not null,
    persistent    boolean not null,
    agent         varchar(200) not null
);

create index user_login_user_idx on user_login (user_id, last_used_at);
create index user_login_expires_idx on user_login (expires_at);
