//! The region map: one hexagon per district, coloured by atrocity risk, with its name, risk and
//! band written on it (a second cue besides colour). Drag to pan, wheel to zoom: only when the
//! pointer is not over an egui panel. Hover a district to see its numbers in the side panel.

use bevy::input::mouse::{AccumulatedMouseMotion, AccumulatedMouseScroll};
use bevy::prelude::*;
use bevy::window::PrimaryWindow;
use bevy_egui::input::EguiWantsInput;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass, egui};

use super::AppSystems;
use super::desk::{Desk, UiInsets};
use super::sim_driver::Sim;
use super::theme;
use crate::sim::Happening;
use crate::sim::movement::Destination;

/// Hex radius in world units.
pub const HEX: f32 = 100.0;

#[derive(Component, Debug, Clone, Copy)]
pub struct DistrictHex(pub usize);

/// District under the pointer, if any.
#[derive(Resource, Debug, Default, Clone, Copy, PartialEq)]
pub struct Hovered(pub Option<usize>);

/// Whether the user has moved the camera (then we stop fitting the map to the free area).
#[derive(Resource, Debug, Default)]
struct CameraTouched(bool);

/// Pointer travel since the left button went down (a click is a press without a drag).
#[derive(Resource, Debug, Default)]
struct Drag(f32);

#[derive(Component)]
struct MapCamera;

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<Hovered>()
        .init_resource::<CameraTouched>()
        .init_resource::<Drag>()
        .insert_resource(ClearColor(Color::srgb(
            theme::BACKGROUND[0],
            theme::BACKGROUND[1],
            theme::BACKGROUND[2],
        )))
        .add_systems(Startup, (spawn_camera, spawn_map, wide_lines))
        .add_systems(
            Update,
            (
                (pan_zoom, hover, pick)
                    .chain()
                    .in_set(AppSystems::Input)
                    .run_if(super::start::closed),
                // After the Input set: a scenario opened this frame is in `Sim` by now.
                respawn_map.in_set(AppSystems::Update),
                (fit_camera, recolour, overlays)
                    .in_set(AppSystems::Update)
                    .after(respawn_map),
            ),
        )
        .add_systems(EguiPrimaryContextPass, labels.run_if(super::start::closed));
}

/// Centre of axial hex (q, r), pointy-top layout, y up.
pub fn hex_center(q: i32, r: i32) -> Vec2 {
    let (q, r) = (q as f32, r as f32);
    Vec2::new(HEX * 3f32.sqrt() * (q + r / 2.0), -HEX * 1.5 * r)
}

fn district_hex(
    index: usize,
    center: Vec2,
    mesh: Handle<Mesh>,
    material: Handle<ColorMaterial>,
) -> impl Bundle {
    (
        Name::new(format!("district {index}")),
        DistrictHex(index),
        Mesh2d(mesh),
        MeshMaterial2d(material),
        Transform::from_translation(center.extend(0.0)),
    )
}

fn spawn_camera(mut commands: Commands) {
    commands.spawn((Camera2d, MapCamera));
}

/// Another scenario was opened: its districts replace the old hexes, and the map is fitted
/// to the window again.
fn respawn_map(
    mut opened: MessageReader<super::start::ScenarioOpened>,
    mut commands: Commands,
    hexes: Query<Entity, With<DistrictHex>>,
    sim: Res<Sim>,
    meshes: ResMut<Assets<Mesh>>,
    materials: ResMut<Assets<ColorMaterial>>,
    mut view: (ResMut<CameraTouched>, ResMut<Hovered>),
) {
    if opened.read().count() == 0 {
        return;
    }
    for e in &hexes {
        commands.entity(e).despawn();
    }
    view.0.0 = false;
    view.1.0 = None;
    spawn_map(commands, sim, meshes, materials);
}

fn spawn_map(
    mut commands: Commands,
    sim: Res<Sim>,
    mut meshes: ResMut<Assets<Mesh>>,
    mut materials: ResMut<Assets<ColorMaterial>>,
) {
    let mesh = meshes.add(RegularPolygon::new(HEX * 0.96, 6));
    for (i, d) in sim.world.region.districts.iter().enumerate() {
        let [r, g, b] = theme::risk_rgb(sim.world.risk_shown(i));
        let material = materials.add(ColorMaterial::from_color(Color::srgb(r, g, b)));
        commands.spawn(district_hex(
            i,
            hex_center(d.hex.0, d.hex.1),
            mesh.clone(),
            material,
        ));
    }
}

