//! `breakglass preview SCENARIO`: a designer's dry run. What a scenario will teach before anyone
//! plays it: the risk and harm curves with nobody acting, which levers pay most on its key
//! outcomes and on harm (every lever alone, as `breakglass levers` judges them), which of the
//! lessons of `breakglass lessons` this world shows, when its injects fire, and the warnings a
//! designer needs (a scenario where no lever matters, where violence comes after the last turn,
//! where the budgets force no choice, where an inject expects a lever its team does not own).

use serde::Serialize;

use crate::lessons::{self, Effort, Measure, Step};
use crate::scenario::{Scenario, Trigger};
use crate::sim::World;
use crate::sim::interventions::{CATALOG, Team};
use crate::sim::metrics::{Outcome, by_name};
use crate::verdicts::{self, Table};

/// Seeds per arm unless asked otherwise: enough to rank levers, fast enough to iterate.
pub const SEEDS: u64 = 3;
/// A lever "moves" an outcome when it changes it by this much (percent) or more.
pub const MOVES: f64 = 5.0;
/// Levers listed per outcome.
pub const TOP: usize = 5;

/// One lever's pay on one outcome (percent, positive = better for civilians).
#[derive(Debug, Clone, Serialize)]
pub struct Pay {
    pub lever: &'static str,
    pub team: &'static str,
    pub gain: f64,
}

/// The levers that pay most on one outcome.
#[derive(Debug, Clone, Serialize)]
pub struct Best {
    pub outcome: &'static str,
    /// Its mean with nobody acting.
    pub nobody: f64,
    pub levers: Vec<Pay>,
}

/// A lesson run on this world.
#[derive(Debug, Clone, Serialize)]
pub struct LessonHere {
    pub id: &'static str,
    pub lesson: &'static str,
    pub source: &'static str,
    /// The two arms here: nobody acting against the lesson's levers in force from turn 0.
    pub experiment: String,
    pub measure: String,
    pub expected: String,
    /// Percent change from A to B here, and its standard error over the paired seeds.
    pub change: f64,
    pub stderr: f64,
    pub verdict: Verdict,
}

/// Whether a lesson shows in this world.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    Holds,
    /// It fails, but within two standard errors of holding: more seeds would tell.
    TooCloseToCall,
    NotHere,
}

impl Verdict {
    fn label(self) -> &'static str {
        match self {
            Verdict::Holds => "holds",
            Verdict::TooCloseToCall => "too close",
            Verdict::NotHere => "not here",
        }
    }
}

