//! Headless runs: the same `World::step` the app uses, many seeds, summaries with quantiles,
//! JSON and CSV output.

use std::io::Write;
use std::path::Path;

use serde_json::{Map, Value, json};

use crate::scenario::Scenario;
use crate::sim::command::Command;
use crate::sim::metrics::{Outcome, Values};
use crate::sim::{BuildError, World};

#[derive(Debug, Clone)]
pub struct RunConfig {
    /// One run per seed.
    pub seeds: Vec<u64>,
    /// Override of the scenario's number of turns.
    pub turns: Option<u32>,
    pub memory_limit_mib: u64,
    /// Worker threads (results do not depend on it).
    pub threads: usize,
    /// Commands applied in every run (a plan).
    pub plan: Vec<Command>,
}

impl RunConfig {
    pub fn new(seed: u64, runs: u32) -> Self {
        RunConfig {
            seeds: (0..runs.max(1) as u64)
                .map(|i| seed.wrapping_add(i))
                .collect(),
            turns: None,
            memory_limit_mib: crate::sim::DEFAULT_MEMORY_LIMIT_MIB,
            threads: std::thread::available_parallelism().map_or(1, |n| n.get()),
            plan: Vec::new(),
        }
    }
}

#[derive(Debug, Clone)]
pub struct RunResult {
    pub seed: u64,
    pub series: Vec<Values>,
    pub summary: Values,
}

/// Build and run one world to the end.
pub fn run_one(
    scenario: &Scenario,
    seed: u64,
    memory_limit_mib: u64,
    plan: &[Command],
) -> Result<RunResult, BuildError> {
    let mut world = World::with_limit(scenario, seed, memory_limit_mib)?;
    world.schedule(plan.to_vec());
    world.run();
    Ok(RunResult {
        seed,
        summary: world.summary(),
        series: world.series,
    })
}

/// Run every seed on a rayon pool of `config.threads` workers. Results come back in seed order,
/// so they do not depend on the number of threads. A progress bar goes to stderr when stderr is a
/// terminal (indicatif hides it otherwise).
pub fn run_many(scenario: &Scenario, config: &RunConfig) -> Result<Vec<RunResult>, BuildError> {
    use rayon::prelude::*;
    let mut scenario = scenario.clone();
    if let Some(t) = config.turns {
        scenario.turns = t as i64;
    }
    let bar = indicatif::ProgressBar::new(config.seeds.len() as u64);
    bar.set_style(
        indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} runs, {elapsed} (eta {eta})")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(config.threads.max(1))
        .build()
        .expect("a thread pool");
    let results = pool.install(|| {
        config
            .seeds
            .par_iter()
            .map(|&seed| {
                let r = run_one(&scenario, seed, config.memory_limit_mib, &config.plan);
                bar.inc(1);
                r
            })
            .collect::<Result<Vec<_>, _>>()
    });
    bar.finish_and_clear();
    results
}

/// Quantile by linear interpolation between order statistics.
pub fn quantile(sorted: &[f64], q: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let pos = q.clamp(0.0, 1.0) * (sorted.len() - 1) as f64;
    let lo = pos.floor() as usize;
    let hi = pos.ceil() as usize;
    sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo as f64)
}

/// mean, p05, p50, p95 of one outcome over runs.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Spread {
    pub mean: f64,
    pub p05: f64,
    pub p50: f64,
    pub p95: f64,
}

pub fn spread(values: impl Iterator<Item = f64>) -> Spread {
    let mut xs: Vec<f64> = values.collect();
    xs.sort_by(f64::total_cmp);
    let mean = if xs.is_empty() {
        0.0
    } else {
        xs.iter().sum::<f64>() / xs.len() as f64
    };
    Spread {
        mean,
        p05: quantile(&xs, 0.05),
        p50: quantile(&xs, 0.5),
        p95: quantile(&xs, 0.95),
    }
}

/// The `run --json` document.
pub fn to_json(scenario_name: &str, results: &[RunResult]) -> Value {
    let turns = results.first().map_or(0, |r| r.series.len());
    let mut outcomes = Map::new();
    let mut series = Map::new();
    for o in Outcome::ALL {
        let s = spread(results.iter().map(|r| r.summary[o]));
        outcomes.insert(
            o.name().to_string(),
            json!({"mean": s.mean, "p05": s.p05, "p50": s.p50, "p95": s.p95}),
        );
        let per_turn: Vec<f64> = (0..turns)
            .map(|t| {
                results.iter().map(|r| r.series[t][o]).sum::<f64>() / results.len().max(1) as f64
            })
            .collect();
        series.insert(o.name().to_string(), json!(per_turn));
    }
    json!({
        "scenario": scenario_name,
        "seeds": results.iter().map(|r| r.seed).collect::<Vec<_>>(),
        "turns": turns,
        "outcomes": outcomes,
        "series": series,
    })
}

/// Write `outcomes.csv` (one row per run) and `series.csv` (one row per run and turn).
pub fn write_csv(dir: &Path, results: &[RunResult]) -> anyhow::Result<()> {
    std::fs::create_dir_all(dir)?;
    let names: Vec<&str> = Outcome::ALL.iter().map(|o| o.name()).collect();
    let mut w = csv::Writer::from_path(dir.join("outcomes.csv"))?;
    let mut header = vec!["run", "seed"];
    header.extend(&names);
    w.write_record(&header)?;
    for (i, r) in results.iter().enumerate() {
        let mut row = vec![i.to_string(), r.seed.to_string()];
        row.extend(Outcome::ALL.iter().map(|o| r.summary[*o].to_string()));
        w.write_record(&row)?;
    }
    w.flush()?;
    let mut w = csv::Writer::from_path(dir.join("series.csv"))?;
    let mut header = vec!["run", "seed", "turn"];
    header.extend(&names);
    w.write_record(&header)?;
    for (i, r) in results.iter().enumerate() {
        for (t, v) in r.series.iter().enumerate() {
            let mut row = vec![i.to_string(), r.seed.to_string(), (t + 1).to_string()];
            row.extend(Outcome::ALL.iter().map(|o| v[*o].to_string()));
            w.write_record(&row)?;
        }
    }
    w.flush()?;
    Ok(())
}

/// A plain-text table of outcomes for the terminal.
pub fn write_table(out: &mut impl Write, results: &[RunResult]) -> std::io::Result<()> {
    writeln!(
        out,
        "{:<30} {:>14} {:>14} {:>14} {:>14}",
        "outcome", "mean", "p05", "p50", "p95"
    )?;
    for o in Outcome::ALL {
        let s = spread(results.iter().map(|r| r.summary[o]));
        writeln!(
            out,
            "{:<30} {:>14.3} {:>14.3} {:>14.3} {:>14.3}",
            o.name(),
            s.mean,
            s.p05,
            s.p50,
            s.p95
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quantiles_interpolate() {
        let xs = [0.0, 10.0, 20.0, 30.0, 40.0];
        assert_eq!(quantile(&xs, 0.5), 20.0);
        assert_eq!(quantile(&xs, 0.0), 0.0);
        assert_eq!(quantile(&xs, 1.0), 40.0);
        assert!((quantile(&xs, 0.05) - 2.0).abs() < 1e-12);
    }
}
