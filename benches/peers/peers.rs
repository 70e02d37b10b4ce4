//! Breakglass's side of the race against NDlib and Mesa, on the inputs `peers.py` wrote.
//! `cargo run --release --no-default-features --example peers -- DIR [--quick]` (single thread).

use std::time::Instant;

use breakglass::sim::epstein::{EpsteinConfig, Grid};
use breakglass::sim::kernels::independent_cascade;
use breakglass::sim::network::Csr;
use breakglass::sim::rng::{Stream, stream};
use serde_json::json;

const P: f64 = 0.05;

fn read_pairs(path: &str) -> Vec<(u32, u32)> {
    std::fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("{path}: {e}"))
        .lines()
        .filter_map(|l| {
            let (a, b) = l.split_once(',')?;
            Some((a.trim().parse().ok()?, b.trim().parse().ok()?))
        })
        .collect()
}

fn cascades(dir: &str, n: usize) -> serde_json::Value {
    let edges = read_pairs(&format!("{dir}/ba_{n}.csv"));
    let graph = Csr::from_pairs(n, &edges);
    let mut seed_sets: Vec<Vec<u32>> = Vec::new();
    for (run, node) in read_pairs(&format!("{dir}/seeds_{n}.csv")) {
        let run = run as usize;
        if seed_sets.len() <= run {
            seed_sets.resize(run + 1, Vec::new());
        }
        seed_sets[run].push(node);
    }
    let mut rng = stream(42, 0, Stream::Cascade);
    let (mut seen, mut f, mut nx) = (vec![false; n], Vec::new(), Vec::new());
    // The 10 runs, repeated until a second has passed, for a stable rate.
    let mut spreads = Vec::new();
    let mut evals = 0u64;
    let start = Instant::now();
    let mut rounds = 0;
    while rounds == 0 || start.elapsed().as_secs_f64() < 1.0 {
        for seeds in &seed_sets {
            let (spread, e) =
                independent_cascade(&graph, seeds, P, &mut rng, &mut seen, &mut f, &mut nx);
            evals += e;
            if rounds == 0 {
                spreads.push(spread as f64);
            }
        }
        rounds += 1;
    }
    let seconds = start.elapsed().as_secs_f64();
    let mean = spreads.iter().sum::<f64>() / spreads.len() as f64;
    let sd = (spreads.iter().map(|x| (x - mean).powi(2)).sum::<f64>()
        / (spreads.len() as f64 - 1.0))
        .sqrt();
    json!({"spread_mean": mean, "spread_sd": sd, "edge_evaluations": evals, "seconds": seconds,
           "evals_per_second": evals as f64 / seconds, "runs": spreads.len(), "repeats": rounds})
}

fn epstein(size: usize, steps: usize, seeds: u64) -> serde_json::Value {
    let mut actives = Vec::new();
    let (mut agent_steps, mut seconds) = (0u64, 0.0);
    for seed in 0..seeds {
        let mut g = Grid::new(
            EpsteinConfig {
                width: size,
                height: size,
                ..Default::default()
            },
            seed,
        );
        let citizens = g.citizens() as f64;
        let start = Instant::now();
        for _ in 0..steps {
            actives.push(g.step() as f64 / citizens);
        }
        seconds += start.elapsed().as_secs_f64();
        agent_steps += g.agent_steps;
    }
    let mean = actives.iter().sum::<f64>() / actives.len() as f64;
    let peak = actives.iter().cloned().fold(0.0, f64::max);
    json!({"steps": steps, "agent_steps": agent_steps, "seconds": seconds,
           "agent_steps_per_second": agent_steps as f64 / seconds, "active_mean": mean, "active_peak": peak})
}

fn main() {
    let dir = std::env::args().nth(1).expect("the folder peers.py wrote");
    let quick = std::env::args().any(|a| a == "--quick");
    let mut c = serde_json::Map::new();
    for n in if quick {
        vec![10_000]
    } else {
        vec![10_000, 100_000]
    } {
        c.insert(format!("breakglass_ba{n}"), cascades(&dir, n));
    }
    let mut e = serde_json::Map::new();
    // Same steps as peers.py, more seeds (it is cheap).
    e.insert(
        "breakglass_epstein40".into(),
        epstein(40, if quick { 50 } else { 200 }, 10),
    );
    e.insert(
        "breakglass_epstein200".into(),
        epstein(200, if quick { 5 } else { 20 }, 5),
    );
    let doc = json!({"cascades": c, "epstein": e});
    std::fs::write(
        format!("{dir}/breakglass.json"),
        serde_json::to_string_pretty(&doc).unwrap(),
    )
    .unwrap();
    println!("{doc}");
}
