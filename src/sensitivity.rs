//! What we don't know: which of the model's assumed parameters drive each key outcome.
//!
//! Two global methods over the same table of assumed parameters (`ASSUMED`, each with the range
//! MODEL.md states for it):
//! - **Morris** elementary effects (Morris 1991; μ* of Campolongo et al. 2007): `r` random
//!   one-at-a-time trajectories through a `levels`-level grid of the unit cube; a parameter's μ*
//!   is the mean absolute change of the outcome per step across its range. Cheap screening:
//!   r (k + 1) runs.
//! - **Sobol** indices with Saltelli sampling (Saltelli et al. 2010): matrices A and B of N
//!   rows, and for each parameter i the matrix A with column i taken from B; first-order index
//!   S_i = mean(f(B) (f(AB_i) - f(A))) / V (Saltelli 2010; f centred on its sample mean, as
//!   SALib does), total index
//!   ST_i = mean((f(A) - f(AB_i))²) / 2V (Jansen 1999). N (k + 2) runs. Checked against the
//!   Ishigami function's analytic indices (tests below) and SALib on the same sample
//!   (`benches/peers/salib_check.py`).
//!
//! Samples come from a seeded ChaCha stream and runs are evaluated over rayon and collected in
//! order: the same command gives the same numbers. Every model run uses the same seeds (common
//! random numbers), so the indices measure the parameters, not chance.

use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use rayon::prelude::*;

use crate::scenario::Scenario;
use crate::sim::World;
use crate::sim::command::Command;
use crate::sim::metrics::Outcome;
use crate::sim::params::ModelParams;
use crate::sim::rng::unit;

/// One assumed parameter and the range we sample it over (uniform).
#[derive(Debug, Clone, Copy)]
pub struct Factor {
    /// A `ModelParams` field.
    pub name: &'static str,
    pub low: f64,
    pub high: f64,
    /// Why this range.
    pub why: &'static str,
}

/// The assumed parameters sampled by `breakglass sensitivity`, with their ranges. MODEL.md's
/// sensitivity table is generated from this list (tests/suite/docs.rs keeps it in sync).
pub const ASSUMED: [Factor; 24] = [
    Factor {
        name: "belief_rate",
        low: 0.05,
        high: 0.20,
        why: "half to twice the default; no estimate for a crisis feed",
    },
    Factor {
        name: "hostility_rate",
        low: 0.0125,
        high: 0.05,
        why: "half to twice the default",
    },
    Factor {
        name: "fear_rate",
        low: 0.04,
        high: 0.16,
        why: "half to twice the default",
    },
    Factor {
        name: "correction_rate",
        low: 0.075,
        high: 0.30,
        why: "half to twice; corrections work modestly in experiments",
    },
    Factor {
        name: "other_language_factor",
        low: 0.15,
        high: 0.6,
        why: "half to twice the default",
    },
    Factor {
        name: "credible_source_boost",
        low: 1.2,
        high: 2.0,
        why: "a modest to a strong source effect",
    },
    Factor {
        name: "feed_view",
        low: 0.2,
        high: 0.4,
        why: "a third either side of the default",
    },
    Factor {
        name: "act_rate",
        low: 0.25,
        high: 0.75,
        why: "half of warned people act, give or take half",
    },
    Factor {
        name: "shelter_protection",
        low: 0.6,
        high: 0.95,
        why: "shelter helps a lot, how much is not known",
    },
    Factor {
        name: "epstein_threshold",
        low: 0.05,
        high: 0.2,
        why: "half to twice Epstein's T",
    },
    Factor {
        name: "attack_rate",
        low: 0.1,
        high: 0.4,
        why: "half to twice the default",
    },
    Factor {
        name: "harm_per_attack",
        low: 3.0,
        high: 12.0,
        why: "half to twice the default",
    },
    Factor {
        name: "offline_mobilisation",
        low: 5.0,
        high: 20.0,
        why: "half to twice the default",
    },
    Factor {
        name: "platform_exit",
        low: 0.25,
        high: 0.75,
        why: "half of those who lose trust stop relying on pushes, give or take half",
    },
    Factor {
        name: "trust_capacity_cost",
        low: 0.015,
        high: 0.06,
        why: "half to twice the default",
    },
    Factor {
        name: "adaptation_rate",
        low: 0.5,
        high: 2.0,
        why: "a slow to a fast adversary",
    },
    Factor {
        name: "revenge_rate",
        low: 0.0,
        high: 0.1,
        why: "no revenge to three times the default; no estimate of how fast it builds",
    },
    Factor {
        name: "spillover_share",
        low: 0.0,
        high: 0.6,
        why: "nothing to twice the default reaches next door",
    },
    Factor {
        name: "reprisal_means",
        low: 0.0,
        high: 0.6,
        why: "an unarmed to a well-armed targeted group",
    },
    Factor {
        name: "misinformation_legitimacy",
        low: 0.0,
        high: 0.3,
        why: "no link to three times the default",
    },
    Factor {
        name: "state_violence_legitimacy",
        low: 0.0,
        high: 0.3,
        why: "no backlash to three times the default",
    },
    Factor {
        name: "feed_attention",
        low: 3.0,
        high: 30.0,
        why: "a feed that fills in an hour to one that never fills in a crisis",
    },
    Factor {
        name: "freshness_half_life",
        low: 60.0,
        high: 720.0,
        why: "an hour (a news feed's front page) to half a day (a crisis rumour)",
    },
    Factor {
        name: "resurface_rate",
        low: 0.0,
        high: 0.1,
        why: "never to a rumour back every other day",
    },
];

