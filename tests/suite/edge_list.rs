//! Bring your own network: a scenario may load its ties from a CSV edge list, with the same
//! care as a scenario file (located errors, size limit).

use crate::common;

use breakglass::scenario::{self, LoadError};
use breakglass::sim::World;

fn dir(name: &str) -> tempfile::TempDir {
    common::scratch(&format!("edges-{name}"))
}

fn with_list(d: &std::path::Path, edges: &str) -> std::path::PathBuf {
    std::fs::write(d.join("net.csv"), edges).unwrap();
    let text = common::SMALL.replace(
        "accounts: 3000,",
        "accounts: 3000,\n    graph: (edge_list: \"net.csv\"),",
    );
    let path = d.join("s.ron");
    std::fs::write(&path, text).unwrap();
    path
}

#[test]
fn the_world_uses_the_given_ties() {
    let d = dir("ok");
    let d = d.path();
    // A ring over all 3000 accounts plus a hub.
    let mut csv = String::from("source,target\n");
    for i in 0..3000 {
        csv.push_str(&format!("{},{}\n", i, (i + 1) % 3000));
    }
    for i in 1..200 {
        csv.push_str(&format!("0,{}\n", i * 13));
    }
    let s = scenario::load(&with_list(d, &csv)).unwrap().scenario;
    assert_eq!(s.edges.as_ref().unwrap().len(), 3000 + 199);
    let w = World::new(&s, 1).unwrap();
    // Every account keeps its ring ties; most have nothing else (the rest gained ties from the
    // hub, the organisation's internal network or its dormant accounts' follows).
    for u in 0..3000u32 {
        let nb = w.graph.neighbours(u);
        assert!(
            nb.contains(&((u + 1) % 3000)) && nb.contains(&((u + 2999) % 3000)),
            "{u}"
        );
    }
    let ordinary = (1..3000u32).filter(|&u| w.graph.degree(u) == 2).count();
    assert!(
        ordinary > 2000,
        "{ordinary} accounts have only their two ring ties"
    );
    assert!(w.graph.degree(0) >= 200);
    let mut w = w;
    w.run();
    assert_eq!(w.series.len(), 12);
}

#[test]
fn unknown_nodes_self_loops_and_bad_lines_are_located() {
    let d = dir("bad");
    let d = d.path();
    let path = with_list(d, "source,target\n1,2\n5,5000\n7,7\nfour,5\n");
    let e = scenario::load(&path).unwrap_err().problems();
    let f = d.join("net.csv").display().to_string();
    assert_eq!(
        e,
        vec![
            format!("{f}:3:3: edge: unknown node 5000: the scenario has accounts 0..2999"),
            format!("{f}:4:1: edge: self-loop on node 7"),
            format!("{f}:5:1: edge: node ids must be whole numbers, got \"four,5\""),
        ]
    );
}

#[test]
fn a_huge_edge_list_is_refused_unread() {
    let d = dir("huge");
    let d = d.path();
    let path = with_list(d, "");
    std::fs::File::create(d.join("net.csv"))
        .unwrap()
        .set_len(scenario::MAX_EDGE_LIST_BYTES + 1)
        .unwrap();
    match scenario::load(&path) {
        Err(LoadError::FileTooLarge { .. }) => {}
        other => panic!("expected FileTooLarge, got {other:?}"),
    }
}

#[test]
fn an_edge_list_outside_the_scenarios_folder_is_refused_unread() {
    let d = dir("outside");
    let d = d.path();
    for name in ["../net.csv", "/etc/passwd", "sub/../../net.csv", ""] {
        let text = common::SMALL.replace(
            "accounts: 3000,",
            &format!("accounts: 3000,\n    graph: (edge_list: {name:?}),"),
        );
        let path = d.join("s.ron");
        std::fs::write(&path, text).unwrap();
        let problems = scenario::load(&path).unwrap_err().problems();
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(
            problems[0].contains("s.ron:7:13: ")
                && problems[0]
                    .contains("graph.edge_list: must name a file in the scenario's folder"),
            "{}",
            problems[0]
        );
    }
}

#[test]
fn a_session_reads_its_edge_list_only_from_its_scenarios_folder_and_after_validation() {
    let d = dir("session");
    let d = d.path();
    std::fs::write(d.join("net.csv"), "source,target\n0,1\n").unwrap();
    let path = with_list(d, "source,target\n0,1\n1,2\n");
    let s = scenario::load(&path).unwrap().scenario;
    let file =
        breakglass::session::SessionFile::new(&path.display().to_string(), &s, 1, "t".into());
    let session_path = d.join("s.session.ron");
    file.save(&session_path).unwrap();
    let loaded = breakglass::session::SessionFile::load(&session_path).unwrap();
    assert_eq!(
        loaded.scenario.edges.as_ref().unwrap().len(),
        2,
        "read from the scenario's folder"
    );
    // A session edited to point elsewhere is refused, located, without reading the file.
    let text = std::fs::read_to_string(&session_path).unwrap();
    let hostile = text.replace("edge_list: \"net.csv\"", "edge_list: \"/etc/passwd\"");
    assert_ne!(hostile, text);
    std::fs::write(&session_path, hostile).unwrap();
    let e = breakglass::session::SessionFile::load(&session_path)
        .unwrap_err()
        .to_string();
    assert!(
        e.contains("scenario.graph.edge_list: must name a file in the scenario's folder"),
        "{e}"
    );
    assert!(!e.contains("root:"), "nothing of the named file is quoted");
}
