//! The red cell: perpetrator moves are commands of team `perpetrators`, checked (budget, what the
//! scenario has, who sends them, who holds the red cell, the turn), logged and replayed; the
//! automatic adversary makes the same kinds of move from what it observes; a red team that routes
//! around a measure wins back what the measure took.

use breakglass::scenario::{self, Scenario};
use breakglass::sim::World;
use breakglass::sim::adversary::Channel;
use breakglass::sim::command::{Action, Command, CommandError};
use breakglass::sim::interventions::Team;
use breakglass::sim::metrics::Outcome;
use breakglass::sim::red::{self, RedError, Target};

use crate::common;

fn library(name: &str) -> Scenario {
    scenario::load(std::path::Path::new(&format!("scenarios/{name}.ron")))
        .unwrap()
        .scenario
}

fn hand_over(turn: u32, automatic: bool) -> Command {
    Command {
        turn,
        team: Team::Facilitator,
        action: Action::RedCell { automatic },
        rationale: String::new(),
    }
}

fn red_move(turn: u32, id: &str, params: Option<Vec<f64>>, target: Target) -> Command {
    let mv = red::index_of(id).unwrap();
    Command {
        turn,
        team: Team::Perpetrators,
        action: Action::Red {
            mv,
            params: params.unwrap_or_else(|| red::MOVES[mv].defaults()),
            target,
        },
        rationale: format!("red: {id}"),
    }
}

const FROM_TAGS: Target = Target::Channels {
    from: Channel::Hashtags,
    to: Channel::Forwards,
};

/// The hashtag scenario with its hashtag page closed at turn 0, run `turns` turns with `plan`.
fn closed_tags(seed: u64, plan: Vec<Command>, turns: u32) -> World {
    let s = library("hashtag_mobilisation");
    let mut w = World::new(&s, seed).unwrap();
    let mut all = vec![common::enable_command(0, "disable_hashtags")];
    all.extend(plan);
    w.schedule(all);
    while w.turn < turns {
        w.step();
    }
    w
}

#[test]
fn bad_red_moves_are_refused_with_a_clear_message_and_change_nothing() {
    let s = common::small();
    let mut w = World::new(&s, 3).unwrap();
    // The automatic adversary holds the red cell: a player's move is refused.
    let e = w.check(&red_move(0, "bot_flood", None, Target::None));
    assert_eq!(e, Err(CommandError::Red(RedError::Automatic)));
    w.apply(hand_over(0, false)).unwrap();
    // From a team that is not the red cell.
    let mut from_blue = red_move(0, "bot_flood", None, Target::None);
    from_blue.team = Team::Platform;
    assert_eq!(
        w.check(&from_blue).unwrap_err().to_string(),
        "only the red cell (team perpetrators) plays the organisation's moves, not platform"
    );
    // The red cell cannot issue a platform lever.
    let mut lever = common::enable_command(0, "forwarding_limits");
    lever.team = Team::Perpetrators;
    assert!(matches!(
        w.check(&lever),
        Err(CommandError::WrongTeam { .. })
    ));
    // A state's move for a campaign that is not state-affiliated.
    assert_eq!(
        w.check(&red_move(0, "shutdown_cover", None, Target::District(0)))
            .unwrap_err()
            .to_string(),
        "\"shutdown_cover\" needs a state-affiliated campaign, which this scenario does not have"
    );
    // Over budget: 3 + 3 fit in 6 points, a third costly move does not.
    let budget = w.red_budget();
    assert_eq!(budget, 6, "an organisation at its starting strength");
    w.apply(red_move(0, "bot_flood", None, Target::None))
        .unwrap();
    w.apply(red_move(0, "account_wave", None, Target::None))
        .unwrap();
    let before = (w.log.len(), w.red.moves.len());
    let e = w
        .apply(red_move(0, "hijack_voices", None, Target::None))
        .unwrap_err();
    assert_eq!(
        e.to_string(),
        "\"hijack_voices\" needs 3 point(s) of the organisation's capacity but only 0 of 6 are left this turn"
    );
    assert_eq!((w.log.len(), w.red.moves.len()), before, "nothing changed");
    // A replayed move (an old turn's command) is refused.
    w.step();
    assert!(matches!(
        w.apply(red_move(0, "hashtag_drive", None, Target::None)),
        Err(CommandError::WrongTurn { turn: 0, now: 1 })
    ));
    // Same channel twice, a parameter out of range.
    let same = Target::Channels {
        from: Channel::Feed,
        to: Channel::Feed,
    };
    assert!(w.check(&red_move(1, "shift_effort", None, same)).is_err());
    assert!(matches!(
        w.check(&red_move(
            1,
            "bot_flood",
            Some(vec![50.0, 2.0]),
            Target::None
        )),
        Err(CommandError::Red(RedError::OutOfRange { .. }))
    ));
}

