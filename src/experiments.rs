//! The scenario library's design check: each scenario is built so that a different set of tools
//! is decisive. For every scenario, its three focus tools (enabled from turn 0) are compared with
//! every other scenario's three, on the scenario's key outcome, over several seeds.

use crate::scenario::Scenario;
use crate::sim::World;
use crate::sim::command::{Action, Command};
use crate::sim::interventions::{CATALOG, Team, index_of};
use crate::sim::metrics::{Better, Outcome};

/// A scenario and the three tools it is built to make decisive (the outcome it is about is the
/// scenario's own first `key_outcomes` entry).
#[derive(Debug, Clone, Copy)]
pub struct Focus {
    pub file: &'static str,
    pub tools: [&'static str; 3],
}

/// The outcome a scenario is about: its first key outcome (civilians harmed if it names none).
pub fn key_outcome(s: &Scenario) -> Outcome {
    s.key_outcomes
        .first()
        .and_then(|n| crate::sim::metrics::by_name(n))
        .unwrap_or(Outcome::CiviliansHarmed)
}

pub const LIBRARY: [Focus; 8] = [
    Focus {
        file: "scenarios/tutorial.ron",
        tools: [
            "emergency_alerts",
            "trusted_warning_partners",
            "crisis_misinfo_policy",
        ],
    },
    Focus {
        file: "scenarios/default.ron",
        tools: [
            "reshare_friction",
            "forwarding_limits",
            "crisis_misinfo_policy",
        ],
    },
    Focus {
        file: "scenarios/rumour_before_vote.ron",
        tools: [
            "crisis_misinfo_policy",
            "prebunking",
            "amplify_credible_sources",
        ],
    },
    Focus {
        file: "scenarios/hashtag_mobilisation.ron",
        tools: [
            "disable_hashtags",
            "trust_threshold_for_reach",
            "deamplify_dehumanizing",
        ],
    },
    Focus {
        file: "scenarios/state_media.ron",
        tools: [
            "verified_official_labels",
            "provenance_labels",
            "designate_violent_orgs",
        ],
    },
    Focus {
        file: "scenarios/sirens.ron",
        tools: [
            "emergency_alerts",
            "security_prompts",
            "impersonation_enforcement",
        ],
    },
    Focus {
        file: "scenarios/besieged_city.ron",
        tools: [
            "evidence_preservation",
            "graphic_content_exception",
            "proxy_access",
        ],
    },
    Focus {
        file: "scenarios/detention_sweep.ron",
        tools: [
            "locked_profiles",
            "anti_surveillance",
            "deactivation_guidance",
        ],
    },
];

fn enable_all(w: &mut World, tools: &[&str]) {
    for id in tools {
        let entry = index_of(id).expect("focus tools are catalog ids");
        w.apply(Command {
            turn: w.turn,
            team: Team::Facilitator,
            action: Action::enable_defaults(entry),
            rationale: "decisive-tools experiment".into(),
        })
        .expect("valid experiment command");
    }
}

/// Improvement (percent, positive = better for civilians) of `key` with `tools` against nothing.
pub fn improvement(scenario: &Scenario, key: Outcome, tools: &[&str], seeds: u64) -> f64 {
    let (mut base, mut with) = (0.0, 0.0);
    for i in 0..seeds {
        let seed = scenario.seed.wrapping_add(i);
        let mut a = World::new(scenario, seed).expect("library scenario builds");
        a.run();
        let mut b = World::new(scenario, seed).expect("library scenario builds");
        enable_all(&mut b, tools);
        b.run();
        base += a.summary()[key];
        with += b.summary()[key];
    }
    if base.abs() < 1e-12 {
        return 0.0;
    }
    let change = (with - base) / base * 100.0;
    if key.better() == Better::Lower {
        -change
    } else {
        change
    }
}

/// Row i: scenario i's key outcome under every scenario's tool set.
pub fn matrix(scenarios: &[Scenario], seeds: u64) -> Vec<Vec<f64>> {
    LIBRARY
        .iter()
        .zip(scenarios)
        .map(|(_, s)| {
            LIBRARY
                .iter()
                .map(|g| improvement(s, key_outcome(s), &g.tools, seeds))
                .collect()
        })
        .collect()
}

// ---------------------------------------------------------------------------------------------
// Trade-offs: portfolios, what they cost civilians, and the frontier.

use crate::sim::interventions::{self, Active, Budgets};
use crate::sim::metrics::Values;
use rayon::prelude::*;

/// The outcomes that measure what a plan costs civilians: warnings, credible information,
/// protection, their own communication, evidence and their legitimate posts.
pub const CIVILIAN_COSTS: [Outcome; 6] = [
    Outcome::WarningReach,
    Outcome::CredibleInfoReach,
    Outcome::CiviliansProtected,
    Outcome::CivilianCommCapacity,
    Outcome::EvidenceLost,
    Outcome::LegitimateContentRemoved,
];

/// Commands that put `tools` (catalog indices) in force at turn 0 with default parameters,
/// platform-wide, break-glass confirmed; `waive` first lifts the budgets.
pub fn portfolio_commands(tools: &[usize], waive: bool) -> Vec<Command> {
    let mut out = Vec::new();
    if waive {
        out.push(Command {
            turn: 0,
            team: Team::Facilitator,
            action: Action::WaiveBudgets { waived: true },
            rationale: "portfolio search: budgets waived".into(),
        });
    }
    out.extend(tools.iter().map(|&entry| Command {
        turn: 0,
        team: CATALOG[entry].team,
        action: Action::enable_defaults(entry),
        rationale: "portfolio".into(),
    }));
    out
}

/// Does `tools`, enabled together at turn 0, fit every team's budget?
pub fn fits_budget(budgets: &Budgets, tools: &[usize]) -> bool {
    let mut active: Vec<Active> = Vec::new();
    for &entry in tools {
        if interventions::over_budget(budgets, &active, entry, 0).is_some() {
            return false;
        }
        active.push(Active::planned(entry, 0, 0));
    }
    true
}

/// Mean run summary of `scenario` over `seeds` seeds (seed, seed + 1, ...), each world prepared
/// by `setup` before it runs (in parallel; identical for any thread count).
fn mean_over_seeds(scenario: &Scenario, seeds: u64, setup: impl Fn(&mut World) + Sync) -> Values {
    let runs: Vec<Values> = (0..seeds)
        .into_par_iter()
        .map(|i| {
            let mut w = World::new(scenario, scenario.seed.wrapping_add(i))
                .expect("a validated scenario builds");
            setup(&mut w);
            w.run();
            w.summary()
        })
        .collect();
    let mut mean = Values::default();
    for o in Outcome::ALL {
        mean.set(
            o,
            runs.iter().map(|v| v[o]).sum::<f64>() / seeds.max(1) as f64,
        );
    }
    mean
}

/// Mean run summary of `scenario` under `tools` enabled at turn 0 over `seeds` seeds.
pub fn mean_summary(scenario: &Scenario, tools: &[usize], waive: bool, seeds: u64) -> Values {
    mean_summary_against(scenario, tools, waive, seeds, &[])
}

/// `mean_summary` against a red plan (`red` empty: the automatic adversary).
pub fn mean_summary_against(
    scenario: &Scenario,
    tools: &[usize],
    waive: bool,
    seeds: u64,
    red: &[Command],
) -> Values {
    mean_over_seeds(scenario, seeds, |w| {
        for cmd in portfolio_commands(tools, waive) {
            // Refused commands (over budget) simply do not act, as in a plan.
            let _ = w.apply(cmd);
        }
        w.schedule(red.to_vec());
    })
}

/// Mean run summary of `scenario` under a plan of timed commands (a session's decision log)
/// over `seeds` seeds.
pub fn plan_summary(scenario: &Scenario, commands: &[Command], seeds: u64) -> Values {
    mean_over_seeds(scenario, seeds, |w| w.schedule(commands.to_vec()))
}

/// Change of `o` from `base` to `with`, in percent, positive = better for civilians.
pub fn gain(o: Outcome, with: &Values, base: &Values) -> f64 {
    let b = base[o];
    if b.abs() < 1e-12 {
        return 0.0;
    }
    let change = (with[o] - b) / b.abs() * 100.0;
    if o.better() == Better::Lower {
        -change
    } else {
        change
    }
}

/// What a plan costs civilians against doing nothing: the mean, over `CIVILIAN_COSTS`, of how
/// much worse each got (percent, each capped at 100 so that a count that triples weighs no more
/// than a reach that falls to zero; improvements count as zero, they do not buy back a loss).
pub fn civilian_cost(with: &Values, base: &Values) -> f64 {
    CIVILIAN_COSTS
        .iter()
        .map(|&o| (-gain(o, with, base)).clamp(0.0, 100.0))
        .sum::<f64>()
        / CIVILIAN_COSTS.len() as f64
}

/// Does a plan with (key gain, cost to civilians) `a` beat `b`: at least as good on both, better
/// on one?
pub fn dominates(a: (f64, f64), b: (f64, f64)) -> bool {
    a.0 >= b.0 && a.1 <= b.1 && (a.0 > b.0 || a.1 < b.1)
}

/// A portfolio evaluated against doing nothing.
#[derive(Debug, Clone)]
pub struct Scored {
    pub tools: Vec<usize>,
    /// Improvement of the key outcome, percent (positive = better).
    pub key_gain: f64,
    /// `civilian_cost`, percent.
    pub civilian_cost: f64,
    pub values: Values,
}

/// One scenario's trade-off table: nothing, every lever (budgets waived), its focus tools, and
/// the best portfolio `explore` found within budget.
#[derive(Debug, Clone)]
pub struct TradeoffRow {
    pub key: Outcome,
    pub nothing: Values,
    pub everything: Scored,
    pub focus: Scored,
    pub best: Option<Scored>,
}

fn score(
    scenario: &Scenario,
    key: Outcome,
    base: &Values,
    tools: Vec<usize>,
    (waive, seeds): (bool, u64),
    red: &[Command],
) -> Scored {
    let values = mean_summary_against(scenario, &tools, waive, seeds, red);
    Scored {
        key_gain: gain(key, &values, base),
        civilian_cost: civilian_cost(&values, base),
        tools,
        values,
    }
}

/// The portfolio search: greedy (each round adds the lever that most improves the key outcome
/// among those that still fit the budgets), screened to the `width` best single levers, then
/// one pass of swaps. Every portfolio evaluated is kept for the frontier. Deterministic for a
/// scenario and seed count.
#[derive(Debug, Clone)]
pub struct Exploration {
    pub key: Outcome,
    pub nothing: Values,
    /// The greedy sequence: which lever entered at each step, and the key gain after it.
    pub order: Vec<(usize, f64)>,
    pub best: Scored,
    /// Every portfolio evaluated.
    pub evaluated: Vec<Scored>,
}

impl Exploration {
    /// The portfolios no other beats on both the key outcome and the cost to civilians, best
    /// key gain first.
    pub fn frontier(&self) -> Vec<&Scored> {
        let mut f: Vec<&Scored> = self
            .evaluated
            .iter()
            .filter(|a| {
                !self.evaluated.iter().any(|b| {
                    dominates((b.key_gain, b.civilian_cost), (a.key_gain, a.civilian_cost))
                })
            })
            .collect();
        f.sort_by(|a, b| {
            b.key_gain
                .total_cmp(&a.key_gain)
                .then(a.tools.len().cmp(&b.tools.len()))
        });
        f.dedup_by(|a, b| a.tools == b.tools);
        f
    }
}

pub fn explore(
    scenario: &Scenario,
    budgets: &Budgets,
    (seeds, width): (u64, usize),
    red: &[Command],
    on_step: &(dyn Fn(&str) + Sync),
) -> Exploration {
    let key = key_outcome(scenario);
    let search = Search {
        scenario,
        budgets,
        seeds,
        key,
        nothing: mean_summary_against(scenario, &[], false, seeds, red),
        red,
        on_step,
    };
    let (singles, pool) = search.screen(width);
    let mut evaluated = singles.clone();
    let empty = Scored {
        tools: Vec::new(),
        key_gain: 0.0,
        civilian_cost: 0.0,
        values: search.nothing,
    };
    let (current, order) = search.greedy(&pool, &singles, empty.clone(), &mut evaluated);
    let best = search.swaps(&pool, current, &mut evaluated);
    evaluated.push(empty);
    Exploration {
        key,
        nothing: search.nothing,
        order,
        best,
        evaluated,
    }
}

/// What the portfolio search works with.
struct Search<'a> {
    scenario: &'a Scenario,
    budgets: &'a Budgets,
    seeds: u64,
    key: Outcome,
    nothing: Values,
    /// The red plan every portfolio plays against (empty: the automatic adversary).
    red: &'a [Command],
    on_step: &'a (dyn Fn(&str) + Sync),
}

