//! Matchmaking: needs ↔ achievements. Pure (no I/O): features are computed once per record
//! and indexed; each score component is a small function; rankings come with their reasons
//! as data, rendered to Chinese or English.
//!
//! - [`text`]: normalization, character bigrams, English words, pinyin keys, common phrases.
//! - [`features`]: what matching knows about one achievement or need.
//! - [`index`]: all achievements, indexed (TF-IDF postings, keyword tables).
//! - [`keywords`]: shared keywords, for one pair or for all achievements at once.
//! - [`components`]: field, maturity, cooperation mode, price, and the score curves.
//! - [`peers`]: what enterprises like a need's enterprise were interested in.
//! - [`rank`]: achievements for a need.
//! - [`enterprises`]: enterprises for an achievement.
//! - [`reasons`]: why, as data and as plain words.
pub mod components;
pub mod enterprises;
pub mod features;
pub mod index;
pub mod keywords;
pub mod peers;
pub mod rank;
pub mod reasons;
pub mod text;
