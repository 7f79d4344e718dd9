-- The interests list shows the newest first and loads one screen at a time: this index
-- gives that order without sorting every interest.
CREATE INDEX interest_recent ON interest (logged_at DESC);
