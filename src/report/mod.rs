//! The after-action report (AAR/IP, after HSEEP): overview, executive summary against the
//! do-nothing baseline and across branches, timeline of injects and decisions with rationale,
//! each inject's expected action against what the teams did, objective ratings (P/S/M/U),
//! strengths, areas for improvement and an improvement plan. Written as `report.md`,
//! `report.html` (self-contained, charts inline), `timeline.csv`, `decisions.csv` and chart PNGs.

pub mod charts;
pub mod doc;

use std::path::{Path, PathBuf};

use crate::scenario::plan::to_spec;
use crate::session::{RATINGS, SessionError, SessionFile};
use crate::sim::command::Action;
use crate::sim::interventions::{CATALOG, Team};
use crate::sim::metrics::{Outcome, Values, key_first, summarise};
use crate::sim::{Happening, World};
use crate::view::{
    CHARTS, I18n, Tone, fmt_amount, fmt_change, fmt_value as fmt, gap, scoreboard_outcomes, words,
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
    /// The report's language (English unless `in_language` chose another).
    pub tr: I18n,
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
            tr: I18n::load(),
        })
    }

    /// Write the report in language `code` (one the translation catalog has: en, fr); an
    /// unknown code changes nothing.
    pub fn set_language(&mut self, code: &str) -> Result<(), String> {
        if self.tr.set_language(code) {
            Ok(())
        } else {
            Err(format!(
                "--language {code}: the report can be written in {}",
                self.tr.codes().join(", ")
            ))
        }
    }

    /// `key` from the translation catalog, in the report's language.
    fn t(&self, key: &str) -> String {
        self.tr.t(&format!("report.{key}"))
    }

    /// `key` with its `{name}`s filled in.
    fn f(&self, key: &str, args: &[(&str, String)]) -> String {
        self.tr.f(&format!("report.{key}"), args)
    }

    /// A team's name in the report's language.
    fn team(&self, team: Team) -> String {
        self.tr.t(&format!("team.{}", team.id()))
    }

    /// A team's name from its id (as injects name their recipient; "all" too).
    fn team_id(&self, id: &str) -> String {
        self.tr.or(&format!("team.{id}"), id)
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

    /// A command in words, in the report's language.
    pub fn describe(&self, world: &World, action: &Action) -> String {
        words::action(&self.tr, &self.session.scenario, world, action)
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
                            self.f(
                                "decision_after",
                                &[
                                    ("turn", c.turn.to_string()),
                                    ("team", self.team(c.team)),
                                    ("what", self.describe(w, &c.action)),
                                ],
                            )
                        })
                        .collect(),
                    None => Vec::new(),
                };
                let (description, expected) = self.session.scenario.inject_in(self.tr.code(), spec);
                InjectReview {
                    seq: spec.seq,
                    fired: state.fired_turn,
                    skipped: state.skipped,
                    to: spec.to.clone(),
                    description: description.to_string(),
                    expected: expected.to_string(),
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
            let finding = self.f(
                "finding.outcome",
                &[
                    ("outcome", self.tr.outcome(o)),
                    ("ours", fmt(o, ours[o])),
                    ("base", fmt(o, base[o])),
                    ("gap", text),
                ],
            );
            if tone == Tone::Good {
                strengths.push(Finding {
                    text: finding,
                    owner: Team::Facilitator,
                    action: String::new(),
                });
            } else {
                let (owner, action) = match o.family() {
                    crate::sim::metrics::Family::Cost => {
                        (Team::CrisisLeadership, self.t("finding.cost_action"))
                    }
                    _ => (Team::Platform, self.t("finding.tool_action")),
                };
                areas.push(Finding {
                    text: finding,
                    owner,
                    action,
                });
            }
        }
        self.inject_findings(&mut strengths, &mut areas);
        (strengths, areas)
    }

    /// Each fired inject's expected action: a strength when taken within a turn, an area for
    /// improvement when late or not taken.
    fn inject_findings(&self, strengths: &mut Vec<Finding>, areas: &mut Vec<Finding>) {
        for r in self.inject_review() {
            let about = [("seq", r.seq.to_string()), ("expected", r.expected.clone())];
            match (r.fired, r.action_turn) {
                (Some(f), Some(Some(t))) if t <= f + 1 => strengths.push(Finding {
                    text: self.f("finding.in_time", &about),
                    owner: Team::Facilitator,
                    action: String::new(),
                }),
                (Some(f), Some(Some(t))) => areas.push(Finding {
                    text: self.f(
                        "finding.late",
                        &[
                            about[0].clone(),
                            about[1].clone(),
                            ("turns", (t - f).to_string()),
                        ],
                    ),
                    owner: team_of(&r.to),
                    action: self.t("finding.late_action"),
                }),
                (Some(_), Some(None)) => areas.push(Finding {
                    text: self.f("finding.missed", &about),
                    owner: team_of(&r.to),
                    action: self.f("finding.missed_action", &about[1..]),
                }),
                _ => {}
            }
        }
    }

    /// What the platform's classifiers got right and wrong on the current branch: harmful posts
    /// flagged and missed, removed within the hour, and legitimate posts mistaken for harm by kind.
    pub fn moderation_summary(&self) -> String {
        use crate::sim::content::Kind;
        let t = &self.current().totals;
        let share = |a: u64, b: u64| format!("{:.0}", 100.0 * a as f64 / b.max(1) as f64);
        let mistaken: Vec<String> = Kind::ALL
            .iter()
            .filter(|k| !k.is_harmful() && t.legit_flagged[**k as usize] > 0)
            .map(|k| {
                self.f(
                    "moderation.kind",
                    &[
                        ("flagged", t.legit_flagged[*k as usize].to_string()),
                        ("kind", self.tr.t(&format!("content.{}", k.id()))),
                        ("removed", t.legit_removed_kind[*k as usize].to_string()),
                    ],
                )
            })
            .collect();
        let mut text = self.f(
            "moderation.text",
            &[
                ("flagged", share(t.harmful_flagged, t.harmful_posts)),
                ("posts", t.harmful_posts.to_string()),
                (
                    "missed",
                    t.harmful_posts
                        .saturating_sub(t.harmful_flagged)
                        .to_string(),
                ),
                ("hour", share(t.removed_within_hour, t.harmful_posts)),
                (
                    "mistaken",
                    if mistaken.is_empty() {
                        self.t("moderation.none")
                    } else {
                        mistaken.join(", ")
                    },
                ),
                ("bans", t.wrongful_bans.to_string()),
            ],
        );
        if t.newcomers_blocked > 0 {
            text += &self.f(
                "moderation.newcomers",
                &[("count", t.newcomers_blocked.to_string())],
            );
        }
        if t.resurfaced > 0 {
            text += &self.f(
                "moderation.resurfaced",
                &[("count", t.resurfaced.to_string())],
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
        let pair = |o: Outcome| self.f("harm.pair", &[("ours", n(now[o])), ("base", n(base[o]))]);
        let mut text = self.f("harm.harmed", &[("harmed", pair(Outcome::CiviliansHarmed))]);
        let moved = now[Outcome::ReachedHaven] + base[Outcome::ReachedHaven] > 0.0
            || now[Outcome::HarmedInFlight] + base[Outcome::HarmedInFlight] > 0.0;
        if moved {
            text += &self.f(
                "harm.moved",
                &[
                    ("flight", pair(Outcome::HarmedInFlight)),
                    ("haven", pair(Outcome::ReachedHaven)),
                ],
            );
        }
        text += &self.f("harm.left", &[("left", pair(Outcome::LeftAtRisk))]);
        let worse = now[Outcome::CiviliansHarmed] - base[Outcome::CiviliansHarmed];
        if worse >= 1.0 {
            let rise = |o: Outcome| (now[o] - base[o]).max(0.0);
            let (flight, reprisals) = (
                rise(Outcome::HarmedInFlight),
                rise(Outcome::HarmedInReprisals),
            );
            let where_they_were = (worse - flight - reprisals).max(0.0);
            text += &self.f(
                "harm.worse",
                &[
                    ("worse", n(worse)),
                    ("flight", n(flight)),
                    ("reprisals", n(reprisals)),
                    ("there", n(where_they_were)),
                ],
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
            return self.t("adversary.kept");
        }
        let pct = |c: Channel| format!("{:.0}", 100.0 * e.share[c as usize]);
        let habit = |c: Channel| format!("{:.0}", 100.0 * e.habit[c as usize]);
        let channel = |c: Channel| self.tr.t(&format!("channel.{}", c.id()));
        self.f(
            "adversary.moved",
            &[
                ("points", format!("{:.0}", -e.shift(from))),
                ("from", channel(from)),
                ("from_share", pct(from)),
                ("from_habit", habit(from)),
                ("to", channel(to)),
                ("to_share", pct(to)),
                ("to_habit", habit(to)),
            ],
        )
    }

    /// Rows of the timeline: (turn, what, who, text); `what` is inject, decision, note or event.
    pub fn timeline(&self) -> Vec<(u32, &'static str, String, String)> {
        let w = self.current();
        let b = self.session.current;
        let scenario = &self.session.scenario;
        let mut rows: Vec<(u32, &'static str, String, String)> = Vec::new();
        for (t, h) in &w.happenings {
            match h {
                Happening::InjectFired { seq } => {
                    let spec = scenario.injects.iter().find(|i| i.seq == *seq);
                    rows.push((
                        *t,
                        "inject",
                        spec.map_or(String::new(), |s| {
                            format!("{} → {}", self.team_id(&s.from), self.team_id(&s.to))
                        }),
                        self.tr.f(
                            "words.inject",
                            &[
                                ("seq", seq.to_string()),
                                ("text", words::inject_text(&self.tr, scenario, *seq)),
                            ],
                        ),
                    ));
                }
                Happening::AdHocInject { .. } => rows.push((
                    *t,
                    "inject",
                    self.team(Team::Facilitator),
                    words::happening(&self.tr, scenario, w, h),
                )),
                other if on_timeline(other) => rows.push((
                    *t,
                    "event",
                    String::new(),
                    words::happening(&self.tr, scenario, w, other),
                )),
                _ => {}
            }
        }
        for c in w.log.iter().filter(|c| c.team != Team::Perpetrators) {
            let mut text = self.describe(w, &c.action);
            if !c.rationale.is_empty() {
                text += &self.f("rationale", &[("text", c.rationale.clone())]);
            }
            rows.push((c.turn, "decision", self.team(c.team), text));
        }
        // Red moves, whoever chose them (players' are in the log too), with their reasons.
        for p in &w.red.moves {
            let mut text = words::red_move(&self.tr, w, p.mv, &p.params, &p.target);
            if !p.reason.is_empty() {
                let reason = words::red_reason(&self.tr, &p.reason);
                text += &self.f("rationale", &[("text", reason)]);
            }
            let who = if p.automatic {
                self.t("red_automatic")
            } else {
                self.team(Team::Perpetrators)
            };
            rows.push((p.turn, "red", who, text));
        }
        for n in self.session.notes.iter().filter(|n| n.branch == b) {
            let who = if n.author.is_empty() {
                self.team(Team::Facilitator)
            } else {
                n.author.clone()
            };
            let text = if n.about.is_empty() {
                n.text.clone()
            } else {
                self.f(
                    "note_about",
                    &[("about", n.about.clone()), ("text", n.text.clone())],
                )
            };
            rows.push((n.turn, "note", who, text));
        }
        // By turn; within a turn: injects, decisions, notes, then events (stable).
        let order = |k: &str| match k {
            "inject" => 0,
            "red" => 1,
            "decision" => 2,
            "note" => 3,
            _ => 4,
        };
        rows.sort_by_key(|r| (r.0, order(r.1)));
        rows
    }

    /// Each red move with what it routed around (levers in force when it took effect) and how
    /// long the platform took to answer it (the first lever enabled that answers the move, by a
    /// team, at or after the turn it took effect): (move, routed around, answer).
    pub fn red_review(&self) -> Vec<RedReview> {
        use crate::sim::red::MOVES;
        let w = self.current();
        let name = |id: &str| {
            crate::sim::interventions::index_of(id)
                .map_or(id.to_string(), |e| self.tr.entry_name(&CATALOG[e]))
        };
        let mut out: Vec<RedReview> = Vec::new();
        for p in &w.red.moves {
            let in_force = |id: &str| {
                let Some(e) = crate::sim::interventions::index_of(id) else {
                    return false;
                };
                w.log
                    .iter()
                    .rev()
                    .filter(|c| c.turn <= p.effective)
                    .find_map(|c| match c.action {
                        Action::Enable { entry, .. } if entry == e => Some(true),
                        Action::Disable { entry } if entry == e => Some(false),
                        _ => None,
                    })
                    == Some(true)
                    || self.session.scenario.prepared.iter().any(|x| x.id == id)
            };
            let around: Vec<String> = p
                .routes_around()
                .iter()
                .filter(|id| in_force(id))
                .map(|id| name(id))
                .collect();
            let answer = w.log.iter().find_map(|c| match c.action {
                Action::Enable { entry, .. }
                    if c.team != Team::Perpetrators
                        && c.turn >= p.effective
                        && MOVES[p.mv].answered_by.contains(&CATALOG[entry].id) =>
                {
                    Some((c.turn, name(CATALOG[entry].id)))
                }
                _ => None,
            });
            let row = RedReview {
                turn: p.turn,
                last_turn: p.turn,
                moves: 1,
                automatic: p.automatic,
                what: words::red_move(&self.tr, w, p.mv, &p.params, &p.target),
                routed_around: around,
                answered: answer.map(|(t, lever)| (t, t - p.effective, lever)),
            };
            // The same move renewed turn after turn (the automatic adversary's coded language)
            // is one row with its span.
            match out.last_mut() {
                Some(prev) if prev.continued_by(&row) => {
                    prev.last_turn = row.turn;
                    prev.moves += 1;
                }
                _ => out.push(row),
            }
        }
        out
    }

    /// The red table's rows: turn, who, move, what it routed around, the platform's answer.
    fn red_rows(&self, review: &[RedReview]) -> Vec<Row> {
        review
            .iter()
            .map(|r| {
                let cells: Vec<String> = vec![
                    if r.last_turn > r.turn {
                        format!("{}–{}", r.turn, r.last_turn)
                    } else {
                        r.turn.to_string()
                    },
                    if r.automatic {
                        self.t("red_automatic")
                    } else {
                        self.team(Team::Perpetrators)
                    },
                    r.what.clone(),
                    if r.routed_around.is_empty() {
                        "—".into()
                    } else {
                        r.routed_around.join(", ")
                    },
                    match &r.answered {
                        Some((t, after, lever)) => self.f(
                            "red_answered",
                            &[
                                ("lever", lever.clone()),
                                ("turn", t.to_string()),
                                ("after", after.to_string()),
                            ],
                        ),
                        None => self.t("red_unanswered"),
                    },
                ];
                Row::new(cells.into_iter().map(Cell::text).collect())
            })
            .collect()
    }

    fn red_blocks(&self) -> Vec<Block> {
        let review = self.red_review();
        if review.is_empty() {
            return Vec::new();
        }
        let rows = self.red_rows(&review);
        // Counted by move (a renewed move's row counts each time it was played).
        let answered: Vec<u32> = review
            .iter()
            .filter_map(|r| r.answered.as_ref().map(|a| (a.1, r.moves)))
            .flat_map(|(after, n)| std::iter::repeat_n(after, n as usize))
            .collect();
        let mut blocks = vec![Block::Heading(self.t("h.red"))];
        blocks.push(Block::Paragraph(vec![Span::plain(
            self.f(
                "red_summary",
                &[
                    (
                        "moves",
                        review.iter().map(|r| r.moves).sum::<u32>().to_string(),
                    ),
                    (
                        "players",
                        review
                            .iter()
                            .filter(|r| !r.automatic)
                            .map(|r| r.moves)
                            .sum::<u32>()
                            .to_string(),
                    ),
                    (
                        "auto",
                        review
                            .iter()
                            .filter(|r| r.automatic)
                            .map(|r| r.moves)
                            .sum::<u32>()
                            .to_string(),
                    ),
                    ("answered", answered.len().to_string()),
                    (
                        "mean",
                        if answered.is_empty() {
                            "—".into()
                        } else {
                            format!(
                                "{:.1}",
                                answered.iter().sum::<u32>() as f64 / answered.len() as f64
                            )
                        },
                    ),
                    (
                        "around",
                        review
                            .iter()
                            .filter(|r| !r.routed_around.is_empty())
                            .map(|r| r.moves)
                            .sum::<u32>()
                            .to_string(),
                    ),
                ],
            ),
        )]));
        blocks.push(Block::Table {
            header: [
                "red_turn",
                "red_who",
                "red_move",
                "red_around",
                "red_answer",
            ]
            .iter()
            .map(|k| self.t(&format!("col.{k}")))
            .collect(),
            rows,
        });
        blocks
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
                    .or(spec.red.clone())
                    .unwrap_or_default();
                let params: Vec<String> = spec
                    .params
                    .iter()
                    .map(|(k, v)| format!("{k}={v}"))
                    .collect();
                w.write_record([
                    words::branch(&self.tr, &self.session, b),
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
        let mut header = vec![self.t("col.outcome")];
        for b in 0..self.session.branches.len() {
            header.push(words::branch(&self.tr, &self.session, b));
        }
        header.push(self.t("col.baseline"));
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
                    (None, Some(r)) => self.f("by_evaluator", &[("rating", r.rating.clone())]),
                    (None, None) => self.t("not_rated"),
                };
                let mut comment = facilitator.map_or(String::new(), |r| r.comment.clone());
                if let Some(r) =
                    evaluator.filter(|e| facilitator.is_some() || !e.comment.is_empty())
                {
                    if !comment.is_empty() {
                        comment.push_str(" · ");
                    }
                    comment.push_str(&self.f("evaluator_said", &[("rating", r.rating.clone())]));
                    if !r.comment.is_empty() {
                        comment.push_str(&format!(" ({})", r.comment));
                    }
                }
                ObjectiveRow {
                    objective: format!(
                        "{}: {}",
                        o.id,
                        self.session.scenario.objective_in(self.tr.code(), o)
                    ),
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
        self.document().html_in(svgs, self.tr.code())
    }

    /// The report's sections, once, for both renderings.
    pub fn document(&self) -> Document {
        let mut blocks = vec![Block::Heading(self.t("h.overview"))];
        blocks.push(self.overview());
        let briefing = self.tr.briefing(&self.session.scenario);
        if !briefing.is_empty() {
            blocks.push(Block::Quote(briefing));
        }
        blocks.extend(self.executive_summary());
        blocks.push(Block::Heading(self.t("h.timeline")));
        blocks.push(self.timeline_table());
        blocks.extend(self.red_blocks());
        blocks.push(Block::Heading(self.t("h.injects")));
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
        blocks.push(Block::Footer(self.t("footer")));
        Document {
            title: self.f(
                "title",
                &[("name", self.tr.scenario_name(&self.session.scenario))],
            ),
            blocks,
        }
    }

    fn overview(&self) -> Block {
        let s = &self.session;
        let w = self.current();
        let teams: Vec<String> = self.teams().into_iter().map(|t| self.team(t)).collect();
        Block::Fields(vec![
            (
                self.t("field.scenario"),
                format!(
                    "{} ({})",
                    self.tr.scenario_name(&self.session.scenario),
                    s.scenario_file
                ),
            ),
            (self.t("field.date"), s.started.clone()),
            (self.t("field.written"), self.date.clone()),
            (self.t("field.seed"), s.seed.to_string()),
            (self.t("field.teams"), teams.join(", ")),
            (
                self.t("field.turns"),
                self.f(
                    "field.turns_value",
                    &[
                        ("turn", w.turn.to_string()),
                        ("turns", w.turns().to_string()),
                        ("hours", w.spec.turn_hours.to_string()),
                    ],
                ),
            ),
            (self.t("field.branches"), s.branches.len().to_string()),
        ])
    }

    fn executive_summary(&self) -> Vec<Block> {
        let (mut header, rows) = self.summary_rows();
        header.push(self.t("col.gap"));
        let rows = rows
            .into_iter()
            .map(|(o, cells, gaps)| {
                let mut row = vec![Cell::text(self.tr.outcome(o))];
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
            Block::Heading(self.t("h.summary")),
            Block::Paragraph(vec![Span::plain(self.t("summary.intro"))]),
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
                    Cell::text(self.t(&format!("kind.{kind}"))),
                    Cell::text(who),
                    Cell::text(text),
                ],
            })
            .collect();
        Block::Table {
            header: vec![
                self.t("col.turn"),
                self.t("col.what"),
                self.t("col.who"),
                String::new(),
            ],
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
                    (None, true) => self.t("inject.skipped"),
                    (None, false) => self.t("inject.not_reached"),
                };
                let (met, class) = match r.action_turn {
                    Some(Some(t)) => (self.f("inject.met", &[("turn", t.to_string())]), "good"),
                    Some(None) => (self.t("inject.not_met"), "bad"),
                    None => ("—".into(), "same"),
                };
                let did = if r.decisions_after.is_empty() {
                    self.t("inject.no_decision")
                } else {
                    r.decisions_after.join("; ")
                };
                Row::new(vec![
                    Cell::num(r.seq.to_string()),
                    Cell::text(fired),
                    Cell::text(self.team_id(&r.to)),
                    Cell::text(r.description),
                    Cell::text(r.expected),
                    Cell::text(did),
                    Cell::text(met).class(class),
                ])
            })
            .collect();
        Block::Table {
            header: ["#", "fired", "to", "inject", "expected", "did", "met"]
                .map(|k| self.t(&format!("col.inject.{k}")))
                .to_vec(),
            rows,
        }
    }

    fn objectives(&self) -> Vec<Block> {
        let mut legend = vec![Span::plain(self.t("ratings"))];
        for (i, (k, _)) in RATINGS.iter().enumerate() {
            if i > 0 {
                legend.push(Span::plain(", "));
            }
            legend.push(Span::strong(*k));
            let meaning = self.tr.t(&format!("handbook.rating.{}", k.to_lowercase()));
            legend.push(Span::plain(format!(" {meaning}")));
        }
        legend.push(Span::plain("."));
        let rows = self
            .objective_rows()
            .into_iter()
            .map(|r| {
                Row::new(vec![
                    Cell::text(r.objective),
                    Cell::text(r.injects),
                    Cell::text(self.f(
                        "met_of",
                        &[("met", r.met.to_string()), ("of", r.measurable.to_string())],
                    )),
                    Cell::text(r.rating).class("rating"),
                    Cell::text(r.comment),
                ])
            })
            .collect();
        vec![
            Block::Heading(self.t("h.objectives")),
            Block::Paragraph(legend),
            Block::Table {
                header: ["objective", "injects", "met", "rating", "comment"]
                    .map(|k| self.t(&format!("col.objective.{k}")))
                    .to_vec(),
                rows,
            },
        ]
    }

    fn findings_blocks(&self) -> Vec<Block> {
        let (strengths, areas) = self.findings();
        let list = |fs: &[Finding]| {
            if fs.is_empty() {
                vec![self.t("none_stood_out")]
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
                    Cell::text(self.team(f.owner)),
                    Cell::text(self.t("before_next")),
                ])
            })
            .collect();
        vec![
            Block::Heading(self.t("h.strengths")),
            Block::List(list(&strengths)),
            Block::Heading(self.t("h.areas")),
            Block::List(list(&areas)),
            Block::Heading(self.t("h.plan")),
            Block::Table {
                header: ["#", "issue", "action", "owner", "due"]
                    .map(|k| self.t(&format!("col.plan.{k}")))
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
            Block::Heading(self.t("h.lessons")),
            Block::Paragraph(vec![Span::plain(self.t("lessons.intro"))]),
            Block::List(
                touched
                    .iter()
                    .map(|l| {
                        let text = |field: &str, english: &str| {
                            self.tr.or(&format!("lesson.{}.{field}", l.id), english)
                        };
                        self.f(
                            "lessons.item",
                            &[
                                ("lesson", text("lesson", l.lesson)),
                                ("source", text("source", l.source)),
                                ("experiment", text("experiment", l.experiment)),
                            ],
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
                    Cell::text(self.tr.outcome(o)),
                    Cell::num(fmt_change(o, e.at_defaults)),
                    Cell::num(self.f(
                        "range",
                        &[
                            ("low", fmt_change(o, e.lowest)),
                            ("high", fmt_change(o, e.highest)),
                        ],
                    )),
                    Cell::spans(spans),
                ])
            })
            .collect();
        vec![
            Block::Heading(self.f("h.unknown", &[("number", number.to_string())])),
            Block::Paragraph(vec![Span::plain(self.f(
                "unknown.intro",
                &[
                    ("trajectories", u.trajectories.to_string()),
                    ("seeds", u.seeds.to_string()),
                ],
            ))]),
            Block::Table {
                header: ["outcome", "effect", "over", "top"]
                    .map(|k| self.t(&format!("col.unknown.{k}")))
                    .to_vec(),
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
            .map(|(levers, g, c)| {
                let name = match levers {
                    None => Cell::spans(vec![Span::strong(self.t("frontier.plan"))]),
                    Some([]) => Cell::text(self.t("frontier.nothing")),
                    Some(ids) => Cell::text(
                        ids.iter()
                            .filter_map(|id| crate::sim::interventions::entry(id))
                            .map(|e| self.tr.entry_name(e))
                            .collect::<Vec<_>>()
                            .join(", "),
                    ),
                };
                Row::new(vec![
                    name,
                    Cell::num(format!("{g:+.1}%")),
                    Cell::num(format!("{c:.1}%")),
                ])
            })
            .collect();
        vec![
            Block::Heading(self.t("h.frontier")),
            Block::Paragraph(vec![
                Span::plain(self.t("frontier.searched")),
                Span::code("breakglass explore"),
                Span::plain(self.f(
                    "frontier.intro",
                    &[
                        ("key", self.tr.outcome(d.key)),
                        ("runs", d.runs.to_string()),
                    ],
                )),
            ]),
            Block::Table {
                header: vec![
                    self.t("col.portfolio"),
                    self.tr.outcome(d.key),
                    self.t("col.cost"),
                ],
                rows,
            },
            Block::Paragraph(vec![Span::plain(match d.dominated_by() {
                0 => self.t("frontier.on"),
                n => self.f("frontier.dominated", &[("n", n.to_string())]),
            })]),
        ]
    }
}

fn team_of(id: &str) -> Team {
    Team::from_id(id).unwrap_or(Team::Facilitator)
}

/// The world events the report's timeline shows (the rest is bookkeeping the log keeps).
fn on_timeline(h: &Happening) -> bool {
    matches!(
        h,
        Happening::Attacks { .. }
            | Happening::Detentions { .. }
            | Happening::Reprisals { .. }
            | Happening::HavenFull { .. }
            | Happening::RumoursResurfaced { .. }
            | Happening::PeacekeepersArrived { .. }
            | Happening::ShutdownStarted { .. }
            | Happening::ShellingStarted { .. }
            | Happening::EffortShifted { .. }
            | Happening::Retaliation { .. }
            | Happening::Flooding { .. }
    )
}

/// A red move in the debrief: what it was, what it routed around, when the platform answered.
#[derive(Debug, Clone, PartialEq)]
pub struct RedReview {
    /// The turn it was played (the first, for a move renewed turn after turn).
    pub turn: u32,
    /// The last turn it was renewed, and how many times it was played in all.
    pub last_turn: u32,
    pub moves: u32,
    pub automatic: bool,
    pub what: String,
    /// Levers in force when it took effect that it works around.
    pub routed_around: Vec<String>,
    /// (turn, turns after it took effect, lever) of the first answer.
    pub answered: Option<(u32, u32, String)>,
}

impl RedReview {
    /// Is `next` the same move played again the next turn, by the same hand, to the same end?
    fn continued_by(&self, next: &RedReview) -> bool {
        next.turn == self.last_turn + 1
            && next.automatic == self.automatic
            && next.what == self.what
            && next.routed_around == self.routed_around
            && next.answered == self.answered
    }
}
