//! The sweeps: `breakglass sensitivity` (whole, or as shard K of N with `--shard K/N --out DIR`)
//! and `breakglass merge DIR...`, which puts shards back together and prints exactly what the
//! unsharded command prints (`crate::shard`).

use std::path::{Path, PathBuf};

use serde_json::json;

use super::{Method, print_all};
use crate::scenario;
use crate::shard::{self, Shard};
use crate::sim::command::Command;
use crate::sim::metrics::Outcome;

/// A sensitivity sweep's design: the points (and Morris steps) regenerated from the command
/// line, the same on every shard.
struct Design {
    scenario: crate::scenario::Scenario,
    commands: Vec<Command>,
    outcomes: Vec<Outcome>,
    points: Vec<Vec<f64>>,
    /// What fixes the design, as a shard's part records it (and `merge` reads back).
    description: serde_json::Value,
}

/// Where a sharded sweep writes, and which shard it is.
pub struct ShardArgs<'a> {
    pub shard: &'a str,
    pub out: &'a Path,
}

fn design(
    path: Option<&Path>,
    method: Method,
    (samples, seeds, sample_seed): (Option<usize>, u64, u64),
    plan: Option<&Path>,
) -> anyhow::Result<Design> {
    use crate::sensitivity::{ASSUMED, morris_sample, saltelli_sample};
    use crate::sim::metrics::key_first;
    let scenario = scenario::load_or_default(path, crate::sim::DEFAULT_MEMORY_LIMIT_MIB)?;
    if !(1..=64).contains(&seeds) {
        anyhow::bail!("--seeds must be 1 to 64, got {seeds}");
    }
    let sobol = method == Method::Sobol;
    let samples = samples.unwrap_or(if sobol { 256 } else { 20 });
    if !(2..=100_000).contains(&samples) {
        anyhow::bail!("--samples must be 2 to 100000, got {samples}");
    }
    let commands = match plan {
        Some(p) => scenario::plan::load_plan(p, &scenario)?,
        None => Vec::new(),
    };
    let outcomes = key_first(&scenario.key_outcomes, &[Outcome::CiviliansHarmed]);
    let k = ASSUMED.len();
    let points = if sobol {
        saltelli_sample(k, samples, sample_seed)
    } else {
        morris_sample(k, samples, 4, sample_seed).0
    };
    // The world itself and the plan are in the hash: a shard of another version of the
    // scenario or of the plan never merges with these.
    let world = serde_json::to_value(&scenario)?;
    let description = json!({
        "command": "sensitivity",
        "scenario": scenario.name,
        "world": shard::design_hash(&world),
        "plan": plan.map(|p| p.display().to_string()),
        "plan_commands": format!("{commands:?}"),
        "method": if sobol { "sobol" } else { "morris" },
        "samples": samples,
        "seeds": seeds,
        "sample_seed": sample_seed,
        "outcomes": outcomes.iter().map(|o| o.name()).collect::<Vec<_>>(),
    });
    Ok(Design {
        scenario,
        commands,
        outcomes,
        points,
        description,
    })
}

/// Runs `range` of the design: point i for i < points, then the defaults (the last run).
fn runs(d: &Design, range: std::ops::Range<usize>, seeds: u64) -> Vec<(usize, Vec<f64>)> {
    use crate::sensitivity::{ASSUMED, evaluate};
    let n = d.points.len();
    let of_points = range.start.min(n)..range.end.min(n);
    let ys = evaluate(
        &d.scenario,
        &ASSUMED,
        &d.points[of_points.clone()],
        seeds,
        &d.outcomes,
        &d.commands,
    );
    let mut out: Vec<(usize, Vec<f64>)> = of_points.zip(ys).collect();
    if range.contains(&n) {
        let base = evaluate(
            &d.scenario,
            &[],
            &[Vec::new()],
            seeds,
            &d.outcomes,
            &d.commands,
        );
        out.push((n, base.into_iter().next().unwrap_or_default()));
    }
    out
}

