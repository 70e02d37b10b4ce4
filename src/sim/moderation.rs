//! The moderation pipeline: automated detection whose quality depends on language coverage,
//! a human review queue with finite capacity (the backlog delays removals), false positives that
//! remove legitimate content (documentation of abuses included), and what happens to removed
//! documentation (preserved for investigators, or lost).

use super::World;
use super::actors::Role;
use super::content::{Kind, Origin, Post};
use super::params::ModelParams;
use super::policy::RegionPolicy;
use super::posting::Planned;
use super::rng::{Purpose, Stream, Subject, about, hash_unit, poisson};
use super::spec::Platform;

// Model numbers of moderation (MODEL.md §18 lists every one).

/// Recall community flags add per unit of the flagging lever (`community_flagging`). Assumption.
pub const COMMUNITY_FLAG_RECALL: f64 = 0.3;
/// Recall heightened scrutiny adds on accounts with a record, per unit of scrutiny
/// (`heightened_monitoring`). Assumption.
pub const SCRUTINY_RECALL: f64 = 0.5;
/// Turns of disabled hashtags after which the organisation switches to coded language
/// (`disable_hashtags`). Assumption.
pub const CODED_LANGUAGE_AFTER_TURNS: u32 = 2;
/// Share of its recall a classifier keeps on coded language (`disable_hashtags`). Assumption.
pub const CODED_LANGUAGE_RECALL: f64 = 0.8;
/// False-positive chance mass flagging (brigading) adds to warnings and documentation per unit
/// of the lever (`community_flagging`). Assumption.
pub const BRIGADING_FP: f64 = 0.02;

pub(super) fn moderate(w: &mut World, t: u32, mut posts: Vec<Planned>) -> Vec<Planned> {
    let rp = w.policy.region.clone();
    let platform = w.spec.platform.clone();
    let n_base = w.spec.accounts as f64;
    // Faster review (dedicated channels, a crisis function) also means more items reviewed.
    let capacity =
        (platform.review_capacity_per_1k * n_base / 1000.0 * rp.review_capacity * rp.review_speed)
            .max(1e-9);
    let r = Review {
        p: w.params.clone(),
        turn_minutes: w.spec.turn_hours * 60.0,
        capacity,
        // Users report less to a platform they trust less (their reports are part of detection).
        reports: 1.0 - w.params.report_share * (1.0 - w.trust_ratio()).max(0.0),
        rp,
        platform,
    };
    let mut queue = w.backlog;
    for planned in posts.iter_mut() {
        judge(w, planned.key, &mut planned.post, &r, &mut queue);
    }
    ordinary_posts(w, t, &r, &mut queue);
    w.backlog = (queue - capacity).max(0.0);
    posts
}

/// What one turn's moderation knows: parameters, the platform's settings, review capacity.
struct Review {
    p: ModelParams,
    rp: RegionPolicy,
    platform: Platform,
    turn_minutes: f64,
    capacity: f64,
    reports: f64,
}

impl Review {
    /// Classifier coverage of a language (raised by localisation).
    fn coverage(&self, w: &World, lang: u8) -> f64 {
        (w.coverage[lang as usize] + self.rp.coverage_boost).clamp(0.0, 1.0)
    }
    /// Minutes a post waits for review behind `queue` items.
    fn wait(&self, queue: f64) -> f64 {
        queue / self.capacity * self.turn_minutes
    }
}

/// An exponential waiting time (minutes, mean `mean`) from a uniform draw.
fn exp_minutes(u: f64, mean: f64) -> f64 {
    -mean * u.max(1e-300).ln()
}

/// One post through the pipeline: exempt, flagged for soft actions, removed (and when), or
/// left alone; a legitimate post may be mistaken for its harmful lookalike.
fn judge(w: &mut World, key: u64, post: &mut Post, r: &Review, queue: &mut f64) {
    // Draws fixed per post (same key as its cascade, other purposes).
    let draw = |purpose: u64| hash_unit(key, u64::MAX, 10 + purpose);
    if post.origin == Origin::Platform {
        return;
    }
    // Public-interest exemption: state voices' posts are neither labelled nor removed
    // unless the state-linked campaign is designated.
    if post.kind.is_harmful()
        && w.acc.role[post.author as usize] == Role::StateMedia
        && r.rp.state_exemption
    {
        post.exempt = true;
        return;
    }
    let cov = r.coverage(w, post.language);
    let d = post.district as usize;
    if post.kind.is_harmful() {
        judge_harmful(w, post, r, cov, &draw, queue);
    } else {
        judge_legitimate(w, post, r, cov, &draw, queue);
    }
    post.labelled = post.flagged_at.is_some()
        && w.policy.districts[d].persuasion[post.kind.lookalike() as usize] < 1.0;
}

