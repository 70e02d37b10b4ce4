//! bevy_egui setup in one place (it moves in lock-step with Bevy and breaks often).

use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiPlugin, EguiPrimaryContextPass, egui};

/// Text scale: 1.0 normal, larger for projectors.
#[derive(Resource, Debug, Clone, Copy, PartialEq)]
pub struct TextScale(pub f32);

impl Default for TextScale {
    fn default() -> Self {
        TextScale(1.0)
    }
}

pub(super) fn plugin(app: &mut App) {
    app.add_plugins(EguiPlugin::default())
        .init_resource::<TextScale>()
        .add_systems(EguiPrimaryContextPass, apply_style);
}

/// Large, high-contrast type that reads from the back of a room.
fn apply_style(
    mut contexts: EguiContexts,
    scale: Res<TextScale>,
    mut applied: Local<Option<f32>>,
) -> Result {
    if *applied == Some(scale.0) {
        return Ok(());
    }
    let ctx = contexts.ctx_mut()?;
    let mut style = (*ctx.global_style()).clone();
    use egui::{FontFamily, FontId, TextStyle};
    let s = scale.0;
    style.text_styles = [
        (
            TextStyle::Heading,
            FontId::new(24.0 * s, FontFamily::Proportional),
        ),
        (
            TextStyle::Body,
            FontId::new(16.0 * s, FontFamily::Proportional),
        ),
        (
            TextStyle::Monospace,
            FontId::new(15.0 * s, FontFamily::Monospace),
        ),
        (
            TextStyle::Button,
            FontId::new(17.0 * s, FontFamily::Proportional),
        ),
        (
            TextStyle::Small,
            FontId::new(13.0 * s, FontFamily::Proportional),
        ),
    ]
    .into();
    style.spacing.item_spacing = egui::vec2(8.0, 6.0);
    ctx.set_global_style(style);
    *applied = Some(scale.0);
    Ok(())
}
