//! Breakglass's integration tests, one binary: scenarios load, the CLI end to end, the headless
//! App, determinism, calibration, the documents. One binary links the crate (and Bevy) once
//! instead of once per file, which keeps a cold build's target directory and link time small.
//! `cargo test --test suite violence::` runs one module.

mod common;

mod app_headless;
mod attention;
mod budgets;
mod calibration;
mod cli;
mod coupling;
mod debrief;
mod detection;
mod docs;
mod edge_list;
mod exercise;
mod french;
mod handbook;
mod interventions;
mod lessons;
mod library;
mod model;
mod movement;
mod msel;
mod preview;
mod red;
mod scenario_loading;
mod seats;
mod shards;
mod state_and_lists;
mod text_to_turns;
mod tradeoffs;
mod verdicts;
mod violence;
