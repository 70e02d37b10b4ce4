//! The command line: `play` (the app, default), `run` (headless), `check` (validate files).

use std::io::Write;
use std::path::{Path, PathBuf};

mod sweeps;

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
    /// Open the control room and host browser seats: each team plays from its own browser.
    Host(HostArgs),
    /// Reopen a saved exercise session in the control room.
    Resume(ResumeArgs),
    /// Write the after-action report of a session (report.md, report.html, CSVs, chart PNGs).
    Report {
        /// A session file (sessions/*.session.ron).
        session: PathBuf,
        /// Output folder.
        #[arg(long, default_value = "report")]
        out: PathBuf,
        /// Add "your plan against the frontier": explore the scenario's portfolios within
        /// budget and place the teams' plan among them (takes a minute).
        #[arg(long)]
        frontier: bool,
        /// With --frontier: runs (seeds) per portfolio.
        #[arg(long, default_value_t = 4)]
        runs: u64,
        /// Add "what we don't know": which assumed parameters the teams' effect depends on
        /// most (Morris screening over MODEL.md §19's ranges; takes a minute).
        #[arg(long)]
        uncertainty: bool,
        /// The report's language (en, fr).
        #[arg(long, default_value = "en")]
        language: String,
    },
    /// Compare groups that played the same scenario (several session files): the groups side
    /// by side, their decisions told from their luck (each log replayed on other seeds), the
    /// decisions that mattered most; debrief.md, debrief.html, CSVs and chart PNGs.
    Debrief {
        /// Session files, one per group (sessions/*.session.ron).
        #[arg(required = true)]
        sessions: Vec<PathBuf>,
        /// Output folder.
        #[arg(long, default_value = "debrief")]
        out: PathBuf,
        /// Other seeds each group's decision log is replayed on.
        #[arg(long, default_value_t = crate::debrief::DEFAULT_SEEDS)]
        seeds: u64,
        /// Add each group's plan against the frontier (explore; takes minutes).
        #[arg(long)]
        frontier: bool,
        /// The debrief's language (en, fr).
        #[arg(long, default_value = "en")]
        language: String,
    },
    /// Run plans side by side (Monte Carlo over seeds) against doing nothing.
    Compare {
        scenario: PathBuf,
        /// A plan file; repeat for each plan to compare.
        #[arg(long, required = true)]
        plan: Vec<PathBuf>,
        /// Runs per plan (seeds seed..seed+R).
        #[arg(long, default_value_t = 10)]
        runs: u32,
        #[arg(long)]
        seed: Option<u64>,
        /// Write the table as CSV here.
        #[arg(long)]
        csv: Option<PathBuf>,
        /// Play every plan against this red plan (moves of team perpetrators) instead of the
        /// automatic adversary.
        #[arg(long, value_name = "RED_PLAN")]
        red: Option<PathBuf>,
        #[arg(long)]
        threads: Option<usize>,
        /// Run only shard K of N of the runs (every plan's and nobody's, K/N or auto) and
        /// write its part into --out; `breakglass merge` puts the parts together.
        #[arg(long, value_name = "K/N", requires = "out")]
        shard: Option<String>,
        /// With --shard: the folder the part is written to.
        #[arg(long, value_name = "DIR", requires = "shard")]
        out: Option<PathBuf>,
    },
    /// Validate scenario and plan files; exit 0 when all are valid, 1 otherwise.
    Check {
        /// Files to check (scenarios or plans; plans start with `Plan(`).
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Scenario that plans are checked against (default: the default scenario).
        #[arg(long)]
        scenario: Option<PathBuf>,
    },
    /// Run the calibration experiments (published effects) and print reference vs ours.
    Calibrate {
        /// Fewer replicates (what the tests run).
        #[arg(long)]
        quick: bool,
        /// Scenario to calibrate on (default: the default scenario).
        #[arg(long)]
        scenario: Option<PathBuf>,
        /// Print the rows as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Search lever portfolios within the teams' budgets for the scenario's key outcome and
    /// print the frontier between it and what the portfolios cost civilians.
    Explore {
        scenario: PathBuf,
        /// Runs (seeds) per portfolio.
        #[arg(long, default_value_t = 4)]
        runs: u64,
        /// Single levers kept for the greedy search after screening all of them.
        #[arg(long, default_value_t = 12)]
        width: usize,
        /// Override a team's budget: TEAM=POINTS (repeatable), e.g. --budget platform=20.
        #[arg(long, value_name = "TEAM=POINTS")]
        budget: Vec<String>,
        /// Write the best portfolio found as a plan file.
        #[arg(long, value_name = "FILE")]
        plan_out: Option<PathBuf>,
        /// Print one JSON object instead of tables.
        #[arg(long)]
        json: bool,
        /// Score every portfolio against this red plan instead of the automatic adversary.
        #[arg(long, value_name = "RED_PLAN")]
        red: Option<PathBuf>,
        #[arg(long)]
        threads: Option<usize>,
    },
    /// Which assumed parameters drive the scenario's key outcomes (Morris screening or Sobol
    /// indices over the ranges MODEL.md states), or check the estimators on Ishigami's function.
    Sensitivity {
        /// Scenario file (the built-in default when omitted).
        scenario: Option<PathBuf>,
        /// morris (r trajectories, cheap screening) or sobol (Saltelli sampling, N base rows).
        #[arg(long, value_enum, default_value_t = Method::Morris)]
        method: Method,
        /// Morris trajectories, or Sobol base rows N.
        #[arg(long)]
        samples: Option<usize>,
        /// Runs (seeds, the same for every point) averaged per point.
        #[arg(long, default_value_t = 2)]
        seeds: u64,
        /// Measure a plan's effect (outcome with the plan minus with nobody acting) instead of
        /// the outcomes themselves: which assumptions the teams' result depends on.
        #[arg(long, value_name = "FILE")]
        plan: Option<PathBuf>,
        /// Seed of the parameter sample.
        #[arg(long, default_value_t = 1)]
        sample_seed: u64,
        /// Check the Sobol estimators on the Ishigami function against its analytic indices
        /// (and write the sample for SALib with --sample-out).
        #[arg(long)]
        check: bool,
        /// With --check: write ishigami_sample.csv, ishigami_y.csv and ours.json here.
        #[arg(long, value_name = "DIR")]
        sample_out: Option<PathBuf>,
        /// Print one JSON object instead of tables.
        #[arg(long)]
        json: bool,
        #[arg(long)]
        threads: Option<usize>,
        /// Run only shard K of N of the design (K/N, or auto: Slurm's or Kubernetes' index)
        /// and write its part into --out; `breakglass merge` puts the parts together.
        #[arg(long, value_name = "K/N", requires = "out")]
        shard: Option<String>,
        /// With --shard: the folder the part is written to.
        #[arg(long, value_name = "DIR", requires = "shard")]
        out: Option<PathBuf>,
    },
    /// Put a sharded sweep back together: check that every part is of one design, list the
    /// runs still missing (and the shards to rerun), and print exactly what the unsharded
    /// command prints.
    Merge {
        /// Folders holding the parts (part-*.json).
        #[arg(required = true)]
        dirs: Vec<PathBuf>,
        /// Print one JSON object instead of tables (as the sweep's --json).
        #[arg(long)]
        json: bool,
        /// For `run`'s parts: write outcomes.csv and series.csv here (as its --out).
        #[arg(long, value_name = "DIR")]
        out: Option<PathBuf>,
        /// For `compare`'s parts: write the table as CSV here (as its --csv).
        #[arg(long, value_name = "FILE")]
        csv: Option<PathBuf>,
        /// For `levers`' parts: the Markdown of MODEL.md only (as its --markdown).
        #[arg(long)]
        markdown: bool,
    },
    /// The report's cautions and the field's findings as experiments: each lesson, its
    /// source, the two arms compared, the expected direction, ours ± s.e. and pass or fail.
    /// Exit status 1 when a lesson fails.
    Lessons {
        /// Fewer seeds (what the tests run).
        #[arg(long)]
        quick: bool,
        /// Print the rows as JSON.
        #[arg(long)]
        json: bool,
        /// Print the table as the Markdown of MODEL.md §14.
        #[arg(long, conflicts_with = "json")]
        markdown: bool,
        /// Run only shard K of N of the lessons' runs (K/N, or auto) and write its part into
        /// --out; `breakglass merge` puts the parts together.
        #[arg(long, value_name = "K/N", requires = "out")]
        shard: Option<String>,
        /// With --shard: the folder the part is written to.
        #[arg(long, value_name = "DIR", requires = "shard")]
        out: Option<PathBuf>,
    },
    /// What each lever teaches: every lever alone on every library scenario against nobody
    /// acting (a lever that works through others with them in force), and the checks that the
    /// catalog's declared effects show, that no protective tool is a trap and that every tool
    /// has its moment. Exit status 1 when a check fails.
    Levers {
        /// Runs (seeds) per cell.
        #[arg(long, default_value_t = crate::verdicts::SEEDS)]
        seeds: u64,
        /// Print the table as the Markdown of MODEL.md §14 only.
        #[arg(long)]
        markdown: bool,
        #[arg(long)]
        threads: Option<usize>,
        /// Run only shard K of N of the table's runs (K/N, or auto) and write its part into
        /// --out; `breakglass merge` puts the parts together.
        #[arg(long, value_name = "K/N", requires = "out")]
        shard: Option<String>,
        /// With --shard: the folder the part is written to.
        #[arg(long, value_name = "DIR", requires = "shard")]
        out: Option<PathBuf>,
    },
    /// A designer's dry run: the scenario with nobody acting (risk and harm curves), the levers
    /// that pay most on its key outcomes and on harm, the lessons this world shows, when its
    /// injects fire, and what to fix before the exercise. Seconds for a 20 000-account world.
    Preview {
        scenario: PathBuf,
        /// Runs (seeds) per arm.
        #[arg(long, default_value_t = crate::preview::SEEDS)]
        seeds: u64,
        /// Print one JSON object instead of text.
        #[arg(long)]
        json: bool,
        #[arg(long)]
        threads: Option<usize>,
    },
    /// The exercise's documents, written from the scenario: a situation manual for players, a
    /// controller and evaluator handbook (the MSEL, the scripted events, P/S/M/U rating
    /// sheets), and one briefing card per team, each as Markdown and printable HTML.
    Handbook {
        scenario: PathBuf,
        /// Output folder.
        #[arg(long, default_value = "handbook")]
        out: PathBuf,
        /// Language of the documents (en, fr).
        #[arg(long, default_value = "en")]
        language: String,
    },
    /// The Master Scenario Events List as a spreadsheet: export it, or import the injects a
    /// facilitator keeps in Excel or CSV (every bad cell named before anything is written).
    Msel {
        #[command(subcommand)]
        action: MselAction,
    },
    /// Print the intervention catalog.
    Catalog {
        /// One JSON array on stdout.
        #[arg(long)]
        json: bool,
        /// The catalog as the Markdown section of MODEL.md.
        #[arg(long, conflicts_with = "json")]
        markdown: bool,
        /// The perpetrator moves (the red cell's catalog) instead of the interventions.
        #[arg(long)]
        red: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum MselAction {
    /// Write a scenario's injects as a spreadsheet (.csv or .xlsx, by the file's extension).
    Export {
        scenario: PathBuf,
        #[arg(long, value_name = "FILE.csv|FILE.xlsx")]
        out: PathBuf,
        /// The language of the team and lever names written beside their ids (en, fr).
        #[arg(long, default_value = "en")]
        language: String,
    },
    /// Read injects from a spreadsheet (.csv or .xlsx) into a scenario: its injects are
    /// replaced and the rest of the file is kept. Library scenarios are never overwritten.
    Import {
        /// The MSEL sheet (the first worksheet of an .xlsx).
        file: PathBuf,
        /// The scenario the injects go into.
        #[arg(long)]
        into: PathBuf,
        /// Write the new scenario here (default: the --into file itself).
        #[arg(long, value_name = "NEW.ron")]
        out: Option<PathBuf>,
        /// A sheet header read as one of our columns, e.g. --map "Inject No=sequence"
        /// (columns: sequence, trigger, type, delivery, from, to, description, expected,
        /// expected_ids, objective, controller, notes, effect). Repeatable.
        #[arg(long, value_name = "HEADER=COLUMN")]
        map: Vec<String>,
    },
}

/// How `breakglass sensitivity` screens the assumed parameters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Method {
    /// Morris elementary effects: r trajectories, a cheap screening.
    Morris,
    /// Sobol indices from Saltelli sampling: N base rows.
    Sobol,
}

impl Method {
    fn name(self) -> &'static str {
        match self {
            Method::Morris => "morris",
            Method::Sobol => "sobol",
        }
    }
}

