//! Backups while the TUI runs: one every `every` (10 minutes unless configured) in a
//! background thread with its own read-only connection, so drawing never waits for a
//! copy; and one on exit.
use crate::store::backup::{self, BackupError};
use chrono::{DateTime, Utc};
use std::path::{Path, PathBuf};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

pub const DEFAULT_EVERY: Duration = Duration::from_secs(10 * 60);

/// A backup that finished, well or not.
#[derive(Debug)]
pub enum BackupEvent {
    Saved { path: PathBuf, at: DateTime<Utc> },
    Failed(BackupError),
}

pub struct AutoBackup {
    db: PathBuf,
    every: Option<Duration>,
    last_started: Instant,
    worker: Option<JoinHandle<BackupEvent>>,
}

impl AutoBackup {
    /// `every` of `None` turns backups off (so does an in-memory fair).
    pub fn new(db: &Path, every: Option<Duration>) -> AutoBackup {
        let every = every.filter(|_| db != Path::new(":memory:"));
        AutoBackup {
            db: db.to_path_buf(),
            every,
            last_started: Instant::now(),
            worker: None,
        }
    }

    pub fn enabled(&self) -> bool {
        self.every.is_some()
    }

    /// Starts a backup when one is due; reports one that has finished.
    pub fn poll(&mut self, now: Instant) -> Option<BackupEvent> {
        let finished = match &self.worker {
            Some(w) if w.is_finished() => self.worker.take().map(join),
            _ => None,
        };
        if let Some(every) = self.every
            && self.worker.is_none()
            && now.duration_since(self.last_started) >= every
        {
            self.last_started = now;
            let db = self.db.clone();
            self.worker = Some(std::thread::spawn(move || take(&db)));
        }
        finished
    }

    /// On exit: waits for a running backup, then takes the last one.
    pub fn finish(mut self) -> Option<BackupEvent> {
        self.every?;
        if let Some(w) = self.worker.take() {
            let _ = join(w);
        }
        Some(take(&self.db))
    }
}

fn take(db: &Path) -> BackupEvent {
    let at = Utc::now();
    match backup::backup_into_folder(db, at) {
        Ok(path) => BackupEvent::Saved { path, at },
        Err(e) => BackupEvent::Failed(e),
    }
}

fn join(worker: JoinHandle<BackupEvent>) -> BackupEvent {
    worker.join().unwrap_or_else(|_| {
        BackupEvent::Failed(BackupError::Io {
            path: PathBuf::new(),
            source: std::io::Error::other("the backup thread stopped"),
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_due_backup_runs_in_the_background_and_another_on_exit() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("fair.db");
        crate::store::Store::open(&db, "d").unwrap();
        let mut auto = AutoBackup::new(&db, Some(Duration::from_millis(1)));
        let start = Instant::now();
        assert!(auto.poll(start).is_none(), "nothing finished yet");
        let later = start + Duration::from_millis(5);
        assert!(auto.poll(later).is_none(), "started, not finished");
        let mut event = None;
        for _ in 0..200 {
            std::thread::sleep(Duration::from_millis(10));
            if let Some(e) = auto.poll(later) {
                event = Some(e);
                break;
            }
        }
        assert!(
            matches!(event, Some(BackupEvent::Saved { .. })),
            "{event:?}"
        );
        assert!(matches!(auto.finish(), Some(BackupEvent::Saved { .. })));
        assert_eq!(backup::list_backups(&db).len(), 2);
        assert!(AutoBackup::new(&db, None).finish().is_none());
    }
}
