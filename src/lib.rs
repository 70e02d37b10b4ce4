//! Breakglass: a tabletop crisis-simulation game for atrocity prevention on social media.
//!
//! - [`sim`]: the model (plain Rust, deterministic, no Bevy).
//! - [`scenario`]: the RON scenario format, loading and validation.
//! - [`runner`]: headless runs, Monte Carlo over seeds, JSON and CSV output.
//! - [`cli`]: the command line.
//! - [`view`]: what a team sees (formatting, costs, feed posts), shared by the app and the seats.
//! - `app`: the Bevy + egui control room (behind the `gui` feature).

pub mod calibration;
pub mod catalog_doc;
pub mod cli;
pub mod debrief;
pub mod experiments;
pub mod handbook;
pub mod lessons;
pub mod preview;
pub mod report;
pub mod runner;
pub mod scenario;
pub mod sensitivity;
pub mod session;
pub mod shard;
pub mod sim;
pub mod verdicts;
pub mod view;

#[cfg(feature = "gui")]
pub mod app;
#[cfg(feature = "gui")]
pub mod seats;

/// The default scenario, compiled in so `breakglass` works from any directory.
pub const DEFAULT_SCENARIO_TEXT: &str = include_str!("../scenarios/default.ron");
/// Where the default scenario lives in the repository.
pub const DEFAULT_SCENARIO_PATH: &str = "scenarios/default.ron";
/// Port the browser seats are served on unless told otherwise.
pub const DEFAULT_SEAT_PORT: u16 = 7878;
