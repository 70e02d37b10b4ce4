//! Translations. Every piece of UI text comes from `assets/i18n/<lang>.ron` (a map from key to
//! text). A key missing in the chosen language falls back to English; in debug builds the
//! fallback is marked `[en]` so translators see it. Catalog names and descriptions, outcome
//! labels and scenario briefings are translated with keys `catalog.<id>.name`,
//! `catalog.<id>.description`, `outcome.<name>` and `briefing.<scenario name>`; without them
//! the English text from the catalog or scenario is shown.

use std::collections::BTreeMap;

use crate::sim::interventions::Entry;
use crate::sim::metrics::Outcome;

/// The languages shipped, in menu order: (code, file contents).
pub const LANGUAGES: [(&str, &str); 2] = [
    ("en", include_str!("../../assets/i18n/en.ron")),
    ("fr", include_str!("../../assets/i18n/fr.ron")),
];

#[cfg_attr(feature = "gui", derive(bevy::prelude::Resource))]
#[derive(Debug, Clone)]
pub struct I18n {
    /// Shared: cloning an `I18n` (to build seat views off the frame) copies a pointer.
    tables: std::sync::Arc<Vec<(String, BTreeMap<String, String>)>>,
    /// Index of the language in use.
    pub current: usize,
}

impl Default for I18n {
    fn default() -> Self {
        Self::load()
    }
}

impl I18n {
    /// Parse the shipped tables (a broken table is reported and left empty: English still works).
    pub fn load() -> Self {
        let tables = LANGUAGES
            .iter()
            .map(|(code, text)| {
                let table = ron::from_str::<BTreeMap<String, String>>(text).unwrap_or_else(|e| {
                    eprintln!("assets/i18n/{code}.ron: {e}");
                    BTreeMap::new()
                });
                (code.to_string(), table)
            })
            .collect();
        I18n {
            tables: std::sync::Arc::new(tables),
            current: 0,
        }
    }

    /// The code of the language in use ("en", "fr").
    pub fn code(&self) -> &str {
        self.tables
            .get(self.current)
            .map_or("en", |(c, _)| c.as_str())
    }

    /// A scenario's briefing in the language in use: its own text in that language, else the
    /// catalog's `briefing.<name>` key, else the scenario's text.
    pub fn briefing(&self, s: &crate::scenario::Scenario) -> String {
        if s.speaks(self.code()) {
            s.briefing_in(self.code()).to_string()
        } else {
            self.or(&format!("briefing.{}", s.name), &s.briefing)
        }
    }

    /// A scenario's name in the language in use: its own name in that language, else the
    /// catalog's `scenario.<name>` key, else the scenario's name.
    pub fn scenario_name(&self, s: &crate::scenario::Scenario) -> String {
        if s.language == self.code() {
            return s.name.clone();
        }
        let own = s
            .translations
            .get(self.code())
            .and_then(|t| t.name.as_deref());
        self.name_of_scenario(&s.name, own)
    }

    /// A scenario called `name` (`own`: the name its author gave it in the language in use).
    /// The author's text is shown as written where no translation exists (not marked `[en]`:
    /// a scenario's name is not the app's text).
    pub fn name_of_scenario(&self, name: &str, own: Option<&str>) -> String {
        let shipped = self
            .tables
            .get(self.current)
            .and_then(|(_, t)| t.get(&format!("scenario.{name}")));
        own.or(shipped.map(String::as_str))
            .unwrap_or(name)
            .to_string()
    }

    pub fn codes(&self) -> Vec<&str> {
        self.tables.iter().map(|(c, _)| c.as_str()).collect()
    }

    /// The language's own name (key `language.name`).
    pub fn language_name(&self, index: usize) -> String {
        self.tables
            .get(index)
            .and_then(|(_, t)| t.get("language.name").cloned())
            .unwrap_or_else(|| "?".into())
    }

