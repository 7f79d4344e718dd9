//! On generated fairs of 1,000 / 10,000 / 100,000 achievements (organizations a tenth,
//! interests 5×, agreements 10%): the dashboard tallies; every TUI screen rendered into a
//! 200×60 buffer; a cold start (open the file, load what the screens show, draw the
//! first frame); and the refresh of an open screen after another desk's write (an
//! interest, which leaves the achievement briefs as they are, or an achievement edit,
//! which makes the screen read them all again).
use criterion::BatchSize;
use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use fairdesk::app::generate::{GenSpec, build_file};
use fairdesk::app::views::Snapshot;
use fairdesk::domain::interest::InterestInput;
use fairdesk::domain::lang::Lang;
use fairdesk::store::Store;
use fairdesk::tui::action::Action;
use fairdesk::tui::fill::{fill, reload};
use fairdesk::tui::state::State;
use fairdesk::tui::tabs::Tab;
use fairdesk::tui::view;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use std::path::PathBuf;
use std::time::Duration;

/// Sizes to measure; FAIRDESK_BENCH_MAX caps them (e.g. 10000 for a quick run).
fn sizes() -> Vec<usize> {
    let max: usize = std::env::var("FAIRDESK_BENCH_MAX")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100_000);
    [1_000, 10_000, 100_000]
        .into_iter()
        .filter(|n| *n <= max)
        .collect()
}

fn fair(dir: &std::path::Path, achievements: usize) -> PathBuf {
    let db = dir.join(format!("fair-{achievements}.db"));
    let spec = GenSpec {
        organizations: (achievements / 10).max(50),
        achievements,
        interests: achievements * 5,
        agreements: achievements / 10,
        seed: 3,
    };
    build_file(&db, "bench", &spec, &mut |_, _, _| {}).expect("generated fair");
    db
}

fn screens(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temp dir");
    let area = Rect::new(0, 0, 200, 60);
    for n in sizes() {
        let db = fair(dir.path(), n);
        let store = Store::open(&db, "bench").expect("open");

        let mut group = c.benchmark_group("tallies");
        group
            .sample_size(20)
            .measurement_time(Duration::from_secs(4));
        group.bench_function(BenchmarkId::from_parameter(n), |b| {
            b.iter(|| store.tallies().expect("tallies"))
        });
        group.finish();

        let snapshot = Snapshot::load(&store).expect("snapshot");
        let mut state = State::new(snapshot, Lang::Zh, "bench", "bench.db");
        state.set_page_rows(view::page_rows(&state, area));
        let mut group = c.benchmark_group(format!("render_200x60/{n}"));
        group
            .sample_size(30)
            .measurement_time(Duration::from_secs(3));
        for tab in Tab::ALL {
            state.apply(Action::GoTab(tab));
            state.set_page_rows(view::page_rows(&state, area));
            fill(&store, &mut state).expect("rows on screen");
            group.bench_function(format!("{tab:?}"), |b| {
                let mut buf = Buffer::empty(area);
                b.iter(|| {
                    buf.reset();
                    view::render_to(&state, area, &mut buf);
                })
            });
        }
        state.apply(Action::GoTab(Tab::Dashboard));
        state.apply(Action::ToggleBig);
        group.bench_function("BigScreen", |b| {
            let mut buf = Buffer::empty(area);
            b.iter(|| {
                buf.reset();
                view::render_to(&state, area, &mut buf);
            })
        });
        group.finish();

        let mut group = c.benchmark_group("cold_start_first_frame");
        group
            .sample_size(10)
            .measurement_time(Duration::from_secs(8));
        // On the default tab (achievements), and on the interests (the longest list).
        for start in [Tab::Achievements, Tab::Interests] {
            let id = BenchmarkId::new(format!("{start:?}"), n);
            group.bench_function(id, |b| {
                b.iter(|| {
                    let store = Store::open(&db, "bench").expect("open");
                    let snapshot = Snapshot::load(&store).expect("snapshot");
                    let mut state = State::new(snapshot, Lang::Zh, "bench", "bench.db");
                    state.tab = start;
                    state.set_page_rows(view::page_rows(&state, area));
                    fill(&store, &mut state).expect("rows on screen");
                    let mut buf = Buffer::empty(area);
                    view::render_to(&state, area, &mut buf);
                    buf
                })
            });
        }
        group.finish();

        refresh(c, &db, n, area);
    }
}

/// An open achievements screen refreshed after another desk (another connection to the
/// file) wrote; the other desk's write is outside the timed part.
fn refresh(c: &mut Criterion, db: &std::path::Path, n: usize, area: Rect) {
    let store = Store::open(db, "bench").expect("open");
    let mut other = Store::open(db, "bench-other").expect("open");
    let mut state = State::new(
        Snapshot::load(&store).expect("snapshot"),
        Lang::Zh,
        "bench",
        "bench.db",
    );
    state.set_page_rows(view::page_rows(&state, area));
    fill(&store, &mut state).expect("rows on screen");
    let enterprises: Vec<String> = other
        .organizations(false)
        .expect("organizations")
        .into_iter()
        .filter(|o| o.data.kind == "enterprise")
        .map(|o| o.id)
        .collect();
    let achievements: Vec<String> = state
        .snapshot
        .achievements
        .iter()
        .map(|a| a.id().to_string())
        .collect();
    let mut group = c.benchmark_group(format!("refresh_after_another_desk/{n}"));
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(6));
    let mut turn = 0usize;
    group.bench_function("interest_logged", |b| {
        b.iter_batched(
            || {
                turn += 1;
                // Fresh pairs; one already there is raised instead, a write all the same.
                let _ = other.log_interest(&InterestInput {
                    enterprise: enterprises[turn * 7 % enterprises.len()].clone(),
                    achievement: achievements[turn * 13 % achievements.len()].clone(),
                    level: "有意向".into(),
                    ..Default::default()
                });
            },
            |()| reload(&store, &mut state).expect("reload"),
            BatchSize::PerIteration,
        )
    });
    group.bench_function("achievement_edited", |b| {
        b.iter_batched(
            || {
                turn += 1;
                let a = other.achievement(&achievements[turn % achievements.len()]);
                let a = a.expect("achievement");
                let holder = other
                    .organization(&a.data.holder_id)
                    .expect("holder")
                    .data
                    .name;
                let mut input = a.data.to_input(&holder);
                input.booth = format!("Z-{turn}");
                other.update_achievement(&a.id, &input).expect("edit");
            },
            |()| reload(&store, &mut state).expect("reload"),
            BatchSize::PerIteration,
        )
    });
    group.finish();
}

criterion_group!(benches, screens);
criterion_main!(benches);