/// `breakglass sensitivity`: Morris or Sobol over the assumed parameters (`sensitivity::ASSUMED`)
/// for the scenario's key outcomes and the harm to civilians; with `shard`, only that shard's
/// runs, written as a part for `merge`.
pub fn sensitivity(
    path: Option<&Path>,
    method: Method,
    sample: (Option<usize>, u64, u64),
    plan: Option<&Path>,
    (json, threads): (bool, Option<usize>),
    shard: Option<ShardArgs>,
) -> anyhow::Result<()> {
    let seeds = sample.1;
    let d = design(path, method, sample, plan)?;
    let total = d.points.len() + 1;
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads.unwrap_or(0))
        .build()?;
    if let Some(args) = shard {
        let shard = Shard::parse(args.shard, &|v| std::env::var(v).ok()).map_err(usage)?;
        return sensitivity_shard(&d, shard, args.out, seeds, &pool);
    }
    if !json {
        announce(&d, seeds, plan.is_some());
    }
    let results: Vec<Vec<f64>> = pool
        .install(|| runs(&d, 0..total, seeds))
        .into_iter()
        .map(|(_, r)| r)
        .collect();
    print_sensitivity(&d.description, &results, json)
}

/// A bad `--shard` is a usage error (exit status 2), like clap's.
fn usage(message: String) -> anyhow::Error {
    anyhow::Error::new(super::UsageError(message))
}

fn announce(d: &Design, seeds: u64, with_plan: bool) {
    let runs = d.points.len() as u64 * seeds * if with_plan { 2 } else { 1 };
    eprintln!(
        "{} runs ({} points x {seeds} seeds{}) of {} ...",
        runs,
        d.points.len(),
        if with_plan {
            " x with and without the plan"
        } else {
            ""
        },
        d.scenario.name
    );
}

fn sensitivity_shard(
    d: &Design,
    shard: Shard,
    out: &Path,
    seeds: u64,
    pool: &rayon::ThreadPool,
) -> anyhow::Result<()> {
    let total = d.points.len() + 1;
    shard_part(shard, out, (d.description.clone(), total), |range| {
        Ok(pool.install(|| runs(d, range, seeds)))
    })
}

/// A shard's block of a design: skipped when its complete part is already in `out`; else
/// `run` computes the block's (run index, numbers) and the part is written.
fn shard_part(
    shard: Shard,
    out: &Path,
    (design, total): (serde_json::Value, usize),
    run: impl FnOnce(std::ops::Range<usize>) -> anyhow::Result<Vec<(usize, Vec<f64>)>>,
) -> anyhow::Result<()> {
    let hash = shard::design_hash(&design);
    let (k, n) = (shard.k, shard.n);
    if shard::done(out, &hash, shard, total) {
        eprintln!(
            "shard {k}/{n}: its part is already in {} (skipped)",
            out.display()
        );
        return Ok(());
    }
    let range = shard.runs(total);
    eprintln!(
        "shard {k}/{n}: runs {}..{} of {total} (design {hash})",
        range.start, range.end
    );
    let results = run(range)?;
    let part = shard::Part {
        design,
        hash,
        k,
        n,
        total,
        results,
    };
    let written = shard::write(out, &part).map_err(anyhow::Error::msg)?;
    eprintln!("shard {k}/{n}: wrote {}", written.display());
    Ok(())
}