#[derive(Debug, Clone, clap::Args)]
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
    /// A plan whose decisions are applied as the clock reaches their turns.
    #[arg(long)]
    pub plan: Option<PathBuf>,
    /// With --screenshot: the interface language (en, fr).
    #[arg(long)]
    pub language: Option<String>,
    /// With --screenshot: show a tab on the right (outcomes, feed, network, log, facilitator),
    /// the briefing view, the scenario editor (editor), or the rehearsal of the first inject
    /// (rehearsal).
    #[arg(long)]
    pub tab: Option<String>,
    /// Start with large text (for projectors).
    #[arg(long)]
    pub large_text: bool,
    /// With --screenshot: first run the clock at full speed for 120 frames and log the UI pass,
    /// model and frame times.
    #[arg(long)]
    pub measure: bool,
}

/// Where and how the browser seats are served.
#[derive(Debug, Clone, clap::Args)]
pub struct SeatArgs {
    /// Port of the seats' server.
    #[arg(long, default_value_t = crate::DEFAULT_SEAT_PORT)]
    pub port: u16,
    /// Address to listen on. The default serves this computer only; 0.0.0.0 lets laptops and
    /// phones on the room's network join.
    #[arg(long, default_value = "127.0.0.1")]
    pub bind: std::net::IpAddr,
    /// Seconds a decision phase lasts before the next turn starts anyway (0: until every
    /// joined team is ready or the facilitator plays the turn).
    #[arg(long, default_value_t = 0, value_parser = clap::value_parser!(u32).range(0..=86_400))]
    pub decision_seconds: u32,
}

