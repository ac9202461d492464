-- Portable between H2 2.x and PostgreSQL.
--
-- Usernames are unique without regard to case: beside the name as shown, each account keeps the
-- key names are compared by (Unicode NFKC case folding), under a unique constraint (H2 has no
-- index on an expression, hence a column). The application computes the key of every new name.
alter table user_account add column name_key varchar(600);

-- Of the names made until now, those in ASCII (one UTF-8 byte per character), nearly all, have
-- lower() as their key exactly.
update user_account set name_key = lower(username)
    where octet_length(username) = char_length(username);

-- ASCII names made before this rule that differ only in case ("Admin" beside "admin"): the oldest
-- keeps the key. The others, and every name beyond ASCII, get a mark no name can have ('~' is not
-- allowed in names): the application gives the latter their keys when it starts
-- (LegacyNameKeys). An account with a mark logs in by its name exactly as stored, which is looked
-- up before the key.
update user_account set name_key = null
    where exists (
        select 1 from user_account older
        where older.name_key = user_account.name_key and older.id < user_account.id);
update user_account set name_key = '~' || cast(id as varchar(20)) where name_key is null;

alter table user_account alter column name_key set not null;
alter table user_account add constraint user_account_name_key_key unique (name_key);
