//! The trigger column: turns, the scenario's clock as MSELs write it, and conditions.
//!
//! The scenario's clock starts at Day 1 00:00 (turn 0) and each turn lasts `turn_hours`
//! (`view::clock` shows the same clock in the app). A time names the turn it falls in.

use super::super::{Scenario, Trigger};
use super::normalise;

/// The scenario's clock: how long a turn is and how many there are.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Clock {
    pub turn_hours: f64,
    pub turns: i64,
}

impl Clock {
    pub fn of(s: &Scenario) -> Clock {
        Clock {
            turn_hours: s.turn_hours,
            turns: s.turns,
        }
    }

    /// The hours the exercise lasts.
    fn end(self) -> f64 {
        self.turns.max(0) as f64 * self.turn_hours
    }

    /// The turn scenario time `hours` falls in, or why it is outside the clock.
    fn turn_at(self, written: &str, hours: f64) -> Result<Trigger, String> {
        if hours < 0.0 {
            return Err(format!("\"{written}\": scenario time cannot be negative"));
        }
        if hours >= self.end() {
            return Err(format!(
                "\"{written}\" is hour {} of the scenario, after it ends at {} (hour {}: \
                 {} turns of {} h)",
                fmt_hours(hours),
                day_time(self.end()),
                fmt_hours(self.end()),
                self.turns,
                fmt_hours(self.turn_hours)
            ));
        }
        Ok(Trigger::Turn(
            (hours / self.turn_hours.max(1e-9)).floor() as i64
        ))
    }
}

fn fmt_hours(h: f64) -> String {
    if h.fract() == 0.0 {
        format!("{h:.0}")
    } else {
        format!("{h:.2}")
    }
}

/// "Day 3 06:00" for an hour of the scenario.
fn day_time(hours: f64) -> String {
    let day = (hours / 24.0).floor() as i64 + 1;
    let h = hours - (day - 1) as f64 * 24.0;
    format!(
        "Day {day} {:02}:{:02}",
        h.floor() as i64,
        (h.fract() * 60.0).round() as i64
    )
}

/// Turn numbers and conditions as the trigger column writes and reads them.
pub fn trigger_text(t: &Trigger) -> String {
    match t {
        Trigger::Turn(n) => format!("turn {n}"),
        Trigger::RiskAbove { district, level } if district == "*" => {
            format!("risk > {level} anywhere")
        }
        Trigger::RiskAbove { district, level } => format!("risk > {level} in {district}"),
        Trigger::HarmedAbove(x) => format!("harmed > {x}"),
        Trigger::Contingency { seq, within } => {
            format!("if {seq} not done within {within} turns")
        }
    }
}

const TRIGGER_FORMS: &str = "write turn 5, a scenario time (Day 2 08:00, D+1 06:00, H+36, \
                             36h, or 08:00 on day 1), risk > 60 in DISTRICT, risk > 60 anywhere, \
                             harmed > 500, or if 3 not done within 2 turns";

/// A trigger cell: `turn 5` (or `5`); a scenario time, in the turn it falls in (`Day 2 08:00`,
/// `Day 2, 08:00` as the app's clock writes it, `D+1 06:00`, `H+36`, `36h`, `T+36h`, `08:00`
/// on day 1); `risk > 60 in Old Town`, `risk > 60 anywhere`, `harmed > 500`,
/// `if 3 not done within 2 turns`. A time outside the scenario's clock is refused.
pub fn parse_trigger(s: &str, clock: Clock) -> Result<Trigger, String> {
    let t = s.trim();
    let lower = t.to_lowercase();
    let bad = || format!("cannot read the trigger \"{t}\": {TRIGGER_FORMS}");
    if t.is_empty() {
        return Err(format!("empty: {TRIGGER_FORMS}"));
    }
    if let Some(rest) = lower.strip_prefix("turn") {
        return Ok(Trigger::Turn(int(rest).ok_or_else(bad)?));
    }
    if let Some(n) = int(&lower) {
        return Ok(Trigger::Turn(n));
    }
    if let Some(hours) = scenario_time(&lower) {
        return clock.turn_at(t, hours.map_err(|m| format!("\"{t}\": {m}"))?);
    }
    if lower.starts_with("risk") {
        return risk_above(t).ok_or_else(bad);
    }
    if let Some(rest) = lower.strip_prefix("harmed") {
        let rest = rest.trim_start().strip_prefix('>').ok_or_else(bad)?;
        return Ok(Trigger::HarmedAbove(num(rest).ok_or_else(bad)?));
    }
    if let Some(rest) = lower.strip_prefix("if ") {
        return contingency(rest).ok_or_else(bad);
    }
    Err(bad())
}

