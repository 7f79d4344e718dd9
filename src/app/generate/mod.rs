//! `fairdesk gen`: a large, realistic fair made from a seed, for benchmarks, tests and
//! rehearsals. The same seed gives the same organizations, achievements, interests and
//! agreements (ids, codes, names, amounts, times); only audit row ids differ.
//!
//! Every record is validated by its domain `XxxInput::validate` (against an in-memory
//! lookup of what was generated so far) and written by the store's `insert_tx` helpers,
//! all in one transaction.
mod people;
pub mod rng;
pub(crate) mod words;

use crate::domain::achievement::AchievementInput;
use crate::domain::agreement::AgreementInput;
use crate::domain::clock::FixedClock;
use crate::domain::error::{FieldErrors, Problem};
use crate::domain::fair::FairInput;
use crate::domain::interest::InterestInput;
use crate::domain::lang::Lang;
use crate::domain::lookup::{AchievementRef, Lookup, OrgRef};
use crate::domain::vocab::{CONTRACT_TYPES, MATURITY, TECH_FIELDS, TRANSFER_MODES};
use crate::store::{Store, StoreError, WriteContext, bulk};
use chrono::{TimeZone, Utc};
use rng::SeededRng;
use rusqlite::Transaction;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// How big a fair to make.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GenSpec {
    pub organizations: usize,
    pub achievements: usize,
    pub interests: usize,
    pub agreements: usize,
    pub seed: u64,
}

/// What is being generated, for a progress display.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GenStage {
    Organizations,
    Achievements,
    Interests,
    Agreements,
}

impl GenStage {
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            GenStage::Organizations => lang.pick("单位", "organizations"),
            GenStage::Achievements => lang.pick("成果", "achievements"),
            GenStage::Interests => lang.pick("意向", "interests"),
            GenStage::Agreements => lang.pick("签约", "agreements"),
        }
    }
}

/// Progress: (stage, done, total of that stage).
pub type GenProgress<'a> = &'a mut dyn FnMut(GenStage, usize, usize);

/// How many records were written (interests and agreements may be fewer than asked
/// when the fair is too small to hold that many distinct pairs).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct GenCounts {
    pub organizations: usize,
    pub achievements: usize,
    pub interests: usize,
    pub agreements: usize,
}

#[derive(Debug)]
pub enum GenError {
    Exists(PathBuf),
    Io(PathBuf, std::io::Error),
    TooSmall,
    Store(StoreError),
}

impl From<StoreError> for GenError {
    fn from(e: StoreError) -> Self {
        GenError::Store(e)
    }
}

impl GenError {
    pub fn is_bad_input(&self) -> bool {
        matches!(self, GenError::Exists(_) | GenError::TooSmall)
    }

    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (GenError::Exists(p), Lang::Zh) => {
                format!("{} 已存在，未作修改；请换一个文件名", p.display())
            }
            (GenError::Exists(p), Lang::En) => format!(
                "{} already exists and was left alone; choose another file name",
                p.display()
            ),
            (GenError::Io(p, e), Lang::Zh) => format!("无法写入 {}：{e}", p.display()),
            (GenError::Io(p, e), Lang::En) => format!("cannot write {}: {e}", p.display()),
            (GenError::TooSmall, lang) => lang
                .pick(
                    "至少需要 2 家单位才能生成成果、意向或签约",
                    "at least 2 organizations are needed for achievements, interests or agreements",
                )
                .to_string(),
            (GenError::Store(e), lang) => e.message(lang),
        }
    }
}

/// The moment generated fairs start (2019-12-10 08:00 in Shanghai).
pub fn fair_start() -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2019, 12, 10, 0, 0, 0)
        .single()
        .unwrap_or_default()
}

