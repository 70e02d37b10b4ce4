//! Posting and spreading: who posts what this turn, and the cascades that carry each post over
//! feeds (the graph), private forwards, community groups, hashtags and ads.
//!
//! A cascade is an independent-cascade process (Kempe, Kleinberg & Tardos 2003) run by
//! generations; one generation is `hop_minutes` of simulated time, so a turn holds a fixed number
//! of hops and a moderation removal at minute m cuts the cascade at hop m / hop_minutes. Each
//! exposure changes the viewer (belief, hostility, fear, preparedness, warned...) and the viewer
//! may reshare, which starts the next generation from them.

use rand::RngExt;
use rand_chacha::ChaCha8Rng;

use super::actors::{Accounts, Role, flag};
use super::adversary::{Channel, Effort, N_CHANNELS};
use super::content::{Kind, Origin, Post};
use super::network::{Csr, Layout, community};
use super::params::ModelParams;
use super::policy::{DistrictPolicy, Policy};
use super::region::Region;
use super::rng::{
    Purpose, Stream, Subject, about, chance, hash_unit, normal, poisson, post_key, stream_at, unit,
};
use super::{DistrictState, Hashtag, PostSummary, Totals, World};

// Model numbers of posting and cascades (MODEL.md §18 lists every one; all are assumptions).

/// Log-normal sigma of a post's appeal (most posts ordinary, a few very compelling). Assumption.
pub const APPEAL_SIGMA: f64 = 0.6;
/// Log-normal location of a post's appeal: -sigma²/2, so the mean appeal is 1. Assumption.
pub const APPEAL_SHIFT: f64 = 0.18;
/// Lowest appeal of the platform's own pushes (they are designed to be read). Assumption.
pub const PLATFORM_APPEAL_FLOOR: f32 = 0.8;
/// Share of the organisation's harmful posts that carry its live campaign tag (times its push
/// on hashtags). Assumption.
pub const CAMPAIGN_TAG_SHARE: f64 = 0.6;
/// Share of warnings and crisis resources that carry civil society's warning tag. Assumption.
pub const CIVIL_TAG_SHARE: f64 = 0.5;
/// Share of refused ads that move to trusted-looking pages instead (ad restrictions'
/// displacement). Assumption.
pub const AD_DISPLACEMENT: f64 = 0.5;
/// Harvested targeting data below which an organiser's target list becomes incitement (nothing
/// to list). Assumption.
pub const TARGET_LIST_MIN_DATA: f64 = 0.01;
/// Chance an amplifier posts on its own in a turn. Assumption.
pub const AMPLIFIER_POST_CHANCE: f64 = 0.3;
/// Share of amplifiers' and state voices' harmful posts that are incitement (the rest
/// misinformation). Assumption.
pub const INCITEMENT_SHARE: f64 = 0.5;
/// Chance an impersonator, or a hijacked source, posts a rumour in a turn. Assumption.
pub const IMPOSTOR_POST_CHANCE: f64 = 0.5;
/// Posts per turn of a state voice outside a campaign (Poisson mean). Assumption.
pub const STATE_MEDIA_POSTS: f64 = 0.5;
/// Chance a humanitarian's post is a crisis resource when risk is below the warning threshold.
/// Assumption.
pub const HUMANITARIAN_RESOURCE_CHANCE: f64 = 0.3;
/// Share of civil society's and the platform's info posts that are news (the rest crisis
/// resources) below the warning threshold. Assumption.
pub const NEWS_SHARE: f64 = 0.5;
/// Witness posts per attack per 1000 accounts of the district, of each kind (documentation;
/// warnings times civilians' warning rate). Assumption.
pub const WITNESS_POSTS_PER_ATTACK: f64 = 2.0;
/// Share of the alert threshold that risk awareness can take off (alerts fire earlier).
/// Assumption.
pub const RISK_AWARENESS_LOWERING: f64 = 0.3;
/// Share of local organisations' credit ads that are warnings once risk passes the warning
/// threshold (the rest crisis resources). Assumption.
pub const CREDIT_WARNING_SHARE: f64 = 0.5;
/// Reach floor of local organisations' credit ads under perpetrator ad restrictions (the same
/// ad systems serve both). Assumption.
pub const CREDIT_AD_REACH_FLOOR: f64 = 0.3;
/// Share of a turn below which a removed post's open-platform reach is not scaled further up
/// (guards the communication-capacity yardstick). Assumption.
pub const MIN_ALIVE_SHARE: f64 = 0.05;
/// Highest chance a neighbour sees a share in the feed. Assumption.
pub const MAX_VIEW: f64 = 0.95;
/// Share of its reach a perpetrator tag keeps on tag pages under coded language when hashtags
/// are disabled. Assumption.
pub const CODED_TAG_REACH: f64 = 0.4;
/// Mean extra chats an ordinary user forwards a warning to (beyond the first). Assumption.
pub const WARNING_EXTRA_CHATS: f64 = 3.0;
/// Mean extra chats an ordinary user forwards any other post to. Assumption.
pub const OTHER_EXTRA_CHATS: f64 = 1.0;
/// What is left of a post's persuasive strength when a verification label shows its borrowed
/// credibility is borrowed. Assumption.
pub const UNVERIFIED_STRENGTH: f64 = 0.7;
/// Hostility above which a member of the organisation's group counts as on its side (reshares
/// and coordination). Assumption.
pub const PERPETRATOR_SIDE_HOSTILITY: f32 = 0.5;
/// Hostility gain from incitement at zero belief, rising with belief: (this + belief).
/// Assumption.
pub const INCITEMENT_BASE_RECEPTIVITY: f64 = 0.5;
/// Fear a warning, a coordination post or documentation raises in the targeted group, as a
/// share of the fear incitement raises. Assumption.
pub const SECONDARY_FEAR: f64 = 0.5;
/// Trust in sources a credible news item adds. Assumption.
pub const NEWS_TRUST_GAIN: f64 = 0.01;
/// Belief correction documentation brings to others, as a share of news's correction.
/// Assumption.
pub const DOCUMENTATION_CORRECTION: f64 = 0.5;
/// Chance a state voice reshares harmful content it sees. Assumption.
pub const STATE_MEDIA_RESHARE: f64 = 0.3;
/// Credible sources reshare legitimate content at this multiple of the base rate. Assumption.
pub const SOURCE_RESHARE_GAIN: f64 = 2.0;
/// Targeted people's agreement with incitement against them. Assumption.
pub const TARGET_INCITEMENT_AGREE: f64 = 0.02;
/// Targeted people's agreement with rumours about them. Assumption.
pub const TARGET_RUMOUR_AGREE: f64 = 0.05;
/// Targeted people's agreement with warnings and resources at zero fear (plus their fear).
/// Assumption.
pub const TARGET_WARNING_AGREE: f64 = 0.5;
/// Others' agreement with warnings, resources and documentation. Assumption.
pub const BYSTANDER_CIVIC_AGREE: f64 = 0.3;
/// Agreement with prebunks. Assumption.
pub const PREBUNK_AGREE: f64 = 0.5;
/// Committed accounts (the organisation, state voices) feel this fraction of reshare friction.
/// Assumption.
pub const COMMITTED_FRICTION_SHARE: f64 = 0.25;

