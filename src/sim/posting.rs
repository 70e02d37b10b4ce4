//! Posting: who posts what this turn. The organisation's accounts post by its mix and its
//! channel effort, state voices and credible sources by role, witnesses after attacks, the
//! platform its pushes (info hubs, prebunks, alerts on what it observes, ad credits). Each
//! subject (an account, a district's purpose) draws from its own stream and keys its posts by
//! sequence, so the cascades (`diffusion`) and moderation draw per post, not per position.

use std::cell::Cell;

use rand::RngExt;
use rand_chacha::ChaCha8Rng;

use super::World;
use super::actors::{Role, flag};
use super::adversary::Channel;
use super::content::{Kind, Origin, Post};
use super::rng::{Purpose, Stream, Subject, about, chance, normal, poisson, post_key, unit};

// Model numbers of posting (MODEL.md §18 lists every one; all are assumptions).

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
/// Share of the alert threshold that risk awareness can take off (alerts fire earlier;
/// `emergency_alerts`). Assumption.
pub const RISK_AWARENESS_LOWERING: f64 = 0.3;
/// Share of local organisations' credit ads that are warnings once risk passes the warning
/// threshold (the rest crisis resources). Assumption.
pub const CREDIT_WARNING_SHARE: f64 = 0.5;
/// Reach floor of local organisations' credit ads under ads restrictions (the same
/// ad systems serve both; `ad_credits_local_orgs`, `ads_restrictions`). Assumption.
pub const CREDIT_AD_REACH_FLOOR: f64 = 0.3;
/// Accounts of its district an info-hub or prebunk push is shown to (`crisis_info_hub`,
/// `prebunking`). Assumption.
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

    let (ads_tried, ads_run) = account_posts(w, t, perp_tag, civil_tag, &mut out);
    let ads = Channel::Ads as usize;
    w.org.effort.open[ads] += ads_tried;
    w.org.effort.now[ads] += ads_run;
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
    /// Share of political ads from advertisers the platform does not trust that still run
    /// (the platform's ads policy: 1 open, 0 closed to them).
    ads_allowed: f64,
    /// Share of ads from trusted advertisers that run (1 unless the platform has no ads).
    trusted_ads_allowed: f64,
    /// State outlets are designated: they are no longer trusted advertisers.
    state_designated: bool,
    /// The organisation's harmful posts this turn (each a candidate ad), and the share of each
    /// the ads policy lets its advertiser run (summed): the ads channel's yield, as it sees it.
    ads_tried: Cell<f64>,
    ads_run: Cell<f64>,
    tag_push: f64,
    ad_push: f64,
    /// Share of refused ads that move to trusted-looking pages (more through proxies).
    ad_displacement: f64,
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
        // Ads restrictions go by the advertiser, as the platform sees it: a trusted-looking page
        // (a hijacked or impersonated voice, a state outlet not designated) is a trusted
        // advertiser, whoever runs it.
        let trusted_advertiser =
            trusted && !(self.state_designated && w.acc.role[u] == Role::StateMedia);
        let allowed = if trusted_advertiser {
            self.trusted_ads_allowed
        } else {
            self.ads_allowed
        };
        if harmful && self.ads {
            self.ads_tried.set(self.ads_tried.get() + 1.0);
            self.ads_run.set(self.ads_run.get() + allowed);
        }
        let is_ad = harmful && self.ads && chance(rng, w.params.ad_share * allowed * self.ad_push);
        // Ads refused by restrictions partly move to trusted-looking pages (adaptation).
        let moved = harmful
            && self.ads
            && !trusted_advertiser
            && allowed < 1.0
            && chance(
                rng,
                w.params.ad_share * (1.0 - allowed) * self.ad_displacement,
            );
        Planned {
            post: Post {
                hashtag,
                trusted_look: trusted || moved,
                ..Post::new(
                    u as u32,
                    kind,
                    lang,
                    self.target,
                    d,
                    appeal(rng),
                    if is_ad { Origin::Ad } else { Origin::Organic },
                )
            },
            seeds: if is_ad {
                Seeds::Broadcast {
                    // Region-wide, unless the organisation geo-targets a district (`switch_target`).
                    district: w.ad_target(w.turn).map(|d| d as u16),
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
) -> (f64, f64) {
    let perp = &w.spec.perpetrators;
    let sources = &w.spec.sources;
    let target = w.org.target;
    let active = t >= perp.active_from;
    let mix = [
        (Kind::Incitement, perp.mix.incitement),
        (Kind::Misinformation, perp.mix.misinformation),
        (Kind::Weapons, perp.mix.weapons),
        (
            Kind::Recruitment,
            perp.mix.recruitment
                * if w.recruitment_push(t) {
                    super::red::RECRUITMENT_PUSH
                } else {
                    1.0
                },
        ),
        (Kind::TargetList, perp.mix.target_lists),
    ];
    let mix_total: f64 = mix.iter().map(|m| m.1.max(0.0)).sum();
    let state_campaign = t < w.org.state_campaign_until;
    // Posts per fake account this turn: the scenario's habit plus any flooding drive.
    let flood = w.flood_posts_at(t);
    let posting = Posting {
        perp_tag,
        civil_tag,
        target,
        ads: perp.ads,
        ads_allowed: w.policy.region.untrusted_ads,
        trusted_ads_allowed: if w.spec.platform.ads { 1.0 } else { 0.0 },
        state_designated: w.policy.region.state_designated,
        ads_tried: Cell::new(0.0),
        ads_run: Cell::new(0.0),
        // How hard the organisation pushes its tag and its ads this turn (1 = habit).
        tag_push: w.org.effort.multiplier(Channel::Hashtags),
        ad_push: w.org.effort.multiplier(Channel::Ads),
        ad_displacement: w.ad_displacement(t),
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
        // What the organisation posts: a kind drawn from its mix (target lists only where data
        // has been harvested).
        let campaign_kind = |src: &mut Source| {
            let mut x = unit(&mut src.rng) * mix_total;
            let mut kind = Kind::Incitement;
            for (k, weight) in mix {
                if x < weight.max(0.0) {
                    kind = k;
                    break;
                }
                x -= weight.max(0.0);
            }
            if kind == Kind::TargetList && w.districts[d as usize].harvested <= TARGET_LIST_MIN_DATA
            {
                kind = Kind::Incitement;
            }
            kind
        };
        if role == Role::Inauthentic && active && flood > 0.0 {
            // Flooding: fake accounts post the campaign's content themselves.
            for _ in 0..poisson(&mut src.rng, flood) {
                let kind = campaign_kind(src);
                post(kind, false, src, out);
            }
        }
        match role {
            Role::Organiser if active => {
                for _ in 0..poisson(&mut src.rng, perp.posts_per_turn) {
                    let kind = campaign_kind(src);
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
    (posting.ads_tried.get(), posting.ads_run.get())
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
                        hashtag: civil_tag.filter(|_| kind == Kind::Warning),
                        ..Post::new(
                            u as u32,
                            kind,
                            w.region.groups[w.acc.group[u] as usize].language,
                            target,
                            d as u16,
                            appeal(&mut src.rng),
                            Origin::Organic,
                        )
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
    let n_base = w.spec.accounts;
    let warning_threshold = w.spec.sources.warning_threshold;
    let ads_allowed = w.policy.region.untrusted_ads;
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
                trusted_look: true,
                ..Post::new(
                    author,
                    kind,
                    target_lang,
                    target,
                    d as u16,
                    appeal(&mut src.rng).max(PLATFORM_APPEAL_FLOOR),
                    Origin::Platform,
                )
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
                    trusted_look: true,
                    ..Post::new(
                        w.layout.district_range(d).start,
                        if w.districts[d].risk > warning_threshold
                            && chance(rng, CREDIT_WARNING_SHARE)
                        {
                            Kind::Warning
                        } else {
                            Kind::CrisisResource
                        },
                        target_lang,
                        target,
                        d as u16,
                        appeal(rng),
                        Origin::Ad,
                    )
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