impl Search<'_> {
    fn score(&self, tools: Vec<usize>) -> Scored {
        score(
            self.scenario,
            self.key,
            &self.nothing,
            tools,
            (false, self.seeds),
            self.red,
        )
    }

    /// Every single lever within budget, scored; the `width` best form the pool.
    fn screen(&self, width: usize) -> (Vec<Scored>, Vec<usize>) {
        let candidates: Vec<usize> = (0..CATALOG.len())
            .filter(|&e| fits_budget(self.budgets, &[e]))
            .collect();
        (self.on_step)(&format!("screening {} single levers", candidates.len()));
        let singles: Vec<Scored> = candidates.iter().map(|&e| self.score(vec![e])).collect();
        let mut ranked: Vec<&Scored> = singles.iter().collect();
        ranked.sort_by(|a, b| {
            b.key_gain
                .total_cmp(&a.key_gain)
                .then(a.tools.cmp(&b.tools))
        });
        let pool: Vec<usize> = ranked.iter().take(width).map(|s| s.tools[0]).collect();
        (singles, pool)
    }

    /// Greedy: each round adds the pool lever that most improves the key outcome among those
    /// that still fit, until none improves it by half a point. The portfolio and the order.
    fn greedy(
        &self,
        pool: &[usize],
        singles: &[Scored],
        mut current: Scored,
        evaluated: &mut Vec<Scored>,
    ) -> (Scored, Vec<(usize, f64)>) {
        let mut order = Vec::new();
        loop {
            let options: Vec<Vec<usize>> = pool
                .iter()
                .filter(|e| !current.tools.contains(e))
                .map(|&e| {
                    let mut t = current.tools.clone();
                    t.push(e);
                    t
                })
                .filter(|t| fits_budget(self.budgets, t))
                .collect();
            if options.is_empty() {
                break;
            }
            (self.on_step)(&format!(
                "round {}: {} options",
                order.len() + 1,
                options.len()
            ));
            let scored: Vec<Scored> = options
                .into_iter()
                .map(|t| {
                    singles
                        .iter()
                        .find(|s| s.tools == t)
                        .cloned()
                        .unwrap_or_else(|| self.score(t))
                })
                .collect();
            let best = scored
                .iter()
                .max_by(|a, b| {
                    a.key_gain
                        .total_cmp(&b.key_gain)
                        .then(b.tools.cmp(&a.tools))
                })
                .cloned()
                .expect("options is not empty");
            evaluated.extend(scored.into_iter().filter(|s| s.tools.len() > 1));
            if best.key_gain <= current.key_gain + 0.5 {
                break;
            }
            order.push((*best.tools.last().expect("one added"), best.key_gain));
            current = best;
        }
        (current, order)
    }

    /// One pass of swaps: replace each lever by each pool lever not in use.
    fn swaps(&self, pool: &[usize], mut current: Scored, evaluated: &mut Vec<Scored>) -> Scored {
        (self.on_step)("swaps");
        for i in 0..current.tools.len() {
            let options: Vec<Vec<usize>> = pool
                .iter()
                .filter(|e| !current.tools.contains(e))
                .map(|&e| {
                    let mut t = current.tools.clone();
                    t[i] = e;
                    t
                })
                .filter(|t| fits_budget(self.budgets, t))
                .collect();
            for t in options {
                let s = self.score(t);
                let better = s.key_gain > current.key_gain + 0.5;
                evaluated.push(s.clone());
                if better {
                    current = s;
                }
            }
        }
        current
    }
}

