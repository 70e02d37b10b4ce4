//! Outcome names used everywhere (UI, CSV, JSON, report) and how a run is summarised.

use serde::Serialize;

/// How a per-turn series becomes one number for a run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Summary {
    /// The value at the last turn (cumulative counts and levels).
    Final,
    /// The highest value over the run.
    Peak,
    /// The mean over turns.
    Mean,
}

/// Which way is good for a player.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Better {
    Lower,
    Higher,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Family {
    Protection,
    PerpetratorCapacity,
    Cost,
}

macro_rules! outcomes {
    ($( $variant:ident => $name:literal, $family:ident, $summary:ident, $better:ident, $unit:literal, $desc:literal; )*) => {
        /// Every outcome the model reports.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Outcome { $( $variant, )* }

        impl Outcome {
            pub const ALL: [Outcome; [$( $name, )*].len()] = [ $( Outcome::$variant, )* ];
            pub fn name(self) -> &'static str {
                match self { $( Outcome::$variant => $name, )* }
            }
            pub fn family(self) -> Family {
                match self { $( Outcome::$variant => Family::$family, )* }
            }
            pub fn summary(self) -> Summary {
                match self { $( Outcome::$variant => Summary::$summary, )* }
            }
            pub fn better(self) -> Better {
                match self { $( Outcome::$variant => Better::$better, )* }
            }
            pub fn unit(self) -> &'static str {
                match self { $( Outcome::$variant => $unit, )* }
            }
            pub fn description(self) -> &'static str {
                match self { $( Outcome::$variant => $desc, )* }
            }
        }
    };
}

outcomes! {
    CiviliansHarmed => "civilians_harmed", Protection, Final, Lower, "people",
        "People harmed in offline violence (cumulative).";
    CiviliansDisplaced => "civilians_displaced", Protection, Final, Lower, "people",
        "People who fled their district (cumulative; they do not return within the exercise).";
    CiviliansProtected => "civilians_protected", Protection, Final, Higher, "people",
        "People of the targeted group who took protective action (shelter or flight) at least once.";
    HarmEnabledByExposedData => "harm_enabled_by_exposed_data", Protection, Final, Lower, "people",
        "Part of civilians_harmed attributable to targeting data perpetrators harvested.";
    HarmedInFlight => "harmed_in_flight", Protection, Final, Lower, "people",
        "Part of civilians_harmed: people harmed on the way while fleeing (the districts they crossed).";
    ReachedHaven => "reached_haven", Protection, Final, Higher, "people",
        "People of the targeted group who reached a safe haven the scenario names (cumulative).";
    LeftAtRisk => "left_at_risk", Protection, Final, Lower, "people",
        "People of the targeted group still in harm's way when the exercise ends (at home, hosted, and the unprotected share of those sheltering), each weighted by their district's atrocity risk (0..1): nobody still exposed counts as safe.";
    HarmedInReprisals => "harmed_in_reprisals", Protection, Final, Lower, "people",
        "Part of civilians_harmed: people of the perpetrators' group harmed in reprisals by the targeted group (violence answering violence).";
    AccountsCompromised => "accounts_compromised", Protection, Final, Lower, "accounts",
        "Accounts taken over by perpetrators (cumulative).";
    WarningReach => "warning_reach", Protection, Final, Higher, "share",
        "Share of the targeted group's people reached by an early warning at least once.";
    CredibleInfoReach => "credible_info_reach", Protection, Final, Higher, "share",
        "Share of all people reached by credible news or crisis resources at least once.";
    HarmfulImpressions => "harmful_impressions", PerpetratorCapacity, Final, Lower, "views",
        "Views of incitement, misinformation and coordination content (people, cumulative).";
    HarmfulPostsMissed => "harmful_posts_missed", PerpetratorCapacity, Final, Lower, "posts",
        "Harmful posts the platform's classifiers never flagged (cumulative): no label, demotion or removal touched them.";
    HarmRemovedWithinHour => "harm_removed_within_hour", PerpetratorCapacity, Final, Higher, "share",
        "Share of harmful posts removed within an hour of posting (time to action: detection, then review).";
    MisinformationBelief => "misinformation_belief", PerpetratorCapacity, Final, Lower, "share",
        "Mean belief in hostile rumours among civilians, 0..1.";
    PerpetratorAccountsPeak => "perpetrator_accounts_peak", PerpetratorCapacity, Peak, Lower, "accounts",
        "Most live perpetrator accounts at any time.";
    CoordinationEvents => "coordination_events", PerpetratorCapacity, Final, Lower, "events",
        "Coordination posts (weapons, recruitment, target lists) that reached perpetrators' side (cumulative).";
    MobilizedBystanders => "mobilized_bystanders", PerpetratorCapacity, Peak, Lower, "people",
        "Most civilians mobilised into violence at once (Epstein-active).";
    AtrocityRiskPeak => "atrocity_risk_peak", PerpetratorCapacity, Peak, Lower, "index",
        "Highest district atrocity-risk index (0-100) at any turn.";
    LegitimateContentRemoved => "legitimate_content_removed", Cost, Final, Lower, "posts",
        "Legitimate posts removed by mistake (cumulative).";
    LegitimatePostsFlagged => "legitimate_posts_flagged", Cost, Final, Lower, "posts",
        "Legitimate posts the classifiers mistook for harmful ones (cumulative): measures aimed at harm fell on them.";
    EvidenceLost => "evidence_lost", Cost, Final, Lower, "posts",
        "Documentation of abuses removed and not preserved (cumulative).";
    CivilianCommCapacity => "civilian_comm_capacity", Cost, Mean, Higher, "share",
        "Civilians' capacity to reach each other, 0..1 of normal.";
    ModerationBacklog => "moderation_backlog", Cost, Peak, Lower, "items",
        "Items waiting for human review.";
    UserTrust => "user_trust", Cost, Final, Higher, "share",
        "Users' trust in the platform, 0..1.";
}