/// Generates a fair into a new file at `path`, under a temporary name renamed into place
/// when complete; an existing file is refused.
pub fn build_file(
    path: &Path,
    desk: &str,
    spec: &GenSpec,
    progress: GenProgress,
) -> Result<GenCounts, GenError> {
    if path.exists() {
        return Err(GenError::Exists(path.to_path_buf()));
    }
    check_spec(spec)?;
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let file_name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_else(|| "fair.db".into());
    let temp = dir.join(format!(".{file_name}.generating-{}", std::process::id()));
    let result = (|| {
        let clock = Arc::new(FixedClock::at(fair_start()));
        let mut store = Store::open_with_clock(&temp, desk, clock)?;
        // The temporary file is deleted on any failure, so it needs neither the WAL nor
        // syncs while it fills (pages go to the file once instead of to the WAL and
        // then again at the checkpoint), nor foreign-key checks of references the
        // generator takes from what it wrote.
        store.set_scratch_file(true)?;
        let counts = fill(&mut store, spec, progress)?;
        store.set_scratch_file(false)?;
        // Closing checkpoints the WAL into the main file, so the rename moves all of it.
        drop(store);
        Ok::<GenCounts, GenError>(counts)
    })();
    let cleanup = || {
        for suffix in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", temp.display()));
        }
    };
    match result {
        Ok(counts) => {
            if path.exists() {
                cleanup();
                return Err(GenError::Exists(path.to_path_buf()));
            }
            std::fs::rename(&temp, path).map_err(|e| {
                cleanup();
                GenError::Io(path.to_path_buf(), e)
            })?;
            Ok(counts)
        }
        Err(e) => {
            cleanup();
            Err(e)
        }
    }
}

fn check_spec(spec: &GenSpec) -> Result<(), GenError> {
    let needs_two = spec.achievements > 0 || spec.interests > 0 || spec.agreements > 0;
    if needs_two && spec.organizations < 2 {
        return Err(GenError::TooSmall);
    }
    Ok(())
}

/// Fills `store` (creating its fair when it has none) with a generated fair, in one
/// transaction.
pub fn fill(
    store: &mut Store,
    spec: &GenSpec,
    progress: GenProgress,
) -> Result<GenCounts, GenError> {
    check_spec(spec)?;
    // A file without a fair holds no records yet: its rows go in with the counting
    // trigger and the secondary indexes of the big tables set aside (`store::bulk`).
    let fresh = store.fair()?.is_none();
    if fresh {
        store.create_fair(&FairInput {
            name: format!("科技成果转化对接会（生成数据，种子 {}）", spec.seed),
            venue: "内蒙古呼和浩特市".into(),
            starts_on: "2019-12-10".into(),
            ends_on: "2019-12-11".into(),
            organizer: "内蒙古自治区科学技术厅".into(),
            timezone: String::new(),
        })?;
    }
    let zone = store.require_fair()?.zone();
    let mut generator = Generator::new(spec.seed);
    let counts = store.with_bulk_cache(128, |store| {
        store.write(|tx, ctx| {
            let mut generate = || generator.everything(tx, ctx, spec, zone, progress);
            if fresh {
                // The counters are recounted once at the end, after the indexes the
                // recount reads through are back.
                bulk::uncounted_interests_tx(tx, || {
                    bulk::without_indexes_tx(tx, BULK_TABLES, generate)
                })
            } else {
                generate()
            }
        })
    })?;
    Ok(counts)
}

/// The tables whose secondary indexes are built after the rows are in, rather than
/// entry by entry.
const BULK_TABLES: &[&str] = &["achievement", "interest", "audit"];

/// How often progress is reported, in records.
const PROGRESS_STEP: usize = 1000;

/// What has been generated so far: enough to resolve references while validating.
struct Generator {
    rng: SeededRng,
    id_counter: u64,
    orgs: Vec<OrgRef>,
    org_index: HashMap<String, usize>,
    /// Indexes into `orgs` of those that hold achievements, and of enterprises (buyers).
    holders: Vec<usize>,
    enterprises: Vec<usize>,
    achievements: Vec<AchievementRef>,
    achievement_index: HashMap<String, usize>,
    holder_of: Vec<usize>,
    names: HashSet<String>,
    /// (holder index, title) of every achievement so far.
    titles: HashSet<(usize, String)>,
}