/// Accounts of its district an info-hub or prebunk push is shown to. Assumption.
pub const PUSH_RECIPIENTS: u32 = 50;

/// Who first sees a post.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Seeds {
    /// The author's own network.
    Author,
    /// Pushed to `count` random accounts (ads, platform pushes), in a district or region-wide,
    /// optionally only to one group; `u32::MAX` = everyone matching.
    Broadcast {
        district: Option<u16>,
        group: Option<u8>,
        count: u32,
    },
}

#[derive(Debug, Clone)]
pub(crate) struct Planned {
    pub post: Post,
    pub seeds: Seeds,
    /// Key of the post's cascade and of the moderation draws about it (`rng::post_key`).
    pub key: u64,
}

/// Where one subject's posts of a turn draw from: its own stream, and a sequence number that
/// keys each of its posts.
struct Source {
    rng: ChaCha8Rng,
    subject: Subject,
    seq: u32,
    seed: u64,
    turn: u32,
}

impl Source {
    fn new(w: &World, turn: u32, subject: Subject) -> Self {
        Source {
            rng: about(w.seed, turn, Stream::Posting, subject),
            subject,
            seq: 0,
            seed: w.seed,
            turn,
        }
    }
    /// The key of this subject's next post.
    fn next_key(&mut self) -> u64 {
        let key = post_key(self.seed, self.turn, self.subject, self.seq);
        self.seq += 1;
        key
    }
}

fn appeal(rng: &mut ChaCha8Rng) -> f32 {
    // Log-normal with mean 1: most posts are ordinary, a few are very compelling.
    (APPEAL_SIGMA * normal(rng) - APPEAL_SHIFT).exp() as f32
}

pub(super) fn create_posts(w: &mut World, t: u32) -> Vec<Planned> {
    let mut out: Vec<Planned> = Vec::new();

    // Hashtags: the organisation's live campaign tag, and civil society's warning tag.
    let perp_tag = w
        .hashtags
        .iter()
        .rposition(|h| h.perpetrator && h.active_until > t)
        .map(|i| i as u16);
    let civil_tag = w
        .hashtags
        .iter()
        .position(|h| !h.perpetrator)
        .map(|i| i as u16);
    let tags_open = w.policy.districts.iter().any(|d| d.hashtags);
    if tags_open {
        w.org.hashtag_denied_turns = 0;
    } else {
        w.org.hashtag_denied_turns += 1;
    }

    account_posts(w, t, perp_tag, civil_tag, &mut out);
    witness_posts(w, t, civil_tag, &mut out);
    platform_posts(w, t, &mut out);
    out
}

/// What accounts post this turn, by role: the organisation's mix, amplifiers and impersonators,
/// state voices, credible sources (hijacked ones spread rumours under their own name).
/// What every account's post this turn shares: the live tags, the targeted group, whether and
/// how hard the organisation uses ads and its tag.
struct Posting {
    perp_tag: Option<u16>,
    civil_tag: Option<u16>,
    target: u8,
    ads: bool,
    ads_allowed: f64,
    tag_push: f64,
    ad_push: f64,
}

impl Posting {
    /// A post by account `u` (in language `lang`): its tag, whether it is an ad or moved to a
    /// trusted-looking page, its appeal.
    fn planned(
        &self,
        w: &World,
        u: usize,
        lang: u8,
        kind: Kind,
        trusted: bool,
        src: &mut Source,
    ) -> Planned {
        let key = src.next_key();
        let rng = &mut src.rng;
        let d = w.acc.district[u];
        let harmful = kind.is_harmful();
        let hashtag = if harmful {
            self.perp_tag
                .filter(|_| chance(rng, (CAMPAIGN_TAG_SHARE * self.tag_push).min(1.0)))
        } else if matches!(kind, Kind::Warning | Kind::CrisisResource) {
            self.civil_tag.filter(|_| chance(rng, CIVIL_TAG_SHARE))
        } else {
            None
        };
        let is_ad =
            harmful && self.ads && chance(rng, w.params.ad_share * self.ads_allowed * self.ad_push);
        // Ads refused by restrictions partly move to trusted-looking pages (adaptation).
        let moved = harmful
            && self.ads
            && self.ads_allowed < 1.0
            && chance(
                rng,
                w.params.ad_share * (1.0 - self.ads_allowed) * AD_DISPLACEMENT,
            );
        Planned {
            post: Post {
                author: u as u32,
                kind,
                language: lang,
                about_group: self.target,
                district: d,
                hashtag,
                appeal: appeal(rng),
                origin: if is_ad { Origin::Ad } else { Origin::Organic },
                removed_at: None,
                trusted_look: trusted || moved,
                labelled: false,
                exempt: false,
                flagged_at: None,
                acted: false,
            },
            seeds: if is_ad {
                Seeds::Broadcast {
                    district: None,
                    group: None,
                    count: w.params.ad_reach,
                }
            } else {
                Seeds::Author
            },
            key,
        }
    }
}

