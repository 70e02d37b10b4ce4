//! What each lever teaches: every lever alone against nobody acting on every library scenario
//! (a lever that works through others, with them in force), and the three checks the game's
//! lessons rest on (MODEL.md §14, "What each lever teaches"):
//! - **the catalog tells the truth**: every declared effect and side effect shows the declared
//!   way (by `SHOWS` percent or more) in at least one library scenario and in at least as many
//!   as it shows the other way;
//! - **no protective tool is a trap**: no lever of the protect-civilians strategy raises
//!   civilians harmed by `TRAP_RISE` percent (and `TRAP_PEOPLE` people) or more in more than one
//!   library scenario, unless the report itself names that harm (`Entry::named_harm`);
//! - **every tool has its moment**: in at least one scenario the lever is in the top third of
//!   all levers on one of the scenario's key outcomes or on civilians harmed.
//!
//! `breakglass levers` prints the table and the verdicts; MODEL.md holds the table, and a test
//! keeps it identical to what the code computes.

use rayon::prelude::*;

use crate::experiments::{LIBRARY, fits_budget, gain, stem};
use crate::scenario::Scenario;
use crate::sim::World;
use crate::sim::command::{Action, Command};
use crate::sim::interventions::{CATALOG, Strategy, Team, index_of};
use crate::sim::metrics::{Outcome, Values};

/// Seeds per cell of the table MODEL.md holds (and the tests check).
pub const SEEDS: u64 = 6;
/// A declared effect "shows" when the outcome moves that way by at least this many percent.
pub const SHOWS: f64 = 1.0;
/// A protective lever is a trap in a scenario when it raises civilians harmed by this many
/// percent or more ...
pub const TRAP_RISE: f64 = 10.0;
/// ... and by at least this many people (a tenth more of a handful is chance, not a lesson).
pub const TRAP_PEOPLE: f64 = 10.0;
/// A protective lever may be a trap in at most this many library scenarios.
pub const TRAPS_ALLOWED: usize = 1;
/// A lever's moment: a gain of at least this many percent ...
pub const MOMENT_GAIN: f64 = 1.0;
/// ... (on civilians harmed, of at least this many people) ...
pub const MOMENT_PEOPLE: f64 = 5.0;
/// Levers with no moment in the library yet, and why (MODEL.md §14): the check holds the list
/// to exactly these, so it only shrinks on purpose.
pub const KNOWN_GAPS: &[(&str, &str)] = &[
    (
        "prebunking",
        "inoculation is modest in the evidence (Roozenbeek et al. 2022) and no library world has a rumour still to come at scale: the rumour scenario's memo is believed before play starts",
    ),
    (
        "reshare_nudges",
        "a nudge before resharing cuts harmful impressions or belief in rumours by 8 to 9% where rumours spread (Kessara, the rumour before the vote), but in every library world two dozen levers do more on its key outcomes; its world, where removal and demotion are off the table (a court or an election law forbids them), is not in the library",
    ),
    (
        "weapons_recruitment_enforcement",
        "no library world is one where the campaign's arming and recruiting, rather than its incitement, drives the violence",
    ),
];
/// ... that places it in the top third of all levers.
pub fn top_third() -> usize {
    CATALOG.len() / 3
}

/// One lever in one scenario: the world it is compared with and the world with it.
#[derive(Debug, Clone)]
pub struct Cell {
    /// Nobody acting, or (a lever that works through others) its partners alone.
    pub base: Values,
    pub with: Values,
}

/// Every lever on every library scenario over the same seeds.
#[derive(Debug, Clone)]
pub struct Table {
    /// The scenarios' file stems, in `LIBRARY` order.
    pub scenarios: Vec<String>,
    /// Each scenario's key outcomes (the first is the one it is about).
    pub keys: Vec<Vec<Outcome>>,
    pub seeds: u64,
    /// Mean summary with nobody acting, per scenario.
    pub nothing: Vec<Values>,
    /// `cells[scenario][catalog index]`.
    pub cells: Vec<Vec<Cell>>,
}

/// The library's scenarios, in `LIBRARY` order, with their stems.
pub fn library() -> Result<Vec<(String, Scenario)>, crate::scenario::LoadError> {
    LIBRARY
        .iter()
        .map(|f| {
            let s = crate::scenario::load(std::path::Path::new(f.file))?.scenario;
            Ok((stem(f.file).to_string(), s))
        })
        .collect()
}

fn enable(entry: usize, turn: u32) -> Command {
    Command {
        turn,
        team: CATALOG[entry].team,
        action: Action::enable_defaults(entry),
        rationale: "lever table".into(),
    }
}

