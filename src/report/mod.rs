//! The after-action report (AAR/IP, after HSEEP): overview, executive summary against the
//! do-nothing baseline and across branches, timeline of injects and decisions with rationale,
//! each inject's expected action against what the teams did, objective ratings (P/S/M/U),
//! strengths, areas for improvement and an improvement plan. Written as `report.md`,
//! `report.html` (self-contained, charts inline), `timeline.csv`, `decisions.csv` and chart PNGs.

mod charts;

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use crate::scenario::plan::to_spec;
use crate::session::{RATINGS, SessionError, SessionFile};
use crate::sim::command::Action;
use crate::sim::interventions::{CATALOG, Team};
use crate::sim::metrics::{Better, Outcome, Values, key_first, summarise};
use crate::sim::{Happening, World};

/// Outcomes of the executive summary, in order.
pub const SUMMARY: [Outcome; 12] = [
    Outcome::CiviliansHarmed,
    Outcome::CiviliansProtected,
    Outcome::CiviliansDisplaced,
    Outcome::WarningReach,
    Outcome::HarmfulImpressions,
    Outcome::MisinformationBelief,
    Outcome::MobilizedBystanders,
    Outcome::AtrocityRiskPeak,
    Outcome::LegitimateContentRemoved,
    Outcome::EvidenceLost,
    Outcome::CivilianCommCapacity,
    Outcome::UserTrust,
];

pub const CHARTED: [Outcome; 4] = [
    Outcome::CiviliansHarmed,
    Outcome::WarningReach,
    Outcome::HarmfulImpressions,
    Outcome::AtrocityRiskPeak,
];

/// One outcome row of the executive summary: the values per branch (and the baseline last),
/// and each branch's gap to the baseline (text, good for civilians?).
pub type SummaryRow = (Outcome, Vec<String>, Vec<(String, bool)>);

/// One objective row: id and text, the injects that test it, expected actions met / measurable,
/// the facilitator's rating and comment.
pub struct ObjectiveRow {
    pub objective: String,
    pub injects: String,
    pub met: usize,
    pub measurable: usize,
    pub rating: String,
    pub comment: String,
}

/// Everything the report says, computed once.
pub struct Report {
    pub session: SessionFile,
    /// Each branch replayed to where it stopped.
    pub branches: Vec<World>,
    /// The do-nothing baseline, as far as the longest branch.
    pub baseline: World,
    pub date: String,
    /// The teams' plan against the frontier `breakglass explore` finds (`report --frontier`).
    pub debrief: Option<crate::experiments::Debrief>,
}

/// One row of the inject review.
pub struct InjectReview {
    pub seq: u32,
    pub fired: Option<u32>,
    pub skipped: bool,
    pub to: String,
    pub description: String,
    pub expected: String,
    pub objective: String,
    /// Turn the expected action was taken, if measurable.
    pub action_turn: Option<Option<u32>>,
    pub decisions_after: Vec<String>,
}

/// A finding for strengths / areas for improvement, with who should act on it.
pub struct Finding {
    pub text: String,
    pub owner: Team,
    pub action: String,
}

fn summary_at(series: &[Values], turn: u32) -> Values {
    summarise(&series[..(turn as usize).min(series.len())])
}

fn fmt(o: Outcome, v: f64) -> String {
    match o.unit() {
        "share" => format!("{:.0}%", v * 100.0),
        "index" => format!("{v:.0}"),
        _ => format!("{v:.0}"),
    }
}

fn gap(o: Outcome, ours: f64, base: f64) -> (String, bool) {
    let d = ours - base;
    let good = (d > 0.0) == (o.better() == Better::Higher) && d.abs() > 1e-9;
    let text = if d.abs() < 1e-9 {
        "=".to_string()
    } else if o.unit() == "share" {
        format!("{:+.0} pts", d * 100.0)
    } else if base.abs() > 1e-9 {
        format!("{:+.0}%", d / base * 100.0)
    } else {
        format!("{d:+.0}")
    };
    (text, good)
}

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

fn md_cell(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', " ")
}

impl Report {
    pub fn build(session: &SessionFile) -> Result<Report, SessionError> {
        let mut branches = Vec::new();
        for b in 0..session.branches.len() {
            branches.push(session.replay(b, None)?);
        }
        let longest = branches.iter().map(|w| w.turn).max().unwrap_or(0);
        let baseline = session.baseline(longest)?;
        Ok(Report {
            session: session.clone(),
            branches,
            baseline,
            date: crate::session::now_utc().0,
            debrief: None,
        })
    }