/// `breakglass merge DIR...`: the parts of a sharded sweep put back together, printed as the
/// unsharded command prints it.
pub fn merge(
    dirs: &[PathBuf],
    (json, markdown): (bool, bool),
    (csv_dir, csv_file): (Option<&Path>, Option<&Path>),
) -> anyhow::Result<()> {
    let merged = shard::merge(dirs).map_err(anyhow::Error::msg)?;
    eprintln!("all {} runs are in", merged.results.len());
    match merged.design["command"].as_str() {
        Some("sensitivity") => print_sensitivity(&merged.design, &merged.results, json),
        Some("run") => {
            let name = merged.design["scenario"].as_str().unwrap_or_default();
            let results = run_results(&merged.design, &merged.results)?;
            super::print_runs(name, &results, json, csv_dir)
        }
        Some("compare") => print_compared(&merged.design, &merged.results, csv_file),
        Some("lessons") => {
            let effort = crate::lessons::Effort {
                seeds: merged.design["seeds"].as_u64().unwrap_or(1),
            };
            if merged.design != lessons_design(effort)? {
                anyhow::bail!("these parts are of another version of the lessons or the library");
            }
            let rows = lesson_rows(effort, &merged.results)?;
            match super::print_lessons(&rows, effort, (json, markdown)) {
                0 => Ok(()),
                _ => anyhow::bail!("a lesson failed (the FAIL lines above)"),
            }
        }
        Some("levers") => {
            let library = crate::verdicts::library()?;
            if merged.design
                != levers_design(&library, merged.design["seeds"].as_u64().unwrap_or(0))?
            {
                anyhow::bail!("these parts are of another version of the scenario library");
            }
            let seeds = merged.design["seeds"].as_u64().unwrap_or(1);
            let t = crate::verdicts::from_runs(&library, seeds, &merged.results);
            if !super::print_levers(&t, markdown)? {
                anyhow::bail!("a check failed (the FAIL lines above)");
            }
            Ok(())
        }
        other => anyhow::bail!("these parts are of a sweep this program cannot merge: {other:?}"),
    }
}

/// `run --runs R --shard K/N`: shard K's block of the seeds, each run's summary and series
/// kept whole in its part.
pub fn run_shard(
    scenario: &crate::scenario::Scenario,
    config: &crate::runner::RunConfig,
    args: ShardArgs,
) -> anyhow::Result<()> {
    let shard = Shard::parse(args.shard, &|v| std::env::var(v).ok()).map_err(usage)?;
    let mut world = scenario.clone();
    if let Some(t) = config.turns {
        world.turns = t as i64;
    }
    let description = json!({
        "command": "run",
        "scenario": scenario.name,
        "world": shard::design_hash(&serde_json::to_value(&world)?),
        "seeds": config.seeds,
        "plan_commands": format!("{:?}", config.plan),
    });
    let total = config.seeds.len();
    shard_part(shard, args.out, (description, total), |range| {
        let mut mine = config.clone();
        mine.seeds = config.seeds[range.clone()].to_vec();
        let results = crate::runner::run_many(scenario, &mine)?;
        Ok(range
            .zip(results)
            .map(|(i, r)| {
                let series = r.series.iter().flat_map(|v| v.0.iter());
                (i, r.summary.0.iter().chain(series).copied().collect())
            })
            .collect())
    })
}

