#!/usr/bin/env python3
"""What the file format costs a merge's writes.

Runs the merge bench's reference (the desks' writes alone by plain SQL: the statements
and pragmas of `writes_alone` in benches/merge_scale.rs) on the bench's own files and on
copies of them changed in one way each, alternating, into a fresh copy of the main file
each time. Prints each run's seconds (writes, commit and checkpoint) and the log frames
the checkpoint wrote. The variants:

- the `interest` indexes: the main file as it is, then without `interest_level` and
  `interest_recent`, then with `interest_export` narrowed to `(logged_at)`, then also
  without `interest_achievement`;
- integer references: every file's `interest` refers to its enterprise and achievement
  by their rowids instead of their 36-character ids, the same indexes on those columns
  (the desks' rows are mapped to this file's rowids through the ids while copied). The
  triggers that keep the interest counters are dropped in this pair, in every file, as
  they would have to be rewritten for the new columns.

The files come from `FAIRDESK_BENCH_DIR=DIR cargo bench --bench merge_scale`.
Usage: scripts/merge_reference_cost.py DIR [ROUNDS]   (Python's own sqlite3 module)
"""
import os
import shutil
import sqlite3
import sys
import time

NARROWER = "DROP INDEX interest_level; DROP INDEX interest_recent;"
TIME_ONLY = NARROWER + (" DROP INDEX interest_export;"
                        " CREATE INDEX interest_time ON interest (logged_at);")
INDEX_VARIANTS = [
    ("as it is", ""),
    ("without interest_level and interest_recent", NARROWER),
    ("and interest_export narrowed to (logged_at)", TIME_ONLY),
    ("and without interest_achievement", TIME_ONLY + " DROP INDEX interest_achievement;"),
]
NO_TRIGGERS = " ".join(f"DROP TRIGGER IF EXISTS {t};" for t in (
    "interest_counted", "interest_recounted", "interest_uncounted", "achievement_interest_moved",
    "achievement_interest_left", "achievement_interest_arrived", "organization_interest_moved",
    "organization_interest_left", "organization_interest_arrived"))
# The same table and indexes with the two references as rowids.
INTEGER_REFERENCES = NO_TRIGGERS + """
    CREATE TABLE interest_by_rowid (
        id TEXT PRIMARY KEY, enterprise_id INTEGER NOT NULL, achievement_id INTEGER NOT NULL,
        level TEXT NOT NULL, note TEXT, contact_person TEXT, logged_at TEXT NOT NULL,
        desk TEXT NOT NULL, created_at TEXT NOT NULL, updated_at TEXT NOT NULL,
        UNIQUE (enterprise_id, achievement_id)) STRICT;
    INSERT INTO interest_by_rowid (rowid, id, enterprise_id, achievement_id, level, note,
                                   contact_person, logged_at, desk, created_at, updated_at)
        SELECT i.rowid, i.id, o.rowid, a.rowid, i.level, i.note, i.contact_person, i.logged_at,
               i.desk, i.created_at, i.updated_at
        FROM interest i JOIN organization o ON o.id = i.enterprise_id
                        JOIN achievement a ON a.id = i.achievement_id ORDER BY i.rowid;
    PRAGMA foreign_keys = OFF;
    DROP TABLE interest;
    ALTER TABLE interest_by_rowid RENAME TO interest;
    CREATE INDEX interest_achievement ON interest (achievement_id, level);
    CREATE INDEX interest_export ON interest
        (logged_at, enterprise_id, achievement_id, level, desk, id, note, contact_person);
    CREATE INDEX interest_level ON interest (level);
    CREATE INDEX interest_recent ON interest (logged_at DESC);"""


def remove(path):
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(path + suffix):
            os.remove(path + suffix)


def columns(conn, table):
    return [r[0] for r in conn.execute(f"SELECT name FROM pragma_table_info('{table}')")]


