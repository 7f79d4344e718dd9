//! Progress bars for long commands (import, export, gen): drawn on stderr with indicatif,
//! and only when stderr is a terminal, so pipes and logs stay clean.
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::IsTerminal;

pub struct Progress {
    bar: Option<ProgressBar>,
    stage: String,
}

impl Progress {
    /// A bar on stderr when it is a terminal; otherwise nothing is drawn.
    pub fn on_stderr() -> Progress {
        let bar = std::io::stderr().is_terminal().then(|| {
            let bar = ProgressBar::with_draw_target(Some(0), ProgressDrawTarget::stderr());
            if let Ok(style) =
                ProgressStyle::with_template("{msg} [{bar:30}] {pos}/{len} ({elapsed})")
            {
                bar.set_style(style.progress_chars("=> "));
            }
            bar
        });
        Progress {
            bar,
            stage: String::new(),
        }
    }

    /// Moves the bar to `done` of `total` for `stage` (a label in the user's language).
    pub fn update(&mut self, stage: &str, done: usize, total: usize) {
        let Some(bar) = &self.bar else { return };
        if self.stage != stage {
            self.stage = stage.to_string();
            bar.set_message(stage.to_string());
            bar.reset();
        }
        bar.set_length(total as u64);
        bar.set_position(done as u64);
    }

    pub fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        self.finish();
    }
}