pub const N_OUTCOMES: usize = Outcome::ALL.len();

/// One value per outcome.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Values(pub [f64; N_OUTCOMES]);

impl Values {
    pub fn get(&self, o: Outcome) -> f64 {
        self.0[o as usize]
    }
    pub fn set(&mut self, o: Outcome, v: f64) {
        self.0[o as usize] = v;
    }
}

impl std::ops::Index<Outcome> for Values {
    type Output = f64;
    fn index(&self, o: Outcome) -> &f64 {
        &self.0[o as usize]
    }
}

/// Summarise a run's per-turn series into one value per outcome.
pub fn summarise(series: &[Values]) -> Values {
    let mut out = Values::default();
    if series.is_empty() {
        return out;
    }
    for o in Outcome::ALL {
        let xs = series.iter().map(|v| v[o]);
        let value = match o.summary() {
            Summary::Final => series.last().map_or(0.0, |v| v[o]),
            Summary::Peak => xs.fold(f64::MIN, f64::max),
            Summary::Mean => xs.sum::<f64>() / series.len() as f64,
        };
        out.set(o, value);
    }
    out
}

pub fn by_name(name: &str) -> Option<Outcome> {
    Outcome::ALL.into_iter().find(|o| o.name() == name)
}

/// A scenario's key outcomes (names; unknown ones skipped), then the rest of `list`, each once.
pub fn key_first(keys: &[String], list: &[Outcome]) -> Vec<Outcome> {
    let mut out: Vec<Outcome> = Vec::new();
    for o in keys
        .iter()
        .filter_map(|n| by_name(n))
        .chain(list.iter().copied())
    {
        if !out.contains(&o) {
            out.push(o);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_the_product_briefs_and_unique() {
        let names: Vec<&str> = Outcome::ALL.iter().map(|o| o.name()).collect();
        assert_eq!(names.len(), 25);
        let mut sorted = names.clone();
        sorted.sort();
        sorted.dedup();
        assert_eq!(sorted.len(), names.len());
        for n in [
            "civilians_harmed",
            "atrocity_risk_peak",
            "user_trust",
            "warning_reach",
        ] {
            assert!(names.contains(&n));
        }
    }

    #[test]
    fn summary_rules() {
        let mut a = Values::default();
        let mut b = Values::default();
        a.set(Outcome::CiviliansHarmed, 3.0);
        b.set(Outcome::CiviliansHarmed, 5.0);
        a.set(Outcome::AtrocityRiskPeak, 70.0);
        b.set(Outcome::AtrocityRiskPeak, 40.0);
        a.set(Outcome::CivilianCommCapacity, 1.0);
        b.set(Outcome::CivilianCommCapacity, 0.5);
        let s = summarise(&[a, b]);
        assert_eq!(s[Outcome::CiviliansHarmed], 5.0);
        assert_eq!(s[Outcome::AtrocityRiskPeak], 70.0);
        assert_eq!(s[Outcome::CivilianCommCapacity], 0.75);
    }
}