    /// Add "your plan against the frontier": explore the scenario's portfolios within budget
    /// (`runs` seeds each, `width` levers kept after screening) and score the current branch's
    /// decisions over the same seeds. Deterministic.
    pub fn with_frontier(mut self, runs: u64, width: usize) -> Report {
        let world = self.current();
        self.debrief = Some(crate::experiments::debrief(
            &world.scenario,
            &world.log,
            runs,
            width,
        ));
        self
    }

    fn current(&self) -> &World {
        &self.branches[self.session.current.min(self.branches.len() - 1)]
    }

    pub fn teams(&self) -> Vec<Team> {
        let mut teams: Vec<Team> = self
            .branches
            .iter()
            .flat_map(|w| w.log.iter().map(|c| c.team))
            .collect();
        teams.sort();
        teams.dedup();
        teams
    }

    /// A command in words.
    pub fn describe(&self, world: &World, action: &Action) -> String {
        match action {
            Action::Enable {
                entry,
                params,
                scope,
                ..
            } => {
                let e = &CATALOG[*entry];
                let mut s = format!("enable {}", e.name);
                if !params.is_empty() {
                    let p: Vec<String> = e
                        .params
                        .iter()
                        .zip(params)
                        .map(|(p, v)| format!("{}={v}", p.name))
                        .collect();
                    let _ = write!(s, " ({})", p.join(", "));
                }
                if let crate::sim::interventions::Scope::Districts(ds) = scope {
                    let names: Vec<&str> = ds
                        .iter()
                        .map(|&d| world.region.districts[d as usize].name.as_str())
                        .collect();
                    let _ = write!(s, " in {}", names.join(", "));
                }
                s
            }
            Action::Disable { entry } => format!("lift {}", CATALOG[*entry].name),
            Action::Set { entry, params } => {
                format!("adjust {} to {params:?}", CATALOG[*entry].name)
            }
            Action::FireInject { seq } => format!("fire inject #{seq}"),
            Action::SkipInject { seq } => format!("skip inject #{seq}"),
            Action::DelayInject { seq, turns } => format!("delay inject #{seq} by {turns} turn(s)"),
            Action::AdHoc { description, .. } => format!("ad-hoc inject: {description}"),
            Action::WaiveBudgets { waived: true } => "waive the teams' budgets".to_string(),
            Action::WaiveBudgets { waived: false } => "restore the teams' budgets".to_string(),
        }
    }

    pub fn inject_review(&self) -> Vec<InjectReview> {
        let w = self.current();
        w.scenario
            .injects
            .iter()
            .enumerate()
            .map(|(i, spec)| {
                let state = &w.inject_states[i];
                let decisions_after = match state.fired_turn {
                    Some(f) => w
                        .log
                        .iter()
                        .filter(|c| {
                            c.turn >= f && c.turn <= f + 2 && c.action.intervention().is_some()
                        })
                        .map(|c| {
                            format!(
                                "T{} {}: {}",
                                c.turn,
                                c.team.id(),
                                self.describe(w, &c.action)
                            )
                        })
                        .collect(),
                    None => Vec::new(),
                };
                InjectReview {
                    seq: spec.seq,
                    fired: state.fired_turn,
                    skipped: state.skipped,
                    to: spec.to.clone(),
                    description: spec.description.clone(),
                    expected: spec.expected.clone(),
                    objective: spec.objective.clone(),
                    action_turn: w.expected_action_turn(i),
                    decisions_after,
                }
            })
            .collect()
    }

