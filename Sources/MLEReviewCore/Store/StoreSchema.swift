import Foundation
import GRDB

/// Versioned migrations. Never edit a shipped migration: add the next one.
enum StoreSchema {
    /// Written to `PRAGMA user_version` by the last migration: a store above it was written by
    /// a newer build and is refused.
    static let version = 12

    static var migrator: DatabaseMigrator {
        var m = DatabaseMigrator()
        m.registerMigration("v1-reviews") { db in
            try db.execute(sql: """
            CREATE TABLE reviews (
                id TEXT PRIMARY KEY,
                source_kind TEXT NOT NULL,
                range TEXT,
                base_commit TEXT,
                head_commit TEXT,
                patch_path TEXT,
                diff_sha256 TEXT NOT NULL,
                checklist_source TEXT NOT NULL,
                checklist_sha256 TEXT NOT NULL,
                override_decision TEXT,
                override_justification TEXT,
                created_at REAL NOT NULL,
                updated_at REAL NOT NULL
            );
            CREATE INDEX reviews_by_source ON reviews(source_kind, base_commit, head_commit, diff_sha256);
            CREATE INDEX reviews_by_update ON reviews(updated_at);
            CREATE TABLE reviewers (
                review_id TEXT NOT NULL REFERENCES reviews(id) ON DELETE CASCADE,
                position INTEGER NOT NULL,
                name TEXT NOT NULL,
                email TEXT,
                role TEXT NOT NULL,
                PRIMARY KEY (review_id, name)
            );
            CREATE TABLE item_marks (
                review_id TEXT NOT NULL REFERENCES reviews(id) ON DELETE CASCADE,
                item_id TEXT NOT NULL,
                state TEXT NOT NULL,
                note TEXT,
                set_by TEXT,
                set_at REAL NOT NULL,
                PRIMARY KEY (review_id, item_id)
            );
            CREATE TABLE findings (
                id TEXT PRIMARY KEY,
                review_id TEXT NOT NULL REFERENCES reviews(id) ON DELETE CASCADE,
                position INTEGER NOT NULL,
                severity TEXT NOT NULL,
                title TEXT NOT NULL,
                path TEXT NOT NULL,
                side TEXT NOT NULL,
                line INTEGER,
                end_line INTEGER,
                issue TEXT NOT NULL,
                fix TEXT NOT NULL,
                section_id TEXT,
                item_id TEXT,
                risk TEXT NOT NULL,
                status TEXT NOT NULL,
                author TEXT,
                origin TEXT NOT NULL,
                created_at REAL NOT NULL,
                updated_at REAL NOT NULL
            );
            CREATE INDEX findings_by_review ON findings(review_id, position);
            CREATE TABLE test_runs (
                id TEXT PRIMARY KEY,
                review_id TEXT NOT NULL REFERENCES reviews(id) ON DELETE CASCADE,
                position INTEGER NOT NULL,
                command TEXT NOT NULL,
                outcome TEXT NOT NULL,
                summary TEXT NOT NULL,
                explanation TEXT,
                recorded_by TEXT,
                recorded_at REAL NOT NULL
            );
            CREATE INDEX test_runs_by_review ON test_runs(review_id, position);
            CREATE TABLE viewed_files (
                review_id TEXT NOT NULL REFERENCES reviews(id) ON DELETE CASCADE,
                path TEXT NOT NULL,
                diff_hash TEXT NOT NULL,
                PRIMARY KEY (review_id, path)
            );
            CREATE TABLE diffs (
                sha256 TEXT PRIMARY KEY,
                bytes BLOB NOT NULL
            );
            CREATE TABLE checklists (
                sha256 TEXT PRIMARY KEY,
                source TEXT NOT NULL,
                markdown TEXT NOT NULL
            );
            CREATE TABLE drafts (
                review_id TEXT NOT NULL REFERENCES reviews(id) ON DELETE CASCADE,
                key TEXT NOT NULL,
                body TEXT NOT NULL,
                updated_at REAL NOT NULL,
                PRIMARY KEY (review_id, key)
            );
            """)
        }
        m.registerMigration("v2-hint-dismissals") { db in
            try db.execute(sql: """
            CREATE TABLE hint_dismissals (
                review_id TEXT NOT NULL REFERENCES reviews(id) ON DELETE CASCADE,
                hint_key TEXT NOT NULL,
                dismissed_by TEXT,
                dismissed_at REAL NOT NULL,
                PRIMARY KEY (review_id, hint_key)
            );
            """)
        }
        m.registerMigration("v3-audit") { db in
            try db.execute(sql: """
            ALTER TABLE reviews ADD COLUMN revision_of TEXT;
            ALTER TABLE reviews ADD COLUMN finished_at REAL;
            ALTER TABLE reviews ADD COLUMN finished_by TEXT;
            ALTER TABLE reviews ADD COLUMN decision TEXT;
            ALTER TABLE reviews ADD COLUMN primary_risks TEXT;
            CREATE INDEX reviews_by_revision ON reviews(revision_of);
            ALTER TABLE findings ADD COLUMN outdated INTEGER NOT NULL DEFAULT 0;
            -- The hash chain of finished reviews: seq orders it; the review rows are not cascaded
            -- into it, so deleting a finished review breaks the chain visibly.
            CREATE TABLE records (
                seq INTEGER PRIMARY KEY,
                review_id TEXT NOT NULL UNIQUE,
                document BLOB NOT NULL,
                record_sha256 TEXT NOT NULL,
                previous_sha256 TEXT NOT NULL,
                chain_sha256 TEXT NOT NULL
            );
            ALTER TABLE diffs ADD COLUMN encoding TEXT NOT NULL DEFAULT 'raw';
            ALTER TABLE diffs ADD COLUMN size INTEGER;
            CREATE TABLE diff_files (
                sha256 TEXT NOT NULL,
                path TEXT NOT NULL,
                PRIMARY KEY (sha256, path)
            ) WITHOUT ROWID;
            """)
            // Diffs stored before compression: compress them and list their paths for `log --path`.
            for sha in try String.fetchAll(db, sql: "SELECT sha256 FROM diffs WHERE encoding = 'raw'") {
                guard let raw = try Data.fetchOne(db, sql: "SELECT bytes FROM diffs WHERE sha256 = ?", arguments: [sha]) else { continue }
                let bytes = Array(raw)
                try ReviewStore.storeDiff(db, sha: sha, bytes: bytes, paths: DiffParser.parse(bytes).touchedPaths, replace: true)
            }
        }
        m.registerMigration("v4-imported-records") { db in
            try db.execute(sql: """
            -- Finished reviews that arrived through git from other stores: not part of this store's
            -- chain, but kept with the record and chain fields they came with, and where from.
            CREATE TABLE imported_records (
                review_id TEXT PRIMARY KEY,
                original_id TEXT NOT NULL,
                remote TEXT NOT NULL,
                commit_id TEXT NOT NULL,
                author TEXT,
                signed INTEGER NOT NULL,
                document BLOB NOT NULL,
                record_sha256 TEXT NOT NULL,
                previous_sha256 TEXT NOT NULL,
                chain_sha256 TEXT NOT NULL,
                conflict_of TEXT,
                imported_at REAL NOT NULL
            );
            CREATE INDEX imported_by_original ON imported_records(original_id);
            """)
        }
        m.registerMigration("v5-pairing") { db in
            try db.execute(sql: """
            -- Bumped by every change to a review: another process polls it to know when to reload.
            ALTER TABLE reviews ADD COLUMN version INTEGER NOT NULL DEFAULT 0;
            -- Who changed what and when: authorship for pairs, and each item's history.
            CREATE TABLE activity (
                id INTEGER PRIMARY KEY,
                review_id TEXT NOT NULL REFERENCES reviews(id) ON DELETE CASCADE,
                at REAL NOT NULL,
                who TEXT,
                kind TEXT NOT NULL,
                subject TEXT,
                detail TEXT
            );
            CREATE INDEX activity_by_subject ON activity(review_id, subject);
            -- Who has a review open, where their cursor is; rows older than a few seconds are gone.
            CREATE TABLE presence (
                session TEXT PRIMARY KEY,
                review_id TEXT NOT NULL,
                name TEXT NOT NULL,
                role TEXT NOT NULL,
                pid INTEGER NOT NULL,
                path TEXT,
                line INTEGER,
                seen_at REAL NOT NULL
            );
            CREATE INDEX presence_by_review ON presence(review_id);
            """)
        }
        m.registerMigration("v6-trust") { db in
            try db.execute(sql: """
            -- The computed decision an override was made over: it lapses when the rules get stricter.
            ALTER TABLE reviews ADD COLUMN override_computed TEXT;
            -- The branch names a range review was opened on (HEAD resolved to its branch), so
            -- staleness follows the branch, not whatever is checked out later.
            ALTER TABLE reviews ADD COLUMN base_ref TEXT;
            ALTER TABLE reviews ADD COLUMN head_ref TEXT;
            -- A risk category worked out from a finding's words rather than given: shown as a guess.
            ALTER TABLE findings ADD COLUMN risk_guessed INTEGER NOT NULL DEFAULT 0;
            PRAGMA user_version = 6;
            """)
        }
        m.registerMigration("v7-checks-run") { db in
            try db.execute(sql: """
            -- Checks mle-review ran itself: where, on which commit, how they ended, how long.
            ALTER TABLE test_runs ADD COLUMN ran_folder TEXT;
            ALTER TABLE test_runs ADD COLUMN ran_commit TEXT;
            ALTER TABLE test_runs ADD COLUMN ran_exit INTEGER;
            ALTER TABLE test_runs ADD COLUMN ran_ms INTEGER;
            ALTER TABLE test_runs ADD COLUMN ran_check TEXT;
            -- Their whole output, compressed: viewable later, not part of the record's hash.
            CREATE TABLE run_outputs (
                test_run_id TEXT PRIMARY KEY,
                encoding TEXT NOT NULL,
                size INTEGER NOT NULL,
                bytes BLOB NOT NULL
            );
            -- What the log shows of a finished review, as its record has it, so the log can check
            -- thousands of reviews without reading each record's JSON (NULL before v7: it does).
            ALTER TABLE records ADD COLUMN summary TEXT;
            PRAGMA user_version = 7;
            """)
        }
        m.registerMigration("v8-dismissal-reasons") { db in
            try db.execute(sql: """
            -- Why a finding or a hint was dismissed (wrong, duplicate, minor), when the reviewer
            -- said: NULL before v8 and when no reason was given.
            ALTER TABLE findings ADD COLUMN dismissal TEXT;
            ALTER TABLE hint_dismissals ADD COLUMN reason TEXT;
            PRAGMA user_version = 8;
            """)
        }
        m.registerMigration("v9-override-covers") { db in
            try db.execute(sql: """
            -- The verdict's reasons an override was made over, a line each: a reason that comes
            -- later is not covered by its justification. NULL before v9 and with no override.
            ALTER TABLE reviews ADD COLUMN override_covers TEXT;
            PRAGMA user_version = 9;
            """)
        }
        m.registerMigration("v10-undone-steps") { db in
            try db.execute(sql: """
            -- How many required steps a review was finished without (NULL: none, or finished
            -- before v10): the log marks such a decision.
            ALTER TABLE reviews ADD COLUMN undone_steps INTEGER;
            PRAGMA user_version = 10;
            """)
        }
        m.registerMigration("v11-patch-file") { db in
            try db.execute(sql: """
            -- Which file a patch review was made on (its absolute path; NULL before v11): two
            -- `pr.diff` in two folders are two changes, not one carried forward.
            ALTER TABLE reviews ADD COLUMN patch_file TEXT;
            PRAGMA user_version = 11;
            """)
        }
        m.registerMigration("v12-pull-request-comment") { db in
            try db.execute(sql: """
            -- The pull request comment a finding was imported from (its address; NULL for any
            -- other finding): a GitHub export links it rather than posting it again.
            ALTER TABLE findings ADD COLUMN pr_comment TEXT;
            PRAGMA user_version = 12;
            """)
        }
        return m
    }
}
