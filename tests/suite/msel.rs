//! The MSEL round trip: a scenario's injects to CSV and `.xlsx` and back, the column map, and
//! every kind of bad sheet named by row and column with nothing written.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use proptest::prelude::*;

use breakglass::scenario::msel::{self, Column, MselError};
use breakglass::scenario::{self, EventKind, InjectSpec, InjectType, Scenario, Trigger};
use breakglass::sim::interventions::CATALOG;

fn breakglass(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_breakglass"))
        .args(args)
        .output()
        .expect("the binary runs")
}

fn library(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("scenarios")
        .join(name)
}

fn besieged() -> (String, Scenario) {
    let path = library("besieged_city.ron");
    let text = std::fs::read_to_string(&path).unwrap();
    let s = scenario::from_str("besieged_city.ron", &text).unwrap();
    (text, s)
}

/// The team and lever names the app shows, in every language it speaks.
fn names() -> msel::Names {
    breakglass::view::I18n::load().msel_names()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Text a spreadsheet keeps as typed: no surrounding blanks (cells are trimmed), no control
/// characters but the line break, and anything else: quotes, commas, backslashes, accents.
fn cell_text() -> impl Strategy<Value = String> {
    "[A-Za-z0-9 ,;:'\"\\\\éüß؟中\n().!?-]{0,40}".prop_map(|s| s.trim().to_string())
}

fn nonempty_text() -> impl Strategy<Value = String> {
    cell_text().prop_map(|s| if s.is_empty() { "x".into() } else { s })
}

fn trigger(turns: i64, seqs: u32) -> impl Strategy<Value = Trigger> {
    let districts = prop::sample::select(vec!["*", "Old Town", "River Quarter", "Garrison Hill"]);
    prop_oneof![
        (0..turns).prop_map(Trigger::Turn),
        (districts, 0.0..99.9f64).prop_map(|(d, level)| Trigger::RiskAbove {
            district: d.to_string(),
            level
        }),
        (0.0..1.0e5f64).prop_map(Trigger::HarmedAbove),
        (1..=seqs, 0..6i64).prop_map(|(seq, within)| Trigger::Contingency { seq, within }),
    ]
}

fn effect() -> impl Strategy<Value = Option<EventKind>> {
    prop_oneof![
        Just(None),
        (1..10i64).prop_map(|turns| Some(EventKind::InternetShutdown {
            district: "Old Town".into(),
            turns
        })),
        (0.0..500.0f64).prop_map(|harmed| Some(EventKind::Incident {
            district: "River Quarter".into(),
            harmed
        })),
    ]
}

fn inject(seq: u32, count: u32, turns: i64) -> impl Strategy<Value = InjectSpec> {
    let ids: Vec<String> = CATALOG.iter().map(|e| e.id.to_string()).collect();
    let teams = prop::sample::select(vec![
        "platform",
        "crisis_leadership",
        "policy_makers",
        "civil_society",
        "all",
    ]);
    let kinds = prop::sample::select(vec![
        InjectType::Information,
        InjectType::Event,
        InjectType::Media,
        InjectType::SocialPost,
    ]);
    (
        trigger(turns, count),
        kinds,
        teams,
        nonempty_text(),
        cell_text(),
        prop::sample::subsequence(ids, 0..3),
        prop::sample::select(vec!["", "B1", "B2"]),
        effect(),
        (cell_text(), cell_text(), cell_text()),
    )
        .prop_map(
            move |(trigger, kind, to, description, expected, ids, objective, effect, extra)| {
                let trigger = match trigger {
                    // A contingency on itself cannot fire: point it at the next inject.
                    Trigger::Contingency { seq: s, within } if s == seq => Trigger::Contingency {
                        seq: seq % count + 1,
                        within,
                    },
                    t => t,
                };
                let trigger = match trigger {
                    Trigger::Contingency { .. } if count == 1 => Trigger::Turn(0),
                    t => t,
                };
                InjectSpec {
                    seq,
                    trigger,
                    kind,
                    from: "facilitator".into(),
                    to: to.into(),
                    description,
                    expected,
                    expected_ids: ids,
                    objective: objective.into(),
                    effect,
                    delivery: extra.0,
                    controller: extra.1,
                    notes: extra.2,
                }
            },
        )
}

fn injects() -> impl Strategy<Value = Vec<InjectSpec>> {
    (1u32..8).prop_flat_map(|n| (1..=n).map(|seq| inject(seq, n, 24)).collect::<Vec<_>>())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// Export then import gives the same injects, through CSV and through .xlsx, and the
    /// scenario file with them spliced in loads with exactly those injects.
    #[test]
    fn export_then_import_gives_the_same_injects(list in injects()) {
        let (text, mut s) = besieged();
        s.injects = list.clone();
        msel::prune_translations(&mut s);
        prop_assert!(scenario::validate(&s, u64::MAX).is_empty(), "{:?}", scenario::validate(&s, u64::MAX));
        let sheet = msel::to_sheet(&s, &names());

        let csv = msel::sheet_from_csv("m.csv", &msel::csv_bytes(&sheet)).unwrap();
        let back = msel::import("m.csv", &csv, &s, &[], &names()).unwrap();
        prop_assert_eq!(&back.injects, &list);
        prop_assert!(back.ignored.is_empty());

        let xlsx = msel::sheet_from_xlsx("m.xlsx", msel::xlsx_bytes(&sheet).unwrap()).unwrap();
        let back = msel::import("m.xlsx", &xlsx, &s, &[], &names()).unwrap();
        prop_assert_eq!(&back.injects, &list);

        // The splice keeps the rest of the file: without its translations (which name the
        // old injects) the scenario reads back with exactly these injects.
        let text = match msel::top_level_value(&text, "translations", b'{') {
            Some((a, b)) => format!("{}{{}}{}", &text[..a], &text[b..]),
            None => text,
        };
        let spliced = msel::splice_injects(&text, &list).unwrap();
        let reread = scenario::from_str("spliced.ron", &spliced).unwrap();
        prop_assert_eq!(&reread.injects, &list);
    }
}

#[test]
fn every_library_msel_exports_and_imports_back_keeping_the_rest_of_the_file() {
    let dir = tempfile::tempdir().unwrap();
    for entry in std::fs::read_dir(library("")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "ron") {
            continue;
        }
        let name = path.file_stem().unwrap().to_string_lossy().into_owned();
        let text = std::fs::read_to_string(&path).unwrap();
        let original = scenario::from_str(&name, &text).unwrap();
        let copy = dir.path().join(format!("{name}.ron"));
        std::fs::write(&copy, &text).unwrap();
        for ext in ["csv", "xlsx"] {
            let sheet = dir.path().join(format!("{name}.{ext}"));
            let out = breakglass(&[
                "msel",
                "export",
                path.to_str().unwrap(),
                "--out",
                sheet.to_str().unwrap(),
            ]);
            assert!(out.status.success(), "{name}.{ext}: {}", stderr(&out));
            let out = breakglass(&[
                "msel",
                "import",
                sheet.to_str().unwrap(),
                "--into",
                copy.to_str().unwrap(),
            ]);
            assert!(out.status.success(), "{name}.{ext}: {}", stderr(&out));
            let written = std::fs::read_to_string(&copy).unwrap();
            let reread = scenario::from_str(&name, &written).unwrap();
            assert_eq!(reread.injects, original.injects, "{name}.{ext}");
            // Only the injects list changed: the text before it (comments included) is kept.
            let head = |t: &str| t[..t.find("injects: [").unwrap_or(t.len())].to_string();
            assert_eq!(head(&written), head(&text), "{name}.{ext}");
        }
    }
}

