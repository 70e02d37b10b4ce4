//! Constants of the model. Every field is documented in MODEL.md with its source or the word
//! *assumption*. They come in two kinds: **behaviour** (how people read, believe, share, flee,
//! trust: shared by every scenario and calibrated) and **world** (the place, the platform's
//! machinery, the organisation's size and means: a scenario may set them). A scenario may
//! override any of them under `model: (...)`; `breakglass check` warns when it overrides
//! behaviour, and the library does not.

use serde::{Deserialize, Serialize};

use super::content::{Kind, N_KINDS};

/// The model's behavioural parameters. Defaults are the values MODEL.md documents.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ModelParams {
    // ---- diffusion -------------------------------------------------------------------------
    /// Simulated minutes one hop of a cascade takes (one "generation" of resharing).
    pub hop_minutes: f64,
    /// Probability that a neighbour sees a share in their feed within one hop, before ranking.
    pub feed_view: f64,
    /// Engagement-based ranking weight per content kind (multiplies `feed_view`).
    pub feed_rank: [f64; N_KINDS],
    /// Limited attention: feed items an account takes in per turn at most. When its neighbours'
    /// shares offer more (the platform's ranking weighs each offer), every offered item is seen
    /// with the same lower chance, so items compete for the feed on their ranking.
    pub feed_attention: f64,
    /// Minutes over which a post past the turn it went up in loses half its chance to be shown
    /// and passed on (a cascade runs on across turns; novelty fades).
    pub freshness_half_life: f64,
    /// Chance per turn that a rumour which caught on and stopped spreading is posted again by
    /// someone it reached who believes it (false rumours resurface, true news rarely does).
    pub resurface_rate: f64,
    /// Genuine new accounts registered per turn per 1000 accounts (people joining or coming back
    /// in a crisis: new phones, displaced people, aid workers, journalists).
    pub newcomers_per_1k: f64,
    /// Baseline reshare probability per kind for a viewer who fully agrees with it.
    pub share_base: [f64; N_KINDS],
    /// Reshare probability of organisers, amplifiers and inauthentic accounts for their own side's content.
    pub organiser_share: f64,
    pub amplifier_share: f64,
    pub inauthentic_share: f64,
    /// Probability that a sharer also forwards the post privately, and to how many chats at most.
    pub forward_use: f64,
    pub forward_chats: u32,
    /// Probability a share is also posted into the sharer's community group, and members reached.
    pub group_post: f64,
    pub group_reach: u32,
    /// Extra accounts a hashtagged share reaches through the hashtag's page.
    pub hashtag_reach: u32,
    /// Ad impressions bought per perpetrator ad post.
    pub ad_reach: u32,
    /// Fraction of perpetrator posts that are promoted as ads (when ads are allowed).
    pub ad_share: f64,

    // ---- attitudes ---------------------------------------------------------------------------
    pub belief_rate: f64,
    pub hostility_rate: f64,
    pub fear_rate: f64,
    pub correction_rate: f64,
    pub prebunk_rate: f64,
    /// How much full inoculation cuts the persuasive effect of misinformation and incitement.
    pub prebunk_protection: f64,
    pub preparedness_rate: f64,
    pub belief_decay: f64,
    pub hostility_decay: f64,
    pub fear_decay: f64,
    pub prebunk_decay: f64,
    /// Effect of content in a language the viewer does not speak, relative to their own.
    pub other_language_factor: f64,
    /// Initial hostility of a civilian = tension(own group, target group) x this.
    pub initial_hostility: f64,
    /// Persuasion boost of content that appears to come from a trusted (credible or impersonated) source.
    pub credible_source_boost: f64,

    // ---- civilians offline -------------------------------------------------------------------
    /// Probability a warned, trusting, afraid civilian acts (shelter or flight) in the turn warned.
    pub act_rate: f64,
    /// Share of protective actions that are flight rather than shelter, at zero and at full risk.
    pub flee_share_low: f64,
    pub flee_share_high: f64,
    /// Probability per turn that a sheltering civilian goes home once no warning has come for a while.
    pub shelter_return: f64,
    /// Turns without a warning before sheltering civilians start to return.
    pub shelter_turns: u32,
    /// How far offline word of mouth carries users' protective action to non-users (0..1).
    pub word_of_mouth: f64,
    /// Fraction of harm avoided by sheltering (flight avoids it all).
    pub shelter_protection: f64,
    /// Fear above which a civilian may act without a warning, and the per-turn rate.
    pub panic_fear: f64,
    pub panic_rate: f64,
    /// Chance (x the viewer's trust) that a targeted-group member who sees a rumour from a fake
    /// or hijacked official-looking account takes it as an all-clear: warning cancelled, shelter left.
    pub false_all_clear: f64,

    // ---- offline violence (Epstein 2002, Model I, at district level) ------------------------
    /// Activation threshold T in G - R*P > T.
    pub epstein_threshold: f64,
    /// Arrest-probability constant k in P = 1 - exp(-k * C/A).
    pub arrest_k: f64,
    /// Maximum jail term in turns (uniform 0..=max).
    pub jail_max_turns: u32,
    /// Expected attacks per turn per 1000 mobilised people.
    pub attack_rate: f64,
    /// How many mobilised people one active organiser's capacity counts as.
    pub organiser_weight: f64,
    /// People harmed per attack on a fully exposed, unwarned population.
    pub harm_per_attack: f64,
    /// Extra attack rate from a fully coordinated district (weapons, recruitment, target lists).
    pub coordination_boost: f64,
    /// Extra lethality from fully harvested targeting data.
    pub data_lethality: f64,
    /// People detained per turn per 100k of the targeted group present, at fully harvested data
    /// (detention raids working from lists; 0 where no such apparatus exists).
    pub raid_rate: f64,
    pub coordination_decay: f64,
    /// Per-turn harvest rate of exposed personal data by perpetrator presence.
    pub harvest_rate: f64,
    /// Turns ahead the risk index looks (risk = chance of at least one attack within the horizon).
    pub risk_horizon_turns: f64,

    // ---- violence that answers violence (after Epstein 2002, Model II) -----------------------
    /// Share of the way to 1 the hostility of a group moves in a district where it was attacked
    /// this turn (towards the side that attacked it): revenge.
    pub revenge_rate: f64,
    /// Share of a district's shock (fear and revenge after attacks) that reaches the districts
    /// next to it.
    pub spillover_share: f64,
    /// Reprisal capacity of the targeted group's active people, relative to the perpetrators'
    /// (arms, organisation): their attacks per turn per 1000 active people = attack_rate x this.
    pub reprisal_means: f64,
    /// Legitimacy of public order, as the perpetrators' side sees it, falls by this x the rise in
    /// its mean belief in misinformation since the start.
    pub misinformation_legitimacy: f64,
    /// Share of the legitimacy of public order, as the targeted group sees it, lost in a turn
    /// when the state's own violence (raids; attacks of a state-led campaign) hits its district.
    pub state_violence_legitimacy: f64,
    /// Peacekeepers of density s stop a share 1 - exp(-s / this) of the attacks (both sides')
    /// in their district, on top of deterring the active like any force.
    pub peacekeeping_scale: f64,

    // ---- people who move ---------------------------------------------------------------------
    /// How many times as exposed as its residents a person crossing a district is (on the roads,
    /// at checkpoints, out of shelter): the share harmed on the way is this x the district's
    /// expected harm per exposed resident per turn (people who know a safe way half of it).
    pub route_exposure: f64,
    /// People a route between two neighbouring districts carries per turn; more wait at home.
    pub route_capacity: f64,

    // ---- moderation ----------------------------------------------------------------------------
    /// Mean minutes from posting to automated detection.
    pub detect_minutes: f64,
    /// False-positive multiplier for graphic documentation and for warnings (they look like the harm).
    pub fp_documentation: f64,
    pub fp_warning: f64,
    /// How much missing language coverage inflates false positives: fp x (1 + this x (1 - coverage)).
    pub fp_language: f64,
    /// Probability a reviewer restores a wrongly flagged post, scaled by language coverage.
    pub review_restore: f64,
    /// Ordinary posts per civilian account per turn (the pool false positives are drawn from).
    pub chatter_per_account: f64,
    /// Soft actions (labels, demotion, share prompts) run at a looser classifier threshold than
    /// removal: recall x this (capped at 1) for harmful posts ...
    pub soft_recall_gain: f64,
    /// ... and the false-positive rate x this for legitimate posts (which then take the soft
    /// actions aimed at the harmful kind they look like).
    pub soft_fp_gain: f64,

    // ---- platform trust --------------------------------------------------------------------------
    /// Trust lost per 1000 legitimate posts removed per 100k accounts.
    pub trust_removal_cost: f64,
    /// Trust lost per turn at zero communication capacity.
    pub trust_capacity_cost: f64,
    pub trust_recovery: f64,
    /// Share of harmful-post detections that come from users' reports: they fall as trust in the
    /// platform falls (detection x (1 - report_share x (1 - trust / starting trust))).
    pub report_share: f64,
    /// Share of the targeted group that stops relying on the platform per unit of lost trust
    /// (1 - trust / starting trust): the platform's own alerts, hubs and pushes miss them.
    pub platform_exit: f64,

    // ---- deplatforming ------------------------------------------------------------------------
    /// Share of banned organisation members (organisers, amplifiers) who keep organising on other
    /// platforms and encrypted apps instead of coming back or giving up.
    pub ban_displacement: f64,
    /// Coordination contacts per turn of each member organising off the platform (invisible to
    /// its moderation; fewer than on it: reduced efficiency).
    pub offplatform_contacts: f64,
    /// People of the organisation's group each organiser (on the platform, banned or off it)
    /// talks to offline per turn: meetings, rallies, word of mouth no platform measure reaches.
    pub offline_mobilisation: f64,
    /// Expected attacks per turn one flagged harmful post per 1000 accounts signals to the
    /// platform's risk estimate (emergency alerts fire on the estimate).
    pub alert_signal_per_flag: f64,
    /// Share of the gap to the true risk the platform learns per unit of risk awareness (crisis function,
    /// risk information sharing): what people on the ground tell it.
    pub ground_knowledge: f64,

    /// Network detection's mistakes: genuine small, young-looking accounts are caught at this
    /// share of its rate.
    pub network_fp: f64,
    /// Impersonation enforcement's mistakes: the genuine sources and activists impersonators copy
    /// are suspended at this share of its rate.
    pub impersonation_fp: f64,
    /// Registration screening's mistakes: genuine newcomers are turned away at this share of
    /// its strength (they share the signals it screens for: a new account, no history).
    pub screen_fp: f64,
    /// Share of the organisation's fake accounts whose own signals (creation pattern, posting
    /// cadence, coordination) give them away to the platform: the ones a trust threshold ranks
    /// down as inauthentic. The others look like anyone else of their age and size.
    pub fake_signal_recall: f64,

    // ---- the adversary -----------------------------------------------------------------------
    /// The organisation's habitual share of effort per channel: public posts, hashtag, groups,
    /// private forwards, ads, other platforms (normalised over the channels it has).
    pub effort_habit: [f64; super::adversary::N_CHANNELS],
    /// How strongly effort follows yield each turn: share x yield^rate (multiplicative weights).
    pub adaptation_rate: f64,
    /// Share of effort that returns to habit each turn.
    pub habit_pull: f64,
    /// Returns to effort within a channel: use = (share / habit)^this.
    pub effort_returns: f64,
    /// An account with fewer connections than this share of the mean degree looks young or
    /// small to a trust threshold (about the 15% least connected accounts at 0.75).
    pub low_trust_degree_share: f64,
}