#[derive(Debug, Clone, clap::Args)]
pub struct HostArgs {
    #[command(flatten)]
    pub play: PlayArgs,
    #[command(flatten)]
    pub seats: SeatArgs,
}

#[derive(Debug, Clone, clap::Args)]
pub struct ResumeArgs {
    /// The session file.
    pub session: PathBuf,
    /// Open the browser seats (a session that had seats reopens them anyway, with the same codes).
    #[arg(long)]
    pub host: bool,
    #[command(flatten)]
    pub seats: SeatArgs,
    /// Window size, e.g. 1280x720 or 1920x1080.
    #[arg(long, default_value = "1280x720")]
    pub size: String,
    /// Save a screenshot of the window to this PNG file, then exit.
    #[arg(long, value_name = "FILE.png")]
    pub screenshot: Option<PathBuf>,
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
    /// A plan file of timed commands to apply.
    #[arg(long)]
    pub plan: Option<PathBuf>,
    /// Enable an intervention with default parameters, region-wide, at a turn (default 0):
    /// ID or ID@TURN. Repeatable.
    #[arg(long, value_name = "ID[@TURN]")]
    pub enable: Vec<String>,
    /// Needed with --enable for break-glass measures.
    #[arg(long)]
    pub confirm_break_glass: bool,
    /// Lift the teams' capacity budgets (as the facilitator can): measures beyond a team's
    /// capacity are accepted but spread thin.
    #[arg(long)]
    pub waive_budgets: bool,
    /// Record the run as an exercise session here (saved after every turn; one run only).
    #[arg(long, value_name = "FILE")]
    pub session: Option<PathBuf>,
    /// With --session: wait this long after each turn (to watch, or to test a killed process).
    #[arg(long, default_value_t = 0)]
    pub turn_delay_ms: u64,
    /// Run only shard K of N of the runs (K/N, or auto: Slurm's or Kubernetes' index) and
    /// write its part into --out; `breakglass merge` puts the parts together.
    #[arg(long, value_name = "K/N", requires = "out", conflicts_with = "session")]
    pub shard: Option<String>,
}

/// Parse arguments, run, return the process exit code.
pub fn main() -> i32 {
    let cli = Cli::parse();
    let default_play = || {
        Cli::parse_from(["breakglass", "play"])
            .command
            .expect("play parses")
    };
    match cli.command.unwrap_or_else(default_play) {
        Command::Play(args) => play(args),
        Command::Run(args) => exit_code(run(&args)),
        Command::Check { files, scenario } => check(&files, scenario.as_deref()),
        Command::Host(args) => host(args),
        Command::Resume(args) => resume(args),
        Command::Debrief {
            sessions,
            out,
            seeds,
            frontier,
            language,
        } => exit_code(debrief(&sessions, &out, seeds, frontier, &language)),
        Command::Report {
            session,
            out,
            frontier,
            runs,
            uncertainty,
            language,
        } => exit_code(write_report(
            &session,
            &out,
            frontier.then_some(runs),
            uncertainty,
            &language,
        )),
        Command::Msel { action } => msel(action),
        Command::Catalog {
            json,
            markdown,
            red,
        } => catalog(json, markdown, red),
        experiment => experiments(experiment),
    }
}

/// The experiments and documents: compare, calibrate, handbook, preview, lessons, levers
/// (the designer's tools go on to `designer`).
fn experiments(command: Command) -> i32 {
    match command {
        Command::Compare {
            scenario,
            plan,
            runs,
            seed,
            csv,
            red,
            threads,
            shard,
            out,
        } => exit_code(compare(
            &scenario,
            (&plan, red.as_deref()),
            (runs, seed, threads),
            csv.as_deref(),
            shard
                .as_deref()
                .zip(out.as_deref())
                .map(|(shard, out)| sweeps::ShardArgs { shard, out }),
        )),
        Command::Calibrate {
            quick,
            scenario,
            json,
        } => calibrate(quick, scenario.as_deref(), json),
        Command::Handbook {
            scenario,
            out,
            language,
        } => exit_code(handbook(&scenario, &out, &language)),
        Command::Preview {
            scenario,
            seeds,
            json,
            threads,
        } => exit_code(preview(&scenario, seeds, json, threads)),
        Command::Lessons {
            quick,
            shard: Some(shard),
            out: Some(out),
            ..
        } => exit_code(sweeps::lessons_shard(
            quick,
            sweeps::ShardArgs {
                shard: &shard,
                out: &out,
            },
        )),
        Command::Lessons {
            quick,
            json,
            markdown,
            ..
        } => lessons(quick, json, markdown),
        Command::Levers {
            seeds,
            threads,
            shard: Some(shard),
            out: Some(out),
            ..
        } => exit_code(sweeps::levers_shard(
            seeds,
            threads,
            sweeps::ShardArgs {
                shard: &shard,
                out: &out,
            },
        )),
        Command::Levers {
            seeds,
            markdown,
            threads,
            ..
        } => levers(seeds, markdown, threads),
        tool => designer(tool),
    }
}

/// The designer's tools: explore and sensitivity.
fn designer(command: Command) -> i32 {
    match command {
        Command::Explore {
            scenario,
            runs,
            width,
            budget,
            plan_out,
            json,
            red,
            threads,
        } => exit_code(explore(
            &scenario,
            (runs, width),
            &budget,
            (plan_out.as_deref(), red.as_deref()),
            json,
            threads,
        )),
        Command::Sensitivity {
            scenario,
            method,
            samples,
            seeds,
            plan,
            sample_seed,
            check,
            sample_out,
            json,
            threads,
            shard,
            out,
        } => exit_code(if check {
            sweeps::sensitivity_check(samples.unwrap_or(8192), sample_seed, sample_out.as_deref())
        } else {
            let shard = shard.as_deref().zip(out.as_deref());
            sweeps::sensitivity(
                scenario.as_deref(),
                method,
                (samples, seeds, sample_seed),
                plan.as_deref(),
                (json, threads),
                shard.map(|(shard, out)| sweeps::ShardArgs { shard, out }),
            )
        }),
        Command::Merge {
            dirs,
            json,
            out,
            csv,
            markdown,
        } => exit_code(sweeps::merge(
            &dirs,
            (json, markdown),
            (out.as_deref(), csv.as_deref()),
        )),
        _ => unreachable_command(),
    }
}

/// A command `main` routes elsewhere (never reached: `main` matches every other one).
fn unreachable_command() -> i32 {
    eprintln!("error: this command is handled by main");
    2
}

/// The exit code of a command: 0, or 1 with the error printed.
fn exit_code(result: anyhow::Result<()>) -> i32 {
    match result {
        Ok(()) => 0,
        // Bad arguments clap could not check itself: usage errors, as clap's are.
        Err(e) if e.is::<UsageError>() => {
            eprintln!("error: {e:#}");
            2
        }
        Err(e) => {
            eprintln!("error: {e:#}");
            1
        }
    }
}

