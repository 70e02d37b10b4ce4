//! The platform's effective settings this turn: the only thing interventions change and the only
//! platform knobs the model reads. Neutral values (1.0 multipliers, `false`, 0.0 boosts) mean
//! "the platform as the scenario describes it".
//!
//! Each turn the world rebuilds the policy from the scenario's platform and the interventions in
//! force (see `interventions`), so an intervention that is lifted stops acting at once.

use super::content::N_KINDS;

/// Settings that apply per district (an intervention scoped to some districts writes only there).
#[derive(Debug, Clone, PartialEq)]
pub struct DistrictPolicy {
    /// Feed-visibility multiplier by content kind (ranking, deamplification).
    pub feed: [f64; N_KINDS],
    /// Reshare-probability multiplier by kind for everyone (friction, no-reshare policies).
    pub reshare: [f64; N_KINDS],
    /// Extra reshare multiplier for civilians only (nudges: organisation accounts ignore them).
    pub civilian_reshare: [f64; N_KINDS],
    /// Interface friction on resharing, 0..1: the share of reshares it stops for ordinary
    /// users; committed organisation accounts click through and feel a quarter of it.
    pub friction: f64,
    /// Multiplier on the probability of forwarding privately (forwarding off), for everyone.
    pub messaging: f64,
    /// Extra multiplier on private forwarding for genuine accounts only (promoted family and
    /// neighbourhood chats: the organisation's accounts forward through their own lists).
    pub family_chats: f64,
    /// Persuasion multiplier by kind (labels, interstitials, context).
    pub persuasion: [f64; N_KINDS],
    /// Feed multiplier for posts from credible sources (amplification).
    pub credible_boost: f64,
    /// Feed multiplier for posts authored by civilians (privacy settings hide them from networks).
    pub civilian_reach: f64,
    /// Feed multiplier for low-trust accounts (new, inauthentic) (trust threshold for reach).
    pub low_trust_reach: f64,
    /// Maximum chats per forward.
    pub forward_limit: u32,
    /// Maximum shares per account per turn (rate limits); u16::MAX = none.
    pub rate_limit: u16,
    /// Multiplier on minutes per hop (throttling slows every cascade down).
    pub hop_slowdown: f64,
    pub hashtags: bool,
    pub groups: f64,
    /// Reach of perpetrators' posts into civilian groups (admin tools remove infiltrators).
    pub group_infiltration: f64,
    /// Connectivity kept during an internet shutdown (proxy access).
    pub shutdown_floor: f64,
    /// Multiplier on exposed personal data (locked profiles, location, group adds).
    pub exposure: f64,
    /// Share of the targeted group's remaining data harvested per public location post per 1000
    /// accounts (witnesses' warnings after attacks mark places and their authors).
    pub location_leak: f64,
    /// Added to account security.
    pub security: f64,
    /// Fear caused by graphic documentation (blurring lowers it).
    pub graphic_fear: f64,
    /// Platform pushes of credible information / crisis resources per 1000 accounts per turn.
    pub info_push: f64,
    /// Emergency alerts: pushed to everyone at risk when district risk exceeds this (None: off).
    pub alert_threshold: Option<f64>,
    /// Trust multiplier for warnings (trusted partners, verified labels).
    pub warning_trust: f64,
    /// Share of at-risk civilians who deactivate their accounts when afraid (guidance).
    pub deactivation: f64,
    /// Preparedness boost per turn (resource nudges).
    pub preparedness_push: f64,
    /// Extra posting of warnings by civilians (safe-location feature), multiplier.
    pub civilian_warnings: f64,
    /// Share of the people fleeing who did not know the way and now do (safe-route posts).
    pub route_knowledge: f64,
    /// Prebunk pushes per 1000 accounts per turn.
    pub prebunk_push: f64,
    /// Hostility increment multiplier (reply prompts).
    pub hostility_gain: f64,
    /// Fraction of users who chose a non-engagement (crisis) feed ordering.
    pub feed_choice: f64,
}

impl Default for DistrictPolicy {
    fn default() -> Self {
        Self {
            feed: [1.0; N_KINDS],
            reshare: [1.0; N_KINDS],
            civilian_reshare: [1.0; N_KINDS],
            friction: 0.0,
            messaging: 1.0,
            family_chats: 1.0,
            persuasion: [1.0; N_KINDS],
            credible_boost: 1.0,
            civilian_reach: 1.0,
            low_trust_reach: 1.0,
            forward_limit: 20,
            rate_limit: u16::MAX,
            hop_slowdown: 1.0,
            hashtags: true,
            groups: 1.0,
            group_infiltration: 1.0,
            shutdown_floor: 0.0,
            exposure: 1.0,
            location_leak: 0.0,
            security: 0.0,
            graphic_fear: 1.0,
            info_push: 0.0,
            alert_threshold: None,
            warning_trust: 1.0,
            deactivation: 0.0,
            preparedness_push: 0.0,
            civilian_warnings: 1.0,
            route_knowledge: 0.0,
            prebunk_push: 0.0,
            hostility_gain: 1.0,
            feed_choice: 0.0,
        }
    }
}

