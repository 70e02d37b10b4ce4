//! What the control room is showing and what the players are preparing: the team panel and tab
//! on show, the levers' drafts, the entry being confirmed or picked on the map, the space the
//! panels take. Read and written by the panels (hud, levers, map, frontier, start screen).

use std::collections::BTreeMap;

use bevy::prelude::*;

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<UiInsets>().init_resource::<Desk>();
}

/// Screen space (logical px) the panels take on each side; the map fits in the rest.
#[derive(Resource, Debug, Default, Clone, Copy)]
pub struct UiInsets {
    pub left: f32,
    pub right: f32,
    pub top: f32,
    pub bottom: f32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Tab {
    #[default]
    Outcomes,
    Feed,
    Network,
    Log,
    Facilitator,
}

/// A lever's settings before it is pulled.
#[derive(Debug, Clone, Default)]
pub struct Draft {
    pub params: Vec<f64>,
    pub districts: Vec<u16>,
    pub rationale: String,
}

/// What the control room is showing and what the players are preparing.
#[derive(Resource, Debug, Default)]
pub struct Desk {
    /// Team panel (0..4: platform, crisis leadership, policy makers, civil society).
    pub team: usize,
    pub tab: Tab,
    pub help: bool,
    pub feed_district: usize,
    /// Catalog entry under the pointer (its effects are highlighted on the scoreboard).
    pub hovered_entry: Option<usize>,
    /// Catalog entry whose districts are being picked on the map.
    pub picking: Option<usize>,
    pub drafts: BTreeMap<usize, Draft>,
    /// Break-glass entry waiting for confirmation.
    pub confirm: Option<usize>,
    /// Rolling mean CPU time of the UI pass (ms).
    pub ui_ms: f32,
    /// Presentation mode for briefings: map, three charts, key decisions, no controls.
    pub briefing: bool,
}

impl Desk {
    pub fn draft(&mut self, entry: usize) -> &mut Draft {
        self.drafts.entry(entry).or_insert_with(|| Draft {
            params: crate::sim::interventions::CATALOG[entry].defaults(),
            ..Default::default()
        })
    }
}