fn account_posts(
    w: &World,
    t: u32,
    perp_tag: Option<u16>,
    civil_tag: Option<u16>,
    out: &mut Vec<Planned>,
) {
    let perp = &w.scenario.perpetrators;
    let sources = &w.scenario.sources;
    let target = w.org.target;
    let active = t as i64 >= perp.active_from;
    let mix = [
        (Kind::Incitement, perp.mix.incitement),
        (Kind::Misinformation, perp.mix.misinformation),
        (Kind::Weapons, perp.mix.weapons),
        (Kind::Recruitment, perp.mix.recruitment),
        (Kind::TargetList, perp.mix.target_lists),
    ];
    let mix_total: f64 = mix.iter().map(|m| m.1.max(0.0)).sum();
    let state_campaign = t < w.org.state_campaign_until;
    let posting = Posting {
        perp_tag,
        civil_tag,
        target,
        ads: perp.ads,
        ads_allowed: w.policy.region.perpetrator_ads,
        // How hard the organisation pushes its tag and its ads this turn (1 = habit).
        tag_push: w.org.effort.multiplier(Channel::Hashtags),
        ad_push: w.org.effort.multiplier(Channel::Ads),
    };

    for u in 0..w.acc.len() {
        if !w.acc.live(u) {
            continue;
        }
        let role = w.acc.role[u];
        if role == Role::Civilian {
            continue;
        }
        let d = w.acc.district[u];
        let src = &mut Source::new(w, t, Subject::Posts(u as u32));
        // Impersonators pose as officials addressing the targeted community in its language.
        let lang = if w.acc.has(u, flag::IMPERSONATOR) {
            w.region.groups[target as usize].language
        } else {
            w.region.groups[w.acc.group[u] as usize].language
        };
        let post = |kind: Kind, trusted: bool, src: &mut Source, out: &mut Vec<Planned>| {
            out.push(posting.planned(w, u, lang, kind, trusted, src));
        };
        match role {
            Role::Organiser if active => {
                for _ in 0..poisson(&mut src.rng, perp.posts_per_turn) {
                    let mut x = unit(&mut src.rng) * mix_total;
                    let mut kind = Kind::Incitement;
                    for (k, weight) in mix {
                        if x < weight.max(0.0) {
                            kind = k;
                            break;
                        }
                        x -= weight.max(0.0);
                    }
                    if kind == Kind::TargetList
                        && w.districts[d as usize].harvested <= TARGET_LIST_MIN_DATA
                    {
                        kind = Kind::Incitement;
                    }
                    post(kind, false, src, out);
                }
            }
            Role::Amplifier if active && chance(&mut src.rng, AMPLIFIER_POST_CHANCE) => {
                let kind = if chance(&mut src.rng, INCITEMENT_SHARE) {
                    Kind::Incitement
                } else {
                    Kind::Misinformation
                };
                post(kind, false, src, out);
            }
            Role::Inauthentic
                if active
                    && w.acc.has(u, flag::IMPERSONATOR)
                    && chance(&mut src.rng, IMPOSTOR_POST_CHANCE) =>
            {
                post(Kind::Misinformation, true, src, out);
            }
            Role::StateMedia => {
                let mut rate = STATE_MEDIA_POSTS;
                if state_campaign {
                    rate += w.org.state_campaign_intensity;
                }
                for _ in 0..poisson(&mut src.rng, rate) {
                    let kind = if chance(&mut src.rng, INCITEMENT_SHARE) {
                        Kind::Incitement
                    } else {
                        Kind::Misinformation
                    };
                    post(kind, true, src, out);
                }
            }
            r if r.is_credible() => {
                if w.acc.has(u, flag::COMPROMISED) {
                    // A hijacked source spreads the organisation's rumours under its own name.
                    if active && chance(&mut src.rng, IMPOSTOR_POST_CHANCE) {
                        post(Kind::Misinformation, true, src, out);
                    }
                    continue;
                }
                let risk = w.districts[d as usize].risk;
                for _ in 0..poisson(&mut src.rng, sources.posts_per_turn) {
                    let kind = source_kind(r, risk, sources.warning_threshold, &mut src.rng);
                    post(kind, false, src, out);
                }
            }
            _ => {}
        }
    }
}

/// What a credible source posts: news, crisis resources, or warnings once the district's risk
/// passes the sources' threshold.
fn source_kind(r: Role, risk: f64, threshold: f64, rng: &mut ChaCha8Rng) -> Kind {
    match r {
        Role::Media | Role::Official => Kind::News,
        Role::Humanitarian => {
            if risk > threshold || chance(rng, HUMANITARIAN_RESOURCE_CHANCE) {
                Kind::CrisisResource
            } else {
                Kind::News
            }
        }
        _ => {
            if risk > threshold {
                Kind::Warning
            } else if chance(rng, NEWS_SHARE) {
                Kind::News
            } else {
                Kind::CrisisResource
            }
        }
    }
}

/// Civilians after attacks: witnesses document abuses and warn each other about unsafe places.
/// Each district's documentation and warnings draw from their own streams.
fn witness_posts(w: &World, t: u32, civil_tag: Option<u16>, out: &mut Vec<Planned>) {
    let target = w.org.target;
    let nd = w.districts.len();
    for d in 0..nd {
        let attacks = w.districts[d].attacks_last;
        if attacks == 0 {
            continue;
        }
        let range = w.layout.district_range(d);
        if range.is_empty() {
            continue;
        }
        let per_1k = range.len() as f64 / 1000.0;
        for (kind, purpose, rate) in [
            (Kind::Documentation, Purpose::WitnessDocumentation, 1.0),
            (
                Kind::Warning,
                Purpose::WitnessWarnings,
                w.policy.districts[d].civilian_warnings,
            ),
        ] {
            let src = &mut Source::new(w, t, Subject::District(d as u16, purpose));
            let count = poisson(
                &mut src.rng,
                attacks as f64 * WITNESS_POSTS_PER_ATTACK * per_1k * rate,
            );
            for _ in 0..count {
                let key = src.next_key();
                let u = src.rng.random_range(range.clone()) as usize;
                if !w.acc.live(u) || w.acc.role[u] != Role::Civilian {
                    continue;
                }
                out.push(Planned {
                    post: Post {
                        author: u as u32,
                        kind,
                        language: w.region.groups[w.acc.group[u] as usize].language,
                        about_group: target,
                        district: d as u16,
                        hashtag: civil_tag.filter(|_| kind == Kind::Warning),
                        appeal: appeal(&mut src.rng),
                        origin: Origin::Organic,
                        removed_at: None,
                        trusted_look: false,
                        labelled: false,
                        exempt: false,
                        flagged_at: None,
                        acted: false,
                    },
                    seeds: Seeds::Author,
                    key,
                });
            }
        }
    }
}

