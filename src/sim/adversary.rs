//! The organisation as an adversary that adapts. It spreads its effort over channels (its
//! members' public posts, its campaign hashtag, community groups, private forwards, paid ads, and
//! other platforms and encrypted apps) and, at the end of every turn (the automatic adversary's habitual move, `red::after_turn`), moves effort towards the
//! channels that delivered and away from those the platform blocked: multiplicative weights over
//! each channel's yield against the open platform, with a pull back towards habit (MODEL.md,
//! "An adversary that adapts").
//!
//! A channel's yield is what one unit of effort in it reached this turn, measured as the expected
//! reach of the organisation's own shares under the platform as it is now, divided by the same
//! shares on the platform the scenario describes (no measure in force, full connectivity). On an
//! open platform every yield is 1 and effort stays at habit, so a run without measures or events
//! is exactly the run before adaptation existed.

use super::World;
use super::params::ModelParams;

pub const N_CHANNELS: usize = 6;

/// A move of at least this many points of effort out of one channel in one turn is reported.
/// Reporting choice.
const REPORT_POINTS: f64 = 3.0;
/// Lowest yield a blocked channel counts with when effort is re-allocated: the organisation
/// keeps probing it. Assumption.
const PROBE_FLOOR: f64 = 0.02;

/// Where the organisation puts its effort.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Channel {
    /// Its members' public posts in feeds.
    Feed = 0,
    /// The campaign hashtag's page.
    Hashtags = 1,
    /// Posting into community groups.
    Groups = 2,
    /// Mass forwarding in private chats.
    Forwards = 3,
    /// Paid promotion.
    Ads = 4,
    /// Other platforms and encrypted apps, out of the platform's sight.
    OffPlatform = 5,
}

impl Channel {
    pub const ALL: [Channel; N_CHANNELS] = [
        Channel::Feed,
        Channel::Hashtags,
        Channel::Groups,
        Channel::Forwards,
        Channel::Ads,
        Channel::OffPlatform,
    ];
    pub fn id(self) -> &'static str {
        match self {
            Channel::Feed => "feed",
            Channel::Hashtags => "hashtags",
            Channel::Groups => "groups",
            Channel::Forwards => "forwards",
            Channel::Ads => "ads",
            Channel::OffPlatform => "off_platform",
        }
    }
    pub fn title(self) -> &'static str {
        match self {
            Channel::Feed => "public posts",
            Channel::Hashtags => "its hashtag",
            Channel::Groups => "groups",
            Channel::Forwards => "private forwards",
            Channel::Ads => "ads",
            Channel::OffPlatform => "other platforms and encrypted apps",
        }
    }
}

/// The organisation's effort over channels and what each channel yielded this turn.
#[derive(Debug, Clone, PartialEq)]
pub struct Effort {
    /// Share of effort per channel (sums to 1).
    pub share: [f64; N_CHANNELS],
    /// The habitual allocation (the scenario's means: no hashtag or no ads, no effort there).
    pub habit: [f64; N_CHANNELS],
    /// This turn's expected reach of the organisation's shares per on-platform channel: under the
    /// platform now, and on the open platform. Filled by the cascades.
    pub now: [f64; N_CHANNELS],
    pub open: [f64; N_CHANNELS],
    /// Returns to effort in one channel: use = (share / habit)^returns (concave below 1).
    pub returns: f64,
}

impl Effort {
    pub fn new(params: &ModelParams, hashtags: bool, ads: bool) -> Self {
        let mut habit = params.effort_habit;
        if !hashtags {
            habit[Channel::Hashtags as usize] = 0.0;
        }
        if !ads {
            habit[Channel::Ads as usize] = 0.0;
        }
        let total: f64 = habit.iter().map(|h| h.max(0.0)).sum();
        let habit = habit.map(|h| if total > 0.0 { h.max(0.0) / total } else { 0.0 });
        Self {
            share: habit,
            habit,
            now: [0.0; N_CHANNELS],
            open: [0.0; N_CHANNELS],
            returns: params.effort_returns,
        }
    }