/// The plan that judges `lever` (None: nobody acting): the lever at turn 0 and, for a lever
/// that works through others, its partners from the turn it is in force (the same turn with or
/// without it, so the comparison is the lever's own contribution). Budgets are waived only
/// when the levers do not fit them together.
fn plan(s: &Scenario, lever: Option<usize>, partners: &[usize], delay: u32) -> Vec<Command> {
    let mut all: Vec<usize> = lever.into_iter().collect();
    all.extend(partners);
    let mut out = Vec::new();
    if !fits_budget(&s.budgets, &all) {
        out.push(Command {
            turn: 0,
            team: Team::Facilitator,
            action: Action::WaiveBudgets { waived: true },
            rationale: "lever table: budgets waived".into(),
        });
    }
    out.extend(lever.map(|e| enable(e, 0)));
    out.extend(partners.iter().map(|&e| enable(e, delay)));
    out
}

/// Mean summary of `s` under `commands` over `seeds` seeds (seed, seed + 1, ...).
fn mean_run(s: &Scenario, commands: &[Command], seeds: u64) -> Values {
    let mut mean = Values::default();
    for i in 0..seeds {
        let mut w = World::new(s, s.seed.wrapping_add(i)).expect("a library scenario builds");
        w.schedule(commands.to_vec());
        w.run();
        let v = w.summary();
        for o in Outcome::ALL {
            mean.set(o, mean[o] + v[o] / seeds as f64);
        }
    }
    mean
}

/// The partners a lever works through (catalog indices).
pub fn partners(entry: usize) -> Vec<usize> {
    CATALOG[entry]
        .works_through
        .iter()
        .map(|id| index_of(id).expect("works_through names catalog ids"))
        .collect()
}

/// The table's frame: scenarios and their key outcomes, no runs yet.
fn frame(library: &[(String, Scenario)], seeds: u64) -> Table {
    Table {
        scenarios: library.iter().map(|(n, _)| n.clone()).collect(),
        keys: library
            .iter()
            .map(|(_, s)| {
                let mut keys: Vec<Outcome> = s
                    .key_outcomes
                    .iter()
                    .filter_map(|n| crate::sim::metrics::by_name(n))
                    .collect();
                if keys.is_empty() {
                    keys.push(Outcome::CiviliansHarmed);
                }
                keys
            })
            .collect(),
        seeds,
        nothing: Vec::new(),
        cells: Vec::new(),
    }
}

/// The table over `seeds` seeds. Deterministic for a seed count, whatever the thread count.
pub fn table(library: &[(String, Scenario)], seeds: u64, on_step: &(dyn Fn(&str) + Sync)) -> Table {
    let mut t = frame(library, seeds);
    for (name, s) in library {
        on_step(name);
        let nothing = mean_run(s, &[], seeds);
        let cells: Vec<Cell> = (0..CATALOG.len())
            .into_par_iter()
            .map(|e| {
                let mates = partners(e);
                let delay = CATALOG[e].lead_time;
                let with = mean_run(s, &plan(s, Some(e), &mates, delay), seeds);
                let base = if mates.is_empty() {
                    nothing
                } else {
                    mean_run(s, &plan(s, None, &mates, delay), seeds)
                };
                Cell { base, with }
            })
            .collect();
        t.nothing.push(nothing);
        t.cells.push(cells);
    }
    t
}

/// Runs in the table's design (for a sharded `levers`): per scenario, nobody acting, then each
/// lever of the catalog.
pub fn design_size(library: &[(String, Scenario)]) -> usize {
    library.len() * (1 + CATALOG.len())
}

/// Run `i` of the design, as numbers: nobody acting's mean summary; or a lever's mean summary,
/// followed by its partners' alone when it works through others. Bit-identical to the cell
/// `table` computes.
pub fn design_run(library: &[(String, Scenario)], seeds: u64, i: usize) -> Vec<f64> {
    let s = &library[i / (1 + CATALOG.len())].1;
    let Some(e) = (i % (1 + CATALOG.len())).checked_sub(1) else {
        return mean_run(s, &[], seeds).0.to_vec();
    };
    let mates = partners(e);
    let delay = CATALOG[e].lead_time;
    let mut out = mean_run(s, &plan(s, Some(e), &mates, delay), seeds)
        .0
        .to_vec();
    if !mates.is_empty() {
        out.extend(mean_run(s, &plan(s, None, &mates, delay), seeds).0);
    }
    out
}

