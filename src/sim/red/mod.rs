//! The red cell: one vocabulary of perpetrator moves (`MOVES`), the organisation's capacity to
//! play them each turn, and the automatic adversary that picks from the same moves by what it can
//! observe (MODEL.md, "The red cell").
//!
//! A move acts only through mechanisms the model already has (effort over channels, the campaign
//! hashtag, flooding, registrations, takeovers, doxxing, coded language, ads, the content mix, a
//! state campaign, a shutdown), each of which the platform's levers can see and answer
//! (`Move::answered_by` names the levers). Who chose a move (a red team through its seat or a plan
//! file, or the automatic adversary) changes nothing else: the same move has the same effect.
//!
//! Players' moves are `Command`s of team `perpetrators` in the decision log (replayed like the
//! teams'); the automatic adversary's are derived from the world, so a replay makes them again.
//! Both are recorded in `RedCell::moves`, with a reason.

use super::World;
pub use super::adversary::Channel;
use super::adversary::N_CHANNELS;
use super::interventions::{ParamProblem, ParamSpec};
use super::spec::{Event, WorldSpec};

/// Capacity points a turn of an organisation at its starting strength. Assumption.
pub const BUDGET_AT_START: f64 = 6.0;
/// Its capacity grows with its live accounts up to this multiple of its start. Assumption.
pub const BUDGET_GROWTH_CAP: f64 = 2.0;
/// Share of last turn's banned accounts a new wave replaces, when the automatic adversary
/// answers bans. Assumption.
pub const WAVE_REPLACES: f64 = 0.5;
/// Banned share of its live accounts in one turn above which the automatic adversary buys a new
/// wave. Assumption.
pub const WAVE_AFTER_BANNED: f64 = 0.05;
/// Share of refused ads that move to trusted-looking pages while ads go through proxies (the
/// habit is `posting::AD_DISPLACEMENT`). Assumption.
pub const PROXY_AD_DISPLACEMENT: f64 = 0.9;
/// Recruitment's weight in the content mix is multiplied by this during a recruitment push (the
/// other kinds' shares fall). Assumption.
pub const RECRUITMENT_PUSH: f64 = 3.0;

/// What a move aims at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TargetKind {
    None,
    /// Effort from one channel to another.
    Channels,
    District,
}

/// What the scenario must have for a move to exist.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Needs {
    Nothing,
    /// The platform has hashtags and the organisation campaigns under one.
    Hashtags,
    /// The platform sells ads and the organisation buys them.
    Ads,
    /// A state-affiliated campaign (officials, state media, control of the network).
    State,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MoveKind {
    ShiftEffort,
    HashtagDrive,
    BotFlood,
    AccountWave,
    HijackVoices,
    Doxx,
    CodedLanguage,
    ProxyAds,
    RecruitmentPush,
    SwitchTarget,
    StateMediaPush,
    ShutdownCover,
}

/// One perpetrator move: data, like an intervention's card.
#[derive(Debug)]
pub struct Move {
    pub kind: MoveKind,
    pub id: &'static str,
    pub title: &'static str,
    /// What it does, in the model's terms.
    pub does: &'static str,
    /// Capacity points it takes in the turn it is played.
    pub cost: u16,
    /// Turns before it takes effect (0: this turn).
    pub lead: u32,
    pub params: &'static [ParamSpec],
    pub target: TargetKind,
    pub needs: Needs,
    /// Catalog levers whose effect it works around when they are in force (for `shift_effort`,
    /// the levers that close the channel it leaves: `closing`).
    pub routes_around: &'static [&'static str],
    /// Catalog levers that see or answer it.
    pub answered_by: &'static [&'static str],
}

/// The levers that close or choke a channel (what moving effort out of it routes around).
pub fn closing(c: Channel) -> &'static [&'static str] {
    match c {
        Channel::Feed => &[
            "deamplify_dehumanizing",
            "throttle_virality",
            "trust_threshold_for_reach",
            "incitement_enforcement",
        ],
        Channel::Hashtags => &["disable_hashtags"],
        Channel::Groups => &["suspend_groups", "admin_moderation_tools"],
        Channel::Forwards => &["forwarding_limits", "disable_forwarding"],
        Channel::Ads => &["ads_restrictions"],
        Channel::OffPlatform => &["monitor_perpetrator_spaces"],
    }
}