#[test]
fn a_channel_the_platform_lacks_is_refused() {
    let mut s = common::small();
    s.platform.features.ads = false;
    let mut w = World::new(&s, 4).unwrap();
    w.apply(hand_over(0, false)).unwrap();
    let to_ads = Target::Channels {
        from: Channel::Feed,
        to: Channel::Ads,
    };
    assert_eq!(
        w.check(&red_move(0, "shift_effort", None, to_ads))
            .unwrap_err()
            .to_string(),
        "the organisation has no effort in ads to move"
    );
    assert_eq!(
        w.check(&red_move(0, "proxy_ads", None, Target::None))
            .unwrap_err()
            .to_string(),
        "\"proxy_ads\" needs a platform that sells ads and a campaign that buys them, which this scenario does not have"
    );
}

#[test]
fn the_automatic_adversary_and_a_red_plan_make_the_same_move_in_the_same_situation() {
    // The hashtag page closes at turn 0. Left to itself, the automatic adversary moves effort out
    // of its hashtag and switches to coded language, each with a reason.
    let auto = closed_tags(21, Vec::new(), 4);
    let shift = red::index_of("shift_effort").unwrap();
    let coded = red::index_of("coded_language").unwrap();
    let moved = auto
        .red
        .moves
        .iter()
        .find(|m| m.mv == shift)
        .expect("it moved effort");
    assert!(moved.automatic);
    assert!(
        matches!(
            moved.target,
            Target::Channels {
                from: Channel::Hashtags,
                ..
            }
        ),
        "{moved:?}"
    );
    let tr = breakglass::view::I18n::load();
    let said = breakglass::view::words::red_reason(&tr, &moved.reason);
    assert!(said.starts_with("its hashtag delivered"), "{said}");
    let auto_coded = auto.red.moves.iter().find(|m| m.mv == coded).unwrap();
    assert!(
        breakglass::view::words::red_reason(&tr, &auto_coded.reason)
            .contains("hashtag page closed")
    );
    // A red team's plan file makes the same kinds of move in the same situation.
    let text = r#"Plan(name: "red", commands: [
        (turn: 1, team: "perpetrators", red: "coded_language", params: {"turns": 3},
         rationale: "the tag page is gone"),
        (turn: 1, team: "perpetrators", red: "shift_effort", from: "hashtags", to: "forwards",
         params: {"points": 10}, rationale: "into the chats"),
    ])"#;
    let s = library("hashtag_mobilisation");
    let plan = scenario::plan::plan_from_str("red.ron", text, &s).unwrap();
    assert_eq!(
        plan[0].action,
        Action::RedCell { automatic: false },
        "a red plan plays the red cell"
    );
    let played = closed_tags(21, plan.clone(), 4);
    let mine: Vec<_> = played.red.moves.iter().filter(|m| !m.automatic).collect();
    assert_eq!(mine.len(), 2);
    assert!(mine.iter().any(|m| m.mv == coded && m.turn == 1));
    assert!(mine.iter().any(|m| m.mv == shift && m.target == FROM_TAGS));
    assert!(
        played.red.moves.iter().all(|m| !m.automatic),
        "the automatic adversary stood down"
    );
    let tag = Channel::Hashtags as usize;
    for w in [&auto, &played] {
        assert!(w.org.effort.share[tag] < w.org.effort.habit[tag]);
        assert!(w.coded_language(2));
    }
    // Deterministic: the same seed and log give bit-identical runs, each way.
    let again = closed_tags(21, plan, 4);
    assert_eq!(again.series, played.series);
    assert_eq!(again.red.moves, played.red.moves);
    let auto_again = closed_tags(21, Vec::new(), 4);
    assert_eq!(auto_again.series, auto.series);
    assert_eq!(auto_again.red.moves, auto.red.moves);
    // Replaying the red run's own decision log gives the same world.
    let s = library("hashtag_mobilisation");
    let mut replay = World::new(&s, 21).unwrap();
    replay.schedule(played.log.clone());
    while replay.turn < 4 {
        replay.step();
    }
    assert_eq!(replay.series, played.series);
}