/// An argument clap cannot check (such as `--shard 5/4`): exit status 2, like clap's.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct UsageError(pub String);

/// `breakglass catalog`: as text, JSON or MODEL.md's Markdown section.
fn catalog(json: bool, markdown: bool, red: bool) -> i32 {
    use crate::catalog_doc::red as moves;
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let result = if red {
        if json {
            serde_json::to_writer_pretty(&mut out, &moves::to_json())
                .map_err(std::io::Error::other)
                .and_then(|_| writeln!(out))
        } else if markdown {
            write!(out, "{}", moves::to_markdown())
        } else {
            write!(out, "{}", moves::to_text())
        }
    } else if json {
        serde_json::to_writer_pretty(&mut out, &crate::catalog_doc::to_json())
            .map_err(std::io::Error::other)
            .and_then(|_| writeln!(out))
    } else if markdown {
        write!(out, "{}", crate::catalog_doc::to_markdown())
    } else {
        write!(out, "{}", crate::catalog_doc::to_text())
    };
    i32::from(result.is_err())
}

/// Load a scenario from a path, or the built-in default when none is given.
fn preview(path: &Path, seeds: u64, json: bool, threads: Option<usize>) -> anyhow::Result<()> {
    let s = scenario::load_or_default(Some(path), crate::sim::DEFAULT_MEMORY_LIMIT_MIB)?;
    let name = format!("{} ({})", s.name, path.display());
    if !(1..=100).contains(&seeds) {
        anyhow::bail!("--seeds must be 1 to 100, got {seeds}");
    }
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads.unwrap_or(0))
        .build()?;
    let p = pool
        .install(|| crate::preview::preview(&name, &s, seeds))
        .map_err(anyhow::Error::msg)?;
    if json {
        println!("{}", serde_json::to_string(&p)?);
    } else {
        print!("{}", crate::preview::to_text(&p));
    }
    Ok(())
}

fn handbook(path: &Path, out: &Path, language: &str) -> anyhow::Result<()> {
    let s = scenario::load_or_default(Some(path), crate::sim::DEFAULT_MEMORY_LIMIT_MIB)?;
    let mut tr = crate::view::i18n::I18n::load();
    if !tr.set_language(language) {
        anyhow::bail!(
            "--language {language}: not one of {}",
            tr.codes().join(", ")
        );
    }
    let written = crate::handbook::write(&s, &tr, out).map_err(anyhow::Error::msg)?;
    println!(
        "wrote the handbook of {} ({} files) to {}",
        s.name,
        written.len(),
        out.display()
    );
    Ok(())
}

fn msel(action: MselAction) -> i32 {
    let mut tr = crate::view::i18n::I18n::load();
    let result = match action {
        MselAction::Export {
            scenario,
            out,
            language,
        } => {
            let known = tr.set_language(&language);
            let names = tr.msel_names();
            scenario::load_or_default(Some(&scenario), u64::MAX)
                .map_err(|e| e.to_string())
                .and_then(|s| {
                    if !known {
                        return Err(format!(
                            "--language {language}: not one of {}",
                            tr.codes().join(", ")
                        ));
                    }
                    scenario::msel::export(&s, &names, &out)?;
                    Ok(format!(
                        "wrote {} injects of {} to {}",
                        s.injects.len(),
                        s.name,
                        out.display()
                    ))
                })
        }
        MselAction::Import {
            file,
            into,
            out,
            map,
        } => scenario::msel::import_file(&file, &into, out.as_deref(), &map, &tr.msel_names()).map(
            |w| {
                let mut msg = format!("wrote {} injects into {}", w.injects, w.path.display());
                if !w.ignored.is_empty() {
                    msg.push_str(&format!(
                        "\ncolumns not read: {} (map one with --map \"HEADER=COLUMN\")",
                        w.ignored.join(", ")
                    ));
                }
                msg
            },
        ),
    };
    match result {
        Ok(msg) => {
            println!("{msg}");
            0
        }
        Err(e) => {
            eprintln!("error: {e}");
            1
        }
    }
}

fn run(args: &RunArgs) -> anyhow::Result<()> {
    let scenario = scenario::load_or_default(Some(&args.scenario), args.max_memory_mib)?;
    if args.runs == 0 {
        anyhow::bail!("--runs must be at least 1");
    }
    if let Some(t) = args.turns
        && !(1..=10_000).contains(&t)
    {
        anyhow::bail!("--turns must be between 1 and 10000, got {t}");
    }
    let mut config = RunConfig::new(args.seed.unwrap_or(scenario.seed), args.runs);
    config.turns = args.turns;
    let mut checked = scenario.clone();
    if let Some(t) = args.turns {
        checked.turns = t as i64;
    }
    if args.waive_budgets {
        // Plans are checked as if every team had all the capacity it could want; the run itself
        // starts with the facilitator's waiver, so over-committed teams are spread thin.
        checked.budgets = crate::sim::interventions::Budgets::UNLIMITED;
        config.plan.push(crate::sim::command::Command {
            turn: 0,
            team: crate::sim::interventions::Team::Facilitator,
            action: crate::sim::command::Action::WaiveBudgets { waived: true },
            rationale: "--waive-budgets".into(),
        });
    }
    if let Some(plan) = &args.plan {
        config
            .plan
            .extend(scenario::plan::load_plan(plan, &checked)?);
    }
    if !args.enable.is_empty() {
        config.plan.extend(enable_shortcuts(
            &args.enable,
            args.confirm_break_glass,
            &checked,
        )?);
    }
    config.memory_limit_mib = args.max_memory_mib;
    if let Some(t) = args.threads {
        config.threads = t.max(1);
    }
    if let Some(path) = &args.session {
        return record_session(path, args, &scenario, &config);
    }
    if let (Some(shard), Some(out)) = (&args.shard, &args.out) {
        let args = sweeps::ShardArgs { shard, out };
        return sweeps::run_shard(&scenario, &config, args);
    }
    let results = runner::run_many(&scenario, &config)?;
    print_runs(&scenario.name, &results, args.json, args.out.as_deref())
}

/// What `run` prints (a table or one JSON object) and writes (`--out`: the CSVs).
fn print_runs(
    name: &str,
    results: &[runner::RunResult],
    json: bool,
    csv: Option<&Path>,
) -> anyhow::Result<()> {
    if let Some(dir) = csv {
        runner::write_csv(dir, results)?;
        eprintln!("wrote {}/outcomes.csv and series.csv", dir.display());
    }
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    if json {
        let doc = runner::to_json(name, results);
        serde_json::to_writer(&mut out, &doc)?;
        writeln!(out)?;
    } else {
        writeln!(
            out,
            "{} — {} run(s), {} turns",
            name,
            results.len(),
            results.first().map_or(0, |r| r.series.len())
        )?;
        runner::write_table(&mut out, results)?;
    }
    Ok(())
}

