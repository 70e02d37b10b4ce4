//! What a team sees, computed once: how an outcome is formatted and whether its gap to the
//! do-nothing baseline is good or bad, what a lever costs and whether it fits, what a post looks
//! like in the feed, the in-game clock. The egui panels (`app`) and the browser seats (`seats`)
//! both draw from these functions; neither writes them again. No Bevy, no egui: plain values.

pub mod i18n;
pub mod red;
pub mod seat;
pub mod words;

pub use i18n::I18n;

use serde::Serialize;

use crate::sim::actors::Role;
use crate::sim::content::Kind;
use crate::sim::interventions::{CATALOG, Team};
use crate::sim::metrics::{Better, Outcome, Values};
use crate::sim::{PostSummary, World};

/// Whether something is good or bad for the players (drawn teal / orange, always with an arrow or
/// a sign so colour is never the only cue).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Tone {
    Good,
    Bad,
    Neutral,
}

/// The scoreboard's outcomes, in the control room, the seats and the report's executive summary
/// (the scenario's key outcomes are moved first where shown).
pub const SCOREBOARD: [Outcome; 14] = [
    Outcome::CiviliansHarmed,
    Outcome::LeftAtRisk,
    Outcome::CiviliansProtected,
    Outcome::CiviliansDisplaced,
    Outcome::WarningReach,
    Outcome::HarmfulImpressions,
    Outcome::MisinformationBelief,
    Outcome::MobilizedBystanders,
    Outcome::AtrocityRiskPeak,
    Outcome::LegitimateContentRemoved,
    Outcome::LegitimatePostsFlagged,
    Outcome::EvidenceLost,
    Outcome::CivilianCommCapacity,
    Outcome::UserTrust,
];

/// Outcomes the scoreboard shows only where they happen: people reach a safe haven or are harmed
/// on the way only where a scenario has havens or closed borders, reprisals only where the
/// targeted group strikes back.
pub const SITUATIONAL: [Outcome; 3] = [
    Outcome::ReachedHaven,
    Outcome::HarmedInFlight,
    Outcome::HarmedInReprisals,
];

/// The scoreboard's outcomes for worlds with these values: the standard rows, then each
/// situational outcome that is not zero in any of them.
pub fn scoreboard_outcomes(values: &[&Values]) -> Vec<Outcome> {
    let mut out = SCOREBOARD.to_vec();
    out.extend(
        SITUATIONAL
            .into_iter()
            .filter(|&o| values.iter().any(|v| v[o] > 0.0)),
    );
    out
}

/// The outcomes charted over time against the baseline.
pub const CHARTS: [Outcome; 4] = [
    Outcome::CiviliansHarmed,
    Outcome::WarningReach,
    Outcome::HarmfulImpressions,
    Outcome::AtrocityRiskPeak,
];

/// An effect on `o` in direction `sign` (as the catalog declares it): good or bad for players.
pub fn effect_tone(o: Outcome, sign: i8) -> Tone {
    let up_is_good = o.better() == Better::Higher;
    if (sign > 0) == up_is_good {
        Tone::Good
    } else {
        Tone::Bad
    }
}

/// ⏶ or ⏷, repeated for strong effects.
pub fn arrow(sign: i8) -> String {
    let a = if sign > 0 { "⏶" } else { "⏷" };
    a.repeat(sign.unsigned_abs().max(1) as usize)
}

/// An outcome's value as the scoreboard shows it.
pub fn fmt_value(o: Outcome, v: f64) -> String {
    match o.unit() {
        "share" => format!("{:.0}%", v * 100.0),
        "index" => format!("{v:.0}"),
        _ if v.abs() >= 1e6 => format!("{:.1}M", v / 1e6),
        _ if v.abs() >= 1e4 => format!("{:.0}k", v / 1e3),
        _ => format!("{v:.0}"),
    }
}

/// A change in an outcome, signed: "+3.0 pts" for shares, "−1.2M" or "+214" otherwise.
pub fn fmt_change(o: Outcome, v: f64) -> String {
    if o.unit() == "share" {
        format!("{:+.1} pts", v * 100.0)
    } else {
        format!(
            "{}{}",
            if v < 0.0 { "−" } else { "+" },
            fmt_value(o, v.abs())
        )
    }
}

