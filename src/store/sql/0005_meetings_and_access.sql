-- The fair's meeting plan (tables and time slots) and exhibitors' access codes.

CREATE TABLE meeting_plan (
    id           INTEGER PRIMARY KEY CHECK (id = 1),
    tables       INTEGER NOT NULL CHECK (tables BETWEEN 1 AND 999),
    slot_minutes INTEGER NOT NULL CHECK (slot_minutes BETWEEN 5 AND 240),
    -- JSON: [["09:00", "12:00"], ["14:00", "17:00"]]
    sessions     TEXT NOT NULL CHECK (json_valid(sessions)),
    desk         TEXT NOT NULL,
    updated_at   TEXT NOT NULL
) STRICT;

-- One code per organization, stored only as a salted Argon2 hash (PHC string).
CREATE TABLE access_code (
    organization_id TEXT PRIMARY KEY REFERENCES organization (id),
    hash            TEXT NOT NULL,
    desk            TEXT NOT NULL,
    issued_at       TEXT NOT NULL
) STRICT;

CREATE INDEX meeting_enterprise ON meeting (enterprise_id, slot_start);
CREATE INDEX meeting_holder ON meeting (holder_id, slot_start);

-- Looking records up by title, and finding the highest code, without a table scan
-- (bulk imports and merges do both once per row).
CREATE INDEX achievement_title ON achievement (title);
CREATE INDEX achievement_code_order ON achievement (length(code), code);
CREATE INDEX organization_code_order ON organization (length(code), code);
CREATE INDEX need_code_order ON need (length(code), code);
CREATE INDEX agreement_code_order ON agreement (length(code), code);