fn judge_harmful(
    w: &mut World,
    post: &mut Post,
    r: &Review,
    cov: f64,
    draw: &dyn Fn(u64) -> f64,
    queue: &mut f64,
) {
    let d = post.district as usize;
    let author = post.author as usize;
    let author_role = w.acc.role[author];
    let mut q = (r.platform.classifier_recall * cov * r.rp.detection[post.kind as usize]
        + r.rp.community_flags * COMMUNITY_FLAG_RECALL)
        * r.reports;
    // The platform knows an account by its record (removed posts) or, for state voices,
    // by its public identity; never by what it really is.
    let known = w.strikes[author] > 0 || author_role == Role::StateMedia;
    if known {
        q += r.rp.perpetrator_scrutiny * SCRUTINY_RECALL;
    }
    // Coded language slips past classifiers (once the tag page is closed: on an open page the
    // organisation has no reason to hide its tag).
    if post.hashtag.is_some() && w.coded_language(w.turn) && w.org.hashtag_denied_turns > 0 {
        q *= CODED_LANGUAGE_RECALL;
    }
    // One classifier score per post: below the looser threshold of soft actions (labels,
    // demotion, prompts) it is flagged for them from upload (ranking classifiers score a
    // post as it is posted); below the removal threshold it is also removed, once
    // detected and reviewed.
    w.totals.harmful_posts += 1;
    let score = draw(0);
    let soft = (q * r.p.soft_recall_gain).min(1.0);
    if score < soft.max(q) {
        post.flagged_at = Some(0.0);
        w.totals.harmful_flagged += 1;
        w.districts[d].flagged_harm += 1;
        if score < q {
            let speed = 1.0
                + if known {
                    r.rp.perpetrator_scrutiny
                } else {
                    0.0
                };
            let detect = exp_minutes(draw(1), r.p.detect_minutes / speed);
            let at = (detect + r.wait(*queue)) / r.rp.review_speed.max(1e-9);
            if at <= 60.0 {
                w.totals.removed_within_hour += 1;
            }
            post.removed_at = Some(at);
            *queue += 1.0;
            w.totals.harmful_removed += 1;
            w.strikes[author] = w.strikes[author].saturating_add(1);
        }
    }
}

fn judge_legitimate(
    w: &mut World,
    post: &mut Post,
    r: &Review,
    cov: f64,
    draw: &dyn Fn(u64) -> f64,
    queue: &mut f64,
) {
    let author = post.author as usize;
    let factor = match post.kind {
        Kind::Documentation => r.p.fp_documentation * r.rp.protective_fp * r.rp.documentation_fp,
        Kind::Warning => r.p.fp_warning * r.rp.protective_fp,
        _ => 1.0,
    };
    // Perpetrators mass-flag activists' posts when flags carry weight (brigading).
    let brigading = if matches!(post.kind, Kind::Warning | Kind::Documentation) {
        r.rp.brigading * BRIGADING_FP
    } else {
        0.0
    };
    let fp = r.platform.false_positive_rate
        * r.rp.false_positives
        * (1.0 + r.p.fp_language * (1.0 - cov))
        * factor
        + brigading;
    // The same classifiers at the soft-action threshold mistake more legitimate posts
    // for their harmful lookalike: labels and demotion aimed at that kind fall on them.
    let score = draw(2);
    if score < (fp * r.p.soft_fp_gain).min(1.0).max(fp) {
        post.flagged_at = Some(0.0);
        w.totals.legit_flagged[post.kind as usize] += 1;
        if score < fp {
            let removal = exp_minutes(draw(3), r.p.detect_minutes) + r.wait(*queue);
            *queue += 1.0;
            if draw(4) >= r.p.review_restore * cov {
                post.removed_at = Some(removal);
                w.totals.legit_removed += 1;
                // The platform cannot tell a wrongful removal from a right one: it is
                // a strike on the author's record.
                w.strikes[author] = w.strikes[author].saturating_add(1);
                w.totals.legit_removed_kind[post.kind as usize] += 1;
                if post.kind == Kind::Documentation {
                    if r.rp.evidence_preservation {
                        w.totals.evidence_preserved += 1;
                    } else {
                        w.totals.evidence_lost += 1;
                    }
                }
            }
        }
    }
}

/// Ordinary posts: the bulk of what false positives hit, counted, not cascaded. Each district's
/// ordinary posts draw from their own stream.
fn ordinary_posts(w: &mut World, t: u32, r: &Review, queue: &mut f64) {
    let nd = w.districts.len();
    let ng = w.region.groups.len();
    let mut civilians = vec![0u32; nd * ng];
    for u in 0..w.acc.len() {
        if w.acc.live(u) && w.acc.role[u] == Role::Civilian {
            civilians[w.acc.district[u] as usize * ng + w.acc.group[u] as usize] += 1;
        }
    }
    for d in 0..nd {
        let conn = w.districts[d].connectivity;
        let rng = &mut about(
            w.seed,
            t,
            Stream::Moderation,
            Subject::District(d as u16, Purpose::OrdinaryPosts),
        );
        for g in 0..ng {
            let lang = w.region.groups[g].language;
            let cov = r.coverage(w, lang);
            let posts = civilians[d * ng + g] as f64 * r.p.chatter_per_account * conn;
            let fp = r.platform.false_positive_rate
                * r.rp.false_positives
                * (1.0 + r.p.fp_language * (1.0 - cov));
            let flagged = poisson(rng, posts * fp) as f64;
            *queue += flagged;
            let removed = poisson(rng, flagged * (1.0 - r.p.review_restore * cov));
            w.totals.legit_removed += removed;
        }
    }
}