fn recolour(
    sim: Res<Sim>,
    hexes: Query<(&DistrictHex, &MeshMaterial2d<ColorMaterial>)>,
    mut materials: ResMut<Assets<ColorMaterial>>,
    hovered: Res<Hovered>,
) {
    if !sim.is_changed() && !hovered.is_changed() {
        return;
    }
    for (hex, handle) in &hexes {
        if let Some(mut m) = materials.get_mut(&handle.0) {
            let [r, g, b] = theme::risk_rgb(sim.world.risk_shown(hex.0));
            let lift = if hovered.0 == Some(hex.0) { 0.12 } else { 0.0 };
            m.color = Color::srgb(
                (r + lift).min(1.0),
                (g + lift).min(1.0),
                (b + lift).min(1.0),
            );
        }
    }
}

/// World-space bounds of the map.
fn map_bounds(sim: &Sim) -> Rect {
    let mut rect = Rect::EMPTY;
    for d in &sim.world.region.districts {
        let c = hex_center(d.hex.0, d.hex.1);
        rect = rect.union(Rect::from_center_size(c, Vec2::splat(2.0 * HEX)));
    }
    rect
}

/// Keep the whole map inside the area the panels leave free, until the user pans or zooms.
fn fit_camera(
    sim: Res<Sim>,
    insets: Res<UiInsets>,
    touched: Res<CameraTouched>,
    window: Single<&Window, With<PrimaryWindow>>,
    camera: Single<(&mut Transform, &mut Projection), With<MapCamera>>,
) {
    if touched.0 {
        return;
    }
    let (mut transform, mut projection) = camera.into_inner();
    let bounds = map_bounds(&sim);
    let free_w = (window.width() - insets.left - insets.right).max(100.0);
    let free_h = (window.height() - insets.top - insets.bottom).max(100.0);
    let scale = (bounds.width() / free_w).max(bounds.height() / free_h) * 1.08;
    if let Projection::Orthographic(ortho) = &mut *projection {
        ortho.scale = scale;
    }
    // Shift the camera so the map's centre lands in the centre of the free area.
    let offset = Vec2::new(
        (insets.right - insets.left) / 2.0,
        (insets.top - insets.bottom) / 2.0,
    ) * scale;
    let c = bounds.center() + Vec2::new(offset.x, offset.y);
    transform.translation = c.extend(transform.translation.z);
}

/// Is the pointer over the map itself? egui's own test misses our panels (they are drawn on the
/// background layer), so the free area between the panels is checked too.
fn pointer_on_map(window: &Window, insets: &UiInsets, wants: &EguiWantsInput) -> bool {
    if wants.wants_any_pointer_input() {
        return false;
    }
    window.cursor_position().is_some_and(|p| {
        p.x > insets.left
            && p.x < window.width() - insets.right
            && p.y > insets.top
            && p.y < window.height() - insets.bottom
    })
}

#[allow(clippy::too_many_arguments)]
fn pan_zoom(
    wants: Res<EguiWantsInput>,
    buttons: Res<ButtonInput<MouseButton>>,
    motion: Res<AccumulatedMouseMotion>,
    scroll: Res<AccumulatedMouseScroll>,
    mut touched: ResMut<CameraTouched>,
    mut drag: ResMut<Drag>,
    window: Single<&Window, With<PrimaryWindow>>,
    insets: Res<UiInsets>,
    camera: Single<(&mut Transform, &mut Projection), With<MapCamera>>,
) {
    if buttons.just_pressed(MouseButton::Left) {
        drag.0 = 0.0;
    }
    // The egui panels keep their own pointer: dragging a slider must not pan the map.
    if !pointer_on_map(&window, &insets, &wants) {
        return;
    }
    drag.0 += motion.delta.length();
    let (mut transform, mut projection) = camera.into_inner();
    let Projection::Orthographic(ortho) = &mut *projection else {
        return;
    };
    if (buttons.pressed(MouseButton::Left) || buttons.pressed(MouseButton::Right))
        && motion.delta != Vec2::ZERO
    {
        transform.translation.x -= motion.delta.x * ortho.scale;
        transform.translation.y += motion.delta.y * ortho.scale;
        touched.0 = true;
    }
    if scroll.delta.y != 0.0 {
        ortho.scale = (ortho.scale * (1.0 - 0.1 * scroll.delta.y.signum())).clamp(0.2, 20.0);
        touched.0 = true;
    }
}

