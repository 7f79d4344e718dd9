//! The command line, as clap sees it.
use crate::app::add::Kind;
use clap::{ArgGroup, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(
    name = "fairdesk",
    version,
    about = "Run a technology achievement transfer fair (科技成果转化对接会) from one SQLite file, offline, on several desks at once.",
    long_about = None
)]
pub struct Cli {
    /// The fair file [env: FAIRDESK_DB; default: ./fair.db, or ./demo-fair.db for `demo`]
    #[arg(long, global = true, env = "FAIRDESK_DB", value_name = "PATH")]
    pub db: Option<PathBuf>,

    /// This desk's name, recorded on every row it writes [env: FAIRDESK_DESK; default: the host name]
    #[arg(long, global = true, env = "FAIRDESK_DESK", value_name = "NAME")]
    pub desk: Option<String>,

    /// Interface language [default: from LANG, else zh]
    #[arg(long, global = true, value_enum, value_name = "LANG")]
    pub lang: Option<LangArg>,

    /// Minutes between the TUI's automatic backups into backups/ beside the file (one is
    /// also taken on exit); 0 turns them off [env: FAIRDESK_BACKUP_MINUTES; default: 10]
    #[arg(
        long,
        global = true,
        env = "FAIRDESK_BACKUP_MINUTES",
        value_name = "MINUTES"
    )]
    pub backup_every: Option<u32>,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LangArg {
    Zh,
    En,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Open the TUI on the demo fair (built from fixtures/ into ./demo-fair.db when missing)
    Demo,
    /// Create a fair file without opening the TUI
    Init {
        /// The fair's name (required unless --demo)
        #[arg(long, required_unless_present = "demo")]
        name: Option<String>,
        /// Fill the file with the demo fair
        #[arg(long)]
        demo: bool,
        /// Venue
        #[arg(long)]
        venue: Option<String>,
        /// First day, e.g. 2019-12-10
        #[arg(long)]
        starts_on: Option<String>,
        /// Last day
        #[arg(long)]
        ends_on: Option<String>,
        /// Organizer
        #[arg(long)]
        organizer: Option<String>,
    },
    /// Add records: one JSON object (or JSON lines, or an array) on stdin, all in one transaction
    Add {
        /// What to add
        #[arg(value_enum)]
        kind: Kind,
        /// One record a line, each saved in its own transaction as it arrives; its id is
        /// printed once it is saved
        #[arg(long)]
        each: bool,
    },
    /// The live dashboard; --big shows the headline figures in large digits for a projector
    Dashboard {
        /// Big-screen mode
        #[arg(long)]
        big: bool,
    },
    /// The read-only view for one exhibitor (asks for its access code)
    Exhibitor {
        /// The organization: name, code (O012) or credit code
        #[arg(long)]
        org: String,
    },
    /// Show or change the meeting plan: tables, slot length, sessions
    Plan {
        /// Number of meeting tables
        #[arg(long)]
        tables: Option<String>,
        /// Minutes per slot
        #[arg(long)]
        minutes: Option<String>,
        /// Sessions of each day, e.g. "09:00-12:00,14:00-17:00"
        #[arg(long)]
        sessions: Option<String>,
    },
    /// Print matching titles, one a line, best first (an empty query lists all)
    Search {
        /// What to look for: Chinese, English, full pinyin or initials
        #[arg(default_value = "")]
        query: String,
        /// What to search
        #[arg(long, value_enum, default_value = "achievements")]
        kind: crate::cli::commands::search::SearchKind,
        /// At most this many lines
        #[arg(long)]
        limit: Option<usize>,
    },
    /// Print meeting schedules per table and per holder (plain text or Markdown)
    Schedule {
        /// Output format
        #[arg(long, value_enum, default_value = "text")]
        format: crate::app::schedule::ScheduleFormat,
        /// Only this table
        #[arg(long)]
        table: Option<u32>,
        /// Only this holder (name, code or credit code)
        #[arg(long)]
        holder: Option<String>,
    },
    /// Print the headline tallies
    Summary {
        /// As JSON
        #[arg(long)]
        json: bool,
    },
    /// Generate a large realistic fair into a new file (refuses an existing one)
    Gen {
        /// Number of achievements
        #[arg(long, default_value_t = 1000)]
        achievements: usize,
        /// Number of organizations
        #[arg(long, default_value_t = 200)]
        orgs: usize,
        /// Number of interests (distinct enterprise × achievement pairs)
        #[arg(long, default_value_t = 2000)]
        interests: usize,
        /// Number of signed agreements
        #[arg(long, default_value_t = 50)]
        agreements: usize,
        /// Seed: the same seed gives the same fair
        #[arg(long, default_value_t = 1)]
        seed: u64,
    },
    /// Import achievements, organizations or needs from CSV, XLSX or XLS (all or nothing,
    /// with a row-by-row report), or a JSON dump into an empty file
    Import {
        /// What the file holds
        #[arg(value_enum, required_unless_present = "template")]
        what: Option<crate::cli::commands::import::ImportWhat>,
        /// The spreadsheet (.csv, .xlsx, .xls) or JSON dump
        #[arg(required_unless_present = "template")]
        file: Option<PathBuf>,
        /// Check every row and report, but write nothing
        #[arg(long)]
        dry_run: bool,
        /// Import the good rows and write the bad ones, with their problems, to a file
        #[arg(long)]
        skip_bad: bool,
        /// Where --skip-bad writes the rejected rows [default: FILE-rejected.csv]
        #[arg(long, value_name = "PATH")]
        report: Option<PathBuf>,
        /// Write an empty template (XLSX and CSV) with the expected headers for KIND
        #[arg(long, value_enum, value_name = "KIND", conflicts_with_all = ["what", "file"])]
        template: Option<crate::import::ImportKind>,
        /// The folder --template writes into [default: .]
        #[arg(long, value_name = "DIR", requires = "template")]
        out: Option<PathBuf>,
    },
    /// Export the fair: CSV (a folder of files), XLSX, a complete JSON dump, or a
    /// Markdown / HTML report
    Export {
        /// Output format
        #[arg(long, value_enum)]
        format: crate::export::ExportFormat,
        /// Output file (for csv: a folder, created when missing)
        #[arg(long, value_name = "PATH")]
        out: PathBuf,
        /// Mask contact names, phones and e-mails (md and html always do, unless --full-contacts)
        #[arg(long)]
        mask_contacts: bool,
        /// Show full contact details in md / html reports (recorded in the audit log)
        #[arg(long, conflicts_with = "mask_contacts")]
        full_contacts: bool,
        /// Only this exhibitor's results and the interest in them (code, credit code or exact name)
        #[arg(long, value_name = "NAME")]
        org: Option<String>,
        /// Text encoding of CSV files
        #[arg(long, value_enum, default_value = "utf8")]
        encoding: crate::export::CsvEncoding,
    },
    /// Suggest achievements for a need, or enterprises for an achievement, with the reasons
    #[command(group(ArgGroup::new("target").required(true).args(["need", "achievement"])))]
    Recommend {
        /// The need: its code (N005) or id
        #[arg(long, value_name = "ID")]
        need: Option<String>,
        /// The achievement: its code (A001), id or exact title
        #[arg(long, value_name = "ID")]
        achievement: Option<String>,
        /// As JSON
        #[arg(long)]
        json: bool,
        /// How many suggestions
        #[arg(long, value_name = "N", default_value_t = 10,
              value_parser = clap::value_parser!(u16).range(1..=1000))]
        limit: u16,
    },
    /// Check the file: integrity, references, audit trail and tallies (exit 0 only when all hold)
    Check {
        /// When the tallies differ from a recount, count the stored tallies again from the
        /// records (nothing entered is changed) and check once more
        #[arg(long)]
        repair: bool,
    },
    /// Take a consistent backup now (into backups/ beside the file, or --out PATH)
    Backup {
        /// Where to write the backup (a file; it must not exist yet)
        #[arg(long, value_name = "PATH")]
        out: Option<PathBuf>,
    },
    /// Replace the fair file with a backup, keeping the replaced file beside it
    Restore {
        /// The backup to restore
        backup: PathBuf,
        /// Do not ask for confirmation (for scripts)
        #[arg(long)]
        yes: bool,
    },
    /// Bring in the records of desk files that worked without a connection
    Merge {
        /// The desk files to merge in (they are only read)
        #[arg(required = true, value_name = "DESK.db")]
        files: Vec<PathBuf>,
        /// Merge even a file of a different fair
        #[arg(long)]
        force: bool,
    },
}