/// Parameters at point `x` of the unit cube.
pub fn params_at(base: &ModelParams, factors: &[Factor], x: &[f64]) -> ModelParams {
    let mut v = serde_json::to_value(base).expect("ModelParams serialise");
    let obj = v.as_object_mut().expect("a struct");
    for (f, u) in factors.iter().zip(x) {
        let value = f.low + (f.high - f.low) * u;
        let slot = obj
            .get_mut(f.name)
            .expect("ASSUMED names ModelParams fields");
        *slot = if slot.is_u64() {
            serde_json::json!(value.round() as u64)
        } else {
            serde_json::json!(value)
        };
    }
    serde_json::from_value(v).expect("ModelParams deserialise")
}

/// Sobol indices of one output.
#[derive(Debug, Clone)]
pub struct Indices {
    pub first: Vec<f64>,
    pub total: Vec<f64>,
    pub variance: f64,
}

/// The Saltelli sample: A, B and the k matrices AB_i, as rows of the unit cube, in the order
/// A_j, AB_j1..AB_jk, B_j for each j (SALib's order, without second-order rows).
pub fn saltelli_sample(k: usize, n: usize, seed: u64) -> Vec<Vec<f64>> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut rows = Vec::with_capacity(n * (k + 2));
    for _ in 0..n {
        let a: Vec<f64> = (0..k).map(|_| unit(&mut rng)).collect();
        let b: Vec<f64> = (0..k).map(|_| unit(&mut rng)).collect();
        rows.push(a.clone());
        for i in 0..k {
            let mut ab = a.clone();
            ab[i] = b[i];
            rows.push(ab);
        }
        rows.push(b);
    }
    rows
}

