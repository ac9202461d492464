-- Portable between H2 2.x and PostgreSQL.
--
-- Secrets that every node must share and nobody outside may know, one row per purpose. The row
-- is made here with an empty secret; the first node that starts fills it with 256 random bits (in
-- URL-safe Base64) under a row lock, and every node reads it from here. Emptying the secret again
-- and restarting every node replaces it.
--
-- device-cookie: the key that signs device cookies (see account.TrustedDevices).
create table server_secret (
    name       varchar(40) primary key,
    secret     varchar(64) not null,
    created_at timestamp with time zone not null
);
insert into server_secret (name, secret, created_at) values ('device-cookie', '', current_timestamp);