fn int(x: &str) -> Option<i64> {
    x.trim().parse::<i64>().ok()
}

fn num(x: &str) -> Option<f64> {
    x.trim().parse::<f64>().ok().filter(|v| v.is_finite())
}

/// Hours since the scenario began, when the cell is written as a time (None: it is not a
/// time; Some(Err): a time that cannot be, such as 25:00).
fn scenario_time(lower: &str) -> Option<Result<f64, String>> {
    let t = lower.trim();
    // Day N [HH:MM] (the app's clock writes "Day 2, 08:00"; French "Jour 2").
    for prefix in ["day", "jour"] {
        if let Some(rest) = t.strip_prefix(prefix)
            && rest.starts_with(|c: char| c.is_whitespace() || c.is_ascii_digit())
        {
            return Some(day_and_time(rest, 1));
        }
    }
    // D+N [HH:MM]: D is the first day (Day 1), D+1 the next.
    if let Some(rest) = t.strip_prefix("d+") {
        return Some(day_and_time(rest, 0));
    }
    // H+N, T+Nh, Nh, N hours.
    if let Some(rest) = t.strip_prefix("h+") {
        return Some(num(rest).ok_or_else(|| "H+ takes a number of hours".to_string()));
    }
    let hours = t
        .trim_start_matches("t+")
        .trim_start_matches('+')
        .strip_suffix('h')
        .or_else(|| t.strip_suffix(" hours"));
    if let Some(h) = hours.and_then(num) {
        return Some(Ok(h));
    }
    // HH:MM on day 1.
    if t.contains(':') && t.chars().all(|c| c.is_ascii_digit() || c == ':') {
        return Some(time_of_day(t));
    }
    None
}

/// "2 08:00" (after "Day") as hours; `first` is the number the first day has (1 for Day N,
/// 0 for D+N).
fn day_and_time(rest: &str, first: i64) -> Result<f64, String> {
    let rest = rest.trim().replace(',', " ");
    let mut parts = rest.split_whitespace();
    let day = parts
        .next()
        .and_then(int)
        .ok_or_else(|| "the day is not a whole number".to_string())?;
    if day < first {
        return Err(format!("days count from {first}"));
    }
    let time = match (parts.next(), parts.next()) {
        (None, _) => 0.0,
        (Some(t), None) => time_of_day(t)?,
        _ => return Err("write the day, then HH:MM".into()),
    };
    Ok((day - first) as f64 * 24.0 + time)
}

fn time_of_day(t: &str) -> Result<f64, String> {
    let (h, m) = t
        .split_once(':')
        .ok_or_else(|| format!("\"{t}\" is not HH:MM"))?;
    let (h, m) = (int(h), int(m));
    match (h, m) {
        (Some(h), Some(m)) if (0..24).contains(&h) && (0..60).contains(&m) => {
            Ok(h as f64 + m as f64 / 60.0)
        }
        _ => Err(format!("\"{t}\" is not a time of day (00:00 to 23:59)")),
    }
}