impl Played {
    /// The levers this move works around (whether or not they are in force).
    pub fn routes_around(&self) -> &'static [&'static str] {
        match self.target {
            Target::Channels { from, .. } => closing(from),
            _ => MOVES[self.mv].routes_around,
        }
    }
}

mod moves;
pub use moves::MOVES;

pub fn index_of(id: &str) -> Option<usize> {
    MOVES.iter().position(|m| m.id == id)
}

impl Move {
    pub fn defaults(&self) -> Vec<f64> {
        self.params.iter().map(|p| p.default).collect()
    }
    pub fn param_index(&self, name: &str) -> Option<usize> {
        self.params.iter().position(|p| p.name == name)
    }
}

impl Channel {
    pub fn from_id(s: &str) -> Option<Channel> {
        Channel::ALL.into_iter().find(|c| c.id() == s)
    }
}

/// What a move is aimed at.
#[derive(Debug, Clone, PartialEq)]
pub enum Target {
    None,
    Channels { from: Channel, to: Channel },
    District(usize),
}

/// A move played (by players or the automatic adversary).
#[derive(Debug, Clone, PartialEq)]
pub struct Played {
    pub turn: u32,
    pub mv: usize,
    pub params: Vec<f64>,
    pub target: Target,
    /// The turn it takes effect.
    pub effective: u32,
    pub automatic: bool,
    pub reason: Reason,
}

/// Why a move was played: the red team's rationale, or what the automatic adversary saw (kept
/// as values so every reader words it in its own language: `view::words::red_reason`).
#[derive(Debug, Clone, PartialEq)]
pub enum Reason {
    /// The red team's rationale, as typed (may be empty).
    Rationale(String),
    /// Effort follows yield: `from` delivered `share` (0..1) of the organisation's open reach.
    Yield {
        from: Channel,
        share: f64,
        to: Channel,
    },
    /// Its hashtag page has been closed for `turns` turns: coded terms.
    TagClosed { turns: u32 },
    /// `accounts` of its accounts were banned last turn: a new wave of accounts.
    Banned { accounts: u32 },
}

impl Reason {
    /// No reason given (a red team's move without a rationale).
    pub fn is_empty(&self) -> bool {
        matches!(self, Reason::Rationale(r) if r.is_empty())
    }
}

/// Who plays the organisation, and what it played.
#[derive(Debug, Clone, PartialEq)]
pub struct RedCell {
    /// The automatic adversary chooses (the default); players (a seat, a plan) otherwise.
    pub automatic: bool,
    pub moves: Vec<Played>,
    /// Its accounts banned last turn (what it sees vanish).
    pub banned_last: u32,
    /// Coded language in use until this turn (exclusive).
    pub coded_until: u32,
    pub proxy_ads_until: u32,
    pub recruitment_until: u32,
    /// Its ads geo-targeted at this district until this turn (exclusive).
    pub ad_target: Option<(usize, u32)>,
    /// Registrations of a new wave wanted at the next turn.
    pub wave: u32,
    /// Its channels' yields last turn (1: as on the open platform): what it sees of its reach.
    pub yields: [f64; N_CHANNELS],
}

impl Default for RedCell {
    fn default() -> Self {
        Self {
            automatic: true,
            moves: Vec::new(),
            banned_last: 0,
            coded_until: 0,
            proxy_ads_until: 0,
            recruitment_until: 0,
            ad_target: None,
            wave: 0,
            yields: [1.0; N_CHANNELS],
        }
    }
}

