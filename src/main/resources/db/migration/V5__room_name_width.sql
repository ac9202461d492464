-- A room name is up to 100 characters of any plane. PostgreSQL counts varchar lengths in
-- characters, H2 in UTF-16 units, where a letter beyond the BMP (such as U+1D400) takes two: 200
-- units hold any 100 characters on both.
alter table chat_room alter column name set data type varchar(200);