/// The runs back from their numbers: the summary, then the series turn by turn.
fn run_results(
    design: &serde_json::Value,
    numbers: &[Vec<f64>],
) -> anyhow::Result<Vec<crate::runner::RunResult>> {
    use crate::sim::metrics::{N_OUTCOMES, Values};
    let seeds: Vec<u64> = design["seeds"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(serde_json::Value::as_u64)
        .collect();
    let values = |xs: &[f64]| {
        let mut v = Values::default();
        v.0.copy_from_slice(xs);
        v
    };
    seeds
        .iter()
        .zip(numbers)
        .map(|(&seed, xs)| {
            if xs.len() % N_OUTCOMES != 0 || xs.is_empty() {
                anyhow::bail!("a run of seed {seed} has {} numbers", xs.len());
            }
            Ok(crate::runner::RunResult {
                seed,
                summary: values(&xs[..N_OUTCOMES]),
                series: xs[N_OUTCOMES..].chunks(N_OUTCOMES).map(values).collect(),
            })
        })
        .collect()
}

/// The sweep's results (every point's, then the defaults') as `sensitivity` prints them.
fn print_sensitivity(
    design: &serde_json::Value,
    results: &[Vec<f64>],
    json: bool,
) -> anyhow::Result<()> {
    use crate::sensitivity::{ASSUMED, morris_sample};
    let text = |key: &str| design[key].as_str().unwrap_or_default().to_string();
    let number = |key: &str| design[key].as_u64().unwrap_or_default();
    let method = if text("method") == "sobol" {
        Method::Sobol
    } else {
        Method::Morris
    };
    let (samples, seeds, sample_seed) = (
        number("samples") as usize,
        number("seeds"),
        number("sample_seed"),
    );
    let steps = match method {
        Method::Morris => morris_sample(ASSUMED.len(), samples, 4, sample_seed).1,
        Method::Sobol => Vec::new(),
    };
    let outcomes: Vec<Outcome> = design["outcomes"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|o| o.as_str().and_then(crate::sim::metrics::by_name))
        .collect();
    let plan = design["plan"].as_str().map(PathBuf::from);
    let Some((base, ys)) = results.split_last() else {
        anyhow::bail!("no runs");
    };
    let scenario = text("scenario");
    let screening = Screening {
        scenario: &scenario,
        plan: plan.as_deref(),
        method,
        samples,
        seeds,
        runs: ys.len() as u64 * seeds * if plan.is_some() { 2 } else { 1 },
        rows: outcomes
            .iter()
            .enumerate()
            .map(|(oi, o)| {
                let y: Vec<f64> = ys.iter().map(|v| v[oi]).collect();
                ScreenedOutcome::new(*o, base[oi], method, &y, &steps)
            })
            .collect(),
    };
    print_all(&if json {
        screening.json()?
    } else {
        screening.text()
    })
}

/// What `breakglass sensitivity` found, ready to print.
struct Screening<'a> {
    scenario: &'a str,
    plan: Option<&'a Path>,
    method: Method,
    samples: usize,
    seeds: u64,
    runs: u64,
    rows: Vec<ScreenedOutcome>,
}

/// One outcome's indices: (Sobol) first-order and total, or (Morris) mu* and sigma, per
/// parameter, and the parameters ranked.
struct ScreenedOutcome {
    outcome: crate::sim::metrics::Outcome,
    at_defaults: f64,
    a: Vec<f64>,
    b: Vec<f64>,
    labels: [&'static str; 2],
    order: Vec<usize>,
}

impl ScreenedOutcome {
    fn new(
        outcome: crate::sim::metrics::Outcome,
        at_defaults: f64,
        method: Method,
        y: &[f64],
        steps: &[(usize, f64)],
    ) -> ScreenedOutcome {
        use crate::sensitivity::{ASSUMED, morris_indices, sobol_indices};
        let k = ASSUMED.len();
        let (a, b, labels) = match method {
            Method::Sobol => {
                let ix = sobol_indices(k, y);
                (ix.first, ix.total, ["S1", "ST"])
            }
            Method::Morris => {
                let m = morris_indices(k, y, steps);
                (m.mu_star, m.sigma, ["mu*", "sigma"])
            }
        };
        let mut order: Vec<usize> = (0..k).collect();
        // Rank by total index (Sobol) or mu* (Morris).
        let rank = if method == Method::Sobol { &b } else { &a };
        order.sort_by(|&i, &j| rank[j].total_cmp(&rank[i]).then(i.cmp(&j)));
        ScreenedOutcome {
            outcome,
            at_defaults,
            a,
            b,
            labels,
            order,
        }
    }
}

impl Screening<'_> {
    fn json(&self) -> anyhow::Result<String> {
        use crate::sensitivity::ASSUMED;
        let value = serde_json::json!({
            "scenario": self.scenario,
            "plan": self.plan.map(|p| p.display().to_string()),
            "method": self.method.name(),
            "samples": self.samples,
            "seeds": self.seeds,
            "runs": self.runs,
            "outcomes": self.rows.iter().map(|r| serde_json::json!({
                "outcome": r.outcome.name(),
                "at_defaults": r.at_defaults,
                "parameters": r.order.iter().map(|&i| serde_json::json!({
                    "name": ASSUMED[i].name,
                    "low": ASSUMED[i].low,
                    "high": ASSUMED[i].high,
                    r.labels[0]: r.a[i],
                    r.labels[1]: r.b[i],
                })).collect::<Vec<_>>(),
            })).collect::<Vec<_>>(),
        });
        Ok(format!("{}\n", serde_json::to_string_pretty(&value)?))
    }