    /// How hard channel `c` is used against habit: (share / habit)^returns, 1 at habit, 0 for a
    /// channel with no habit. Concave: audiences saturate, so moving effort out of a blocked
    /// channel wins back less reach than the channel gave.
    pub fn multiplier(&self, c: Channel) -> f64 {
        let h = self.habit[c as usize];
        if h > 0.0 {
            (self.share[c as usize] / h).powf(self.returns)
        } else {
            0.0
        }
    }

    /// Points of effort (0..100) moved into `c` against habit (negative: moved out).
    pub fn shift(&self, c: Channel) -> f64 {
        100.0 * (self.share[c as usize] - self.habit[c as usize])
    }
}

impl Default for Effort {
    fn default() -> Self {
        Self::new(&ModelParams::default(), true, true)
    }
}

/// Each on-platform channel's yield last turn: what its effort reached under the platform as it
/// is, over what it would have reached on the open platform (1 when it had nothing to measure).
pub fn yields(e: &Effort) -> [f64; N_CHANNELS] {
    let mut yields = [1.0; N_CHANNELS];
    for c in [
        Channel::Feed,
        Channel::Hashtags,
        Channel::Groups,
        Channel::Forwards,
        Channel::Ads,
    ] {
        let i = c as usize;
        if e.open[i] > 0.0 {
            yields[i] = (e.now[i] / e.open[i]).clamp(0.0, 1.0);
        }
    }
    yields
}

/// The automatic adversary's habitual move at the end of turn `t`, for the next: read each
/// channel's yield this turn and move effort.
/// share_c <- (1 - pull) * share_c * yield_c^rate / sum + pull * habit_c.
/// Returns the channel effort left most, the one it went to most, and the points, when at least
/// `REPORT_POINTS` moved.
pub(super) fn adapt(
    w: &mut World,
    t: u32,
    yields: &[f64; N_CHANNELS],
) -> Option<(Channel, Channel, f64)> {
    let rate = w.params.adaptation_rate;
    let pull = w.params.habit_pull.clamp(0.0, 1.0);
    let e = &mut w.org.effort;
    e.now = [0.0; N_CHANNELS];
    e.open = [0.0; N_CHANNELS];
    let before = e.share;
    if yields.iter().all(|y| (y - 1.0).abs() < 1e-9) {
        // Nothing blocked: effort drifts back to habit (and stays there exactly).
        let back = e
            .share
            .iter()
            .zip(e.habit)
            .all(|(s, h)| (s - h).abs() < 1e-6);
        e.share = if back {
            e.habit
        } else {
            std::array::from_fn(|i| (1.0 - pull) * e.share[i] + pull * e.habit[i])
        };
    } else {
        // A floor keeps a blocked channel probed (the organisation keeps testing it).
        let weighted: [f64; N_CHANNELS] =
            std::array::from_fn(|i| e.share[i] * yields[i].max(PROBE_FLOOR).powf(rate));
        let total: f64 = weighted.iter().sum();
        if total > 0.0 {
            e.share =
                std::array::from_fn(|i| (1.0 - pull) * weighted[i] / total + pull * e.habit[i]);
        }
    }
    // Tell the room when effort moves noticeably in one turn.
    let moved: [f64; N_CHANNELS] = std::array::from_fn(|i| e.share[i] - before[i]);
    let (from, lost) = moved
        .iter()
        .enumerate()
        .min_by(|a, b| a.1.total_cmp(b.1))
        .map(|(i, m)| (i, -m))
        .unwrap_or((0, 0.0));
    let (to, _) = moved
        .iter()
        .enumerate()
        .max_by(|a, b| a.1.total_cmp(b.1))
        .unwrap_or((0, &0.0));
    if lost < REPORT_POINTS / 100.0 {
        return None;
    }
    let (from, to) = (Channel::ALL[from], Channel::ALL[to]);
    w.happenings.push((
        t,
        super::Happening::EffortShifted {
            from,
            to,
            points: 100.0 * lost,
        },
    ));
    Some((from, to, 100.0 * lost))
}