/// Why a move is refused.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum RedError {
    #[error("no perpetrator move number {0}")]
    UnknownMove(usize),
    #[error("only the red cell (team perpetrators) plays the organisation's moves, not {0}")]
    NotRedCell(&'static str),
    #[error(
        "the automatic adversary is playing the organisation: the facilitator hands the red cell to players first"
    )]
    Automatic,
    #[error(
        "\"{id}\" needs {cost} point(s) of the organisation's capacity but only {available} of {budget} are left this turn"
    )]
    OverBudget {
        id: &'static str,
        cost: u16,
        available: u32,
        budget: u32,
    },
    #[error("\"{id}\" needs {what}, which this scenario does not have")]
    Missing {
        id: &'static str,
        what: &'static str,
    },
    #[error("the organisation has no effort in {0} to move")]
    NoChannel(&'static str),
    #[error("\"{id}\" moves effort between two different channels")]
    SameChannel { id: &'static str },
    #[error("\"{id}\" needs {}", target_words(*.kind))]
    Target { id: &'static str, kind: TargetKind },
    #[error("parameter {name} of \"{id}\" must be between {min} and {max}, got {value}")]
    OutOfRange {
        id: &'static str,
        name: &'static str,
        min: f64,
        max: f64,
        value: f64,
    },
    #[error("\"{id}\" takes {expected} parameter(s), got {got}")]
    ParamCount {
        id: &'static str,
        expected: usize,
        got: usize,
    },
    #[error("the organisation has no live accounts left to play \"{id}\"")]
    NoMembers { id: &'static str },
}

fn target_words(kind: TargetKind) -> &'static str {
    match kind {
        TargetKind::None => "no target",
        TargetKind::Channels => "a channel to move from and one to move to",
        TargetKind::District => "a district",
    }
}

/// Does the scenario have this channel (the platform offers it and the campaign uses it)?
pub fn has_channel(spec: &WorldSpec, c: Channel) -> bool {
    let (pf, perp) = (&spec.platform, &spec.perpetrators);
    match c {
        Channel::Hashtags => pf.hashtags && perp.hashtags,
        Channel::Ads => pf.ads && perp.ads,
        Channel::Groups => pf.groups,
        _ => true,
    }
}

/// What a move needs that the scenario lacks, in words (`None`: nothing).
pub fn missing(spec: &WorldSpec, needs: Needs) -> Option<&'static str> {
    match needs {
        Needs::Hashtags if !has_channel(spec, Channel::Hashtags) => {
            Some("a platform with hashtags and a campaign that uses them")
        }
        Needs::Ads if !has_channel(spec, Channel::Ads) => {
            Some("a platform that sells ads and a campaign that buys them")
        }
        Needs::State if !spec.perpetrators.state_affiliated => Some("a state-affiliated campaign"),
        _ => None,
    }
}

/// Is this channel one the organisation can use in this world (the scenario has it and the
/// organisation has a habit there)?
pub fn channel_open(w: &World, c: Channel) -> bool {
    has_channel(&w.spec, c) && w.org.effort.habit[c as usize] > 0.0
}

impl World {
    /// The organisation's capacity this turn: grows with its live accounts (recruits, new
    /// registrations), shrinks with bans.
    pub fn red_budget(&self) -> u32 {
        let start = self.org.initial_size.max(1) as f64;
        let strength = (self.org.live as f64 / start).min(BUDGET_GROWTH_CAP);
        (BUDGET_AT_START * strength).round() as u32
    }

    /// What the organisation has spent on moves this turn.
    pub fn red_spent(&self) -> u32 {
        self.red
            .moves
            .iter()
            .filter(|m| m.turn == self.turn)
            .map(|m| MOVES[m.mv].cost as u32)
            .sum()
    }

    /// Check a move against the world (its budget, what the scenario has, its target).
    pub fn check_move(&self, mv: usize, params: &[f64], target: &Target) -> Result<(), RedError> {
        let m = MOVES.get(mv).ok_or(RedError::UnknownMove(mv))?;
        if let Some(what) = missing(&self.spec, m.needs) {
            return Err(RedError::Missing { id: m.id, what });
        }
        super::interventions::check_values(m.params, params).map_err(|p| match p {
            ParamProblem::Count { expected, got } => RedError::ParamCount {
                id: m.id,
                expected,
                got,
            },
            ParamProblem::Range { spec, value } => RedError::OutOfRange {
                id: m.id,
                name: spec.name,
                min: spec.min,
                max: spec.max,
                value,
            },
        })?;
        match (m.target, target) {
            (TargetKind::None, Target::None) => {}
            (TargetKind::Channels, Target::Channels { from, to }) => {
                if from == to {
                    return Err(RedError::SameChannel { id: m.id });
                }
                for c in [*from, *to] {
                    if !channel_open(self, c) {
                        return Err(RedError::NoChannel(c.title()));
                    }
                }
            }
            (TargetKind::District, Target::District(d)) if *d < self.districts.len() => {}
            (kind, _) => return Err(RedError::Target { id: m.id, kind }),
        }
        if self.org.live == 0 {
            return Err(RedError::NoMembers { id: m.id });
        }
        let (budget, spent) = (self.red_budget(), self.red_spent());
        if spent + m.cost as u32 > budget {
            return Err(RedError::OverBudget {
                id: m.id,
                cost: m.cost,
                available: budget.saturating_sub(spent),
                budget,
            });
        }
        Ok(())
    }

    /// Play a checked move now (the decision phase of this turn).
    pub(super) fn play(&mut self, played: Played) {
        let t = self.turn;
        let now = played.effective <= t;
        let index = self.red.moves.len();
        self.red.moves.push(played);
        if now {
            self.move_takes_effect(index, t);
        }
    }

    /// Moves whose lead time ends at `t` take effect.
    pub(super) fn moves_due(&mut self, t: u32) {
        for i in 0..self.red.moves.len() {
            let m = &self.red.moves[i];
            if m.effective == t && m.turn < t {
                self.move_takes_effect(i, t);
            }
        }
    }

    fn move_takes_effect(&mut self, index: usize, t: u32) {
        let played = self.red.moves[index].clone();
        let m = &MOVES[played.mv];
        let arg = |k: usize| played.params[k];
        let turns = || played.params[m.param_index("turns").unwrap_or(0)].round() as u32;
        let event = match m.kind {
            MoveKind::ShiftEffort => {
                if let Target::Channels { from, to } = played.target {
                    shift(&mut self.org.effort.share, from, to, arg(0) / 100.0);
                }
                None
            }
            MoveKind::HashtagDrive => Some(Event::HashtagDrive {
                tag: format!("#campaign{}", t + 1),
                turns: turns(),
            }),
            MoveKind::BotFlood => Some(Event::Flooding {
                posts: arg(0),
                turns: turns(),
            }),
            MoveKind::AccountWave => {
                let wanted = arg(0) * self.spec.accounts as f64 / 1000.0;
                self.red.wave += wanted.round() as u32;
                None
            }
            MoveKind::HijackVoices => Some(Event::HackingWave { intensity: arg(0) }),
            MoveKind::Doxx => match played.target {
                Target::District(district) => Some(Event::Doxxing {
                    district,
                    share: arg(0),
                }),
                _ => None,
            },
            MoveKind::CodedLanguage => {
                self.red.coded_until = self.red.coded_until.max(t + turns());
                None
            }
            MoveKind::ProxyAds => {
                self.red.proxy_ads_until = self.red.proxy_ads_until.max(t + turns());
                None
            }
            MoveKind::RecruitmentPush => {
                self.red.recruitment_until = self.red.recruitment_until.max(t + turns());
                None
            }
            MoveKind::SwitchTarget => {
                if let Target::District(d) = played.target {
                    self.red.ad_target = Some((d, t + turns()));
                }
                None
            }
            MoveKind::StateMediaPush => Some(Event::StateMediaCampaign {
                turns: turns(),
                intensity: arg(1),
            }),
            MoveKind::ShutdownCover => match played.target {
                Target::District(district) => Some(Event::InternetShutdown {
                    district,
                    turns: turns(),
                }),
                _ => None,
            },
        };
        if let Some(event) = event {
            let mut rng = super::rng::stream_for(
                self.seed,
                t,
                super::rng::Stream::Events,
                9000 + index as u64,
            );
            self.apply_event(&event, t, &mut rng);
        }
    }

    /// Coded language in use this turn.
    pub fn coded_language(&self, t: u32) -> bool {
        self.red.coded_until > t
    }

    /// Is the organisation pushing recruitment this turn?
    pub fn recruitment_push(&self, t: u32) -> bool {
        self.red.recruitment_until > t
    }

    /// The district its ads are geo-targeted at this turn, if any.
    pub fn ad_target(&self, t: u32) -> Option<usize> {
        self.red
            .ad_target
            .filter(|&(_, until)| until > t)
            .map(|(d, _)| d)
    }

    /// Share of refused ads that move to trusted-looking pages this turn.
    pub fn ad_displacement(&self, t: u32) -> f64 {
        if self.red.proxy_ads_until > t {
            PROXY_AD_DISPLACEMENT
        } else {
            super::posting::AD_DISPLACEMENT
        }
    }
}

/// Move `amount` (0..1) of effort from `from` to `to` (no more than `from` has).
fn shift(share: &mut [f64; N_CHANNELS], from: Channel, to: Channel, amount: f64) {
    let moved = amount.min(share[from as usize]).max(0.0);
    share[from as usize] -= moved;
    share[to as usize] += moved;
}

/// End of turn `t`: the channels' yields this turn are what the organisation learns of the
/// platform. The automatic adversary makes its habitual move for the next turn now, from them:
/// effort follows yield (recorded as a `shift_effort` of turn t + 1 when 3 points or more move).
/// When players hold the red cell, effort stays where they put it.
pub(super) fn after_turn(w: &mut World, t: u32) {
    let yields = super::adversary::yields(&w.org.effort);
    w.red.yields = yields;
    if !w.red.automatic {
        w.org.effort.now = [0.0; N_CHANNELS];
        w.org.effort.open = [0.0; N_CHANNELS];
        return;
    }
    let Some((from, to, points)) = super::adversary::adapt(w, t, &yields) else {
        return;
    };
    let mv = index_of("shift_effort").expect("in the catalog");
    w.red.moves.push(Played {
        turn: t + 1,
        mv,
        params: vec![points.min(MOVES[mv].params[0].max)],
        target: Target::Channels { from, to },
        effective: t + 1,
        automatic: true,
        reason: Reason::Yield {
            from,
            share: yields[from as usize],
            to,
        },
    });
}

/// The decision phase of turn `t`: the automatic adversary (when it plays the organisation)
/// answers what it saw the platform do with the counter-moves worth their cost, best first,
/// within its budget. Players' moves were applied before (their commands).
pub(super) fn decide(w: &mut World, t: u32) {
    if !w.red.automatic {
        return;
    }
    for (payoff, mv, params, reason) in counter_moves(w) {
        if payoff <= 0.0 || w.check_move(mv, &params, &Target::None).is_err() {
            continue;
        }
        w.play(Played {
            turn: t,
            mv,
            params,
            target: Target::None,
            effective: t + MOVES[mv].lead,
            automatic: true,
            reason,
        });
    }
}

/// The counter-moves the automatic adversary weighs, with their expected payoff (the share of
/// its reach or accounts it would win back), best first. Only what it can observe: its accounts
/// banned, its hashtag page.
fn counter_moves(w: &World) -> Vec<(f64, usize, Vec<f64>, Reason)> {
    let t = w.turn;
    let mut out = Vec::new();
    let denied = w.org.hashtag_denied_turns;
    let habit = w.org.effort.habit;
    if denied + 1 >= super::moderation::CODED_LANGUAGE_AFTER_TURNS && !w.coded_language(t) {
        let mv = index_of("coded_language").expect("in the catalog");
        out.push((
            habit[Channel::Hashtags as usize],
            mv,
            vec![1.0],
            Reason::TagClosed { turns: denied },
        ));
    }
    let live = w.org.live.max(1) as f64;
    let banned = w.red.banned_last as f64;
    if banned / (live + banned) >= WAVE_AFTER_BANNED {
        let mv = index_of("account_wave").expect("in the catalog");
        let per_1k = (WAVE_REPLACES * banned / w.spec.accounts.max(1) as f64 * 1000.0)
            .clamp(MOVES[mv].params[0].min, MOVES[mv].params[0].max);
        out.push((
            banned / (live + banned),
            mv,
            vec![per_1k],
            Reason::Banned {
                accounts: w.red.banned_last,
            },
        ));
    }
    // It does not buy ads through proxies by itself: whether proxies pay depends on labels
    // and enforcement it cannot observe before it buys (MODEL.md, "The red cell"); a red team
    // may.
    out.sort_by(|a, b| b.0.total_cmp(&a.0));
    out
}