#[test]
fn library_scenarios_are_never_overwritten() {
    let dir = tempfile::tempdir().unwrap();
    let sheet = dir.path().join("m.csv");
    let lib = library("besieged_city.ron");
    let before = std::fs::read(&lib).unwrap();
    let out = breakglass(&[
        "msel",
        "export",
        lib.to_str().unwrap(),
        "--out",
        sheet.to_str().unwrap(),
    ]);
    assert!(out.status.success());
    let out = breakglass(&[
        "msel",
        "import",
        sheet.to_str().unwrap(),
        "--into",
        lib.to_str().unwrap(),
    ]);
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("is a library scenario and is never overwritten: give --out NEW.ron"),
        "{}",
        stderr(&out)
    );
    assert_eq!(std::fs::read(&lib).unwrap(), before);
}

/// A facilitator's own sheet: different headers, an extra column, every kind of bad cell.
const BAD: &str = "\
Inject No,When,Type,Team,Inject,Expected,Levers,Objective,Status
1,turn 2,event,platform,Old Town goes dark.,Offer proxy,proxy_access,B1,done
1,turn 40,event,plattform,,x,proxy_acess,B9,
,,,,,,,,
3,risk > 60 in Old Town,memo,platform,Hi,,,,
4,if 9 not done within 2 turns,event,platform,x,,,,
5,tomorrow,event,platform,x,,,,
6,risk > 100 anywhere,event,platform,x,,,,
";