fn hover(
    sim: Res<Sim>,
    screenshot: Option<Res<super::screenshot::ScreenshotPlan>>,
    wants: Res<EguiWantsInput>,
    window: Single<&Window, With<PrimaryWindow>>,
    insets: Res<UiInsets>,
    camera: Single<(&Camera, &GlobalTransform), With<MapCamera>>,
    mut hovered: ResMut<Hovered>,
) {
    let (camera, cam_tf) = *camera;
    // A screenshot shows the room, not wherever the pointer happens to rest.
    let found = if !pointer_on_map(&window, &insets, &wants) || screenshot.is_some() {
        None
    } else {
        window
            .cursor_position()
            .and_then(|p| camera.viewport_to_world_2d(cam_tf, p).ok())
            .and_then(|p| {
                sim.world
                    .region
                    .districts
                    .iter()
                    .position(|d| hex_center(d.hex.0, d.hex.1).distance(p) < HEX * 0.87)
            })
    };
    if hovered.0 != found {
        hovered.0 = found;
    }
}

/// A click on a district while a lever's scope is being picked adds or removes it.
fn pick(
    buttons: Res<ButtonInput<MouseButton>>,
    wants: Res<EguiWantsInput>,
    drag: Res<Drag>,
    hovered: Res<Hovered>,
    mut desk: ResMut<Desk>,
) {
    if !buttons.just_released(MouseButton::Left) || wants.wants_any_pointer_input() || drag.0 > 4.0
    {
        return;
    }
    let (Some(entry), Some(d)) = (desk.picking, hovered.0) else {
        if let Some(d) = hovered.0 {
            desk.feed_district = d;
        }
        return;
    };
    let districts = &mut desk.draft(entry).districts;
    let d = d as u16;
    match districts.iter().position(|&x| x == d) {
        Some(i) => {
            districts.remove(i);
        }
        None => {
            districts.push(d);
            districts.sort_unstable();
        }
    }
}

/// Outlines (districts picked for a lever, districts with a scoped measure in force) and this
/// turn's displacement: arrows out of the region, or along routes to where people went.
fn overlays(sim: Res<Sim>, desk: Res<Desk>, mut gizmos: Gizmos) {
    let world = &sim.world;
    let picked: Vec<u16> = desk
        .picking
        .and_then(|e| desk.drafts.get(&e))
        .map(|d| d.districts.clone())
        .unwrap_or_default();
    let centre = map_bounds(&sim).center();
    for (i, d) in world.region.districts.iter().enumerate() {
        let c = hex_center(d.hex.0, d.hex.1);
        if picked.contains(&(i as u16)) {
            hex_outline(&mut gizmos, c, HEX * 0.9, Color::srgb(0.11, 0.62, 0.47));
            hex_outline(&mut gizmos, c, HEX * 0.86, Color::srgb(0.11, 0.62, 0.47));
        }
        let scoped = world.active.iter().any(|a| match &a.scope {
            crate::sim::interventions::Scope::Districts(ds) => ds.contains(&(i as u16)),
            _ => false,
        });
        if scoped {
            hex_outline(&mut gizmos, c, HEX * 0.8, Color::srgb(0.34, 0.71, 0.91));
        }
    }
    let occupied: Vec<(i32, i32)> = world.region.districts.iter().map(|d| d.hex).collect();
    for f in &world.flows {
        let d = &world.region.districts[f.from as usize];
        let c = hex_center(d.hex.0, d.hex.1);
        if f.path.is_empty() {
            if f.to != Destination::Abroad {
                continue;
            }
            let outward = (c - centre).normalize_or(Vec2::X);
            // Point the flow out of the region through a free side, never across a neighbour.
            let free = HEX_DIRECTIONS
                .iter()
                .filter(|(dq, dr)| !occupied.contains(&(d.hex.0 + dq, d.hex.1 + dr)))
                .map(|(dq, dr)| (hex_center(d.hex.0 + dq, d.hex.1 + dr) - c).normalize())
                .max_by(|a, b| a.dot(outward).total_cmp(&b.dot(outward)));
            if let Some(dir) = free {
                gizmos.arrow_2d(c + dir * HEX * 0.88, c + dir * HEX * 1.3, Color::WHITE);
            }
            continue;
        }
        // Along the route, one arrow across each border crossed (clear of the labels at the
        // hexes' centres): to a haven in bluish green, stopping in the next district (exposed)
        // in orange (Okabe-Ito), side by side.
        let (colour, side) = match f.to {
            Destination::Haven(_) => (Color::srgb(0.0, 0.62, 0.45), 1.0),
            Destination::Hosted(_) => (Color::srgb(0.90, 0.62, 0.0), -1.0),
            Destination::Abroad => (Color::WHITE, 0.0),
        };
        let strands = flow_strands(f.people);
        let mut points = vec![c];
        points.extend(f.path.iter().map(|&x| {
            let h = world.region.districts[x as usize].hex;
            hex_center(h.0, h.1)
        }));
        for pair in points.windows(2) {
            let span = pair[1] - pair[0];
            let dir = span.normalize_or(Vec2::X);
            let normal = Vec2::new(-dir.y, dir.x);
            let middle = pair[0] + span * 0.5;
            for k in 0..strands {
                let offset = normal * (side * HEX * 0.12 + k as f32 * LINE_WIDTH);
                let start = middle - span * 0.28 + offset;
                let end = middle + span * 0.28 + offset;
                if k == 0 {
                    gizmos.arrow_2d(start, end, colour);
                } else {
                    gizmos.line_2d(start, end, colour);
                }
            }
        }
    }
}

