//! One search over a listing (`fairdesk search`): read from the file's search pack when
//! it is current; otherwise the pack is rebuilt from the rows and searched, and, once the
//! listing is out, saved for the next search when the file can be written without
//! waiting.
use crate::search::pack::{Pack, PackBuilder};
use crate::search::{Hit, OnceSearch};
use crate::store::search_pack::PackKind;
use crate::store::{Store, StoreResult};

/// Where a search's texts came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// The stored pack was current.
    StoredPack,
    /// The pack was stale or missing and was rebuilt from the rows.
    Rebuilt,
    /// Too large for a pack: each row was scored as it was read.
    Rows,
}

/// A finished search: where its texts came from, and a rebuilt pack to save.
pub struct Outcome {
    pub source: Source,
    rebuilt: Option<(PackKind, i64, Vec<u8>)>,
}

impl Outcome {
    /// Stores the rebuilt pack, if any, for the next search; call it once the listing is
    /// out (writing the pack takes longer than the search). Returns whether it was
    /// stored. Saving only speeds up the next search, so a failure to save (another desk
    /// writing, a full disk) does not fail this one.
    pub fn save_pack(self, store: &mut Store) -> bool {
        match self.rebuilt {
            Some((kind, generation, bytes)) => store
                .save_search_pack(kind, generation, &bytes)
                .unwrap_or(false),
            None => false,
        }
    }
}

/// Calls `emit` with each text of `kind`'s listing that matches `query`, best first
/// (ties in listing order), at most `limit` of them; stops early when `emit` returns
/// `false`.
pub fn search(
    store: &mut Store,
    kind: PackKind,
    query: &str,
    limit: usize,
    emit: &mut dyn FnMut(&str) -> bool,
) -> StoreResult<Outcome> {
    let done = |source| Outcome {
        source,
        rebuilt: None,
    };
    let from_pack = store.read_current_search_pack(kind, |bytes| {
        let pack = Pack::parse(bytes)?;
        list(&pack, query, limit, emit);
        Some(())
    })?;
    if from_pack.flatten().is_some() {
        return Ok(done(Source::StoredPack));
    }
    let mut builder = PackBuilder::new();
    let generation = store.scan_search_listing(kind, &mut |text| builder.push_bytes(text))?;
    let Some(bytes) = builder.finish() else {
        search_rows(store, kind, query, limit, emit)?;
        return Ok(done(Source::Rows));
    };
    let Some(pack) = Pack::parse(&bytes) else {
        search_rows(store, kind, query, limit, emit)?;
        return Ok(done(Source::Rows));
    };
    list(&pack, query, limit, emit);
    Ok(Outcome {
        source: Source::Rebuilt,
        rebuilt: generation.map(|generation| (kind, generation, bytes)),
    })
}

fn list(pack: &Pack, query: &str, limit: usize, emit: &mut dyn FnMut(&str) -> bool) {
    let mut text = String::new();
    for hit in pack.search(query).iter().take(limit) {
        text.clear();
        pack.text_into(hit.index as usize, &mut text);
        if !emit(&text) {
            return;
        }
    }
}

/// Each row scored as it is read, only the matches kept.
fn search_rows(
    store: &Store,
    kind: PackKind,
    query: &str,
    limit: usize,
    emit: &mut dyn FnMut(&str) -> bool,
) -> StoreResult<()> {
    let mut once = OnceSearch::new(query);
    let mut hits: Vec<(Hit, String)> = Vec::new();
    let mut index = 0u32;
    store.scan_search_listing(kind, &mut |text| {
        let text = std::str::from_utf8(text).unwrap_or("");
        if let Some(score) = once.score(text) {
            hits.push((Hit { index, score }, text.to_string()));
        }
        index = index.wrapping_add(1);
    })?;
    hits.sort_unstable_by(|a, b| b.0.score.cmp(&a.0.score).then(a.0.index.cmp(&b.0.index)));
    for (_, text) in hits.iter().take(limit) {
        if !emit(text) {
            break;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::achievement::AchievementInput;
    use crate::domain::organization::OrganizationInput;
    use crate::search::SearchIndex;
    use crate::store::test_support::store;

    /// The lines, where they came from, and whether a rebuilt pack was saved.
    fn listed(store: &mut Store, kind: PackKind, query: &str) -> (Vec<String>, Source, bool) {
        let mut lines = Vec::new();
        let outcome = search(store, kind, query, usize::MAX, &mut |t| {
            lines.push(t.to_string());
            true
        })
        .unwrap();
        let source = outcome.source;
        (lines, source, outcome.save_pack(store))
    }

    /// The same search over the achievements themselves, read the ordinary way.
    fn reference(store: &Store, query: &str) -> Vec<String> {
        let titles: Vec<String> = store
            .achievements(false)
            .unwrap()
            .into_iter()
            .map(|a| a.data.title)
            .collect();
        SearchIndex::search_once(titles.iter().map(String::as_str), query)
            .into_iter()
            .map(|h| titles[h.index as usize].clone())
            .collect()
    }

    #[test]
    fn the_second_search_reads_the_saved_pack_and_finds_the_same() {
        let mut s = store();
        s.create_organization(&OrganizationInput {
            name: "内蒙古大学".into(),
            kind: "university".into(),
            ..Default::default()
        })
        .unwrap();
        for title in ["稀土永磁材料", "胡芪降脂胶囊", "稀土抛光粉", "LoRa 网关"]
        {
            s.create_achievement(&AchievementInput {
                title: title.into(),
                holder: "内蒙古大学".into(),
                field: "稀土".into(),
                ..Default::default()
            })
            .unwrap();
        }
        let (first, source, saved) = listed(&mut s, PackKind::Achievements, "xt");
        assert_eq!((source, saved), (Source::Rebuilt, true));
        assert_eq!(first, vec!["稀土永磁材料", "稀土抛光粉"]);
        let (second, source, saved) = listed(&mut s, PackKind::Achievements, "xt");
        assert_eq!((source, saved), (Source::StoredPack, false));
        assert_eq!(second, first);
        for query in ["", "稀土", "lora", "xitu pg", "不在"] {
            let (lines, source, _) = listed(&mut s, PackKind::Achievements, query);
            assert_eq!(source, Source::StoredPack);
            assert_eq!(lines, reference(&s, query), "query {query:?}");
        }
        let (names, _, _) = listed(&mut s, PackKind::Organizations, "nmg");
        assert_eq!(names, vec!["内蒙古大学"]);
        let mut taken = Vec::new();
        search(&mut s, PackKind::Achievements, "", 2, &mut |t| {
            taken.push(t.to_string());
            true
        })
        .unwrap();
        assert_eq!(taken, vec!["稀土永磁材料", "胡芪降脂胶囊"]);
    }

    #[test]
    fn a_pack_that_is_not_well_formed_is_rebuilt() {
        let mut s = store();
        let (_, source, saved) = listed(&mut s, PackKind::Organizations, "x");
        assert_eq!((source, saved), (Source::Rebuilt, true));
        s.conn()
            .execute("UPDATE search_pack SET data = x'00112233'", [])
            .unwrap();
        let (lines, source, saved) = listed(&mut s, PackKind::Organizations, "x");
        assert!(lines.is_empty());
        assert_eq!((source, saved), (Source::Rebuilt, true));
        let (_, source, _) = listed(&mut s, PackKind::Organizations, "x");
        assert_eq!(source, Source::StoredPack);
    }
}