/// The platform's own pushes: info hubs, emergency alerts (raised on what it can observe),
/// prebunks, ad credits for local organisations. Each district's pushes of each purpose draw
/// from their own stream.
fn platform_posts(w: &mut World, t: u32, out: &mut Vec<Planned>) {
    let target = w.org.target;
    let nd = w.districts.len();
    let n_base = w.scenario.accounts.max(0) as usize;
    let warning_threshold = w.scenario.sources.warning_threshold;
    let ads_allowed = w.policy.region.perpetrator_ads;
    let target_lang = w.region.groups[target as usize].language;
    for d in 0..nd {
        let pol = w.policy.districts[d].clone();
        let per_1k = w.layout.district_range(d).len() as f64 / 1000.0;
        let author = w.layout.district_range(d).start;
        if w.layout.district_range(d).is_empty() {
            continue;
        }
        let source = |w: &World, purpose| Source::new(w, t, Subject::District(d as u16, purpose));
        let push = |kind: Kind, group: Option<u8>, count: u32, src: &mut Source| Planned {
            post: Post {
                author,
                kind,
                language: target_lang,
                about_group: target,
                district: d as u16,
                hashtag: None,
                appeal: appeal(&mut src.rng).max(PLATFORM_APPEAL_FLOOR),
                origin: Origin::Platform,
                removed_at: None,
                trusted_look: true,
                labelled: false,
                exempt: false,
                flagged_at: None,
                acted: false,
            },
            seeds: Seeds::Broadcast {
                district: Some(d as u16),
                group,
                count,
            },
            key: src.next_key(),
        };
        let src = &mut source(w, Purpose::InfoPush);
        for _ in 0..poisson(&mut src.rng, pol.info_push * per_1k) {
            let kind = if chance(&mut src.rng, 1.0 - NEWS_SHARE) {
                Kind::CrisisResource
            } else {
                Kind::News
            };
            out.push(push(kind, None, PUSH_RECIPIENTS, src));
        }
        let src = &mut source(w, Purpose::PrebunkPush);
        for _ in 0..poisson(&mut src.rng, pol.prebunk_push * per_1k) {
            out.push(push(Kind::Prebunk, None, PUSH_RECIPIENTS, src));
        }
        if let Some(threshold) = pol.alert_threshold {
            let lowered =
                threshold * (1.0 - RISK_AWARENESS_LOWERING * w.policy.region.risk_awareness);
            // The platform alerts on what it can see, not on the hidden risk.
            if super::offline::observed_risk(w, d) > lowered {
                w.districts[d].alert = true;
                w.happenings
                    .push((t, super::Happening::AlertIssued { district: d as u16 }));
                let src = &mut source(w, Purpose::Alert);
                out.push(push(Kind::Warning, Some(target), u32::MAX, src));
            }
        }
    }
    let credits = w.policy.region.ad_credits;
    if credits > 0.0 {
        let per_1k = n_base as f64 / 1000.0;
        let src = &mut Source::new(w, t, Subject::Region(Purpose::AdCredits));
        for _ in 0..poisson(
            &mut src.rng,
            credits * per_1k / w.params.ad_reach.max(1) as f64,
        ) {
            let key = src.next_key();
            let rng = &mut src.rng;
            let d = rng.random_range(0..nd.max(1));
            if w.layout.district_range(d).is_empty() {
                continue;
            }
            out.push(Planned {
                post: Post {
                    author: w.layout.district_range(d).start,
                    kind: if w.districts[d].risk > warning_threshold
                        && chance(rng, CREDIT_WARNING_SHARE)
                    {
                        Kind::Warning
                    } else {
                        Kind::CrisisResource
                    },
                    language: target_lang,
                    about_group: target,
                    district: d as u16,
                    hashtag: None,
                    appeal: appeal(rng),
                    origin: Origin::Ad,
                    removed_at: None,
                    trusted_look: true,
                    labelled: false,
                    exempt: false,
                    flagged_at: None,
                    acted: false,
                },
                seeds: Seeds::Broadcast {
                    district: Some(d as u16),
                    group: None,
                    count: (w.params.ad_reach as f64 * ads_allowed.max(CREDIT_AD_REACH_FLOOR))
                        as u32,
                },
                key,
            });
        }
    }
}

/// Read-only context of a cascade.
struct Env<'a> {
    graph: &'a Csr,
    layout: &'a Layout,
    policy: &'a Policy,
    params: &'a ModelParams,
    region: &'a Region,
    hashtags: &'a [Hashtag],
    n_base: usize,
    turn: u32,
    community_size: u32,
    target: u8,
    org_group: u8,
    coded_language: bool,
    recruitment: f64,
    verified_labels: bool,
    /// Trust in the platform relative to the start (scales trust in what it carries).
    platform_trust: f64,
    /// Share of people no longer reachable by the platform's own pushes (lost trust).
    exit: f64,
    /// The platform as the scenario describes it, per district: the yardstick of civilians'
    /// communication capacity.
    open: &'a [DistrictPolicy],
    /// This post is civilians' own protective communication (warnings, resources, documentation
    /// by non-perpetrators): its flow is measured as communication capacity.
    civic: bool,
    /// Share of the turn the post stays up (removal cuts it).
    alive: f64,
    /// Connections below which an account looks small to a trust threshold.
    low_trust_degree: f64,
    /// How hard the organisation uses each channel this turn (1 = habit).
    effort: [f64; N_CHANNELS],
}

/// What a cascade changes.
struct Mut<'a> {
    acc: &'a mut Accounts,
    districts: &'a mut [DistrictState],
    totals: &'a mut Totals,
    turn_shares: &'a mut [u16],
    /// Per district: civic reach now, civic reach on the open platform, reshare probability now,
    /// reshare probability on the open platform (sums over share and exposure events).
    comm: &'a mut [[f64; 4]],
    /// The organisation's channel yields: expected reach of its shares now and on the open
    /// platform, per channel.
    effort: &'a mut Effort,
}

#[derive(Default)]
struct Tally {
    views: u32,
    shares: u32,
    perpetrator_side: u32,
}

