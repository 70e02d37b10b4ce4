//! A platform that errs, and an adversary that adapts: content levers act on what the platform's
//! classifiers flag (nothing where it cannot read the language; its mistakes fall on legitimate
//! posts through the same channel), and the organisation moves effort out of blocked channels.

use crate::common;

use breakglass::scenario::Scenario;
use breakglass::sim::actors::Role;
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
    let (_, _, none_with, _, reach_p_with) = totals(&precise, Some("crisis_misinfo_policy"));
    assert_eq!(none, 0, "no false positives, no legitimate post flagged");
    assert_eq!(none_with, 0, "the policy flags no legitimate post either");
    // What is left of a difference comes through the world, not the news: less belief in
    // rumours, a little less violence, fewer crisis resources posted (within 1%).
    assert!(
        reach_p_with >= reach_p * 0.99,
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

fn violent(coverage: f64) -> Scenario {
    let mut s = with_coverage(coverage);
    for d in &mut s.districts {
        d.legitimacy = 0.45;
    }
    s
}

#[test]
fn deplatforming_reaches_only_accounts_with_a_record_and_the_record_can_be_wrong() {
    // No removal, no record: deplatforming has nobody to act on, and the run is the same run.
    let mut blind = violent(0.0);
    blind.platform.false_positive_rate = 0.0;
    for seed in 0..2 {
        let base = {
            let mut w = World::new(&blind, 600 + seed).unwrap();
            w.run();
            w
        };
        let mut with = World::new(&blind, 600 + seed).unwrap();
        with.apply(common::enable_command(0, "deplatform_perpetrators"))
            .unwrap();
        with.run();
        assert_eq!(base.totals.bans, with.totals.bans, "seed {seed}");
        assert_eq!(base.summary(), with.summary(), "seed {seed}");
    }
    // Many mistakes: activists and civilians with wrongly removed posts are suspended too.
    let mut sloppy = violent(0.2);
    sloppy.platform.false_positive_rate = 0.05;
    let mut wrongful = 0;
    let mut members_banned = 0;
    for seed in 0..SEEDS {
        let mut w = World::new(&sloppy, 610 + seed).unwrap();
        w.apply(common::enable_command(0, "deplatform_perpetrators"))
            .unwrap();
        w.run();
        wrongful += w.totals.wrongful_bans;
        members_banned += w.totals.bans - w.totals.wrongful_bans;
    }
    assert!(
        members_banned > 0,
        "it still bans the organisation's accounts"
    );
    assert!(wrongful > 0, "and some who were never part of it");
}

/// First turn with an attack anywhere, first turn with an emergency alert.
fn first_attack_and_alert(w: &World) -> (Option<u32>, Option<u32>) {
    let first = |f: &dyn Fn(&Happening) -> bool| {
        w.happenings
            .iter()
            .filter(|(_, h)| f(h))
            .map(|(t, _)| *t)
            .min()
    };
    (
        first(&|h| matches!(h, Happening::Attacks { .. })),
        first(&|h| matches!(h, Happening::AlertIssued { .. })),
    )
}

#[test]
fn emergency_alerts_fire_on_what_the_platform_can_see_not_on_the_hidden_risk() {
    // Blind to content (no coverage): before the first reported attack the platform has no
    // signal, whatever the true risk; risk information from the ground lets it act earlier.
    // Tense but not yet violent: attacks start a few turns in.
    let mut s = violent(0.0);
    for d in &mut s.districts {
        d.legitimacy = 0.55;
    }
    let mut early_blind = 0;
    let mut early_told = 0;
    let mut hidden_risk_high = 0;
    for seed in 0..6 {
        let mut blind = World::new(&s, 700 + seed).unwrap();
        blind
            .apply(common::enable_command(0, "emergency_alerts"))
            .unwrap();
        let mut told = blind.clone();
        told.apply(common::enable_command(0, "risk_information_sharing"))
            .unwrap();
        blind.run();
        told.run();
        let (attack, alert) = first_attack_and_alert(&blind);
        let attack = attack.unwrap_or(u32::MAX);
        if alert.is_some_and(|a| a < attack) {
            early_blind += 1;
        }
        if first_attack_and_alert(&told).1.is_some_and(|a| a < attack) {
            early_told += 1;
        }
        // The hidden risk was above the alert threshold before the first attack.
        if blind
            .risk_series
            .iter()
            .take(attack.min(blind.risk_series.len() as u32) as usize)
            .any(|r| r.iter().any(|&x| x > 60.0))
        {
            hidden_risk_high += 1;
        }
    }
    assert!(hidden_risk_high > 0, "the test needs a risky start");
    assert_eq!(
        early_blind, 0,
        "no alert before an attack when nothing is seen"
    );
    assert!(
        early_told > 0,
        "told by people on the ground, it alerts earlier"
    );
}

#[test]
fn network_detection_and_impersonation_enforcement_err_on_genuine_look_alikes() {
    // No wrongful removals, so no records: besides the platform's own baseline detection of
    // fakes (which now and then takes a small genuine account for one), the mistakes are those
    // of the lever itself.
    let mut s = common::small();
    s.platform.false_positive_rate = 0.0;
    let wrongful = |lever: Option<&str>| {
        (0..SEEDS)
            .map(|seed| {
                let mut w = World::new(&s, 800 + seed).unwrap();
                if let Some(id) = lever {
                    w.apply(common::enable_command(0, id)).unwrap();
                }
                w.run();
                w.totals.wrongful_bans
            })
            .sum::<u64>()
    };
    let baseline = wrongful(None);
    assert!(
        baseline <= 2,
        "baseline detection: {baseline} wrongful bans"
    );
    for lever in ["coordinated_network_detection", "impersonation_enforcement"] {
        let with = wrongful(Some(lever));
        assert!(
            with > baseline + 2,
            "{lever}: {baseline} -> {with} wrongful bans"
        );
    }
}

/// Share of the small world's harmful views `lever` cuts when no fake account's own signals
/// give it away, and when every fake's do: (blind, sharp).
fn cut_by_signals(lever: &str) -> (f64, f64) {
    let with_recall = |recall: f64| {
        let mut s = common::small();
        s.model.fake_signal_recall = recall;
        s
    };
    // Without the lever the signals change nothing: one baseline serves both.
    let (_, _, _, none, _) = totals(&with_recall(0.0), None);
    let cut = |recall: f64| 1.0 - totals(&with_recall(recall), Some(lever)).3 / none;
    (cut(0.0), cut(1.0))
}

#[test]
fn a_trust_threshold_ranks_down_only_the_fakes_whose_signals_give_them_away() {
    // The lever sees an account's age, its connections and its own signals, never its role:
    // with signals that give no fake away it still ranks down the young and small (fakes and
    // genuine alike), with signals that give every fake away it reaches them all.
    let (blind, sharp) = cut_by_signals("trust_threshold_for_reach");
    // Measured: blind 0.196, sharp 0.400 (4 seeds). Its cost to civilians' own communication,
    // which does not depend on the signals, is checked with the catalog (interventions.rs).
    assert!(sharp > blind + 0.1, "{blind} vs {sharp}");
    assert!(
        blind > 0.05,
        "young and small fakes are still ranked down ({blind})"
    );
}

#[test]
fn group_admins_keep_out_whom_they_can_see_not_whom_the_model_knows() {
    // Admin vetting uses the same signals: a record, a young or small account, a fake that gives
    // itself away. With signals that give no fake away, fewer of the campaign's group posts are
    // kept out than with signals that give every fake away.
    let (blind, sharp) = cut_by_signals("admin_moderation_tools");
    // Measured: blind 0.069, sharp 0.079 (4 seeds); records and young accounts still count.
    assert!(sharp > blind + 0.005, "{blind} vs {sharp}");
    assert!(
        blind > 0.02,
        "records and young accounts still count ({blind})"
    );
}

/// Harmful ads put up in the state media scenario (seed 1; more proxies) from turn 2 (the
/// levers' lead time is one turn) to `turns`, by who runs them: (no trusted look, state outlets,
/// hijacked or impersonated voices).
fn harmful_ads(levers: &[&str], turns: u32) -> (u32, u32, u32) {
    let loaded = breakglass::scenario::load(std::path::Path::new("scenarios/state_media.ron"))
        .expect("the state media scenario loads");
    let mut s = loaded.scenario;
    // More hijacked and impersonated pages than the library's 0.1 (sirens has 0.6), so that
    // proxies are counted in tens.
    s.perpetrators.impersonation = 0.6;
    s.perpetrators.hacking_per_1k = 2.0;
    let mut w = World::new(&s, 1).unwrap();
    for id in levers {
        w.apply(common::enable_command(0, id)).unwrap();
    }
    let mut out = (0, 0, 0);
    for _ in 0..turns {
        w.step();
        let now = w.turn - 1;
        for p in w.posts.iter().filter(|p| p.ad && p.kind.is_harmful()) {
            if now < 2 || p.posted != now || p.resurfaced {
                continue;
            }
            match (p.trusted_look, p.author_role) {
                (false, _) => out.0 += 1,
                (true, Role::StateMedia) => out.1 += 1,
                (true, _) => out.2 += 1,
            }
        }
    }
    out
}

#[test]
fn ads_restrictions_refuse_advertisers_by_their_look_not_by_who_runs_them() {
    let (open_plain, open_state, open_proxies) = harmful_ads(&[], 16);
    assert!(
        open_plain > 10 && open_state > 50 && open_proxies > 10,
        "with ads open the campaign advertises from every kind of page: \
         {open_plain}, {open_state}, {open_proxies}"
    );
    // Trusted advertisers only: the organisation's own pages are refused; state outlets and
    // hijacked or impersonated pages are trusted advertisers and go on advertising.
    let (plain, state, proxies) = harmful_ads(&["ads_restrictions"], 16);
    assert_eq!(plain, 0, "no ad from a page without a trusted look");
    assert!(
        state * 10 >= open_state * 7 && proxies * 10 >= open_proxies * 7,
        "trusted-looking pages keep advertising: state {state} of {open_state}, \
         proxies {proxies} of {open_proxies}"
    );
    // Designated, the state outlets lose their trusted standing; the proxies keep theirs.
    let (plain, state, proxies) = harmful_ads(&["ads_restrictions", "designate_violent_orgs"], 16);
    assert_eq!((plain, state), (0, 0), "designated outlets are refused too");
    assert!(
        proxies * 10 >= open_proxies * 7,
        "hijacked and impersonated pages still pass: {proxies} of {open_proxies}"
    );
}
