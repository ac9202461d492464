-- Portable between H2 2.x and PostgreSQL.
--
-- A room is public (anyone logged in may enter it, and entering makes them a member) or private
-- (only its members may list, read or enter it). Its owner is the user who started it; owner_id
-- stays null where that is unknown, and a deleted account leaves its rooms without an owner.
alter table chat_room add column visibility varchar(10) default 'public' not null;
alter table chat_room add constraint chat_room_visibility_check
    check (visibility in ('public', 'private'));
alter table chat_room add column owner_id bigint;
alter table chat_room add constraint chat_room_owner_fk
    foreign key (owner_id) references user_account (id) on delete set null;

-- One row per member and room, with the member's role there. The owner has a row of its own
-- with the role 'owner', written with the room, so that rights are read from one row.
create table room_member (
    room_id   bigint not null references chat_room (id) on delete cascade,
    user_id   bigint not null references user_account (id) on delete cascade,
    role      varchar(20) not null,
    joined_at timestamp with time zone not null,
    primary key (room_id, user_id),
    constraint room_member_role_check check (role in ('owner', 'moderator', 'member'))
);
-- "The rooms this user is a member of" walks this index; the primary key answers the rest.
create index room_member_user_idx on room_member (user_id, room_id);

-- Every room so far is public, which the column's default made it. Who started a room was never
-- stored, so no existing room has an owner. Those who posted in a room become its members, since
-- their first message there.
insert into room_member (room_id, user_id, role, joined_at)
    select room_id, author_id, 'member', min(created_at) from message group by room_id, author_id;
