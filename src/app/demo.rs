//! The demo fair, built from the data files in `fixtures/demo/` (compiled in, so the
//! binary needs nothing beside it) through the same use cases as `fairdesk add`.
use crate::app::add::{self, AddError, parse_records};
use crate::domain::fair::FairInput;
use crate::store::Store;
use std::path::Path;

pub const FAIR: &str = include_str!("../../fixtures/demo/fair.json");
pub const ORGANIZATIONS: &str = include_str!("../../fixtures/demo/organizations.jsonl");
pub const ACHIEVEMENTS: &str = include_str!("../../fixtures/demo/achievements.jsonl");
pub const NEEDS: &str = include_str!("../../fixtures/demo/needs.jsonl");
pub const INTERESTS: &str = include_str!("../../fixtures/demo/interests.jsonl");
pub const MEETINGS: &str = include_str!("../../fixtures/demo/meetings.jsonl");
pub const AGREEMENTS: &str = include_str!("../../fixtures/demo/agreements.jsonl");

/// The steps of loading, for a progress display: (step, of steps, what).
pub type Progress<'a> = &'a mut dyn FnMut(usize, usize, &'static str);

/// Fills an empty store with the demo fair. Each kind is one transaction.
pub fn load(store: &mut Store, progress: Progress) -> Result<(), AddError> {
    let steps = 7;
    progress(1, steps, "fair");
    let fair: FairInput = serde_json::from_str(FAIR).map_err(|e| AddError::Json {
        record: 1,
        message: e.to_string(),
    })?;
    store.create_fair(&fair)?;
    progress(2, steps, "organizations");
    add::add_organizations(store, &parse_records(ORGANIZATIONS)?)?;
    progress(3, steps, "achievements");
    add::add_achievements(store, &parse_records(ACHIEVEMENTS)?)?;
    progress(4, steps, "needs");
    add::add_needs(store, &parse_records(NEEDS)?)?;
    progress(5, steps, "interests");
    add::add_interests(store, &parse_records(INTERESTS)?)?;
    progress(6, steps, "meetings");
    add::add_meetings(store, &parse_records(MEETINGS)?)?;
    progress(7, steps, "agreements");
    add::add_agreements(store, &parse_records(AGREEMENTS)?)?;
    Ok(())
}

/// Builds the demo fair into a new file at `path`: written beside it under a temporary
/// name and renamed into place, so a failed or interrupted build leaves nothing behind.
pub fn build_file(path: &Path, desk: &str, progress: Progress) -> Result<(), DemoError> {
    if path.exists() {
        return Err(DemoError::Exists(path.to_path_buf()));
    }
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => std::path::PathBuf::from("."),
    };
    let file_name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_else(|| "fair.db".into());
    let temp = dir.join(format!(".{file_name}.building-{}", std::process::id()));
    let result = (|| {
        let mut store = Store::open(&temp, desk).map_err(AddError::from)?;
        load(&mut store, progress)?;
        // Closing the last connection checkpoints the WAL into the main file and removes it,
        // so the rename below moves a complete database.
        drop(store);
        Ok::<(), AddError>(())
    })();
    match result {
        Ok(()) => std::fs::rename(&temp, path).map_err(|e| DemoError::Io(path.to_path_buf(), e)),
        Err(e) => {
            for suffix in ["", "-wal", "-shm"] {
                let _ = std::fs::remove_file(format!("{}{suffix}", temp.display()));
            }
            Err(DemoError::Load(e))
        }
    }
}

#[derive(Debug)]
pub enum DemoError {
    Exists(std::path::PathBuf),
    Io(std::path::PathBuf, std::io::Error),
    Load(AddError),
}

impl DemoError {
    pub fn message(&self, lang: crate::domain::lang::Lang) -> String {
        use crate::domain::lang::Lang;
        match (self, lang) {
            (DemoError::Exists(p), Lang::Zh) => {
                format!("{} 已存在，未作修改；请换一个文件名", p.display())
            }
            (DemoError::Exists(p), Lang::En) => {
                format!(
                    "{} already exists and was left alone; choose another file name",
                    p.display()
                )
            }
            (DemoError::Io(p, e), Lang::Zh) => format!("无法写入 {}：{e}", p.display()),
            (DemoError::Io(p, e), Lang::En) => format!("cannot write {}: {e}", p.display()),
            (DemoError::Load(e), lang) => e.message(lang),
        }
    }
}