impl Lookup for Generator {
    fn organization(&self, reference: &str) -> Result<OrgRef, Problem> {
        self.org_index
            .get(reference)
            .map(|&i| self.orgs[i].clone())
            .ok_or(Problem::NotFound {
                reference: reference.to_string(),
            })
    }

    fn achievement(&self, reference: &str) -> Result<AchievementRef, Problem> {
        self.achievement_index
            .get(reference)
            .map(|&i| self.achievements[i].clone())
            .ok_or(Problem::NotFound {
                reference: reference.to_string(),
            })
    }
}

fn invalid(errors: FieldErrors) -> StoreError {
    StoreError::Invalid(errors)
}

fn code(prefix: &str, number: usize, total: usize, min_width: usize) -> String {
    let width = total.to_string().len().max(min_width);
    format!("{prefix}{number:0width$}")
}

impl Generator {
    fn new(seed: u64) -> Generator {
        Generator {
            rng: SeededRng::new(seed),
            id_counter: 0,
            orgs: Vec::new(),
            org_index: HashMap::new(),
            holders: Vec::new(),
            enterprises: Vec::new(),
            achievements: Vec::new(),
            achievement_index: HashMap::new(),
            holder_of: Vec::new(),
            names: HashSet::new(),
            titles: HashSet::new(),
        }
    }

    fn everything(
        &mut self,
        tx: &Transaction,
        ctx: &WriteContext,
        spec: &GenSpec,
        zone: chrono_tz::Tz,
        progress: GenProgress,
    ) -> Result<GenCounts, StoreError> {
        Ok(GenCounts {
            organizations: self.organizations(tx, ctx, spec.organizations, progress)?,
            achievements: self.achievements(tx, ctx, spec.achievements, progress)?,
            interests: self.interests(tx, ctx, spec.interests, zone, progress)?,
            agreements: self.agreements(tx, ctx, spec.agreements, zone, progress)?,
        })
    }

    /// A UUIDv7-shaped id whose time part counts up from the fair's start and whose
    /// random part comes from the seed.
    fn next_id(&mut self) -> String {
        self.id_counter += 1;
        let millis = fair_start().timestamp_millis() as u128 + u128::from(self.id_counter);
        let random = u128::from(self.rng.next_u64()) << 64 | u128::from(self.rng.next_u64());
        let value = (millis << 80)
            | (0x7 << 76)
            | (random & (0xFFF << 64))
            | (0b10 << 62)
            | (random & 0x3FFF_FFFF_FFFF_FFFF);
        uuid::Uuid::from_u128(value).to_string()
    }

    fn organizations(
        &mut self,
        tx: &Transaction,
        ctx: &WriteContext,
        count: usize,
        progress: GenProgress,
    ) -> Result<usize, StoreError> {
        let universities = words::UNIVERSITIES.len().min(count / 10);
        let institutes = words::INSTITUTES.len().min(count / 10);
        for i in 0..count {
            let kind = if i < universities {
                "university"
            } else if i < universities + institutes {
                "institute"
            } else {
                "enterprise"
            };
            let mut input = people::organization(&mut self.rng, kind, i, &mut self.names);
            input.id = self.next_id();
            input.code = code("O", i + 1, count, 3);
            let draft = input.validate().map_err(invalid)?;
            let id = crate::store::organizations::insert_tx(tx, ctx, &input, &draft)?;
            let index = self.orgs.len();
            self.org_index.insert(id.clone(), index);
            self.orgs.push(OrgRef {
                id,
                name: draft.name,
                kind: draft.kind,
            });
            // Universities, institutes and about a third of enterprises show results;
            // every enterprise may buy.
            if kind != "enterprise" || self.rng.percent(30) {
                self.holders.push(index);
            }
            if kind == "enterprise" {
                self.enterprises.push(index);
            }
            if (i + 1).is_multiple_of(PROGRESS_STEP) || i + 1 == count {
                progress(GenStage::Organizations, i + 1, count);
            }
        }
        if self.holders.is_empty() && !self.orgs.is_empty() {
            self.holders.push(0);
        }
        if self.enterprises.len() < 2 {
            // Tiny fairs: let every organization buy, so interests and agreements exist.
            self.enterprises = (0..self.orgs.len()).collect();
        }
        Ok(count)
    }