#[test]
fn a_red_cell_that_routes_around_a_closed_hashtag_page_wins_back_reach() {
    // Players hold the red cell in both arms; one routes around the measure, one does nothing.
    let routes = vec![
        hand_over(0, false),
        red_move(1, "coded_language", Some(vec![6.0]), Target::None),
        red_move(
            1,
            "shift_effort",
            Some(vec![10.0]),
            Target::Channels {
                from: Channel::Hashtags,
                to: Channel::Feed,
            },
        ),
        red_move(2, "bot_flood", None, Target::None),
    ];
    let mut more = 0;
    for seed in 0..3 {
        let passive = closed_tags(30 + seed, vec![hand_over(0, false)], 8);
        let active = closed_tags(30 + seed, routes.clone(), 8);
        let impressions = |w: &World| w.series.last().unwrap()[Outcome::HarmfulImpressions];
        more += u32::from(impressions(&active) > impressions(&passive));
        // Its side effect on itself: a flood from fake accounts is what network signals see;
        // the moves cost capacity it could not spend twice.
        assert!(active.red.moves.iter().filter(|m| m.turn == 1).count() == 2);
    }
    assert_eq!(
        more, 3,
        "routing around wins back harmful reach on every seed"
    );
}

#[test]
fn with_nobody_acting_the_automatic_adversary_answers_only_bans() {
    // Nobody acts, but the platform's standing enforcement bans a few of its accounts: it buys
    // new ones, and does nothing else (no channel is closed, no ad refused).
    let w = common::run(&common::small(), 5);
    let wave = red::index_of("account_wave").unwrap();
    assert!(!w.red.moves.is_empty());
    for m in &w.red.moves {
        assert_eq!(m.mv, wave, "{m:?}");
        assert!(
            matches!(m.reason, red::Reason::Banned { accounts } if accounts > 0),
            "{m:?}"
        );
    }
    assert_eq!(w.org.effort.share, w.org.effort.habit);
}

#[test]
fn a_red_plan_gets_located_errors() {
    let s = library("hashtag_mobilisation");
    let text = r#"Plan(name: "bad red", commands: [
        (turn: 1, team: "platform", red: "bot_flood"),
        (turn: 1, team: "perpetrators", red: "bot_flod"),
        (turn: 2, team: "perpetrators", red: "shift_effort", from: "hashtags", to: "carrier_pigeons"),
        (turn: 2, team: "perpetrators", red: "shutdown_cover", districts: ["Upper Vale"]),
        (turn: 3, team: "perpetrators", red: "bot_flood", params: {"posts": 99}),
    ])"#;
    let e = scenario::plan::plan_from_str("bad.ron", text, &s)
        .unwrap_err()
        .to_string();
    for want in [
        "bad.ron:2:",
        "is a perpetrator move: only team \"perpetrators\" (the red cell) plays it, not platform",
        "bad.ron:3:",
        "unknown perpetrator move \"bot_flod\"",
        "unknown channel \"carrier_pigeons\"",
        "\"shutdown_cover\" needs a state-affiliated campaign",
        "posts of \"bot_flood\" must be between 1 and 10, got 99",
    ] {
        assert!(e.contains(want), "missing {want:?} in:\n{e}");
    }
}

#[test]
fn the_move_catalog_is_listed_for_people_and_programs() {
    let json = breakglass::catalog_doc::red::to_json();
    let moves = json.as_array().unwrap();
    assert_eq!(moves.len(), red::MOVES.len());
    let ids: Vec<&str> = moves.iter().map(|m| m["id"].as_str().unwrap()).collect();
    for id in [
        "shift_effort",
        "hashtag_drive",
        "bot_flood",
        "account_wave",
        "hijack_voices",
        "doxx",
        "coded_language",
        "proxy_ads",
        "recruitment_push",
        "switch_target",
        "state_media_push",
        "shutdown_cover",
    ] {
        assert!(ids.contains(&id), "{id}");
    }
    assert!(breakglass::catalog_doc::red::to_text().contains("answered by: disable_hashtags"));
}