def statements(conn, desks, by_rowid):
    """The reference's SQL; with `by_rowid`, the interests' references mapped on the way."""
    sql = "BEGIN IMMEDIATE; DROP TRIGGER IF EXISTS interest_counted;"
    kept = ("id", "enterprise_id", "achievement_id", "created_at")
    for i in range(len(desks)):
        def staged(table, i=i):
            return f"SELECT entity_id FROM temp.new_audit_{i} WHERE entity = '{table}'"
        sql += f"""CREATE TEMP TABLE new_audit_{i} AS SELECT * FROM d{i}.audit
                     WHERE rowid IN (SELECT a.rowid FROM d{i}.audit a
                                     WHERE NOT EXISTS (SELECT 1 FROM main.audit m WHERE m.id = a.id));
                   INSERT INTO main.audit SELECT * FROM temp.new_audit_{i} ORDER BY rowid;"""
        for table in ("organization", "interest"):
            cols = columns(conn, table)
            assign = ", ".join(f'"{c}" = x."{c}"' for c in cols if c not in kept)
            if by_rowid and table == "interest":
                listed = ", ".join(cols)
                chosen = ", ".join(
                    "mo.rowid" if c == "enterprise_id" else "ma.rowid" if c == "achievement_id"
                    else f"x.{c}" for c in cols)
                sql += f"""INSERT OR IGNORE INTO main.interest ({listed}) SELECT {chosen}
                             FROM d{i}.interest x
                             JOIN d{i}.organization o ON o.rowid = x.enterprise_id
                             JOIN main.organization mo ON mo.id = o.id
                             JOIN d{i}.achievement a ON a.rowid = x.achievement_id
                             JOIN main.achievement ma ON ma.id = a.id
                             WHERE x.id IN ({staged(table)}) ORDER BY x.id;"""
            else:
                sql += f"""INSERT OR IGNORE INTO main.{table} SELECT * FROM d{i}.{table}
                             WHERE id IN ({staged(table)}) ORDER BY id;"""
            sql += f"""UPDATE main.{table} SET {assign} FROM d{i}.{table} x
                         WHERE x.id = main.{table}.id AND x.updated_at > main.{table}.updated_at
                           AND x.id IN ({staged(table)});"""
    return sql + "COMMIT;"


def writes_alone(target, desks, by_rowid):
    """Returns (seconds, log frames checkpointed)."""
    conn = sqlite3.connect(target, isolation_level=None)
    for pragma in ("journal_mode = WAL", "synchronous = FULL", "foreign_keys = OFF" if by_rowid
                   else "foreign_keys = ON", "temp_store = MEMORY", "wal_autocheckpoint = 0",
                   "cache_size = -131072"):
        conn.execute("PRAGMA " + pragma)
    for i, desk in enumerate(desks):
        conn.execute(f"ATTACH DATABASE ? AS d{i}", (desk,))
    sql = statements(conn, desks, by_rowid)
    started = time.perf_counter()
    conn.executescript(sql)
    frames = conn.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()[1]
    seconds = time.perf_counter() - started
    conn.close()
    return seconds, frames


def variant(source, path, change):
    if not os.path.exists(path):
        shutil.copy(source, path)
        conn = sqlite3.connect(path, isolation_level=None)
        conn.executescript(change)
        conn.close()
    return path


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    folder = sys.argv[1]
    rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    work = os.path.join(folder, "reference-cost")
    source = {f: os.path.join(folder, f) for f in ("main.db", "desk-a.db", "desk-b.db")}
    missing = [p for p in source.values() if not os.path.isfile(p)]
    if missing:
        sys.exit(f"not found: {', '.join(missing)}; make them with "
                 f"FAIRDESK_BENCH_DIR={folder} cargo bench --bench merge_scale")
    desks = [source["desk-a.db"], source["desk-b.db"]]
    os.makedirs(work, exist_ok=True)
    runs = [(name, variant(source["main.db"], os.path.join(work, f"index-{n}.db"), change),
             desks, False) for n, (name, change) in enumerate(INDEX_VARIANTS)]
    plain = {f: variant(p, os.path.join(work, f"untriggered-{f}"), NO_TRIGGERS)
             for f, p in source.items()}
    by_rowid = {f: variant(p, os.path.join(work, f"by-rowid-{f}"), INTEGER_REFERENCES)
                for f, p in source.items()}
    runs.append(("as it is, without the interest triggers", plain["main.db"],
                 [plain["desk-a.db"], plain["desk-b.db"]], False))
    runs.append(("integer references, without the triggers", by_rowid["main.db"],
                 [by_rowid["desk-a.db"], by_rowid["desk-b.db"]], True))
    target = os.path.join(work, "target.db")
    for r in range(rounds):
        for name, path, desk_files, mapped in runs:
            remove(target)
            shutil.copy(path, target)
            os.sync()
            time.sleep(2)
            seconds, frames = writes_alone(target, desk_files, mapped)
            print(f"round {r + 1}  {name:45}  {seconds:5.2f} s  {frames:6} frames", flush=True)
    remove(target)


if __name__ == "__main__":
    main()
