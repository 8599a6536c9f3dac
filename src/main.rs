//! The `bangvang` command: parses the command line, runs the library, prints
//! the diagnostics and a summary, and sets the exit code (0 success, 1
//! content errors, 2 usage errors).

mod cli;

use bangvang::{BuildOptions, BuildReport};
use clap::Parser;
use cli::{Cli, Command, SiteArgs};
use std::process::ExitCode;

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
        Command::New {
            kind,
            name,
            root,
            bundle,
        } => return new(&root, kind, &name, bundle),
        Command::Init { dir } => return init(&dir),
        Command::Serve {
            root,
            port,
            bind,
            drafts,
            open,
            now,
        } => {
            let options = bangvang::ServeOptions {
                root,
                port,
                bind,
                drafts,
                open,
                now,
            };
            return match bangvang::serve(options) {
                Ok(()) => ExitCode::SUCCESS,
                Err(d) => {
                    eprintln!("{}", d.render(bangvang::styled()));
                    ExitCode::from(1)
                }
            };
        }
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
    let styled = bangvang::styled();
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
    let images = report.images;
    if images.processed + images.cached > 0 {
        println!(
            "Images: {} processed, {} from the cache (.bangvang-cache/).",
            images.processed, images.cached
        );
    }
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
    use bangvang::Action;
    let styled = bangvang::styled();
    let planned = match bangvang::plan_import(root, file) {
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
    if let Err(d) = bangvang::write_import(&planned, force) {
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

fn new(root: &std::path::Path, kind: bangvang::NewKind, name: &str, bundle: bool) -> ExitCode {
    match bangvang::new_file(root, kind, name, bundle) {
        Ok(created) => {
            println!("Wrote {}", created.path.display());
            println!("Fill in: {}.", created.fill_in.join("; "));
            println!(
                "Every field is explained in the file; `bangvang serve` shows it as it will look."
            );
            ExitCode::SUCCESS
        }
        Err(d) => {
            eprintln!("{}", d.render(bangvang::styled()));
            ExitCode::from(1)
        }
    }
}

fn init(dir: &std::path::Path) -> ExitCode {
    match bangvang::init(dir) {
        Ok(files) => {
            println!(
                "Made a new site in {} ({} files).",
                dir.display(),
                files.len()
            );
            println!("Next: cd {} && bangvang serve", dir.display());
            ExitCode::SUCCESS
        }
        Err(d) => {
            eprintln!("{}", d.render(bangvang::styled()));
            ExitCode::from(1)
        }
    }
}