/// The trade-off row of one library scenario: nothing / every lever at once (budgets waived) /
/// its focus tools / (optionally) the best portfolio found within budget.
pub fn tradeoff_row(
    scenario: &Scenario,
    focus: &[&str],
    seeds: u64,
    explore_width: Option<usize>,
) -> TradeoffRow {
    let key = key_outcome(scenario);
    let nothing = mean_summary(scenario, &[], false, seeds);
    let all: Vec<usize> = (0..CATALOG.len()).collect();
    let everything = score(scenario, key, &nothing, all, (true, seeds), &[]);
    let focus_tools: Vec<usize> = focus
        .iter()
        .map(|id| index_of(id).expect("focus tools are catalog ids"))
        .collect();
    let focus = score(scenario, key, &nothing, focus_tools, (false, seeds), &[]);
    let best = explore_width
        .map(|width| explore(scenario, &scenario.budgets, (seeds, width), &[], &|_| {}).best);
    TradeoffRow {
        key,
        nothing,
        everything,
        focus,
        best,
    }
}

/// "Your plan against the frontier": the current branch's decisions and the portfolios no other
/// beats on both the scenario's key outcome and the cost to civilians, over the same seeds.
#[derive(Debug, Clone)]
pub struct Debrief {
    pub key: Outcome,
    pub runs: u64,
    /// The teams' plan: key-outcome gain and cost to civilians, percent against nothing.
    pub plan: (f64, f64),
    /// Frontier portfolios: levers, key gain, cost to civilians.
    pub frontier: Vec<(Vec<&'static str>, f64, f64)>,
}

impl Debrief {
    /// How many frontier portfolios beat the teams' plan on both counts.
    pub fn dominated_by(&self) -> usize {
        self.frontier
            .iter()
            .filter(|(_, g, c)| dominates((*g, *c), self.plan))
            .count()
    }

