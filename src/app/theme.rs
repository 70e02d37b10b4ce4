//! Colours and risk bands. The risk palette is ColorBrewer's 5-class YlOrRd (colour-blind safe,
//! ordered by lightness so it also reads in greyscale); every colour comes with a word.

use bevy_egui::egui::Color32;

pub const RISK_COLOURS: [[u8; 3]; 5] = [
    [0xff, 0xff, 0xb2],
    [0xfe, 0xcc, 0x5c],
    [0xfd, 0x8d, 0x3c],
    [0xf0, 0x3b, 0x20],
    [0xbd, 0x00, 0x26],
];

pub const RISK_BANDS: [&str; 5] = ["low", "guarded", "elevated", "high", "severe"];

/// Band index 0..5 for a risk 0..100.
pub fn band(risk: f64) -> usize {
    ((risk / 20.0).floor() as usize).min(4)
}

/// Smoothly interpolated risk colour (0..1 RGB).
pub fn risk_rgb(risk: f64) -> [f32; 3] {
    let x = (risk.clamp(0.0, 100.0) / 25.0) as f32;
    let i = (x.floor() as usize).min(3);
    let f = x - i as f32;
    let a = RISK_COLOURS[i];
    let b = RISK_COLOURS[i + 1];
    [0, 1, 2].map(|k| (a[k] as f32 + (b[k] as f32 - a[k] as f32) * f) / 255.0)
}

pub fn risk_color32(risk: f64) -> Color32 {
    let [r, g, b] = risk_rgb(risk);
    Color32::from_rgb((r * 255.0) as u8, (g * 255.0) as u8, (b * 255.0) as u8)
}

/// Text colour that reads on top of a risk colour.
pub fn ink_on(risk: f64) -> Color32 {
    if risk >= 60.0 {
        Color32::WHITE
    } else {
        Color32::from_rgb(0x20, 0x20, 0x20)
    }
}

pub const BACKGROUND: [f32; 3] = [0.11, 0.12, 0.14];
