//! A platform that errs, and an adversary that adapts: content levers act on what the platform's
//! classifiers flag (nothing where it cannot read the language; its mistakes fall on legitimate
//! posts through the same channel), and the organisation moves effort out of blocked channels.

mod common;

use breakglass::scenario::Scenario;
use breakglass::sim::adversary::Channel;
use breakglass::sim::metrics::Outcome;
use breakglass::sim::{Happening, World};

const SEEDS: u64 = 4;

/// The content levers keyed by kind: demotion, labels, screens, share prompts, down-ranking.
const CONTENT_LEVERS: [&str; 5] = [
    "crisis_misinfo_policy",
    "deamplify_dehumanizing",
    "warning_labels",
    "interstitials",
    "reshare_nudges",
];

fn with_coverage(coverage: f64) -> Scenario {
    let mut s = common::small();
    for c in s.platform.language_coverage.values_mut() {
        *c = coverage;
    }
    s
}

/// Summed totals over seeds: (harmful flagged, harmful posts, legitimate flagged, harmful views,
/// credible-information reach).
fn totals(s: &Scenario, lever: Option<&str>) -> (u64, u64, u64, f64, f64) {
    let mut out = (0, 0, 0, 0.0, 0.0);
    for seed in 0..SEEDS {
        let mut w = World::new(s, 300 + seed).unwrap();
        if let Some(id) = lever {
            w.apply(common::enable_command(0, id)).unwrap();
        }
        w.run();
        out.0 += w.totals.harmful_flagged;
        out.1 += w.totals.harmful_posts;
        out.2 += w.totals.legit_flagged.iter().sum::<u64>();
        out.3 += w.totals.harmful_views;
        out.4 += w.summary()[Outcome::CredibleInfoReach];
    }
    out
}

#[test]
fn with_zero_language_coverage_content_levers_miss_every_harmful_post() {
    let blind = with_coverage(0.0);
    let (flagged, posts, legit, ..) = totals(&blind, None);
    assert!(posts > 100, "the campaign posts ({posts})");
    assert_eq!(flagged, 0, "nothing harmful is flagged in unread languages");
    assert!(
        legit > 0,
        "but legitimate posts are still mistaken for harm"
    );
    for id in CONTENT_LEVERS {
        // The lever touches no harmful post: the harm it reaches is what it reached without it,
        // up to the echo of its mistakes on legitimate posts (a few percent at most).
        let (flagged, _, _, views, _) = totals(&blind, Some(id));
        let (_, _, _, base_views, _) = totals(&blind, None);
        assert_eq!(flagged, 0, "{id}");
        let change = (views - base_views).abs() / base_views;
        assert!(
            change < 0.05,
            "{id}: harmful views moved {change:.3} at zero coverage"
        );
    }
}

#[test]
fn content_levers_cut_harm_only_where_the_platform_reads_the_language() {
    let blind = with_coverage(0.0);
    let sighted = with_coverage(1.0);
    for id in ["crisis_misinfo_policy", "deamplify_dehumanizing"] {
        let cut = |s: &Scenario| {
            let base = totals(s, None).3;
            1.0 - totals(s, Some(id)).3 / base
        };
        let (at_zero, at_full) = (cut(&blind), cut(&sighted));
        assert!(
            at_full > at_zero + 0.05,
            "{id}: harmful views cut {at_full:.3} with full coverage, {at_zero:.3} with none"
        );
    }
}

#[test]
fn a_measure_against_rumours_falls_on_true_news_mistaken_for_rumours() {
    // Thin coverage: more mistakes. The misinformation policy holds back news it mistakes for
    // rumours; with perfect precision (no false positives) it would not touch news at all.
    let thin = with_coverage(0.2);
    let (_, _, legit, _, reach) = totals(&thin, None);
    let (_, _, legit_with, _, reach_with) = totals(&thin, Some("crisis_misinfo_policy"));
    assert!(legit > 0 && legit_with > 0);
    assert!(
        reach_with < reach,
        "credible information reach {reach:.4} -> {reach_with:.4}"
    );
    let mut precise = thin.clone();
    precise.platform.false_positive_rate = 0.0;
    let (_, _, none, _, reach_p) = totals(&precise, None);
    let (_, _, _, _, reach_p_with) = totals(&precise, Some("crisis_misinfo_policy"));
    assert_eq!(none, 0, "no false positives, no legitimate post flagged");
    assert!(
        reach_p_with >= reach_p - 1e-3,
        "without mistakes, news is not held back: {reach_p:.4} -> {reach_p_with:.4}"
    );
}

#[test]
fn more_coverage_means_fewer_mistakes_and_more_harm_found() {
    let (f_lo, p_lo, l_lo, ..) = totals(&with_coverage(0.2), None);
    let (f_hi, p_hi, l_hi, ..) = totals(&with_coverage(0.9), None);
    let share = |f: u64, p: u64| f as f64 / p.max(1) as f64;
    assert!(share(f_hi, p_hi) > share(f_lo, p_lo) + 0.2);
    assert!(
        l_hi < l_lo,
        "legitimate posts flagged: {l_lo} at 0.2, {l_hi} at 0.9"
    );
}

fn hashtag_world(seed: u64, block: bool) -> World {
    let mut w = World::new(&common::small(), seed).unwrap();
    if block {
        w.apply(common::enable_command(0, "disable_hashtags"))
            .unwrap();
    }
    for _ in 0..6 {
        w.step();
    }
    w
}

#[test]
fn blocking_the_hashtag_moves_the_organisations_effort_into_its_other_channels() {
    for seed in 0..3 {
        let open = hashtag_world(400 + seed, false);
        let blocked = hashtag_world(400 + seed, true);
        let e = &open.org.effort;
        // Nothing blocked: effort stays exactly at habit.
        assert_eq!(e.share, e.habit, "seed {seed}: no measure, no shift");
        let b = &blocked.org.effort;
        let tag = Channel::Hashtags as usize;
        assert!(
            b.share[tag] < b.habit[tag] / 3.0,
            "seed {seed}: hashtag effort {:.3} (habit {:.3})",
            b.share[tag],
            b.habit[tag]
        );
        for c in [
            Channel::Feed,
            Channel::Groups,
            Channel::Forwards,
            Channel::OffPlatform,
        ] {
            assert!(
                b.multiplier(c) > 1.05,
                "seed {seed}: {} pushed x{:.3}",
                c.id(),
                b.multiplier(c)
            );
        }
        assert!(
            blocked.happenings.iter().any(|(_, h)| matches!(
                h,
                Happening::EffortShifted {
                    from: Channel::Hashtags,
                    ..
                }
            )),
            "seed {seed}: the room is told"
        );
    }
}

#[test]
fn lifting_the_block_brings_effort_back_towards_habit() {
    let mut w = hashtag_world(410, true);
    let tag = Channel::Hashtags as usize;
    let low = w.org.effort.share[tag];
    let entry = breakglass::sim::interventions::index_of("disable_hashtags").unwrap();
    w.apply(breakglass::sim::command::Command {
        turn: w.turn,
        team: breakglass::sim::interventions::Team::CrisisLeadership,
        action: breakglass::sim::command::Action::Disable { entry },
        rationale: "lifted".into(),
    })
    .unwrap();
    for _ in 0..5 {
        w.step();
    }
    let e = &w.org.effort;
    assert!(
        e.share[tag] > low + 0.03,
        "hashtag effort {low:.3} -> {:.3}",
        e.share[tag]
    );
}
