-- Portable between H2 2.x and PostgreSQL.
--
-- Unread counts cost nothing per member when a message is stored: each member keeps a read marker,
-- the room sequence number (message.room_seq) of the last message read there, and what is unread
-- is the room's last_seq minus the marker. A member's own message moves that member's marker to it,
-- in the transaction that stores the message; reading moves it forward only. Members so far have
-- read everything: their markers start at their rooms' newest message, as a new member's do.
alter table room_member add column read_seq bigint default 0 not null;
update room_member set read_seq =
    (select r.last_seq from chat_room r where r.id = room_member.room_id);

-- One row per mentioned reader of a message (a few at most per message), so that a member's
-- mentions are counted after the marker without reading any message text. The key serves "who is
-- mentioned in messages n to m of a room" (history and catch-up frames); the index serves "this
-- user's mentions in this room after the marker".
create table message_mention (
    room_id bigint not null references chat_room (id) on delete cascade,
    seq     bigint not null,
    user_id bigint not null references user_account (id) on delete cascade,
    primary key (room_id, seq, user_id)
);
create index message_mention_user_idx on message_mention (user_id, room_id, seq);
