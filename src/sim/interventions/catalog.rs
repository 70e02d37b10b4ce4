//! The catalog: every intervention in the seed report (eleven categories, their named examples,
//! the platform-capacity recommendations and the policy makers' levers). One entry each.
//!
//! Effects declared here are what the panels highlight and what the tests check by hand.

use super::super::content::Kind;
use super::super::metrics::Outcome::*;
use super::{Category as C, Cost, Entry, ParamSpec, ScopeKind as S, Strategy as St, Team as T};

/// A parameter's spec (the move catalog uses it too).
pub(crate) const fn param(
    name: &'static str,
    min: f64,
    max: f64,
    default: f64,
    unit: &'static str,
    help: &'static str,
) -> ParamSpec {
    ParamSpec {
        name,
        min,
        max,
        default,
        unit,
        help,
    }
}

/// A lever that costs its team `deploy` points in the turn it is enabled and `upkeep` points every
/// turn it is in force.
const fn cost(deploy: u16, upkeep: u16) -> Cost {
    Cost {
        deploy,
        upkeep,
        raises: &[],
    }
}

/// A capacity lever: once in force (after its lead time) it adds points to teams' budgets.
const fn cost_raising(deploy: u16, upkeep: u16, raises: &'static [(T, u16)]) -> Cost {
    Cost {
        deploy,
        upkeep,
        raises,
    }
}

const INC: usize = Kind::Incitement as usize;
const MIS: usize = Kind::Misinformation as usize;
const WEA: usize = Kind::Weapons as usize;
const REC: usize = Kind::Recruitment as usize;
const TAR: usize = Kind::TargetList as usize;
const NEW: usize = Kind::News as usize;
const RES: usize = Kind::CrisisResource as usize;
const WAR: usize = Kind::Warning as usize;
const DOC: usize = Kind::Documentation as usize;
const HARMFUL: [usize; 5] = [INC, MIS, WEA, REC, TAR];
const ALL_KINDS: [usize; 10] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];

/// The levers that give the platform a capability other levers use (`Ctx::capacity` in their
/// `apply`) or that change lead times: data, so no code elsewhere names a lever.
pub static CAPABILITIES: [(&str, super::Capability); 6] = [
    ("local_partnerships", super::Capability::Partnerships),
    (
        "crisis_response_function",
        super::Capability::CrisisFunction,
    ),
    ("localization", super::Capability::Localization),
    ("joint_research", super::Capability::Research),
    ("product_use_research", super::Capability::Research),
    ("tabletop_preparation", super::Capability::Rehearsal),
];