    fn text(&self) -> String {
        use std::fmt::Write as _;

        use crate::sensitivity::ASSUMED;
        let sobol = self.method == Method::Sobol;
        let (samples, seeds, runs) = (self.samples, self.seeds, self.runs);
        let what = if self.plan.is_some() {
            "the plan's effect on "
        } else {
            ""
        };
        let how = if sobol {
            format!("Sobol indices, Saltelli sampling, N = {samples}")
        } else {
            format!("Morris elementary effects, {samples} trajectories, 4 levels")
        };
        let mut out = String::new();
        let _ = writeln!(
            out,
            "Sensitivity of {} to {} assumed parameters ({how}; {runs} runs, the same {seeds} seed(s) at every point)",
            self.scenario,
            ASSUMED.len()
        );
        for r in &self.rows {
            let o = r.outcome;
            let _ = writeln!(
                out,
                "\n{what}{} (at the defaults: {})",
                o.name(),
                if self.plan.is_some() {
                    crate::view::fmt_change(o, r.at_defaults)
                } else {
                    crate::view::fmt_value(o, r.at_defaults)
                }
            );
            let _ = writeln!(
                out,
                "  {:<24} {:>12} {:>12}   range",
                "parameter", r.labels[0], r.labels[1]
            );
            for &i in &r.order {
                let f = &ASSUMED[i];
                let (x, y) = if sobol {
                    (format!("{:.3}", r.a[i]), format!("{:.3}", r.b[i]))
                } else {
                    (
                        crate::view::fmt_amount(o, r.a[i]),
                        crate::view::fmt_amount(o, r.b[i]),
                    )
                };
                let _ = writeln!(
                    out,
                    "  {:<24} {x:>12} {y:>12}   {} .. {}",
                    f.name, f.low, f.high
                );
            }
            let top: Vec<&str> = r.order.iter().take(3).map(|&i| ASSUMED[i].name).collect();
            let _ = writeln!(
                out,
                "  The three assumptions that matter most for {what}{}: {}.",
                o.name(),
                top.join(", ")
            );
        }
        out.push_str(if sobol {
            "\nS1: share of the outcome's variance the parameter explains alone; ST: with all its \
             interactions. Sampling error shrinks as 1/sqrt(N).\n"
        } else {
            "\nmu*: mean absolute change of the outcome when the parameter moves over its whole range, \
             one at a time from random points; sigma: how much that change depends on the others \
             (interactions, non-linearity).\n"
        });
        out
    }
}

/// `breakglass sensitivity --check`: the Sobol estimators on Ishigami's function.
pub fn sensitivity_check(n: usize, seed: u64, sample_out: Option<&Path>) -> anyhow::Result<()> {
    use std::fmt::Write as _;

    use crate::sensitivity::{
        ishigami, ishigami_domain, ishigami_indices, saltelli_sample, sobol_indices,
    };
    if !(16..=1_000_000).contains(&n) {
        anyhow::bail!("--samples must be 16 to 1000000 for --check, got {n}");
    }
    let rows = saltelli_sample(3, n, seed);
    let y: Vec<f64> = rows.iter().map(|u| ishigami(&ishigami_domain(u))).collect();
    let got = sobol_indices(3, &y);
    let (s1, st) = ishigami_indices();
    let mut out = String::new();
    let _ = writeln!(
        out,
        "Ishigami (a = 7, b = 0.1), Saltelli sampling N = {n} ({} evaluations)",
        rows.len()
    );
    let _ = writeln!(
        out,
        "  {:<4} {:>10} {:>10} {:>10} {:>10}",
        "", "S1", "analytic", "ST", "analytic"
    );
    for i in 0..3 {
        let _ = writeln!(
            out,
            "  x{:<3} {:>10.4} {:>10.4} {:>10.4} {:>10.4}",
            i + 1,
            got.first[i],
            s1[i],
            got.total[i],
            st[i]
        );
    }
    if let Some(dir) = sample_out {
        std::fs::create_dir_all(dir)?;
        let mut sample = String::new();
        for r in &rows {
            let x = ishigami_domain(r);
            sample.push_str(&format!("{},{},{}\n", x[0], x[1], x[2]));
        }
        std::fs::write(dir.join("ishigami_sample.csv"), sample)?;
        let ys: Vec<String> = y.iter().map(|v| v.to_string()).collect();
        std::fs::write(dir.join("ishigami_y.csv"), ys.join("\n") + "\n")?;
        let ours = serde_json::json!({"S1": got.first, "ST": got.total, "N": n});
        std::fs::write(dir.join("ours.json"), serde_json::to_string_pretty(&ours)?)?;
        let _ = writeln!(
            out,
            "wrote the sample, outputs and our indices to {}",
            dir.display()
        );
    }
    print_all(&out)
}