/// One run, saved as a session after every turn (the same saving the app does).
fn record_session(
    path: &Path,
    args: &RunArgs,
    scenario: &Scenario,
    config: &RunConfig,
) -> anyhow::Result<()> {
    if args.runs != 1 {
        anyhow::bail!("--session records one run; drop --runs");
    }
    // The session keeps the whole scenario (a shorter copy would refuse its own later injects
    // when opened); `--turns` stops the recording early, as a paused exercise, which `resume`
    // can carry on.
    let seed = config.seeds[0];
    let mut world = crate::sim::World::with_limit(scenario, seed, config.memory_limit_mib)?;
    let stop = config.turns.unwrap_or(u32::MAX);
    world.schedule(config.plan.clone());
    let mut session = crate::session::SessionFile::new(
        &args.scenario.display().to_string(),
        scenario,
        seed,
        crate::session::now_utc().0,
    );
    session.record(&world);
    session.save(path)?;
    while !world.finished() && world.turn < stop {
        world.step();
        world.apply_due();
        session.record(&world);
        session.save(path)?;
        eprintln!(
            "turn {}/{} saved to {}",
            world.turn,
            world.turns(),
            path.display()
        );
        if args.turn_delay_ms > 0 {
            std::thread::sleep(std::time::Duration::from_millis(args.turn_delay_ms));
        }
    }
    Ok(())
}

fn debrief(
    sessions: &[PathBuf],
    out: &Path,
    seeds: u64,
    frontier: bool,
    language: &str,
) -> anyhow::Result<()> {
    let mut tr = crate::view::I18n::load();
    if !tr.set_language(language) {
        anyhow::bail!(
            "--language {language}: the debrief can be written in {}",
            tr.codes().join(", ")
        );
    }
    if !(2..=1000).contains(&seeds) {
        anyhow::bail!("--seeds must be between 2 and 1000, got {seeds}");
    }
    let started = std::time::Instant::now();
    let (groups, skipped) = crate::debrief::load(sessions);
    for s in &skipped {
        eprintln!("not compared: {}: {}", s.path.display(), s.reason);
    }
    let bar = indicatif::ProgressBar::new(0);
    bar.set_style(
        indicatif::ProgressStyle::with_template("{msg} [{bar:30}] {pos}/{len} replays, {eta}")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    bar.set_message("debrief");
    let progress = |done: usize, total: usize| {
        bar.set_length(total as u64);
        bar.set_position(done as u64);
    };
    let comparison =
        crate::debrief::compare(groups, skipped, seeds, frontier.then_some(4), &progress)?;
    bar.finish_and_clear();
    let written = crate::debrief::write(&comparison, &tr, out).map_err(anyhow::Error::msg)?;
    eprintln!(
        "compared {} group(s) over {} seeds in {:.1} s",
        comparison.groups.len(),
        comparison.seeds.len(),
        started.elapsed().as_secs_f64()
    );
    for p in written {
        println!("wrote {}", p.display());
    }
    Ok(())
}

fn write_report(
    session: &Path,
    out: &Path,
    frontier: Option<u64>,
    uncertainty: bool,
    language: &str,
) -> anyhow::Result<()> {
    let codes = crate::view::I18n::load().codes().join(", ");
    if !codes.split(", ").any(|c| c == language) {
        anyhow::bail!("--language {language}: the report can be written in {codes}");
    }
    let s = crate::session::SessionFile::load(session)?;
    let mut report = crate::report::Report::build(&s)?;
    report.set_language(language).map_err(anyhow::Error::msg)?;
    if let Some(runs) = frontier {
        if !(1..=1000).contains(&runs) {
            anyhow::bail!("--runs must be 1 to 1000, got {runs}");
        }
        eprintln!("exploring portfolios within budget ({runs} runs each)...");
        report = report.with_frontier(runs, 12);
    }
    if uncertainty {
        eprintln!("screening the assumptions behind the teams' effect...");
        report = report.with_uncertainty(10, 1);
    }
    for f in report.write(out)? {
        eprintln!("wrote {}", f.display());
    }
    Ok(())
}

/// A red plan: its moves (and the hand-over it implies); any other team's line is refused.
fn load_red_plan(
    path: &Path,
    scenario: &crate::scenario::Scenario,
) -> anyhow::Result<Vec<crate::sim::command::Command>> {
    use crate::sim::command::Action;
    use crate::sim::interventions::Team;
    let commands = scenario::plan::load_plan(path, scenario)?;
    if let Some(c) = commands
        .iter()
        .find(|c| c.team != Team::Perpetrators && !matches!(c.action, Action::RedCell { .. }))
    {
        anyhow::bail!(
            "{}: --red takes a red plan (moves of team perpetrators), but it has a {} decision at turn {}",
            path.display(),
            c.team.id(),
            c.turn
        );
    }
    if commands.is_empty() {
        anyhow::bail!("{}: a red plan with no moves", path.display());
    }
    Ok(commands)
}

/// The plans `compare` plays, each as a column of commands: nobody acting first, every plan
/// against the red plan when there is one.
type Columns = Vec<(String, Vec<crate::sim::command::Command>)>;

fn compare_columns(
    scenario: &Scenario,
    plans: &[PathBuf],
    red: Option<&Path>,
) -> anyhow::Result<Columns> {
    let red = red.map(|p| load_red_plan(p, scenario)).transpose()?;
    let against = red.unwrap_or_default();
    let mut columns: Columns = vec![("nobody acts".into(), against.clone())];
    for p in plans {
        let mut commands = scenario::plan::load_plan(p, scenario)?;
        commands.extend(against.iter().cloned());
        let name = p.file_stem().map_or_else(
            || p.display().to_string(),
            |s| s.to_string_lossy().to_string(),
        );
        columns.push((name, commands));
    }
    Ok(columns)
}

fn compare(
    scenario_path: &Path,
    (plans, red): (&[PathBuf], Option<&Path>),
    (runs, seed, threads): (u32, Option<u64>, Option<usize>),
    csv_path: Option<&Path>,
    shard: Option<sweeps::ShardArgs>,
) -> anyhow::Result<()> {
    let scenario =
        scenario::load_or_default(Some(scenario_path), crate::sim::DEFAULT_MEMORY_LIMIT_MIB)?;
    if runs == 0 {
        anyhow::bail!("--runs must be at least 1");
    }
    let columns = compare_columns(&scenario, plans, red)?;
    let mut config = RunConfig::new(seed.unwrap_or(scenario.seed), runs);
    if let Some(t) = threads {
        config.threads = t.max(1);
    }
    if let Some(args) = shard {
        return sweeps::compare_shard(&scenario, &columns, &config, red.is_some(), args);
    }
    let mut results = Vec::new();
    for (name, plan) in &columns {
        config.plan = plan.clone();
        eprintln!("{name}: {runs} run(s)");
        let r = runner::run_many(&scenario, &config)?;
        results.push(r.into_iter().map(|x| x.summary).collect());
    }
    let table = Compared {
        scenario: &scenario.name,
        red: red.is_some(),
        runs,
        names: columns.into_iter().map(|(n, _)| n).collect(),
        summaries: results,
    };
    print_compare(&table, csv_path)
}

/// `compare`'s table: each plan's runs' summaries, nobody acting first.
pub struct Compared<'a> {
    pub scenario: &'a str,
    pub red: bool,
    pub runs: u32,
    pub names: Vec<String>,
    pub summaries: Vec<Vec<crate::sim::metrics::Values>>,
}