/// The table from every run of its design (`design_run`'s numbers, in order).
pub fn from_runs(library: &[(String, Scenario)], seeds: u64, runs: &[Vec<f64>]) -> Table {
    let n = Values::default().0.len();
    let values = |xs: &[f64]| {
        let mut v = Values::default();
        v.0.copy_from_slice(&xs[..n]);
        v
    };
    let mut t = frame(library, seeds);
    for block in runs.chunks(1 + CATALOG.len()) {
        let nothing = values(&block[0]);
        t.nothing.push(nothing);
        t.cells.push(
            block[1..]
                .iter()
                .map(|xs| Cell {
                    with: values(xs),
                    base: if xs.len() > n {
                        values(&xs[n..])
                    } else {
                        nothing
                    },
                })
                .collect(),
        );
    }
    t
}

/// A declared effect checked against the table.
#[derive(Debug, Clone)]
pub struct Declared {
    pub outcome: Outcome,
    pub sign: i8,
    /// Scenarios where it moves the declared way by `SHOWS` percent or more, and the other way.
    pub shows: Vec<usize>,
    pub contradicts: Vec<usize>,
}

impl Declared {
    pub fn holds(&self) -> bool {
        !self.shows.is_empty() && self.shows.len() >= self.contradicts.len()
    }
}

/// A protective lever's rise in civilians harmed in one scenario.
#[derive(Debug, Clone, Copy)]
pub struct Trap {
    pub scenario: usize,
    pub percent: f64,
    pub people: f64,
}

/// Where a lever is among the best: scenario, outcome, its gain (percent) and how many levers
/// do better.
#[derive(Debug, Clone, Copy)]
pub struct Moment {
    pub scenario: usize,
    pub outcome: Outcome,
    pub gain: f64,
    pub rank: usize,
}

impl Table {
    /// Change of `o` under lever `e` in scenario `s` against what it is compared with, percent
    /// (raw sign: positive = the outcome rose). None when it is zero in both.
    pub fn change(&self, s: usize, e: usize, o: Outcome) -> Option<f64> {
        let c = &self.cells[s][e];
        let (b, w) = (c.base[o], c.with[o]);
        if b.abs() < 1e-9 {
            return (w.abs() >= 1e-9).then(|| 100.0 * w.signum());
        }
        Some((w - b) / b.abs() * 100.0)
    }

    /// Improvement of `o` under lever `e` in `s` (percent, positive = better for civilians).
    pub fn gain(&self, s: usize, e: usize, o: Outcome) -> f64 {
        let c = &self.cells[s][e];
        gain(o, &c.with, &c.base)
    }

    /// How many levers, each alone against nobody acting, improve `o` in `s` more than lever
    /// `e` does (its own contribution, for a lever that works through others).
    pub fn rank(&self, s: usize, e: usize, o: Outcome) -> usize {
        let mine = self.own_gain(s, e, o);
        (0..CATALOG.len())
            .filter(|&x| x != e && self.own_gain(s, x, o) > mine)
            .count()
    }

    /// Improvement of `o` that lever `e` itself brings in `s` against nobody acting (percent,
    /// positive = better): alone, or its contribution on top of the levers it works through.
    pub fn own_gain(&self, s: usize, e: usize, o: Outcome) -> f64 {
        gain(o, &self.alone(s, e), &self.nothing[s])
    }

    /// Lever `x` alone (for a lever that works through others: with them, as judged).
    fn alone(&self, s: usize, x: usize) -> Values {
        let c = &self.cells[s][x];
        if CATALOG[x].works_through.is_empty() {
            c.with
        } else {
            // Its own contribution, on top of nobody acting.
            let mut v = self.nothing[s];
            for o in Outcome::ALL {
                v.set(o, self.nothing[s][o] + c.with[o] - c.base[o]);
            }
            v
        }
    }

    /// Every declared effect and side effect of lever `e`, against the table.
    pub fn declared(&self, e: usize) -> Vec<Declared> {
        let entry = &CATALOG[e];
        entry
            .effects
            .iter()
            .chain(entry.side_effects)
            .map(|&(outcome, sign)| {
                let (mut shows, mut contradicts) = (Vec::new(), Vec::new());
                for s in 0..self.scenarios.len() {
                    if let Some(c) = self.change(s, e, outcome) {
                        let along = c * sign.signum() as f64;
                        if along >= SHOWS {
                            shows.push(s);
                        } else if along <= -SHOWS {
                            contradicts.push(s);
                        }
                    }
                }
                Declared {
                    outcome,
                    sign,
                    shows,
                    contradicts,
                }
            })
            .collect()
    }