/// `compare --shard K/N`: shard K's block of every plan's runs (plan by plan, seed by seed);
/// each run's summary in its part.
pub fn compare_shard(
    scenario: &crate::scenario::Scenario,
    columns: &[(String, Vec<Command>)],
    config: &crate::runner::RunConfig,
    red: bool,
    args: ShardArgs,
) -> anyhow::Result<()> {
    use rayon::prelude::*;
    let shard = Shard::parse(args.shard, &|v| std::env::var(v).ok()).map_err(usage)?;
    let description = json!({
        "command": "compare",
        "scenario": scenario.name,
        "world": shard::design_hash(&serde_json::to_value(scenario)?),
        "names": columns.iter().map(|(n, _)| n).collect::<Vec<_>>(),
        "plans": columns.iter().map(|(_, c)| format!("{c:?}")).collect::<Vec<_>>(),
        "seeds": config.seeds,
        "red": red,
    });
    let runs = config.seeds.len();
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(config.threads.max(1))
        .build()?;
    shard_part(
        shard,
        args.out,
        (description, columns.len() * runs),
        |range| {
            let results = pool.install(|| {
                range
                    .into_par_iter()
                    .map(|i| {
                        let (plan, seed) = (&columns[i / runs].1, config.seeds[i % runs]);
                        let r =
                            crate::runner::run_one(scenario, seed, config.memory_limit_mib, plan)?;
                        Ok((i, r.summary.0.to_vec()))
                    })
                    .collect::<Result<Vec<_>, crate::sim::BuildError>>()
            })?;
            Ok(results)
        },
    )
}

/// A merged `compare`, printed as `compare` prints it.
fn print_compared(
    design: &serde_json::Value,
    numbers: &[Vec<f64>],
    csv: Option<&Path>,
) -> anyhow::Result<()> {
    use crate::sim::metrics::{N_OUTCOMES, Values};
    let names: Vec<String> = design["names"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|n| n.as_str().map(str::to_string))
        .collect();
    let runs = design["seeds"].as_array().map_or(0, Vec::len);
    if runs == 0 || numbers.iter().any(|xs| xs.len() != N_OUTCOMES) {
        anyhow::bail!("these parts do not hold one summary per run");
    }
    let summaries = numbers
        .chunks(runs)
        .map(|column| {
            column
                .iter()
                .map(|xs| {
                    let mut v = Values::default();
                    v.0.copy_from_slice(xs);
                    v
                })
                .collect()
        })
        .collect();
    let table = super::Compared {
        scenario: design["scenario"].as_str().unwrap_or_default(),
        red: design["red"].as_bool().unwrap_or(false),
        runs: runs as u32,
        names,
        summaries,
    };
    super::print_compare(&table, csv)
}

