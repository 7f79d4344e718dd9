//! Time and ids come from here, so tests and renders can be deterministic.
use chrono::{DateTime, Utc};
use std::sync::atomic::{AtomicI64, Ordering};

pub trait Clock: Send + Sync {
    fn now(&self) -> DateTime<Utc>;
}

/// The wall clock.
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> DateTime<Utc> {
        Utc::now()
    }
}

/// A clock that starts at a fixed moment and ticks one second per reading.
pub struct FixedClock {
    seconds: AtomicI64,
}

impl FixedClock {
    pub fn at(start: DateTime<Utc>) -> FixedClock {
        FixedClock {
            seconds: AtomicI64::new(start.timestamp()),
        }
    }
}

impl Clock for FixedClock {
    fn now(&self) -> DateTime<Utc> {
        let s = self.seconds.fetch_add(1, Ordering::SeqCst);
        DateTime::from_timestamp(s, 0).unwrap_or_default()
    }
}

/// A new merge-safe id (UUIDv7: time-ordered, unique across desks).
pub fn new_id() -> String {
    uuid::Uuid::now_v7().to_string()
}