#[test]
fn a_bad_sheet_names_every_bad_cell_by_row_and_column_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let sheet = dir.path().join("bad.csv");
    std::fs::write(&sheet, BAD).unwrap();
    let target = dir.path().join("mine.ron");
    std::fs::copy(library("besieged_city.ron"), &target).unwrap();
    let before = std::fs::read(&target).unwrap();
    let out = breakglass(&[
        "msel",
        "import",
        sheet.to_str().unwrap(),
        "--into",
        target.to_str().unwrap(),
    ]);
    assert!(!out.status.success());
    let err = stderr(&out);
    let f = sheet.display().to_string();
    for line in [
        format!("error: {f}: 11 problems (nothing was written):"),
        format!("{f}: row 3, column A (Inject No): duplicate inject sequence number 1"),
        format!("{f}: row 3, column B (When): turn 40 is outside the exercise (0..24)"),
        format!(
            "{f}: row 3, column D (Team): unknown team \"plattform\" (closest: \"Trust & safety (platform)\","
        ),
        format!("{f}: row 3, column E (Inject): empty description: say what the team receives"),
        format!(
            "{f}: row 3, column G (Levers): unknown lever \"proxy_acess\" (closest: \"Proxy access (proxy_access)\","
        ),
        format!("{f}: row 3, column H (Objective): unknown objective \"B9\" (objectives: B1, B2)"),
        format!("{f}: row 4, column A (Inject No): blank row between injects: delete it"),
        format!(
            "{f}: row 5, column C (Type): unknown inject type \"memo\" (information, event, media, social_post)"
        ),
        format!("{f}: row 6, column B (When): no other inject has sequence number 9"),
        format!("{f}: row 7, column B (When): cannot read the trigger \"tomorrow\": write turn 5"),
        format!(
            "{f}: row 8, column B (When): the risk index never exceeds 100: this inject cannot fire"
        ),
    ] {
        assert!(err.contains(&line), "missing {line:?} in\n{err}");
    }
    assert_eq!(std::fs::read(&target).unwrap(), before, "nothing written");
    assert!(!dir.path().join("mine.ron.tmp").exists());
}

#[test]
fn headers_map_from_the_command_line_or_the_sheets_first_row() {
    let (_, s) = besieged();
    let rows = "Ref,Due,Recipient,Text,Status\n7,36h,platform,Old Town goes dark,open\n";
    let sheet = msel::sheet_from_csv("m.csv", rows.as_bytes()).unwrap();
    // Without a map, "Ref", "Due" and "Text" are not columns we know.
    let err = msel::import("m.csv", &sheet, &s, &[], &names())
        .unwrap_err()
        .to_string();
    assert_eq!(
        err,
        "m.csv: no column for sequence, trigger, description (headers: Ref | Due | Recipient | Text | Status); name one with --map \"HEADER=COLUMN\""
    );
    let map = [
        ("Ref".to_string(), Column::Sequence),
        ("Due".to_string(), Column::Trigger),
        ("Text".to_string(), Column::Description),
    ];
    let got = msel::import("m.csv", &sheet, &s, &map, &names()).unwrap();
    assert_eq!(got.injects.len(), 1);
    assert_eq!(got.injects[0].seq, 7);
    // 36 hours into a scenario of 6-hour turns is turn 6.
    assert_eq!(got.injects[0].trigger, Trigger::Turn(6));
    assert_eq!(got.ignored, vec!["Status".to_string()]);

    // The same map, remembered in the sheet's first row.
    let remembered = format!("breakglass map,Ref=sequence,Due=trigger,Text=description\n{rows}");
    let sheet = msel::sheet_from_csv("m.csv", remembered.as_bytes()).unwrap();
    let again = msel::import("m.csv", &sheet, &s, &[], &names()).unwrap();
    assert_eq!(again.injects, got.injects);

    // A map onto a column we do not have is named.
    let out = breakglass(&[
        "msel",
        "import",
        "x.csv",
        "--into",
        "x.ron",
        "--out",
        "y.ron",
        "--map",
        "Ref=seqence",
    ]);
    assert!(
        stderr(&out)
            .contains("--map \"seqence\" is not a column (columns: sequence, trigger, type,")
    );
}