pub(super) fn spread(w: &mut World, t: u32, posts: &[Planned]) {
    let turn_minutes = w.scenario.turn_hours * 60.0;
    let n_base = w.scenario.accounts.max(0) as usize;
    let coded_language =
        w.org.hashtag_denied_turns >= super::moderation::CODED_LANGUAGE_AFTER_TURNS;
    let community_size = w.scenario.graph.community_size;
    let recruitment = w.scenario.perpetrators.recruitment;
    let platform_trust = w.trust_ratio();
    let exit = w.params.platform_exit * (1.0 - platform_trust).max(0.0);
    let open = w.base_policy().districts;
    let mut comm = vec![[0.0f64; 4]; w.districts.len()];
    let low_trust_degree = w.low_trust_degree();
    let effort: [f64; N_CHANNELS] = Channel::ALL.map(|c| w.org.effort.multiplier(c));
    let mut frontier: Vec<u32> = Vec::new();
    let mut next: Vec<u32> = Vec::new();
    let mut summaries = Vec::with_capacity(posts.len());
    for planned in posts {
        let key = planned.key;
        let stamp = w.next_stamp();
        let World {
            graph,
            layout,
            policy,
            params,
            region,
            hashtags,
            acc,
            districts,
            totals,
            turn_shares,
            org,
            ..
        } = w;
        let post = &planned.post;
        let civic = post.kind.is_protective()
            && post.origin == Origin::Organic
            && !acc.role[post.author as usize].is_perpetrator();
        let alive = post
            .removed_at
            .map_or(1.0, |r| (r / turn_minutes).clamp(0.0, 1.0));
        let env = Env {
            graph,
            layout,
            policy,
            params,
            region,
            hashtags,
            n_base,
            turn: t,
            community_size,
            target: org.target,
            org_group: org.group,
            coded_language,
            recruitment,
            verified_labels: policy.region.verified_labels,
            platform_trust,
            exit,
            open: &open,
            civic,
            alive,
            low_trust_degree,
            effort,
        };
        let mut m = Mut {
            acc,
            districts,
            totals,
            turn_shares,
            comm: &mut comm,
            effort: &mut org.effort,
        };
        let tally = cascade(
            &env,
            &mut m,
            planned,
            stamp,
            turn_minutes,
            key,
            &mut frontier,
            &mut next,
        );
        if post.kind.is_coordination() && tally.perpetrator_side >= 3 {
            m.totals.coordination_events += 1;
        }
        summaries.push(PostSummary {
            kind: post.kind,
            author_role: if post.origin == Origin::Platform {
                Role::Official
            } else {
                m.acc.role[post.author as usize]
            },
            district: post.district,
            about_group: post.about_group,
            hashtag: post.hashtag,
            views: tally.views,
            shares: tally.shares,
            removed: post.removed_at.is_some(),
            labelled: post.labelled,
            flagged: post.flagged_at.is_some() && !post.exempt,
            exempt: post.exempt,
            trusted_look: post.trusted_look,
            ad: post.origin == Origin::Ad,
        });
    }
    w.posts = summaries;
    // Civilians' communication capacity: how far their own protective posts travel per unit of
    // time, and how often they are passed on, against the same posts on the open platform.
    for (d, c) in comm.iter().enumerate() {
        if c[1] > 0.0 {
            let reach = c[0] / c[1];
            let reshare = if c[3] > 0.0 { c[2] / c[3] } else { 1.0 };
            w.districts[d].comm_capacity = (reach * reshare).clamp(0.0, 1.0);
        }
    }
}

#[allow(clippy::too_many_arguments)]
fn cascade(
    env: &Env,
    m: &mut Mut,
    planned: &Planned,
    stamp: u32,
    turn_minutes: f64,
    key: u64,
    frontier: &mut Vec<u32>,
    next: &mut Vec<u32>,
) -> Tally {
    let rng = &mut stream_at(key, u64::MAX);
    // The post as it spreads: content levers act once the platform has flagged it.
    let mut live = planned.post.clone();
    let flagged_by = |minute: f64| live_flag(&planned.post, minute);
    live.acted = flagged_by(0.0);
    let post = &mut live;
    let mut tally = Tally::default();
    let limit = post
        .removed_at
        .map_or(turn_minutes, |r| r.min(turn_minutes));
    let author = post.author as usize;
    frontier.clear();
    if limit <= 0.0 {
        if env.civic {
            // Removed before anyone saw it: the whole reach it would have had is lost.
            let du = m.acc.district[author] as usize;
            let deg = env.graph.neighbours(post.author).len();
            let role = m.acc.role[author];
            m.comm[du][1] += total(channel_reach(
                env,
                &env.open[du],
                post,
                role,
                author,
                1.0,
                deg,
            ));
        }
        return tally;
    }
    m.acc.stamp[author] = stamp;
    match planned.seeds {
        Seeds::Author => frontier.push(post.author),
        Seeds::Broadcast {
            district,
            group,
            count,
        } => {
            let range = match district {
                Some(d) => env.layout.district_range(d as usize),
                None => 0..env.n_base as u32,
            };
            if count == u32::MAX {
                for v in range {
                    if group.is_none_or(|g| m.acc.group[v as usize] == g) {
                        expose(env, m, &*post, v, stamp, key, frontier, &mut tally);
                    }
                }
            } else if !range.is_empty() {
                for _ in 0..count {
                    let v = rng.random_range(range.clone());
                    if group.is_none_or(|g| m.acc.group[v as usize] == g) {
                        expose(env, m, &*post, v, stamp, key, frontier, &mut tally);
                    }
                }
            }
        }
    }
    let hop =
        env.params.hop_minutes * env.policy.districts[m.acc.district[author] as usize].hop_slowdown;
    let mut generation = 0u32;
    while !frontier.is_empty() {
        let start = generation as f64 * hop;
        if start >= limit {
            break;
        }
        // Part of this hop that happens before removal or the end of the turn.
        let frac = ((limit - start) / hop).min(1.0);
        post.acted = flagged_by(start);
        next.clear();
        for &u in frontier.iter() {
            share(env, m, &*post, u, frac, stamp, key, next, &mut tally);
        }
        std::mem::swap(frontier, next);
        generation += 1;
    }
    tally
}

/// Whether the platform's flag on `post` is in force at `minute` after posting (a state
/// voice's exempt post is flagged but not acted on).
fn live_flag(post: &Post, minute: f64) -> bool {
    !post.exempt && post.flagged_at.is_some_and(|f| f <= minute)
}

