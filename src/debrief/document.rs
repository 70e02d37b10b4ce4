//! The debrief in words: one `Document` (Markdown and self-contained HTML), CSVs and chart PNGs,
//! every word from the translation catalog (`debrief.*`) in the reader's language.

use std::path::{Path, PathBuf};

use super::{Band, Chance, Comparison, Group};
use crate::report::charts::{Chart, Line, chart_png, chart_svg};
use crate::report::doc::{Block, Cell, Document, Row, Span};
use crate::sim::command::Action;
use crate::sim::metrics::Outcome;
use crate::view::{I18n, fmt_change, fmt_value, gap, words};

struct Words<'a> {
    c: &'a Comparison,
    tr: &'a I18n,
}

impl Words<'_> {
    fn t(&self, key: &str) -> String {
        self.tr.t(&format!("debrief.{key}"))
    }

    fn f(&self, key: &str, args: &[(&str, String)]) -> String {
        self.tr.f(&format!("debrief.{key}"), args)
    }

    fn band(&self, o: Outcome, b: &Band) -> String {
        self.f(
            "band",
            &[
                ("mean", fmt_change(o, b.mean)),
                ("low", fmt_change(o, b.low)),
                ("high", fmt_change(o, b.high)),
            ],
        )
    }

    fn verdict(&self, b: &Band) -> Cell {
        match b.chance() {
            Chance::Decisions => Cell::spans(vec![Span::strong(self.t("decisions"))]),
            Chance::WithinChance => Cell::text(self.t("within_chance")),
        }
    }

    fn group(&self, g: usize) -> String {
        self.c.groups[g].name.clone()
    }

    /// What leaving decision `i` of `g` out of its log changes: "Had Crisis leadership not
    /// enabled Emergency alerts at turn 4: ...".
    fn without(&self, g: &Group, a: &super::Attribution) -> String {
        let cmd = &g.log[a.index];
        let o = self.c.outcomes[0];
        self.f(
            "without",
            &[
                ("team", self.tr.t(&format!("team.{}", cmd.team.id()))),
                (
                    "what",
                    words::action(self.tr, &self.c.scenario, &g.played, &cmd.action),
                ),
                ("turn", cmd.turn.to_string()),
                ("outcome", self.tr.outcome(o)),
                ("change", self.band(o, &a.without)),
                (
                    "harm",
                    fmt_change(Outcome::CiviliansHarmed, a.harm_without.mean),
                ),
            ],
        )
    }

    /// A band in a table, in bold where it leaves zero.
    fn band_cell(&self, o: Outcome, b: &Band) -> Cell {
        let text = self.band(o, b);
        match b.chance() {
            Chance::Decisions => Cell::spans(vec![Span::strong(text)]).class("num"),
            Chance::WithinChance => Cell::num(text),
        }
    }
}

/// The whole debrief as one document.
pub fn document(c: &Comparison, tr: &I18n) -> Document {
    let w = Words { c, tr };
    let mut blocks = overview(&w);
    blocks.extend(side_by_side(&w));
    blocks.extend(decisions_not_luck(&w));
    blocks.extend(what_mattered(&w));
    blocks.extend(timeline(&w));
    blocks.extend(ratings(&w));
    blocks.extend(lessons(&w));
    blocks.extend(frontier(&w));
    blocks.push(Block::Heading(w.t("h.charts")));
    blocks.push(Block::Charts(c.outcomes.clone()));
    blocks.push(Block::Footer(tr.t("report.footer")));
    Document {
        title: w.f(
            "title",
            &[
                ("name", tr.scenario_name(&c.scenario)),
                ("groups", c.groups.len().to_string()),
            ],
        ),
        blocks,
    }
}

fn overview(w: &Words) -> Vec<Block> {
    let c = w.c;
    let seeds = c.played_seeds();
    let mut fields = vec![
        (w.t("field.scenario"), w.tr.scenario_name(&c.scenario)),
        (
            w.t("field.groups"),
            (0..c.groups.len())
                .map(|g| w.group(g))
                .collect::<Vec<_>>()
                .join(", "),
        ),
        (
            w.t("field.seeds"),
            seeds
                .iter()
                .map(u64::to_string)
                .collect::<Vec<_>>()
                .join(", "),
        ),
        (
            w.t("field.replays"),
            w.f("field.replays_value", &[("n", c.seeds.len().to_string())]),
        ),
    ];
    for s in &c.skipped {
        fields.push((
            w.t("field.skipped"),
            format!("{}: {}", s.path.display(), s.reason),
        ));
    }
    let mut blocks = vec![
        Block::Heading(w.t("h.overview")),
        Block::Fields(fields),
        Block::Paragraph(vec![Span::plain(
            w.f("how", &[("n", c.seeds.len().to_string())]),
        )]),
    ];
    if seeds.len() > 1 {
        blocks.push(Block::Paragraph(vec![Span::plain(w.t("seeds_differ"))]));
    }
    blocks
}

