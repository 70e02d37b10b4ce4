//! The command line: `play` (the app, default), `run` (headless), `check` (validate files).

use std::io::Write;
use std::path::{Path, PathBuf};

use clap::{Parser, Subcommand};

use crate::runner::{self, RunConfig};
use crate::scenario::{self, Scenario};

#[derive(Debug, Parser)]
#[command(
    name = "breakglass",
    version,
    about = "A tabletop crisis-simulation game for atrocity prevention on social media",
    long_about = "A tabletop crisis-simulation game for atrocity prevention on social media.\n\
                  With no command, opens the control room on the default scenario."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Open the control room (the default when no command is given).
    Play(PlayArgs),
    /// Run a scenario headless and print or write its outcomes.
    Run(RunArgs),
    /// Validate scenario files; exit 0 when all are valid, 1 otherwise.
    Check {
        /// Files to check.
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
}

#[derive(Debug, Clone, clap::Args, Default)]
pub struct PlayArgs {
    /// Scenario file (default: the built-in default scenario).
    pub scenario: Option<PathBuf>,
    /// Seed (default: the scenario's).
    #[arg(long)]
    pub seed: Option<u64>,
    /// Save a screenshot of the window to this PNG file, then exit.
    #[arg(long, value_name = "FILE.png")]
    pub screenshot: Option<PathBuf>,
    /// With --screenshot: turns to run before the screenshot is taken.
    #[arg(long, default_value_t = 0)]
    pub after_turns: u32,
    /// Window size, e.g. 1280x720 or 1920x1080.
    #[arg(long, default_value = "1280x720")]
    pub size: String,
}

#[derive(Debug, clap::Args)]
pub struct RunArgs {
    /// Scenario file.
    pub scenario: PathBuf,
    /// Seed of the first run (default: the scenario's); run i uses seed + i.
    #[arg(long)]
    pub seed: Option<u64>,
    /// Number of runs (Monte Carlo over seeds).
    #[arg(long, default_value_t = 1)]
    pub runs: u32,
    /// Override the scenario's number of turns.
    #[arg(long)]
    pub turns: Option<u32>,
    /// Print exactly one JSON object on stdout.
    #[arg(long)]
    pub json: bool,
    /// Write outcomes.csv and series.csv into this directory.
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// Refuse worlds that would need more memory than this.
    #[arg(long, default_value_t = crate::sim::DEFAULT_MEMORY_LIMIT_MIB)]
    pub max_memory_mib: u64,
    /// Worker threads (default: all cores). Results do not depend on it.
    #[arg(long)]
    pub threads: Option<usize>,
}

/// Parse arguments, run, return the process exit code.
pub fn main() -> i32 {
    let cli = Cli::parse();
    match cli.command.unwrap_or(Command::Play(PlayArgs::default())) {
        Command::Play(args) => play(args),
        Command::Run(args) => match run(&args) {
            Ok(()) => 0,
            Err(e) => {
                eprintln!("error: {e:#}");
                1
            }
        },
        Command::Check { files } => check(&files),
    }
}

/// Load a scenario from a path, or the built-in default when none is given.
pub fn load_scenario(
    path: Option<&Path>,
    memory_limit_mib: u64,
) -> Result<Scenario, scenario::LoadError> {
    match path {
        Some(p) => Ok(scenario::load_with_limit(p, memory_limit_mib)?.scenario),
        None => {
            let on_disk = Path::new(crate::DEFAULT_SCENARIO_PATH);
            if on_disk.exists() {
                Ok(scenario::load_with_limit(on_disk, memory_limit_mib)?.scenario)
            } else {
                scenario::from_str_with_limit(
                    crate::DEFAULT_SCENARIO_PATH,
                    crate::DEFAULT_SCENARIO_TEXT,
                    memory_limit_mib,
                )
            }
        }
    }
}

fn run(args: &RunArgs) -> anyhow::Result<()> {
    let scenario = load_scenario(Some(&args.scenario), args.max_memory_mib)?;
    if args.runs == 0 {
        anyhow::bail!("--runs must be at least 1");
    }
    if args.turns == Some(0) {
        anyhow::bail!("--turns must be at least 1");
    }
    let mut config = RunConfig::new(args.seed.unwrap_or(scenario.seed), args.runs);
    config.turns = args.turns;
    config.memory_limit_mib = args.max_memory_mib;
    if let Some(t) = args.threads {
        config.threads = t.max(1);
    }
    let results = runner::run_many(&scenario, &config, |done, total| {
        eprintln!("run {done}/{total} done");
    })?;
    if let Some(dir) = &args.out {
        runner::write_csv(dir, &results)?;
        eprintln!("wrote {}/outcomes.csv and series.csv", dir.display());
    }
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    if args.json {
        let doc = runner::to_json(&scenario.name, &results);
        serde_json::to_writer(&mut out, &doc)?;
        writeln!(out)?;
    } else {
        writeln!(
            out,
            "{} — {} run(s), {} turns",
            scenario.name,
            results.len(),
            results.first().map_or(0, |r| r.series.len())
        )?;
        runner::write_table(&mut out, &results)?;
    }
    Ok(())
}

fn check(files: &[PathBuf]) -> i32 {
    let mut ok = true;
    for f in files {
        match scenario::load(f) {
            Ok(_) => eprintln!("{}: ok", f.display()),
            Err(e) => {
                ok = false;
                eprintln!("{e}");
            }
        }
    }
    if ok { 0 } else { 1 }
}

#[cfg(feature = "gui")]
fn play(args: PlayArgs) -> i32 {
    match crate::app::run(args) {
        Ok(()) => 0,
        Err(e) => {
            eprintln!("error: {e:#}");
            1
        }
    }
}

#[cfg(not(feature = "gui"))]
fn play(_args: PlayArgs) -> i32 {
    eprintln!(
        "error: this build has no window (built without the `gui` feature); use `breakglass run`"
    );
    2
}
