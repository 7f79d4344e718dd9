//! Runs the real binary in a pseudo-terminal and reads what a terminal would show (vt100),
//! keeping every raw byte it wrote so tests can look for escape sequences that should
//! never be there.
use portable_pty::{CommandBuilder, PtySize, native_pty_system};
use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// Keys as a terminal sends them.
pub mod keys {
    pub const ENTER: &str = "\r";
    pub const TAB: &str = "\t";
    pub const ESC: &str = "\x1b";
    pub const CTRL_S: &str = "\x13";
    pub const CTRL_U: &str = "\x15";
    pub const DOWN: &str = "\x1b[B";
    pub const END: &str = "\x1b[F";
}

/// What the terminal shows: its text, and every window title it was asked to set.
pub struct Seen {
    pub text: String,
    pub titles: Vec<String>,
}

/// Records window titles (and icon names) as the parser meets them.
#[derive(Default)]
struct Titles(Vec<String>);

impl vt100::Callbacks for Titles {
    fn set_window_title(&mut self, _: &mut vt100::Screen, title: &[u8]) {
        self.0.push(String::from_utf8_lossy(title).into_owned());
    }

    fn set_window_icon_name(&mut self, _: &mut vt100::Screen, name: &[u8]) {
        self.0.push(String::from_utf8_lossy(name).into_owned());
    }
}

pub struct PtySession {
    child: Box<dyn portable_pty::Child + Send + Sync>,
    writer: Box<dyn Write + Send>,
    output: Arc<Mutex<Vec<u8>>>,
    rows: u16,
    cols: u16,
    _master: Box<dyn portable_pty::MasterPty + Send>,
}

impl PtySession {
    /// Starts `fairdesk ARGS` on a `cols`×`rows` terminal.
    pub fn spawn(args: &[&str], cwd: &Path, cols: u16, rows: u16) -> PtySession {
        let pty = native_pty_system()
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("a pseudo-terminal");
        let mut cmd = CommandBuilder::new(super::binary());
        cmd.args(args);
        cmd.cwd(cwd);
        cmd.env("TERM", "xterm-256color");
        cmd.env("LANG", "zh_CN.UTF-8");
        cmd.env_remove("FAIRDESK_DB");
        cmd.env_remove("FAIRDESK_DESK");
        let child = pty.slave.spawn_command(cmd).expect("fairdesk starts");
        drop(pty.slave);
        let mut reader = pty.master.try_clone_reader().expect("reader");
        let writer = pty.master.take_writer().expect("writer");
        let output = Arc::new(Mutex::new(Vec::new()));
        let sink = Arc::clone(&output);
        std::thread::spawn(move || {
            let mut chunk = [0u8; 4096];
            while let Ok(n) = reader.read(&mut chunk) {
                if n == 0 {
                    break;
                }
                if let Ok(mut out) = sink.lock() {
                    out.extend_from_slice(&chunk[..n]);
                }
            }
        });
        PtySession {
            child,
            writer,
            output,
            rows,
            cols,
            _master: pty.master,
        }
    }

    /// Every byte written so far.
    pub fn raw(&self) -> Vec<u8> {
        self.output.lock().map(|o| o.clone()).unwrap_or_default()
    }

    /// Every operating-system command (ESC ] … BEL or ESC \\) written so far: window
    /// titles and the like, parsed from the raw bytes (vt100 splits their text at `;`).
    pub fn osc_commands(&self) -> Vec<String> {
        let raw = self.raw();
        let mut found = Vec::new();
        let mut i = 0;
        while i + 1 < raw.len() {
            if raw[i] == 0x1b && raw[i + 1] == b']' {
                let start = i + 2;
                let mut end = start;
                while end < raw.len()
                    && raw[end] != 0x07
                    && !(raw[end] == 0x1b && raw.get(end + 1) == Some(&b'\\'))
                {
                    end += 1;
                }
                found.push(String::from_utf8_lossy(&raw[start..end]).into_owned());
                i = end;
            }
            i += 1;
        }
        found
    }

    /// The screen as a terminal would show it now, with the window titles set so far.
    pub fn screen(&self) -> Seen {
        let rows = NonZeroU16::new(self.rows).unwrap_or(NonZeroU16::MIN);
        let cols = NonZeroU16::new(self.cols).unwrap_or(NonZeroU16::MIN);
        let mut parser = vt100::Parser::new_with_callbacks(rows, cols, 0, Titles::default());
        parser.process(&self.raw());
        Seen {
            text: parser.screen().contents(),
            titles: parser.callbacks().0.clone(),
        }
    }

    /// Waits until the screen's text contains `needle` (or panics after `timeout`).
    pub fn wait_for(&self, needle: &str, timeout: Duration) -> Seen {
        let start = Instant::now();
        loop {
            let seen = self.screen();
            if seen.text.contains(needle) {
                return seen;
            }
            if start.elapsed() > timeout {
                panic!("{needle:?} not on screen after {timeout:?}:\n{}", seen.text);
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    pub fn send(&mut self, keys: &str) {
        self.writer.write_all(keys.as_bytes()).expect("keys sent");
        self.writer.flush().expect("keys flushed");
    }

    /// Types keys and pauses a moment, as a person would between keys (a lone Esc is
    /// only told apart from the start of an escape sequence by the pause after it).
    pub fn press(&mut self, keys: &str) {
        self.send(keys);
        let pause = if keys == keys::ESC { 300 } else { 60 };
        std::thread::sleep(Duration::from_millis(pause));
    }

    /// Waits for the program to end; its exit code, or None after `timeout` (then killed).
    pub fn wait_exit(&mut self, timeout: Duration) -> Option<u32> {
        let start = Instant::now();
        loop {
            if let Ok(Some(status)) = self.child.try_wait() {
                return Some(status.exit_code());
            }
            if start.elapsed() > timeout {
                let _ = self.child.kill();
                return None;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for PtySession {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
        }
    }
}