/// When an inject fired in the preview runs.
#[derive(Debug, Clone, Serialize)]
pub struct InjectHere {
    pub seq: u32,
    pub trigger: String,
    /// Runs (of `seeds`) in which it fired with nobody acting.
    pub fired: u64,
    /// The earliest turn it fired, if it did.
    pub first_turn: Option<u32>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Preview {
    pub scenario: String,
    pub accounts: i64,
    pub turns: i64,
    pub turn_hours: f64,
    pub seeds: u64,
    /// Per turn, mean over seeds with nobody acting: the highest district risk (0-100) and the
    /// civilians harmed so far.
    pub risk: Vec<f64>,
    pub harmed: Vec<f64>,
    /// The first turn anyone was harmed in any run (None: not before the end).
    pub first_harm_turn: Option<u32>,
    /// The key outcomes, then civilians harmed.
    pub best: Vec<Best>,
    pub lessons: Vec<LessonHere>,
    pub injects: Vec<InjectHere>,
    pub warnings: Vec<String>,
}

/// The outcomes a preview ranks levers on: the scenario's key outcomes, then harm.
pub fn focus(s: &Scenario) -> Vec<Outcome> {
    crate::sim::metrics::key_first(&s.key_outcomes, &[Outcome::CiviliansHarmed])
}

/// A lesson can be run on any world when its arms are levers in force from turn 0 (not timed
/// to a library scenario's events) and it measures a run outcome (not a named district).
fn portable(l: &lessons::Lesson) -> bool {
    let timeless = |steps: &[Step]| steps.iter().all(|s| matches!(s, Step::Enable(_, 0)));
    l.a.is_empty() && !l.b.is_empty() && timeless(l.b) && matches!(l.measure, Measure::Outcome(_))
}

/// Preview `s` (named `name`) over `seeds` seeds.
pub fn preview(name: &str, s: &Scenario, seeds: u64) -> Result<Preview, String> {
    let seeds = seeds.max(1);
    let (risk, harmed, first_harm_turn, injects) = nobody_acting(s, seeds)?;
    let table = verdicts::table(&[(name.to_string(), s.clone())], seeds, &|_| {});
    let best = focus(s)
        .into_iter()
        .map(|o| best_on(&table, o))
        .collect::<Vec<_>>();
    let lessons = lessons_here(s, seeds)?;
    let mut p = Preview {
        scenario: name.to_string(),
        accounts: s.accounts,
        turns: s.turns,
        turn_hours: s.turn_hours,
        seeds,
        risk,
        harmed,
        first_harm_turn,
        best,
        lessons,
        injects,
        warnings: Vec::new(),
    };
    p.warnings = warnings(s, &p);
    Ok(p)
}

type Curves = (Vec<f64>, Vec<f64>, Option<u32>, Vec<InjectHere>);

fn nobody_acting(s: &Scenario, seeds: u64) -> Result<Curves, String> {
    use rayon::prelude::*;
    let worlds: Vec<World> = (0..seeds)
        .into_par_iter()
        .map(|i| {
            let mut w = World::new(s, s.seed.wrapping_add(i)).map_err(|e| e.to_string())?;
            w.run();
            Ok(w)
        })
        .collect::<Result<_, String>>()?;
    let turns = worlds.iter().map(|w| w.series.len()).min().unwrap_or(0);
    let n = worlds.len() as f64;
    let mean = |o: Outcome| -> Vec<f64> {
        (0..turns)
            .map(|t| worlds.iter().map(|w| w.series[t][o]).sum::<f64>() / n)
            .collect()
    };
    let first_harm = worlds
        .iter()
        .filter_map(|w| {
            w.series
                .iter()
                .position(|v| v[Outcome::CiviliansHarmed] > 0.0)
                .map(|t| t as u32)
        })
        .min();
    let injects = s
        .injects
        .iter()
        .enumerate()
        .map(|(i, inj)| {
            let turns: Vec<u32> = worlds
                .iter()
                .filter_map(|w| w.inject_states[i].fired_turn)
                .collect();
            InjectHere {
                seq: inj.seq,
                trigger: crate::scenario::msel::trigger_text(&inj.trigger),
                fired: turns.len() as u64,
                first_turn: turns.iter().min().copied(),
            }
        })
        .collect();
    Ok((
        mean(Outcome::AtrocityRiskPeak),
        mean(Outcome::CiviliansHarmed),
        first_harm,
        injects,
    ))
}

fn best_on(table: &Table, o: Outcome) -> Best {
    let mut pays: Vec<Pay> = (0..CATALOG.len())
        .map(|e| Pay {
            lever: CATALOG[e].id,
            team: CATALOG[e].team.id(),
            gain: table.own_gain(0, e, o),
        })
        .filter(|p| p.gain.is_finite())
        .collect();
    pays.sort_by(|a, b| b.gain.total_cmp(&a.gain).then(a.lever.cmp(b.lever)));
    pays.truncate(TOP);
    Best {
        outcome: o.name(),
        nobody: table.nothing[0][o],
        levers: pays,
    }
}

fn lessons_here(s: &Scenario, seeds: u64) -> Result<Vec<LessonHere>, String> {
    let mut out = Vec::new();
    for l in lessons::LESSONS.iter().filter(|l| portable(l)) {
        let row = lessons::run(l, s, Effort { seeds })?;
        let levers: Vec<&str> =
            l.b.iter()
                .filter_map(|st| match st {
                    Step::Enable(id, _) => Some(*id),
                    _ => None,
                })
                .collect();
        out.push(LessonHere {
            id: l.id,
            lesson: l.lesson,
            source: l.source,
            experiment: format!("nobody acting against {} from turn 0", levers.join(" + ")),
            measure: row.measure.clone(),
            expected: row.expected(),
            change: row.change,
            stderr: row.stderr,
            verdict: if row.pass() {
                Verdict::Holds
            } else if l.expect.holds(row.change - 2.0 * row.stderr)
                || l.expect.holds(row.change + 2.0 * row.stderr)
            {
                Verdict::TooCloseToCall
            } else {
                Verdict::NotHere
            },
        });
    }
    Ok(out)
}

/// What a designer should know before the exercise.
pub fn warnings(s: &Scenario, p: &Preview) -> Vec<String> {
    let mut w = Vec::new();
    if let Some(first) = p.best.first()
        && first.levers.first().is_none_or(|b| b.gain < MOVES)
    {
        w.push(format!(
            "no lever moves your first key outcome ({}) by {MOVES}% or more: the teams' choices will not show on it",
            first.outcome
        ));
    }
    match p.first_harm_turn {
        None => w.push(format!(
            "violence starts after the last turn: with nobody acting no one is harmed in {} turns, so protective levers have nothing to show",
            s.turns
        )),
        Some(t) if t as i64 >= s.turns * 3 / 4 => w.push(format!(
            "violence starts late (turn {t} of {}): levers with lead times may not be in force by then",
            s.turns
        )),
        _ => {}
    }
    let all: Vec<usize> = (0..CATALOG.len()).collect();
    if crate::experiments::fits_budget(&s.budgets, &all) {
        w.push(
            "every lever at once fits the budgets: the teams never have to choose (set budgets: ...)".into(),
        );
    }
    for inj in &s.injects {
        let Some(team) = Team::from_id(&inj.to).filter(|t| *t != Team::Facilitator) else {
            continue;
        };
        for id in &inj.expected_ids {
            if let Some(e) = CATALOG.iter().find(|e| e.id == id)
                && e.team != team
            {
                w.push(format!(
                    "inject {} goes to {} but expects \"{id}\", a lever of {}: that team cannot take the expected action",
                    inj.seq,
                    team.id(),
                    e.team.id()
                ));
            }
        }
    }
    for (inj, here) in s.injects.iter().zip(&p.injects) {
        if here.fired == 0 && !matches!(inj.trigger, Trigger::Contingency { .. }) {
            w.push(format!(
                "inject {} ({}) never fired with nobody acting in {} runs",
                inj.seq, here.trigger, p.seeds
            ));
        }
    }
    for name in &s.key_outcomes {
        if by_name(name).is_none() {
            w.push(format!("key outcome \"{name}\" is not an outcome"));
        }
    }
    w
}

/// The preview as text for a terminal.
pub fn to_text(p: &Preview) -> String {
    let mut out = format!(
        "Preview of {}: {} accounts, {} turns of {} h, {} seeds per arm\n",
        p.scenario, p.accounts, p.turns, p.turn_hours, p.seeds
    );
    out.push_str(&curves_text(p));
    for b in &p.best {
        out.push_str(&format!(
            "\nLevers that pay most on {} (nobody acting: {:.1}; change, better for civilians +)\n",
            b.outcome, b.nobody
        ));
        for (i, pay) in b.levers.iter().enumerate() {
            out.push_str(&format!(
                "  {}. {:<34} {:<18} {:>+7.1}%\n",
                i + 1,
                pay.lever,
                pay.team,
                pay.gain
            ));
        }
    }
    out.push_str(
        "\nLessons this world can show (each lesson's levers from turn 0 against nobody acting)\n",
    );
    for l in &p.lessons {
        out.push_str(&format!(
            "  {:<10} {:<30} {}: {:+.1}% ± {:.1} (the lesson: {})\n",
            l.verdict.label(),
            l.id,
            l.measure,
            l.change,
            l.stderr,
            l.expected
        ));
    }
    if !p.injects.is_empty() {
        out.push_str("\nInjects with nobody acting\n");
        for i in &p.injects {
            let when = i
                .first_turn
                .map_or("never".to_string(), |t| format!("first at turn {t}"));
            out.push_str(&format!(
                "  {:>3}  {:<34} fired in {} of {} runs, {when}\n",
                i.seq, i.trigger, i.fired, p.seeds
            ));
        }
    }
    out.push_str("\nWarnings\n");
    if p.warnings.is_empty() {
        out.push_str("  none\n");
    }
    for w in &p.warnings {
        out.push_str(&format!("  - {w}\n"));
    }
    out
}

/// The preview's curves with nobody acting: risk and harm at eight turns, the first harm.
fn curves_text(p: &Preview) -> String {
    let mut out = String::from("\nNobody acting\n");
    let n = p.risk.len();
    let marks: Vec<usize> = if n <= 8 {
        (0..n).collect()
    } else {
        (0..8).map(|k| k * (n - 1) / 7).collect()
    };
    out.push_str(&format!(
        "  {:<26}{}\n",
        "turn",
        marks.iter().map(|t| format!("{t:>9}")).collect::<String>()
    ));
    for (label, xs) in [
        ("highest district risk", &p.risk),
        ("civilians harmed so far", &p.harmed),
    ] {
        out.push_str(&format!(
            "  {label:<26}{}\n",
            marks
                .iter()
                .map(|&t| format!("{:>9.0}", xs[t]))
                .collect::<String>()
        ));
    }
    out.push_str(&match p.first_harm_turn {
        Some(t) => format!("  first harm: turn {t}\n"),
        None => "  first harm: none before the last turn\n".into(),
    });
    out
}
