//! `breakglass handbook SCENARIO --out DIR`: the documents HSEEP has a facilitator hand out
//! before the day, written from the scenario: a situation manual for players (the scenario, the
//! region, its phases, the objectives and discussion questions drawn from them, the teams), a
//! controller and evaluator handbook (the MSEL with expected actions, the scripted events, one
//! P/S/M/U rating sheet per objective), and a briefing card per team (its levers with costs and
//! lead times, its budget, what it sees and what it does not). Each as Markdown and as printable
//! HTML, in the interface's languages (`--language fr`), built as the report's `Document`s.

use std::path::{Path, PathBuf};

use crate::report::doc::{Block, Cell, Document, Row, Span};
use crate::scenario::{EventKind, Scenario, Trigger};
use crate::sim::interventions::{CATALOG, Team};
use crate::view::i18n::I18n;

/// Every document of the handbook: (file stem, document).
pub fn documents(s: &Scenario, tr: &I18n) -> Vec<(String, Document)> {
    let mut docs = vec![
        ("situation_manual".to_string(), situation_manual(s, tr)),
        (
            "controller_handbook".to_string(),
            controller_handbook(s, tr),
        ),
    ];
    for team in Team::PLAYERS {
        docs.push((format!("team_{}", team.id()), team_card(s, tr, team)));
    }
    docs
}

/// Write the handbook into `out` (created if needed): `NAME.md` and `NAME.html` per document
/// and an `index.html` linking them. Returns the files written.
pub fn write(s: &Scenario, tr: &I18n, out: &Path) -> Result<Vec<PathBuf>, String> {
    let lang = tr
        .codes()
        .get(tr.current)
        .copied()
        .unwrap_or("en")
        .to_string();
    let mut written = Vec::new();
    let mut index = Document {
        title: tr.f("handbook.index.title", &[("scenario", tr.scenario_name(s))]),
        blocks: Vec::new(),
    };
    let mut links = Vec::new();
    for (stem, doc) in documents(s, tr) {
        for (ext, text) in [("md", doc.markdown()), ("html", doc.html_in(&[], &lang))] {
            let path = out.join(format!("{stem}.{ext}"));
            crate::scenario::write_atomic(&path, text.as_bytes())
                .map_err(|e| format!("{}: {e}", path.display()))?;
            written.push(path);
        }
        links.push(format!("{} ({stem}.html, {stem}.md)", doc.title));
    }
    index.blocks.push(Block::List(links));
    let path = out.join("index.html");
    crate::scenario::write_atomic(&path, index.html_in(&[], &lang).as_bytes())
        .map_err(|e| format!("{}: {e}", path.display()))?;
    written.push(path);
    Ok(written)
}

fn team_name(tr: &I18n, team: Team) -> String {
    tr.t(&format!("team.{}", team.id()))
}

/// A team name from the file format ("all", "facilitator" or a team id).
fn recipient(tr: &I18n, to: &str) -> String {
    match Team::from_id(to) {
        Some(t) => team_name(tr, t),
        None if to == "all" => tr.t("handbook.all_teams"),
        None => to.to_string(),
    }
}

fn briefing(s: &Scenario, tr: &I18n) -> String {
    tr.briefing(s)
}

fn situation_manual(s: &Scenario, tr: &I18n) -> Document {
    let mut b = vec![
        Block::Heading(tr.t("handbook.scenario")),
        Block::Paragraph(vec![Span::plain(briefing(s, tr))]),
        Block::Fields(vec![
            (tr.t("handbook.length"), length(s, tr)),
            (
                tr.t("handbook.people"),
                format!(
                    "{:.0}",
                    s.districts.iter().map(|d| d.population).sum::<f64>()
                ),
            ),
            (tr.t("handbook.accounts"), s.accounts.to_string()),
        ]),
        Block::Heading(tr.t("handbook.region")),
        region_table(s, tr),
    ];
    if !s.tensions.is_empty() {
        b.push(Block::Heading(tr.t("handbook.tensions")));
        b.push(Block::List(
            s.tensions
                .iter()
                .map(|t| {
                    tr.f(
                        "handbook.tension",
                        &[
                            ("a", t.between.0.clone()),
                            ("b", t.between.1.clone()),
                            ("level", format!("{:.0}", t.level * 100.0)),
                        ],
                    )
                })
                .collect(),
        ));
    }
    b.push(Block::Heading(tr.t("handbook.phases")));
    b.push(Block::Paragraph(vec![Span::plain(tr.f(
        "handbook.turn_rhythm",
        &[("hours", format!("{}", s.turn_hours))],
    ))]));
    b.push(phases_table(s, tr));
    b.extend(objectives_and_questions(s, tr));
    b.push(Block::Heading(tr.t("handbook.teams")));
    b.push(teams_table(s, tr));
    Document {
        title: tr.f(
            "handbook.situation.title",
            &[("scenario", tr.scenario_name(s))],
        ),
        blocks: b,
    }
}