    /// Scenarios where a protective lever raises civilians harmed by `TRAP_RISE` percent and
    /// `TRAP_PEOPLE` people or more (empty for other strategies).
    pub fn traps(&self, e: usize) -> Vec<Trap> {
        if CATALOG[e].strategy != Strategy::ProtectCivilians {
            return Vec::new();
        }
        (0..self.scenarios.len())
            .filter_map(|s| {
                let c = &self.cells[s][e];
                let people = c.with[Outcome::CiviliansHarmed] - c.base[Outcome::CiviliansHarmed];
                let percent = self.change(s, e, Outcome::CiviliansHarmed)?;
                (percent >= TRAP_RISE && people >= TRAP_PEOPLE).then_some(Trap {
                    scenario: s,
                    percent,
                    people,
                })
            })
            .collect()
    }

    /// Whether lever `e` is a trap: more traps than allowed, and the report does not name the
    /// harm.
    pub fn is_trap(&self, e: usize) -> bool {
        CATALOG[e].named_harm.is_none() && self.traps(e).len() > TRAPS_ALLOWED
    }

    /// The lever's best moment: among the scenarios and outcomes (key outcomes and civilians
    /// harmed) where it brings a gain of at least `MOMENT_GAIN` percent of its own and is in
    /// the top third of all levers, the one with the best rank (then the largest gain). A lever
    /// that works through others is ranked by its own contribution or paired with them (the
    /// pair against every lever alone, once its own contribution shows), whichever ranks it
    /// higher. None: no moment anywhere.
    pub fn moment(&self, e: usize) -> Option<Moment> {
        let mut best: Option<Moment> = None;
        for s in 0..self.scenarios.len() {
            let mut outcomes = self.keys[s].clone();
            if !outcomes.contains(&Outcome::CiviliansHarmed) {
                outcomes.push(Outcome::CiviliansHarmed);
            }
            for o in outcomes {
                let g = self.own_gain(s, e, o);
                if g < MOMENT_GAIN {
                    continue;
                }
                if o == Outcome::CiviliansHarmed
                    && self.nothing[s][o] - self.alone(s, e)[o] < MOMENT_PEOPLE
                {
                    continue;
                }
                let rank = if CATALOG[e].works_through.is_empty() {
                    self.rank(s, e, o)
                } else {
                    let pair = gain(o, &self.cells[s][e].with, &self.nothing[s]);
                    let as_pair = (0..CATALOG.len())
                        .filter(|&x| x != e && self.own_gain(s, x, o) > pair)
                        .count();
                    as_pair.min(self.rank(s, e, o))
                };
                if rank >= top_third() {
                    continue;
                }
                let m = Moment {
                    scenario: s,
                    outcome: o,
                    gain: g,
                    rank,
                };
                if best.is_none_or(|b| (m.rank, -m.gain) < (b.rank, -b.gain)) {
                    best = Some(m);
                }
            }
        }
        best
    }

    /// The lever x scenario table as Markdown (MODEL.md §14): per cell, the change in civilians
    /// harmed and in the scenario's first key outcome (percent, raw sign); `*` marks the
    /// lever's moment, `!` a trap.
    pub fn to_markdown(&self) -> String {
        let mut out = String::new();
        out.push_str(&format!(
            "Each lever alone against nobody acting ({} seeds per cell; a lever that works \
             through others is judged with them in force, marked `+`): the change in \
             civilians harmed / in the scenario's first key outcome, percent. `*` marks the \
             lever's moment (top third of all levers on a key outcome or on harm), `!` a rise \
             in harm of {TRAP_RISE:.0}% and {TRAP_PEOPLE:.0} people or more.\n\n",
            self.seeds
        ));
        out.push_str("| lever |");
        for (s, name) in self.scenarios.iter().enumerate() {
            out.push_str(&format!(" {name} ({}) |", self.keys[s][0].name()));
        }
        out.push_str(" moment |\n|---|");
        for _ in &self.scenarios {
            out.push_str("---|");
        }
        out.push_str("---|\n");
        for (e, entry) in CATALOG.iter().enumerate() {
            let moment = self.moment(e);
            let traps = self.traps(e);
            let mark = if entry.works_through.is_empty() {
                ""
            } else {
                " +"
            };
            out.push_str(&format!("| `{}`{mark} |", entry.id));
            for s in 0..self.scenarios.len() {
                let pct = |o| {
                    self.change(s, e, o)
                        .map_or("0".to_string(), |c| format!("{c:+.0}"))
                };
                let star = if moment.is_some_and(|m| m.scenario == s) {
                    "*"
                } else {
                    ""
                };
                let bang = if traps.iter().any(|t| t.scenario == s) {
                    "!"
                } else {
                    ""
                };
                out.push_str(&format!(
                    " {} / {}{star}{bang} |",
                    pct(Outcome::CiviliansHarmed),
                    pct(self.keys[s][0])
                ));
            }
            match moment {
                Some(m) => out.push_str(&format!(
                    " {} {} {:+.0}% (#{}) |\n",
                    self.scenarios[m.scenario],
                    m.outcome.name(),
                    m.gain,
                    m.rank + 1
                )),
                None => out.push_str(" none |\n"),
            }
        }
        out
    }