/// Parameters that describe the world rather than people: the platform's machinery (feature
/// sizes, classifiers, review), the organisation's means (ads, violence, data, displacement,
/// effort) and the place (shelters, policing). Everything else is behaviour.
pub const WORLD: &[&str] = &[
    "hashtag_reach",
    "ad_reach",
    "ad_share",
    "group_reach",
    "jail_max_turns",
    "arrest_k",
    "attack_rate",
    "organiser_weight",
    "harm_per_attack",
    "coordination_boost",
    "data_lethality",
    "raid_rate",
    "reprisal_means",
    "peacekeeping_scale",
    "route_exposure",
    "route_capacity",
    "coordination_decay",
    "harvest_rate",
    "risk_horizon_turns",
    "shelter_protection",
    "detect_minutes",
    "fp_documentation",
    "fp_warning",
    "fp_language",
    "review_restore",
    "soft_recall_gain",
    "soft_fp_gain",
    "low_trust_degree_share",
    "ban_displacement",
    "offplatform_contacts",
    "offline_mobilisation",
    "alert_signal_per_flag",
    "ground_knowledge",
    "network_fp",
    "impersonation_fp",
    "screen_fp",
    "fake_signal_recall",
    "effort_habit",
    "adaptation_rate",
    "habit_pull",
    "effort_returns",
];

