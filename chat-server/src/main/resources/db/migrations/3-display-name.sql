-- Display names: what a person chose to be shown by (set_display_name); NULL shows the account
-- name. Not unique: the account name stays what commands, mentions and bans use.
ALTER TABLE accounts ADD COLUMN display_name TEXT;