/// Sobol indices from outputs `y` of `saltelli_sample(k, n, _)` (same order).
pub fn sobol_indices(k: usize, y: &[f64]) -> Indices {
    let n = y.len() / (k + 2);
    // Outputs centred on their mean over the whole sample (as SALib does): the first-order
    // estimator's variance falls, its expectation is unchanged.
    let centre = y.iter().sum::<f64>() / y.len().max(1) as f64;
    let at = |j: usize, col: usize| y[j * (k + 2) + col] - centre;
    let (fa, fb): (Vec<f64>, Vec<f64>) = (0..n).map(|j| (at(j, 0), at(j, k + 1))).unzip();
    let all: Vec<f64> = fa.iter().chain(&fb).copied().collect();
    let mean = all.iter().sum::<f64>() / all.len() as f64;
    let variance = all.iter().map(|v| (v - mean).powi(2)).sum::<f64>() / all.len() as f64;
    let mut first = Vec::with_capacity(k);
    let mut total = Vec::with_capacity(k);
    for i in 0..k {
        let (mut s, mut t) = (0.0, 0.0);
        for j in 0..n {
            let fab = at(j, i + 1);
            s += fb[j] * (fab - fa[j]);
            t += (fa[j] - fab).powi(2);
        }
        let v = variance.max(1e-300);
        first.push(s / n as f64 / v);
        total.push(t / n as f64 / (2.0 * v));
    }
    Indices {
        first,
        total,
        variance,
    }
}

/// Morris statistics of one output: μ* (mean |elementary effect|) and σ per parameter, in
/// output units per whole range.
#[derive(Debug, Clone)]
pub struct Screening {
    pub mu_star: Vec<f64>,
    pub sigma: Vec<f64>,
}

/// `r` Morris trajectories over a `levels`-level grid (step Δ = levels / (2 (levels - 1))):
/// rows of the unit cube, k + 1 per trajectory, each next row moving one parameter by ±Δ.
/// Also returns which parameter each step moved and by how much.
pub fn morris_sample(
    k: usize,
    r: usize,
    levels: usize,
    seed: u64,
) -> (Vec<Vec<f64>>, Vec<(usize, f64)>) {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let p = levels.max(2) as f64;
    let delta = p / (2.0 * (p - 1.0));
    let low_levels = (levels / 2).max(1);
    let mut rows = Vec::with_capacity(r * (k + 1));
    let mut steps = Vec::with_capacity(r * k);
    for _ in 0..r {
        // A start on the lower part of the grid, so that +Δ stays inside.
        let mut x: Vec<f64> = (0..k)
            .map(|_| (unit(&mut rng) * low_levels as f64).floor() / (p - 1.0))
            .collect();
        let mut order: Vec<usize> = (0..k).collect();
        for i in (1..k).rev() {
            let j = (unit(&mut rng) * (i + 1) as f64) as usize;
            order.swap(i, j.min(i));
        }
        rows.push(x.clone());
        for &i in &order {
            let d = if x[i] + delta <= 1.0 + 1e-12 {
                delta
            } else {
                -delta
            };
            x[i] += d;
            rows.push(x.clone());
            steps.push((i, d));
        }
    }
    (rows, steps)
}

/// Morris statistics from outputs `y` of `morris_sample(k, r, ..)` (same order).
pub fn morris_indices(k: usize, y: &[f64], steps: &[(usize, f64)]) -> Screening {
    let r = steps.len() / k.max(1);
    let mut effects = vec![Vec::with_capacity(r); k];
    for t in 0..r {
        for s in 0..k {
            let (i, d) = steps[t * k + s];
            let before = y[t * (k + 1) + s];
            let after = y[t * (k + 1) + s + 1];
            effects[i].push((after - before) / d);
        }
    }
    let mut mu_star = Vec::with_capacity(k);
    let mut sigma = Vec::with_capacity(k);
    for e in &effects {
        let n = e.len().max(1) as f64;
        let mean = e.iter().sum::<f64>() / n;
        mu_star.push(e.iter().map(|v| v.abs()).sum::<f64>() / n);
        sigma.push((e.iter().map(|v| (v - mean).powi(2)).sum::<f64>() / n).sqrt());
    }
    Screening { mu_star, sigma }
}