pub static CATALOG: [Entry; 64] = [
    // ---------------------------------------------------------------- 1. privacy ------------
    Entry {
        id: "locked_profiles",
        name: "Locked profiles",
        category: C::Privacy,
        strategy: St::ProtectCivilians,
        team: T::Platform,
        description: "Offer at-risk users a one-tap locked profile that hides their friends list, \
                      affiliations and posts from people outside their network, so perpetrators \
                      cannot scrape who belongs to the targeted community.",
        seed_section: "Protect online privacy: locked profile feature; limiting visibility of affiliations or friends lists",
        mechanism: "Exposed targeting data of accounts in scope x (1 - 0.8 share), so harvesting slows. \
                    Side effect: civilians' own protective posts reach fewer feeds: civilian_reach x (1 - 0.3 share). \
                    Assumption (direction from the seed report: privacy balanced against sharing).",
        params: &[param(
            "share",
            0.0,
            1.0,
            0.6,
            "share",
            "Share of at-risk users who lock their profile",
        )],
        lead_time: 1,
        scope: S::Districts,
        effects: &[(HarmEnabledByExposedData, -2), (CiviliansHarmed, -1)],
        side_effects: &[(WarningReach, -1)],
        works_through: &[],
        named_harm: None,
        break_glass: false,
        cost: cost(2, 1),
        apply: |p, c| {
            let share = c.p(0);
            c.each(p, |d| {
                d.exposure *= 1.0 - 0.8 * share;
                d.civilian_reach *= 1.0 - 0.3 * share;
            });
        },
    },
    Entry {
        id: "obscure_location_history",
        name: "Obscure location history",
        category: C::Privacy,
        strategy: St::ProtectCivilians,
        team: T::Platform,
        description: "Hide or coarsen the location history attached to users' past posts and check-ins \
                      in the region, so it cannot be used to find where people live or shelter.",
        seed_section: "Protect online privacy: obscuring users' previously shared location information",
        mechanism: "Exposed targeting data x 0.7 in scope. Assumption.",
        params: &[],
        lead_time: 1,
        scope: S::Districts,
        effects: &[(HarmEnabledByExposedData, -1)],
        side_effects: &[],
        works_through: &[],
        named_harm: None,
        break_glass: false,
        cost: cost(2, 1),
        apply: |p, c| c.each(p, |d| d.exposure *= 0.7),
    },
    Entry {
        id: "consent_for_group_adds",
        name: "Consent for group adds",
        category: C::Privacy,
        strategy: St::ProtectCivilians,
        team: T::Platform,
        description: "Require consent before anyone is added to a group or page, so membership of \
                      community groups stops revealing who belongs where without people knowing.",
        seed_section: "Protect online privacy: reviewing features to which users may be added without their consent",
        mechanism: "Exposed targeting data x 0.85; side effect: groups grow slower, group reach x 0.9. Assumption.",
        params: &[],
        lead_time: 1,
        scope: S::Region,
        effects: &[(HarmEnabledByExposedData, -1)],
        side_effects: &[(CivilianCommCapacity, -1)],
        works_through: &[],
        named_harm: None,
        break_glass: false,
        cost: cost(1, 1),
        apply: |p, c| {
            c.each(p, |d| {
                d.exposure *= 0.85;
                d.groups *= 0.9;
            })
        },
    },
    Entry {
        id: "detention_lockdown",
        name: "Detention lockdown channel",
        category: C::Privacy,
        strategy: St::ProtectCivilians,
        team: T::Platform,
        description: "A channel through which relatives or trusted partners can have an account \
                      secured when its owner is detained or loses their phone, before captors use it \
                      to read contacts or to impersonate them.",
        seed_section: "Protect online privacy: channels for accounts to be secured or locked down in case of detention or arrest",
        mechanism: "Compromised accounts are locked: recovery per turn +0.5, and the data a takeover leaks x (1 - 0.5); \
                    the phones of people detained in raids are secured before their captors read them (half of the \
                    seized accounts and their contacts' data). Assumption.",
        params: &[],
        lead_time: 1,
        scope: S::Region,
        effects: &[(HarmEnabledByExposedData, -1), (AccountsCompromised, -1)],
        side_effects: &[],
        works_through: &[],
        named_harm: None,
        break_glass: false,
        cost: cost(2, 2),
        apply: |p, _| p.region.lockdown += 0.5,
    },
    Entry {
        id: "deactivation_guidance",
        name: "Deactivation guidance",
        category: C::Privacy,
        strategy: St::ProtectCivilians,
        team: T::CivilSociety,
        description: "Proactively explain, in local languages, how to temporarily deactivate or delete \
                      an account. Frightened people at risk use it; their data goes dark, and so do \
                      they: warnings no longer reach them on the platform.",
        seed_section: "Protect online privacy: proactively sharing instructions on deletion or deactivation",
        mechanism: "Each turn an afraid (fear > 0.5) account of the targeted group deactivates with probability 0.2 x share: \
                    it stops being harvestable and stops receiving anything. Assumption.",
        params: &[param(
            "share",
            0.0,
            1.0,
            0.3,
            "share",
            "How readily afraid users follow the guidance",
        )],
        lead_time: 1,
        scope: S::Districts,
        effects: &[(HarmEnabledByExposedData, -1)],
        side_effects: &[(WarningReach, -1)],
        works_through: &[],
        named_harm: None,
        break_glass: false,
        cost: cost(1, 1),
        apply: |p, c| {
            let share = c.p(0);
            c.each(p, |d| d.deactivation += share);
        },
    },
    // ---------------------------------------------------------------- 2. account security ---
    Entry {
        id: "security_prompts",
        name: "Account security prompts",
        category: C::AccountSecurity,
        strategy: St::ProtectCivilians,
        team: T::Platform,
        description: "Push notifications urging users in the region to turn on two-factor \
                      authentication and review their sessions, as deployed in Ukraine.",
        seed_section: "Secure social media accounts: account security push notifications",
        mechanism: "Account security + uplift (capped at 1): takeover attempts succeed less often. Assumption.",
        params: &[param(
            "uplift",
            0.0,
            0.6,
            0.3,
            "security",
            "How much safer the average account becomes",
        )],
        lead_time: 1,
        scope: S::Districts,
        effects: &[(AccountsCompromised, -2)],
        side_effects: &[],
        works_through: &[],
        named_harm: None,
        break_glass: false,
        cost: cost(1, 1),
        apply: |p, c| {
            let up = c.p(0);
            c.each(p, |d| d.security += up);
        },
    },
    Entry {
        id: "e2ee_messaging",
        name: "End-to-end encrypted messaging",
        category: C::AccountSecurity,
        strategy: St::ProtectCivilians,
        team: T::Platform,
        description: "Encrypt private messages end to end and say so clearly. Takeovers and \
                      surveillance leak far less, but the platform can no longer see what circulates \
                      in private chats.",
        seed_section: "Secure social media accounts: end-to-end encryption channels",
        mechanism: "A takeover leaks 30% of what it did; harvesting x 0.6. Side effect: detection of harmful content x 0.85 \
                    (forwards are invisible to moderation). Assumption.",
        params: &[],
        lead_time: 2,
        scope: S::Region,
        effects: &[(HarmEnabledByExposedData, -1)],
        side_effects: &[(HarmfulImpressions, 1)],
        works_through: &[],
        named_harm: None,
        break_glass: false,
        cost: cost(4, 1),
        apply: |p, _| {
            p.region.e2ee = true;
            p.region.harvesting *= 0.6;
            for k in HARMFUL {
                p.region.detection[k] *= 0.85;
            }
        },
    },
    Entry {
        id: "impersonation_enforcement",
        name: "Impersonation enforcement",
        category: C::AccountSecurity,
        strategy: St::ProtectCivilians,
        team: T::Platform,
        description: "Stringently enforce the ban on impersonating officials, journalists and \
                      activists; remove look-alike accounts quickly. Some genuine accounts are \
                      suspended by mistake.",
        seed_section: "Secure social media accounts: stringent enforcement of policies prohibiting impersonation",
        mechanism: "Impersonating accounts removed with probability `rate` per turn; side effect through the same \
                    enforcement: the sources, officials and activists they copy are suspended at rate x `impersonation_fp`. \
                    Assumption.",
        params: &[param(
            "rate",
            0.0,
            1.0,
            0.4,
            "per turn",
            "Chance per turn of catching each impersonator",
        )],
        lead_time: 1,
        scope: S::Region,
        effects: &[(MisinformationBelief, -1)],
        side_effects: &[(LegitimateContentRemoved, 1)],
        works_through: &[],
        named_harm: None,
        break_glass: false,
        cost: cost(1, 2),
        apply: |p, c| {
            p.region.impersonation_removal += c.p(0);
        },
    },
    // ---------------------------------------------------------------- 3. crisis information --
    Entry {
        id: "crisis_info_hub",
        name: "Crisis information hub",
        category: C::CrisisInformation,
        strategy: St::ProtectCivilians,
        team: T::CrisisLeadership,
        description: "A landing page compiling authoritative information (aid points, safe routes, \
                      hotlines, verified news), pushed to users in at-risk districts.",
        seed_section: "Surface crisis resources and credible information: centralized landing pages or information hubs",
        mechanism: "The platform pushes `pushes` news/crisis-resource posts per 1000 accounts per turn to 50 random \
                    accounts each in scope (x (0.6 + 0.4 localization): the hub speaks local languages only when localised). \
                    Assumption.",
        params: &[param(
            "pushes",
            0.0,
            5.0,
            1.0,
            "per 1k accounts per turn",
            "Hub notifications pushed",
        )],
        lead_time: 1,
        scope: S::Districts,
        effects: &[(CredibleInfoReach, 2), (MisinformationBelief, -1)],
        side_effects: &[],
        works_through: &[],
        named_harm: None,
        break_glass: false,
        cost: cost(1, 1),
        apply: |p, c| {
            let n = c.p(0) * (0.6 + 0.4 * c.capacity.localization);
            c.each(p, |d| d.info_push += n);
        },
    },
    Entry {
        id: "crisis_ranking",
        name: "Crisis ranking",
        category: C::CrisisInformation,
        strategy: St::ProtectCivilians,
        team: T::Platform,
        description: "Re-rank feeds for the crisis: credible news, crisis resources and warnings up; \
                      inflammatory content down. Engagement, and with it some user satisfaction, falls.",
        seed_section: "Surface crisis resources and credible information: modifying approaches to ranking and amplification",
        mechanism: "Feed weight x1.5 for news and crisis resources, x1.3 for warnings, x0.8 for posts flagged as incitement or \
                    misinformation (and legitimate posts mistaken for them); side effect: user trust -0.002 per turn (engagement loss). Assumption.",
        params: &[],
        lead_time: 1,
        scope: S::Districts,
        effects: &[(CredibleInfoReach, 1), (HarmfulImpressions, -1)],
        side_effects: &[(UserTrust, -1)],
        works_through: &[],
        named_harm: None,
        break_glass: false,
        cost: cost(2, 1),
        apply: |p, c| {
            c.each(p, |d| {
                d.feed[NEW] *= 1.5;
                d.feed[RES] *= 1.5;
                d.feed[WAR] *= 1.3;
                d.feed[INC] *= 0.8;
                d.feed[MIS] *= 0.8;
            });
            p.region.trust_drain += 0.002;
        },
    },
    Entry {
        id: "amplify_credible_sources",
        name: "Amplify credible sources",
        category: C::CrisisInformation,
        strategy: St::ProtectCivilians,
        team: T::Platform,
        description: "Boost posts from reliable media, civil society and humanitarian accounts. \
                      Whatever those accounts post is boosted, including what hijackers post from them.",
        seed_section: "Surface crisis resources and credible information: amplifying content from credible accounts",
        mechanism: "Feed weight of posts by credible sources x boost (hijacked sources included). Assumption.",
        params: &[param(
            "boost",
            1.0,
            4.0,
            2.0,
            "x",
            "Feed multiplier for credible sources",
        )],
        lead_time: 1,
        scope: S::Districts,
        effects: &[(CredibleInfoReach, 2), (MisinformationBelief, -1)],
        side_effects: &[],
        works_through: &[],
        named_harm: None,
        break_glass: false,
        cost: cost(1, 1),
        apply: |p, c| {
            let b = c.p(0);
            c.each(p, |d| d.credible_boost *= b);
        },
    },
    Entry {
        id: "ad_credits_local_orgs",
        name: "Ad credits for local organisations",
        category: C::CrisisInformation,
        strategy: St::ProtectCivilians,
        team: T::Platform,
        description: "Give credible local organisations free ad credits to promote warnings and crisis \
                      resources. Works only as far as ads are allowed.",
        seed_section: "Surface crisis resources and credible information: providing ad credits to credible local organizations",
        mechanism: "Promoted warnings/resources worth `impressions` per 1000 accounts per turn, shown to random accounts of a \
                    district (x max(0.3, ads allowed)). Assumption.",
        params: &[param(
            "impressions",
            0.0,
            2000.0,
            300.0,
            "per 1k accounts per turn",
            "Ad impressions credited",
        )],
        lead_time: 1,
        scope: S::Region,
        effects: &[(CredibleInfoReach, 1), (WarningReach, 1)],
        side_effects: &[],
        works_through: &[],
        named_harm: None,
        break_glass: false,
        cost: cost(1, 1),
        apply: |p, c| p.region.ad_credits += c.p(0),
    },
    Entry {
        id: "resource_nudges",
        name: "Resource nudges",
        category: C::CrisisInformation,
        strategy: St::ProtectCivilians,
        team: T::Platform,
        description: "Pop-up notifications pointing users of the targeted community to shelters, routes \
                      and aid. People know where to go; some tire of the notifications.",
        seed_section: "Surface crisis resources and credible information: push or pop-up notifications or nudges to resources",
        mechanism: "Preparedness of the targeted group += 0.08 (1 - preparedness) per turn; side effect: user trust -0.001 per turn. \
                    Assumption.",
        params: &[],
        lead_time: 1,
        scope: S::Districts,
        effects: &[(CiviliansProtected, 1)],
        side_effects: &[(UserTrust, -1)],
        works_through: &[],
        named_harm: None,
        break_glass: false,
        cost: cost(1, 1),
        apply: |p, c| {
            c.each(p, |d| d.preparedness_push += 0.08);
            p.region.trust_drain += 0.001;
        },
    },
    Entry {
        id: "user_feed_choice",
        name: "User feed choice",
        category: C::CrisisInformation,
        strategy: St::ProtectCivilians,
        team: T::Platform,
        description: "Let users switch to a chronological or crisis-information feed instead of the \
                      engagement-ranked one.",
        seed_section: "Surface crisis resources and credible information: affording users choice in how content is prioritized",
        mechanism: "A share of users see content ranked evenly (rank 1 for every kind) instead of by engagement. Assumption.",
        params: &[param("share", 0.0, 1.0, 0.3, "share", "Users who switch")],
        lead_time: 1,
        scope: S::Region,
        effects: &[(HarmfulImpressions, -1)],
        side_effects: &[],
        works_through: &[],
        named_harm: None,
        break_glass: false,
        cost: cost(2, 1),
        apply: |p, c| {
            let s = c.p(0);
            c.each(p, |d| d.feed_choice = (d.feed_choice + s).min(1.0));
        },
    },
    // ---------------------------------------------------------------- 4. early warning -------
    Entry {
        id: "emergency_alerts",
        name: "Emergency alerts",
        category: C::EarlyWarning,
        strategy: St::ProtectCivilians,
        team: T::CrisisLeadership,
        description: "Air-raid style alerts pushed to every member of the targeted community in a \
                      district once its risk passes a threshold. Alerts that are followed by \
                      nothing cost trust.",
        seed_section: "Disseminate early-warning information: publishing emergency air raid alerts on social media",
        mechanism: "When the risk the platform can estimate (from reported attacks and its own flags, raised towards the true \
                    risk by risk awareness) > threshold (x (1 - 0.3 risk awareness); -10 with a crisis-response function), every live \
                    account of the targeted group there receives a warning. A turn with an alert and no attack costs \
                    0.002 user trust. Assumption.",
        params: &[param(
            "threshold",
            10.0,
            95.0,
            60.0,
            "risk",
            "District risk that triggers an alert",
        )],
        lead_time: 2,
        scope: S::Districts,
        effects: &[
            (WarningReach, 3),
            (CiviliansProtected, 2),
            (CiviliansHarmed, -1),
        ],
        side_effects: &[(UserTrust, -1)],
        works_through: &[],
        named_harm: None,
        break_glass: false,
        cost: cost(2, 2),
        apply: |p, c| {
            let t = c.p(0) - 10.0 * c.capacity.crisis_function;
            c.each(p, |d| {
                d.alert_threshold = Some(d.alert_threshold.map_or(t, |x: f64| x.min(t)));
            });
        },
    },
    Entry {
        id: "safe_location_posts",
        name: "Safe and unsafe location posts",
        category: C::EarlyWarning,
        strategy: St::ProtectCivilians,
        team: T::CivilSociety,
        description: "Encourage and support posts that mark safe and unsafe locations (as in Libya and \
                      Syria). Warnings multiply; so does the location data perpetrators can read.",
        seed_section: "Disseminate early-warning information: social media posts to warn about safe/unsafe locations",
        mechanism: "Civilians' warnings after attacks x2; half of the people fleeing who did not know a safe way \
                    now do (route knowledge +0.5, where the scenario has havens or closed borders: they take the \
                    safest path and avoid half its danger); side effect: public location posts are harvestable: \
                    harvested data += 0.001 (1 - harvested) per warning posted per 1000 accounts. Assumption.",
        params: &[],
        lead_time: 1,
        scope: S::Districts,
        effects: &[(WarningReach, 1), (CiviliansProtected, 1)],
        side_effects: &[(HarmEnabledByExposedData, 1)],
        works_through: &[],
        named_harm: None,
        break_glass: false,
        cost: cost(1, 1),
        apply: |p, c| {
            c.each(p, |d| {
                d.civilian_warnings *= 2.0;
                d.route_knowledge += 0.5 * (1.0 - d.route_knowledge);
                d.location_leak += 0.001;
            })
        },
    },
    Entry {
        id: "graphic_content_exception",
        name: "Graphic content exception",
        category: C::EarlyWarning,
        strategy: St::ProtectCivilians,
        team: T::Platform,
        description: "Apply graphic-violence rules with the needs of affected people in mind: keep up \
                      documentation and warnings that show violence. Fewer mistaken removals, more \
                      graphic material in feeds.",
        seed_section: "Disseminate early-warning information: review how policies on graphic media are applied",
        mechanism: "False positives on documentation and warnings x0.3. Viewers see more graphic material (a \
                    psychosocial cost the outcomes do not measure; see graphic_content_blur). Assumption.",
        params: &[],
        lead_time: 1,
        scope: S::Region,
        effects: &[(EvidenceLost, -2), (LegitimateContentRemoved, -1)],
        side_effects: &[],
        works_through: &[],
        named_harm: None,
        break_glass: false,
        cost: cost(1, 2),
        apply: |p, _| {
            p.region.protective_fp *= 0.3;
        },
    },
    Entry {
        id: "graphic_content_blur",
        name: "Blur graphic content",
        category: C::EarlyWarning,
        strategy: St::ProtectCivilians,
        team: T::Platform,
        description: "Interstitials, greyscale and blurring over graphic images: less distress for \
                      viewers, less reason to remove documentation, a little less reach for it.",
        seed_section: "Disseminate early-warning information: interstitials, grayscale, or image blurring",
        mechanism: "Fear from graphic documentation x0.5; false positives on documentation x0.7; documentation feed weight x0.85 \
                    (a cost to documentation's reach too small to move a headline outcome). Assumption.",
        params: &[],
        lead_time: 1,
        scope: S::Districts,
        effects: &[(EvidenceLost, -1)],
        side_effects: &[],
        works_through: &[],
        named_harm: None,
        break_glass: false,
        cost: cost(1, 1),
        apply: |p, c| {
            c.each(p, |d| {
                d.graphic_fear *= 0.5;
                d.feed[DOC] *= 0.85;
            });
            p.region.documentation_fp *= 0.7;
        },
    },
    Entry {
        id: "trusted_warning_partners",
        name: "Trusted warning partners",
        category: C::EarlyWarning,
        strategy: St::ProtectCivilians,
        team: T::CivilSociety,
        description: "Support early-warning networks run by trusted third parties: their warnings are \
                      verified, labelled and prioritised. Only as good as the partnerships behind them.",
        seed_section: "Disseminate early-warning information: supporting early-warning initiatives by trusted third-party entities",
        mechanism: "Trust in warnings x (1.2 + 0.4 partnerships); warning feed weight x (1.2 + 0.4 partnerships). Assumption.",
        params: &[],
        lead_time: 1,
        scope: S::Districts,
        effects: &[(WarningReach, 2), (CiviliansProtected, 2)],
        side_effects: &[],
        works_through: &[],
        named_harm: None,
        break_glass: false,
        cost: cost(1, 2),
        apply: |p, c| {
            let m = 1.2 + 0.4 * c.capacity.partnerships;
            c.each(p, |d| {
                d.warning_trust *= m;
                d.feed[WAR] *= m;
            });
        },
    },
    // ---------------------------------------------------------------- 5. civilian comms ------
    Entry {
        id: "groups",
        name: "Community groups",
        category: C::CivilianCommunication,
        strategy: St::ProtectCivilians,
        team: T::Platform,
        description: "Invest in groups for crisis coordination: larger, more active community groups. \
                      Perpetrators' groups grow too.",
        seed_section: "Enhance communication and coordination capabilities: \"Groups\" or \"Communities\" features",
        mechanism: "Group posting and reach x boost for everyone (including perpetrators). Assumption.",
        params: &[param(
            "boost",
            1.0,
            3.0,
            1.5,
            "x",
            "Group activity multiplier",
        )],
        lead_time: 1,
        scope: S::Districts,
        effects: &[(WarningReach, 1)],
        side_effects: &[(HarmfulImpressions, 1)],
        works_through: &[],
        named_harm: Some(
            "\"Platforms should pay particular attention to the moderation of group discussion forums in settings where there is a heightened risk of mass atrocities\": perpetrators' groups grow too.",
        ),
        break_glass: false,
        cost: cost(1, 1),
        apply: |p, c| {
            let b = c.p(0);
            c.each(p, |d| d.groups *= b);
        },
    },
    Entry {
        id: "group_messaging",
        name: "Group messaging",
        category: C::CivilianCommunication,
        strategy: St::ProtectCivilians,
        team: T::Platform,
        description: "Promote group chats for families and neighbourhoods: warnings travel faster in \
                      private; so do rumours.",
        seed_section: "Enhance communication and coordination capabilities: features that enable group messaging",
        mechanism: "Probability of forwarding privately x1.6 for genuine accounts (family and neighbourhood chats; \
                    the organisation forwards through its own lists, as before): warnings travel further, and so do \
                    rumours civilians believe. Assumption.",
        params: &[],
        lead_time: 1,
        scope: S::Districts,
        effects: &[(WarningReach, 1)],
        side_effects: &[(HarmfulImpressions, 1)],
        works_through: &[],
        named_harm: None,
        break_glass: false,
        cost: cost(1, 1),
        apply: |p, c| c.each(p, |d| d.family_chats *= 1.6),
    },
    Entry {
        id: "proxy_access",
        name: "Proxy access",
        category: C::CivilianCommunication,
        strategy: St::ProtectCivilians,
        team: T::Platform,
        description: "Built-in proxy support so people can reach the platform through an internet \
                      shutdown. Everyone who uses it gets through, perpetrators included.",
        seed_section: "Enhance communication and coordination capabilities: connecting via proxy servers, bypassing restrictions",
        mechanism: "During a shutdown, connectivity = max(0, `floor`) instead of 0. Assumption.",
        params: &[param(
            "floor",
            0.0,
            1.0,
            0.4,
            "share",
            "Connectivity kept during a shutdown",
        )],
        lead_time: 1,
        scope: S::Districts,
        effects: &[(CivilianCommCapacity, 2), (WarningReach, 1)],
        side_effects: &[],
        works_through: &[],
        named_harm: None,
        break_glass: false,
        cost: cost(2, 1),
        apply: |p, c| {
            let f = c.p(0);
            c.each(p, |d| d.shutdown_floor = d.shutdown_floor.max(f));
        },
    },
    Entry {
        id: "admin_moderation_tools",
        name: "Group admin tools",
        category: C::CivilianCommunication,
        strategy: St::ProtectCivilians,
        team: T::Platform,
        description: "Give group administrators the tools to approve, vet and remove members, so \
                      perpetrators cannot infiltrate community groups. Admins vet by what they \
                      see: a newcomer or a small account is kept out whoever it is.",
        seed_section: "Enhance communication and coordination capabilities: administrators able to approve or remove members",
        mechanism: "Community-group reach x0.3 for the accounts admins keep out by what they can see: a record of removed \
                    posts, or a low-trust look (registered during the crisis, few connections, a fake whose signals give it \
                    away: the trust threshold's test). Side effect through the same vetting: genuine young or small accounts \
                    are kept out too, and their warnings reach fewer of their groups (civilians' capacity moves by under 1%). Assumption.",
        params: &[],
        lead_time: 1,
        scope: S::Region,
        effects: &[(HarmfulImpressions, -1)],
        side_effects: &[],
        works_through: &["groups"],
        named_harm: None,
        break_glass: false,
        cost: cost(1, 1),
        apply: |p, c| c.each(p, |d| d.group_infiltration *= 0.3),
    },
    Entry {
        id: "group_visibility_notices",
        name: "Group visibility notices",
        category: C::CivilianCommunication,
        strategy: St::ProtectCivilians,
        team: T::Platform,
        description: "Tell every member clearly whether a group is public or private, so people do not \
                      reveal themselves in spaces perpetrators can read.",
        seed_section: "Enhance communication and coordination capabilities: visibility of groups clearly communicated",
        mechanism: "Exposed targeting data x0.8: members stop revealing themselves in public groups. Assumption.",
        params: &[],
        lead_time: 1,
        scope: S::Region,
        effects: &[(HarmEnabledByExposedData, -1)],
        side_effects: &[],
        works_through: &[],
        named_harm: None,
        break_glass: false,
        cost: cost(1, 1),
        apply: |p, c| c.each(p, |d| d.exposure *= 0.8),
    },
    // ---------------------------------------------------------------- 6. foothold -------------
    Entry {
        id: "registration_screening",
        name: "Registration screening",
        category: C::Foothold,
        strategy: St::DegradePerpetrators,
        team: T::Platform,
        description: "Screen new registrations in the region for signs of perpetrator networks; block \
                      re-registration of banned actors. Some genuine newcomers are turned away.",
        seed_section: "Prevent perpetrators gaining foothold: preventing perpetrators from registering accounts",
        mechanism: "Each perpetrator registration (growth or ban evasion) blocked with probability `strength`; \
                    side effect through the same screen: each genuine newcomer (`newcomers_per_1k`, 0.5 per 1000 \
                    accounts per turn) is turned away with probability strength x `screen_fp` (0.05), counted \
                    as legitimate accounts lost (the report's 'What the platform saw'; no outcome of its own). Assumption.",
        params: &[param(
            "strength",
            0.0,
            1.0,
            0.7,
            "share",
            "Share of perpetrator registrations blocked",
        )],
        lead_time: 1,
        scope: S::Region,
        effects: &[(PerpetratorAccountsPeak, -2)],
        side_effects: &[],
        works_through: &[],
        named_harm: None,
        break_glass: false,
        cost: cost(1, 2),
        apply: |p, c| {
            let s = c.p(0);
            p.region.screening = 1.0 - (1.0 - p.region.screening) * (1.0 - s);
        },
    },
    Entry {
        id: "coordinated_network_detection",
        name: "Coordinated network detection",
        category: C::Foothold,
        strategy: St::DegradePerpetrators,
        team: T::Platform,
        description: "Investigate and take down networks of coordinated inauthentic accounts. Takedowns \
                      provoke re-registrations unless screening is on.",
        seed_section: "Prevent perpetrators gaining foothold: expanding detection of coordinated networks of accounts",
        mechanism: "Inauthentic accounts caught by their coordinated behaviour with probability +rate per turn (x (1 + 0.3 \
                    research)); side effect through the same detection: genuine small, young-looking accounts (fewer \
                    connections than the trust threshold's cut) are caught at rate x `network_fp`; every ban takes the account's posts with it (evidence lost unless \
                    preserved). Assumption.",
        params: &[param(
            "rate",
            0.0,
            1.0,
            0.2,
            "per turn",
            "Chance per turn of catching each fake account",
        )],
        lead_time: 1,
        scope: S::Region,
        effects: &[(PerpetratorAccountsPeak, -1), (HarmfulImpressions, -1)],
        side_effects: &[(EvidenceLost, 1)],
        works_through: &[],
        named_harm: None,
        break_glass: false,
        cost: cost(2, 2),
        apply: |p, c| {
            p.region.network_detection += c.p(0) * (1.0 + 0.3 * c.capacity.research);
        },
    },
    Entry {
        id: "designate_violent_orgs",
        name: "Designate violent organisation",
        category: C::Foothold,
        strategy: St::DegradePerpetrators,
        team: T::Platform,
        description: "Designate the organisation under the dangerous-organisations policy: its leaders \
                      are banned and praise or support of it is removed. Against a state-backed \
                      campaign this covers the state accounts leading it (as with a military's \
                      pages), which lose the exemption officials' posts otherwise enjoy; the \
                      government may retaliate.",
        seed_section: "Prevent perpetrators gaining foothold: designating and banning perpetrators under violent organizations policies",
        mechanism: "Organisers (the designated leadership) banned with probability 0.2 per turn; detection of harmful posts x1.3. \
                    If the campaign is state-affiliated: state voices lose the public-interest exemption and are banned \
                    with probability 0.2 per turn too, and there is a 0.15 chance per turn the government shuts the \
                    internet in a district for 2 turns. Assumption.",
        params: &[],
        lead_time: 1,
        scope: S::Region,
        effects: &[(HarmfulImpressions, -2), (CoordinationEvents, -1)],
        side_effects: &[(CivilianCommCapacity, -1)],
        works_through: &[],
        named_harm: None,
        break_glass: false,
        cost: cost(3, 2),
        apply: |p, c| {
            p.region.leader_ban_rate += 0.2;
            for k in HARMFUL {
                p.region.detection[k] *= 1.3;
            }
            if c.state_affiliated {
                p.region.state_designated = true;
                p.region.state_exemption = false;
                p.region.retaliation += 0.15;
            }
        },
    },
    Entry {
        id: "deplatform_perpetrators",
        name: "Deplatform perpetrators",
        category: C::Foothold,
        strategy: St::DegradePerpetrators,
        team: T::Platform,
        description: "Remove identified perpetrators' accounts. Bans are evaded with new accounts \
                      unless registrations are screened.",
        seed_section: "Prevent perpetrators gaining foothold: deplatforming perpetrators",
        mechanism: "Accounts with a record (a removed post), whoever they really are, banned with probability `rate` per \
                    turn (ban evasion brings some back). Side effects: civilians, sources and activists with wrongly removed \
                    posts are suspended too (counted as legitimate content removed); each banned account's posts \
                    are lost as evidence unless preserved; half of the banned members who do not come back keep \
                    organising off the platform (`ban_displacement`), out of its sight (Rogers 2020; McCabe et al. 2024: \
                    deplatforming cuts reach on the platform while part of the network moves elsewhere; the share is an assumption).",
        params: &[param(
            "rate",
            0.0,
            1.0,
            0.2,
            "per turn",
            "Chance per turn of banning each known member",
        )],
        lead_time: 1,
        scope: S::Region,
        effects: &[(HarmfulImpressions, -1), (MobilizedBystanders, -1)],
        side_effects: &[(LegitimateContentRemoved, 1), (EvidenceLost, 1)],
        works_through: &[],
        named_harm: None,
        break_glass: false,
        cost: cost(1, 2),
        apply: |p, c| {
            p.region.ban_rate += c.p(0);
        },
    },
    Entry {
        id: "heightened_monitoring",
        name: "Heightened monitoring",
        category: C::Foothold,
        strategy: St::DegradePerpetrators,
        team: T::Platform,
        description: "Watch known perpetrators' accounts closely and enforce faster against them. \
                      Reviewers spent there are not spent elsewhere.",
        seed_section: "Prevent perpetrators gaining foothold: heightened monitoring against content moderation policies",
        mechanism: "Posts by known perpetrator accounts: detection +0.5 x scrutiny (x (0.6 + 0.4 crisis function)), detection \
                    time / (1 + scrutiny). Side effect: review capacity x0.85. Assumption.",
        params: &[param(
            "scrutiny",
            0.0,
            2.0,
            1.0,
            "x",
            "Extra scrutiny of known accounts",
        )],
        lead_time: 1,
        scope: S::Region,
        effects: &[(HarmfulImpressions, -1)],
        side_effects: &[(ModerationBacklog, 1)],
        works_through: &[],
        named_harm: None,
        break_glass: false,
        cost: cost(1, 3),
        apply: |p, c| {
            p.region.perpetrator_scrutiny += c.p(0) * (0.6 + 0.4 * c.capacity.crisis_function);
            p.region.review_capacity *= 0.85;
        },
    },
    // ---------------------------------------------------------------- 7. coordination ---------
    Entry {
        id: "weapons_recruitment_enforcement",
        name: "Weapons and recruitment enforcement",
        category: C::Coordination,
        strategy: St::DegradePerpetrators,
        team: T::Platform,
        description: "Resource enforcement of the rules against weapons sales and recruitment into \
                      violent groups in the region.",
        seed_section: "Disrupt perpetrators from coordinating: enforcement of policies prohibiting weapons sales",
        mechanism: "Detection of weapons and recruitment posts x2.5; side effect: false positives x1.1. Assumption.",
        params: &[],
        lead_time: 1,
        scope: S::Region,
        effects: &[(CoordinationEvents, -2), (PerpetratorAccountsPeak, -1)],
        side_effects: &[(LegitimateContentRemoved, 1)],
        works_through: &[],
        named_harm: None,
        break_glass: false,
        cost: cost(1, 2),
        apply: |p, _| {
            p.region.detection[WEA] *= 2.5;
            p.region.detection[REC] *= 2.5;
            p.region.false_positives *= 1.1;
        },
    },
    Entry {
        id: "monitor_perpetrator_spaces",
        name: "Monitor perpetrator spaces",
        category: C::Coordination,
        strategy: St::DegradePerpetrators,
        team: T::Platform,
        description: "Heightened monitoring of the groups and pages where perpetrators organise.",
        seed_section: "Disrupt perpetrators from coordinating: heightened monitoring of online spaces where perpetrators organize",
        mechanism: "Coordination built per contact x0.6; detection of weapons, recruitment and target lists x1.5, and \
                    those flagged held back pending review (feed weight x0.3). Side effect: review capacity x0.9. \
                    Assumption.",
        params: &[],
        lead_time: 1,
        scope: S::Region,
        effects: &[(CoordinationEvents, -1), (CiviliansHarmed, -1)],
        side_effects: &[(ModerationBacklog, 1)],
        works_through: &[],
        named_harm: None,
        break_glass: false,
        cost: cost(1, 2),
        apply: |p, _| {
            p.region.coordination *= 0.6;
            for k in [WEA, REC, TAR] {
                p.region.detection[k] *= 1.5;
            }
            for d in p.districts.iter_mut() {
                for k in [WEA, REC, TAR] {
                    d.feed[k] *= 0.3;
                }
            }
            p.region.review_capacity *= 0.9;
        },
    },
    Entry {
        id: "anti_surveillance",
        name: "Anti-surveillance and anti-scraping",
        category: C::Coordination,
        strategy: St::DegradePerpetrators,
        team: T::Platform,
        description: "Prohibit and technically block the use of the platform to collect data on \
                      potential targets (scraping, bulk profile views).",
        seed_section: "Disrupt perpetrators from coordinating: policies prohibiting the use of social media for surveillance",
        mechanism: "Harvesting rate x0.4. Assumption.",
        params: &[],
        lead_time: 1,
        scope: S::Region,
        effects: &[(HarmEnabledByExposedData, -2)],
        side_effects: &[],
        works_through: &[],
        named_harm: None,
        break_glass: false,
        cost: cost(2, 1),
        apply: |p, _| p.region.harvesting *= 0.4,
    },
    // ---------------------------------------------------------------- 8. dangerous content ---
    Entry {
        id: "crisis_misinfo_policy",
        name: "Crisis misinformation policy",
        category: C::DangerousContent,
        strategy: St::DegradePerpetrators,
        team: T::Platform,
        description: "Keep dangerous rumours about the crisis off home feeds and stop them being \
                      reshared. The classifier also catches some genuine news.",
        seed_section: "Limit the presence or visibility of dangerous content: keep dangerous misinformation off home feeds, limit re-sharing",
        mechanism: "On posts the classifiers flag as misinformation (soft-action recall, by language coverage; from the \
                    minute flagged): feed weight x0.3 and reshare x0.3. Side effect through the same classifiers: news, \
                    warnings and prebunks mistaken for rumours are held back too. Assumption.",
        params: &[],
        lead_time: 1,
        scope: S::Districts,
        effects: &[(MisinformationBelief, -2), (HarmfulImpressions, -1)],
        side_effects: &[(CredibleInfoReach, -1)],
        works_through: &[],
        named_harm: None,
        break_glass: false,
        cost: cost(1, 3),
        apply: |p, c| {
            c.each(p, |d| {
                d.feed[MIS] *= 0.3;
                d.reshare[MIS] *= 0.3;
            })
        },
    },
    Entry {
        id: "deamplify_dehumanizing",
        name: "Deamplify dehumanising speech",
        category: C::DangerousContent,
        strategy: St::DegradePerpetrators,
        team: T::Platform,
        description: "Rank dehumanising language and exclusionary ideology down without removing it. \
                      Counter-speech and documentation quoting it are caught too.",
        seed_section: "Limit the presence or visibility of dangerous content: deamplifying dehumanizing language",
        mechanism: "On posts the classifiers flag as incitement: feed weight x0.4. Documentation quoting it is mistaken \
                    for incitement and demoted too (documentation's false-positive rate, heavier where coverage is thin). \
                    Assumption.",
        params: &[],
        lead_time: 1,
        scope: S::Districts,
        effects: &[(HarmfulImpressions, -2), (MobilizedBystanders, -1)],
        side_effects: &[],
        works_through: &[],
        named_harm: None,
        break_glass: false,
        cost: cost(1, 2),
        apply: |p, c| {
            c.each(p, |d| {
                d.feed[INC] *= 0.4;
            })
        },
    },
    Entry {
        id: "incitement_enforcement",
        name: "Incitement enforcement",
        category: C::DangerousContent,
        strategy: St::DegradePerpetrators,
        team: T::Platform,
        description: "Rigorously enforce the ban on incitement, including coded language. More \
                      removals means more mistaken removals, heavier where language coverage is thin.",
        seed_section: "Limit the presence or visibility of dangerous content: policies prohibiting incitement rigorously enforced",
        mechanism: "Incitement detection x2; false positives x1.6 (which the language term makes heavier where coverage is thin). \
                    Assumption.",
        params: &[],
        lead_time: 1,
        scope: S::Region,
        effects: &[(HarmfulImpressions, -1), (MobilizedBystanders, -1)],
        side_effects: &[(LegitimateContentRemoved, 2), (EvidenceLost, 1)],
        works_through: &[],
        named_harm: None,
        break_glass: false,
        cost: cost(1, 3),
        apply: |p, _| {
            p.region.detection[INC] *= 2.0;
            p.region.false_positives *= 1.6;
        },
    },
    Entry {
        id: "forwarding_limits",
        name: "Forwarding limits",
        category: C::DangerousContent,
        strategy: St::DegradePerpetrators,
        team: T::Platform,
        description: "Cap how many chats a message can be forwarded to at once (WhatsApp: 5). Mass \
                      forwarders are slowed; so are people forwarding a warning.",
        seed_section: "Limit the presence or visibility of dangerous content: rate limits or forwarding limits",
        mechanism: "Forward limit = max_chats (from 20). Calibrated against de Freitas Melo et al. 2019 (see the calibration section). \
                    Ordinary users rarely reach the limit: civilians' own capacity moves by under 1%.",
        params: &[param(
            "max_chats",
            1.0,
            20.0,
            5.0,
            "chats",
            "Chats one forward can reach",
        )],
        lead_time: 1,
        scope: S::Districts,
        effects: &[(HarmfulImpressions, -1)],
        side_effects: &[],
        works_through: &[],
        named_harm: None,
        break_glass: false,
        cost: cost(1, 1),
        apply: |p, c| {
            let m = c.p(0).round().max(1.0) as u32;
            c.each(p, |d| d.forward_limit = d.forward_limit.min(m));
        },
    },
    Entry {
        id: "rate_limits",
        name: "Rate limits",
        category: C::DangerousContent,
        strategy: St::DegradePerpetrators,
        team: T::Platform,
        description: "Limit how many posts an account can share per period, so bot-like accounts \
                      cannot flood feeds. Activists posting bursts of warnings hit the limit too.",
        seed_section: "Limit the presence or visibility of dangerous content: rate limits",
        mechanism: "Shares per account per turn capped at max_shares (from 20 for organisation accounts, 10 for sources and activists, \
                    3 for other civilians). Assumption. No side effect is declared: measured on civilians' own posts, a limit of 2 \
                    shares per turn changes their communication capacity by less than 0.1% (few civilians or activists reshare \
                    more than twice a turn in the model), so the report's concern about activists' bursts is not reproduced.",
        params: &[param(
            "max_shares",
            1.0,
            20.0,
            2.0,
            "per turn",
            "Shares allowed per account per turn",
        )],
        lead_time: 1,
        scope: S::Districts,
        effects: &[(HarmfulImpressions, -2)],
        side_effects: &[],
        works_through: &[],
        named_harm: None,
        break_glass: false,
        cost: cost(1, 1),
        apply: |p, c| {
            let m = c.p(0).round().clamp(1.0, 20.0) as u16;
            c.each(p, |d| d.rate_limit = d.rate_limit.min(m));
        },
    },
    Entry {
        id: "trust_threshold_for_reach",
        name: "Trust threshold for reach",
        category: C::DangerousContent,
        strategy: St::DegradePerpetrators,
        team: T::Platform,
        description: "New and low-trust accounts must earn trust before their posts get broad reach. \
                      Some genuine users fall below the bar too.",
        seed_section: "Limit the presence or visibility of dangerous content: indicia of trustworthiness before broad reach",
        mechanism: "Feed and hashtag-page reach x factor for accounts that look low-trust by what the platform can see: registered \
                    during the crisis, a fake whose signals give it away (`fake_signal_recall`, 0.5 of them), or with fewer connections than `low_trust_degree_share` (0.75) x the mean \
                    degree (about 15% of accounts). Side effect: genuine young or \
                    small accounts (civilians and activists among them) fall below the bar and their warnings travel less. Assumption.",
        params: &[param(
            "factor",
            0.0,
            1.0,
            0.3,
            "x",
            "Reach kept by low-trust accounts",
        )],
        lead_time: 1,
        scope: S::Districts,
        effects: &[(HarmfulImpressions, -1)],
        side_effects: &[(CivilianCommCapacity, -1)],
        works_through: &[],
        named_harm: None,
        break_glass: false,
        cost: cost(1, 1),
        apply: |p, c| {
            let f = c.p(0);
            c.each(p, |d| d.low_trust_reach *= f)
        },
    },
    Entry {
        id: "ads_restrictions",
        name: "Ads restrictions",
        category: C::DangerousContent,
        strategy: St::DegradePerpetrators,
        team: T::Platform,
        description: "Restrict political and issue ads in the region to trusted advertisers, or ban \
                      them. The rule goes by the advertiser: hijacked or impersonated pages and \
                      state outlets not designated still pass, perpetrators move to trusted-looking \
                      pages, and local organisations lose their ads too.",
        seed_section: "Limit the presence or visibility of dangerous content: link trustworthiness to ads, or prohibit ads",
        mechanism: "Ads from advertisers without a trusted look x (1 - share), whoever runs them; ads from trusted-looking \
                    pages (hijacked sources, impersonators, state outlets unless designated) still run; half of the refused \
                    ads reappear as organic posts from trusted-looking pages; ad credits for local organisations drop with \
                    it (keeping at least 30% of their reach). Assumption.",
        params: &[param(
            "share",
            0.0,
            1.0,
            1.0,
            "share",
            "Share of untrusted advertisers' ads refused",
        )],
        lead_time: 1,
        scope: S::Region,
        effects: &[(HarmfulImpressions, -1)],
        side_effects: &[],
        works_through: &[],
        named_harm: None,
        break_glass: false,
        cost: cost(1, 2),
        apply: |p, c| p.region.untrusted_ads *= 1.0 - c.p(0),
    },
    Entry {
        id: "warning_labels",
        name: "Warning labels",
        category: C::DangerousContent,
        strategy: St::DegradePerpetrators,
        team: T::Platform,
        description: "A soft intervention: label dangerous misinformation that stays up, saying what \
                      is known. Labels persuade only in a language people read.",
        seed_section: "Limit the presence or visibility of dangerous content: soft interventions such as warning labels",
        mechanism: "On posts the classifiers flag as misinformation: persuasion x (0.75 - 0.15 localization). True news \
                    mistaken for a rumour is labelled too. Assumption; label effects in the literature are modest.",
        params: &[],
        lead_time: 1,
        scope: S::Districts,
        effects: &[(MisinformationBelief, -1)],
        side_effects: &[],
        works_through: &[],
        named_harm: None,
        break_glass: false,
        cost: cost(1, 2),
        apply: |p, c| {
            let m = 0.75 - 0.15 * c.capacity.localization;
            c.each(p, |d| d.persuasion[MIS] *= m);
        },
    },
    // ---------------------------------------------------------------- 9. contextualise -------
    Entry {
        id: "interstitials",
        name: "Interstitials",
        category: C::Contextualize,
        strategy: St::DegradePerpetrators,
        team: T::Platform,
        description: "A screen before high-risk inflammatory content explaining what it is; fewer people \
                      click through, those who do are less persuaded. Graphic documentation gets them too.",
        seed_section: "Contextualize perpetrator content: warning labels or interstitials",
        mechanism: "On posts the classifiers flag as incitement: feed weight x0.7 and persuasion x0.8. Graphic \
                    documentation mistaken for incitement gets the screen too. Assumption.",
        params: &[],
        lead_time: 1,
        scope: S::Districts,
        effects: &[(HarmfulImpressions, -1), (MobilizedBystanders, -1)],
        side_effects: &[],
        works_through: &[],
        named_harm: None,
        break_glass: false,
        cost: cost(1, 1),
        apply: |p, c| {
            c.each(p, |d| {
                d.feed[INC] *= 0.7;
                d.persuasion[INC] *= 0.8;
            })
        },
    },
    Entry {
        id: "verified_official_labels",
        name: "Verified and state-affiliated labels",
        category: C::Contextualize,
        strategy: St::DegradePerpetrators,
        team: T::Platform,
        description: "Verify and label officials, candidates and state-affiliated media, so impersonators \
                      and state propaganda lose the borrowed credibility. A government running the \
                      campaign may retaliate.",
        seed_section: "Contextualize perpetrator content: verifying and labeling officials, candidates, state-affiliated media",
        mechanism: "Trusted-looking posts whose author is not a genuine credible source lose the credibility boost and are \
                    persuasive x0.7. If the campaign is state-affiliated: 0.05 chance per turn of a retaliatory shutdown. \
                    Assumption.",
        params: &[],
        lead_time: 1,
        scope: S::Region,
        effects: &[(MisinformationBelief, -2)],
        side_effects: &[(CivilianCommCapacity, -1)],
        works_through: &[],
        named_harm: None,
        break_glass: false,
        cost: cost(3, 1),
        apply: |p, c| {
            p.region.verified_labels = true;
            if c.state_affiliated {
                p.region.retaliation += 0.05;
            }
        },
    },
    Entry {
        id: "provenance_labels",
        name: "Provenance labels",
        category: C::Contextualize,
        strategy: St::DegradePerpetrators,
        team: T::Platform,
        description: "Show where media comes from (old footage, another country, edited): misleading \
                      media persuades less, genuine documentation a little more.",
        seed_section: "Contextualize perpetrator content: context on or labeling the provenance of misleading media",
        mechanism: "On posts the classifiers flag as misinformation: persuasion x0.8; documentation x1.1 (a state's own \
                    voices are exempt from moderation, so their posts carry no label until the campaign is designated). \
                    Assumption.",
        params: &[],
        lead_time: 1,
        scope: S::Districts,
        effects: &[(MisinformationBelief, -1)],
        side_effects: &[],
        works_through: &["designate_violent_orgs"],
        named_harm: None,
        break_glass: false,
        cost: cost(1, 1),
        apply: |p, c| {
            c.each(p, |d| {
                d.persuasion[MIS] *= 0.8;
                d.persuasion[DOC] *= 1.1;
            })
        },
    },
    Entry {
        id: "prebunking",
        name: "Prebunking",
        category: C::Contextualize,
        strategy: St::DegradePerpetrators,
        team: T::CivilSociety,
        description: "With local partners, show people the manipulation techniques and rumours they \
                      are about to meet. Works better with partners who know the rumours.",
        seed_section: "Contextualize perpetrator content: prebunking or inoculating users",
        mechanism: "`pushes` prebunk posts per 1000 accounts per turn (x (0.4 + 0.6 partnerships)), each to 50 random accounts; \
                    inoculation cuts persuasion by up to `prebunk_protection` (60%) and fades by `prebunk_decay` (5%) a turn. Assumption (direction: Roozenbeek et al. 2022).",
        params: &[param(
            "pushes",
            0.0,
            5.0,
            1.0,
            "per 1k accounts per turn",
            "Prebunk posts pushed",
        )],
        lead_time: 2,
        scope: S::Districts,
        effects: &[(MisinformationBelief, -1), (MobilizedBystanders, -1)],
        side_effects: &[],
        works_through: &["local_partnerships"],
        named_harm: None,
        break_glass: false,
        cost: cost(2, 2),
        apply: |p, c| {
            let n = c.p(0) * (0.4 + 0.6 * c.capacity.partnerships);
            c.each(p, |d| d.prebunk_push += n);
        },
    },
    Entry {
        id: "community_flagging",
        name: "Community flagging",
        category: C::Contextualize,
        strategy: St::DegradePerpetrators,
        team: T::CivilSociety,
        description: "Let users flag misinformation and incitement themselves, useful where the platform \
                      lacks language coverage. Perpetrators mass-flag activists' posts in return.",
        seed_section: "Contextualize perpetrator content: user-led or community-to-community flagging",
        mechanism: "Detection + 0.3 x strength regardless of language; side effect: warnings and documentation flagged with \
                    probability + 0.02 x strength x (1 - 0.5 partnerships) (brigading). Assumption.",
        params: &[param(
            "strength",
            0.0,
            1.0,
            0.5,
            "share",
            "How active flaggers are",
        )],
        lead_time: 1,
        scope: S::Region,
        effects: &[(HarmfulImpressions, -1)],
        side_effects: &[(LegitimateContentRemoved, 1)],
        works_through: &[],
        named_harm: None,
        break_glass: false,
        cost: cost(1, 2),
        apply: |p, c| {
            p.region.community_flags += c.p(0);
            p.region.brigading += c.p(0) * (1.0 - 0.5 * c.capacity.partnerships);
        },
    },
    // ---------------------------------------------------------------- 10. bystanders ---------
    Entry {
        id: "reshare_nudges",
        name: "Reshare nudges",
        category: C::Bystanders,
        strategy: St::DegradePerpetrators,
        team: T::Platform,
        description: "\"Think before you share\" prompts before resharing content likely to be harmful. \
                      Ordinary users listen; organisation accounts do not.",
        seed_section: "Prevent perpetrators from mobilizing bystanders: nudges to think twice before re-sharing",
        mechanism: "Civilians' reshare probability of content flagged as harmful x (1 - cut), of everything else x (1 - cut/4). \
                    The small cut on other content does not reliably lower warning reach: fewer harmful \
                    shares leave attention for warnings. Calibrated against Bak-Coleman et al. 2022 (see the calibration section).",
        params: &[param(
            "cut",
            0.0,
            0.8,
            0.2,
            "share",
            "Cut in reshare probability",
        )],
        lead_time: 1,
        scope: S::Districts,
        effects: &[(HarmfulImpressions, -1), (MisinformationBelief, -1)],
        side_effects: &[],
        works_through: &[],
        named_harm: None,
        break_glass: false,
        cost: cost(1, 1),
        apply: |p, c| {
            let cut = c.p(0);
            c.each(p, |d| {
                for k in ALL_KINDS {
                    let x = if HARMFUL.contains(&k) { cut } else { cut / 4.0 };
                    d.civilian_reshare[k] *= 1.0 - x;
                }
            })
        },
    },
    Entry {
        id: "reply_prompts",
        name: "Reply prompts",
        category: C::Bystanders,
        strategy: St::DegradePerpetrators,
        team: T::Platform,
        description: "Warn users before they post a reply or comment that looks hurtful, so pile-ons \
                      that radicalise bystanders lose some heat.",
        seed_section: "Prevent perpetrators from mobilizing bystanders: prompts warning of a potentially harmful reply",
        mechanism: "Hostility gained from incitement x0.8. Assumption.",
        params: &[],
        lead_time: 1,
        scope: S::Districts,
        effects: &[(MobilizedBystanders, -1)],
        side_effects: &[],
        works_through: &[],
        named_harm: None,
        break_glass: false,
        cost: cost(1, 1),
        apply: |p, c| c.each(p, |d| d.hostility_gain *= 0.8),
    },
    Entry {
        id: "reshare_friction",
        name: "Reshare friction",
        category: C::Bystanders,
        strategy: St::DegradePerpetrators,
        team: T::Platform,
        description: "Interrupt the interface so rapid resharing takes more steps. It slows warnings \
                      as much as rumours: the report advises lifting friction once atrocities have begun.",
        seed_section: "Prevent perpetrators from mobilizing bystanders: interrupting the user interface to make rapid re-sharing harder",
        mechanism: "Reshare probability of every kind x (1 - strength) for ordinary users and x (1 - 0.25 strength) for the \
                    organisation's committed accounts, which click through prompts; each hop takes (1 + strength/2) times \
                    longer. Assumption.",
        params: &[param("strength", 0.0, 0.9, 0.4, "share", "Cut in reshares")],
        lead_time: 1,
        scope: S::Districts,
        effects: &[(HarmfulImpressions, -2), (MobilizedBystanders, -1)],
        side_effects: &[(WarningReach, -2), (CivilianCommCapacity, -1)],
        works_through: &[],
        named_harm: None,
        break_glass: false,
        cost: cost(1, 1),
        apply: |p, c| {
            let s = c.p(0);
            c.each(p, |d| {
                d.friction = 1.0 - (1.0 - d.friction) * (1.0 - s);
                d.hop_slowdown *= 1.0 + s / 2.0;
            })
        },
    },
    // ---------------------------------------------------------------- 11. break glass --------
    Entry {
        id: "disable_hashtags",
        name: "Disable hashtags",
        category: C::BreakGlass,
        strategy: St::DegradePerpetrators,
        team: T::CrisisLeadership,
        description: "Switch off hashtags in the region (as in Ethiopia). The mobilisation campaign loses \
                      its rallying point, and so does civil society's warning tag; after two turns the \
                      campaign switches to coded language that classifiers miss.",
        seed_section: "Last resort or \"break glass\" measures: disabling features that allow users to share hashtags",
        mechanism: "Hashtag pages off; after 2 turns perpetrators regain 40% of the hashtag reach through coded terms, \
                    which classifiers catch 20% less often. Assumption.",
        params: &[],
        lead_time: 0,
        scope: S::Districts,
        effects: &[(HarmfulImpressions, -2), (MobilizedBystanders, -1)],
        side_effects: &[(WarningReach, -1), (CivilianCommCapacity, -1)],
        works_through: &[],
        named_harm: None,
        break_glass: true,
        cost: cost(1, 2),
        apply: |p, c| c.each(p, |d| d.hashtags = false),
    },
    Entry {
        id: "throttle_virality",
        name: "Throttle virality",
        category: C::BreakGlass,
        strategy: St::DegradePerpetrators,
        team: T::CrisisLeadership,
        description: "Deliberately slow sharing features down so nothing spreads fast. Warnings arrive \
                      late too.",
        seed_section: "Last resort or \"break glass\" measures: slowing down or degrading features (adding friction)",
        mechanism: "Each hop takes `slowdown` times longer (fewer generations fit in a turn). Assumption.",
        params: &[param(
            "slowdown",
            1.0,
            8.0,
            3.0,
            "x",
            "How much slower every hop is",
        )],
        lead_time: 0,
        scope: S::Districts,
        effects: &[(HarmfulImpressions, -2), (MisinformationBelief, -1)],
        side_effects: &[(WarningReach, -2), (CivilianCommCapacity, -2)],
        works_through: &[],
        named_harm: None,
        break_glass: true,
        cost: cost(1, 2),
        apply: |p, c| {
            let s = c.p(0);
            c.each(p, |d| d.hop_slowdown *= s);
        },
    },
    Entry {
        id: "suspend_groups",
        name: "Suspend groups",
        category: C::BreakGlass,
        strategy: St::DegradePerpetrators,
        team: T::CrisisLeadership,
        description: "Temporarily switch off posting in groups: perpetrators' organising spaces close, \
                      and so do neighbourhood groups.",
        seed_section: "Last resort or \"break glass\" measures: temporary feature shutdowns",
        mechanism: "Group posting off; coordination built per contact x0.7 (the organisation moves its coordination into \
                    private forwards: coordination posts fall in some worlds and rise in others). Assumption.",
        params: &[],
        lead_time: 0,
        scope: S::Districts,
        effects: &[(HarmfulImpressions, -1)],
        side_effects: &[(CivilianCommCapacity, -1), (WarningReach, -1)],
        works_through: &[],
        named_harm: None,
        break_glass: true,
        cost: cost(1, 2),
        apply: |p, c| {
            c.each(p, |d| d.groups = 0.0);
            p.region.coordination *= 0.7;
        },
    },
    Entry {
        id: "disable_forwarding",
        name: "Disable forwarding",
        category: C::BreakGlass,
        strategy: St::DegradePerpetrators,
        team: T::CrisisLeadership,
        description: "Allow forwarding to one chat at a time only, and no private forwarding of viral \
                      content at all.",
        seed_section: "Last resort or \"break glass\" measures: temporary feature shutdowns",
        mechanism: "Forward limit 1 and private forwarding probability x0.2. Assumption.",
        params: &[],
        lead_time: 0,
        scope: S::Districts,
        effects: &[(HarmfulImpressions, -1)],
        side_effects: &[(CivilianCommCapacity, -1), (WarningReach, -1)],
        works_through: &[],
        named_harm: None,
        break_glass: true,
        cost: cost(1, 2),
        apply: |p, c| {
            c.each(p, |d| {
                d.forward_limit = 1;
                d.messaging *= 0.2;
            })
        },
    },
    Entry {
        id: "pause_new_accounts",
        name: "Pause new accounts",
        category: C::BreakGlass,
        strategy: St::DegradePerpetrators,
        team: T::CrisisLeadership,
        description: "Freeze registrations in the region. Banned perpetrators cannot come back, and \
                      neither can anyone who needs a new account.",
        seed_section: "Last resort or \"break glass\" measures: temporary feature shutdowns",
        mechanism: "Every registration blocked, genuine newcomers' too (`newcomers_per_1k`, 0.5 per 1000 accounts per \
                    turn, counted as legitimate accounts lost); user trust \
                    -0.003 per turn. Assumption.",
        params: &[],
        lead_time: 0,
        scope: S::Region,
        effects: &[(PerpetratorAccountsPeak, -2)],
        side_effects: &[(LegitimateContentRemoved, 1), (UserTrust, -1)],
        works_through: &[],
        named_harm: None,
        break_glass: true,
        cost: cost(1, 2),
        apply: |p, _| {
            p.region.screening = 1.0;
            p.region.registrations_paused = true;
            p.region.trust_drain += 0.003;
        },
    },
    // ---------------------------------------------------------------- platform capacity -------
    Entry {
        id: "crisis_response_function",
        name: "Crisis response function",
        category: C::PlatformCapacity,
        strategy: St::Capacity,
        team: T::CrisisLeadership,
        description: "A dedicated crisis team with a principled risk-assessment protocol: risk tiers \
                      unlock playbooks. It takes time to stand up and makes other tools work better.",
        seed_section: "General recommendations: dedicated crisis response function with a risk assessment process",
        mechanism: "Once in force: review speed x1.5; emergency alerts trigger 10 points earlier; heightened monitoring at full \
                    strength (else 60%); risk awareness +0.5. Assumption.",
        params: &[],
        lead_time: 4,
        scope: S::Region,
        effects: &[(ModerationBacklog, -1), (WarningReach, 1)],
        side_effects: &[],
        works_through: &["emergency_alerts", "heightened_monitoring"],
        named_harm: None,
        break_glass: false,
        cost: cost_raising(3, 1, &[(T::Platform, 4), (T::CrisisLeadership, 2)]),
        apply: |p, _| {
            p.region.review_speed *= 1.5;
            p.region.risk_awareness += 0.5;
        },
    },
    Entry {
        id: "local_partnerships",
        name: "Local partnerships",
        category: C::PlatformCapacity,
        strategy: St::Capacity,
        team: T::CrisisLeadership,
        description: "Invest in relationships with local civil society, trained on the platform's tools. \
                      They must exist before the crisis to pay off; they make warnings, prebunks and \
                      flags work better.",
        seed_section: "General recommendations: invest heavily in local partnerships established well in advance",
        mechanism: "After a long lead time: language coverage +0.1; trusted warning partners, prebunking and community flagging \
                    at full strength (see those entries). Assumption.",
        params: &[],
        lead_time: 8,
        scope: S::Region,
        effects: &[(WarningReach, 1), (LegitimateContentRemoved, -1)],
        side_effects: &[],
        works_through: &[
            "trusted_warning_partners",
            "prebunking",
            "community_flagging",
        ],
        named_harm: None,
        break_glass: false,
        cost: cost_raising(2, 1, &[(T::CivilSociety, 3), (T::Platform, 1)]),
        apply: |p, _| p.region.coverage_boost += 0.1,
    },
    Entry {
        id: "localization",
        name: "Localisation",
        category: C::PlatformCapacity,
        strategy: St::Capacity,
        team: T::CrisisLeadership,
        description: "Localise classifiers, reviewers, labels and resources into every local language. \
                      Better detection, fewer mistakes, and tools that people can read.",
        seed_section: "General recommendations: localize all resources into relevant local languages",
        mechanism: "Language coverage +0.35 (detection up, false positives down); hubs and labels at full strength. Assumption.",
        params: &[],
        lead_time: 6,
        scope: S::Region,
        effects: &[(LegitimateContentRemoved, -2), (HarmfulImpressions, -1)],
        side_effects: &[],
        works_through: &["crisis_info_hub", "warning_labels"],
        named_harm: None,
        break_glass: false,
        cost: cost_raising(3, 1, &[(T::Platform, 2)]),
        apply: |p, _| p.region.coverage_boost += 0.35,
    },
    Entry {
        id: "evidence_preservation",
        name: "Evidence preservation",
        category: C::PlatformCapacity,
        strategy: St::Capacity,
        team: T::CrisisLeadership,
        description: "Keep removed content that documents atrocities and share it with investigators \
                      through a clear policy.",
        seed_section: "General recommendations: preserve digital evidence of mass atrocities",
        mechanism: "Removed documentation is preserved instead of lost. Assumption.",
        params: &[],
        lead_time: 1,
        scope: S::Region,
        effects: &[(EvidenceLost, -3)],
        side_effects: &[],
        works_through: &[],
        named_harm: None,
        break_glass: false,
        cost: cost(1, 1),
        apply: |p, _| p.region.evidence_preservation = true,
    },
    Entry {
        id: "product_use_research",
        name: "Product-use research",
        category: C::PlatformCapacity,
        strategy: St::Capacity,
        team: T::CrisisLeadership,
        description: "Study how the product is used in the region to build a baseline: anomalies stand \
                      out, ordinary use is less often mistaken for abuse.",
        seed_section: "General recommendations: build awareness of how products are used in atrocity risk settings",
        mechanism: "Inauthentic detection +0.03 per turn; false positives x0.85. Assumption.",
        params: &[],
        lead_time: 6,
        scope: S::Region,
        effects: &[
            (LegitimateContentRemoved, -1),
            (PerpetratorAccountsPeak, -1),
        ],
        side_effects: &[],
        works_through: &[],
        named_harm: None,
        break_glass: false,
        cost: cost(2, 1),
        apply: |p, _| {
            p.region.network_detection += 0.03;
            p.region.false_positives *= 0.85;
        },
    },
    Entry {
        id: "tabletop_preparation",
        name: "Tabletop preparation",
        category: C::PlatformCapacity,
        strategy: St::Capacity,
        team: T::CrisisLeadership,
        description: "Rehearse the playbooks in scenario exercises like this one: once done, every \
                      other tool deploys in half the time.",
        seed_section: "General recommendations: hold tabletop or scenario-based simulations",
        mechanism: "Interventions enabled after it is in force have half their lead time. Assumption.",
        params: &[],
        lead_time: 4,
        scope: S::Region,
        effects: &[],
        side_effects: &[],
        works_through: &["local_partnerships", "crisis_response_function"],
        named_harm: None,
        break_glass: false,
        cost: cost_raising(2, 0, &[(T::CrisisLeadership, 1)]),
        apply: |_, _| {},
    },
    // ---------------------------------------------------------------- policy makers -----------
    Entry {
        id: "risk_information_sharing",
        name: "Risk information sharing",
        category: C::PolicyLevers,
        strategy: St::Policy,
        team: T::PolicyMakers,
        description: "Governments and prevention experts tell platforms where atrocity risk is rising, \
                      so they act earlier.",
        seed_section: "Recommendations for policy makers: greater information sharing on settings of heightened risk",
        mechanism: "Risk awareness +0.5 (emergency alerts trigger at a lower risk); detection x1.1. Assumption.",
        params: &[],
        lead_time: 1,
        scope: S::Region,
        effects: &[(WarningReach, 1), (HarmfulImpressions, -1)],
        side_effects: &[],
        works_through: &["emergency_alerts"],
        named_harm: None,
        break_glass: false,
        cost: cost(1, 1),
        apply: |p, _| {
            p.region.risk_awareness += 0.5;
            for k in HARMFUL {
                p.region.detection[k] *= 1.1;
            }
        },
    },
    Entry {
        id: "dedicated_channels",
        name: "Dedicated channels",
        category: C::PolicyLevers,
        strategy: St::Policy,
        team: T::PolicyMakers,
        description: "A standing line between the prevention community and platform crisis teams: \
                      escalations are reviewed fast.",
        seed_section: "Recommendations for policy makers: dedicated channels for communication with social media companies",
        mechanism: "Review speed x2. Assumption.",
        params: &[],
        lead_time: 2,
        scope: S::Region,
        effects: &[(HarmfulImpressions, -1), (ModerationBacklog, -1)],
        side_effects: &[],
        works_through: &[],
        named_harm: None,
        break_glass: false,
        cost: cost(1, 1),
        apply: |p, _| p.region.review_speed *= 2.0,
    },
    Entry {
        id: "joint_research",
        name: "Joint research",
        category: C::PolicyLevers,
        strategy: St::Policy,
        team: T::PolicyMakers,
        description: "Fund and run research with platforms on which interventions work in atrocity \
                      settings. Pays off slowly.",
        seed_section: "Recommendations for policy makers: partner with platforms to research benefits and risks of interventions",
        mechanism: "After a long lead time: detection x1.1, false positives x0.9, network detection x1.3. Assumption.",
        params: &[],
        lead_time: 8,
        scope: S::Region,
        effects: &[(LegitimateContentRemoved, -1), (HarmfulImpressions, -1)],
        side_effects: &[],
        works_through: &["coordinated_network_detection"],
        named_harm: None,
        break_glass: false,
        cost: cost(2, 1),
        apply: |p, _| {
            for k in HARMFUL {
                p.region.detection[k] *= 1.1;
            }
            p.region.false_positives *= 0.9;
        },
    },
    Entry {
        id: "expertise_sharing",
        name: "Expertise sharing",
        category: C::PolicyLevers,
        strategy: St::Policy,
        team: T::PolicyMakers,
        description: "Prevention experts share what they know (coded language, warning signs) with \
                      platform teams.",
        seed_section: "Recommendations for policy makers: share atrocity prevention expertise with platforms",
        mechanism: "Language coverage +0.1; incitement detection x1.2. Assumption.",
        params: &[],
        lead_time: 4,
        scope: S::Region,
        effects: &[(HarmfulImpressions, -1)],
        side_effects: &[],
        works_through: &["incitement_enforcement", "deamplify_dehumanizing"],
        named_harm: None,
        break_glass: false,
        cost: cost(1, 1),
        apply: |p, _| {
            p.region.coverage_boost += 0.1;
            p.region.detection[INC] *= 1.2;
        },
    },
    Entry {
        id: "shutdown_pressure",
        name: "Pressure against shutdowns",
        category: C::PolicyLevers,
        strategy: St::Policy,
        team: T::PolicyMakers,
        description: "Diplomatic pressure on the government not to shut down the internet: some \
                      shutdowns are averted, others shortened.",
        seed_section: "Recommendations for policy makers: incorporate digital tools into prevention strategies (access)",
        mechanism: "A shutdown is averted with probability 0.5 x strength and otherwise shortened by half x strength. Assumption.",
        params: &[param(
            "strength",
            0.0,
            1.0,
            0.6,
            "share",
            "Weight of the pressure",
        )],
        lead_time: 2,
        scope: S::Region,
        effects: &[(CivilianCommCapacity, 1), (WarningReach, 1)],
        side_effects: &[],
        works_through: &[],
        named_harm: None,
        break_glass: false,
        cost: cost(1, 2),
        apply: |p, c| {
            p.region.shutdown_resistance = (p.region.shutdown_resistance + c.p(0)).min(1.0)
        },
    },
];
