//! The moderation pipeline: automated detection whose quality depends on language coverage,
//! a human review queue with finite capacity (the backlog delays removals), false positives that
//! remove legitimate content (documentation of abuses included), and what happens to removed
//! documentation (preserved for investigators, or lost).

use super::World;
use super::actors::Role;
use super::content::{Kind, Origin};
use super::diffusion::Planned;
use super::rng::{Stream, cascade_key, hash_unit, poisson, stream_for};

pub(super) fn moderate(w: &mut World, t: u32, mut posts: Vec<Planned>) -> Vec<Planned> {
    // Ordinary posts and wrongful suspensions: their own stream, so decisions about one post
    // never shift the draws of another.
    let mut rng = stream_for(w.seed, t, Stream::Moderation, 0);
    let p = w.params.clone();
    let rp = w.policy.region.clone();
    let platform = w.scenario.platform.clone();
    let turn_minutes = w.scenario.turn_hours * 60.0;
    let n_base = w.scenario.accounts.max(0) as f64;
    // Faster review (dedicated channels, a crisis function) also means more items reviewed.
    let capacity =
        (platform.review_capacity_per_1k * n_base / 1000.0 * rp.review_capacity * rp.review_speed)
            .max(1e-9);
    let mut queue = w.backlog;
    let coverage = |lang: u8| (w.coverage[lang as usize] + rp.coverage_boost).clamp(0.0, 1.0);
    let wait = |queue: f64| queue / capacity * turn_minutes;
    // Users report less to a platform they trust less (their reports are part of detection).
    let reports = 1.0 - p.report_share * (1.0 - w.trust_ratio()).max(0.0);
    let exp_minutes = |u: f64, mean: f64| -mean * u.max(1e-300).ln();

    for (index, planned) in posts.iter_mut().enumerate() {
        let post = &mut planned.post;
        // Draws fixed per post (same key as its cascade, other purposes).
        let key = cascade_key(w.seed, t, index as u64);
        let draw = |purpose: u64| hash_unit(key, u64::MAX, 10 + purpose);
        if post.origin == Origin::Platform {
            continue;
        }
        // Public-interest exemption: state voices' posts are neither labelled nor removed
        // unless the state-linked campaign is designated.
        if post.kind.is_harmful()
            && w.acc.role[post.author as usize] == Role::StateMedia
            && rp.state_exemption
        {
            post.exempt = true;
            continue;
        }
        let cov = coverage(post.language);
        let d = post.district as usize;
        let author = post.author as usize;
        let author_role = w.acc.role[author];
        if post.kind.is_harmful() {
            let mut q = (platform.classifier_recall * cov * rp.detection[post.kind as usize]
                + rp.community_flags * 0.3)
                * reports;
            // The platform knows an account by its record (removed posts) or, for state voices,
            // by its public identity; never by what it really is.
            let known = w.strikes[author] > 0 || author_role == Role::StateMedia;
            if known {
                q += rp.perpetrator_scrutiny * 0.5;
            }
            // Coded language slips past classifiers.
            if post.hashtag.is_some() && w.org.hashtag_denied_turns >= 2 {
                q *= 0.8;
            }
            // One classifier score per post: below the looser threshold of soft actions (labels,
            // demotion, prompts) it is flagged for them from upload (ranking classifiers score a
            // post as it is posted); below the removal threshold it is also removed, once
            // detected and reviewed.
            w.totals.harmful_posts += 1;
            let score = draw(0);
            let soft = (q * p.soft_recall_gain).min(1.0);
            if score < soft.max(q) {
                post.flagged_at = Some(0.0);
                w.totals.harmful_flagged += 1;
                w.districts[d].flagged_harm += 1;
                if score < q {
                    let speed = 1.0 + if known { rp.perpetrator_scrutiny } else { 0.0 };
                    let detect = exp_minutes(draw(1), p.detect_minutes / speed);
                    let at = (detect + wait(queue)) / rp.review_speed.max(1e-9);
                    if at <= 60.0 {
                        w.totals.removed_within_hour += 1;
                    }
                    post.removed_at = Some(at);
                    queue += 1.0;
                    w.totals.harmful_removed += 1;
                    w.strikes[author] = w.strikes[author].saturating_add(1);
                }
            }
        } else {
            let factor = match post.kind {
                Kind::Documentation => p.fp_documentation * rp.protective_fp * rp.documentation_fp,
                Kind::Warning => p.fp_warning * rp.protective_fp,
                _ => 1.0,
            };
            // Perpetrators mass-flag activists' posts when flags carry weight (brigading).
            let brigading = if matches!(post.kind, Kind::Warning | Kind::Documentation) {
                rp.brigading * 0.02
            } else {
                0.0
            };
            let fp = platform.false_positive_rate
                * rp.false_positives
                * (1.0 + p.fp_language * (1.0 - cov))
                * factor
                + brigading;
            // The same classifiers at the soft-action threshold mistake more legitimate posts
            // for their harmful lookalike: labels and demotion aimed at that kind fall on them.
            let score = draw(2);
            if score < (fp * p.soft_fp_gain).min(1.0).max(fp) {
                post.flagged_at = Some(0.0);
                w.totals.legit_flagged[post.kind as usize] += 1;
                if score < fp {
                    let removal = exp_minutes(draw(3), p.detect_minutes) + wait(queue);
                    queue += 1.0;
                    if draw(4) >= p.review_restore * cov {
                        post.removed_at = Some(removal);
                        w.totals.legit_removed += 1;
                        // The platform cannot tell a wrongful removal from a right one: it is
                        // a strike on the author's record.
                        w.strikes[author] = w.strikes[author].saturating_add(1);
                        w.totals.legit_removed_kind[post.kind as usize] += 1;
                        if post.kind == Kind::Documentation {
                            if rp.evidence_preservation {
                                w.totals.evidence_preserved += 1;
                            } else {
                                w.totals.evidence_lost += 1;
                            }
                        }
                    }
                }
            }
        }
        post.labelled = post.flagged_at.is_some()
            && w.policy.districts[d].persuasion[post.kind.lookalike() as usize] < 1.0;
    }

    // Ordinary posts: the bulk of what false positives hit. Counted, not cascaded.
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
        for g in 0..ng {
            let lang = w.region.groups[g].language;
            let cov = coverage(lang);
            let posts = civilians[d * ng + g] as f64 * p.chatter_per_account * conn;
            let fp = platform.false_positive_rate
                * rp.false_positives
                * (1.0 + p.fp_language * (1.0 - cov));
            let flagged = poisson(&mut rng, posts * fp) as f64;
            queue += flagged;
            let removed = poisson(&mut rng, flagged * (1.0 - p.review_restore * cov));
            w.totals.legit_removed += removed;
        }
        // Wrongful suspensions from aggressive enforcement.
        let per_1k = w.districts[d].accounts as f64 / 1000.0;
        w.totals.legit_removed += poisson(&mut rng, rp.wrongful_suspensions * per_1k);
    }

    w.backlog = (queue - capacity).max(0.0);
    posts
}