/// The scenario's outcomes at each point (mean over `seeds` runs with the same seeds
/// everywhere), evaluated in parallel and returned in order. With a plan, what is measured is
/// the plan's effect: the outcome with the plan minus the outcome with nobody acting, on the
/// same world.
pub fn evaluate(
    scenario: &Scenario,
    factors: &[Factor],
    points: &[Vec<f64>],
    seeds: u64,
    outcomes: &[Outcome],
    plan: &[Command],
) -> Vec<Vec<f64>> {
    let outcome = |s: &Scenario, seed: u64, commands: &[Command]| {
        let mut w = World::new(s, seed).expect("world");
        w.schedule(commands.to_vec());
        w.run();
        w.summary()
    };
    points
        .par_iter()
        .map(|x| {
            let mut s = scenario.clone();
            s.model = params_at(&scenario.model, factors, x);
            let mut sum = vec![0.0; outcomes.len()];
            for i in 0..seeds {
                let seed = scenario.seed.wrapping_add(i);
                let v = outcome(&s, seed, plan);
                let nothing = (!plan.is_empty()).then(|| outcome(&s, seed, &[]));
                for (acc, o) in sum.iter_mut().zip(outcomes) {
                    *acc += v[*o] - nothing.as_ref().map_or(0.0, |n| n[*o]);
                }
            }
            sum.into_iter().map(|v| v / seeds.max(1) as f64).collect()
        })
        .collect()
}

/// The Ishigami function (a = 7, b = 0.1) on [-π, π]³, the standard test of Sobol estimators.
pub fn ishigami(x: &[f64]) -> f64 {
    let (a, b) = (7.0, 0.1);
    x[0].sin() + a * x[1].sin().powi(2) + b * x[2].powi(4) * x[0].sin()
}

/// Ishigami's analytic first-order and total indices (Ishigami & Homma 1990).
pub fn ishigami_indices() -> ([f64; 3], [f64; 3]) {
    let (a, b) = (7.0f64, 0.1f64);
    let pi4 = std::f64::consts::PI.powi(4);
    let pi8 = pi4 * pi4;
    let v1 = 0.5 * (1.0 + b * pi4 / 5.0).powi(2);
    let v2 = a * a / 8.0;
    let v13 = b * b * pi8 * (1.0 / 18.0 - 1.0 / 50.0);
    let v = v1 + v2 + v13;
    ([v1 / v, v2 / v, 0.0], [(v1 + v13) / v, v2 / v, v13 / v])
}

/// A unit-cube row mapped to Ishigami's domain.
pub fn ishigami_domain(u: &[f64]) -> Vec<f64> {
    u.iter()
        .map(|v| -std::f64::consts::PI + 2.0 * std::f64::consts::PI * v)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sobol_estimators_recover_ishigamis_analytic_indices() {
        let (n, k) = (8192, 3);
        let rows = saltelli_sample(k, n, 11);
        let y: Vec<f64> = rows.iter().map(|u| ishigami(&ishigami_domain(u))).collect();
        let got = sobol_indices(k, &y);
        let (s1, st) = ishigami_indices();
        assert!((s1[0] - 0.3139).abs() < 1e-3 && (st[2] - 0.2437).abs() < 1e-3);
        for i in 0..k {
            assert!(
                (got.first[i] - s1[i]).abs() < 0.03,
                "S{}: {} vs {}",
                i + 1,
                got.first[i],
                s1[i]
            );
            assert!(
                (got.total[i] - st[i]).abs() < 0.03,
                "ST{}: {} vs {}",
                i + 1,
                got.total[i],
                st[i]
            );
        }
    }

    #[test]
    fn morris_ranks_ishigamis_parameters_and_finds_x3_only_through_interaction() {
        let k = 3;
        let (rows, steps) = morris_sample(k, 200, 4, 5);
        let y: Vec<f64> = rows.iter().map(|u| ishigami(&ishigami_domain(u))).collect();
        let m = morris_indices(k, &y, &steps);
        // x3 acts only with x1 (its effect changes sign with sin x1): a large σ next to its μ*.
        assert!(m.mu_star[0] > m.mu_star[2] && m.mu_star[1] > m.mu_star[2]);
        assert!(m.sigma[2] > 0.5 * m.mu_star[2]);
    }

    #[test]
    fn samples_are_deterministic_and_inside_the_cube() {
        assert_eq!(saltelli_sample(4, 16, 1), saltelli_sample(4, 16, 1));
        let (rows, steps) = morris_sample(5, 10, 4, 2);
        assert_eq!(rows.len(), 10 * 6);
        assert_eq!(steps.len(), 10 * 5);
        assert!(
            rows.iter()
                .flatten()
                .all(|v| (-1e-12..=1.0 + 1e-12).contains(v))
        );
    }

    #[test]
    fn every_assumed_factor_is_a_model_parameter_with_its_default_inside_its_range() {
        let base = serde_json::to_value(ModelParams::default()).unwrap();
        for f in ASSUMED {
            let d = base[f.name]
                .as_f64()
                .unwrap_or_else(|| panic!("{} is not a numeric parameter", f.name));
            assert!(
                f.low < f.high && (f.low..=f.high).contains(&d),
                "{}",
                f.name
            );
        }
        let mid = params_at(&ModelParams::default(), &ASSUMED, &[0.0; 16]);
        assert_eq!(mid.belief_rate, 0.05);
    }
}