    fn achievements(
        &mut self,
        tx: &Transaction,
        ctx: &WriteContext,
        count: usize,
        progress: GenProgress,
    ) -> Result<usize, StoreError> {
        for i in 0..count {
            let holder = self.holders[self.rng.below(self.holders.len())];
            let mut input = achievement_input(&mut self.rng, i);
            // One holder never shows two results of the same title: draw again, then
            // number the phase.
            let mut tries = 0;
            while self.titles.contains(&(holder, input.title.clone())) {
                tries += 1;
                if tries < 4 {
                    input = achievement_input(&mut self.rng, i);
                } else {
                    input.title = format!("{}（{}期）", input.title, tries - 2);
                }
            }
            self.titles.insert((holder, input.title.clone()));
            input.id = self.next_id();
            input.code = code("A", i + 1, count, 3);
            input.holder = self.orgs[holder].id.clone();
            let draft = input.validate(&*self).map_err(invalid)?;
            let id = crate::store::achievements::insert_tx(tx, ctx, &input, &draft)?;
            self.achievement_index
                .insert(id.clone(), self.achievements.len());
            self.achievements.push(AchievementRef {
                id,
                code: input.code,
                title: draft.title,
                holder_id: draft.holder_id,
            });
            self.holder_of.push(holder);
            if (i + 1).is_multiple_of(PROGRESS_STEP) || i + 1 == count {
                progress(GenStage::Achievements, i + 1, count);
            }
        }
        Ok(count)
    }

    /// A random (enterprise, achievement) pair where the enterprise is not the holder.
    fn pair(&mut self) -> Option<(usize, usize)> {
        if self.achievements.is_empty() || self.enterprises.is_empty() {
            return None;
        }
        for _ in 0..8 {
            let enterprise = self.enterprises[self.rng.below(self.enterprises.len())];
            let achievement = self.rng.below(self.achievements.len());
            if self.holder_of[achievement] != enterprise {
                return Some((enterprise, achievement));
            }
        }
        None
    }

    fn interests(
        &mut self,
        tx: &Transaction,
        ctx: &WriteContext,
        wanted: usize,
        zone: chrono_tz::Tz,
        progress: GenProgress,
    ) -> Result<usize, StoreError> {
        let possible = self
            .enterprises
            .len()
            .saturating_mul(self.achievements.len());
        let target = wanted.min(possible / 2);
        let mut seen: HashSet<(usize, usize)> = HashSet::with_capacity(target);
        let mut misses = 0;
        while seen.len() < target && misses < 10 * target + 100 {
            let Some(pair) = self.pair() else { break };
            if !seen.insert(pair) {
                misses += 1;
                continue;
            }
            let (enterprise, achievement) = pair;
            let input = InterestInput {
                id: self.next_id(),
                enterprise: self.orgs[enterprise].id.clone(),
                achievement: self.achievements[achievement].id.clone(),
                level: ["咨询", "咨询", "咨询", "有意向", "有意向", "深度洽谈"][self.rng.below(6)]
                    .into(),
                note: if self.rng.percent(20) {
                    self.rng.pick(words::NOTES).to_string()
                } else {
                    String::new()
                },
                contact_person: if self.rng.percent(30) {
                    people::person_name(&mut self.rng)
                } else {
                    String::new()
                },
                logged_at: fair_moment(&mut self.rng),
                desk: self.rng.pick(words::DESKS).to_string(),
            };
            let draft = input.validate(&*self, zone).map_err(invalid)?;
            crate::store::interests::insert_new_tx(tx, ctx, &input.id, &draft)?;
            if seen.len().is_multiple_of(PROGRESS_STEP) || seen.len() == target {
                progress(GenStage::Interests, seen.len(), target);
            }
        }
        Ok(seen.len())
    }

