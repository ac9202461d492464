-- Portable between H2 2.x and PostgreSQL. Ids come from sequences that hand out blocks of 50;
-- EclipseLink reads a sequence value as the last id of its block, hence "start with 50".
create sequence user_account_seq start with 50 increment by 50;
create sequence chat_room_seq start with 50 increment by 50;
create sequence message_seq start with 50 increment by 50;
create sequence online_user_seq start with 50 increment by 50;

create table user_account (
    id            bigint primary key,
    username      varchar(150) not null,
    password_hash varchar(512) not null,
    enabled       boolean not null default true,
    created_at    timestamp with time zone not null,
    constraint user_account_username_key unique (username)
);

create table user_role (
    user_id bigint not null references user_account (id) on delete cascade,
    role    varchar(50) not null,
    primary key (user_id, role)
);

create table chat_room (
    id         bigint primary key,
    name       varchar(100) not null,
    created_at timestamp with time zone not null,
    updated_at timestamp with time zone not null,
    constraint chat_room_name_key unique (name)
);
create index chat_room_updated_at_idx on chat_room (updated_at);

create table message (
    id         bigint primary key,
    room_id    bigint not null references chat_room (id) on delete cascade,
    author_id  bigint not null references user_account (id) on delete cascade,
    content    varchar(4000) not null,
    created_at timestamp with time zone not null
);
-- "The last 50 of a room" and "everything after id N in a room" both walk this index.
create index message_room_id_idx on message (room_id, id);

create table online_user (
    id           bigint primary key,
    user_id      bigint not null references user_account (id) on delete cascade,
    room_id      bigint not null references chat_room (id) on delete cascade,
    node         varchar(100) not null,
    connected_at timestamp with time zone not null,
    constraint online_user_key unique (user_id, room_id, node)
);
