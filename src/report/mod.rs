//! The after-action report (AAR/IP, after HSEEP): overview, executive summary against the
//! do-nothing baseline and across branches, timeline of injects and decisions with rationale,
//! each inject's expected action against what the teams did, objective ratings (P/S/M/U),
//! strengths, areas for improvement and an improvement plan. Written as `report.md`,
//! `report.html` (self-contained, charts inline), `timeline.csv`, `decisions.csv` and chart PNGs.

mod charts;
pub mod doc;

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use crate::scenario::plan::to_spec;
use crate::session::{RATINGS, SessionError, SessionFile};
use crate::sim::command::Action;
use crate::sim::interventions::{CATALOG, Team};
use crate::sim::metrics::{Outcome, Values, key_first, summarise};
use crate::sim::{Happening, World};
use crate::view::{
    CHARTS, Tone, fmt_amount, fmt_change, fmt_value as fmt, gap, scoreboard_outcomes,
};
use doc::{Block, Cell, Document, Row, Span};

/// One outcome row of the executive summary: the values per branch (and the baseline last),
/// and each branch's gap to the baseline (text, good or bad for civilians).
pub type SummaryRow = (Outcome, Vec<String>, Vec<(String, Tone)>);

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
    /// "What we don't know": which assumptions the teams' effect depends on most.
    pub uncertainty: Option<crate::sensitivity::PlanUncertainty>,
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
            uncertainty: None,
        })
    }

    /// Add "your plan against the frontier": explore the scenario's portfolios within budget
    /// (`runs` seeds each, `width` levers kept after screening) and score the current branch's
    /// decisions over the same seeds. Deterministic.
    pub fn with_frontier(mut self, runs: u64, width: usize) -> Report {
        let world = self.current();
        self.debrief = Some(crate::experiments::debrief(
            &self.session.scenario,
            &world.log,
            runs,
            width,
        ));
        self
    }

    /// Add "what we don't know": a Morris screening of the teams' effect (their decisions on
    /// the current branch against nobody acting) over the assumed parameters (MODEL.md §19).
    pub fn with_uncertainty(mut self, trajectories: usize, seeds: u64) -> Report {
        let world = self.current();
        self.uncertainty = Some(crate::sensitivity::plan_uncertainty(
            &self.session.scenario,
            &world.log,
            trajectories,
            seeds,
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
        self.session
            .scenario
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
        for o in key_first(
            &self.session.scenario.key_outcomes,
            &scoreboard_outcomes(&[&ours, &base]),
        ) {
            let (text, tone) = gap(o, ours[o], base[o]);
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
            if tone == Tone::Good {
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
        let mut text = format!(
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
        );
        if t.newcomers_blocked > 0 {
            text += &format!(
                " The registration screen turned away {} genuine newcomer(s).",
                t.newcomers_blocked
            );
        }
        if t.resurfaced > 0 {
            text += &format!(
                " {} old rumour(s) never removed were posted again after they had stopped spreading.",
                t.resurfaced
            );
        }
        text
    }

    /// Who was harmed and who is still in harm's way on the current branch, against nobody
    /// acting at the same turn: how a measure that moves people costs lives, if it does (on the
    /// way, or left behind), and the people still exposed when play stopped, who are not safe.
    pub fn harm_summary(&self) -> String {
        let w = self.current();
        let now = summary_at(&w.series, w.turn);
        let base = summary_at(&self.baseline.series, w.turn);
        let n = |v: f64| crate::view::fmt_value(Outcome::CiviliansHarmed, v);
        let pair = |o: Outcome| format!("{} (nobody acting: {})", n(now[o]), n(base[o]));
        let mut text = format!(
            "Who was harmed, and who is still at risk: {} people harmed",
            pair(Outcome::CiviliansHarmed)
        );
        let moved = now[Outcome::ReachedHaven] + base[Outcome::ReachedHaven] > 0.0
            || now[Outcome::HarmedInFlight] + base[Outcome::HarmedInFlight] > 0.0;
        if moved {
            text += &format!(
                "; {} of them on the way while fleeing; {} reached safety",
                pair(Outcome::HarmedInFlight),
                pair(Outcome::ReachedHaven)
            );
        }
        text += &format!(
            "; {} people still in harm's way when play stopped, each weighted by their district's \
             risk: they are not safe.",
            pair(Outcome::LeftAtRisk)
        );
        let worse = now[Outcome::CiviliansHarmed] - base[Outcome::CiviliansHarmed];
        if worse >= 1.0 {
            let rise = |o: Outcome| (now[o] - base[o]).max(0.0);
            let (flight, reprisals) = (
                rise(Outcome::HarmedInFlight),
                rise(Outcome::HarmedInReprisals),
            );
            let where_they_were = (worse - flight - reprisals).max(0.0);
            text += &format!(
                " The teams' measures cost {} more people than doing nothing: {} on the way, {} in \
                 reprisals between the communities, {} where they were (at home, sheltering, or \
                 displaced into a district or at a full camp's edge where violence found them).",
                n(worse),
                n(flight),
                n(reprisals),
                n(where_they_were)
            );
        }
        text
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
                    let spec = self.session.scenario.injects.iter().find(|i| i.seq == *seq);
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
                other => {
                    if let Some(text) = event_text(w, other) {
                        rows.push((*t, "event", String::new(), text));
                    }
                }
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
        key_first(&self.session.scenario.key_outcomes, &CHARTS)
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
                let spec = to_spec(c, &self.session.scenario);
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
        let mut values: Vec<Values> = self
            .branches
            .iter()
            .map(|w| summary_at(&w.series, w.turn))
            .collect();
        values.push(base);
        let shown = scoreboard_outcomes(&values.iter().collect::<Vec<_>>());
        let rows = key_first(&self.session.scenario.key_outcomes, &shown)
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
        let reviews = self.inject_review();
        self.session
            .scenario
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
        self.document().markdown()
    }

    /// Self-contained HTML with the charts (`svgs`) inline.
    pub fn html(&self, svgs: &[(Outcome, String)]) -> String {
        self.document().html(svgs)
    }

    /// The report's sections, once, for both renderings.
    pub fn document(&self) -> Document {
        let mut blocks = vec![Block::Heading("1. Overview".into())];
        blocks.push(self.overview());
        if !self.session.scenario.briefing.is_empty() {
            blocks.push(Block::Quote(self.session.scenario.briefing.clone()));
        }
        blocks.extend(self.executive_summary());
        blocks.push(Block::Heading(
            "3. Timeline of injects and decisions".into(),
        ));
        blocks.push(self.timeline_table());
        blocks.push(Block::Heading(
            "4. Injects: expected action against what the teams did".into(),
        ));
        blocks.push(self.inject_table());
        blocks.extend(self.objectives());
        blocks.extend(self.findings_blocks());
        blocks.extend(self.lessons_blocks());
        if self.debrief.is_some() {
            blocks.extend(self.frontier_blocks());
        }
        if self.uncertainty.is_some() {
            blocks.extend(self.uncertainty_blocks());
        }
        blocks.push(Block::Footer(
            "Model: Breakglass (see MODEL.md). Outcomes are a simulation, not a forecast.".into(),
        ));
        Document {
            title: format!("After-action report: {}", self.session.scenario.name),
            blocks,
        }
    }

    fn overview(&self) -> Block {
        let s = &self.session;
        let w = self.current();
        let teams: Vec<&str> = self.teams().iter().map(|t| t.title()).collect();
        Block::Fields(vec![
            (
                "Scenario".into(),
                format!("{} ({})", self.session.scenario.name, s.scenario_file),
            ),
            ("Exercise date".into(), s.started.clone()),
            ("Report written".into(), self.date.clone()),
            ("Seed".into(), s.seed.to_string()),
            ("Teams".into(), teams.join(", ")),
            (
                "Turns played".into(),
                format!("{} of {} ({} h each)", w.turn, w.turns(), w.spec.turn_hours),
            ),
            ("Branches".into(), s.branches.len().to_string()),
        ])
    }

    fn executive_summary(&self) -> Vec<Block> {
        let (mut header, rows) = self.summary_rows();
        header.push("gap".into());
        let rows = rows
            .into_iter()
            .map(|(o, cells, gaps)| {
                let mut row = vec![Cell::text(o.name())];
                row.extend(cells.into_iter().map(Cell::num));
                let mut spans = Vec::new();
                for (i, (text, tone)) in gaps.into_iter().enumerate() {
                    if i > 0 {
                        spans.push(Span::plain(" / "));
                    }
                    spans.push(Span::toned(text, tone));
                }
                row.push(Cell::spans(spans));
                Row::new(row)
            })
            .collect();
        vec![
            Block::Heading("2. Executive summary".into()),
            Block::Paragraph(vec![Span::plain(
                "Outcomes at the end of play on each branch, against the same world with nobody \
                 acting (same scenario, same seed). Gaps are for the branch against the baseline \
                 at the same turn.",
            )]),
            Block::Table { header, rows },
            Block::Paragraph(vec![Span::plain(self.harm_summary())]),
            Block::Paragraph(vec![Span::plain(self.moderation_summary())]),
            Block::Paragraph(vec![Span::plain(self.adversary_summary())]),
            Block::Charts(self.charted()),
        ]
    }

    fn timeline_table(&self) -> Block {
        let rows = self
            .timeline()
            .into_iter()
            .map(|(t, kind, who, text)| Row {
                class: Some(kind),
                cells: vec![
                    Cell::num(t.to_string()),
                    Cell::text(kind),
                    Cell::text(who),
                    Cell::text(text),
                ],
            })
            .collect();
        Block::Table {
            header: ["turn", "what", "who", ""].map(String::from).to_vec(),
            rows,
        }
    }

    fn inject_table(&self) -> Block {
        let rows = self
            .inject_review()
            .into_iter()
            .map(|r| {
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
                let did = if r.decisions_after.is_empty() {
                    "no decision within two turns".to_string()
                } else {
                    r.decisions_after.join("; ")
                };
                Row::new(vec![
                    Cell::num(r.seq.to_string()),
                    Cell::text(fired),
                    Cell::text(r.to),
                    Cell::text(r.description),
                    Cell::text(r.expected),
                    Cell::text(did),
                    Cell::text(met).class(class),
                ])
            })
            .collect();
        Block::Table {
            header: [
                "#",
                "fired",
                "to",
                "inject",
                "expected action",
                "what the teams did",
                "met",
            ]
            .map(String::from)
            .to_vec(),
            rows,
        }
    }

    fn objectives(&self) -> Vec<Block> {
        let mut legend = vec![Span::plain("Ratings: ")];
        for (i, (k, v)) in RATINGS.iter().enumerate() {
            if i > 0 {
                legend.push(Span::plain(", "));
            }
            legend.push(Span::strong(*k));
            legend.push(Span::plain(format!(" {v}")));
        }
        legend.push(Span::plain("."));
        let rows = self
            .objective_rows()
            .into_iter()
            .map(|r| {
                Row::new(vec![
                    Cell::text(r.objective),
                    Cell::text(r.injects),
                    Cell::text(format!("{} of {}", r.met, r.measurable)),
                    Cell::text(r.rating).class("rating"),
                    Cell::text(r.comment),
                ])
            })
            .collect();
        vec![
            Block::Heading("5. Objectives and ratings".into()),
            Block::Paragraph(legend),
            Block::Table {
                header: [
                    "objective",
                    "injects",
                    "expected actions met",
                    "rating",
                    "comment",
                ]
                .map(String::from)
                .to_vec(),
                rows,
            },
        ]
    }

    fn findings_blocks(&self) -> Vec<Block> {
        let (strengths, areas) = self.findings();
        let list = |fs: &[Finding]| {
            if fs.is_empty() {
                vec!["None stood out against the baseline.".to_string()]
            } else {
                fs.iter().map(|f| f.text.clone()).collect()
            }
        };
        let plan = areas
            .iter()
            .enumerate()
            .map(|(i, f)| {
                Row::new(vec![
                    Cell::num((i + 1).to_string()),
                    Cell::text(f.text.clone()),
                    Cell::text(f.action.clone()),
                    Cell::text(f.owner.title()),
                    Cell::text("before the next exercise"),
                ])
            })
            .collect();
        vec![
            Block::Heading("6. Strengths".into()),
            Block::List(list(&strengths)),
            Block::Heading("7. Areas for improvement".into()),
            Block::List(list(&areas)),
            Block::Heading("8. Improvement plan".into()),
            Block::Table {
                header: ["#", "issue", "corrective action", "owner", "due"]
                    .map(String::from)
                    .to_vec(),
                rows: plan,
            },
        ]
    }

    /// The lessons (`breakglass lessons`, MODEL.md §14) whose levers the teams used on the
    /// current branch: what the model says those tools teach, with the experiment behind it.
    fn lessons_blocks(&self) -> Vec<Block> {
        let touched = crate::lessons::touched(&self.current().log);
        if touched.is_empty() {
            return Vec::new();
        }
        vec![
            Block::Heading("Lessons the play touched".into()),
            Block::Paragraph(vec![Span::plain(
                "The teams used tools these lessons are about; each is an experiment \
                 `breakglass lessons` runs on the scenario library (MODEL.md §14).",
            )]),
            Block::List(
                touched
                    .iter()
                    .map(|l| {
                        format!(
                            "{} Source: {}. Experiment: {}.",
                            l.lesson, l.source, l.experiment
                        )
                    })
                    .collect(),
            ),
        ]
    }

    fn uncertainty_blocks(&self) -> Vec<Block> {
        let Some(u) = &self.uncertainty else {
            return Vec::new();
        };
        let number = if self.debrief.is_some() { 10 } else { 9 };
        let rows = u
            .outcomes
            .iter()
            .map(|e| {
                let o = e.outcome;
                let spans = e
                    .top
                    .iter()
                    .enumerate()
                    .flat_map(|(i, (name, mu))| {
                        let sep = if i > 0 { ", " } else { "" };
                        [
                            Span::plain(sep),
                            Span::code(*name),
                            Span::plain(format!(" ({})", fmt_amount(o, *mu))),
                        ]
                    })
                    .collect();
                Row::new(vec![
                    Cell::text(o.name()),
                    Cell::num(fmt_change(o, e.at_defaults)),
                    Cell::num(format!(
                        "{} to {}",
                        fmt_change(o, e.lowest),
                        fmt_change(o, e.highest)
                    )),
                    Cell::spans(spans),
                ])
            })
            .collect();
        vec![
            Block::Heading(format!("{number}. What we don't know")),
            Block::Paragraph(vec![Span::plain(format!(
                "The teams' effect (their decisions against nobody acting, on the same world) when \
                 the model's assumed parameters move over the ranges MODEL.md §19 states: Morris \
                 screening, {} trajectories, {} seed(s). \"Over the assumptions\" is the effect's \
                 lowest and highest over the sampled points: where it changes sign, the \
                 direction of the result rests on assumptions, not on the decisions. In \
                 brackets, how much the effect moves when that assumption alone goes from the \
                 low to the high end of its range (μ*).",
                u.trajectories, u.seeds
            ))]),
            Block::Table {
                header: vec![
                    "outcome".into(),
                    "the teams' effect".into(),
                    "over the assumptions".into(),
                    "the three assumptions that matter most".into(),
                ],
                rows,
            },
        ]
    }

    fn frontier_blocks(&self) -> Vec<Block> {
        let Some(d) = &self.debrief else {
            return Vec::new();
        };
        let rows = d
            .rows()
            .into_iter()
            .map(|(name, g, c, ours)| {
                let name = if ours {
                    Cell::spans(vec![Span::strong(name)])
                } else {
                    Cell::text(name)
                };
                Row::new(vec![
                    name,
                    Cell::num(format!("{g:+.1}%")),
                    Cell::num(format!("{c:.1}%")),
                ])
            })
            .collect();
        vec![
            Block::Heading("9. Your plan against the frontier".into()),
            Block::Paragraph(vec![
                Span::plain("Portfolios of levers within the teams' budgets, searched by "),
                Span::code("breakglass explore"),
                Span::plain(format!(
                    " for the scenario's key outcome ({}), against doing nothing over {} seeds; \
                     cost to civilians = mean loss of warning reach, credible information, \
                     protection, communication capacity, evidence and legitimate posts.",
                    d.key.name(),
                    d.runs
                )),
            ]),
            Block::Table {
                header: vec![
                    "portfolio".into(),
                    d.key.name().into(),
                    "cost to civilians".into(),
                ],
                rows,
            },
            Block::Paragraph(vec![Span::plain(d.verdict())]),
        ]
    }
}

fn team_of(id: &str) -> Team {
    Team::from_id(id).unwrap_or(Team::Facilitator)
}

/// A world event as the report's timeline writes it (None: not on the timeline).
fn event_text(w: &World, h: &Happening) -> Option<String> {
    let place = |d: &u16| &w.region.districts[*d as usize].name;
    Some(match h {
        Happening::Attacks {
            district,
            attacks,
            harmed,
        } => format!(
            "{attacks} attack(s) in {}: {harmed:.0} harmed",
            place(district)
        ),
        Happening::Detentions { district, people } => {
            format!("{people:.0} detained in raids in {}", place(district))
        }
        Happening::Reprisals {
            district,
            attacks,
            harmed,
        } => format!(
            "{attacks} reprisal attack(s) in {}: {harmed:.0} harmed",
            place(district)
        ),
        Happening::HavenFull { district } => format!(
            "{} is full: people who still arrive stay at its edge, exposed",
            place(district)
        ),
        Happening::RumoursResurfaced {
            count,
            district,
            first_seen,
        } => format!(
            "{count} old rumour(s) posted again, most about {}; the oldest first seen at T{first_seen}",
            place(district)
        ),
        Happening::PeacekeepersArrived { district, turns } => format!(
            "peacekeepers deployed to {} for {turns} turn(s)",
            place(district)
        ),
        Happening::ShutdownStarted { district, turns } => format!(
            "internet shut down in {} for {turns} turn(s)",
            place(district)
        ),
        Happening::ShellingStarted { district, turns } => format!(
            "shelling of {} for {turns} turn(s): it harms whoever is still there",
            place(district)
        ),
        Happening::EffortShifted { from, to, points } => format!(
            "the organisation moved {points:.0} points of its effort out of {} (most into {})",
            from.title(),
            to.title()
        ),
        Happening::Retaliation { district } => {
            format!("government retaliation: shutdown in {}", place(district))
        }
        Happening::Flooding { posts, turns } => {
            format!("fake accounts flood feeds: {posts:.0} posts each a turn for {turns} turn(s)")
        }
        _ => return None,
    })
}
