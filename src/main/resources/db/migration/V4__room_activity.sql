-- Portable between H2 2.x and PostgreSQL.
--
-- Room lists must not count every room's messages on each request: each room keeps its count on
-- its row, moved by the writer in the same update (and so the same transaction) that stores the
-- messages. updated_at already is the room's last activity: its creation, then its newest message.
alter table chat_room add column message_count bigint default 0 not null;
update chat_room set message_count =
    (select count(*) from message m where m.room_id = chat_room.id);

-- Lists show the newest activity first, a page at a time, ties broken by id: this index answers
-- "the next page after (updated_at, id)" without sorting the table.
create index chat_room_activity_idx on chat_room (updated_at, id);
drop index chat_room_updated_at_idx;