/// What happened on the day: each group's outcomes and its gap to nobody acting on its seed.
fn side_by_side(w: &Words) -> Vec<Block> {
    let c = w.c;
    let mut header = vec![w.t("col.group"), w.t("col.turns")];
    header.extend(c.outcomes.iter().map(|&o| w.tr.outcome(o)));
    let mut rows: Vec<Row> = c
        .ranking
        .iter()
        .map(|&g| {
            let group = &c.groups[g];
            let (ours, base) = (group.summary(), group.baseline_summary());
            let mut cells = vec![Cell::text(w.group(g)), Cell::num(group.turns().to_string())];
            cells.extend(c.outcomes.iter().map(|&o| {
                let (text, tone) = gap(o, ours[o], base[o]);
                Cell::spans(vec![
                    Span::plain(format!("{} ", fmt_value(o, ours[o]))),
                    Span::toned(format!("({text})"), tone),
                ])
                .class("num")
            }));
            Row::new(cells)
        })
        .collect();
    for seed in c.played_seeds() {
        let g = c
            .groups
            .iter()
            .find(|g| g.session.seed == seed)
            .expect("a group");
        let base = g.baseline_summary();
        let mut cells = vec![
            Cell::text(w.f("nobody", &[("seed", seed.to_string())])),
            Cell::num(g.turns().to_string()),
        ];
        cells.extend(c.outcomes.iter().map(|&o| Cell::num(fmt_value(o, base[o]))));
        rows.push(Row::new(cells));
    }
    vec![
        Block::Heading(w.t("h.day")),
        Block::Paragraph(vec![Span::plain(w.t("day.intro"))]),
        Block::Table { header, rows },
    ]
}

fn decisions_not_luck(w: &Words) -> Vec<Block> {
    let c = w.c;
    let o = c.outcomes[0];
    let mut header = vec![w.t("col.rank"), w.t("col.group")];
    header.extend(c.outcomes.iter().map(|&o| w.tr.outcome(o)));
    header.extend([w.t("col.verdict"), w.t("col.day"), w.t("col.luck")]);
    let rows = c
        .ranking
        .iter()
        .enumerate()
        .map(|(rank, &g)| {
            let m = &c.measured[g];
            let group = &c.groups[g];
            let day = group.summary()[o] - group.baseline_summary()[o];
            let mut cells = vec![Cell::num((rank + 1).to_string()), Cell::text(w.group(g))];
            cells.extend(
                c.outcomes
                    .iter()
                    .zip(&m.effects)
                    .map(|(&o, b)| w.band_cell(o, b)),
            );
            cells.push(w.verdict(&m.effects[0]));
            cells.push(Cell::num(fmt_change(o, day)));
            cells.push(Cell::num(fmt_change(o, day - m.effects[0].mean)));
            Row::new(cells)
        })
        .collect();
    let mut blocks = vec![
        Block::Heading(w.t("h.decisions")),
        Block::Paragraph(vec![Span::plain(w.f(
            "decisions.intro",
            &[
                ("outcome", w.tr.outcome(o)),
                ("n", c.seeds.len().to_string()),
            ],
        ))]),
        Block::Table { header, rows },
    ];
    if !c.pairs.is_empty() {
        blocks.push(Block::Paragraph(vec![Span::plain(
            w.f("pairs.intro", &[("outcome", w.tr.outcome(o))]),
        )]));
        let rows = c
            .pairs
            .iter()
            .map(|p| {
                Row::new(vec![
                    Cell::text(w.f("pair", &[("a", w.group(p.a)), ("b", w.group(p.b))])),
                    w.band_cell(o, &p.difference),
                    w.verdict(&p.difference),
                ])
            })
            .collect();
        blocks.push(Block::Table {
            header: vec![w.t("col.pair"), w.tr.outcome(o), w.t("col.verdict")],
            rows,
        });
    }
    blocks
}