/// The table `compare` prints (mean [p05–p95] per outcome and plan), and its CSV.
fn print_compare(t: &Compared, csv_path: Option<&Path>) -> anyhow::Result<()> {
    use crate::sim::metrics::Outcome;
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    writeln!(
        out,
        "{} — {} run(s) per plan; mean [p05–p95]; against {}",
        t.scenario,
        t.runs,
        if t.red {
            "the red plan"
        } else {
            "the automatic adversary"
        }
    )?;
    write!(out, "{:<30}", "outcome")?;
    for name in &t.names {
        write!(out, " {:>28}", name)?;
    }
    writeln!(out)?;
    let mut rows = Vec::new();
    for o in Outcome::ALL {
        write!(out, "{:<30}", o.name())?;
        let mut row = vec![o.name().to_string()];
        for r in &t.summaries {
            let sp = runner::spread(r.iter().map(|x| x[o]));
            let cell = format!("{:.3} [{:.3}–{:.3}]", sp.mean, sp.p05, sp.p95);
            write!(out, " {:>28}", cell)?;
            row.extend([sp.mean.to_string(), sp.p05.to_string(), sp.p95.to_string()]);
        }
        writeln!(out)?;
        rows.push(row);
    }
    if let Some(path) = csv_path {
        let mut w = csv::Writer::from_path(path)?;
        let mut header = vec!["outcome".to_string()];
        for name in &t.names {
            for q in ["mean", "p05", "p95"] {
                header.push(format!("{name}:{q}"));
            }
        }
        w.write_record(&header)?;
        for row in rows {
            w.write_record(&row)?;
        }
        w.flush()?;
        eprintln!("wrote {}", path.display());
    }
    Ok(())
}

#[cfg(feature = "gui")]
fn resume(args: ResumeArgs) -> i32 {
    window(|| {
        let mut o = crate::app::Options::new(crate::app::Launch::Session(args.session));
        o.size = parse_size(&args.size)?;
        o.screenshot = args.screenshot.map(|path| crate::app::Screenshot {
            path,
            after_turns: 0,
            measure: false,
        });
        o.seats = seat_config(&args.seats);
        o.open_seats = args.host;
        Ok(o)
    })
}

#[cfg(not(feature = "gui"))]
fn resume(_args: ResumeArgs) -> i32 {
    eprintln!(
        "error: this build has no window (built without the `gui` feature); use `breakglass report`"
    );
    2
}

fn lessons(quick: bool, json: bool, markdown: bool) -> i32 {
    let effort = if quick {
        crate::lessons::Effort::QUICK
    } else {
        crate::lessons::Effort::FULL
    };
    match crate::lessons::all(effort) {
        Ok(rows) => print_lessons(&rows, effort, (json, markdown)),
        Err(e) => {
            eprintln!("error: {e}");
            1
        }
    }
}

/// What `lessons` prints (rows as text, JSON or MODEL.md's Markdown); 1 when a lesson fails.
fn print_lessons(
    rows: &[crate::lessons::Row],
    effort: crate::lessons::Effort,
    (json, markdown): (bool, bool),
) -> i32 {
    let out = if json {
        let doc: Vec<serde_json::Value> = rows
            .iter()
            .map(|r| {
                let mut v = serde_json::to_value(r).unwrap_or_default();
                v["pass"] = serde_json::Value::Bool(r.pass());
                v["expected"] = serde_json::Value::String(r.expected());
                v
            })
            .collect();
        format!("{}\n", serde_json::Value::Array(doc))
    } else if markdown {
        crate::lessons::to_markdown(rows)
    } else {
        let mut out = String::new();
        let mut last = "";
        for r in rows {
            if r.lesson != last {
                out.push_str(&format!("{}\n  ({})\n", r.lesson, r.source));
                last = r.lesson;
            }
            out.push_str(&format!(
                "    {:<28} {:<44} {:>20}  ours {:+7.1}% ± {:<5.1} {}\n      {}\n",
                r.id,
                r.measure,
                r.expected(),
                r.change,
                r.stderr,
                if r.pass() { "pass" } else { "FAIL" },
                r.experiment
            ));
        }
        out.push_str(&format!(
            "{} of {} passed ({} seeds per arm)\n",
            rows.iter().filter(|r| r.pass()).count(),
            rows.len(),
            effort.seeds
        ));
        out
    };
    if print_all(&out).is_err() {
        return 1;
    }
    if rows.iter().all(|r| r.pass()) { 0 } else { 1 }
}

fn levers(seeds: u64, markdown: bool, threads: Option<usize>) -> i32 {
    let work = || -> anyhow::Result<bool> {
        let library = crate::verdicts::library()?;
        let t = crate::verdicts::table(&library, seeds.max(1), &|name| {
            if !markdown {
                eprintln!("  {name}");
            }
        });
        print_levers(&t, markdown)
    };
    let run = || -> anyhow::Result<bool> {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads.unwrap_or(0))
            .build()?;
        pool.install(work)
    };
    match run() {
        Ok(true) => 0,
        Ok(false) => 1,
        Err(e) => {
            eprintln!("error: {e:#}");
            1
        }
    }
}

fn calibrate(quick: bool, scenario: Option<&Path>, json: bool) -> i32 {
    use std::fmt::Write as _;
    let s = match scenario::load_or_default(scenario, crate::sim::DEFAULT_MEMORY_LIMIT_MIB) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("{e}");
            return 1;
        }
    };
    let effort = if quick {
        crate::calibration::Effort::QUICK
    } else {
        crate::calibration::Effort::FULL
    };
    let rows = crate::calibration::all(&s, effort);
    let passed = rows.iter().all(|r| r.pass());
    let mut out = String::new();
    if json {
        let doc: Vec<serde_json::Value> = rows
            .iter()
            .map(|r| {
                let mut v = serde_json::to_value(r).unwrap_or_default();
                v["pass"] = serde_json::Value::Bool(r.pass());
                v
            })
            .collect();
        let _ = writeln!(out, "{}", serde_json::Value::Array(doc));
    } else {
        let _ = writeln!(
            out,
            "{:<46} {:<44} {:>7} {:>14} {:>16}  result",
            "experiment", "condition", "ref", "ours", "accepted"
        );
        for r in &rows {
            let _ = writeln!(
                out,
                "{:<46} {:<44} {:>7.1} {:>7.1} ± {:<4.1} {:>7.1}..{:<7.1} {}",
                r.experiment,
                r.condition,
                r.reference,
                r.ours,
                r.stderr,
                r.low,
                r.high,
                if r.pass() { "pass" } else { "FAIL" }
            );
        }
        let _ = writeln!(
            out,
            "{} of {} passed",
            rows.iter().filter(|r| r.pass()).count(),
            rows.len()
        );
    }
    if print_all(&out).is_err() {
        return 1;
    }
    if passed { 0 } else { 1 }
}

