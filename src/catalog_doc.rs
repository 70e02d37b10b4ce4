//! The intervention catalog rendered for people and programs: `breakglass catalog` (text),
//! `--json` (an array of objects) and `--markdown` (the catalog section of MODEL.md, which a test
//! keeps identical to this output).

use serde_json::{Value, json};

use crate::sim::interventions::{CATALOG, Category, Entry};
use crate::sim::metrics::Outcome;

fn effects_json(list: &[(Outcome, i8)]) -> Value {
    list.iter()
        .map(|(o, s)| {
            json!({
                "outcome": o.name(),
                "direction": if *s > 0 { "up" } else { "down" },
                "strength": s.unsigned_abs(),
            })
        })
        .collect()
}

/// Parameters as JSON objects (a lever's or a move's).
fn params_json(specs: &[crate::sim::interventions::ParamSpec]) -> Value {
    specs
        .iter()
        .map(|p| {
            json!({
                "name": p.name, "min": p.min, "max": p.max, "default": p.default,
                "unit": p.unit, "help": p.help,
            })
        })
        .collect()
}

pub fn entry_json(e: &Entry) -> Value {
    json!({
        "id": e.id,
        "name": e.name,
        "category": e.category.id(),
        "strategy": e.strategy,
        "team": e.team.id(),
        "break_glass": e.break_glass,
        "lead_time": e.lead_time,
        "scope": e.scope,
        "params": params_json(e.params),
        "description": e.description,
        "seed_section": e.seed_section,
        "mechanism": e.mechanism,
        "effects": effects_json(e.effects),
        "side_effects": effects_json(e.side_effects),
        "works_through": e.works_through,
        "named_harm": e.named_harm,
        "cost": {
            "deploy": e.cost.deploy,
            "upkeep": e.cost.upkeep,
            "raises": e.cost.raises.iter().map(|(t, p)| json!({"team": t.id(), "points": p})).collect::<Vec<_>>(),
        },
    })
}

pub fn to_json() -> Value {
    CATALOG.iter().map(entry_json).collect()
}

