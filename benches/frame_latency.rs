//! A full 200×60 frame rendered and written, the way the TUI's loop does it: ratatui
//! draws the screen, compares it with the previous frame and writes the difference as
//! escape sequences through crossterm (here into a byte counter instead of a terminal).
//! Every frame changes most of the screen: each screen is shown alternately with the one
//! before it, and each list is paged down and up. Prints the median and p99 per screen.
//! On the proportional fair of FAIRDESK_BENCH_ACHIEVEMENTS achievements (default
//! 100,000). Run: `cargo bench --bench frame_latency`.
use fairdesk::app::generate::{GenSpec, build_file};
use fairdesk::app::views::Snapshot;
use fairdesk::domain::lang::Lang;
use fairdesk::store::Store;
use fairdesk::tui::action::Action;
use fairdesk::tui::fill::fill;
use fairdesk::tui::state::State;
use fairdesk::tui::tabs::Tab;
use fairdesk::tui::view;
use ratatui::backend::CrosstermBackend;
use ratatui::layout::Rect;
use ratatui::{Terminal, TerminalOptions, Viewport};
use std::io::Write;
use std::time::Instant;

/// Stands in for the terminal: counts the bytes written.
#[derive(Default)]
struct Counted(usize);

impl Write for Counted {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0 += bytes.len();
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

const FRAMES: usize = 300;

fn main() {
    let n: usize = std::env::var("FAIRDESK_BENCH_ACHIEVEMENTS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100_000);
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("fair.db");
    let spec = GenSpec {
        organizations: (n / 10).max(50),
        achievements: n,
        interests: n * 5,
        agreements: n / 10,
        seed: 3,
    };
    build_file(&db, "bench", &spec, &mut |_, _, _| {}).expect("generated fair");
    let store = Store::open(&db, "bench").expect("open");
    let area = Rect::new(0, 0, 200, 60);
    let mut state = State::new(
        Snapshot::load(&store).expect("snapshot"),
        Lang::Zh,
        "bench",
        "bench.db",
    );
    let mut terminal = Terminal::with_options(
        CrosstermBackend::new(Counted::default()),
        TerminalOptions {
            viewport: Viewport::Fixed(area),
        },
    )
    .expect("terminal");
    let mut draw = |state: &mut State, samples: &mut Vec<f64>| {
        state.set_page_rows(view::page_rows(state, area));
        fill(&store, state).expect("rows on screen");
        let start = Instant::now();
        terminal
            .draw(|frame| view::render(state, frame))
            .expect("draw");
        samples.push(start.elapsed().as_secs_f64() * 1e3);
    };
    println!("{n} achievements, 200×60, {FRAMES} frames each");
    let mut all = Vec::new();
    for tab in Tab::ALL {
        let before = tab.prev();
        let mut switching = Vec::new();
        for _ in 0..FRAMES / 2 {
            state.apply(Action::GoTab(before));
            draw(&mut state, &mut Vec::new());
            state.apply(Action::GoTab(tab));
            draw(&mut state, &mut switching);
        }
        let mut paging = Vec::new();
        for i in 0..FRAMES {
            state.apply(if i % 20 < 10 {
                Action::PageDown
            } else {
                Action::PageUp
            });
            draw(&mut state, &mut paging);
        }
        report(&format!("{tab:?}, switched to"), &mut switching);
        report(&format!("{tab:?}, paged"), &mut paging);
        all.extend(switching);
        all.extend(paging);
    }
    report("every frame", &mut all);
}

fn report(label: &str, samples: &mut [f64]) {
    samples.sort_by(f64::total_cmp);
    let at = |q: usize| samples[(samples.len() * q / 100).min(samples.len() - 1)];
    println!(
        "{label:>28}: median {:.3} ms, p99 {:.3} ms, max {:.3} ms",
        at(50),
        at(99),
        samples[samples.len() - 1]
    );
}