/// `levers`' design: the seeds and the library's scenarios as they are on disk.
fn levers_design(
    library: &[(String, crate::scenario::Scenario)],
    seeds: u64,
) -> anyhow::Result<serde_json::Value> {
    let worlds: Vec<String> = library
        .iter()
        .map(|(_, s)| serde_json::to_value(s).map(|v| shard::design_hash(&v)))
        .collect::<Result<_, _>>()?;
    Ok(json!({
        "command": "levers",
        "scenarios": library.iter().map(|(n, _)| n).collect::<Vec<_>>(),
        "worlds": worlds,
        "seeds": seeds,
    }))
}

/// `levers --shard K/N`: shard K's block of every lever on every library scenario.
pub fn levers_shard(seeds: u64, threads: Option<usize>, args: ShardArgs) -> anyhow::Result<()> {
    use rayon::prelude::*;
    let shard = Shard::parse(args.shard, &|v| std::env::var(v).ok()).map_err(usage)?;
    let library = crate::verdicts::library()?;
    let seeds = seeds.max(1);
    let design = levers_design(&library, seeds)?;
    let total = crate::verdicts::design_size(&library);
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads.unwrap_or(0))
        .build()?;
    shard_part(shard, args.out, (design, total), |range| {
        Ok(pool.install(|| {
            range
                .into_par_iter()
                .map(|i| (i, crate::verdicts::design_run(&library, seeds, i)))
                .collect()
        }))
    })
}

/// `lessons`' design: the seeds per arm, the lessons and the worlds they run on.
fn lessons_design(effort: crate::lessons::Effort) -> anyhow::Result<serde_json::Value> {
    let loaded = crate::lessons::scenarios().map_err(anyhow::Error::msg)?;
    let worlds: Vec<String> = loaded
        .iter()
        .map(|(_, s)| serde_json::to_value(s).map(|v| shard::design_hash(&v)))
        .collect::<Result<_, _>>()?;
    Ok(json!({
        "command": "lessons",
        "lessons": crate::lessons::LESSONS.iter().map(|l| l.id).collect::<Vec<_>>(),
        "worlds": worlds,
        "seeds": effort.seeds,
    }))
}

/// `lessons --shard K/N`: shard K's block of every lesson's seeds (lesson by lesson), each run
/// the measure in both arms.
pub fn lessons_shard(quick: bool, args: ShardArgs) -> anyhow::Result<()> {
    use crate::lessons::{Effort, LESSONS, pair, scenario_of, scenarios};
    use rayon::prelude::*;
    let shard = Shard::parse(args.shard, &|v| std::env::var(v).ok()).map_err(usage)?;
    let effort = if quick { Effort::QUICK } else { Effort::FULL };
    let loaded = scenarios().map_err(anyhow::Error::msg)?;
    let seeds = effort.seeds as usize;
    let total = LESSONS.len() * seeds;
    shard_part(shard, args.out, (lessons_design(effort)?, total), |range| {
        range
            .into_par_iter()
            .map(|i| {
                let lesson = &LESSONS[i / seeds];
                let (a, b) = pair(lesson, scenario_of(&loaded, lesson), (i % seeds) as u64)
                    .map_err(anyhow::Error::msg)?;
                Ok((i, vec![a, b]))
            })
            .collect()
    })
}

/// The lessons' rows from their runs (both arms' measures, lesson by lesson, seed by seed).
fn lesson_rows(
    effort: crate::lessons::Effort,
    numbers: &[Vec<f64>],
) -> anyhow::Result<Vec<crate::lessons::Row>> {
    let seeds = effort.seeds as usize;
    if numbers.len() != crate::lessons::LESSONS.len() * seeds
        || numbers.iter().any(|xs| xs.len() != 2)
    {
        anyhow::bail!("these parts do not hold both arms of every lesson's runs");
    }
    Ok(crate::lessons::LESSONS
        .iter()
        .zip(numbers.chunks(seeds))
        .map(|(lesson, runs)| {
            let pairs: Vec<(f64, f64)> = runs.iter().map(|xs| (xs[0], xs[1])).collect();
            crate::lessons::row(lesson, effort, &pairs)
        })
        .collect())
}