#[test]
fn the_debrief_shows_what_each_red_move_routed_around_and_when_the_platform_answered() {
    let s = library("hashtag_mobilisation");
    let text = r#"Plan(name: "duel", commands: [
        (turn: 0, team: "crisis_leadership", enable: "disable_hashtags", confirm_break_glass: true,
         rationale: "close the tag page"),
        (turn: 1, team: "perpetrators", red: "coded_language", params: {"turns": 6},
         rationale: "coded terms"),
        (turn: 2, team: "perpetrators", red: "bot_flood", rationale: "flood the feeds"),
        (turn: 4, team: "platform", enable: "coordinated_network_detection",
         rationale: "look-alike accounts"),
    ])"#;
    let plan = scenario::plan::plan_from_str("duel.ron", text, &s).unwrap();
    let mut file = breakglass::session::SessionFile::new("duel.ron", &s, 8, "test".into());
    let mut w = World::new(&s, 8).unwrap();
    w.schedule(plan);
    while w.turn < 6 {
        w.step();
    }
    file.record(&w);
    let report = breakglass::report::Report::build(&file).unwrap();
    let review = report.red_review();
    assert_eq!(review.len(), 2);
    assert_eq!(
        review[0].routed_around,
        vec!["Disable hashtags".to_string()]
    );
    assert_eq!(
        review[0].answered, None,
        "nothing answers coded language here"
    );
    assert_eq!(
        review[1].answered,
        Some((4, 2, "Coordinated network detection".to_string())),
        "the flood took effect at turn 2, detection came at turn 4"
    );
    let md = report.markdown();
    assert!(md.contains("3b. The red cell"), "{md}");
    // Left to the automatic adversary, coded language renewed turn after turn is one row.
    let mut auto = breakglass::session::SessionFile::new("auto.ron", &s, 8, "test".into());
    let mut w = World::new(&s, 8).unwrap();
    w.schedule(vec![common::enable_command(0, "disable_hashtags")]);
    while w.turn < 6 {
        w.step();
    }
    auto.record(&w);
    let review = breakglass::report::Report::build(&auto)
        .unwrap()
        .red_review();
    let coded = review
        .iter()
        .find(|r| r.what == "Coded language")
        .expect("a coded-language row");
    assert!(coded.automatic);
    assert_eq!(
        (coded.turn, coded.last_turn, coded.moves),
        (1, 5, 5),
        "{coded:?}"
    );
    assert_eq!(
        review.iter().filter(|r| r.what == "Coded language").count(),
        1
    );
    assert!(md.contains("| red move | Red cell | Bot flood. Rationale: flood the feeds |"));
}

#[test]
fn switching_the_target_district_moves_its_paid_reach_there() {
    // The tutorial sells ads; the red cell geo-targets them at Aldwick (district 1) for 3 turns.
    let s = library("tutorial");
    let run = |plan: Vec<Command>| {
        let mut w = World::new(&s, 12).unwrap();
        w.schedule(plan);
        let mut views = [0.0; 2];
        for _ in 0..3 {
            w.step();
            for (d, v) in views.iter_mut().enumerate() {
                *v += w.districts[d].harmful_views;
            }
        }
        (w, views)
    };
    let (_, region) = run(vec![hand_over(0, false)]);
    let (w, aimed) = run(vec![
        hand_over(0, false),
        red_move(0, "switch_target", None, Target::District(1)),
    ]);
    assert_eq!(w.red.moves.len(), 1);
    let share = |v: [f64; 2]| v[1] / (v[0] + v[1]);
    eprintln!(
        "Aldwick's share of harmful views over 3 turns: {:.3} aimed there, {:.3} region-wide",
        share(aimed),
        share(region)
    );
    assert!(
        share(aimed) > share(region),
        "Aldwick's share of harmful views: {:.3} aimed, {:.3} region-wide",
        share(aimed),
        share(region)
    );
    // A district that does not exist is refused.
    let mut w = World::new(&s, 12).unwrap();
    w.apply(hand_over(0, false)).unwrap();
    assert!(matches!(
        w.check(&red_move(0, "switch_target", None, Target::District(9))),
        Err(CommandError::Red(RedError::Target { .. }))
    ));
}