/// `--enable ID[@TURN]` as plan commands (validated like a plan).
fn enable_shortcuts(
    items: &[String],
    confirmed: bool,
    scenario: &Scenario,
) -> anyhow::Result<Vec<crate::sim::command::Command>> {
    use scenario::plan::{CommandSpec, PlanSpec, validate_plan};
    let mut spec = PlanSpec {
        name: "command line".into(),
        commands: Vec::new(),
    };
    for item in items {
        let (id, turn) = match item.split_once('@') {
            Some((id, t)) => (
                id,
                t.parse::<i64>().map_err(|_| {
                    anyhow::anyhow!("--enable {item}: the turn after @ must be a number")
                })?,
            ),
            None => (item.as_str(), 0),
        };
        let team = crate::sim::interventions::entry(id)
            .map_or("facilitator", |e| e.team.id())
            .to_string();
        spec.commands.push(CommandSpec {
            turn,
            team,
            enable: Some(id.to_string()),
            rationale: "enabled from the command line".into(),
            confirm_break_glass: confirmed,
            ..Default::default()
        });
    }
    let (commands, problems) = validate_plan(&spec, scenario);
    if !problems.is_empty() {
        // The plan checker speaks plan-file syntax; say it the way a command-line user types it.
        let all: Vec<String> = problems
            .iter()
            .map(|(_, m)| {
                let m = m
                    .replace(
                        "add confirm_break_glass: true (and a rationale) to deploy it",
                        "add --confirm-break-glass to deploy it",
                    )
                    .replace(
                        "add a facilitator command with waive_budgets: true",
                        "add --waive-budgets",
                    );
                format!("--enable: {m}")
            })
            .collect();
        anyhow::bail!("{}", all.join("\n"));
    }
    Ok(commands)
}

/// `--budget TEAM=POINTS` over the scenario's budgets.
fn budgets_with(
    base: crate::sim::interventions::Budgets,
    overrides: &[String],
) -> anyhow::Result<crate::sim::interventions::Budgets> {
    use crate::sim::interventions::{Budgets, Team};
    let mut b = base;
    for item in overrides {
        let Some((team, points)) = item.split_once('=') else {
            anyhow::bail!("--budget {item}: write TEAM=POINTS, e.g. --budget platform=20");
        };
        let points: u32 = points.trim().parse().map_err(|_| {
            anyhow::anyhow!("--budget {item}: the points after = must be a whole number")
        })?;
        if points > Budgets::MAX {
            anyhow::bail!("--budget {item}: at most {} points per turn", Budgets::MAX);
        }
        match Team::from_id(team.trim()).and_then(|t| b.get_mut(t)) {
            Some(slot) => *slot = points,
            None => anyhow::bail!(
                "--budget {item}: unknown team \"{team}\" (teams: platform, crisis_leadership, policy_makers, civil_society)"
            ),
        }
    }
    Ok(b)
}

#[allow(clippy::too_many_arguments)]
fn explore(
    path: &Path,
    (runs, width): (u64, usize),
    budget: &[String],
    (plan_out, red): (Option<&Path>, Option<&Path>),
    json: bool,
    threads: Option<usize>,
) -> anyhow::Result<()> {
    use crate::experiments::explore;
    use crate::sim::interventions::CATALOG;
    let mut scenario = scenario::load_or_default(Some(path), crate::sim::DEFAULT_MEMORY_LIMIT_MIB)?;
    if !(1..=1000).contains(&runs) {
        anyhow::bail!("--runs must be 1 to 1000, got {runs}");
    }
    if !(1..=CATALOG.len()).contains(&width) {
        anyhow::bail!("--width must be 1 to {}, got {width}", CATALOG.len());
    }
    scenario.budgets = budgets_with(scenario.budgets, budget)?;
    let red = red
        .map(|p| load_red_plan(p, &scenario))
        .transpose()?
        .unwrap_or_default();
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads.unwrap_or(0))
        .build()?;
    let bar = indicatif::ProgressBar::new_spinner();
    if json {
        bar.set_draw_target(indicatif::ProgressDrawTarget::hidden());
    }
    let result = pool.install(|| {
        explore(
            &scenario,
            &scenario.budgets,
            (runs, width),
            &red,
            &|step: &str| {
                bar.set_message(step.to_string());
                bar.tick();
            },
        )
    });
    bar.finish_and_clear();
    if let Some(out) = plan_out {
        let commands = crate::experiments::portfolio_commands(&result.best.tools, false);
        let text = scenario::plan::to_ron(
            &format!("Best portfolio found by explore for {}", scenario.name),
            &commands,
            &scenario,
        );
        std::fs::write(out, text)?;
    }
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let against = if red.is_empty() {
        "the automatic adversary"
    } else {
        "the red plan"
    };
    if json {
        explore_json(&mut out, &scenario, &result, (runs, against))
    } else {
        explore_text(&mut out, &scenario, &result, (runs, against))
    }
}

/// A portfolio's lever ids.
fn names(tools: &[usize]) -> Vec<&'static str> {
    tools
        .iter()
        .map(|&e| crate::sim::interventions::CATALOG[e].id)
        .collect()
}

/// `explore --json`: one object (the greedy order, the best portfolio, the frontier).
fn explore_json(
    out: &mut impl Write,
    scenario: &Scenario,
    result: &crate::experiments::Exploration,
    (runs, against): (u64, &str),
) -> anyhow::Result<()> {
    use crate::experiments::{CIVILIAN_COSTS, gain};
    use crate::sim::interventions::CATALOG;
    let frontier = result.frontier();
    let row = |s: &crate::experiments::Scored| {
        serde_json::json!({
            "levers": names(&s.tools),
            "key_gain_percent": s.key_gain,
            "civilian_cost_percent": s.civilian_cost,
            "key_value": s.values[result.key],
            "costs": CIVILIAN_COSTS.iter().map(|&o| (o.name(), gain(o, &s.values, &result.nothing))).collect::<std::collections::BTreeMap<_, _>>(),
        })
    };
    let doc = serde_json::json!({
        "scenario": scenario.name,
        "key_outcome": result.key.name(),
        "runs": runs,
        "against": against,
        "nothing": result.nothing[result.key],
        "order": result.order.iter().map(|(e, g)| serde_json::json!({"lever": CATALOG[*e].id, "key_gain_percent": g})).collect::<Vec<_>>(),
        "best": row(&result.best),
        "frontier": frontier.iter().map(|s| row(s)).collect::<Vec<_>>(),
        "evaluated": result.evaluated.len(),
    });
    serde_json::to_writer(&mut *out, &doc)?;
    writeln!(out)?;
    Ok(())
}

