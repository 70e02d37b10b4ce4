//! Teams and levers as people write them in a spreadsheet: by the id the scenario format uses
//! (`warning_labels`), by the name the app shows in any of its languages ("Warning labels",
//! "Étiquettes d'avertissement"), in any case, or as the export writes them, a name with its id
//! in brackets ("Warning labels (warning_labels)").
//!
//! The names come from the caller (the app's translation tables, `view::I18n::msel_names`), so
//! the scenario layer reads no translation file itself.

use super::super::plan::edit_distance;
use super::normalise;

/// One thing a cell can name: its id and the names people read for it, the export's first.
#[derive(Debug, Clone, PartialEq)]
pub struct Named {
    pub id: String,
    pub names: Vec<String>,
}

/// Every team and lever an MSEL cell may name.
#[derive(Debug, Clone, PartialEq)]
pub struct Names {
    pub teams: Vec<Named>,
    pub levers: Vec<Named>,
}

impl Default for Names {
    /// Ids, and the catalog's English lever names: what the scenario layer knows without the
    /// app's translation tables.
    fn default() -> Self {
        Names {
            teams: super::super::INJECT_TEAMS
                .iter()
                .map(|id| Named {
                    id: id.to_string(),
                    names: Vec::new(),
                })
                .collect(),
            levers: crate::sim::interventions::CATALOG
                .iter()
                .map(|e| Named {
                    id: e.id.to_string(),
                    names: vec![e.name.to_string()],
                })
                .collect(),
        }
    }
}

/// How many close names a refusal offers.
const SUGGESTIONS: usize = 3;

impl Names {
    /// The team a `to` cell names, or what is wrong (with the closest names).
    pub fn team(&self, cell: &str) -> Result<String, String> {
        resolve(&self.teams, cell).map_err(|close| unknown("team", cell, &close))
    }

    /// The levers an `expected levers` cell names: a list split on commas, semicolons and line
    /// breaks (never on spaces: names have them). Every name that matches nothing is refused
    /// (with the levers that did match).
    pub fn levers(&self, cell: &str) -> Result<Vec<String>, (Vec<String>, String)> {
        let mut ids = Vec::new();
        let mut bad = Vec::new();
        for item in split_list(cell) {
            match resolve(&self.levers, &item) {
                Ok(id) => ids.push(id),
                Err(close) => bad.push(unknown("lever", &item, &close)),
            }
        }
        if bad.is_empty() {
            Ok(ids)
        } else {
            Err((ids, bad.join("; ")))
        }
    }

    /// A team's cell as the export writes it: "Trust & safety (platform)".
    pub fn team_cell(&self, id: &str) -> String {
        labelled(&self.teams, id)
    }

    /// A lever list's cell as the export writes it, one per line.
    pub fn levers_cell(&self, ids: &[String]) -> String {
        ids.iter()
            .map(|id| labelled(&self.levers, id))
            .collect::<Vec<_>>()
            .join(",\n")
    }
}

fn labelled(list: &[Named], id: &str) -> String {
    match list
        .iter()
        .find(|n| n.id == id)
        .and_then(|n| n.names.first())
    {
        Some(name) => format!("{name} ({id})"),
        _ => id.to_string(),
    }
}

/// A list cell's items: split on commas, semicolons and line breaks outside brackets.
pub fn split_list(cell: &str) -> Vec<String> {
    let mut items = Vec::new();
    let mut depth = 0i32;
    let mut cur = String::new();
    for ch in cell.chars() {
        match ch {
            '(' => depth += 1,
            ')' => depth -= 1,
            _ => {}
        }
        if depth <= 0 && matches!(ch, ',' | ';' | '\n' | '\r') {
            items.push(std::mem::take(&mut cur));
        } else {
            cur.push(ch);
        }
    }
    items.push(cur);
    items
        .into_iter()
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect()
}

/// Compared forms: lower case, punctuation as spaces, "&" read as "and".
fn key(s: &str) -> String {
    normalise(&s.replace('&', " and "))
}

/// The id a cell names, or the closest names (with their ids) when it names none.
fn resolve(list: &[Named], cell: &str) -> Result<String, Vec<String>> {
    let cell = cell.trim();
    // "Name (id)": the id in brackets decides.
    if let Some(open) = cell.rfind('(')
        && cell.ends_with(')')
    {
        let inner = cell[open + 1..cell.len() - 1].trim();
        if let Some(n) = list.iter().find(|n| n.id == inner) {
            return Ok(n.id.clone());
        }
    }
    let k = key(cell);
    let hit = list
        .iter()
        .find(|n| key(&n.id) == k || n.names.iter().any(|name| key(name) == k));
    if let Some(n) = hit {
        return Ok(n.id.clone());
    }
    let mut scored: Vec<(usize, String)> = list
        .iter()
        .map(|n| {
            let best = std::iter::once(&n.id)
                .chain(&n.names)
                .map(|name| edit_distance(&k, &key(name)))
                .min()
                .unwrap_or(usize::MAX);
            (best, labelled(list, &n.id))
        })
        .collect();
    scored.sort();
    Err(scored
        .into_iter()
        .take(SUGGESTIONS)
        .map(|(_, s)| s)
        .collect())
}

fn unknown(what: &str, cell: &str, close: &[String]) -> String {
    let quoted: Vec<String> = close.iter().map(|c| format!("\"{c}\"")).collect();
    format!("unknown {what} \"{cell}\" (closest: {})", quoted.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names() -> Names {
        let mut n = Names::default();
        n.teams[0].names = vec!["Trust & safety".into(), "Confiance et sécurité".into()];
        let labels = n.levers.iter_mut().find(|l| l.id == "warning_labels");
        labels
            .expect("catalog has warning labels")
            .names
            .push("Étiquettes d'avertissement".into());
        n
    }

    #[test]
    fn cells_name_teams_and_levers_as_people_write_them() {
        let n = names();
        for cell in [
            "platform",
            "Trust & Safety",
            "trust and safety",
            "CONFIANCE ET SÉCURITÉ",
            "Trust & safety (platform)",
        ] {
            assert_eq!(n.team(cell), Ok("platform".into()), "{cell}");
        }
        assert_eq!(
            n.levers("Warning labels; étiquettes d'avertissement\nwarning_labels"),
            Ok(vec!["warning_labels".to_string(); 3])
        );
        assert_eq!(
            n.levers(&n.levers_cell(&["warning_labels".into(), "emergency_alerts".into()])),
            Ok(vec!["warning_labels".into(), "emergency_alerts".into()])
        );
    }

    #[test]
    fn a_name_that_matches_nothing_gets_the_closest_names() {
        let n = names();
        let (_, err) = n.levers("Warning lables").unwrap_err();
        assert!(
            err.starts_with(
                "unknown lever \"Warning lables\" (closest: \"Warning labels (warning_labels)\""
            ),
            "{err}"
        );
        let err = n.team("Trust and Safty").unwrap_err();
        assert!(err.contains("\"Trust & safety (platform)\""), "{err}");
    }
}