fn length(s: &Scenario, tr: &I18n) -> String {
    let hours = s.turn_hours * s.turns as f64;
    tr.f(
        "handbook.length_value",
        &[
            ("turns", s.turns.to_string()),
            ("hours", format!("{}", s.turn_hours)),
            ("days", {
                let days = hours / 24.0;
                if days.fract() == 0.0 {
                    format!("{days}")
                } else {
                    format!("{days:.1}")
                }
            }),
        ],
    )
}

fn region_table(s: &Scenario, tr: &I18n) -> Block {
    let rows = s
        .districts
        .iter()
        .map(|d| {
            let groups: Vec<String> = d
                .groups
                .iter()
                .filter(|(_, share)| **share > 0.0)
                .map(|(g, share)| format!("{g} {:.0}%", share * 100.0))
                .collect();
            let mut notes = Vec::new();
            if d.haven {
                notes.push(tr.t("handbook.haven"));
            }
            if !d.border {
                notes.push(tr.t("handbook.no_border"));
            }
            Row::new(vec![
                Cell::text(d.name.clone()),
                Cell::num(format!("{:.0}", d.population)),
                Cell::text(groups.join(", ")),
                Cell::num(format!("{:.0}%", d.adoption * 100.0)),
                Cell::num(format!("{:.0}%", d.connectivity * 100.0)),
                Cell::text(notes.join("; ")),
            ])
        })
        .collect();
    Block::Table {
        header: [
            "handbook.district",
            "handbook.population",
            "handbook.groups",
            "handbook.adoption",
            "handbook.connectivity",
            "handbook.notes",
        ]
        .iter()
        .map(|k| tr.t(k))
        .collect(),
        rows,
    }
}

/// The exercise's phases: one per simulated day, with the turns and hours it covers.
fn phases_table(s: &Scenario, tr: &I18n) -> Block {
    let per_day = (24.0 / s.turn_hours).round().max(1.0) as i64;
    let mut rows = Vec::new();
    let mut first = 0;
    let mut day = 1;
    while first < s.turns {
        let last = (first + per_day - 1).min(s.turns - 1);
        rows.push(Row::new(vec![
            Cell::text(tr.f("handbook.day", &[("day", day.to_string())])),
            Cell::text(format!("{first}–{last}")),
            Cell::text(format!(
                "{:.0} h – {:.0} h",
                first as f64 * s.turn_hours,
                (last + 1) as f64 * s.turn_hours
            )),
        ]));
        first = last + 1;
        day += 1;
    }
    Block::Table {
        header: vec![
            tr.t("handbook.phase"),
            tr.t("handbook.turns"),
            tr.t("handbook.time"),
        ],
        rows,
    }
}

fn objectives_and_questions(s: &Scenario, tr: &I18n) -> Vec<Block> {
    let mut b = Vec::new();
    if !s.objectives.is_empty() {
        b.push(Block::Heading(tr.t("handbook.objectives")));
        b.push(Block::List(
            s.objectives
                .iter()
                .map(|o| format!("{}: {}", o.id, s.objective_in(tr.code(), o)))
                .collect(),
        ));
    }
    b.push(Block::Heading(tr.t("handbook.questions")));
    let mut questions: Vec<String> = s
        .objectives
        .iter()
        .map(|o| {
            tr.f(
                "handbook.question",
                &[("objective", s.objective_in(tr.code(), o).to_string())],
            )
        })
        .collect();
    for k in [
        "handbook.question.cost",
        "handbook.question.refuse",
        "handbook.question.when",
    ] {
        questions.push(tr.t(k));
    }
    b.push(Block::List(questions));
    b
}

fn teams_table(s: &Scenario, tr: &I18n) -> Block {
    Block::Table {
        header: vec![
            tr.t("handbook.team"),
            tr.t("handbook.role"),
            tr.t("handbook.budget"),
            tr.t("handbook.levers"),
        ],
        rows: Team::PLAYERS
            .iter()
            .map(|&t| {
                Row::new(vec![
                    Cell::text(team_name(tr, t)),
                    Cell::text(tr.t(&format!("handbook.role.{}", t.id()))),
                    Cell::num(s.budgets.base(t).to_string()),
                    Cell::num(CATALOG.iter().filter(|e| e.team == t).count().to_string()),
                ])
            })
            .collect(),
    }
}

