//! What each lever teaches (MODEL.md §14): every lever on every library scenario, against nobody
//! acting (a lever that works through others, with them in force). The catalog tells the truth,
//! no protective tool is a trap, every tool has its moment, and MODEL.md's table is what the
//! code computes. The table is computed once for all four checks.

use std::sync::OnceLock;

use breakglass::sim::interventions::{CATALOG, Strategy};
use breakglass::verdicts::{self, KNOWN_GAPS, SEEDS, Table};

fn table() -> &'static Table {
    static TABLE: OnceLock<Table> = OnceLock::new();
    TABLE.get_or_init(|| {
        let library = verdicts::library().expect("the library loads");
        verdicts::table(&library, SEEDS, &|_| {})
    })
}

#[test]
fn every_declared_effect_and_side_effect_shows_the_way_the_card_says() {
    let t = table();
    let mut wrong = Vec::new();
    for (e, entry) in CATALOG.iter().enumerate() {
        for d in t.declared(e) {
            if !d.holds() {
                wrong.push(format!(
                    "{} {} {}: shows in {:?}, the other way in {:?}",
                    entry.id,
                    d.outcome.name(),
                    d.sign,
                    d.shows.iter().map(|&s| &t.scenarios[s]).collect::<Vec<_>>(),
                    d.contradicts
                        .iter()
                        .map(|&s| &t.scenarios[s])
                        .collect::<Vec<_>>()
                ));
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "declarations the model contradicts: {wrong:#?}"
    );
}

#[test]
fn no_protective_tool_raises_harm_in_more_than_one_world_unless_the_report_says_so() {
    let t = table();
    let mut traps = Vec::new();
    for (e, entry) in CATALOG.iter().enumerate() {
        if entry.strategy != Strategy::ProtectCivilians {
            continue;
        }
        let rises = t.traps(e);
        if let Some(words) = entry.named_harm {
            // Where the report names the harm, the card says so in its words.
            assert!(
                breakglass::catalog_doc::caveats(entry).contains(words),
                "{}",
                entry.id
            );
        } else if rises.len() > verdicts::TRAPS_ALLOWED {
            traps.push(format!(
                "{}: {:?}",
                entry.id,
                rises
                    .iter()
                    .map(|r| format!(
                        "{} {:+.0}% ({:+.0} people)",
                        t.scenarios[r.scenario], r.percent, r.people
                    ))
                    .collect::<Vec<_>>()
            ));
        }
    }
    assert!(
        traps.is_empty(),
        "protective tools that are traps: {traps:#?}"
    );
}

#[test]
fn every_tool_has_its_moment_but_the_known_gaps() {
    let t = table();
    let mut without: Vec<&str> = (0..CATALOG.len())
        .filter(|&e| t.moment(e).is_none())
        .map(|e| CATALOG[e].id)
        .collect();
    let mut gaps: Vec<&str> = KNOWN_GAPS.iter().map(|(id, _)| *id).collect();
    without.sort_unstable();
    gaps.sort_unstable();
    assert_eq!(without, gaps, "levers with no moment in the library");
}

#[test]
fn model_md_holds_the_lever_table_the_code_computes() {
    crate::docs::generated_section("levers", &table().to_markdown(), "lever x scenario table");
}

/// The table as a sharded sweep computes it, run by run of its design (`levers --shard`), is the
/// table computed whole: the same cells to the bit, the same Markdown.
#[test]
fn the_table_from_its_design_runs_is_the_table_computed_whole() {
    let library: Vec<(String, breakglass::scenario::Scenario)> = verdicts::library()
        .unwrap()
        .into_iter()
        .filter(|(name, _)| name == "tutorial")
        .collect();
    assert_eq!(library.len(), 1);
    let whole = verdicts::table(&library, 1, &|_| {});
    let runs: Vec<Vec<f64>> = (0..verdicts::design_size(&library))
        .map(|i| verdicts::design_run(&library, 1, i))
        .collect();
    let sharded = verdicts::from_runs(&library, 1, &runs);
    assert_eq!(sharded.nothing, whole.nothing);
    for (a, b) in sharded.cells[0].iter().zip(&whole.cells[0]) {
        assert_eq!((a.base, a.with), (b.base, b.with));
    }
    assert_eq!(sharded.to_markdown(), whole.to_markdown());
}
