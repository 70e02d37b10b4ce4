//! The shard contract on `sensitivity`: three shards merged print exactly what the unsharded
//! command prints (text and JSON, Morris and Sobol); a rerun shard is skipped; parts of another
//! design, a corrupted part and missing runs are refused with what is wrong.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use crate::common;

fn bin(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_breakglass"))
        .args(args)
        .output()
        .expect("the binary runs")
}

fn ok(args: &[&str]) -> Output {
    let out = bin(args);
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

const TUTORIAL: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/scenarios/tutorial.ron");

/// Every shard of `design` (sensitivity arguments) into its own folder under `dir`.
fn shards(dir: &Path, design: &[&str], n: usize) -> Vec<PathBuf> {
    (1..=n)
        .map(|k| {
            let out = dir.join(format!("shard{k}"));
            let shard = format!("{k}/{n}");
            let mut args = vec!["sensitivity", TUTORIAL];
            args.extend(design);
            args.extend(["--shard", &shard, "--out", out.to_str().unwrap()]);
            ok(&args);
            out
        })
        .collect()
}

fn merge(dirs: &[PathBuf], extra: &[&str]) -> Output {
    let mut args: Vec<&str> = vec!["merge"];
    args.extend(dirs.iter().map(|d| d.to_str().unwrap()));
    args.extend(extra);
    bin(&args)
}

#[test]
fn three_shards_merge_to_exactly_the_unsharded_output() {
    let dir = common::scratch("shards");
    for (i, design) in [
        vec!["--method", "sobol", "--samples", "4", "--seeds", "1"],
        vec!["--method", "morris", "--samples", "3", "--seeds", "1"],
    ]
    .into_iter()
    .enumerate()
    {
        let parts = shards(&dir.path().join(i.to_string()), &design, 3);
        for json in [false, true] {
            let mut whole = vec!["sensitivity", TUTORIAL];
            whole.extend(&design);
            let extra: &[&str] = if json { &["--json"] } else { &[] };
            whole.extend(extra);
            let unsharded = ok(&whole).stdout;
            let merged = merge(&parts, extra);
            assert!(merged.status.success(), "{}", stderr(&merged));
            assert_eq!(
                String::from_utf8_lossy(&merged.stdout),
                String::from_utf8_lossy(&unsharded),
                "{design:?} json={json}"
            );
            assert!(stderr(&merged).contains("runs are in"));
        }
    }
}

#[test]
fn a_shard_whose_part_is_there_is_skipped_and_bad_parts_are_named() {
    let dir = common::scratch("shards-bad");
    let design = ["--method", "sobol", "--samples", "2", "--seeds", "1"];
    let parts = shards(dir.path(), &design, 3);
    // Resume after a node failed: the finished shard is not run again.
    let mut again = vec!["sensitivity", TUTORIAL];
    again.extend(design);
    again.extend(["--shard", "2/3", "--out", parts[1].to_str().unwrap()]);
    assert!(stderr(&ok(&again)).contains("shard 2/3: its part is already in"));

    // A missing shard: its runs are listed, with the shard to rerun.
    let two = merge(&[parts[0].clone(), parts[2].clone()], &[]);
    assert_eq!(two.status.code(), Some(1));
    assert!(
        stderr(&two).contains("runs are in; missing runs ")
            && stderr(&two).contains("(rerun --shard 2/3)"),
        "{}",
        stderr(&two)
    );

    // A corrupted part is named and its runs are missing, never merged silently.
    let file = std::fs::read_dir(&parts[1])
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(&file, &text[..text.len() / 2]).unwrap();
    let corrupt = merge(&parts, &[]);
    assert!(!corrupt.status.success());
    let err = stderr(&corrupt);
    assert!(
        err.contains(&format!("{}: not read (", file.display())),
        "{err}"
    );
    assert!(err.contains("(rerun --shard 2/3)"), "{err}");

    // A shard of another design (another sample size) is refused with what differs.
    let other_dir = dir.path().join("other");
    let mut other = vec![
        "sensitivity",
        TUTORIAL,
        "--method",
        "sobol",
        "--samples",
        "3",
    ];
    other.extend([
        "--seeds",
        "1",
        "--shard",
        "1/3",
        "--out",
        other_dir.to_str().unwrap(),
    ]);
    ok(&other);
    let mixed = merge(&[parts[0].clone(), other_dir], &[]);
    assert!(!mixed.status.success());
    assert!(
        stderr(&mixed).contains("these parts are of different sweeps: samples 2 and 3"),
        "{}",
        stderr(&mixed)
    );

    // Bad shards are usage errors.
    for bad in ["0/4", "5/4", "2/0"] {
        let mut args = vec!["sensitivity", TUTORIAL, "--samples", "2"];
        args.extend(["--shard", bad, "--out", "unused"]);
        let refused = bin(&args);
        assert_eq!(refused.status.code(), Some(2), "{bad}");
        assert!(
            stderr(&refused).contains(&format!("--shard {bad}: give K/N")),
            "{bad}"
        );
    }
}

/// `run --runs` as shards: the merged table, JSON and CSVs are the unsharded ones.
#[test]
fn run_runs_as_shards_merges_to_the_same_table_json_and_csv() {
    let dir = common::scratch("shards-run");
    let p = |name: &str| dir.path().join(name).to_str().unwrap().to_string();
    let whole = ok(&["run", TUTORIAL, "--runs", "5", "--out", &p("whole-csv")]).stdout;
    let whole_json = ok(&["run", TUTORIAL, "--runs", "5", "--json"]).stdout;
    for k in 1..=2 {
        let shard = format!("{k}/2");
        ok(&[
            "run",
            TUTORIAL,
            "--runs",
            "5",
            "--shard",
            &shard,
            "--out",
            &p("parts"),
        ]);
    }
    let parts = [dir.path().join("parts")];
    let table = merge(&parts, &["--out", &p("merged-csv")]);
    assert_eq!(table.stdout, whole);
    assert_eq!(merge(&parts, &["--json"]).stdout, whole_json);
    for csv in ["outcomes.csv", "series.csv"] {
        assert_eq!(
            std::fs::read(dir.path().join("merged-csv").join(csv)).unwrap(),
            std::fs::read(dir.path().join("whole-csv").join(csv)).unwrap(),
            "{csv}"
        );
    }
}

/// `compare` as shards (every plan's runs and nobody's in one design): the merged table and
/// CSV are the unsharded ones.
#[test]
fn compare_as_shards_merges_to_the_same_table_and_csv() {
    let dir = common::scratch("shards-compare");
    let p = |name: &str| dir.path().join(name).to_str().unwrap().to_string();
    let plan = dir.path().join("alerts.ron");
    std::fs::write(
        &plan,
        r#"Plan(name: "alerts", commands: [(turn: 0, team: "crisis_leadership", enable: "emergency_alerts")])"#,
    )
    .unwrap();
    let design = [
        "compare",
        TUTORIAL,
        "--plan",
        plan.to_str().unwrap(),
        "--runs",
        "3",
    ];
    let (whole_csv, parts) = (p("whole.csv"), p("parts"));
    let mut whole = design.to_vec();
    whole.extend(["--csv", &whole_csv]);
    let table = ok(&whole).stdout;
    for k in 1..=4 {
        let shard = format!("{k}/4");
        let mut args = design.to_vec();
        args.extend(["--shard", &shard, "--out", &parts]);
        ok(&args);
    }
    let merged = merge(&[dir.path().join("parts")], &["--csv", &p("merged.csv")]);
    assert!(merged.status.success(), "{}", stderr(&merged));
    assert_eq!(merged.stdout, table);
    assert_eq!(
        std::fs::read(p("merged.csv")).unwrap(),
        std::fs::read(p("whole.csv")).unwrap()
    );
}

/// `lessons` as shards (every lesson's seeds, both arms a run): the merged rows print as the
/// whole command's, text and MODEL.md's Markdown.
#[test]
fn lessons_as_shards_merge_to_the_same_rows() {
    let dir = common::scratch("shards-lessons");
    let parts = dir.path().join("parts");
    for k in 1..=2 {
        let shard = format!("{k}/2");
        ok(&[
            "lessons",
            "--quick",
            "--shard",
            &shard,
            "--out",
            parts.to_str().unwrap(),
        ]);
    }
    for flag in [None, Some("--markdown")] {
        let mut whole = vec!["lessons", "--quick"];
        whole.extend(flag);
        let merged = merge(std::slice::from_ref(&parts), flag.as_slice());
        assert!(merged.status.success(), "{}", stderr(&merged));
        assert_eq!(
            String::from_utf8_lossy(&merged.stdout),
            String::from_utf8_lossy(&ok(&whole).stdout),
            "{flag:?}"
        );
    }
}