/// Settings that apply to the whole platform.
#[derive(Debug, Clone, PartialEq)]
pub struct RegionPolicy {
    /// Detection-probability multiplier by kind.
    pub detection: [f64; N_KINDS],
    /// Extra detection for posts by known perpetrator accounts (heightened monitoring).
    pub perpetrator_scrutiny: f64,
    /// Added to every language's coverage (localisation, expertise).
    pub coverage_boost: f64,
    /// False-positive multiplier.
    pub false_positives: f64,
    /// Review-capacity multiplier.
    pub review_capacity: f64,
    /// Review speed multiplier for urgent items (dedicated channels, crisis function).
    pub review_speed: f64,
    /// Per-turn probability of catching each inauthentic account.
    pub network_detection: f64,
    /// Probability that a new perpetrator registration is blocked.
    pub screening: f64,
    /// Per-turn probability of banning each known organiser/amplifier (deplatforming).
    pub ban_rate: f64,
    /// Per-turn probability of banning each organiser (designation targets the leadership).
    pub leader_ban_rate: f64,
    /// Per-turn probability of removing each impersonating account.
    pub impersonation_removal: f64,
    /// Share of political ads from advertisers the platform does not trust that still run
    /// (ads restrictions lower it; trusted-looking pages are trusted advertisers).
    pub untrusted_ads: f64,
    /// Ad impressions credited to local organisations per turn per 1000 accounts.
    pub ad_credits: f64,
    /// Harvesting (scraping) multiplier.
    pub harvesting: f64,
    /// Coordination multiplier (disruption of perpetrator spaces).
    pub coordination: f64,
    /// Removed content is preserved for investigators.
    pub evidence_preservation: bool,
    /// Probability that a government internet shutdown is averted or shortened.
    pub shutdown_resistance: f64,
    /// Private messages are end-to-end encrypted: no harvesting or moderation of forwards.
    pub e2ee: bool,
    /// Community flagging: extra detection that does not depend on language coverage.
    pub community_flags: f64,
    /// Compromised accounts are locked quickly (detention lockdown).
    pub lockdown: f64,
    /// Registrations are paused: every one is turned away, genuine newcomers' too.
    pub registrations_paused: bool,
    /// Turns of notice the crisis function gets (risk tiers); lowers alert thresholds.
    pub risk_awareness: f64,
    /// User trust lost per turn to the measure's friction (notifications, engagement loss).
    pub trust_drain: f64,
    /// False-positive multiplier for warnings and documentation (graphic content exception).
    pub protective_fp: f64,
    /// False-positive multiplier for documentation only (blurring).
    pub documentation_fp: f64,
    /// Officials and state media are verified and labelled: fakes lose borrowed credibility.
    pub verified_labels: bool,
    /// Chance per turn that a government behind the campaign retaliates with a shutdown.
    pub retaliation: f64,
    /// Strength of perpetrators' mass-flagging of protective posts.
    pub brigading: f64,
    /// State voices' posts are exempt from labels, demotion and removal (public-interest
    /// exemption); the scenario's platform sets it, designation lifts it.
    pub state_exemption: bool,
    /// The state-linked campaign is designated: its state voices' accounts can be banned.
    pub state_designated: bool,
}