/// `u` shares `post`: its feed neighbours, private chats, community group and the hashtag page
/// may see it.
#[allow(clippy::too_many_arguments)]
fn share(
    env: &Env,
    m: &mut Mut,
    post: &Post,
    u: u32,
    frac: f64,
    stamp: u32,
    key: u64,
    next: &mut Vec<u32>,
    tally: &mut Tally,
) {
    let rng = &mut stream_at(key, u as u64);
    let ui = u as usize;
    let du = m.acc.district[ui] as usize;
    let conn = m.districts[du].connectivity;
    let pol = &env.policy.districts[du];
    let p = env.params;
    let role = m.acc.role[ui];
    let nbrs = env.graph.neighbours(u);
    if env.civic {
        // Expected reach of this share now (connectivity, throttling and every channel setting)
        // against the open platform; a post removed early loses the rest of its turn.
        let deg = nbrs.len();
        let base_conn = env.region.districts[du].connectivity.max(1e-9);
        let now = total(channel_reach(env, pol, post, role, ui, frac, deg))
            * (conn / base_conn).min(1.0)
            / pol.hop_slowdown.max(1e-9);
        let open = total(channel_reach(env, &env.open[du], post, role, ui, frac, deg));
        m.comm[du][0] += now;
        m.comm[du][1] += open / env.alive.max(MIN_ALIVE_SHARE);
    }
    // The organisation's own shares: what each channel yields now against the open platform
    // (its reason to move effort), and how hard it pushes each channel (its effort).
    let campaign = role.is_perpetrator() && post.kind.is_harmful();
    let push = |c: Channel| {
        if campaign {
            env.effort[c as usize]
        } else {
            1.0
        }
    };
    if campaign {
        // Connectivity is left out: a shutdown cuts every channel alike, other apps included.
        let deg = nbrs.len();
        let scale = 1.0 / pol.hop_slowdown.max(1e-9);
        let now = channel_reach(env, pol, post, role, ui, frac, deg);
        let open = channel_reach(env, &env.open[du], post, role, ui, frac, deg);
        for (i, c) in CHANNEL_OF_REACH.iter().enumerate() {
            m.effort.now[*c as usize] += now[i] * scale;
            m.effort.open[*c as usize] += open[i];
        }
    }
    if conn < 1.0 && !chance(rng, conn) {
        return;
    }
    let view = (view_probability(env, pol, post, role, ui, frac, nbrs.len()) * push(Channel::Feed))
        .min(MAX_VIEW);

    // Feed: each neighbour independently with probability `view` (the independent-cascade
    // kernel shared with `kernels::independent_cascade`).
    super::kernels::each_with_probability(nbrs, view, rng, |v| {
        expose(env, m, post, v, stamp, key, next, tally)
    });

    // Private forwards: mass forwarders hit the limit, ordinary users rarely do.
    if !nbrs.is_empty()
        && chance(
            rng,
            p.forward_use * pol.messaging * frac * push(Channel::Forwards),
        )
    {
        forward_recipients(
            rng,
            nbrs,
            role.is_perpetrator(),
            extra_chats(post.kind),
            p.forward_chats,
            pol.forward_limit,
            |v| expose(env, m, post, v, stamp, key, next, tally),
        );
    }

    // Community group.
    if pol.groups > 0.0
        && chance(
            rng,
            p.group_post * pol.groups.min(1.0) * frac * push(Channel::Groups),
        )
    {
        let g = m.acc.group[ui] as usize;
        let pool = env.layout.pool(du, g);
        if !pool.is_empty() {
            let block = if pool.contains(&u) {
                community(&pool, u, env.community_size)
            } else {
                pool.clone()
            };
            let mut reach = p.group_reach as f64 * pol.groups;
            if role.is_perpetrator() {
                reach *= pol.group_infiltration;
            }
            for _ in 0..reach.round() as u32 {
                let v = rng.random_range(block.clone());
                expose(env, m, post, v, stamp, key, next, tally);
            }
        }
    }

    // Hashtag page: region-wide reach while hashtags are on; coded language brings some back.
    if let Some(tag) = post.hashtag {
        let perpetrator_tag = env.hashtags[tag as usize].perpetrator;
        // Low-trust accounts (fakes, new registrations) are ranked down on tag pages as in feeds.
        let trust = if low_trust(env, role, ui, nbrs.len()) {
            pol.low_trust_reach
        } else {
            1.0
        };
        let reach = if pol.hashtags {
            p.hashtag_reach as f64
        } else if perpetrator_tag && env.coded_language {
            p.hashtag_reach as f64 * CODED_TAG_REACH
        } else {
            0.0
        } * frac
            * trust;
        let whole = reach.floor() as u32 + u32::from(chance(rng, reach.fract()));
        for _ in 0..whole {
            let v = rng.random_range(0..env.n_base.max(1) as u32);
            if env.region.groups[m.acc.group[v as usize] as usize].language == post.language {
                expose(env, m, post, v, stamp, key, next, tally);
            }
        }
    }
}

/// Mean extra chats an ordinary user forwards a post of this kind to (beyond the first): warnings
/// are passed on to more people (assumption).
fn extra_chats(kind: Kind) -> f64 {
    if kind == Kind::Warning {
        WARNING_EXTRA_CHATS
    } else {
        OTHER_EXTRA_CHATS
    }
}

/// The model's private-forwarding channel: the contacts `u` forwards a post to, as a cascade
/// draws them. A mass forwarder (the organisation's accounts) fills `forward_chats` chats, anyone
/// else 1 + Poisson(`extra`); never more than the forward limit. Calibration runs this function.
pub(crate) fn forward_recipients(
    rng: &mut ChaCha8Rng,
    nbrs: &[u32],
    mass: bool,
    extra: f64,
    forward_chats: u32,
    limit: u32,
    mut each: impl FnMut(u32),
) {
    if nbrs.is_empty() {
        return;
    }
    let wanted = if mass {
        forward_chats
    } else {
        1 + poisson(rng, extra) as u32
    };
    for _ in 0..wanted.min(limit) {
        each(nbrs[rng.random_range(0..nbrs.len())]);
    }
}

/// Accounts a trust threshold ranks down, by what the platform can see: registered during the
/// crisis, flagged as inauthentic by their signals, or with fewer connections than
/// `low_trust_degree_share` x the mean degree (young or small accounts, genuine civilians among
/// them).
fn low_trust(env: &Env, role: Role, ui: usize, degree: usize) -> bool {
    role == Role::Inauthentic || ui >= env.n_base || (degree as f64) < env.low_trust_degree
}

