//! `breakglass lessons`: the report's cautions and the field's findings as experiments, the way
//! `calibrate` treats published effects. Each row runs two arms of one library scenario over the
//! same seeds (what the lesson compares), measures one quantity in both, and checks the change
//! against the direction the lesson states. MODEL.md §14 holds the table; `cargo test` runs the
//! quick form; the after-action report cites the rows whose levers the teams used.

use serde::Serialize;

use crate::scenario::Scenario;
use crate::sim::World;
use crate::sim::command::{Action, Command};
use crate::sim::interventions::{CATALOG, Team, index_of};
use crate::sim::metrics::Outcome;
use crate::sim::spec::Event;

/// Seeds per arm.
#[derive(Debug, Clone, Copy)]
pub struct Effort {
    pub seeds: u64,
}

impl Effort {
    pub const QUICK: Effort = Effort { seeds: 8 };
    pub const FULL: Effort = Effort { seeds: 12 };
}

/// One timed change to the world in an arm.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Step {
    /// Enable a lever (default parameters, platform-wide) at a turn.
    Enable(&'static str, u32),
    /// Lift it at a turn.
    Disable(&'static str, u32),
    /// The facilitator cuts a district's internet at a turn for some turns.
    Shutdown(&'static str, u32, u32),
}

/// What is measured in each arm (over the whole run unless it says when).
#[derive(Debug, Clone, Copy)]
pub enum Measure {
    /// A run outcome (its summary).
    Outcome(Outcome),
    /// People harmed in a district over turns `from..to`.
    HarmIn(&'static str, u32, u32),
    /// The expected toll of the violence in a district over turns `from..to` (attacks' rate
    /// times their toll, raids, shelling: what the draws of attacks scatter around).
    ViolenceIn(&'static str, u32, u32),
    /// Reshares of misinformation by accounts outside the organisation (the people who saw it).
    CivilianMisinfoShares,
}

impl Measure {
    pub fn describe(&self) -> String {
        match self {
            Measure::Outcome(o) => o.name().to_string(),
            Measure::HarmIn(d, a, b) => format!("people harmed in {d}, turns {a}-{}", b - 1),
            Measure::ViolenceIn(d, a, b) => {
                format!("expected toll of violence in {d}, turns {a}-{}", b - 1)
            }
            Measure::CivilianMisinfoShares => "misinformation reshared by civilians".to_string(),
        }
    }
}

/// The change the lesson expects from arm A to arm B: a move of at least
/// `verdicts::SHOWS` percent the lesson's way (the rule the catalog's declared effects meet).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Expect {
    Rises,
    Falls,
    /// It does not make things worse: no rise of `SHOWS` percent or more.
    DoesNotRise,
}

impl Expect {
    pub fn holds(self, change: f64) -> bool {
        let shows = crate::verdicts::SHOWS;
        match self {
            Expect::Rises => change >= shows,
            Expect::Falls => change <= -shows,
            Expect::DoesNotRise => change < shows,
        }
    }

    pub fn describe(self) -> String {
        let shows = crate::verdicts::SHOWS;
        match self {
            Expect::Rises => format!("up {shows:.0}% or more"),
            Expect::Falls => format!("down {shows:.0}% or more"),
            Expect::DoesNotRise => format!("no rise of {shows:.0}%"),
        }
    }
}

/// A lesson's experiment.
#[derive(Debug, Clone, Copy)]
pub struct Lesson {
    pub id: &'static str,
    /// The lesson in one sentence (the same for the rows of one lesson).
    pub lesson: &'static str,
    pub source: &'static str,
    pub scenario: &'static str,
    /// Arm A (what B is compared with) and arm B.
    pub a: &'static [Step],
    pub b: &'static [Step],
    /// The arms in words.
    pub experiment: &'static str,
    pub measure: Measure,
    pub expect: Expect,
    /// The levers whose use in a session makes the report cite this row.
    pub levers: &'static [&'static str],
}

use Step::{Disable, Enable, Shutdown};

/// Every action the besieged city's injects expect, each at its inject's turn.
pub const SIEGE_MSEL: &[Step] = &[
    Enable("proxy_access", 2),
    Enable("shutdown_pressure", 2),
    Enable("evidence_preservation", 4),
    Enable("graphic_content_exception", 5),
    Enable("graphic_content_blur", 5),
    Enable("trusted_warning_partners", 8),
    Enable("safe_location_posts", 8),
];

/// The lessons (MODEL.md §14, "Lessons that hold").
pub const LESSONS: &[Lesson] = &[
    Lesson {
        id: "friction_after_onset",
        lesson: "Friction on resharing should be lifted once atrocities have begun: protective sharing needs speed.",
        source: "Report, Prevent perpetrators from mobilizing bystanders (guidance)",
        scenario: "scenarios/default.ron",
        a: &[Enable("reshare_friction", 0)],
        b: &[
            Enable("reshare_friction", 0),
            Disable("reshare_friction", 10),
        ],
        experiment: "Kessara: reshare friction all week (A) against friction lifted at turn 10, when the attacks begin (B)",
        measure: Measure::Outcome(Outcome::WarningReach),
        expect: Expect::Rises,
        levers: &["reshare_friction"],
    },
    Lesson {
        id: "friction_before_onset",
        lesson: "Friction on resharing should be lifted once atrocities have begun: protective sharing needs speed.",
        source: "Report, Prevent perpetrators from mobilizing bystanders (guidance)",
        scenario: "scenarios/default.ron",
        a: &[],
        b: &[
            Enable("reshare_friction", 0),
            Disable("reshare_friction", 10),
        ],
        experiment: "Kessara: nobody acting (A) against friction until the attacks begin (B): before violence it slows the campaign",
        measure: Measure::Outcome(Outcome::HarmfulImpressions),
        expect: Expect::Falls,
        levers: &["reshare_friction"],
    },
    Lesson {
        id: "privacy_costs_sharing",
        lesson: "Privacy measures cost civilians some of their ability to share.",
        source: "Report, Protect online privacy (trade-offs)",
        scenario: "scenarios/detention_sweep.ron",
        a: &[],
        b: &[Enable("locked_profiles", 0)],
        experiment: "Detention sweep: nobody acting (A) against locked profiles (B)",
        measure: Measure::Outcome(Outcome::WarningReach),
        expect: Expect::Falls,
        levers: &["locked_profiles"],
    },
    Lesson {
        id: "privacy_protects",
        lesson: "Privacy measures cost civilians some of their ability to share.",
        source: "Report, Protect online privacy (theory of change)",
        scenario: "scenarios/detention_sweep.ron",
        a: &[],
        b: &[Enable("locked_profiles", 0)],
        experiment: "Detention sweep: the same locked profiles starve the lists the raids work from",
        measure: Measure::Outcome(Outcome::HarmEnabledByExposedData),
        expect: Expect::Falls,
        levers: &["locked_profiles"],
    },
    Lesson {
        id: "break_glass_cuts_harm",
        lesson: "Break-glass measures are dual-use: they cut harm and civilians' communication.",
        source: "Report, Last resort or \"break glass\" measures",
        scenario: "scenarios/default.ron",
        a: &[],
        b: &[Enable("throttle_virality", 0)],
        experiment: "Kessara: nobody acting (A) against throttled virality all week (B)",
        measure: Measure::Outcome(Outcome::CiviliansHarmed),
        expect: Expect::Falls,
        levers: &[
            "throttle_virality",
            "disable_hashtags",
            "suspend_groups",
            "disable_forwarding",
        ],
    },
    Lesson {
        id: "break_glass_cuts_communication",
        lesson: "Break-glass measures are dual-use: they cut harm and civilians' communication.",
        source: "Report, Last resort or \"break glass\" measures",
        scenario: "scenarios/default.ron",
        a: &[],
        b: &[Enable("throttle_virality", 0)],
        experiment: "Kessara: the same throttle slows civilians' own warnings",
        measure: Measure::Outcome(Outcome::CivilianCommCapacity),
        expect: Expect::Falls,
        levers: &[
            "throttle_virality",
            "disable_hashtags",
            "suspend_groups",
            "disable_forwarding",
        ],
    },
    Lesson {
        id: "proxies_keep_informed",
        lesson: "Access through shutdowns (proxies) keeps people informed.",
        source: "Report, Enhance communication and coordination capabilities (guidance)",
        scenario: "scenarios/besieged_city.ron",
        a: &[],
        b: &[Enable("proxy_access", 0)],
        experiment: "Besieged city, shut down three times: nobody acting (A) against proxy access (B)",
        measure: Measure::Outcome(Outcome::CivilianCommCapacity),
        expect: Expect::Rises,
        levers: &["proxy_access", "shutdown_pressure"],
    },
    Lesson {
        id: "proxies_do_not_cost_lives",
        lesson: "Access through shutdowns (proxies) keeps people informed.",
        source: "Report, Enhance communication and coordination capabilities (guidance)",
        scenario: "scenarios/besieged_city.ron",
        a: &[],
        b: &[Enable("proxy_access", 0)],
        experiment: "Besieged city: the same proxies do not raise civilians harmed",
        measure: Measure::Outcome(Outcome::CiviliansHarmed),
        expect: Expect::DoesNotRise,
        levers: &["proxy_access", "shutdown_pressure"],
    },
    Lesson {
        id: "e2ee_protects",
        lesson: "End-to-end encryption protects civilians' data and blinds the platform.",
        source: "Report, Secure social media accounts (guidance)",
        scenario: "scenarios/detention_sweep.ron",
        a: &[],
        b: &[Enable("e2ee_messaging", 0)],
        experiment: "Detention sweep: nobody acting (A) against end-to-end encrypted messaging (B)",
        measure: Measure::Outcome(Outcome::HarmEnabledByExposedData),
        expect: Expect::Falls,
        levers: &["e2ee_messaging"],
    },
    Lesson {
        id: "e2ee_blinds",
        lesson: "End-to-end encryption protects civilians' data and blinds the platform.",
        source: "Report, Secure social media accounts (guidance)",
        scenario: "scenarios/detention_sweep.ron",
        a: &[],
        b: &[Enable("e2ee_messaging", 0)],
        experiment: "Detention sweep: the same encryption hides harmful posts from the classifiers",
        measure: Measure::Outcome(Outcome::HarmfulPostsMissed),
        expect: Expect::Rises,
        levers: &["e2ee_messaging"],
    },
    Lesson {
        id: "partnerships_before",
        lesson: "Partnerships, localisation and preparation pay off only if built before the crisis.",
        source: "Report, General recommendations (local partnerships established well in advance)",
        scenario: "scenarios/default.ron",
        a: &[
            Enable("trusted_warning_partners", 0),
            Enable("local_partnerships", 12),
        ],
        b: &[
            Enable("trusted_warning_partners", 0),
            Enable("local_partnerships", 0),
        ],
        experiment: "Kessara, trusted warning partners from the start: local partnerships begun at turn 12, once violence has begun (A), against at turn 0 (B)",
        measure: Measure::Outcome(Outcome::WarningReach),
        expect: Expect::Rises,
        levers: &["local_partnerships", "tabletop_preparation", "localization"],
    },
    Lesson {
        id: "localization_before",
        lesson: "Partnerships, localisation and preparation pay off only if built before the crisis.",
        source: "Report, General recommendations (language coverage)",
        scenario: "scenarios/default.ron",
        a: &[Enable("localization", 12)],
        b: &[Enable("localization", 0)],
        experiment: "Kessara: localisation begun at turn 12 (A) against at turn 0 (B)",
        measure: Measure::Outcome(Outcome::HarmfulImpressions),
        expect: Expect::Falls,
        levers: &["local_partnerships", "tabletop_preparation", "localization"],
    },
    Lesson {
        id: "state_shutdown_violence",
        lesson: "A state's shutdown comes with more state violence, not less.",
        source: "Gohdes 2015 (J. Peace Res. 52:352); Gohdes 2020 (Am. J. Political Science 64:488)",
        scenario: "scenarios/state_media.ron",
        a: &[],
        b: &[Shutdown("Lenmark", 4, 8)],
        experiment: "State media scenario: no cut (A) against the government cutting Lenmark, where most Lenai live, for turns 4-11 (B)",
        measure: Measure::HarmIn("Lenmark", 4, 12),
        expect: Expect::Rises,
        levers: &["shutdown_pressure", "proxy_access"],
    },
    Lesson {
        id: "state_shutdown_capital",
        lesson: "A state's shutdown comes with more state violence, not less.",
        source: "Gohdes 2015 (J. Peace Res. 52:352); Gohdes 2020 (Am. J. Political Science 64:488)",
        scenario: "scenarios/state_media.ron",
        a: &[],
        b: &[Shutdown("Capital", 4, 8)],
        experiment: "State media scenario: no cut (A) against the government cutting the capital for turns 4-11 (B)",
        measure: Measure::HarmIn("Capital", 4, 12),
        expect: Expect::Rises,
        levers: &["shutdown_pressure", "proxy_access"],
    },
    Lesson {
        id: "outage_cuts_online_attacks",
        lesson: "An outage cuts the online-driven attacks of a non-state movement for its duration.",
        source: "Müller & Schwarz 2021 (J. Eur. Econ. Assoc. 19:2131)",
        scenario: "scenarios/default.ron",
        a: &[],
        b: &[Shutdown("Kettle Ridge", 10, 8)],
        experiment: "Kessara (a militia, no state behind it): no outage (A) against Kettle Ridge, where most attacks fall, offline for turns 10-17 as the violence begins (B)",
        measure: Measure::ViolenceIn("Kettle Ridge", 10, 18),
        expect: Expect::Falls,
        levers: &["shutdown_pressure", "proxy_access"],
    },
    Lesson {
        id: "warnings_save_lives",
        lesson: "Warnings and safe-route information save lives where there is somewhere safe to go.",
        source: "Report, Disseminate early-warning information (air-raid alerts; Libya and Syria)",
        scenario: "scenarios/besieged_city.ron",
        a: &[],
        b: &[
            Enable("emergency_alerts", 0),
            Enable("safe_location_posts", 0),
        ],
        experiment: "Besieged city, a camp at the end of a corridor: nobody acting (A) against emergency alerts and safe-location posts (B)",
        measure: Measure::Outcome(Outcome::CiviliansHarmed),
        expect: Expect::DoesNotRise,
        levers: &[
            "emergency_alerts",
            "safe_location_posts",
            "trusted_warning_partners",
        ],
    },
    Lesson {
        id: "warnings_get_people_out",
        lesson: "Warnings and safe-route information save lives where there is somewhere safe to go.",
        source: "Report, Disseminate early-warning information (air-raid alerts; Libya and Syria)",
        scenario: "scenarios/besieged_city.ron",
        a: &[],
        b: &[
            Enable("emergency_alerts", 0),
            Enable("safe_location_posts", 0),
        ],
        experiment: "Besieged city: the same warnings leave fewer people in harm's way at the end",
        measure: Measure::Outcome(Outcome::LeftAtRisk),
        expect: Expect::Falls,
        levers: &[
            "emergency_alerts",
            "safe_location_posts",
            "trusted_warning_partners",
        ],
    },
    Lesson {
        id: "siege_msel_protects",
        lesson: "Warnings and safe-route information save lives where there is somewhere safe to go.",
        source: "Report, Enhance communication and coordination capabilities; the besieged city's own MSEL",
        scenario: "scenarios/besieged_city.ron",
        a: &[],
        b: SIEGE_MSEL,
        experiment: "Besieged city: nobody acting (A) against every action its injects expect, each at its inject's turn (B: proxies and pressure against the shutdowns, preservation, the graphic-content exception and blur, trusted partners, safe-location posts)",
        measure: Measure::Outcome(Outcome::CiviliansHarmed),
        expect: Expect::DoesNotRise,
        levers: &["proxy_access", "shutdown_pressure", "safe_location_posts"],
    },
    Lesson {
        id: "siege_msel_gets_people_out",
        lesson: "Warnings and safe-route information save lives where there is somewhere safe to go.",
        source: "Report, Enhance communication and coordination capabilities; the besieged city's own MSEL",
        scenario: "scenarios/besieged_city.ron",
        a: &[],
        b: SIEGE_MSEL,
        experiment: "Besieged city: the same expected actions leave fewer people in harm's way at the end",
        measure: Measure::Outcome(Outcome::LeftAtRisk),
        expect: Expect::Falls,
        levers: &["proxy_access", "shutdown_pressure", "safe_location_posts"],
    },
    Lesson {
        id: "sirens_save_lives",
        lesson: "Warnings and safe-route information save lives where there is somewhere safe to go.",
        source: "Report, Disseminate early-warning information (air-raid alerts)",
        scenario: "scenarios/sirens.ron",
        a: &[],
        b: &[Enable("emergency_alerts", 0)],
        experiment: "Sirens (open borders: everyone who flees gets out): nobody acting (A) against emergency alerts (B)",
        measure: Measure::Outcome(Outcome::CiviliansHarmed),
        expect: Expect::Falls,
        levers: &["emergency_alerts"],
    },
    Lesson {
        id: "deplatforming_followers",
        lesson: "Deplatforming lowers the misinformation shared by the banned accounts' followers too.",
        source: "McCabe et al. 2024 (Nature 630:132)",
        scenario: "scenarios/default.ron",
        a: &[],
        b: &[Enable("deplatform_perpetrators", 0)],
        experiment: "Kessara: nobody acting (A) against deplatforming (B): reshares of rumours by people outside the organisation",
        measure: Measure::CivilianMisinfoShares,
        expect: Expect::Falls,
        levers: &["deplatform_perpetrators", "designate_violent_orgs"],
    },
    Lesson {
        id: "preservation_keeps_evidence",
        lesson: "Removal without preservation destroys evidence.",
        source: "Report, General recommendations (evidence preservation); The Gambia v. Facebook",
        scenario: "scenarios/besieged_city.ron",
        a: &[],
        b: &[Enable("evidence_preservation", 0)],
        experiment: "Besieged city: nobody acting (A) against removed documentation preserved (B)",
        measure: Measure::Outcome(Outcome::EvidenceLost),
        expect: Expect::Falls,
        levers: &[
            "evidence_preservation",
            "graphic_content_exception",
            "deplatform_perpetrators",
        ],
    },
];

/// A lesson's result.
#[derive(Debug, Clone, Serialize)]
pub struct Row {
    pub id: &'static str,
    pub lesson: &'static str,
    pub source: &'static str,
    pub experiment: &'static str,
    pub measure: String,
    pub seeds: u64,
    /// Mean of the measure in arm A and in arm B.
    pub a: f64,
    pub b: f64,
    /// Percent change from A to B, and its standard error over the paired seeds.
    pub change: f64,
    pub stderr: f64,
    pub expect: Expect,
}

impl Row {
    pub fn pass(&self) -> bool {
        self.expect.holds(self.change)
    }

    /// The expected change in words.
    pub fn expected(&self) -> String {
        self.expect.describe()
    }
}

fn commands(s: &Scenario, steps: &[Step]) -> Result<Vec<Command>, String> {
    let mut out = vec![Command {
        turn: 0,
        team: Team::Facilitator,
        action: Action::WaiveBudgets { waived: true },
        rationale: "lesson: budgets waived (the lesson is about the levers, not the budget)".into(),
    }];
    for step in steps {
        let (turn, action) = match *step {
            Enable(id, turn) => {
                let entry = index_of(id).ok_or(format!("unknown lever {id}"))?;
                (turn, Action::enable_defaults(entry))
            }
            Disable(id, turn) => (
                turn,
                Action::Disable {
                    entry: index_of(id).ok_or(format!("unknown lever {id}"))?,
                },
            ),
            Shutdown(district, turn, turns) => {
                let Some(d) = s.districts.iter().position(|d| d.name == district) else {
                    return Err(format!("no district {district}"));
                };
                (
                    turn,
                    Action::AdHoc {
                        description: format!("The government cuts the internet in {district}"),
                        effect: Some(Event::InternetShutdown { district: d, turns }),
                    },
                )
            }
        };
        out.push(Command {
            turn,
            team: Team::Facilitator,
            action,
            rationale: "lesson".into(),
        });
    }
    Ok(out)
}

/// The measure over one run of `s` from `seed` under `plan`.
fn measure(s: &Scenario, seed: u64, plan: &[Command], m: Measure) -> Result<f64, String> {
    let mut w = World::new(s, seed).map_err(|e| e.to_string())?;
    w.schedule(plan.to_vec());
    let district = |name: &str| {
        w.region
            .district_index(name)
            .ok_or(format!("no district {name}"))
    };
    let (d, from, to) = match m {
        Measure::HarmIn(n, a, b) | Measure::ViolenceIn(n, a, b) => (district(n)?, a, b),
        _ => (0, 0, 0),
    };
    let mut total = 0.0;
    while !w.finished() {
        let t = w.turn;
        w.step();
        if (from..to).contains(&t) {
            total += match m {
                Measure::HarmIn(..) => w.districts[d].harmed_this_turn,
                Measure::ViolenceIn(..) => {
                    let st = &w.districts[d];
                    let k = st.stocks[w.org.target as usize];
                    // Exposed before this turn's harm fell: after it, plus what it took.
                    let exposed = k[0] + (1.0 - w.params.shelter_protection) * k[1] + st.hosted;
                    st.harm_rate * (exposed + st.harmed_this_turn)
                }
                _ => 0.0,
            };
        }
    }
    Ok(match m {
        Measure::Outcome(o) => w.summary()[o],
        Measure::CivilianMisinfoShares => w.totals.civilian_misinfo_shares as f64,
        _ => total,
    })
}

/// Run one lesson over `effort.seeds` paired seeds (the scenario's seed, seed + 1, ...).
pub fn run(lesson: &Lesson, s: &Scenario, effort: Effort) -> Result<Row, String> {
    use rayon::prelude::*;
    let pairs: Vec<(f64, f64)> = (0..effort.seeds)
        .into_par_iter()
        .map(|i| pair(lesson, s, i))
        .collect::<Result<_, String>>()?;
    Ok(row(lesson, effort, &pairs))
}

/// The measure in arm A and arm B of `lesson` on its `i`-th seed (one run of a sharded
/// `lessons`).
pub fn pair(lesson: &Lesson, s: &Scenario, i: u64) -> Result<(f64, f64), String> {
    let (a_plan, b_plan) = (commands(s, lesson.a)?, commands(s, lesson.b)?);
    let seed = s.seed.wrapping_add(i);
    Ok((
        measure(s, seed, &a_plan, lesson.measure)?,
        measure(s, seed, &b_plan, lesson.measure)?,
    ))
}

/// A lesson's row from its arms' measures, seed by seed.
pub fn row(lesson: &Lesson, effort: Effort, pairs: &[(f64, f64)]) -> Row {
    let n = pairs.len().max(1) as f64;
    let a = pairs.iter().map(|p| p.0).sum::<f64>() / n;
    let b = pairs.iter().map(|p| p.1).sum::<f64>() / n;
    let scale = if a.abs() > 1e-12 {
        100.0 / a.abs()
    } else {
        0.0
    };
    let diffs: Vec<f64> = pairs.iter().map(|(x, y)| (y - x) * scale).collect();
    let change = diffs.iter().sum::<f64>() / n;
    let var = diffs.iter().map(|d| (d - change).powi(2)).sum::<f64>() / (n - 1.0).max(1.0);
    Row {
        id: lesson.id,
        lesson: lesson.lesson,
        source: lesson.source,
        experiment: lesson.experiment,
        measure: lesson.measure.describe(),
        seeds: effort.seeds,
        a,
        b,
        change,
        stderr: (var / n).sqrt(),
        expect: lesson.expect,
    }
}

/// The library scenarios the lessons run on, each loaded once, in the order lessons name them.
pub fn scenarios() -> Result<Vec<(&'static str, Scenario)>, String> {
    let mut loaded: Vec<(&'static str, Scenario)> = Vec::new();
    for lesson in LESSONS {
        if !loaded.iter().any(|(f, _)| *f == lesson.scenario) {
            let s = crate::scenario::load(std::path::Path::new(lesson.scenario))
                .map_err(|e| e.to_string())?
                .scenario;
            loaded.push((lesson.scenario, s));
        }
    }
    Ok(loaded)
}

/// The scenario `lesson` runs on, among `loaded`.
pub fn scenario_of<'a>(loaded: &'a [(&'static str, Scenario)], lesson: &Lesson) -> &'a Scenario {
    &loaded
        .iter()
        .find(|(f, _)| *f == lesson.scenario)
        .expect("every lesson's scenario is loaded")
        .1
}

/// Every lesson, in order, each scenario loaded once.
pub fn all(effort: Effort) -> Result<Vec<Row>, String> {
    let loaded = scenarios()?;
    LESSONS
        .iter()
        .map(|lesson| run(lesson, scenario_of(&loaded, lesson), effort))
        .collect()
}

/// The lessons a decision log touched: those whose levers it enabled (each lesson once, in
/// order).
pub fn touched(log: &[Command]) -> Vec<&'static Lesson> {
    let used: Vec<&str> = log
        .iter()
        .filter_map(|c| match c.action {
            Action::Enable { entry, .. } => Some(CATALOG[entry].id),
            _ => None,
        })
        .collect();
    let mut out: Vec<&'static Lesson> = Vec::new();
    for l in LESSONS {
        if l.levers.iter().any(|id| used.contains(id)) && !out.iter().any(|x| x.lesson == l.lesson)
        {
            out.push(l);
        }
    }
    out
}

/// The table as Markdown (MODEL.md §14).
pub fn to_markdown(rows: &[Row]) -> String {
    let mut out = String::from(
        "| lesson | source | experiment | measure | expected | ours (± s.e.) | result |\n|---|---|---|---|---|---|---|\n",
    );
    for r in rows {
        out.push_str(&format!(
            "| {} | {} | {} | {} | {} | {:+.1}% ± {:.1} | {} |\n",
            r.lesson,
            r.source,
            r.experiment,
            r.measure,
            r.expected(),
            r.change,
            r.stderr,
            if r.pass() { "pass" } else { "FAIL" }
        ));
    }
    out
}