    /// Strengths and areas for improvement, from outcomes against the baseline and the injects.
    pub fn findings(&self) -> (Vec<Finding>, Vec<Finding>) {
        let w = self.current();
        let ours = summary_at(&w.series, w.turn);
        let base = summary_at(&self.baseline.series, w.turn);
        let mut strengths = Vec::new();
        let mut areas = Vec::new();
        for o in key_first(&w.scenario.key_outcomes, &SUMMARY) {
            let (text, good) = gap(o, ours[o], base[o]);
            let rel = if base[o].abs() > 1e-9 {
                (ours[o] - base[o]).abs() / base[o].abs()
            } else {
                0.0
            };
            let big = if o.unit() == "share" {
                (ours[o] - base[o]).abs() >= 0.05
            } else {
                rel >= 0.10
            };
            if !big {
                continue;
            }
            let finding = format!(
                "{}: {} against {} if nobody had acted ({text}).",
                o.name(),
                fmt(o, ours[o]),
                fmt(o, base[o])
            );
            if good {
                strengths.push(Finding {
                    text: finding,
                    owner: Team::Facilitator,
                    action: String::new(),
                });
            } else {
                let (owner, action) = match o.family() {
                    crate::sim::metrics::Family::Cost => (
                        Team::CrisisLeadership,
                        "Review which measures caused this cost and whether a narrower scope or an earlier lift would have kept their benefit.".to_string(),
                    ),
                    _ => (
                        Team::Platform,
                        "Identify which tools target this outcome (see the catalog) and rehearse deploying them earlier.".to_string(),
                    ),
                };
                areas.push(Finding {
                    text: finding,
                    owner,
                    action,
                });
            }
        }
        for r in self.inject_review() {
            match (r.fired, r.action_turn) {
                (Some(f), Some(Some(t))) if t <= f + 1 => strengths.push(Finding {
                    text: format!("Inject #{}: the expected action ({}) was taken within a turn.", r.seq, r.expected),
                    owner: Team::Facilitator,
                    action: String::new(),
                }),
                (Some(f), Some(Some(t))) => areas.push(Finding {
                    text: format!(
                        "Inject #{}: the expected action ({}) came {} turns after the inject.",
                        r.seq,
                        r.expected,
                        t - f
                    ),
                    owner: team_of(&r.to),
                    action: "Write the decision into a playbook with a trigger, so it is taken in the first decision phase.".into(),
                }),
                (Some(_), Some(None)) => areas.push(Finding {
                    text: format!("Inject #{}: the expected action ({}) was not taken.", r.seq, r.expected),
                    owner: team_of(&r.to),
                    action: format!("Discuss in the hot wash why \"{}\" was not chosen; add it to the playbook or record why not.", r.expected),
                }),
                _ => {}
            }
        }
        (strengths, areas)
    }

    /// What the platform's classifiers got right and wrong on the current branch: harmful posts
    /// flagged and missed, removed within the hour, and legitimate posts mistaken for harm by kind.
    pub fn moderation_summary(&self) -> String {
        use crate::sim::content::Kind;
        let t = &self.current().totals;
        let share = |a: u64, b: u64| 100.0 * a as f64 / b.max(1) as f64;
        let mistaken: Vec<String> = Kind::ALL
            .iter()
            .filter(|k| !k.is_harmful() && t.legit_flagged[**k as usize] > 0)
            .map(|k| {
                format!(
                    "{} {} ({} removed)",
                    t.legit_flagged[*k as usize],
                    k.id().replace('_', " "),
                    t.legit_removed_kind[*k as usize]
                )
            })
            .collect();
        format!(
            "What the platform saw: its classifiers flagged {:.0}% of {} harmful posts and missed {}; \
             {:.0}% were removed within an hour. They mistook legitimate posts for harm: {}; {} \
             accounts were suspended by mistake.",
            share(t.harmful_flagged, t.harmful_posts),
            t.harmful_posts,
            t.harmful_posts.saturating_sub(t.harmful_flagged),
            share(t.removed_within_hour, t.harmful_posts),
            if mistaken.is_empty() {
                "none".to_string()
            } else {
                mistaken.join(", ")
            },
            t.wrongful_bans
        )
    }

    /// Where the organisation moved its effort by the end of the current branch, against habit.
    pub fn adversary_summary(&self) -> String {
        use crate::sim::adversary::Channel;
        let e = &self.current().org.effort;
        let by_shift = |sign: f64| {
            Channel::ALL
                .into_iter()
                .max_by(|a, b| (sign * e.shift(*a)).total_cmp(&(sign * e.shift(*b))))
                .expect("channels")
        };
        let (from, to) = (by_shift(-1.0), by_shift(1.0));
        if e.shift(from) > -3.0 {
            return "Where the organisation went: it kept its habitual channels (nothing the teams \
                    did blocked one for long)."
                .into();
        }
        let pct = |c: Channel| 100.0 * e.share[c as usize];
        let habit = |c: Channel| 100.0 * e.habit[c as usize];
        format!(
            "Where the organisation went: by the end it had moved {:.0} points of its effort out of \
             {} ({:.0}% of its effort, habit {:.0}%), most of it into {} ({:.0}%, habit {:.0}%). \
             Blocking a channel moves the campaign; it does not end it.",
            -e.shift(from),
            from.title(),
            pct(from),
            habit(from),
            to.title(),
            pct(to),
            habit(to)
        )
    }