/// Which assumptions a plan's effect depends on most, per outcome (for the report).
#[derive(Debug, Clone)]
pub struct PlanUncertainty {
    pub trajectories: usize,
    pub seeds: u64,
    /// Per outcome: the plan's effect at the defaults, its lowest and highest over the sampled
    /// assumptions, and the three parameters with the largest μ* (with their μ*).
    pub outcomes: Vec<PlanEffect>,
}

/// A plan's effect on one outcome and what it depends on.
#[derive(Debug, Clone)]
pub struct PlanEffect {
    pub outcome: Outcome,
    pub at_defaults: f64,
    pub lowest: f64,
    pub highest: f64,
    pub top: Vec<(&'static str, f64)>,
}

/// Morris screening of a plan's effect on the scenario's key outcomes and the harm to
/// civilians (`trajectories` trajectories, `seeds` seeds, sample seed 1).
pub fn plan_uncertainty(
    scenario: &Scenario,
    plan: &[Command],
    trajectories: usize,
    seeds: u64,
) -> PlanUncertainty {
    let outcomes =
        crate::sim::metrics::key_first(&scenario.key_outcomes, &[Outcome::CiviliansHarmed]);
    let k = ASSUMED.len();
    let (points, steps) = morris_sample(k, trajectories, 4, 1);
    let ys = evaluate(scenario, &ASSUMED, &points, seeds, &outcomes, plan);
    let at_defaults = evaluate(scenario, &[], &[Vec::new()], seeds, &outcomes, plan);
    let outcomes = outcomes
        .iter()
        .enumerate()
        .map(|(oi, o)| {
            let y: Vec<f64> = ys.iter().map(|v| v[oi]).collect();
            let m = morris_indices(k, &y, &steps);
            let mut order: Vec<usize> = (0..k).collect();
            order.sort_by(|&i, &j| m.mu_star[j].total_cmp(&m.mu_star[i]).then(i.cmp(&j)));
            let top = order
                .iter()
                .take(3)
                .map(|&i| (ASSUMED[i].name, m.mu_star[i]))
                .collect();
            PlanEffect {
                outcome: *o,
                at_defaults: at_defaults[0][oi],
                lowest: y.iter().copied().fold(f64::INFINITY, f64::min),
                highest: y.iter().copied().fold(f64::NEG_INFINITY, f64::max),
                top,
            }
        })
        .collect();
    PlanUncertainty {
        trajectories,
        seeds,
        outcomes,
    }
}