fn xlsx_with(build: impl FnOnce(&mut rust_xlsxwriter::Worksheet)) -> Vec<u8> {
    let mut book = rust_xlsxwriter::Workbook::new();
    let ws = book.add_worksheet();
    for (c, h) in ["sequence", "trigger", "to", "description"]
        .iter()
        .enumerate()
    {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    build(ws);
    book.save_to_buffer().unwrap()
}

fn file_message(e: MselError) -> String {
    match e {
        MselError::File { message, .. } => message,
        other => panic!("expected one message about the file, got {other}"),
    }
}

#[test]
fn malformed_spreadsheets_get_one_clear_message() {
    let merged = xlsx_with(|ws| {
        ws.merge_range(1, 2, 1, 3, "platform", &rust_xlsxwriter::Format::new())
            .unwrap();
    });
    let (_, s) = besieged();
    let merged = msel::sheet_from_xlsx("m.xlsx", merged).expect("merges are read");
    assert_eq!(
        file_message(msel::import("m.xlsx", &merged, &s, &[], &names()).unwrap_err()),
        "merged cells at C2:D2: unmerge them (one inject per row, one value per cell; only a \
         title above the header row may be merged)"
    );
    let formula = xlsx_with(|ws| {
        ws.write_number(1, 0, 1.0).unwrap();
        ws.write_formula(2, 0, "=A2+1").unwrap();
    });
    assert_eq!(
        file_message(msel::sheet_from_xlsx("m.xlsx", formula).unwrap_err()),
        "sheet \"Sheet1\": cell A3 holds a formula (=A2+1): paste it as values"
    );
    assert!(
        file_message(msel::sheet_from_xlsx("m.xlsx", b"not a zip".to_vec()).unwrap_err())
            .starts_with("not an .xlsx workbook:")
    );
    assert_eq!(
        file_message(
            msel::sheet_from_csv("m.csv", b"sequence,description\n1,caf\xe9\n").unwrap_err()
        ),
        "line 2 is not UTF-8 text: save the sheet as \"CSV UTF-8\" (or as .xlsx)"
    );
    let headless = msel::sheet_from_csv("m.csv", b"1,turn 2,platform,hello\n").unwrap();
    assert!(
        file_message(msel::import("m.csv", &headless, &s, &[], &names()).unwrap_err()).starts_with(
            "no header row: no row among the first 11 names the columns (sequence, trigger,"
        )
    );
    let mut many = String::from("sequence,trigger,to,description\n");
    for i in 0..=msel::MAX_ROWS {
        many.push_str(&format!("{i},turn 1,platform,x\n"));
    }
    let many =
        msel::sheet_from_csv("m.csv", many.as_bytes()).expect("read: the bound is on injects");
    assert_eq!(
        file_message(msel::import("m.csv", &many, &s, &[], &names()).unwrap_err()),
        "more than 5000 injects: an MSEL this long is refused (split the sheet)"
    );
    let mut more = String::from("sequence,trigger,to,description\n");
    for i in 0..msel::MAX_ROWS + 10 {
        more.push_str(&format!("{i},turn 1,platform,x\n"));
    }
    assert!(
        msel::sheet_from_csv("m.csv", more.as_bytes()).is_err(),
        "reading stops at the bound"
    );
    // A 100 MB file is refused before it is read.
    let dir = tempfile::tempdir().unwrap();
    let big = dir.path().join("big.csv");
    let f = std::fs::File::create(&big).unwrap();
    f.set_len(100 * 1024 * 1024).unwrap();
    assert_eq!(
        file_message(msel::read_sheet(&big).unwrap_err()),
        "the file is 104857600 bytes; spreadsheets over 10485760 bytes are refused"
    );
    assert!(
        file_message(msel::read_sheet(Path::new("msel.ods")).unwrap_err())
            .starts_with("cannot read:")
    );
    // Trailing blank rows (a sheet's usual tail) are not problems.
    let tail = msel::sheet_from_csv(
        "m.csv",
        b"sequence,trigger,to,description\n1,turn 2,platform,hello\n,,,\n,,,\n",
    )
    .unwrap();
    assert_eq!(
        msel::import("m.csv", &tail, &s, &[], &names())
            .unwrap()
            .injects
            .len(),
        1
    );
}

/// What the editor saves reads back as the same scenario, for every library scenario (their
/// behaviour-parameter overrides included), and keeps only the overrides under `model`.
#[test]
fn a_scenario_written_as_text_reads_back_the_same() {
    for entry in std::fs::read_dir(library("")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "ron") {
            continue;
        }
        let s = scenario::load(&path).unwrap().scenario;
        let text = scenario::to_text(&s).unwrap();
        let back = scenario::from_str("written.ron", &text)
            .unwrap_or_else(|e| panic!("{}: {e}\n{text}", path.display()));
        assert!(back == s, "{}", path.display());
        assert!(text.starts_with("Scenario("), "{text}");
        let model_line = text.lines().find(|l| l.trim_start().starts_with("model:"));
        assert!(model_line.is_some_and(|l| l.len() < 200), "{model_line:?}");
    }
}