impl ModelParams {
    /// Names of the behaviour parameters whose value differs from the shared one.
    pub fn behaviour_overrides(&self) -> Vec<String> {
        let (Ok(serde_json::Value::Object(mine)), Ok(serde_json::Value::Object(shared))) = (
            serde_json::to_value(self),
            serde_json::to_value(ModelParams::default()),
        ) else {
            return Vec::new();
        };
        mine.iter()
            .filter(|(name, value)| {
                !WORLD.contains(&name.as_str()) && shared.get(name.as_str()) != Some(value)
            })
            .map(|(name, _)| name.clone())
            .collect()
    }
}

impl Default for ModelParams {
    fn default() -> Self {
        let mut feed_rank = [1.0; N_KINDS];
        let mut share_base = [0.0; N_KINDS];
        for kind in Kind::ALL {
            let (rank, share) = match kind {
                Kind::Incitement => (1.4, 0.10),
                Kind::Misinformation => (1.3, 0.12),
                Kind::Weapons => (0.6, 0.04),
                Kind::Recruitment => (0.7, 0.05),
                Kind::TargetList => (0.6, 0.05),
                Kind::News => (1.0, 0.05),
                Kind::CrisisResource => (0.8, 0.08),
                Kind::Warning => (1.0, 0.07),
                Kind::Documentation => (1.2, 0.08),
                Kind::Prebunk => (0.7, 0.04),
            };
            feed_rank[kind as usize] = rank;
            share_base[kind as usize] = share;
        }
        Self {
            hop_minutes: 30.0,
            feed_view: 0.30,
            feed_attention: 10.0,
            freshness_half_life: 120.0,
            resurface_rate: 0.03,
            newcomers_per_1k: 0.5,
            feed_rank,
            share_base,
            organiser_share: 0.5,
            amplifier_share: 0.6,
            inauthentic_share: 0.7,
            forward_use: 0.3,
            forward_chats: 20,
            group_post: 0.2,
            group_reach: 10,
            hashtag_reach: 6,
            ad_reach: 150,
            ad_share: 0.1,

            belief_rate: 0.10,
            hostility_rate: 0.025,
            fear_rate: 0.08,
            correction_rate: 0.15,
            prebunk_rate: 0.4,
            prebunk_protection: 0.6,
            preparedness_rate: 0.25,
            belief_decay: 0.03,
            hostility_decay: 0.03,
            fear_decay: 0.10,
            prebunk_decay: 0.05,
            other_language_factor: 0.3,
            initial_hostility: 0.3,
            credible_source_boost: 1.5,

            act_rate: 0.5,
            flee_share_low: 0.1,
            flee_share_high: 0.6,
            shelter_return: 0.3,
            shelter_turns: 3,
            word_of_mouth: 0.5,
            shelter_protection: 0.8,
            panic_fear: 0.8,
            panic_rate: 0.05,
            false_all_clear: 0.3,

            epstein_threshold: 0.1,
            arrest_k: 2.3,
            jail_max_turns: 6,
            attack_rate: 0.2,
            organiser_weight: 10.0,
            harm_per_attack: 6.0,
            coordination_boost: 1.5,
            data_lethality: 1.0,
            raid_rate: 0.0,
            coordination_decay: 0.15,
            harvest_rate: 0.02,
            risk_horizon_turns: 4.0,
            revenge_rate: 0.03,
            spillover_share: 0.3,
            reprisal_means: 0.2,
            misinformation_legitimacy: 0.1,
            state_violence_legitimacy: 0.1,
            peacekeeping_scale: 0.1,
            route_exposure: 20.0,
            route_capacity: 20_000.0,

            detect_minutes: 90.0,
            fp_documentation: 3.0,
            fp_warning: 1.5,
            fp_language: 3.0,
            review_restore: 0.6,
            chatter_per_account: 1.0,
            soft_recall_gain: 1.6,
            soft_fp_gain: 15.0,

            trust_removal_cost: 0.005,
            trust_capacity_cost: 0.03,
            trust_recovery: 0.05,
            report_share: 0.3,
            platform_exit: 0.5,
            ban_displacement: 0.5,
            offplatform_contacts: 2.0,
            offline_mobilisation: 10.0,
            low_trust_degree_share: 0.75,
            alert_signal_per_flag: 0.1,
            network_fp: 0.002,
            screen_fp: 0.05,
            fake_signal_recall: 0.5,
            impersonation_fp: 0.02,
            ground_knowledge: 1.5,
            effort_habit: [0.42, 0.14, 0.07, 0.22, 0.10, 0.05],
            adaptation_rate: 1.0,
            habit_pull: 0.1,
            effort_returns: 0.5,
        }
    }
}
