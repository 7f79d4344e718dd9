//! The snapshot's whole-table reads make their vectors at the tables' size: grown by
//! doubling, 100,000 briefs keep a quarter of the vector spare, and its last doubling
//! holds the old and the new copy at once (at a large fair, most of the TUI's peak).

#[cfg(test)]
mod tests {
    use crate::store::Store;
    use crate::store::stream::RecordTable;

    /// The demo fair: every kind of row, agreements too.
    fn demo() -> Store {
        let clock = crate::domain::clock::SystemClock;
        let mut store = Store::open_in_memory("desk-test", std::sync::Arc::new(clock)).unwrap();
        crate::app::demo::load(&mut store, &mut |_, _, _| {}).unwrap();
        store
    }

    #[test]
    fn the_snapshot_reads_are_made_at_their_size() {
        let s = demo();
        let briefs = s.achievement_briefs().unwrap();
        assert_eq!(briefs.len(), s.row_count(RecordTable::Achievement).unwrap());
        assert_eq!(briefs.capacity(), briefs.len());
        let organizations = s.organizations(true).unwrap();
        assert_eq!(organizations.capacity(), organizations.len());
        let active = s.organizations(false).unwrap();
        assert_eq!(active.capacity(), active.len());
        let agreements = s.agreements().unwrap();
        assert!(!agreements.is_empty());
        assert_eq!(agreements.capacity(), agreements.len());
    }
}
