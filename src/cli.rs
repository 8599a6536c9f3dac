//! The command line, as clap reads it: `build`, `check`, `import` and their
//! flags. What each command does is in `main.rs` and the library.

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
    /// Check the site as build does, writing nothing.
    Check {
        #[command(flatten)]
        site: SiteArgs,
        /// Override base_url from site.toml.
        #[arg(long, value_name = "URL")]
        base_url: Option<String>,
    },
}

fn parse_date(s: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .map_err(|_| format!("\"{s}\" is not a date: write YYYY-MM-DD, e.g. 2025-07-01"))
}
