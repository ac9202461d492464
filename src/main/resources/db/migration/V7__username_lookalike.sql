-- Portable between H2 2.x and PostgreSQL.
--
-- Names that look alike are unique too: beside its key, each account keeps the SHA-256 of its
-- name's lookalike form (UTS #39's skeleton after case folding: Cyrillic "асе" and Latin "ace",
-- "adrnin" and "admin" share one), under a unique constraint. SQL cannot compute it, so the
-- application fills the column for the accounts made before it at start-up (LegacyNameKeys),
-- oldest first; an older account's name keeps its lookalike form, a younger lookalike keeps its
-- name and login and only stops blocking others. Unique constraints let NULLs repeat meanwhile.
alter table user_account add column lookalike_hash varchar(64);
alter table user_account add constraint user_account_lookalike_hash_key unique (lookalike_hash);