/// Shares per turn an account makes at most with no rate limit: the organisation's accounts
/// flood, sources and activists post bursts in a crisis, ordinary users share a few (assumption).
fn share_cap(role: Role) -> u16 {
    if role.is_perpetrator() {
        20
    } else if role.is_credible() {
        10
    } else {
        3
    }
}

/// Probability that one feed neighbour of sharer `ui` (with `degree` connections) sees `post`
/// in this hop under `pol`.
fn view_probability(
    env: &Env,
    pol: &DistrictPolicy,
    post: &Post,
    role: Role,
    ui: usize,
    frac: f64,
    degree: usize,
) -> f64 {
    let p = env.params;
    let k = post.kind as usize;
    let rank = p.feed_rank[k] * (1.0 - pol.feed_choice) + pol.feed_choice;
    let demotion = post.lever(&pol.feed);
    let mut view = p.feed_view * rank * demotion * frac;
    if role.is_credible() || post.origin == Origin::Platform {
        view *= pol.credible_boost;
    }
    if role == Role::Civilian && post.kind.is_protective() {
        view *= pol.civilian_reach;
    }
    if low_trust(env, role, ui, degree) {
        view *= pol.low_trust_reach;
    }
    view.clamp(0.0, MAX_VIEW)
}

/// Expected exposures over every channel (what civilians' communication capacity compares).
fn total(reach: [f64; 4]) -> f64 {
    reach.iter().sum()
}

/// The channel of each entry of `channel_reach`.
const CHANNEL_OF_REACH: [Channel; 4] = [
    Channel::Feed,
    Channel::Forwards,
    Channel::Groups,
    Channel::Hashtags,
];

/// Expected exposures of one share by channel (feed, forwards, group, hashtag page), as `share`
/// draws them at habitual effort: the organisation's accounts forward to every chat they may and
/// reach civilian groups only as far as infiltration allows; its tag comes back by coded language.
fn channel_reach(
    env: &Env,
    pol: &DistrictPolicy,
    post: &Post,
    role: Role,
    ui: usize,
    frac: f64,
    deg: usize,
) -> [f64; 4] {
    let p = env.params;
    let perpetrator = role.is_perpetrator();
    let feed = view_probability(env, pol, post, role, ui, frac, deg) * deg as f64;
    let forwards = if deg == 0 {
        0.0
    } else if perpetrator {
        p.forward_use * pol.messaging * frac * p.forward_chats.min(pol.forward_limit) as f64
    } else {
        p.forward_use
            * pol.messaging
            * frac
            * capped_chats(extra_chats(post.kind), pol.forward_limit)
    };
    let groups = if pol.groups > 0.0 {
        let infiltration = if perpetrator {
            pol.group_infiltration
        } else {
            1.0
        };
        p.group_post * pol.groups.min(1.0) * frac * p.group_reach as f64 * pol.groups * infiltration
    } else {
        0.0
    };
    let tags = match post.hashtag {
        Some(_) if pol.hashtags => p.hashtag_reach as f64 * frac,
        Some(tag) if env.coded_language && env.hashtags[tag as usize].perpetrator => {
            p.hashtag_reach as f64 * CODED_TAG_REACH * frac
        }
        _ => 0.0,
    };
    [feed, forwards, groups, tags]
}

/// E[min(1 + X, limit)] for X ~ Poisson(mean): the chats an ordinary user forwards to (one plus
/// a Poisson number, as `share` draws them) under a forward limit.
fn capped_chats(mean: f64, limit: u32) -> f64 {
    if limit == 0 {
        return 0.0;
    }
    let mut pk = (-mean).exp();
    let (mut expected, mut below) = (0.0, 0.0);
    for k in 0..limit.saturating_sub(1).min(200) {
        expected += pk * (1 + k) as f64;
        below += pk;
        pk *= mean / (k + 1) as f64;
    }
    expected + (1.0 - below).max(0.0) * limit as f64
}

