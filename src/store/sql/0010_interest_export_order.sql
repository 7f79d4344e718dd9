-- Exports write the interests oldest first (`ORDER BY logged_at, rowid`): this index gives
-- that order exactly (an index entry ends with the rowid), so 500,000 interests are read
-- without sorting them. (`interest_recent` is descending: read backwards, equal times
-- would come in reverse rowid order and need sorting again.)
CREATE INDEX interest_logged ON interest (logged_at);