/// A size of change, unsigned (how far an outcome moves): "3.0 pts", "1.2M", "214".
pub fn fmt_amount(o: Outcome, v: f64) -> String {
    if o.unit() == "share" {
        format!("{:.1} pts", v * 100.0)
    } else {
        fmt_value(o, v)
    }
}

/// The gap between the teams' world and the baseline: "+3 pts", "-12%", "=", and its tone.
pub fn gap(o: Outcome, ours: f64, base: f64) -> (String, Tone) {
    let d = ours - base;
    if d.abs() < 1e-9 {
        return ("=".into(), Tone::Neutral);
    }
    let tone = if (d > 0.0) == (o.better() == Better::Higher) {
        Tone::Good
    } else {
        Tone::Bad
    };
    let text = if o.unit() == "share" {
        format!("{:+.0} pts", d * 100.0)
    } else if base.abs() > 1e-9 {
        format!("{:+.0}%", d / base * 100.0)
    } else {
        format!("{:+.0}", d)
    };
    (text, tone)
}

/// The outcomes now: the last turn's, or before the first turn the starting state with the risk
/// outlook the map shows.
pub fn now_values(w: &World) -> Values {
    w.series.last().copied().unwrap_or_else(|| {
        let mut v = w.observe();
        let outlook = (0..w.districts.len()).map(|d| w.risk_shown(d));
        v.set(Outcome::AtrocityRiskPeak, outlook.fold(0.0, f64::max));
        v
    })
}

/// A lever's or a move's parameter as a person reads it, in the language in use: its short
/// name (`param.<name>`), its help (`<owner>.param.<name>`, owner `catalog.<lever id>` or
/// `move.<move id>`) and its unit (`unit.<unit>`); the catalog's English where a language has
/// none.
pub fn param_words(
    tr: &I18n,
    owner: &str,
    p: &crate::sim::interventions::ParamSpec,
) -> (String, String, String) {
    (
        tr.or(&format!("param.{}", p.name), p.name),
        tr.or(&format!("{owner}.param.{}", p.name), p.help),
        tr.or(&format!("unit.{}", p.unit), p.unit),
    )
}

/// The in-game clock at the start of `turn`: (day, "HH:MM").
pub fn clock(turn: u32, turn_hours: f64) -> (u32, String) {
    let hours = turn as f64 * turn_hours;
    let day = (hours / 24.0).floor() as u32 + 1;
    let h = hours % 24.0;
    (
        day,
        format!(
            "{:02}:{:02}",
            h.floor() as u32,
            (h.fract() * 60.0).round() as u32
        ),
    )
}

/// What enabling `entry` would cost its team now, and whether it fits (always, when waived).
pub fn cost_line(tr: &I18n, world: &World, entry: usize) -> (String, bool) {
    let e = &CATALOG[entry];
    let mut text = tr.f(
        "lever.points",
        &[
            ("deploy", e.cost.deploy.to_string()),
            ("upkeep", e.cost.upkeep.to_string()),
        ],
    );
    for (team, points) in e.cost.raises {
        text.push_str(" · ");
        text.push_str(&tr.f(
            "lever.raises",
            &[
                ("points", points.to_string()),
                ("team", tr.t(&format!("team.{}", team.id()))),
            ],
        ));
    }
    let over = if world.budgets_waived || world.is_active(entry) {
        None
    } else {
        crate::sim::interventions::over_budget(
            &world.spec.budgets,
            &world.active,
            entry,
            world.turn,
        )
    };
    match over {
        Some((needed, left, _)) => {
            text.push_str(" · ");
            text.push_str(&tr.f(
                "lever.over_budget",
                &[("needed", needed.to_string()), ("left", left.to_string())],
            ));
            (text, false)
        }
        None => (text, true),
    }
}

