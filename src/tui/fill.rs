//! Between a change of state and the next frame: load the rows the screen asks for
//! (`State::wants`), and reload the snapshot after the file changed. The one place the
//! TUI's screens get data from the store.
use crate::app::views::{Snapshot, Want, load_wanted};
use crate::store::{Store, StoreResult};
use crate::tui::state::State;

/// Loads what the state wants until it wants nothing more (the interests' order first,
/// then the rows on screen).
pub fn fill(store: &Store, state: &mut State) -> StoreResult<()> {
    for _ in 0..4 {
        let wants = state.wants();
        if wants.is_empty() {
            break;
        }
        for want in &wants {
            if *want == Want::InterestKeys {
                // The keys bring their own order: the old one (4 MB for 500,000
                // interests) goes before they are read.
                state.snapshot.interests.order = None;
            }
            match load_wanted(store, &state.snapshot, want) {
                Ok(supply) => state.supply(supply),
                Err(e) => {
                    // Not asked again every frame (a record another desk's merge removed).
                    state.abandon(want);
                    return Err(e);
                }
            }
        }
    }
    Ok(())
}

/// Reloads the snapshot, bringing along the on-demand rows the screen had (and the
/// achievement briefs, when the achievements did not change).
pub fn reload(store: &Store, state: &mut State) -> StoreResult<()> {
    let plan = state.load_plan();
    let snapshot = Snapshot::reload_from(store, plan, &mut state.snapshot)?;
    state.replace_snapshot(snapshot);
    fill(store, state)
}