/// `explore`'s tables: the greedy order, the best portfolio, the frontier.
fn explore_text(
    out: &mut impl Write,
    scenario: &Scenario,
    result: &crate::experiments::Exploration,
    (runs, against): (u64, &str),
) -> anyhow::Result<()> {
    use crate::experiments::CIVILIAN_COSTS;
    use crate::sim::interventions::CATALOG;
    let frontier = result.frontier();
    writeln!(
        out,
        "{} — key outcome {} ({:.3} with nothing), {} runs per portfolio, {} portfolios evaluated, against {against}",
        scenario.name,
        result.key.name(),
        result.nothing[result.key],
        runs,
        result.evaluated.len()
    )?;
    writeln!(
        out,
        "\nOrder in which levers enter (greedy, within budget):"
    )?;
    for (i, (e, g)) in result.order.iter().enumerate() {
        writeln!(
            out,
            "  {}. {:<32} {} {:+.1}%",
            i + 1,
            CATALOG[*e].id,
            result.key.name(),
            g
        )?;
    }
    writeln!(
        out,
        "\nBest found: {} — {} {:+.1}%, cost to civilians {:.1}%",
        names(&result.best.tools).join(", "),
        result.key.name(),
        result.best.key_gain,
        result.best.civilian_cost
    )?;
    writeln!(
        out,
        "\nFrontier (no other portfolio is better for {} and cheaper for civilians):",
        result.key.name()
    )?;
    writeln!(out, "     key %    cost %  levers")?;
    for s in &frontier {
        writeln!(
            out,
            "  {:>+8.1}  {:>8.1}  {}",
            s.key_gain,
            s.civilian_cost,
            if s.tools.is_empty() {
                "(nothing)".to_string()
            } else {
                names(&s.tools).join(", ")
            }
        )?;
    }
    writeln!(
        out,
        "\ncost to civilians = mean loss, against doing nothing, of: {}",
        CIVILIAN_COSTS
            .iter()
            .map(|o| o.name())
            .collect::<Vec<_>>()
            .join(", ")
    )?;
    Ok(())
}

fn check(files: &[PathBuf], against: Option<&Path>) -> i32 {
    let mut ok = true;
    let mut base: Option<Scenario> = None;
    for f in files {
        let text = match scenario::read_limited(f) {
            Ok(t) => t,
            Err(e) => {
                ok = false;
                eprintln!("{e}");
                continue;
            }
        };
        let result = if scenario::plan::looks_like_plan(&text) {
            if base.is_none() {
                match scenario::load_or_default(against, crate::sim::DEFAULT_MEMORY_LIMIT_MIB) {
                    Ok(s) => base = Some(s),
                    Err(e) => {
                        eprintln!("{e}");
                        return 1;
                    }
                }
            }
            let s = base.as_ref().expect("loaded above");
            scenario::plan::plan_from_str(&f.display().to_string(), &text, s).map(|_| ())
        } else {
            let file = f.display().to_string();
            scenario::from_str(&file, &text).map(|s| {
                for w in scenario::warnings(&file, &text, &s) {
                    eprintln!("{w}");
                }
            })
        };
        match result {
            Ok(()) => eprintln!("{}: ok", f.display()),
            Err(e) => {
                ok = false;
                eprintln!("{e}");
            }
        }
    }
    if ok { 0 } else { 1 }
}

/// The window's options from `play`'s arguments: the start screen when nothing is named and
/// `start_screen` allows it.
#[cfg(feature = "gui")]
fn play_options(args: PlayArgs, start_screen: bool) -> anyhow::Result<crate::app::Options> {
    use crate::app::{Launch, Options, Screenshot};
    let start_screen =
        start_screen && args.scenario.is_none() && args.plan.is_none() && args.tab.is_none();
    let mut o = Options::new(if start_screen {
        Launch::StartScreen
    } else {
        Launch::Scenario {
            path: args.scenario,
            seed: args.seed,
            plan: args.plan,
        }
    });
    o.size = parse_size(&args.size)?;
    o.language = args.language;
    o.tab = args.tab;
    o.large_text = args.large_text;
    o.screenshot = args.screenshot.map(|path| Screenshot {
        path,
        after_turns: args.after_turns,
        measure: args.measure,
    });
    Ok(o)
}

#[cfg(feature = "gui")]
fn seat_config(args: &SeatArgs) -> crate::app::seats::SeatConfig {
    crate::app::seats::SeatConfig {
        addr: std::net::SocketAddr::new(args.bind, args.port),
        decision_seconds: args.decision_seconds,
        ..Default::default()
    }
}

/// Open the window with the options `options` gives; the exit code.
#[cfg(feature = "gui")]
fn window(options: impl FnOnce() -> anyhow::Result<crate::app::Options>) -> i32 {
    match options().and_then(crate::app::run) {
        Ok(()) => 0,
        Err(e) => {
            eprintln!("error: {e:#}");
            1
        }
    }
}

#[cfg(feature = "gui")]
fn play(args: PlayArgs) -> i32 {
    window(|| play_options(args, true))
}

#[cfg(feature = "gui")]
fn host(args: HostArgs) -> i32 {
    window(|| {
        // A host opens on its scenario, never on the start screen.
        let mut o = play_options(args.play, false)?;
        o.seats = seat_config(&args.seats);
        o.open_seats = true;
        Ok(o)
    })
}

/// A window size such as `1280x720`.
#[cfg(feature = "gui")]
fn parse_size(s: &str) -> anyhow::Result<(u32, u32)> {
    let (w, h) = s
        .split_once(['x', 'X'])
        .ok_or_else(|| anyhow::anyhow!("--size must look like 1280x720, got \"{s}\""))?;
    let w: u32 = w.trim().parse()?;
    let h: u32 = h.trim().parse()?;
    if !(320..=7680).contains(&w) || !(240..=4320).contains(&h) {
        anyhow::bail!("--size {w}x{h} is outside 320x240..7680x4320");
    }
    Ok((w, h))
}

#[cfg(not(feature = "gui"))]
fn host(_args: HostArgs) -> i32 {
    eprintln!("error: this build has no control room (built without the `gui` feature)");
    2
}

#[cfg(not(feature = "gui"))]
fn play(_args: PlayArgs) -> i32 {
    eprintln!(
        "error: this build has no window (built without the `gui` feature); use `breakglass run`"
    );
    2
}

/// What `levers` prints (the table, then whether every check holds, or the Markdown only);
/// whether every check holds.
fn print_levers(t: &crate::verdicts::Table, markdown: bool) -> anyhow::Result<bool> {
    let mut out = t.to_markdown();
    let problems = t.problems();
    if !markdown {
        out.push('\n');
        if problems.is_empty() {
            let gaps: Vec<&str> = crate::verdicts::KNOWN_GAPS
                .iter()
                .map(|(id, _)| *id)
                .collect();
            out.push_str(&format!(
                "Every declared effect shows, no protective tool is a trap, every tool has its moment but the known gaps ({}).\n",
                gaps.join(", ")
            ));
        }
        for p in &problems {
            out.push_str(&format!("FAIL {p}\n"));
        }
    }
    print_all(&out)?;
    Ok(problems.is_empty())
}

/// Print a whole output at once; a closed pipe (`| head`) is not an error.
fn print_all(out: &str) -> anyhow::Result<()> {
    use std::io::Write as _;
    let mut stdout = std::io::stdout().lock();
    match stdout
        .write_all(out.as_bytes())
        .and_then(|_| stdout.flush())
    {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => Ok(other?),
    }
}