    /// The verdicts in words: declared effects that do not hold, traps, levers with no moment.
    pub fn problems(&self) -> Vec<String> {
        let mut out = Vec::new();
        for (e, entry) in CATALOG.iter().enumerate() {
            for d in self.declared(e) {
                if !d.holds() {
                    out.push(format!(
                        "{}: declares {} {} but it shows in {} scenario(s) and goes the other way in {}",
                        entry.id,
                        d.outcome.name(),
                        if d.sign > 0 { "up" } else { "down" },
                        d.shows.len(),
                        d.contradicts.len()
                    ));
                }
            }
            if self.is_trap(e) {
                let list: Vec<String> = self
                    .traps(e)
                    .iter()
                    .map(|t| format!("{} {:+.0}%", self.scenarios[t.scenario], t.percent))
                    .collect();
                out.push(format!(
                    "{}: raises civilians harmed in {} scenarios ({})",
                    entry.id,
                    list.len(),
                    list.join(", ")
                ));
            }
            let gap = KNOWN_GAPS.iter().any(|(id, _)| *id == entry.id);
            if self.moment(e).is_none() != gap {
                out.push(if gap {
                    format!("{}: has a moment now: take it off KNOWN_GAPS", entry.id)
                } else {
                    format!(
                        "{}: in no scenario in the top third of all levers on a key outcome or on harm",
                        entry.id
                    )
                });
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A table of two scenarios in which nothing moves, but for `changes` (catalog index,
    /// outcome, factor applied to the base value) in every scenario.
    fn fake(changes: &[(usize, Outcome, f64)]) -> Table {
        let mut base = Values::default();
        for o in Outcome::ALL {
            base.set(o, 100.0);
        }
        let row = |_: usize| -> Vec<Cell> {
            (0..CATALOG.len())
                .map(|e| {
                    let mut with = base;
                    for &(x, o, f) in changes {
                        if x == e {
                            with.set(o, base[o] * f);
                        }
                    }
                    Cell { base, with }
                })
                .collect()
        };
        Table {
            scenarios: vec!["a".into(), "b".into()],
            keys: vec![vec![Outcome::CiviliansHarmed]; 2],
            seeds: 1,
            nothing: vec![base; 2],
            cells: (0..2).map(row).collect(),
        }
    }

    #[test]
    fn a_declared_effect_the_model_contradicts_fails_and_one_that_shows_holds() {
        let e = index_of("emergency_alerts").unwrap();
        let (o, sign) = CATALOG[e].effects[0];
        let against = if sign > 0 { 0.9 } else { 1.1 };
        let t = fake(&[(e, o, against)]);
        assert!(!t.declared(e)[0].holds());
        let t = fake(&[(e, o, 1.0 / against)]);
        assert!(t.declared(e)[0].holds());
        // Never moving is not showing either.
        assert!(!fake(&[]).declared(e)[0].holds());
    }

    #[test]
    fn a_protective_lever_that_raises_harm_everywhere_is_a_trap_and_a_strong_one_has_its_moment() {
        let e = index_of("safe_location_posts").unwrap();
        let t = fake(&[(e, Outcome::CiviliansHarmed, 1.2)]);
        assert_eq!(t.traps(e).len(), 2);
        assert!(t.is_trap(e));
        assert!(t.moment(e).is_none());
        let t = fake(&[(e, Outcome::CiviliansHarmed, 0.8)]);
        assert!(!t.is_trap(e));
        let m = t.moment(e).expect("the only lever that moves anything");
        assert_eq!((m.rank, m.outcome), (0, Outcome::CiviliansHarmed));
        // A degrading lever is never called a trap.
        let d = index_of("throttle_virality").unwrap();
        assert!(
            fake(&[(d, Outcome::CiviliansHarmed, 1.5)])
                .traps(d)
                .is_empty()
        );
    }
}
