-- Portable between H2 2.x and PostgreSQL.
--
-- Authors edit their messages; authors, a room's owner and moderators, and admins delete them. An
-- edit replaces the text (the previous one is not kept) and sets edited_at; a deletion empties the
-- text for good and marks the row, which stays as a tombstone keeping its id, author, time and
-- place in the room. changed_at is the time of the last edit or deletion: a reconnecting client is
-- told of the changes to messages it already had by walking the index below from the time the
-- newest of them was stored, as far as catch-up's bound.
alter table message add column edited_at timestamp with time zone;
alter table message add column deleted boolean default false not null;
alter table message add column changed_at timestamp with time zone;
create index message_room_changed_idx on message (room_id, changed_at);
