//! The debrief's replays: every group's log, and its log without each decision, on the same
//! other seeds as nobody acting; means with a band of two standard errors, and whether that
//! band leaves zero (the decisions explain it) or not (within chance).

use std::sync::atomic::{AtomicUsize, Ordering};

use rayon::prelude::*;

use super::{Attribution, Group, Measured, Pair};
use crate::scenario::Scenario;
use crate::sim::World;
use crate::sim::command::Command;
use crate::sim::metrics::{Outcome, Values, summarise};

/// A mean over the other seeds with its band (mean ± 2 standard errors).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Band {
    pub mean: f64,
    pub low: f64,
    pub high: f64,
}

/// What a difference is down to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Chance {
    /// The band leaves zero: the decisions explain the difference.
    Decisions,
    /// The band holds zero: the difference is within what chance alone gives.
    WithinChance,
}

impl Band {
    pub fn of(xs: &[f64]) -> Band {
        let n = xs.len().max(1) as f64;
        let mean = xs.iter().sum::<f64>() / n;
        let var = xs.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / (n - 1.0).max(1.0);
        let half = 2.0 * (var / n).sqrt();
        Band {
            mean,
            low: mean - half,
            high: mean + half,
        }
    }

    pub fn chance(&self) -> Chance {
        if self.low <= 0.0 && self.high >= 0.0 {
            Chance::WithinChance
        } else {
            Chance::Decisions
        }
    }
}

/// One replay: a log (or none) on a seed, to a turn.
struct Job {
    seed: usize,
    log: Option<Vec<Command>>,
    turns: u32,
    /// (group, decision index into the log, or None for the whole log); None: nobody acting.
    of: Option<(usize, Option<usize>)>,
}

fn run(s: &Scenario, seed: u64, log: Option<&[Command]>, turns: u32) -> Vec<Values> {
    let Ok(mut w) = World::new(s, seed) else {
        return Vec::new();
    };
    if let Some(log) = log {
        w.schedule(log.to_vec());
    }
    while w.turn < turns.min(w.turns()) {
        w.step();
    }
    w.series
}

fn at(series: &[Values], turns: u32) -> Values {
    summarise(&series[..(turns as usize).min(series.len())])
}

/// Every group's effects and attributions on `outcomes` over `seeds`.
pub fn measure(
    groups: &[Group],
    s: &Scenario,
    outcomes: &[Outcome],
    seeds: &[u64],
    progress: &(dyn Fn(usize, usize) + Sync),
) -> Vec<Measured> {
    let jobs = jobs(groups, seeds);
    let done = AtomicUsize::new(0);
    let total = jobs.len();
    let results: Vec<Vec<Values>> = jobs
        .par_iter()
        .map(|j| {
            let series = run(s, seeds[j.seed], j.log.as_deref(), j.turns);
            progress(done.fetch_add(1, Ordering::Relaxed) + 1, total);
            series
        })
        .collect();
    // Each replay's place in `results`, by what it was and its seed.
    let index: std::collections::BTreeMap<_, usize> = jobs
        .iter()
        .enumerate()
        .map(|(i, j)| ((j.of, j.seed), i))
        .collect();
    let nothing = |k: usize| index.get(&(None, k)).map(|&i| &results[i]);
    let summary = |g: usize, d: Option<usize>, k: usize| -> Values {
        let i = index[&(Some((g, d)), k)];
        at(&results[i], groups[g].turns())
    };
    (0..groups.len())
        .map(|g| {
            let turns = groups[g].turns();
            let full: Vec<Values> = (0..seeds.len()).map(|k| summary(g, None, k)).collect();
            let base: Vec<Values> = (0..seeds.len())
                .map(|k| nothing(k).map_or_else(Values::default, |s| at(s, turns)))
                .collect();
            let effects = outcomes
                .iter()
                .map(|&o| Band::of(&diffs(&full, &base, o)))
                .collect();
            let attributions = attribute(groups[g].decisions(), outcomes[0], &full, &|d, k| {
                summary(g, Some(d), k)
            });
            Measured {
                effects,
                attributions,
                per_seed: full,
            }
        })
        .collect()
}

fn diffs(a: &[Values], b: &[Values], o: Outcome) -> Vec<f64> {
    a.iter().zip(b).map(|(x, y)| x[o] - y[o]).collect()
}

/// Each decision's leave-one-out change, largest on `o` first.
fn attribute(
    decisions: Vec<usize>,
    o: Outcome,
    full: &[Values],
    without: &dyn Fn(usize, usize) -> Values,
) -> Vec<Attribution> {
    let mut out: Vec<Attribution> = decisions
        .into_iter()
        .map(|d| {
            let runs: Vec<Values> = (0..full.len()).map(|k| without(d, k)).collect();
            Attribution {
                index: d,
                without: Band::of(&diffs(&runs, full, o)),
                harm_without: Band::of(&diffs(&runs, full, Outcome::CiviliansHarmed)),
            }
        })
        .collect();
    out.sort_by(|a, b| b.without.mean.abs().total_cmp(&a.without.mean.abs()));
    out
}

/// The replays to run: nobody acting on each seed (to the longest group's turn), each group's
/// log, and each group's log without each of its decisions.
fn jobs(groups: &[Group], seeds: &[u64]) -> Vec<Job> {
    let longest = groups.iter().map(Group::turns).max().unwrap_or(0);
    let mut jobs = Vec::new();
    for k in 0..seeds.len() {
        jobs.push(Job {
            seed: k,
            log: None,
            turns: longest,
            of: None,
        });
        for (g, group) in groups.iter().enumerate() {
            let variants = std::iter::once(None).chain(group.decisions().into_iter().map(Some));
            for d in variants {
                let log = group
                    .log
                    .iter()
                    .enumerate()
                    .filter(|(i, _)| Some(*i) != d)
                    .map(|(_, c)| c.clone())
                    .collect();
                jobs.push(Job {
                    seed: k,
                    log: Some(log),
                    turns: group.turns(),
                    of: Some((g, d)),
                });
            }
        }
    }
    jobs
}

/// Every pair of groups, in ranking order, on `o`: the paired difference of their replays.
pub fn pairs(measured: &[Measured], o: Outcome, ranking: &[usize]) -> Vec<Pair> {
    let mut out = Vec::new();
    for (i, &a) in ranking.iter().enumerate() {
        for &b in &ranking[i + 1..] {
            out.push(Pair {
                a,
                b,
                difference: Band::of(&diffs(&measured[a].per_seed, &measured[b].per_seed, o)),
            });
        }
    }
    out
}