    /// The frontier's portfolios and the teams' plan (None), best on the key outcome first:
    /// (levers, key gain, cost to civilians). The report and the app word them.
    pub fn rows(&self) -> Vec<(Option<&[&'static str]>, f64, f64)> {
        let mut rows: Vec<(Option<&[&'static str]>, f64, f64)> = self
            .frontier
            .iter()
            .map(|(levers, g, c)| (Some(levers.as_slice()), *g, *c))
            .collect();
        rows.push((None, self.plan.0, self.plan.1));
        rows.sort_by(|a, b| b.1.total_cmp(&a.1));
        rows
    }
}

/// The teams' plan (a decision log) against the frontier of portfolios within `scenario`'s
/// budgets: what the report's section 9 and the briefing view show.
pub fn debrief(scenario: &Scenario, log: &[Command], runs: u64, width: usize) -> Debrief {
    // The portfolios face the same organisation as the teams did: the red cell's moves (and its
    // hand-over) from the log, or the automatic adversary when there are none.
    let red: Vec<Command> = log
        .iter()
        .filter(|c| c.team == Team::Perpetrators || matches!(c.action, Action::RedCell { .. }))
        .cloned()
        .collect();
    let result = explore(scenario, &scenario.budgets, (runs, width), &red, &|_| {});
    let plan = plan_summary(scenario, log, runs);
    let frontier = result
        .frontier()
        .into_iter()
        .map(|s| {
            (
                s.tools.iter().map(|&e| CATALOG[e].id).collect(),
                s.key_gain,
                s.civilian_cost,
            )
        })
        .collect();
    Debrief {
        key: result.key,
        runs,
        plan: (
            gain(result.key, &plan, &result.nothing),
            civilian_cost(&plan, &result.nothing),
        ),
        frontier,
    }
}

/// A library file's stem: `scenarios/besieged_city.ron` -> `besieged_city`.
pub fn stem(file: &str) -> &str {
    let name = file.rsplit('/').next().unwrap_or(file);
    name.strip_suffix(".ron").unwrap_or(name)
}