fn what_mattered(w: &Words) -> Vec<Block> {
    let c = w.c;
    let o = c.outcomes[0];
    let mut rows = Vec::new();
    let mut items = Vec::new();
    for &g in &c.ranking {
        let group = &c.groups[g];
        let top = &c.measured[g].attributions[..];
        let top = &top[..top.len().min(super::TOP_DECISIONS)];
        // The decision that mattered most, in a sentence; the rest in the table.
        items.push(match top.first() {
            Some(a) => format!("{}: {}", w.group(g), w.without(group, a)),
            None => format!("{}: {}", w.group(g), w.t("no_decisions")),
        });
        for a in top {
            let cmd = &group.log[a.index];
            rows.push(Row::new(vec![
                Cell::text(w.group(g)),
                Cell::num(cmd.turn.to_string()),
                Cell::text(w.tr.t(&format!("team.{}", cmd.team.id()))),
                Cell::text(words::action(w.tr, &c.scenario, &group.played, &cmd.action)),
                w.band_cell(o, &a.without),
                w.band_cell(Outcome::CiviliansHarmed, &a.harm_without),
            ]));
        }
    }
    let mut blocks = vec![
        Block::Heading(w.t("h.mattered")),
        Block::Paragraph(vec![Span::plain(
            w.f("mattered.intro", &[("n", c.seeds.len().to_string())]),
        )]),
        Block::List(items),
    ];
    if !rows.is_empty() {
        let without = |o: Outcome| w.f("col.without", &[("outcome", w.tr.outcome(o))]);
        blocks.push(Block::Table {
            header: vec![
                w.t("col.group"),
                w.t("col.turn"),
                w.t("col.team"),
                w.t("col.decision"),
                without(o),
                without(Outcome::CiviliansHarmed),
            ],
            rows,
        });
    }
    if c.groups.len() > 1 {
        let only: Vec<String> = c
            .only_the_best()
            .into_iter()
            .map(|(turn, e)| {
                w.f(
                    "only_item",
                    &[
                        (
                            "lever",
                            w.tr.entry_name(&crate::sim::interventions::CATALOG[e]),
                        ),
                        ("turn", turn.to_string()),
                    ],
                )
            })
            .collect();
        let text = if only.is_empty() {
            w.f(
                "only_none",
                &[("group", w.group(c.best())), ("outcome", w.tr.outcome(o))],
            )
        } else {
            w.f(
                "only",
                &[
                    ("group", w.group(c.best())),
                    ("outcome", w.tr.outcome(o)),
                    ("levers", only.join(", ")),
                ],
            )
        };
        blocks.push(Block::Paragraph(vec![Span::plain(text)]));
    }
    blocks
}

/// Every group's decisions and the red cell's moves, by turn.
fn timeline(w: &Words) -> Vec<Block> {
    let mut rows: Vec<(u32, usize, Row)> = Vec::new();
    for (g, group) in w.c.groups.iter().enumerate() {
        let world = &group.played;
        for cmd in &world.log {
            let what = words::action(w.tr, &w.c.scenario, world, &cmd.action);
            rows.push((
                cmd.turn,
                g,
                Row::new(vec![
                    Cell::num(cmd.turn.to_string()),
                    Cell::text(w.group(g)),
                    Cell::text(w.tr.t(&format!("team.{}", cmd.team.id()))),
                    Cell::text(what),
                    Cell::text(cmd.rationale.clone()),
                ]),
            ));
        }
        for p in world.red.moves.iter().filter(|p| p.automatic) {
            rows.push((
                p.turn,
                g,
                Row::new(vec![
                    Cell::num(p.turn.to_string()),
                    Cell::text(w.group(g)),
                    Cell::text(w.tr.t("report.red_automatic")),
                    Cell::text(words::red_move(w.tr, world, p.mv, &p.params, &p.target)),
                    Cell::text(words::red_reason(w.tr, &p.reason)),
                ]),
            ));
        }
    }
    rows.sort_by_key(|(t, g, _)| (*t, *g));
    vec![
        Block::Heading(w.t("h.timeline")),
        Block::Table {
            header: ["turn", "group", "team", "what", "why"]
                .map(|k| w.t(&format!("col.{k}")))
                .to_vec(),
            rows: rows.into_iter().map(|(_, _, r)| r).collect(),
        },
    ]
}