/// A lever's state line ("takes 2 turns", "in force from turn 4", "in force since turn 3") and
/// whether it is in force.
pub fn lever_status(tr: &I18n, world: &World, entry: usize) -> (String, bool) {
    match world.active.iter().find(|a| a.entry == entry) {
        None => (
            tr.f(
                "lever.lead",
                &[("turns", CATALOG[entry].lead_time.to_string())],
            ),
            false,
        ),
        Some(a) if a.effective_from > world.turn => (
            tr.f("lever.pending", &[("turn", a.effective_from.to_string())]),
            true,
        ),
        Some(a) => (
            tr.f("lever.active", &[("turn", a.enabled_turn.to_string())]),
            true,
        ),
    }
}

/// The translation key of an author's role as a feed shows it.
pub fn role_key(role: Role, trusted: bool) -> &'static str {
    match role {
        Role::Civilian => "role.civilian",
        Role::Media => "role.media",
        Role::CivilSociety => "role.civil_society",
        Role::Humanitarian => "role.humanitarian",
        Role::Official => "role.official",
        Role::StateMedia => "role.state_media",
        Role::Organiser | Role::Amplifier => "role.movement",
        Role::Inauthentic if trusted => "role.lookalike",
        Role::Inauthentic => "role.anonymous",
    }
}

/// How a post's body is shown.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "snake_case", tag = "shown", content = "text")]
pub enum Body {
    /// Removed by the platform.
    Removed(String),
    /// Behind an interstitial warning (flagged as incitement, interstitials on).
    Interstitial(String),
    /// Graphic content blurred.
    Blurred(String),
    Text(String),
}

/// One post as a user in its district sees it, with what the room sees and the platform did not.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PostView {
    pub author: String,
    pub sponsored: bool,
    pub hashtag: Option<String>,
    pub body: Body,
    /// A warning label's text, if labelled.
    pub label: Option<String>,
    /// "Not verified" under a lookalike of an official source.
    pub unverified: Option<String>,
    /// "Think before you share" prompt.
    pub prompt: Option<String>,
    /// For the room: missed by the classifiers, mistaken for harm, exempt.
    pub note: Option<String>,
    pub counts: String,
    pub views: u32,
}

/// The feed of district `d` this turn: its ten most viewed posts.
pub fn feed(tr: &I18n, world: &World, d: usize) -> Vec<PostView> {
    let mut posts: Vec<&PostSummary> = world
        .posts
        .iter()
        .filter(|p| p.district as usize == d && p.views > 0)
        .collect();
    posts.sort_by(|a, b| b.views.cmp(&a.views).then(a.kind.cmp(&b.kind)));
    posts
        .into_iter()
        .take(10)
        .map(|p| post_view(tr, world, p))
        .collect()
}

pub fn post_view(tr: &I18n, world: &World, p: &PostSummary) -> PostView {
    let pol = &world.policy.districts[p.district as usize];
    let k = p.kind as usize;
    let group = world
        .region
        .groups
        .get(p.about_group as usize)
        .map_or(String::new(), |g| g.name.clone());
    let district = world.region.districts[p.district as usize].name.clone();
    // Content levers act on what the classifiers flagged, as the kind it was taken for.
    let seen_as = p.kind.lookalike() as usize;
    let interstitial =
        p.flagged && p.kind.lookalike() == Kind::Incitement && pol.persuasion[seen_as] < 1.0;
    let blurred = p.kind == Kind::Documentation && pol.graphic_fear < 1.0;
    let body = if p.removed {
        Body::Removed(tr.t("feed.removed"))
    } else if interstitial {
        Body::Interstitial(tr.t("feed.interstitial"))
    } else if blurred {
        Body::Blurred(tr.t("feed.blurred"))
    } else {
        Body::Text(tr.f(
            &format!("post.{}", p.kind.id()),
            &[("group", group), ("district", district)],
        ))
    };
    let prompted = |k: usize| pol.civilian_reshare[k] < 1.0 || pol.reshare[k] < 1.0;
    let shown_prompt = if p.kind.is_harmful() {
        p.flagged && prompted(k)
    } else {
        prompted(k) || (p.flagged && prompted(seen_as))
    };
    let note = if p.exempt {
        Some("feed.exempt".to_string())
    } else if p.kind.is_harmful() && !p.flagged && !p.removed {
        Some("feed.missed".to_string())
    } else if !p.kind.is_harmful() && p.flagged {
        Some(format!("feed.mistaken_{}", p.kind.lookalike().id()))
    } else {
        None
    };
    PostView {
        author: tr.t(role_key(p.author_role, p.trusted_look)),
        sponsored: p.ad,
        hashtag: p
            .hashtag
            .and_then(|h| world.hashtags.get(h as usize))
            .map(|h| h.name.clone()),
        body,
        label: (p.labelled && !interstitial).then(|| tr.t("feed.label")),
        unverified: (p.trusted_look
            && world.policy.region.verified_labels
            && p.author_role != Role::Official)
            .then(|| tr.t("feed.unverified")),
        prompt: shown_prompt.then(|| tr.t("feed.think")),
        note: note.map(|k| tr.t(&k)),
        counts: counts(tr, world, p),
        views: p.views,
    }
}