/// Map lines (outlines, flows) wide enough to read on a projector.
fn wide_lines(mut store: ResMut<GizmoConfigStore>) {
    store.config_mut::<DefaultGizmoConfigGroup>().0.line.width = LINE_WIDTH;
}

/// Width of the map's lines in pixels (Bevy's default is 2).
const LINE_WIDTH: f32 = 3.5;

/// Parallel strands a flow is drawn with: thicker for more people.
fn flow_strands(people: f64) -> usize {
    match people {
        p if p < 500.0 => 1,
        p if p < 5_000.0 => 2,
        _ => 3,
    }
}

/// Axial neighbour offsets.
const HEX_DIRECTIONS: [(i32, i32); 6] = [(1, 0), (1, -1), (0, -1), (-1, 0), (-1, 1), (0, 1)];

fn hex_outline(gizmos: &mut Gizmos, c: Vec2, r: f32, colour: Color) {
    let points: Vec<Vec2> = (0..=6)
        .map(|k| {
            let a = std::f32::consts::FRAC_PI_2 + k as f32 * std::f32::consts::TAU / 6.0;
            c + Vec2::new(a.cos(), a.sin()) * r
        })
        .collect();
    gizmos.linestrip_2d(points, colour);
}

/// District names, risk numbers and bands drawn over the hexes (egui text, so no font asset).
fn labels(
    mut contexts: EguiContexts,
    sim: Res<Sim>,
    tr: Res<crate::view::I18n>,
    text_scale: Res<super::third_party::TextScale>,
    camera: Single<(&Camera, &GlobalTransform, &Projection), With<MapCamera>>,
) -> Result {
    let ctx = contexts.ctx_mut()?;
    let (camera, cam_tf, projection) = *camera;
    let scale = match projection {
        Projection::Orthographic(o) => o.scale,
        _ => 1.0,
    };
    let painter = ctx.layer_painter(egui::LayerId::background());
    let size = (HEX / scale / 5.0 * text_scale.0).clamp(10.0, 36.0);
    // A hex's radius on screen (its labels must stay inside it).
    let radius = HEX / scale;
    // Last turn's detentions and flights per district, tallied once per frame.
    let nd = sim.world.region.districts.len();
    let (mut detained, mut fled) = (vec![0.0f64; nd], vec![0.0f64; nd]);
    for (_, h) in sim
        .world
        .happenings
        .iter()
        .filter(|(t, _)| *t + 1 == sim.world.turn)
    {
        match h {
            Happening::Detentions { district, people } => detained[*district as usize] += people,
            Happening::Displacement { district, people } => fled[*district as usize] += people,
            _ => {}
        }
    }
    for (i, d) in sim.world.region.districts.iter().enumerate() {
        let c = hex_center(d.hex.0, d.hex.1);
        let Ok(p) = camera.world_to_viewport(cam_tf, c.extend(0.0)) else {
            continue;
        };
        let risk = sim.world.risk_shown(i);
        let ink = theme::ink_on(risk);
        let state = &sim.world.districts[i];
        let marks = marks(&tr, d, state, sim.world.turn, detained[i], fled[i]);
        // The more marks, the higher the block starts, so the lines stay where the hex is wide.
        let lift = LABEL_LIFT * marks.len().saturating_sub(1).min(MAX_LIFTED_MARKS) as f32;
        let at = egui::pos2(p.x, p.y - size * lift);
        painter.text(
            at - egui::vec2(0.0, size * 1.3),
            egui::Align2::CENTER_CENTER,
            &d.name,
            egui::FontId::proportional(size),
            ink,
        );
        painter.text(
            at + egui::vec2(0.0, size * 0.2),
            egui::Align2::CENTER_CENTER,
            format!("{risk:.0}"),
            egui::FontId::proportional(size * 1.6),
            ink,
        );
        painter.text(
            at + egui::vec2(0.0, size * 1.6),
            egui::Align2::CENTER_CENTER,
            tr.t(&format!("band.{}", theme::RISK_BANDS[theme::band(risk)]))
                .to_uppercase(),
            egui::FontId::proportional(size * 0.8),
            ink,
        );
        // Markers, one per line under the band (a second cue that needs no colour), each made
        // smaller if it would run past the hex's edge at its height.
        for (k, mark) in marks.into_iter().enumerate() {
            let dy = size * (2.7 + 0.9 * k as f32);
            let font = size * 0.72;
            let mut galley =
                painter.layout_no_wrap(mark.clone(), egui::FontId::proportional(font), ink);
            let room = 2.0 * hex_half_width(radius, dy - size * lift + font * 0.5) * LABEL_MARGIN;
            if galley.size().x > room && room > 0.0 {
                let smaller = font * room / galley.size().x;
                galley = painter.layout_no_wrap(mark, egui::FontId::proportional(smaller), ink);
            }
            let centre = at + egui::vec2(0.0, dy);
            painter.galley(centre - galley.size() / 2.0, galley, ink);
        }
    }
    Ok(())
}