impl Default for RegionPolicy {
    fn default() -> Self {
        Self {
            detection: [1.0; N_KINDS],
            perpetrator_scrutiny: 0.0,
            coverage_boost: 0.0,
            false_positives: 1.0,
            review_capacity: 1.0,
            review_speed: 1.0,
            network_detection: 0.0,
            screening: 0.0,
            ban_rate: 0.0,
            leader_ban_rate: 0.0,
            impersonation_removal: 0.0,
            untrusted_ads: 1.0,
            ad_credits: 0.0,
            harvesting: 1.0,
            coordination: 1.0,
            evidence_preservation: false,
            shutdown_resistance: 0.0,
            e2ee: false,
            community_flags: 0.0,
            lockdown: 0.0,
            registrations_paused: false,
            risk_awareness: 0.0,
            trust_drain: 0.0,
            protective_fp: 1.0,
            documentation_fp: 1.0,
            verified_labels: false,
            retaliation: 0.0,
            brigading: 0.0,
            state_exemption: true,
            state_designated: false,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Policy {
    pub region: RegionPolicy,
    pub districts: Vec<DistrictPolicy>,
}

impl Policy {
    pub fn neutral(n_districts: usize) -> Policy {
        Policy {
            region: RegionPolicy::default(),
            districts: vec![DistrictPolicy::default(); n_districts],
        }
    }
}

/// Move a number of `after` back towards `before`, keeping the share `s` of the change (0 = as
/// before, 1 = as after). `Policy::blend_from` does it for every number but the switches
/// (booleans, the alert threshold) and the mistakes (false positives, the
/// trust a measure drains): a measure spread thin still flips its switch and still errs, but
/// enforces, ranks and reviews less.
fn lerp(before: f64, after: f64, s: f64) -> f64 {
    before + s * (after - before)
}

fn lerp_all<const N: usize>(before: &[f64; N], after: &mut [f64; N], s: f64) {
    for (a, b) in after.iter_mut().zip(before) {
        *a = lerp(*b, *a, s);
    }
}

impl DistrictPolicy {
    fn blend_from(&mut self, b: &DistrictPolicy, s: f64) {
        lerp_all(&b.feed, &mut self.feed, s);
        lerp_all(&b.reshare, &mut self.reshare, s);
        lerp_all(&b.civilian_reshare, &mut self.civilian_reshare, s);
        lerp_all(&b.persuasion, &mut self.persuasion, s);
        for (x, y) in [
            (&mut self.friction, b.friction),
            (&mut self.messaging, b.messaging),
            (&mut self.family_chats, b.family_chats),
            (&mut self.credible_boost, b.credible_boost),
            (&mut self.civilian_reach, b.civilian_reach),
            (&mut self.low_trust_reach, b.low_trust_reach),
            (&mut self.hop_slowdown, b.hop_slowdown),
            (&mut self.groups, b.groups),
            (&mut self.group_infiltration, b.group_infiltration),
            (&mut self.shutdown_floor, b.shutdown_floor),
            (&mut self.exposure, b.exposure),
            (&mut self.location_leak, b.location_leak),
            (&mut self.security, b.security),
            (&mut self.graphic_fear, b.graphic_fear),
            (&mut self.info_push, b.info_push),
            (&mut self.warning_trust, b.warning_trust),
            (&mut self.deactivation, b.deactivation),
            (&mut self.preparedness_push, b.preparedness_push),
            (&mut self.civilian_warnings, b.civilian_warnings),
            (&mut self.route_knowledge, b.route_knowledge),
            (&mut self.prebunk_push, b.prebunk_push),
            (&mut self.hostility_gain, b.hostility_gain),
            (&mut self.feed_choice, b.feed_choice),
        ] {
            *x = lerp(y, *x, s);
        }
        self.forward_limit =
            lerp(b.forward_limit as f64, self.forward_limit as f64, s).round() as u32;
        self.rate_limit = lerp(b.rate_limit as f64, self.rate_limit as f64, s).round() as u16;
    }
}

impl RegionPolicy {
    fn blend_from(&mut self, b: &RegionPolicy, s: f64) {
        lerp_all(&b.detection, &mut self.detection, s);
        for (x, y) in [
            (&mut self.perpetrator_scrutiny, b.perpetrator_scrutiny),
            (&mut self.coverage_boost, b.coverage_boost),
            (&mut self.review_capacity, b.review_capacity),
            (&mut self.review_speed, b.review_speed),
            (&mut self.network_detection, b.network_detection),
            (&mut self.screening, b.screening),
            (&mut self.ban_rate, b.ban_rate),
            (&mut self.leader_ban_rate, b.leader_ban_rate),
            (&mut self.impersonation_removal, b.impersonation_removal),
            (&mut self.untrusted_ads, b.untrusted_ads),
            (&mut self.ad_credits, b.ad_credits),
            (&mut self.harvesting, b.harvesting),
            (&mut self.coordination, b.coordination),
            (&mut self.shutdown_resistance, b.shutdown_resistance),
            (&mut self.community_flags, b.community_flags),
            (&mut self.lockdown, b.lockdown),
            (&mut self.risk_awareness, b.risk_awareness),
            (&mut self.protective_fp, b.protective_fp),
            (&mut self.documentation_fp, b.documentation_fp),
            (&mut self.retaliation, b.retaliation),
            (&mut self.brigading, b.brigading),
        ] {
            *x = lerp(y, *x, s);
        }
    }
}

impl Policy {
    /// Keep only the share `s` (0..1) of the change from `before` to `self` in every number.
    pub fn blend_from(&mut self, before: &Policy, s: f64) {
        if s >= 1.0 {
            return;
        }
        let s = s.max(0.0);
        self.region.blend_from(&before.region, s);
        for (a, b) in self.districts.iter_mut().zip(&before.districts) {
            a.blend_from(b, s);
        }
    }
}