    /// Rows of the timeline: (turn, what, who, text).
    pub fn timeline(&self) -> Vec<(u32, &'static str, String, String)> {
        let w = self.current();
        let b = self.session.current;
        let mut rows: Vec<(u32, &'static str, String, String)> = Vec::new();
        for (t, h) in &w.happenings {
            match h {
                Happening::InjectFired { seq } => {
                    let spec = w.scenario.injects.iter().find(|i| i.seq == *seq);
                    rows.push((
                        *t,
                        "inject",
                        spec.map_or(String::new(), |s| format!("{} → {}", s.from, s.to)),
                        spec.map_or(String::new(), |s| format!("#{seq} {}", s.description)),
                    ));
                }
                Happening::AdHocInject { description } => rows.push((
                    *t,
                    "inject",
                    "facilitator".into(),
                    format!("ad hoc: {description}"),
                )),
                Happening::Attacks {
                    district,
                    attacks,
                    harmed,
                } => rows.push((
                    *t,
                    "event",
                    String::new(),
                    format!(
                        "{attacks} attack(s) in {}: {harmed:.0} harmed",
                        w.region.districts[*district as usize].name
                    ),
                )),
                Happening::Detentions { district, people } => rows.push((
                    *t,
                    "event",
                    String::new(),
                    format!(
                        "{people:.0} detained in raids in {}",
                        w.region.districts[*district as usize].name
                    ),
                )),
                Happening::ShutdownStarted { district, turns } => rows.push((
                    *t,
                    "event",
                    String::new(),
                    format!(
                        "internet shut down in {} for {turns} turn(s)",
                        w.region.districts[*district as usize].name
                    ),
                )),
                Happening::EffortShifted { from, to, points } => rows.push((
                    *t,
                    "event",
                    String::new(),
                    format!(
                        "the organisation moved {points:.0} points of its effort out of {} (most into {})",
                        from.title(),
                        to.title()
                    ),
                )),
                Happening::Retaliation { district } => rows.push((
                    *t,
                    "event",
                    String::new(),
                    format!(
                        "government retaliation: shutdown in {}",
                        w.region.districts[*district as usize].name
                    ),
                )),
                _ => {}
            }
        }
        for c in &w.log {
            let mut text = self.describe(w, &c.action);
            if !c.rationale.is_empty() {
                let _ = write!(text, ". Rationale: {}", c.rationale);
            }
            rows.push((c.turn, "decision", c.team.id().to_string(), text));
        }
        for n in self.session.notes.iter().filter(|n| n.branch == b) {
            let who = if n.author.is_empty() {
                "facilitator".to_string()
            } else {
                n.author.clone()
            };
            let text = if n.about.is_empty() {
                n.text.clone()
            } else {
                format!("On {}: {}", n.about, n.text)
            };
            rows.push((n.turn, "note", who, text));
        }
        // By turn; within a turn: injects, decisions, notes, then events (stable).
        let order = |k: &str| match k {
            "inject" => 0,
            "decision" => 1,
            "note" => 2,
            _ => 3,
        };
        rows.sort_by_key(|r| (r.0, order(r.1)));
        rows
    }

    /// Outcomes drawn as charts: the scenario's key outcomes first, then the usual four.
    pub fn charted(&self) -> Vec<Outcome> {
        key_first(&self.current().scenario.key_outcomes, &CHARTED)
    }

    /// Write every file into `dir`; returns their paths.
    pub fn write(&self, dir: &Path) -> std::io::Result<Vec<PathBuf>> {
        std::fs::create_dir_all(dir)?;
        let mut written = Vec::new();
        let mut svgs = Vec::new();
        for o in self.charted() {
            let png = dir.join(format!("chart-{}.png", o.name()));
            charts::png(self, o, &png).map_err(std::io::Error::other)?;
            written.push(png);
            svgs.push((o, charts::svg(self, o).map_err(std::io::Error::other)?));
        }
        let md = dir.join("report.md");
        std::fs::write(&md, self.markdown())?;
        written.push(md);
        let html = dir.join("report.html");
        std::fs::write(&html, self.html(&svgs))?;
        written.push(html);
        let timeline = dir.join("timeline.csv");
        self.timeline_csv(&timeline)?;
        written.push(timeline);
        let decisions = dir.join("decisions.csv");
        self.decisions_csv(&decisions)?;
        written.push(decisions);
        Ok(written)
    }

    fn timeline_csv(&self, path: &Path) -> std::io::Result<()> {
        let mut w = csv::Writer::from_path(path)?;
        w.write_record(["turn", "kind", "who", "text"])?;
        for (t, kind, who, text) in self.timeline() {
            w.write_record([t.to_string(), kind.to_string(), who, text])?;
        }
        w.flush()
    }

    fn decisions_csv(&self, path: &Path) -> std::io::Result<()> {
        let mut w = csv::Writer::from_path(path)?;
        w.write_record([
            "branch",
            "turn",
            "team",
            "action",
            "intervention",
            "params",
            "districts",
            "rationale",
        ])?;
        for (b, world) in self.branches.iter().enumerate() {
            for c in &world.log {
                let spec = to_spec(c, &world.scenario);
                let id = spec
                    .enable
                    .clone()
                    .or(spec.disable.clone())
                    .or(spec.set.clone())
                    .unwrap_or_default();
                let params: Vec<String> = spec
                    .params
                    .iter()
                    .map(|(k, v)| format!("{k}={v}"))
                    .collect();
                w.write_record([
                    self.session.branches[b].name.clone(),
                    c.turn.to_string(),
                    c.team.id().to_string(),
                    c.action.verb().to_string(),
                    id,
                    params.join(" "),
                    spec.districts.join(" "),
                    c.rationale.clone(),
                ])?;
            }
        }
        w.flush()
    }

    /// The summary table: one column per branch, the baseline, and each branch's gap.
    fn summary_rows(&self) -> (Vec<String>, Vec<SummaryRow>) {
        let mut header = vec!["outcome".to_string()];
        for b in &self.session.branches {
            header.push(b.name.clone());
        }
        header.push("nobody acts".into());
        let cur = self.current();
        let base = summary_at(&self.baseline.series, cur.turn);
        let rows = key_first(&cur.scenario.key_outcomes, &SUMMARY)
            .into_iter()
            .map(|o| {
                let mut cells = Vec::new();
                let mut gaps = Vec::new();
                for w in &self.branches {
                    let v = summary_at(&w.series, w.turn);
                    let b = summary_at(&self.baseline.series, w.turn);
                    cells.push(fmt(o, v[o]));
                    gaps.push(gap(o, v[o], b[o]));
                }
                cells.push(fmt(o, base[o]));
                (o, cells, gaps)
            })
            .collect();
        (header, rows)
    }

    pub fn objective_rows(&self) -> Vec<ObjectiveRow> {
        let w = self.current();
        let reviews = self.inject_review();
        w.scenario
            .objectives
            .iter()
            .map(|o| {
                let mine: Vec<&InjectReview> =
                    reviews.iter().filter(|r| r.objective == o.id).collect();
                let by = |who: &str| {
                    self.session
                        .ratings
                        .iter()
                        .find(|r| r.objective == o.id && r.by == who)
                };
                let (facilitator, evaluator) = (by(""), by("evaluator"));
                let rating = match (facilitator, evaluator) {
                    (Some(r), _) => r.rating.clone(),
                    (None, Some(r)) => format!("{} (evaluator)", r.rating),
                    (None, None) => "not rated".into(),
                };
                let mut comment = facilitator.map_or(String::new(), |r| r.comment.clone());
                if let Some(r) =
                    evaluator.filter(|e| facilitator.is_some() || !e.comment.is_empty())
                {
                    if !comment.is_empty() {
                        comment.push_str(" · ");
                    }
                    comment.push_str(&format!("evaluator: {}", r.rating));
                    if !r.comment.is_empty() {
                        comment.push_str(&format!(" ({})", r.comment));
                    }
                }
                ObjectiveRow {
                    objective: format!("{}: {}", o.id, o.text),
                    injects: mine
                        .iter()
                        .map(|r| format!("#{}", r.seq))
                        .collect::<Vec<_>>()
                        .join(", "),
                    met: mine
                        .iter()
                        .filter(|r| matches!(r.action_turn, Some(Some(_))))
                        .count(),
                    measurable: mine.iter().filter(|r| r.action_turn.is_some()).count(),
                    rating,
                    comment,
                }
            })
            .collect()
    }

    pub fn markdown(&self) -> String {
        let s = &self.session;
        let w = self.current();
        let mut out = String::new();
        let _ = writeln!(out, "# After-action report: {}\n", w.scenario.name);
        let _ = writeln!(out, "## 1. Overview\n");
        let _ = writeln!(out, "| | |\n| --- | --- |");
        let _ = writeln!(
            out,
            "| Scenario | {} ({}) |",
            md_cell(&w.scenario.name),
            md_cell(&s.scenario_file)
        );
        let _ = writeln!(out, "| Exercise date | {} |", md_cell(&s.started));
        let _ = writeln!(out, "| Report written | {} |", self.date);
        let _ = writeln!(out, "| Seed | {} |", s.seed);
        let _ = writeln!(
            out,
            "| Teams | {} |",
            self.teams()
                .iter()
                .map(|t| t.title())
                .collect::<Vec<_>>()
                .join(", ")
        );
        let _ = writeln!(
            out,
            "| Turns played | {} of {} ({} h each) |",
            w.turn,
            w.turns(),
            w.scenario.turn_hours
        );
        let _ = writeln!(out, "| Branches | {} |\n", s.branches.len());
        if !w.scenario.briefing.is_empty() {
            let _ = writeln!(out, "> {}\n", w.scenario.briefing);
        }

        let _ = writeln!(out, "## 2. Executive summary\n");
        let _ = writeln!(
            out,
            "Outcomes at the end of play on each branch, against the same world with nobody acting \
             (same scenario, same seed). Gaps are for the branch against the baseline at the same turn.\n"
        );
        let (header, rows) = self.summary_rows();
        let _ = writeln!(out, "| {} | gap |", header.join(" | "));
        let _ = writeln!(out, "|{}", " --- |".repeat(header.len() + 1));
        for (o, cells, gaps) in rows {
            let g: Vec<String> = gaps.iter().map(|(t, _)| t.clone()).collect();
            let _ = writeln!(
                out,
                "| {} | {} | {} |",
                o.name(),
                cells.join(" | "),
                g.join(" / ")
            );
        }
        out.push('\n');
        let _ = writeln!(out, "{}\n", self.moderation_summary());
        let _ = writeln!(out, "{}\n", self.adversary_summary());
        for o in self.charted() {
            let _ = writeln!(out, "![{}](chart-{}.png)\n", o.name(), o.name());
        }

        let _ = writeln!(out, "## 3. Timeline of injects and decisions\n");
        let _ = writeln!(out, "| turn | what | who | |\n| --- | --- | --- | --- |");
        for (t, kind, who, text) in self.timeline() {
            let _ = writeln!(
                out,
                "| {t} | {kind} | {} | {} |",
                md_cell(&who),
                md_cell(&text)
            );
        }
        out.push('\n');

        let _ = writeln!(
            out,
            "## 4. Injects: expected action against what the teams did\n"
        );
        let _ = writeln!(
            out,
            "| # | fired | to | inject | expected action | what the teams did | met |"
        );
        let _ = writeln!(out, "| --- | --- | --- | --- | --- | --- | --- |");
        for r in self.inject_review() {
            let fired = match (r.fired, r.skipped) {
                (Some(t), _) => format!("T{t}"),
                (None, true) => "skipped".into(),
                (None, false) => "not reached".into(),
            };
            let met = match r.action_turn {
                Some(Some(t)) => format!("yes (T{t})"),
                Some(None) => "no".into(),
                None => "—".into(),
            };
            let did = if r.decisions_after.is_empty() {
                "no decision within two turns".to_string()
            } else {
                r.decisions_after.join("; ")
            };
            let _ = writeln!(
                out,
                "| {} | {fired} | {} | {} | {} | {} | {met} |",
                r.seq,
                r.to,
                md_cell(&r.description),
                md_cell(&r.expected),
                md_cell(&did)
            );
        }
        out.push('\n');

        let _ = writeln!(out, "## 5. Objectives and ratings\n");
        let _ = writeln!(
            out,
            "Ratings: {}.\n",
            RATINGS
                .iter()
                .map(|(k, v)| format!("**{k}** {v}"))
                .collect::<Vec<_>>()
                .join(", ")
        );
        let _ = writeln!(
            out,
            "| objective | injects | expected actions met | rating | comment |"
        );
        let _ = writeln!(out, "| --- | --- | --- | --- | --- |");
        for r in self.objective_rows() {
            let _ = writeln!(
                out,
                "| {} | {} | {} of {} | {} | {} |",
                md_cell(&r.objective),
                r.injects,
                r.met,
                r.measurable,
                r.rating,
                md_cell(&r.comment)
            );
        }
        out.push('\n');

        let (strengths, areas) = self.findings();
        let _ = writeln!(out, "## 6. Strengths\n");
        if strengths.is_empty() {
            let _ = writeln!(out, "- None stood out against the baseline.");
        }
        for f in &strengths {
            let _ = writeln!(out, "- {}", f.text);
        }
        let _ = writeln!(out, "\n## 7. Areas for improvement\n");
        if areas.is_empty() {
            let _ = writeln!(out, "- None stood out against the baseline.");
        }
        for f in &areas {
            let _ = writeln!(out, "- {}", f.text);
        }
        let _ = writeln!(out, "\n## 8. Improvement plan\n");
        let _ = writeln!(
            out,
            "| # | issue | corrective action | owner | due |\n| --- | --- | --- | --- | --- |"
        );
        for (i, f) in areas.iter().enumerate() {
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} | before the next exercise |",
                i + 1,
                md_cell(&f.text),
                md_cell(&f.action),
                f.owner.title()
            );
        }
        if let Some(d) = &self.debrief {
            let _ = writeln!(out, "\n## 9. Your plan against the frontier\n");
            let _ = writeln!(
                out,
                "Portfolios of levers within the teams' budgets, searched by `breakglass explore` for the scenario's key outcome ({}), against doing nothing over {} seeds; cost to civilians = mean loss of warning reach, credible information, protection, communication capacity, evidence and legitimate posts.\n",
                d.key.name(),
                d.runs
            );
            let _ = writeln!(
                out,
                "| portfolio | {} | cost to civilians |\n| --- | --- | --- |",
                d.key.name()
            );
            for (name, g, c, ours) in d.rows() {
                let name = if ours {
                    format!("**{name}**")
                } else {
                    md_cell(&name)
                };
                let _ = writeln!(out, "| {name} | {g:+.1}% | {c:.1}% |");
            }
            let _ = writeln!(out, "\n{}", d.verdict());
        }
        let _ = writeln!(
            out,
            "\n---\nModel: Breakglass (see MODEL.md). Outcomes are a simulation, not a forecast."
        );
        out
    }

    pub fn html(&self, svgs: &[(Outcome, String)]) -> String {
        let s = &self.session;
        let w = self.current();
        let mut out = String::new();
        let _ = write!(
            out,
            "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">\
             <title>After-action report: {}</title><style>{CSS}</style></head><body>",
            esc(&w.scenario.name)
        );
        let _ = write!(
            out,
            "<h1>After-action report: {}</h1>",
            esc(&w.scenario.name)
        );
        let _ = write!(out, "<h2>1. Overview</h2><table class=\"kv\">");
        for (k, v) in [
            (
                "Scenario",
                format!("{} ({})", w.scenario.name, s.scenario_file),
            ),
            ("Exercise date", s.started.clone()),
            ("Report written", self.date.clone()),
            ("Seed", s.seed.to_string()),
            (
                "Teams",
                self.teams()
                    .iter()
                    .map(|t| t.title())
                    .collect::<Vec<_>>()
                    .join(", "),
            ),
            (
                "Turns played",
                format!(
                    "{} of {} ({} h each)",
                    w.turn,
                    w.turns(),
                    w.scenario.turn_hours
                ),
            ),
            ("Branches", s.branches.len().to_string()),
        ] {
            let _ = write!(out, "<tr><th>{k}</th><td>{}</td></tr>", esc(&v));
        }
        out.push_str("</table>");
        if !w.scenario.briefing.is_empty() {
            let _ = write!(
                out,
                "<blockquote>{}</blockquote>",
                esc(&w.scenario.briefing)
            );
        }
        out.push_str("<h2>2. Executive summary</h2><p>Outcomes at the end of play on each branch, against the same world with nobody acting (same scenario, same seed).</p>");
        let (header, rows) = self.summary_rows();
        out.push_str("<table><tr>");
        for h in &header {
            let _ = write!(out, "<th>{}</th>", esc(h));
        }
        out.push_str("<th>gap</th></tr>");
        for (o, cells, gaps) in rows {
            let _ = write!(out, "<tr><td>{}</td>", o.name());
            for c in cells {
                let _ = write!(out, "<td class=\"num\">{}</td>", esc(&c));
            }
            out.push_str("<td>");
            for (text, good) in gaps {
                let class = if text == "=" {
                    "same"
                } else if good {
                    "good"
                } else {
                    "bad"
                };
                let _ = write!(out, "<span class=\"{class}\">{}</span> ", esc(&text));
            }
            out.push_str("</td></tr>");
        }
        out.push_str("</table>");
        let _ = write!(out, "<p>{}</p>", esc(&self.moderation_summary()));
        let _ = write!(out, "<p>{}</p>", esc(&self.adversary_summary()));
        out.push_str("<div class=\"charts\">");
        for (o, svg) in svgs {
            let _ = write!(
                out,
                "<figure>{svg}<figcaption>{}</figcaption></figure>",
                o.name()
            );
        }
        out.push_str("</div><h2>3. Timeline of injects and decisions</h2><table><tr><th>turn</th><th>what</th><th>who</th><th></th></tr>");
        for (t, kind, who, text) in self.timeline() {
            let _ = write!(
                out,
                "<tr class=\"{kind}\"><td>{t}</td><td>{kind}</td><td>{}</td><td>{}</td></tr>",
                esc(&who),
                esc(&text)
            );
        }
        out.push_str("</table><h2>4. Injects: expected action against what the teams did</h2><table><tr><th>#</th><th>fired</th><th>to</th><th>inject</th><th>expected action</th><th>what the teams did</th><th>met</th></tr>");
        for r in self.inject_review() {
            let fired = match (r.fired, r.skipped) {
                (Some(t), _) => format!("T{t}"),
                (None, true) => "skipped".into(),
                (None, false) => "not reached".into(),
            };
            let (met, class) = match r.action_turn {
                Some(Some(t)) => (format!("yes (T{t})"), "good"),
                Some(None) => ("no".into(), "bad"),
                None => ("—".into(), "same"),
            };
            let _ = write!(
                out,
                "<tr><td>{}</td><td>{fired}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td class=\"{class}\">{met}</td></tr>",
                r.seq,
                esc(&r.to),
                esc(&r.description),
                esc(&r.expected),
                esc(&if r.decisions_after.is_empty() {
                    "no decision within two turns".to_string()
                } else {
                    r.decisions_after.join("; ")
                })
            );
        }
        out.push_str("</table><h2>5. Objectives and ratings</h2><p>");
        out.push_str(
            &RATINGS
                .iter()
                .map(|(k, v)| format!("<b>{k}</b> {v}"))
                .collect::<Vec<_>>()
                .join(", "),
        );
        out.push_str("</p><table><tr><th>objective</th><th>injects</th><th>expected actions met</th><th>rating</th><th>comment</th></tr>");
        for r in self.objective_rows() {
            let _ = write!(
                out,
                "<tr><td>{}</td><td>{}</td><td>{} of {}</td><td class=\"rating\">{}</td><td>{}</td></tr>",
                esc(&r.objective),
                r.injects,
                r.met,
                r.measurable,
                esc(&r.rating),
                esc(&r.comment)
            );
        }
        out.push_str("</table>");
        let (strengths, areas) = self.findings();
        out.push_str("<h2>6. Strengths</h2><ul>");
        for f in &strengths {
            let _ = write!(out, "<li>{}</li>", esc(&f.text));
        }
        if strengths.is_empty() {
            out.push_str("<li>None stood out against the baseline.</li>");
        }
        out.push_str("</ul><h2>7. Areas for improvement</h2><ul>");
        for f in &areas {
            let _ = write!(out, "<li>{}</li>", esc(&f.text));
        }
        if areas.is_empty() {
            out.push_str("<li>None stood out against the baseline.</li>");
        }
        out.push_str("</ul><h2>8. Improvement plan</h2><table><tr><th>#</th><th>issue</th><th>corrective action</th><th>owner</th><th>due</th></tr>");
        for (i, f) in areas.iter().enumerate() {
            let _ = write!(
                out,
                "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>before the next exercise</td></tr>",
                i + 1,
                esc(&f.text),
                esc(&f.action),
                f.owner.title()
            );
        }
        out.push_str("</table>");
        if let Some(d) = &self.debrief {
            let _ = write!(
                out,
                "<h2>9. Your plan against the frontier</h2><p>Portfolios of levers within the teams' budgets, searched for the scenario's key outcome ({}), against doing nothing over {} seeds.</p><table><tr><th>portfolio</th><th>{}</th><th>cost to civilians</th></tr>",
                esc(d.key.name()),
                d.runs,
                esc(d.key.name())
            );
            for (name, g, c, ours) in d.rows() {
                let style = if ours {
                    " style=\"font-weight:700\""
                } else {
                    ""
                };
                let _ = write!(
                    out,
                    "<tr{style}><td>{}</td><td class=\"num\">{g:+.1}%</td><td class=\"num\">{c:.1}%</td></tr>",
                    esc(&name)
                );
            }
            let _ = write!(out, "</table><p>{}</p>", esc(&d.verdict()));
        }
        out.push_str("<footer>Model: Breakglass (see MODEL.md). Outcomes are a simulation, not a forecast.</footer></body></html>");
        out
    }
}