/// Lines of a district's labels a marker moves the block up by (in label sizes), per marker
/// after the first.
const LABEL_LIFT: f32 = 0.6;
/// Markers after the first that lift the block at most.
const MAX_LIFTED_MARKS: usize = 3;
/// Share of a hex's width at a line's height that the line may take.
const LABEL_MARGIN: f32 = 0.9;

/// Half the width of a pointy-top hex of radius `r` at height `y` from its centre.
fn hex_half_width(r: f32, y: f32) -> f32 {
    let y = y.abs();
    if y <= r / 2.0 {
        r * 3f32.sqrt() / 2.0
    } else {
        ((r - y) * 3f32.sqrt()).max(0.0)
    }
}

/// A district's markers: shutdown, attacks, alert, last turn's detentions and flights, haven and
/// the people it keeps safe, displaced people it hosts.
fn marks(
    tr: &crate::view::I18n,
    d: &crate::sim::region::District,
    state: &crate::sim::DistrictState,
    turn: u32,
    detained: f64,
    fled: f64,
) -> Vec<String> {
    let mut marks = Vec::new();
    if state.shutdown_until > turn {
        marks.push(tr.t("map.offline"));
    }
    if state.attacks > 0 {
        marks.push(tr.f("map.attacks", &[("n", state.attacks.to_string())]));
    }
    if state.alert {
        marks.push(tr.t("map.alert"));
    }
    if detained >= 1.0 {
        marks.push(tr.f("map.detained", &[("n", format!("{detained:.0}"))]));
    }
    if fled >= 1.0 {
        marks.push(tr.f("map.fled", &[("n", format!("{fled:.0}"))]));
    }
    if d.haven {
        marks.push(tr.t("map.haven"));
        if state.in_haven >= 1.0 {
            marks.push(tr.f("map.in_haven", &[("n", format!("{:.0}", state.in_haven))]));
        }
    }
    if state.hosted >= 1.0 {
        marks.push(tr.f("map.hosted", &[("n", format!("{:.0}", state.hosted))]));
    }
    marks
}

#[cfg(test)]
mod tests {
    use super::hex_half_width;

    #[test]
    fn a_hex_is_widest_across_its_middle_and_closes_at_its_points() {
        let r = 100.0;
        assert!((hex_half_width(r, 0.0) - 86.6).abs() < 0.1);
        assert!((hex_half_width(r, -50.0) - 86.6).abs() < 0.1);
        assert!((hex_half_width(r, 75.0) - 43.3).abs() < 0.1);
        assert_eq!(hex_half_width(r, 100.0), 0.0);
        assert_eq!(hex_half_width(r, 140.0), 0.0);
    }
}