/// `v` sees `post`: update what they believe, fear and know; maybe they reshare.
#[allow(clippy::too_many_arguments)]
fn expose(
    env: &Env,
    m: &mut Mut,
    post: &Post,
    v: u32,
    stamp: u32,
    key: u64,
    next: &mut Vec<u32>,
    tally: &mut Tally,
) {
    let vi = v as usize;
    let draw = |salt: u64| hash_unit(key, v as u64, salt);
    if m.acc.stamp[vi] == stamp {
        return;
    }
    m.acc.stamp[vi] = stamp;
    if !m.acc.live(vi) {
        return;
    }
    let dv = m.acc.district[vi] as usize;
    let conn = m.districts[dv].connectivity;
    if conn < 1.0 && draw(1) >= conn {
        return;
    }
    // People who stopped relying on the platform miss what it pushes (alerts, hubs, credits).
    let pushed =
        post.origin == Origin::Platform || (post.origin == Origin::Ad && post.kind.is_protective());
    if pushed && env.exit > 0.0 && draw(5) < env.exit {
        return;
    }
    let p = env.params;
    let pol = &env.policy.districts[dv];
    let kind = post.kind;
    let k = kind as usize;
    let g = m.acc.group[vi];
    let role = m.acc.role[vi];
    let acc = &mut *m.acc;
    let own_language = env.region.groups[g as usize].language == post.language;
    let persuasion = post.lever(&pol.persuasion);
    let mut strength = post.appeal as f64
        * persuasion
        * if own_language {
            1.0
        } else {
            p.other_language_factor
        };
    // Trust in a source; what it says is also weighed by trust in the platform carrying it.
    let source_trust = acc.trust[vi] as f64;
    let trust = (source_trust * env.platform_trust).min(1.0);
    // A fake or hijacked voice that still looks official (no verification labels).
    let mut borrowed = false;
    if post.trusted_look {
        let author = post.author as usize;
        let genuine = post.origin == Origin::Platform
            || (acc.role[author].is_credible() && !acc.has(author, flag::COMPROMISED));
        borrowed = !genuine && !env.verified_labels;
        if genuine || !env.verified_labels {
            strength *= 1.0 + (p.credible_source_boost - 1.0) * source_trust;
        } else {
            // Labelled as unverified or state-affiliated: the borrowed credibility is gone.
            strength *= UNVERIFIED_STRENGTH;
        }
    }
    let resist = 1.0 - acc.prebunk[vi] as f64 * p.prebunk_protection;
    let is_target = g == post.about_group;
    let bump = |x: &mut f32, rate: f64| {
        let y = *x as f64;
        *x = (y + rate.max(0.0) * (1.0 - y)).clamp(0.0, 1.0) as f32;
    };
    let perpetrator_side = role.is_perpetrator()
        || (g == env.org_group && acc.hostility[vi] > PERPETRATOR_SIDE_HOSTILITY);

    match kind {
        Kind::Incitement => {
            if is_target {
                bump(&mut acc.fear[vi], p.fear_rate * strength);
            } else {
                let belief = acc.belief[vi] as f64;
                bump(
                    &mut acc.hostility[vi],
                    p.hostility_rate
                        * strength
                        * resist
                        * (INCITEMENT_BASE_RECEPTIVITY + belief)
                        * pol.hostility_gain,
                );
            }
        }
        Kind::Misinformation => {
            if is_target {
                bump(&mut acc.fear[vi], SECONDARY_FEAR * p.fear_rate * strength);
                // A false all-clear in an official's name cancels a warning.
                if borrowed && draw(4) < p.false_all_clear * source_trust {
                    acc.warned_turn[vi] = u16::MAX;
                    acc.flags[vi] |= flag::ALL_CLEAR;
                }
            } else {
                bump(&mut acc.belief[vi], p.belief_rate * strength * resist);
            }
        }
        Kind::Weapons | Kind::Recruitment | Kind::TargetList => {
            if perpetrator_side {
                m.districts[dv].coordination_contacts += 1;
                tally.perpetrator_side += 1;
                if kind == Kind::Recruitment
                    && role == Role::Civilian
                    && draw(2) < env.recruitment * strength
                {
                    acc.flags[vi] |= flag::RECRUIT;
                }
            } else if is_target {
                bump(&mut acc.fear[vi], SECONDARY_FEAR * p.fear_rate * strength);
            }
        }
        Kind::News => {
            let b = acc.belief[vi] as f64;
            acc.belief[vi] = (b - p.correction_rate * trust * strength * b).clamp(0.0, 1.0) as f32;
            bump(&mut acc.trust[vi], NEWS_TRUST_GAIN);
            acc.flags[vi] |= flag::INFORMED;
        }
        Kind::CrisisResource => {
            bump(&mut acc.preparedness[vi], p.preparedness_rate * strength);
            acc.flags[vi] |= flag::INFORMED;
        }
        Kind::Warning => {
            if is_target && dv == post.district as usize {
                acc.warned_turn[vi] = env.turn as u16;
                acc.flags[vi] |= flag::WARNED;
                bump(&mut acc.fear[vi], SECONDARY_FEAR * p.fear_rate * strength);
                m.districts[dv].warnings += 1;
            }
        }
        Kind::Documentation => {
            if is_target {
                bump(
                    &mut acc.fear[vi],
                    SECONDARY_FEAR * p.fear_rate * strength * pol.graphic_fear,
                );
            } else {
                let b = acc.belief[vi] as f64;
                acc.belief[vi] = (b - DOCUMENTATION_CORRECTION * p.correction_rate * strength * b)
                    .clamp(0.0, 1.0) as f32;
            }
        }
        Kind::Prebunk => bump(&mut acc.prebunk[vi], p.prebunk_rate * strength),
    }
    acc.seen_kinds[vi] |= 1 << k;
    tally.views += 1;
    if kind.is_harmful() {
        acc.flags[vi] |= flag::HARM_SEEN;
        let weight = acc.weight[vi] as f64;
        m.totals.harmful_views += weight;
        m.districts[dv].harmful_views += weight;
    }

    // Reshare?
    let agree = match role {
        Role::Organiser if kind.is_harmful() => p.organiser_share,
        Role::Amplifier if kind.is_harmful() => p.amplifier_share,
        Role::Inauthentic if kind.is_harmful() => p.inauthentic_share,
        Role::StateMedia if kind.is_harmful() => STATE_MEDIA_RESHARE,
        r if r.is_perpetrator() || r == Role::StateMedia => 0.0,
        r if r.is_credible() => {
            if kind.is_harmful() {
                0.0
            } else {
                (SOURCE_RESHARE_GAIN * p.share_base[k]).min(1.0)
            }
        }
        _ => {
            let a = match kind {
                Kind::Incitement => {
                    if is_target {
                        TARGET_INCITEMENT_AGREE
                    } else {
                        acc.hostility[vi] as f64
                    }
                }
                Kind::Misinformation => {
                    if is_target {
                        TARGET_RUMOUR_AGREE
                    } else {
                        acc.belief[vi] as f64
                    }
                }
                Kind::Weapons | Kind::Recruitment | Kind::TargetList => {
                    if g == env.org_group {
                        (acc.hostility[vi] as f64).powi(2)
                    } else {
                        0.0
                    }
                }
                Kind::News => trust,
                Kind::CrisisResource | Kind::Warning => {
                    if is_target {
                        TARGET_WARNING_AGREE + acc.fear[vi] as f64
                    } else {
                        BYSTANDER_CIVIC_AGREE
                    }
                }
                Kind::Documentation => {
                    if is_target {
                        1.0
                    } else {
                        BYSTANDER_CIVIC_AGREE
                    }
                }
                Kind::Prebunk => PREBUNK_AGREE,
            };
            p.share_base[k] * a
        }
    };
    let cap = share_cap(role).min(pol.rate_limit);
    let nudged = if role == Role::Civilian {
        post.lever(&pol.civilian_reshare)
    } else {
        1.0
    };
    let committed = role.is_perpetrator() || role == Role::StateMedia;
    let friction = if committed {
        pol.friction * COMMITTED_FRICTION_SHARE
    } else {
        pol.friction
    };
    let p_share = agree * post.lever(&pol.reshare) * nudged * (1.0 - friction);
    if env.civic {
        let open_cap = share_cap(role);
        m.comm[dv][2] += if m.turn_shares[vi] < cap {
            p_share
        } else {
            0.0
        };
        m.comm[dv][3] += if m.turn_shares[vi] < open_cap {
            agree
        } else {
            0.0
        };
    }
    if m.turn_shares[vi] < cap && draw(3) < p_share {
        m.turn_shares[vi] += 1;
        acc.shares[vi] = acc.shares[vi].saturating_add(1);
        tally.shares += 1;
        if role == Role::Civilian && kind == Kind::Misinformation {
            m.totals.civilian_misinfo_shares += 1;
        }
        next.push(v);
    }
    let _ = env.target;
}