fn trigger_words(tr: &I18n, t: &Trigger) -> String {
    match t {
        Trigger::Turn(n) => tr.f("handbook.trigger.turn", &[("turn", n.to_string())]),
        Trigger::RiskAbove { district, level } => tr.f(
            "handbook.trigger.risk",
            &[
                ("level", format!("{level}")),
                (
                    "district",
                    if district == "*" {
                        tr.t("handbook.any_district")
                    } else {
                        district.clone()
                    },
                ),
            ],
        ),
        Trigger::HarmedAbove(x) => tr.f("handbook.trigger.harmed", &[("harmed", format!("{x}"))]),
        Trigger::Contingency { seq, within } => tr.f(
            "handbook.trigger.contingency",
            &[("seq", seq.to_string()), ("within", within.to_string())],
        ),
    }
}

/// A scripted event in words (the feed's wording of the same happening).
pub fn event_words(tr: &I18n, e: &EventKind) -> String {
    let place = |d: &str| {
        if d == "*" {
            tr.t("event.everywhere")
        } else {
            d.to_string()
        }
    };
    match e {
        EventKind::InternetShutdown { district, turns } => tr.f(
            "event.shutdown",
            &[("district", place(district)), ("turns", turns.to_string())],
        ),
        EventKind::LegitimacyShock { district, .. } => {
            tr.f("event.legitimacy", &[("district", place(district))])
        }
        EventKind::StateMediaCampaign { turns, .. } => {
            tr.f("event.state_media", &[("turns", turns.to_string())])
        }
        EventKind::HashtagDrive { tag, .. } => tr.f("event.hashtag", &[("tag", tag.clone())]),
        EventKind::Doxxing { district, share } => tr.f(
            "event.doxxing",
            &[
                ("district", place(district)),
                ("share", format!("{:.0}", share * 100.0)),
            ],
        ),
        EventKind::HackingWave { .. } => tr.t("event.hacking"),
        EventKind::Incident { district, harmed } => tr.f(
            "event.incident",
            &[
                ("district", place(district)),
                ("harmed", format!("{harmed:.0}")),
            ],
        ),
        EventKind::Flooding { posts, turns } => tr.f(
            "event.flooding",
            &[("posts", format!("{posts}")), ("turns", turns.to_string())],
        ),
        EventKind::Peacekeepers {
            district, turns, ..
        } => tr.f(
            "event.peacekeepers",
            &[("district", place(district)), ("turns", turns.to_string())],
        ),
        EventKind::Shelling {
            district, turns, ..
        } => tr.f(
            "event.shelling",
            &[("district", place(district)), ("turns", turns.to_string())],
        ),
    }
}

fn lever_names(tr: &I18n, ids: &[String]) -> String {
    ids.iter()
        .map(|id| match CATALOG.iter().find(|e| e.id == id) {
            Some(e) => format!("{} ({})", tr.entry_name(e), team_name(tr, e.team)),
            None => id.clone(),
        })
        .collect::<Vec<_>>()
        .join("; ")
}

fn controller_handbook(s: &Scenario, tr: &I18n) -> Document {
    let mut b = vec![
        Block::Paragraph(vec![Span::plain(tr.t("handbook.controller.intro"))]),
        Block::Heading(tr.t("handbook.msel")),
        msel_table(s, tr),
    ];
    if !s.events.is_empty() {
        b.push(Block::Heading(tr.t("handbook.scripted")));
        b.push(Block::Table {
            header: vec![tr.t("handbook.turn"), tr.t("handbook.event")],
            rows: s
                .events
                .iter()
                .map(|e| {
                    Row::new(vec![
                        Cell::num(e.turn.to_string()),
                        Cell::text(event_words(tr, &e.event)),
                    ])
                })
                .collect(),
        });
    }
    b.push(Block::Heading(tr.t("handbook.ratings")));
    b.push(Block::Paragraph(vec![Span::plain(
        tr.t("handbook.ratings.intro"),
    )]));
    for o in &s.objectives {
        b.extend(rating_sheet(s, tr, o));
    }
    Document {
        title: tr.f(
            "handbook.controller.title",
            &[("scenario", tr.scenario_name(s))],
        ),
        blocks: b,
    }
}

