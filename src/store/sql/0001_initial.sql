-- fairdesk schema, version 1. Ids are UUIDv7 text made by the desk that wrote the row;
-- codes are short and for people. Times are RFC 3339 UTC text (sortable). Money is fen.

CREATE TABLE fair (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    uid         TEXT NOT NULL,
    name        TEXT NOT NULL CHECK (length(name) > 0),
    venue       TEXT,
    starts_on   TEXT,
    ends_on     TEXT,
    organizer   TEXT,
    timezone    TEXT NOT NULL,
    desk        TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
) STRICT;

CREATE TABLE organization (
    id              TEXT PRIMARY KEY,
    code            TEXT NOT NULL UNIQUE,
    name            TEXT NOT NULL CHECK (length(name) > 0),
    kind            TEXT NOT NULL CHECK (kind IN ('university', 'institute', 'enterprise', 'other')),
    credit_code     TEXT UNIQUE CHECK (credit_code IS NULL OR length(credit_code) = 18),
    region          TEXT,
    industry        TEXT,
    contact_name    TEXT,
    contact_phone   TEXT,
    contact_email   TEXT,
    contact_consent INTEGER NOT NULL DEFAULT 0 CHECK (contact_consent IN (0, 1)),
    consent_at      TEXT,
    note            TEXT,
    status          TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'withdrawn')),
    status_reason   TEXT,
    desk            TEXT NOT NULL,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL
) STRICT;
CREATE INDEX organization_name ON organization (name);

CREATE TABLE achievement (
    id               TEXT PRIMARY KEY,
    code             TEXT NOT NULL UNIQUE,
    title            TEXT NOT NULL CHECK (length(title) > 0),
    holder_id        TEXT NOT NULL REFERENCES organization (id),
    field            TEXT NOT NULL,
    maturity         TEXT,
    trl              INTEGER CHECK (trl IS NULL OR trl BETWEEN 1 AND 9),
    patents          TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(patents)),
    transfer_modes   TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(transfer_modes)),
    asking_price_fen INTEGER CHECK (asking_price_fen IS NULL OR asking_price_fen >= 0),
    summary          TEXT,
    keywords         TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(keywords)),
    booth            TEXT,
    status           TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'withdrawn')),
    status_reason    TEXT,
    desk             TEXT NOT NULL,
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL
) STRICT;
CREATE INDEX achievement_holder ON achievement (holder_id);
CREATE INDEX achievement_field ON achievement (status, field);

CREATE TABLE need (
    id                TEXT PRIMARY KEY,
    code              TEXT NOT NULL UNIQUE,
    organization_id   TEXT NOT NULL REFERENCES organization (id),
    title             TEXT NOT NULL CHECK (length(title) > 0),
    field             TEXT,
    description       TEXT,
    keywords          TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(keywords)),
    budget_fen        INTEGER CHECK (budget_fen IS NULL OR budget_fen >= 0),
    cooperation_modes TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(cooperation_modes)),
    deadline          TEXT,
    status            TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'withdrawn')),
    desk              TEXT NOT NULL,
    created_at        TEXT NOT NULL,
    updated_at        TEXT NOT NULL
) STRICT;
CREATE INDEX need_organization ON need (organization_id);

CREATE TABLE interest (
    id             TEXT PRIMARY KEY,
    enterprise_id  TEXT NOT NULL REFERENCES organization (id),
    achievement_id TEXT NOT NULL REFERENCES achievement (id),
    level          TEXT NOT NULL CHECK (level IN ('咨询', '有意向', '深度洽谈')),
    note           TEXT,
    contact_person TEXT,
    logged_at      TEXT NOT NULL,
    desk           TEXT NOT NULL,
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL,
    UNIQUE (enterprise_id, achievement_id)
) STRICT;
CREATE INDEX interest_achievement ON interest (achievement_id, level);
CREATE INDEX interest_level ON interest (level);

