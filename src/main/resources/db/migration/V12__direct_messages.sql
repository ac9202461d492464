-- Portable between H2 2.x and PostgreSQL.
--
-- A conversation between two users is a chat_room row of its own kind, 'direct', named
-- @{low id}-{high id} after its users' accounts (a user's notepad: @{id}-{id}), a name no room can
-- have. Its users are its members, each with the role 'member'; it has no owner. Its messages,
-- their order and catch-up are a room's.
alter table chat_room drop constraint chat_room_visibility_check;
alter table chat_room add constraint chat_room_visibility_check
    check (visibility in ('public', 'private', 'direct'));

-- Who blocks whom: while a row is here, the blocked user's messages to the blocker in their
-- conversation are refused. A deleted account takes its blocks, both ways, with it.
create table user_block (
    blocker_id bigint not null references user_account (id) on delete cascade,
    blocked_id bigint not null references user_account (id) on delete cascade,
    created_at timestamp with time zone not null,
    primary key (blocker_id, blocked_id)
);