fn msel_table(s: &Scenario, tr: &I18n) -> Block {
    let header = [
        "handbook.msel.seq",
        "handbook.msel.trigger",
        "handbook.msel.to",
        "handbook.msel.inject",
        "handbook.msel.expected",
        "handbook.msel.levers",
        "handbook.msel.objective",
        "handbook.msel.controller",
    ]
    .iter()
    .map(|k| tr.t(k))
    .collect();
    let rows = s
        .injects
        .iter()
        .map(|inj| {
            let (description, expected) = s.inject_in(tr.code(), inj);
            let mut inject = vec![Span::plain(description.to_string())];
            if let Some(e) = &inj.effect {
                inject.push(Span::strong(format!(" [{}]", event_words(tr, e))));
            }
            let mut controller = inj.controller.clone();
            for extra in [&inj.delivery, &inj.notes] {
                if !extra.is_empty() {
                    if !controller.is_empty() {
                        controller.push_str(" · ");
                    }
                    controller.push_str(extra);
                }
            }
            Row::new(vec![
                Cell::num(inj.seq.to_string()),
                Cell::text(trigger_words(tr, &inj.trigger)),
                Cell::text(format!(
                    "{} → {}",
                    recipient(tr, &inj.from),
                    recipient(tr, &inj.to)
                )),
                Cell::spans(inject),
                Cell::text(expected.to_string()),
                Cell::text(lever_names(tr, &inj.expected_ids)),
                Cell::text(inj.objective.clone()),
                Cell::text(controller),
            ])
        })
        .collect();
    Block::Table { header, rows }
}

fn rating_sheet(s: &Scenario, tr: &I18n, o: &crate::scenario::ObjectiveSpec) -> Vec<Block> {
    let injects: Vec<String> = s
        .injects
        .iter()
        .filter(|i| i.objective == o.id)
        .map(|i| format!("#{}", i.seq))
        .collect();
    let none = tr.t("handbook.none");
    vec![
        Block::Heading(format!("{}: {}", o.id, s.objective_in(tr.code(), o))),
        Block::Fields(vec![
            (
                tr.t("handbook.rating.injects"),
                if injects.is_empty() {
                    none
                } else {
                    injects.join(", ")
                },
            ),
            (
                tr.t("handbook.rating.scale"),
                ["P", "S", "M", "U"]
                    .iter()
                    .map(|r| {
                        format!(
                            "☐ {r} {}",
                            tr.t(&format!("handbook.rating.{}", r.to_lowercase()))
                        )
                    })
                    .collect::<Vec<_>>()
                    .join("   "),
            ),
            (tr.t("handbook.rating.observed"), "_".repeat(60)),
            (tr.t("handbook.rating.evaluator"), "_".repeat(30)),
        ]),
    ]
}

fn team_card(s: &Scenario, tr: &I18n, team: Team) -> Document {
    let rows = CATALOG
        .iter()
        .filter(|e| e.team == team)
        .map(|e| {
            Row::new(vec![
                Cell::spans(if e.break_glass {
                    vec![
                        Span::strong(tr.t("handbook.break_glass")),
                        Span::plain(format!(" {}", tr.entry_name(e))),
                    ]
                } else {
                    vec![Span::plain(tr.entry_name(e))]
                }),
                Cell::text(tr.t(&format!("category.{}", e.category.id()))),
                Cell::num(e.cost.deploy.to_string()),
                Cell::num(e.cost.upkeep.to_string()),
                Cell::num(e.lead_time.to_string()),
            ])
        })
        .collect();
    let list =
        |prefix: &str| Block::List((1..=4).map(|i| tr.t(&format!("{prefix}.{i}"))).collect());
    Document {
        title: tr.f("handbook.team.title", &[("team", team_name(tr, team))]),
        blocks: vec![
            Block::Paragraph(vec![Span::plain(
                tr.t(&format!("handbook.role.{}", team.id())),
            )]),
            Block::Fields(vec![
                (tr.t("handbook.scenario"), tr.scenario_name(s)),
                (tr.t("handbook.budget"), s.budgets.base(team).to_string()),
                (tr.t("handbook.length"), length(s, tr)),
            ]),
            Block::Paragraph(vec![Span::plain(tr.t("handbook.budget.explained"))]),
            Block::Heading(tr.t("handbook.levers")),
            Block::Table {
                header: vec![
                    tr.t("handbook.lever"),
                    tr.t("handbook.category"),
                    tr.t("handbook.deploy"),
                    tr.t("handbook.upkeep"),
                    tr.t("handbook.lead_time"),
                ],
                rows,
            },
            Block::Heading(tr.t("handbook.sees")),
            list("handbook.sees"),
            Block::Heading(tr.t("handbook.does_not_see")),
            list("handbook.does_not_see"),
        ],
    }
}
