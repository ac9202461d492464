-- Portable between H2 2.x and PostgreSQL.
--
-- Within a room, id order, commit order and the order every node delivers in must agree, across
-- nodes too. So each room's messages get a dense sequence number (1, 2, 3, ...): the writer locks
-- the room's row (by moving last_seq), numbers its messages from it, and only then takes their ids,
-- one at a time. Whoever holds a room's lock commits before the next writer can number anything in
-- that room, so a higher room_seq (and a higher id) is never committed before a lower one.
alter table chat_room add column last_seq bigint default 0 not null;
alter table message add column room_seq bigint;

-- Number the existing messages of each room in id order.
create table message_room_seq_backfill (
    id       bigint primary key,
    room_seq bigint not null
);
insert into message_room_seq_backfill (id, room_seq)
    select id, row_number() over (partition by room_id order by id) from message;
update message set room_seq =
    (select b.room_seq from message_room_seq_backfill b where b.id = message.id);
drop table message_room_seq_backfill;

alter table message alter column room_seq set not null;
-- "Messages n to m of a room", the gap fill's query, walks this index.
create unique index message_room_seq_key on message (room_id, room_seq);
update chat_room set last_seq =
    coalesce((select max(m.room_seq) from message m where m.room_id = chat_room.id), 0);

-- Message ids one at a time from now on. A node holding a block of 50 used the sequence's current
-- value as the block's last id, and the next value with an increment of 1 is above it on both
-- databases, so no id handed out before can come again.
alter sequence message_seq increment by 1;
