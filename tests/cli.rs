//! The command line end to end: `run --json` schema and determinism, CSV output, `check`.

mod common;

use std::process::{Command, Output};

use breakglass::sim::metrics::Outcome;

fn breakglass(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_breakglass"))
        .args(args)
        .output()
        .expect("the binary runs")
}

fn fixture(name: &str, text: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("breakglass-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

#[test]
fn run_json_is_one_object_with_every_outcome() {
    let path = fixture("small.ron", common::SMALL);
    let out = breakglass(&[
        "run",
        path.to_str().unwrap(),
        "--runs",
        "3",
        "--seed",
        "11",
        "--json",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(text.lines().count(), 1, "exactly one line of JSON");
    let doc: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(doc["scenario"], "small");
    assert_eq!(doc["seeds"], serde_json::json!([11, 12, 13]));
    assert_eq!(doc["turns"], 12);
    let keys: Vec<&String> = doc.as_object().unwrap().keys().collect();
    assert_eq!(keys, ["outcomes", "scenario", "seeds", "series", "turns"]);
    for o in Outcome::ALL {
        let q = &doc["outcomes"][o.name()];
        for k in ["mean", "p05", "p50", "p95"] {
            assert!(q[k].is_number(), "{} lacks {k}", o.name());
        }
        assert!(q["p05"].as_f64() <= q["p50"].as_f64() && q["p50"].as_f64() <= q["p95"].as_f64());
        assert_eq!(
            doc["series"][o.name()].as_array().unwrap().len(),
            12,
            "{}",
            o.name()
        );
    }
    // Progress goes to stderr, never stdout.
    assert!(String::from_utf8_lossy(&out.stderr).contains("run 3/3 done"));
}

#[test]
fn same_seed_same_bytes_whatever_the_threads_and_other_seeds_differ() {
    let path = fixture("small-det.ron", common::SMALL);
    let p = path.to_str().unwrap();
    let a = breakglass(&["run", p, "--runs", "2", "--json", "--threads", "1"]);
    let b = breakglass(&["run", p, "--runs", "2", "--json", "--threads", "2"]);
    let c = breakglass(&["run", p, "--runs", "2", "--json", "--seed", "99"]);
    assert!(a.status.success() && b.status.success() && c.status.success());
    assert_eq!(a.stdout, b.stdout);
    assert_ne!(a.stdout, c.stdout);
}

#[test]
fn out_dir_gets_outcomes_and_series_csv() {
    let path = fixture("small-csv.ron", common::SMALL);
    let dir = std::env::temp_dir().join(format!("breakglass-csv-{}", std::process::id()));
    let out = breakglass(&[
        "run",
        path.to_str().unwrap(),
        "--runs",
        "2",
        "--turns",
        "5",
        "--out",
        dir.to_str().unwrap(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let outcomes = std::fs::read_to_string(dir.join("outcomes.csv")).unwrap();
    let series = std::fs::read_to_string(dir.join("series.csv")).unwrap();
    assert_eq!(outcomes.lines().count(), 3);
    assert_eq!(series.lines().count(), 1 + 2 * 5);
    assert!(outcomes.starts_with("run,seed,civilians_harmed,"));
    assert!(series.starts_with("run,seed,turn,civilians_harmed,"));
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn check_exits_zero_for_valid_files_and_one_with_located_errors() {
    let good = fixture("good.ron", common::SMALL);
    let bad = fixture(
        "bad.ron",
        &common::SMALL.replace("adoption: 0.6", "adoption: 1.6"),
    );
    let ok = breakglass(&["check", good.to_str().unwrap(), "scenarios/default.ron"]);
    assert_eq!(ok.status.code(), Some(0));
    let fail = breakglass(&["check", good.to_str().unwrap(), bad.to_str().unwrap()]);
    assert_eq!(fail.status.code(), Some(1));
    let err = String::from_utf8_lossy(&fail.stderr);
    assert!(
        err.contains(&format!(
            "{}:10:88: districts[0].adoption: must be between 0 and 1, got 1.6",
            bad.display()
        )),
        "{err}"
    );
}

#[test]
fn run_refuses_a_bad_scenario_without_a_panic() {
    let bad = fixture("bad-run.ron", "Scenario(name: \"x\",");
    let out = breakglass(&["run", bad.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.starts_with("error: "), "{err}");
    assert!(!err.contains("panicked"), "{err}");
}
