//! The moderation pipeline: automated detection whose quality depends on language coverage,
//! a human review queue with finite capacity (the backlog delays removals), false positives that
//! remove legitimate content (documentation of abuses included), and what happens to removed
//! documentation (preserved for investigators, or lost).

use super::World;
use super::actors::Role;
use super::content::{Kind, Origin};
use super::diffusion::Planned;
use super::rng::{Stream, chance, poisson, stream, unit};

pub(super) fn moderate(w: &mut World, t: u32, mut posts: Vec<Planned>) -> Vec<Planned> {
    let mut rng = stream(w.seed, t, Stream::Moderation);
    let p = w.params.clone();
    let rp = w.policy.region.clone();
    let platform = w.scenario.platform.clone();
    let turn_minutes = w.scenario.turn_hours * 60.0;
    let n_base = w.scenario.accounts.max(0) as f64;
    let capacity =
        (platform.review_capacity_per_1k * n_base / 1000.0 * rp.review_capacity).max(1e-9);
    let mut queue = w.backlog;
    let coverage = |lang: u8| (w.coverage[lang as usize] + rp.coverage_boost).clamp(0.0, 1.0);
    let wait = |queue: f64| queue / capacity * turn_minutes / rp.review_speed.max(1e-9);
    let exp_minutes =
        |rng: &mut rand_chacha::ChaCha8Rng, mean: f64| -mean * unit(rng).max(1e-300).ln();

    for planned in posts.iter_mut() {
        let post = &mut planned.post;
        if post.origin == Origin::Platform {
            continue;
        }
        let cov = coverage(post.language);
        let d = post.district as usize;
        post.labelled =
            post.kind.is_harmful() && w.policy.districts[d].persuasion[post.kind as usize] < 1.0;
        let author = post.author as usize;
        let author_role = w.acc.role[author];
        if post.kind.is_harmful() {
            let mut q = platform.classifier_recall * cov * rp.detection[post.kind as usize]
                + rp.community_flags * 0.3;
            let known = author_role.is_perpetrator() || author_role == Role::StateMedia;
            if known {
                q += rp.perpetrator_scrutiny * 0.5;
            }
            // Coded language slips past classifiers.
            if post.hashtag.is_some() && w.org.hashtag_denied_turns >= 2 {
                q *= 0.5;
            }
            if chance(&mut rng, q) {
                let speed = 1.0 + if known { rp.perpetrator_scrutiny } else { 0.0 };
                let detect = exp_minutes(&mut rng, p.detect_minutes / speed);
                post.removed_at = Some(detect + wait(queue));
                queue += 1.0;
                w.totals.harmful_removed += 1;
                w.strikes[author] = w.strikes[author].saturating_add(1);
            }
        } else {
            let factor = match post.kind {
                Kind::Documentation => p.fp_documentation,
                Kind::Warning => p.fp_warning,
                _ => 1.0,
            };
            // Perpetrators mass-flag activists' posts when flags carry weight (brigading).
            let brigading = if post.kind.is_protective() {
                rp.community_flags * 0.02
            } else {
                0.0
            };
            let fp = platform.false_positive_rate
                * rp.false_positives
                * (1.0 + p.fp_language * (1.0 - cov))
                * factor
                + brigading;
            if chance(&mut rng, fp) {
                let removal = exp_minutes(&mut rng, p.detect_minutes) + wait(queue);
                queue += 1.0;
                if !chance(&mut rng, p.review_restore * cov) {
                    post.removed_at = Some(removal);
                    w.totals.legit_removed += 1;
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