fn team_of(id: &str) -> Team {
    Team::from_id(id).unwrap_or(Team::Facilitator)
}

const CSS: &str = "body{font-family:system-ui,sans-serif;max-width:1100px;margin:2em auto;padding:0 1em;color:#1a1a1a;line-height:1.45}\
h1{font-size:1.9em}h2{margin-top:1.6em;border-bottom:2px solid #ddd;padding-bottom:.2em}\
table{border-collapse:collapse;width:100%;margin:.6em 0;font-size:.95em}th,td{border:1px solid #ccc;padding:.3em .5em;vertical-align:top;text-align:left}\
th{background:#f2f2f2}td.num{text-align:right;font-variant-numeric:tabular-nums}.kv th{width:12em}\
.good{color:#0b7a5a;font-weight:600}.bad{color:#b34700;font-weight:600}.same{color:#777}\
tr.inject td{background:#eef5fb}tr.note td{background:#fbf7e8}tr.event td{color:#555}\
.charts{display:grid;grid-template-columns:1fr 1fr;gap:1em}figure{margin:0}figcaption{text-align:center;font-size:.9em;color:#444}\
blockquote{border-left:4px solid #ccc;margin:1em 0;padding:.2em 1em;color:#333}footer{margin-top:2em;color:#777;font-size:.85em}";
