//! The `bangvang` command: parses the command line, runs the library, prints
//! the diagnostics and a summary, and sets the exit code (0 success, 1
//! content errors, 2 usage errors).

use bangvang::{BuildOptions, BuildReport};
use chrono::NaiveDate;
use clap::{Parser, Subcommand};
use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

/// bangvang: the golden honour roll. Builds a static website of emulation
/// movements, exemplars, units, commendations and conferences.
#[derive(Parser)]
#[command(name = "bangvang", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(clap::Args, Clone)]
struct SiteArgs {
    /// The site folder (with site.toml and content/).
    #[arg(long, value_name = "DIR", default_value = ".")]
    root: PathBuf,
    /// Include drafts (draft = true).
    #[arg(long)]
    drafts: bool,
    /// The build date that movement statuses are computed against (YYYY-MM-DD).
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    now: Option<NaiveDate>,
    /// Treat warnings as errors.
    #[arg(long)]
    strict: bool,
    /// Print the time each stage took.
    #[arg(long)]
    timings: bool,
}

#[derive(Subcommand)]
enum Command {
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

fn main() -> ExitCode {
    // Like other command-line tools, end quietly when the reader of our
    // output goes away (`bangvang import … --dry-run | head`).
    #[cfg(unix)]
    // SAFETY: restoring the default action of a signal before any thread starts.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
    let cli = Cli::parse();
    let (site, options, verb) = match cli.command {
        Command::Import {
            file,
            root,
            dry_run,
            force,
        } => return import(&root, &file, dry_run, force),
        Command::Build {
            site,
            output,
            base_url,
            force,
        } => {
            let options = BuildOptions {
                root: site.root.clone(),
                output,
                base_url,
                drafts: site.drafts,
                now: site.now,
                force,
                write: true,
            };
            (site, options, "build")
        }
        Command::Check { site, base_url } => {
            let options = BuildOptions {
                root: site.root.clone(),
                output: None,
                base_url,
                drafts: site.drafts,
                now: site.now,
                force: false,
                write: false,
            };
            (site, options, "check")
        }
    };
    let started = std::time::Instant::now();
    let report = bangvang::build(&options);
    print_report(&report, &site, &options, verb, started.elapsed())
}

fn print_report(
    report: &BuildReport,
    site: &SiteArgs,
    options: &BuildOptions,
    verb: &str,
    elapsed: std::time::Duration,
) -> ExitCode {
    let styled = std::io::stderr().is_terminal();
    for d in &report.diagnostics {
        eprintln!("{}\n", d.render(styled));
    }
    let errors = report.diagnostics.iter().filter(|d| d.is_error()).count();
    let warnings = report.diagnostics.len() - errors;
    if site.timings {
        eprintln!("timings:");
        for (stage, t, rss) in &report.timings {
            let memory = rss
                .map(|m| format!("{m:>7} MiB resident"))
                .unwrap_or_default();
            eprintln!(
                "  {stage:<14} {:>9.1} ms  {memory}",
                t.as_secs_f64() * 1000.0
            );
        }
    }
    let failed = errors > 0 || (site.strict && warnings > 0);
    if failed {
        let why = if errors > 0 {
            format!("{errors} error{}", if errors == 1 { "" } else { "s" })
        } else {
            format!(
                "{warnings} warning{} (--strict)",
                if warnings == 1 { "" } else { "s" }
            )
        };
        eprintln!(
            "{verb} failed: {why}, {warnings} warning{}. Nothing was written; the previous output is unchanged.",
            if warnings == 1 { "" } else { "s" }
        );
        return ExitCode::from(1);
    }
    let pages: usize = report.pages.iter().map(|(_, n)| n).sum();
    let detail: Vec<String> = report
        .pages
        .iter()
        .map(|(k, n)| format!("{k} {n}"))
        .collect();
    let secs = elapsed.as_secs_f64();
    match verb {
        "build" => println!(
            "Built {pages} pages ({}) and {} files in all into {} in {secs:.2} s; {warnings} warning{}.",
            detail.join(", "),
            report.files,
            options.output_dir().display(),
            if warnings == 1 { "" } else { "s" }
        ),
        _ => println!(
            "Checked: {pages} pages would be built ({}); {warnings} warning{}; {secs:.2} s.",
            detail.join(", "),
            if warnings == 1 { "" } else { "s" }
        ),
    }
    ExitCode::SUCCESS
}

fn import(root: &std::path::Path, file: &std::path::Path, dry_run: bool, force: bool) -> ExitCode {
    use bangvang::import::{self, Action};
    let styled = std::io::stderr().is_terminal();
    let planned = match import::plan(root, file) {
        Ok(p) => p,
        Err(diagnostics) => {
            for d in &diagnostics {
                eprintln!("{}\n", d.render(styled));
            }
            let errors = diagnostics.iter().filter(|d| d.is_error()).count();
            eprintln!(
                "import failed: {errors} error{}. Nothing was written.",
                if errors == 1 { "" } else { "s" }
            );
            return ExitCode::from(1);
        }
    };
    let label = |a: &Action| match a {
        Action::Create => "new",
        Action::Unchanged => "unchanged",
        Action::Replace => "replace",
    };
    if dry_run {
        for p in &planned {
            println!("# {} ({})\n{}", p.path.display(), label(&p.action), p.text);
        }
        println!(
            "Dry run: {} decision file{} would be written; nothing was written.",
            planned.len(),
            if planned.len() == 1 { "" } else { "s" }
        );
        return ExitCode::SUCCESS;
    }
    if let Err(d) = import::write(&planned, force) {
        eprintln!("{}", d.render(styled));
        return ExitCode::from(1);
    }
    for p in &planned {
        println!("{:<9} {}", label(&p.action), p.path.display());
    }
    let inside = std::fs::canonicalize(file)
        .ok()
        .zip(std::fs::canonicalize(root.join("content")).ok())
        .is_some_and(|(f, c)| f.starts_with(c));
    if inside {
        println!(
            "Note: {} is inside content/; move it out of content/ so that its decisions are not read twice.",
            file.display()
        );
    }
    ExitCode::SUCCESS
}
