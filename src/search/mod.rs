//! The in-memory search behind `/`: keys precomputed once per record (lower-cased
//! text, full pinyin and pinyin initials), fuzzy matched and ranked best first.
//!
//! The matcher is nucleo-matcher (the helix editor's) with pre-lowered text, exact case
//! and no Unicode normalisation; a query that extends the previous one only re-checks the
//! previous hits. Match positions are char indices into the original text and are
//! computed only for the rows on screen.
//!
//! `pack` holds one kind's texts with their syllables made once, in one byte string the
//! file keeps, for the one-shot `fairdesk search`.
pub mod index;
pub mod key;
pub mod pack;

pub use index::{Hit, OnceSearch, SearchIndex};
pub use key::Keys;