/// The evaluators' and facilitators' P/S/M/U ratings per objective, a column per group.
fn ratings(w: &Words) -> Vec<Block> {
    let c = w.c;
    if c.scenario.objectives.is_empty() {
        return Vec::new();
    }
    let mut header = vec![w.tr.t("report.col.objective.objective")];
    header.extend((0..c.groups.len()).map(|g| w.group(g)));
    let rows = c
        .scenario
        .objectives
        .iter()
        .map(|o| {
            let mut cells = vec![Cell::text(format!(
                "{}: {}",
                o.id,
                c.scenario.objective_in(w.tr.code(), o)
            ))];
            cells.extend(c.groups.iter().map(|g| {
                let given: Vec<String> = g
                    .session
                    .ratings
                    .iter()
                    .filter(|r| r.objective == o.id)
                    .map(|r| {
                        if r.comment.is_empty() {
                            r.rating.clone()
                        } else {
                            format!("{} ({})", r.rating, r.comment)
                        }
                    })
                    .collect();
                Cell::text(if given.is_empty() {
                    w.tr.t("report.not_rated")
                } else {
                    given.join("; ")
                })
            }));
            Row::new(cells)
        })
        .collect();
    vec![
        Block::Heading(w.t("h.ratings")),
        Block::Table { header, rows },
    ]
}

fn lessons(w: &Words) -> Vec<Block> {
    let c = w.c;
    let mut items: Vec<(&'static str, String, Vec<String>)> = Vec::new();
    for (g, group) in c.groups.iter().enumerate() {
        for l in crate::lessons::touched(&group.played.log) {
            let text = w.tr.or(&format!("lesson.{}.lesson", l.id), l.lesson);
            match items.iter_mut().find(|(_, t, _)| *t == text) {
                Some((_, _, who)) if !who.contains(&w.group(g)) => who.push(w.group(g)),
                Some(_) => {}
                None => items.push((l.id, text, vec![w.group(g)])),
            }
        }
    }
    if items.is_empty() {
        return Vec::new();
    }
    vec![
        Block::Heading(w.t("h.lessons")),
        Block::List(
            items
                .into_iter()
                .map(|(_, text, who)| format!("{text} ({})", who.join(", ")))
                .collect(),
        ),
    ]
}

fn frontier(w: &Words) -> Vec<Block> {
    let c = w.c;
    let Some(first) = c.frontier.first() else {
        return Vec::new();
    };
    let rows = c
        .frontier
        .iter()
        .enumerate()
        .map(|(g, d)| {
            let verdict = match d.dominated_by() {
                0 => w.t("frontier.on"),
                n => w.f("frontier.dominated", &[("n", n.to_string())]),
            };
            Row::new(vec![
                Cell::text(w.group(g)),
                Cell::num(format!("{:+.1}%", d.plan.0)),
                Cell::num(format!("{:.1}%", d.plan.1)),
                Cell::text(verdict),
            ])
        })
        .collect();
    vec![
        Block::Heading(w.t("h.frontier")),
        Block::Paragraph(vec![Span::plain(
            w.f("frontier.intro", &[("key", w.tr.outcome(first.key))]),
        )]),
        Block::Table {
            header: vec![
                w.t("col.group"),
                w.tr.outcome(first.key),
                w.tr.t("report.col.cost"),
                w.t("col.frontier"),
            ],
            rows,
        },
    ]
}

/// `o` over turns: a line per group, and nobody acting on each seed played.
fn chart<'a>(c: &Comparison, tr: &'a I18n, o: Outcome) -> Chart<'a> {
    let mut lines: Vec<Line> = c
        .played_seeds()
        .into_iter()
        .filter_map(|seed| c.groups.iter().find(|g| g.session.seed == seed))
        .map(|g| Line {
            label: tr.f("debrief.nobody", &[("seed", g.session.seed.to_string())]),
            values: Chart::line(o, &g.baseline, g.turns()),
            baseline: true,
            n: 0,
        })
        .collect();
    lines.extend(c.groups.iter().enumerate().map(|(n, g)| Line {
        label: g.name.clone(),
        values: Chart::line(o, &g.played, g.turns()),
        baseline: false,
        n,
    }));
    Chart {
        outcome: o,
        tr,
        lines,
    }
}

/// Write `debrief.md`, `debrief.html`, `groups.csv`, `decisions.csv`, `pairs.csv` and a chart
/// PNG per compared outcome into `dir`, in `tr`'s language. Returns the files written.
pub fn write(c: &Comparison, tr: &I18n, dir: &Path) -> Result<Vec<PathBuf>, String> {
    std::fs::create_dir_all(dir).map_err(at(dir))?;
    let mut written = Vec::new();
    let mut svgs = Vec::new();
    for &o in &c.outcomes {
        let png = dir.join(format!("chart-{}.png", o.name()));
        chart_png(&chart(c, tr, o), &png)?;
        written.push(png);
        svgs.push((o, chart_svg(&chart(c, tr, o))?));
    }
    let doc = document(c, tr);
    let md = dir.join("debrief.md");
    std::fs::write(&md, doc.markdown()).map_err(at(&md))?;
    let html = dir.join("debrief.html");
    std::fs::write(&html, doc.html_in(&svgs, tr.code())).map_err(at(&html))?;
    written.extend([md, html]);
    written.extend(csvs(c, dir)?);
    Ok(written)
}

