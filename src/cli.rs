//! The command line, as clap reads it: `build`, `check`, `serve`, `import`
//! and their flags. What each command does is in `main.rs` and the library.

use chrono::NaiveDate;
use clap::{Parser, Subcommand};
use std::path::PathBuf;

/// bangvang: the golden honour roll. Builds a static website of emulation
/// movements, exemplars, units, commendations and conferences.
#[derive(Parser)]
#[command(name = "bangvang", version, about, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(clap::Args, Clone)]
pub struct SiteArgs {
    /// The site folder (with site.toml and content/).
    #[arg(long, value_name = "DIR", default_value = ".")]
    pub root: PathBuf,
    /// Include drafts (draft = true).
    #[arg(long)]
    pub drafts: bool,
    /// The build date that movement statuses are computed against (YYYY-MM-DD).
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub now: Option<NaiveDate>,
    /// Treat warnings as errors.
    #[arg(long)]
    pub strict: bool,
    /// Print the time each stage took.
    #[arg(long)]
    pub timings: bool,
}

#[derive(Subcommand)]
pub enum Command {
    /// Build the site into public/ (or --output DIR).
    Build {
        #[command(flatten)]
        site: SiteArgs,
        /// The output folder (default: public/ in the site folder).
        #[arg(long, short, value_name = "DIR")]
        output: Option<PathBuf>,
        /// Override base_url from site.toml.
        #[arg(long, value_name = "URL")]
        base_url: Option<String>,
        /// Replace the output folder even if bangvang did not make it.
        #[arg(long)]
        force: bool,
    },
    /// Convert a spreadsheet of decisions into decision .toml files in content/decisions/.
    Import {
        /// The spreadsheet (.csv, .xlsx, .xls or .ods).
        file: PathBuf,
        /// The site folder, whose units and awards the spreadsheet names.
        #[arg(long, value_name = "DIR", default_value = ".")]
        root: PathBuf,
        /// Print the files that would be written, and write nothing.
        #[arg(long)]
        dry_run: bool,
        /// Replace decision files that were edited since a previous import.
        #[arg(long)]
        force: bool,
    },
    /// Serve the site on this computer, rebuilding and reloading the open pages on every change.
    Serve {
        /// The site folder (with site.toml and content/).
        #[arg(long, value_name = "DIR", default_value = ".")]
        root: PathBuf,
        /// The port (0: any free port).
        #[arg(long, short, default_value_t = 1111)]
        port: u16,
        /// The address to listen on; 127.0.0.1 serves this computer only.
        #[arg(long, value_name = "ADDR", default_value = "127.0.0.1")]
        bind: std::net::IpAddr,
        /// Include drafts (draft = true).
        #[arg(long)]
        drafts: bool,
        /// Open the site in the web browser.
        #[arg(long)]
        open: bool,
        /// The build date that statuses are computed against (YYYY-MM-DD).
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
        now: Option<NaiveDate>,
    },
    /// Write a new content file, every field commented in Vietnamese.
    New {
        /// What to make.
        #[arg(value_enum)]
        kind: bangvang::NewKind,
        /// Its name or title (a decision: its number), in quotes.
        name: String,
        /// The site folder.
        #[arg(long, value_name = "DIR", default_value = ".")]
        root: PathBuf,
        /// Make a folder (people/<slug>/index.md) with room for a photo beside it.
        #[arg(long)]
        bundle: bool,
    },
    /// Make a new site: site.toml, one file of every kind and a short guide.
    Init {
        /// The folder to make it in (empty or new).
        dir: PathBuf,
    },
    /// Check the site as build does, writing nothing.
    Check {
        #[command(flatten)]
        site: SiteArgs,
        /// Override base_url from site.toml.
        #[arg(long, value_name = "URL")]
        base_url: Option<String>,
    },
}

pub fn parse_date(s: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .map_err(|_| format!("\"{s}\" is not a date: write YYYY-MM-DD, e.g. 2025-07-01"))
}