CREATE TABLE meeting (
    id             TEXT PRIMARY KEY,
    enterprise_id  TEXT NOT NULL REFERENCES organization (id),
    achievement_id TEXT NOT NULL REFERENCES achievement (id),
    holder_id      TEXT NOT NULL REFERENCES organization (id),
    table_no       INTEGER NOT NULL CHECK (table_no > 0),
    slot_start     TEXT NOT NULL,
    slot_minutes   INTEGER NOT NULL CHECK (slot_minutes > 0),
    status         TEXT NOT NULL CHECK (status IN ('booked', 'held', 'no_show', 'cancelled')),
    desk           TEXT NOT NULL,
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL
) STRICT;
CREATE INDEX meeting_slot ON meeting (slot_start, table_no);
CREATE INDEX meeting_status ON meeting (status);

CREATE TABLE agreement (
    id                  TEXT PRIMARY KEY,
    code                TEXT NOT NULL UNIQUE,
    buyer_id            TEXT NOT NULL REFERENCES organization (id),
    seller_id           TEXT NOT NULL REFERENCES organization (id),
    contract_type       TEXT NOT NULL,
    transfer_mode       TEXT,
    contract_amount_fen INTEGER NOT NULL CHECK (contract_amount_fen >= 0),
    tech_amount_fen     INTEGER NOT NULL CHECK (tech_amount_fen >= 0 AND tech_amount_fen <= contract_amount_fen),
    signed_at           TEXT NOT NULL,
    ceremony            INTEGER NOT NULL DEFAULT 0 CHECK (ceremony IN (0, 1)),
    multi_party         INTEGER NOT NULL DEFAULT 0 CHECK (multi_party IN (0, 1)),
    note                TEXT,
    status              TEXT NOT NULL DEFAULT 'signed' CHECK (status IN ('signed', 'voided')),
    void_reason         TEXT CHECK (status = 'signed' OR length(void_reason) > 0),
    desk                TEXT NOT NULL,
    created_at          TEXT NOT NULL,
    updated_at          TEXT NOT NULL
) STRICT;
-- Covering indexes for the tallies: grouped column plus the summed amounts.
CREATE INDEX agreement_type_amounts ON agreement (status, contract_type, contract_amount_fen, tech_amount_fen);

CREATE TABLE agreement_achievement (
    agreement_id   TEXT NOT NULL REFERENCES agreement (id),
    achievement_id TEXT NOT NULL REFERENCES achievement (id),
    PRIMARY KEY (agreement_id, achievement_id)
) STRICT;
CREATE INDEX agreement_achievement_by_achievement ON agreement_achievement (achievement_id);

CREATE TABLE checkin (
    id              TEXT PRIMARY KEY,
    organization_id TEXT NOT NULL UNIQUE REFERENCES organization (id),
    person          TEXT,
    badge           TEXT,
    arrived_at      TEXT NOT NULL,
    desk            TEXT NOT NULL,
    created_at      TEXT NOT NULL
) STRICT;

CREATE TABLE audit (
    id        TEXT PRIMARY KEY,
    at        TEXT NOT NULL,
    desk      TEXT NOT NULL,
    entity    TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    action    TEXT NOT NULL,
    changes   TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(changes))
) STRICT;
CREATE INDEX audit_entity ON audit (entity, entity_id, at);

-- Signed agreements and their links are history: they are voided, never deleted.
CREATE TRIGGER agreement_never_deleted BEFORE DELETE ON agreement
BEGIN
    SELECT RAISE(ABORT, 'agreements are voided, never deleted');
END;
CREATE TRIGGER agreement_links_never_deleted BEFORE DELETE ON agreement_achievement
BEGIN
    SELECT RAISE(ABORT, 'agreements are voided, never deleted');
END;
CREATE TRIGGER achievement_never_deleted BEFORE DELETE ON achievement
BEGIN
    SELECT RAISE(ABORT, 'achievements are withdrawn, never deleted');
END;
CREATE TRIGGER audit_append_only BEFORE DELETE ON audit
BEGIN
    SELECT RAISE(ABORT, 'the audit log is append-only');
END;