/// An error about `path`, located.
fn at<E: std::fmt::Display>(path: &Path) -> impl Fn(E) -> String + '_ {
    move |e| format!("{}: {e}", path.display())
}

fn verdict_id(b: &Band) -> &'static str {
    match b.chance() {
        Chance::Decisions => "decisions",
        Chance::WithinChance => "within_chance",
    }
}

/// The numbers behind the tables, for a researcher's own analysis.
fn csvs(c: &Comparison, dir: &Path) -> Result<Vec<PathBuf>, String> {
    let groups = dir.join("groups.csv");
    let mut w = csv::Writer::from_path(&groups).map_err(at(&groups))?;
    w.write_record([
        "group",
        "seed",
        "turns",
        "outcome",
        "played",
        "nobody_acting",
        "effect_mean",
        "effect_low",
        "effect_high",
        "verdict",
    ])
    .map_err(at(&groups))?;
    for (g, group) in c.groups.iter().enumerate() {
        let (ours, base) = (group.summary(), group.baseline_summary());
        for (&o, b) in c.outcomes.iter().zip(&c.measured[g].effects) {
            w.write_record([
                group.name.clone(),
                group.session.seed.to_string(),
                group.turns().to_string(),
                o.name().to_string(),
                ours[o].to_string(),
                base[o].to_string(),
                b.mean.to_string(),
                b.low.to_string(),
                b.high.to_string(),
                verdict_id(b).to_string(),
            ])
            .map_err(at(&groups))?;
        }
    }
    w.flush()
        .map_err(|e| format!("{}: {e}", groups.display()))?;
    let decisions = decisions_csv(c, dir)?;
    let pairs = dir.join("pairs.csv");
    let mut w = csv::Writer::from_path(&pairs).map_err(at(&pairs))?;
    w.write_record(["a", "b", "outcome", "mean", "low", "high", "verdict"])
        .map_err(at(&pairs))?;
    for p in &c.pairs {
        let d = &p.difference;
        w.write_record([
            c.groups[p.a].name.clone(),
            c.groups[p.b].name.clone(),
            c.outcomes[0].name().to_string(),
            d.mean.to_string(),
            d.low.to_string(),
            d.high.to_string(),
            verdict_id(d).to_string(),
        ])
        .map_err(at(&pairs))?;
    }
    w.flush().map_err(|e| format!("{}: {e}", pairs.display()))?;
    Ok(vec![groups, decisions, pairs])
}

/// Every decision of every group with what leaving it out changed.
fn decisions_csv(c: &Comparison, dir: &Path) -> Result<PathBuf, String> {
    let path = dir.join("decisions.csv");
    let err = |e: csv::Error| format!("{}: {e}", path.display());
    let mut w = csv::Writer::from_path(&path).map_err(err)?;
    w.write_record([
        "group",
        "turn",
        "team",
        "action",
        "lever",
        "rationale",
        "outcome",
        "without_mean",
        "without_low",
        "without_high",
        "harm_without_mean",
    ])
    .map_err(err)?;
    for (g, group) in c.groups.iter().enumerate() {
        for a in &c.measured[g].attributions {
            let cmd = &group.log[a.index];
            let lever = match &cmd.action {
                Action::Enable { entry, .. }
                | Action::Disable { entry }
                | Action::Set { entry, .. } => crate::sim::interventions::CATALOG[*entry].id,
                _ => "",
            };
            w.write_record([
                group.name.clone(),
                cmd.turn.to_string(),
                cmd.team.id().to_string(),
                cmd.action.verb().to_string(),
                lever.to_string(),
                cmd.rationale.clone(),
                c.outcomes[0].name().to_string(),
                a.without.mean.to_string(),
                a.without.low.to_string(),
                a.without.high.to_string(),
                a.harm_without.mean.to_string(),
            ])
            .map_err(err)?;
        }
    }
    w.flush().map_err(|e| format!("{}: {e}", path.display()))?;
    Ok(path)
}
