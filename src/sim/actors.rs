//! Accounts (struct of arrays): who they are, what they believe, what they fear, what they did.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Civilian = 0,
    Media = 1,
    CivilSociety = 2,
    Humanitarian = 3,
    Official = 4,
    StateMedia = 5,
    Organiser = 6,
    Amplifier = 7,
    Inauthentic = 8,
}

impl Role {
    pub fn is_perpetrator(self) -> bool {
        matches!(self, Role::Organiser | Role::Amplifier | Role::Inauthentic)
    }
    pub fn is_credible(self) -> bool {
        matches!(
            self,
            Role::Media | Role::CivilSociety | Role::Humanitarian | Role::Official
        )
    }
    pub fn id(self) -> &'static str {
        match self {
            Role::Civilian => "civilian",
            Role::Media => "media",
            Role::CivilSociety => "civil_society",
            Role::Humanitarian => "humanitarian",
            Role::Official => "official",
            Role::StateMedia => "state_media",
            Role::Organiser => "organiser",
            Role::Amplifier => "amplifier",
            Role::Inauthentic => "inauthentic",
        }
    }
}

/// Offline situation of the people an at-risk account stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Offline {
    Home = 0,
    Sheltering = 1,
    Fled = 2,
}

pub mod flag {
    /// The account exists and can post (not banned, not dormant, not deactivated).
    pub const LIVE: u16 = 1 << 0;
    /// A reserve slot the organisation has not registered yet.
    pub const DORMANT: u16 = 1 << 1;
    pub const BANNED: u16 = 1 << 2;
    pub const COMPROMISED: u16 = 1 << 3;
    /// Has ever received an early warning.
    pub const WARNED: u16 = 1 << 4;
    /// Has ever seen credible news or crisis resources.
    pub const INFORMED: u16 = 1 << 5;
    /// Reached by recruitment content and persuaded; joins at the next turn.
    pub const RECRUIT: u16 = 1 << 6;
    /// An inauthentic account that poses as an official or a credible source.
    pub const IMPERSONATOR: u16 = 1 << 7;
    /// The owner deactivated the account (protective deactivation).
    pub const DEACTIVATED: u16 = 1 << 8;
    /// Has ever seen harmful content.
    pub const HARM_SEEN: u16 = 1 << 9;
    /// Has taken protective action at least once.
    pub const ACTED: u16 = 1 << 10;
    /// Believes a false all-clear from a fake or hijacked official voice (this turn).
    pub const ALL_CLEAR: u16 = 1 << 11;
}

/// All accounts. Index = account id. Hot fields are flat arrays.
#[derive(Debug, Clone, Default)]
pub struct Accounts {
    pub district: Vec<u16>,
    pub group: Vec<u8>,
    pub role: Vec<Role>,
    pub flags: Vec<u16>,
    /// People this account stands for.
    pub weight: Vec<f32>,
    /// Belief in hostile rumours about the target group, 0..1.
    pub belief: Vec<f32>,
    /// Hostility towards the target group (Epstein's hardship H), 0..1.
    pub hostility: Vec<f32>,
    /// Fear, 0..1 (drives protective action in the target group).
    pub fear: Vec<f32>,
    /// Trust in credible sources, 0..1.
    pub trust: Vec<f32>,
    /// Inoculation from prebunks, 0..1.
    pub prebunk: Vec<f32>,
    /// Knows where to go and what to do (crisis resources), 0..1.
    pub preparedness: Vec<f32>,
    /// Account security hygiene, 0..1 (chance a takeover attempt fails).
    pub security: Vec<f32>,
    /// How much targeting data the profile exposes (affiliations, friends, location), 0..1.
    pub exposure: Vec<f32>,
    /// Epstein's risk aversion R, fixed per account, uniform 0..1.
    pub risk_aversion: Vec<f32>,
    /// Turn until which the account's owner is jailed (offline violence model).
    pub jailed_until: Vec<u16>,
    /// Last turn a warning reached the account (u16::MAX: never).
    pub warned_turn: Vec<u16>,
    pub offline: Vec<Offline>,
    /// Shares made (all time).
    pub shares: Vec<u16>,
    /// Bitmask of content kinds ever seen.
    pub seen_kinds: Vec<u16>,
    /// Cascade stamp for "already exposed to this post" checks.
    pub stamp: Vec<u32>,
    /// Active in offline violence this turn (Epstein's "active").
    pub active: Vec<bool>,
}

impl Accounts {
    pub fn len(&self) -> usize {
        self.district.len()
    }
    pub fn is_empty(&self) -> bool {
        self.district.is_empty()
    }
    #[inline]
    pub fn live(&self, u: usize) -> bool {
        self.flags[u] & flag::LIVE != 0
    }
    #[inline]
    pub fn has(&self, u: usize, f: u16) -> bool {
        self.flags[u] & f != 0
    }
    #[inline]
    pub fn set(&mut self, u: usize, f: u16) {
        self.flags[u] |= f;
    }
    #[inline]
    pub fn clear(&mut self, u: usize, f: u16) {
        self.flags[u] &= !f;
    }

    /// Bytes per account in memory (for the "too large" check before building).
    pub const BYTES_PER_ACCOUNT: usize = 2 + 1 + 1 + 2 + 4 * 10 + 2 + 2 + 1 + 2 + 2 + 4 + 1 + 4;
}
