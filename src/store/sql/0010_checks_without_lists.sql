-- CHECK constraints that named their allowed values as a list (`level IN ('咨询', …)`)
-- say the same with OR. SQLite builds a temporary table for an IN list each time a row is
-- written, which made every insert into these tables (and every counter a trigger keeps)
-- about twice as slow as it needs to be. The rows already in the file satisfy both forms,
-- so only the stored table definitions change, the way SQLite documents for changing a
-- CHECK constraint (writable schema; the migration runner then bumps the schema
-- version so that other connections read the new definitions too).
PRAGMA writable_schema = ON;
UPDATE sqlite_schema SET sql =
    replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(sql,
    'CHECK (kind IN (''university'', ''institute'', ''enterprise'', ''other''))',
    'CHECK (kind = ''university'' OR kind = ''institute'' OR kind = ''enterprise'' OR kind = ''other'')'),
    'CHECK (contact_consent IN (0, 1))',
    'CHECK (contact_consent = 0 OR contact_consent = 1)'),
    'CHECK (status IN (''active'', ''withdrawn''))',
    'CHECK (status = ''active'' OR status = ''withdrawn'')'),
    'CHECK (level IN (''咨询'', ''有意向'', ''深度洽谈''))',
    'CHECK (level = ''咨询'' OR level = ''有意向'' OR level = ''深度洽谈'')'),
    'CHECK (status IN (''booked'', ''held'', ''no_show'', ''cancelled''))',
    'CHECK (status = ''booked'' OR status = ''held'' OR status = ''no_show'' OR status = ''cancelled'')'),
    'CHECK (ceremony IN (0, 1))',
    'CHECK (ceremony = 0 OR ceremony = 1)'),
    'CHECK (multi_party IN (0, 1))',
    'CHECK (multi_party = 0 OR multi_party = 1)'),
    'CHECK (status IN (''signed'', ''voided''))',
    'CHECK (status = ''signed'' OR status = ''voided'')'),
    'CHECK (status IN (''open'', ''kept'', ''reversed'', ''superseded''))',
    'CHECK (status = ''open'' OR status = ''kept'' OR status = ''reversed'' OR status = ''superseded'')'),
    'CHECK (dimension IN (''level'', ''field'', ''region''))',
    'CHECK (dimension = ''level'' OR dimension = ''field'' OR dimension = ''region'')'),
    'CHECK (kind IN (''achievement'', ''organization''))',
    'CHECK (kind = ''achievement'' OR kind = ''organization'')')
WHERE type = 'table';
-- RESET turns writing the schema off again and makes this connection read it anew.
PRAGMA writable_schema = RESET;