/// `risk > 60 in Old Town` or `risk > 60 anywhere` (district names keep their case).
fn risk_above(t: &str) -> Option<Trigger> {
    let rest = t[4..].trim_start().strip_prefix('>')?;
    let split = (0..rest.len()).find(|&k| {
        rest.get(k..k + 4)
            .is_some_and(|w| w.eq_ignore_ascii_case(" in "))
    });
    let (level, district) = match split {
        Some(k) => (&rest[..k], rest[k + 4..].trim().to_string()),
        None => {
            let r = rest.trim();
            let r = if r.to_ascii_lowercase().ends_with("anywhere") {
                &r[..r.len() - "anywhere".len()]
            } else {
                r
            };
            (r, "*".to_string())
        }
    };
    let district = if normalise(&district) == "any district" {
        "*".to_string()
    } else {
        district
    };
    Some(Trigger::RiskAbove {
        district,
        level: num(level)?,
    })
}

/// `3 not done within 2 turns` (after "if ").
fn contingency(rest: &str) -> Option<Trigger> {
    let (seq, rest) = rest.split_once(" not done within ")?;
    let within = rest
        .trim()
        .trim_end_matches("turns")
        .trim_end_matches("turn");
    let seq = seq.trim().trim_start_matches('#');
    Some(Trigger::Contingency {
        seq: seq.parse().ok()?,
        within: int(within)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Six-hour turns, eight of them: Day 1 00:00 to Day 3 00:00.
    const CLOCK: Clock = Clock {
        turn_hours: 6.0,
        turns: 8,
    };

    #[test]
    fn triggers_read_back_as_written() {
        for t in [
            Trigger::Turn(4),
            Trigger::RiskAbove {
                district: "Old Town".into(),
                level: 62.5,
            },
            Trigger::RiskAbove {
                district: "*".into(),
                level: 60.0,
            },
            Trigger::HarmedAbove(500.0),
            Trigger::Contingency { seq: 3, within: 2 },
        ] {
            assert_eq!(parse_trigger(&trigger_text(&t), CLOCK), Ok(t));
        }
        assert_eq!(parse_trigger("36h", CLOCK), Ok(Trigger::Turn(6)));
        assert_eq!(parse_trigger("T+40h", CLOCK), Ok(Trigger::Turn(6)));
        assert_eq!(parse_trigger("7", CLOCK), Ok(Trigger::Turn(7)));
        assert!(
            parse_trigger("tomorrow", CLOCK)
                .unwrap_err()
                .contains("cannot read the trigger \"tomorrow\"")
        );
    }

    #[test]
    fn msel_times_read_as_the_scenarios_clock() {
        for (cell, turn) in [
            ("Day 2 08:00", 5),
            ("day 2, 08:00", 5),
            ("Jour 1, 23:59", 3),
            ("Day 1", 0),
            ("D+1 06:00", 5),
            ("D+0 13:00", 2),
            ("H+36", 6),
            ("h+47.5", 7),
            ("05:59", 0),
            ("18:00", 3),
        ] {
            assert_eq!(
                parse_trigger(cell, CLOCK),
                Ok(Trigger::Turn(turn)),
                "{cell}"
            );
        }
    }

    #[test]
    fn times_outside_the_clock_or_the_day_are_refused_with_what_is_wrong() {
        assert_eq!(
            parse_trigger("Day 3 06:00", CLOCK).unwrap_err(),
            "\"Day 3 06:00\" is hour 54 of the scenario, after it ends at Day 3 00:00 \
             (hour 48: 8 turns of 6 h)"
        );
        assert!(
            parse_trigger("H+48", CLOCK)
                .unwrap_err()
                .contains("after it ends")
        );
        assert_eq!(
            parse_trigger("Day 2 25:00", CLOCK).unwrap_err(),
            "\"Day 2 25:00\": \"25:00\" is not a time of day (00:00 to 23:59)"
        );
        assert_eq!(
            parse_trigger("Day 0 08:00", CLOCK).unwrap_err(),
            "\"Day 0 08:00\": days count from 1"
        );
    }
}