    fn agreements(
        &mut self,
        tx: &Transaction,
        ctx: &WriteContext,
        wanted: usize,
        zone: chrono_tz::Tz,
        progress: GenProgress,
    ) -> Result<usize, StoreError> {
        let mut written: usize = 0;
        for i in 0..wanted {
            let Some((buyer, achievement)) = self.pair() else {
                break;
            };
            // Contract amounts from 20万 to 5000万 yuan, most of them small.
            let wan = match self.rng.below(10) {
                0..=5 => self.rng.between(20, 300),
                6..=8 => self.rng.between(300, 1500),
                _ => self.rng.between(1500, 5000),
            };
            let contract_fen = wan * 1_000_000;
            let tech_fen = contract_fen / 100 * self.rng.between(60, 100);
            let input = AgreementInput {
                id: self.next_id(),
                code: code("S", i + 1, wanted, 2),
                buyer: self.orgs[buyer].id.clone(),
                achievements: self.achievements[achievement].id.clone(),
                contract_type: self.rng.pick(CONTRACT_TYPES.terms).zh.to_string(),
                transfer_mode: if self.rng.percent(50) {
                    self.rng.pick(TRANSFER_MODES.terms).zh.to_string()
                } else {
                    String::new()
                },
                contract_amount: crate::domain::money::Money::from_fen(contract_fen).format_plain(),
                tech_amount: crate::domain::money::Money::from_fen(tech_fen).format_plain(),
                signed_at: fair_moment(&mut self.rng),
                ceremony: self.rng.percent(40).to_string(),
                ..AgreementInput::default()
            };
            let draft = input.validate(&*self, zone).map_err(invalid)?;
            crate::store::agreements::insert_tx(tx, ctx, &input, &draft)?;
            written += 1;
            if written.is_multiple_of(PROGRESS_STEP) || i + 1 == wanted {
                progress(GenStage::Agreements, written, wanted);
            }
        }
        Ok(written)
    }
}

/// A local time during the fair's two days, as typed (`2019-12-10 14:35`).
fn fair_moment(rng: &mut SeededRng) -> String {
    let day = 10 + rng.below(2);
    let hour = 9 + rng.below(8);
    let minute = rng.below(60);
    format!("2019-12-{day:02} {hour:02}:{minute:02}")
}

/// An achievement's fields (all but id, code and holder).
fn achievement_input(rng: &mut SeededRng, index: usize) -> AchievementInput {
    let (field, objects) = *rng.pick(words::OBJECTS);
    let object = rng.pick(objects);
    let process = rng.pick(words::PROCESSES);
    let title = format!(
        "{}{}{}{}",
        rng.pick(words::PREFIXES),
        object,
        process,
        rng.pick(words::SUFFIXES)
    );
    let modes: Vec<&str> = (0..1 + rng.below(2))
        .map(|_| rng.pick(TRANSFER_MODES.terms).zh)
        .collect();
    let patents: Vec<String> = (0..rng.below(3))
        .map(|_| {
            format!(
                "ZL{}{}{:07}.{}",
                2014 + rng.below(6),
                rng.pick(&["1", "2"]),
                rng.below(10_000_000),
                rng.below(10)
            )
        })
        .collect();
    let price = if rng.percent(60) {
        format!("{}万", rng.between(10, 5000))
    } else {
        String::new()
    };
    debug_assert!(TECH_FIELDS.contains(field));
    AchievementInput {
        title,
        field: field.to_string(),
        maturity: rng.pick(MATURITY.terms).zh.to_string(),
        trl: if rng.percent(30) {
            rng.between(3, 9).to_string()
        } else {
            String::new()
        },
        patents: patents.join(","),
        transfer_modes: modes.join("、"),
        asking_price: price,
        summary: format!(
            "本成果围绕{object}开展{process}研究，已完成{}，可显著降低生产成本、提高产品一致性，适合在区内相关企业推广应用。",
            rng.pick(&["实验室验证", "小试", "中试", "示范线建设"])
        ),
        keywords: format!("{object}、{process}"),
        booth: format!("{}-{:02}", rng.pick(&["A", "B", "C", "D"]), 1 + index % 60),
        ..AchievementInput::default()
    }
}

#[cfg(test)]
mod tests;