fn kessara() -> Scenario {
    let text = std::fs::read_to_string(library("default.ron")).unwrap();
    scenario::from_str("default.ron", &text).unwrap()
}

/// A sheet made in another program (openpyxl; `tests/fixtures/hseep_msel.py`) as HSEEP's
/// templates lay it out: a merged title above the header, HSEEP's headers, teams and levers by
/// the names the app shows (English and French, any case), times as MSELs write them.
#[test]
fn a_facilitators_own_spreadsheet_imports() {
    let s = kessara();
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/hseep_msel.xlsx");
    let sheet = msel::read_sheet(&path).unwrap();
    assert_eq!(sheet.merged, vec![((0, 0), (0, 11))], "the title is merged");
    let got = msel::import("hseep_msel.xlsx", &sheet, &s, &[], &names()).unwrap();
    assert!(got.ignored.is_empty(), "{:?}", got.ignored);
    let read: Vec<(u32, Trigger, &str, Vec<&str>)> = got
        .injects
        .iter()
        .map(|i| {
            let ids = i.expected_ids.iter().map(String::as_str).collect();
            (i.seq, i.trigger.clone(), i.to.as_str(), ids)
        })
        .collect();
    assert_eq!(
        read,
        vec![
            (
                1,
                Trigger::Turn(1),
                "platform",
                vec![
                    "crisis_misinfo_policy",
                    "warning_labels",
                    "provenance_labels"
                ]
            ),
            (
                2,
                Trigger::Turn(3),
                "crisis_leadership",
                vec!["disable_hashtags", "deamplify_dehumanizing"]
            ),
            (
                3,
                Trigger::Turn(9),
                "civil_society",
                vec!["emergency_alerts"]
            ),
            (
                4,
                Trigger::Turn(12),
                "policy_makers",
                vec!["shutdown_pressure", "proxy_access"]
            ),
            (5, Trigger::Turn(0), "all", vec![]),
        ]
    );
    assert_eq!(got.injects[0].delivery, "Video link");
    assert_eq!(got.injects[0].controller, "Lead controller");
    assert_eq!(got.injects[1].kind, InjectType::SocialPost);

    // The export writes the names people read beside the ids, and reads back the same.
    let mut with = s.clone();
    with.injects = got.injects.clone();
    let out = msel::to_sheet(&with, &names());
    assert_eq!(out.rows[1][5], "Trust & safety (platform)");
    assert_eq!(
        out.rows[1][8],
        "Crisis misinformation policy (crisis_misinfo_policy),\nWarning labels (warning_labels),\nProvenance labels (provenance_labels)"
    );
    let xlsx = msel::sheet_from_xlsx("m.xlsx", msel::xlsx_bytes(&out).unwrap()).unwrap();
    let back = msel::import("m.xlsx", &xlsx, &with, &[], &names()).unwrap();
    assert_eq!(back.injects, got.injects);
}

#[test]
fn msel_times_outside_the_clock_and_names_that_match_nothing_are_located() {
    let s = kessara();
    let sheet = msel::sheet_from_csv(
        "m.csv",
        "Kessara TTX,,,\n\
         ,,,\n\
         MSEL Event #,Scenario Time,To,Message/Inject,Expected Levers\n\
         1,Day 8 06:00,Trust and Safety,x,Warning lables\n\
         2,Day 2 24:00,Policymakers,x,\"Warning labels, Emergency alerts\"\n"
            .as_bytes(),
    )
    .unwrap();
    let err = msel::import("m.csv", &sheet, &s, &[], &names())
        .unwrap_err()
        .to_string();
    for line in [
        "m.csv: 4 problems (nothing was written):",
        "m.csv: row 4, column B (Scenario Time): \"Day 8 06:00\" is hour 174 of the scenario, \
         after it ends at Day 8 00:00 (hour 168: 28 turns of 6 h)",
        "m.csv: row 4, column E (Expected Levers): unknown lever \"Warning lables\" (closest: \
         \"Warning labels (warning_labels)\"",
        "m.csv: row 5, column B (Scenario Time): \"Day 2 24:00\": \"24:00\" is not a time of day",
        "m.csv: row 5, column C (To): unknown team \"Policymakers\" (closest: \"Policy makers \
         (policy_makers)\"",
    ] {
        assert!(err.contains(line), "missing {line:?} in\n{err}");
    }
}