    fn lookup(&self, key: &str) -> Option<String> {
        let (_, table) = self.tables.get(self.current)?;
        if let Some(text) = table.get(key) {
            return Some(text.clone());
        }
        let english = self.tables.first()?.1.get(key)?;
        if self.current != 0 && cfg!(debug_assertions) {
            Some(format!("[en] {english}"))
        } else {
            Some(english.clone())
        }
    }

    /// The text for `key`; a key missing everywhere shows as ⟦key⟧.
    pub fn t(&self, key: &str) -> String {
        self.lookup(key).unwrap_or_else(|| format!("⟦{key}⟧"))
    }

    /// `t` with `{name}` placeholders filled in.
    pub fn f(&self, key: &str, args: &[(&str, String)]) -> String {
        let mut s = self.t(key);
        for (name, value) in args {
            s = s.replace(&format!("{{{name}}}"), value);
        }
        s
    }

    /// Text with a fallback that is not a key (catalog, scenario texts written in English).
    pub fn or(&self, key: &str, english: &str) -> String {
        let (_, table) = match self.tables.get(self.current) {
            Some(t) => t,
            None => return english.to_string(),
        };
        match table.get(key) {
            Some(text) => text.clone(),
            None if self.current != 0 && cfg!(debug_assertions) => format!("[en] {english}"),
            None => english.to_string(),
        }
    }

    pub fn entry_name(&self, e: &Entry) -> String {
        self.or(&format!("catalog.{}.name", e.id), e.name)
    }

    pub fn entry_description(&self, e: &Entry) -> String {
        self.or(&format!("catalog.{}.description", e.id), e.description)
    }

    pub fn outcome(&self, o: Outcome) -> String {
        self.t(&format!("outcome.{}", o.name()))
    }

    /// The text of `key` in every language that has it, the language in use first.
    fn in_every_language(&self, key: &str) -> Vec<String> {
        let order = std::iter::once(self.current).chain(0..self.tables.len());
        let mut out: Vec<String> = Vec::new();
        for i in order {
            if let Some(text) = self.tables.get(i).and_then(|(_, t)| t.get(key))
                && !out.contains(text)
            {
                out.push(text.clone());
            }
        }
        out
    }

    /// The names an MSEL cell may give a team or a lever: the app's names in every language
    /// (the language in use first: the export writes it), and the catalog's English names.
    pub fn msel_names(&self) -> crate::scenario::msel::Names {
        let mut names = crate::scenario::msel::Names::default();
        for team in &mut names.teams {
            team.names = self.in_every_language(&format!("team.{}", team.id));
        }
        for lever in &mut names.levers {
            let mut all = self.in_every_language(&format!("catalog.{}.name", lever.id));
            if self.current == 0 || all.is_empty() {
                all.insert(0, lever.names[0].clone());
            } else {
                all.insert(1, lever.names[0].clone());
            }
            all.dedup();
            lever.names = all;
        }
        names
    }

    /// Every key of a language's table (for tests).
    pub fn keys(&self, index: usize) -> Vec<String> {
        self.tables
            .get(index)
            .map(|(_, t)| t.keys().cloned().collect())
            .unwrap_or_default()
    }

    /// Switch to the language with this code; false (and unchanged) if it is not shipped.
    pub fn set_language(&mut self, code: &str) -> bool {
        match self.codes().iter().position(|c| *c == code) {
            Some(i) => {
                self.current = i;
                true
            }
            None => false,
        }
    }

    /// Every key starting with `prefix`, translated (English where the language lacks one).
    pub fn with_prefix(&self, prefix: &str) -> std::collections::BTreeMap<String, String> {
        let mut keys: Vec<&String> = self.tables.first().map_or(Vec::new(), |(_, t)| {
            t.keys().filter(|k| k.starts_with(prefix)).collect()
        });
        keys.sort();
        keys.into_iter().map(|k| (k.clone(), self.t(k))).collect()
    }
}