/// A post's views and shares; posts of earlier turns still spreading, and rumours posted
/// again, say how old they are.
fn counts(tr: &I18n, world: &World, p: &PostSummary) -> String {
    let ago = world.turn.saturating_sub(1).saturating_sub(p.posted);
    let mut args = vec![
        ("views", p.views.to_string()),
        ("shares", p.shares.to_string()),
    ];
    if ago > 0 {
        args.push(("ago", ago.to_string()));
    }
    tr.f(
        if p.resurfaced {
            "feed.counts_resurfaced"
        } else if ago > 0 {
            "feed.counts_old"
        } else {
            "feed.counts"
        },
        &args,
    )
}

/// One row of the scoreboard: the teams' world, the baseline, the gap and its tone.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ScoreRow {
    pub name: &'static str,
    pub label: String,
    pub key: bool,
    pub ours: String,
    pub base: String,
    pub gap: String,
    pub tone: Tone,
}

/// The scoreboard (the scenario's key outcomes first), as both the control room and the seats
/// show it.
pub fn scoreboard(tr: &I18n, keys: &[String], world: &World, baseline: &World) -> Vec<ScoreRow> {
    let ours = now_values(world);
    let base = now_values(baseline);
    crate::sim::metrics::key_first(keys, &scoreboard_outcomes(&[&ours, &base]))
        .into_iter()
        .map(|o| {
            let (gap, tone) = gap(o, ours[o], base[o]);
            ScoreRow {
                name: o.name(),
                label: tr.outcome(o),
                key: keys.iter().any(|k| k == o.name()),
                ours: fmt_value(o, ours[o]),
                base: fmt_value(o, base[o]),
                gap,
                tone,
            }
        })
        .collect()
}

/// A team's capacity this turn: what its measures use of its budget, and whether the facilitator
/// waived budgets or the team is spread thin.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BudgetView {
    pub team: String,
    pub title: String,
    pub budget: u32,
    pub spent: u32,
    pub text: String,
    pub waived: Option<String>,
    pub thin: Option<String>,
}

pub fn budget(tr: &I18n, world: &World, team: Team) -> BudgetView {
    let budget = world.budget(team);
    let spent = world.spent(team);
    let strength =
        crate::sim::interventions::strength(&world.spec.budgets, &world.active, team, world.turn);
    BudgetView {
        team: tr.t(&format!("team.{}", team.id())),
        title: format!(
            "{} · {}",
            tr.t("budget.title"),
            tr.t(&format!("budget.unit.{}", team.id()))
        ),
        budget,
        spent,
        text: tr.f(
            "budget.used",
            &[
                ("spent", spent.to_string()),
                ("budget", budget.to_string()),
                ("left", budget.saturating_sub(spent).to_string()),
            ],
        ),
        waived: world.budgets_waived.then(|| tr.t("budget.waived")),
        thin: (strength < 1.0).then(|| {
            tr.f(
                "budget.thin",
                &[("percent", format!("{:.0}", strength * 100.0))],
            )
        }),
    }
}

/// "Platform trust & safety enabled Reshare friction": one line of the decision log.
pub fn decision_text(tr: &I18n, team: Team, verb: &str, entry: usize) -> String {
    tr.f(
        "event.decision",
        &[
            ("team", tr.t(&format!("team.{}", team.id()))),
            ("verb", tr.t(&format!("verb.{verb}"))),
            ("name", tr.entry_name(&CATALOG[entry])),
        ],
    )
}
