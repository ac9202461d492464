-- Portable between H2 2.x and PostgreSQL.
--
-- A room's muted and banned users: one row per room, user and kind ('mute' or 'ban'), until a time
-- (null: until lifted). An ended one may stay until it is lifted or set again: readers compare
-- ends_at with the time now, so a restriction ends by itself on every node at once. A room or an
-- account that is deleted takes its rows with it.
create table room_restriction (
    room_id    bigint not null references chat_room (id) on delete cascade,
    user_id    bigint not null references user_account (id) on delete cascade,
    kind       varchar(10) not null,
    ends_at    timestamp with time zone,
    created_at timestamp with time zone not null,
    primary key (room_id, user_id, kind),
    constraint room_restriction_kind_check check (kind in ('mute', 'ban'))
);

-- Every moderation action: who did what to whom in which room, for how many minutes, and when;
-- never any message text. Names rather than ids, and no reference to the room, so that an entry
-- says what was true when it was written and outlives the room (its deletion is an entry too) and
-- the accounts it names. room_id picks a room's entries; a room made again under the same name
-- has a new id and starts with none.
create sequence moderation_log_seq start with 50 increment by 50;
create table moderation_log (
    id         bigint primary key,
    room_id    bigint not null,
    room_name  varchar(200) not null,
    actor      varchar(150) not null,
    target     varchar(150) not null,
    action     varchar(20) not null,
    minutes    integer,
    created_at timestamp with time zone not null
);
create index moderation_log_room_idx on moderation_log (room_id, created_at);
create index moderation_log_created_idx on moderation_log (created_at);