fn arrows(list: &[(Outcome, i8)]) -> String {
    if list.is_empty() {
        return "none named".to_string();
    }
    list.iter()
        .map(|(o, s)| {
            let arrow = if *s > 0 { "↑" } else { "↓" };
            format!("{} {}", o.name(), arrow.repeat(s.unsigned_abs() as usize))
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// "2 to deploy, 1 per turn" (and what a capacity lever adds).
pub fn cost_text(e: &Entry) -> String {
    let mut s = format!("{} to deploy, {} per turn", e.cost.deploy, e.cost.upkeep);
    for (team, pts) in e.cost.raises {
        s.push_str(&format!(", adds {} to {} once in force", pts, team.id()));
    }
    s
}

/// What the card adds in words: the levers this one works through, and the harm the report
/// itself names ("" when neither).
pub fn caveats(e: &Entry) -> String {
    let mut out = String::new();
    if !e.works_through.is_empty() {
        out.push_str(&format!(
            " Works through {}: judged with them in force.",
            e.works_through.join(", ")
        ));
    }
    if let Some(harm) = e.named_harm {
        out.push_str(&format!(" The report names its harm: {harm}"));
    }
    out
}

fn params_text(e: &Entry) -> String {
    if e.params.is_empty() {
        return "none".to_string();
    }
    e.params
        .iter()
        .map(|p| {
            format!(
                "`{}` {} ({}..{}, {})",
                p.name, p.default, p.min, p.max, p.unit
            )
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// The catalog section of MODEL.md.
pub fn to_markdown() -> String {
    let mut out = String::new();
    for cat in Category::ALL {
        out.push_str(&format!("### {} (`{}`)\n\n", cat.title(), cat.id()));
        for e in CATALOG.iter().filter(|e| e.category == cat) {
            let glass = if e.break_glass {
                "; **break glass**: needs a confirmation"
            } else {
                ""
            };
            out.push_str(&format!(
                "- **`{}`** {}. Team {} (cost: {}), lead time {} turn(s), scope {}{}.\n  \
                 Mechanism: {}\n  Parameters: {}. Effects: {}. Side effects: {}.{}\n  \
                 Seed report: {}.\n",
                e.id,
                e.name,
                e.team.id(),
                cost_text(e),
                e.lead_time,
                match e.scope {
                    crate::sim::interventions::ScopeKind::Region => "region",
                    crate::sim::interventions::ScopeKind::Districts => "region or districts",
                },
                glass,
                e.mechanism,
                params_text(e),
                arrows(e.effects),
                arrows(e.side_effects),
                caveats(e),
                e.seed_section,
            ));
        }
        out.push('\n');
    }
    out
}

/// A terminal listing.
pub fn to_text() -> String {
    let mut out = String::new();
    for cat in Category::ALL {
        out.push_str(&format!("{}\n", cat.title()));
        for e in CATALOG.iter().filter(|e| e.category == cat) {
            out.push_str(&format!(
                "  {:<32} {:<18} lead {:>2}  cost {}+{}/turn{}  params: {}\n      effects: {}; side effects: {}{}\n",
                e.id,
                e.team.id(),
                e.lead_time,
                e.cost.deploy,
                e.cost.upkeep,
                if e.break_glass { "  BREAK GLASS" } else { "" },
                params_text(e).replace('`', ""),
                arrows(e.effects),
                arrows(e.side_effects),
                caveats(e),
            ));
        }
    }
    out
}

/// The perpetrator moves (`catalog --red`): what each costs the organisation, its lead time, its
/// target and parameters, what it needs of the scenario and which levers answer it.
pub mod red {
    use serde_json::{Value, json};

    use crate::sim::red::{MOVES, Move, Needs, TargetKind};

    fn target(m: &Move) -> &'static str {
        match m.target {
            TargetKind::None => "none",
            TargetKind::Channels => "channels",
            TargetKind::District => "district",
        }
    }

    fn needs(m: &Move) -> &'static str {
        match m.needs {
            Needs::Nothing => "nothing",
            Needs::Hashtags => "hashtags",
            Needs::Ads => "ads",
            Needs::State => "state",
        }
    }

    fn params(m: &Move) -> String {
        if m.params.is_empty() {
            return "none".into();
        }
        m.params
            .iter()
            .map(|p| format!("{} {}..{} (default {})", p.name, p.min, p.max, p.default))
            .collect::<Vec<_>>()
            .join(", ")
    }

    pub fn to_json() -> Value {
        MOVES
            .iter()
            .map(|m| {
                json!({
                    "id": m.id,
                    "title": m.title,
                    "team": "perpetrators",
                    "cost": m.cost,
                    "lead_time": m.lead,
                    "target": target(m),
                    "needs": needs(m),
                    "params": super::params_json(m.params),
                    "does": m.does,
                    "answered_by": m.answered_by,
                })
            })
            .collect()
    }

    /// The table of MODEL.md's red-cell section.
    pub fn to_markdown() -> String {
        let mut out = String::from(
            "| move | cost | lead | target | needs | parameters | what it does | answered by |\n|---|---|---|---|---|---|---|---|\n",
        );
        for m in MOVES {
            out.push_str(&format!(
                "| `{}` {} | {} | {} | {} | {} | {} | {} | {} |\n",
                m.id,
                m.title,
                m.cost,
                m.lead,
                target(m),
                needs(m),
                params(m),
                m.does,
                m.answered_by
                    .iter()
                    .map(|a| format!("`{a}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
        }
        out
    }

    pub fn to_text() -> String {
        let mut out = String::from(
            "Perpetrator moves (team perpetrators: the red cell or the automatic adversary)\n",
        );
        for m in MOVES {
            out.push_str(&format!(
                "  {:<18} cost {}  lead {}  target {:<8}  needs {:<8}  params: {}\n      {}\n      answered by: {}\n",
                m.id,
                m.cost,
                m.lead,
                target(m),
                needs(m),
                params(m),
                m.does,
                m.answered_by.join(", ")
            ));
        }
        out
    }
}
