//! The scenario editor drawn: one window, a tab per part of the scenario format, every field
//! with its unit, range and a line of help, the problems `check` would print beside the field
//! they are about, undo and redo (Ctrl+Z, Ctrl+Y), save, save as a draft, play, the dry run
//! (`breakglass preview`, off the frame), and the MSEL to and from a spreadsheet.
//! Ctrl+E opens it on the scenario being played.

use bevy::prelude::*;
use bevy::tasks::{AsyncComputeTaskPool, Task, futures::check_ready};
use bevy_egui::input::EguiWantsInput;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass, egui};

use super::editor::{Draft, Editor};
use super::sim_driver::Sim;
use super::start::Open;
use crate::scenario::{
    EventKind, EventSpec, GraphSpec, InjectSpec, InjectType, ObjectiveSpec, PlatformSpec,
    SourcesSpec, Trigger,
};
use crate::sim::interventions::{CATALOG, Team};
use crate::view::I18n;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
enum Tab {
    #[default]
    General,
    Region,
    Groups,
    Platform,
    Perpetrators,
    Events,
    Injects,
    Languages,
    DryRun,
}

#[derive(Resource, Default)]
struct EditorView {
    tab: Tab,
    /// Text being typed for fields that parse (triggers, events), by path.
    texts: std::collections::BTreeMap<String, String>,
    msel_path: String,
    preview: Option<Task<Result<String, String>>>,
    preview_text: String,
    /// The language being translated in the Languages tab.
    language: String,
}

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<EditorView>()
        .add_systems(Update, (open_key, poll_preview))
        .add_systems(EguiPrimaryContextPass, draw);
}

fn open_key(
    keys: Res<ButtonInput<KeyCode>>,
    wants: Res<EguiWantsInput>,
    mut editor: ResMut<Editor>,
    sim: Res<Sim>,
    session: Option<Res<super::session_io::Session>>,
) {
    let ctrl = keys.any_pressed([KeyCode::ControlLeft, KeyCode::ControlRight]);
    if !ctrl || wants.wants_any_keyboard_input() {
        return;
    }
    if keys.just_pressed(KeyCode::KeyE) && editor.draft.is_none() {
        let source = session.map_or("scenario.ron".to_string(), |s| s.file.scenario_file.clone());
        editor.draft = Some(Draft::new((*sim.scenario).clone(), &source));
    }
    if let Some(d) = editor.draft.as_mut() {
        if keys.just_pressed(KeyCode::KeyZ) {
            d.undo();
        }
        if keys.just_pressed(KeyCode::KeyY) {
            d.redo();
        }
    }
}

fn poll_preview(mut view: ResMut<EditorView>) {
    if let Some(task) = view.preview.as_mut()
        && let Some(result) = check_ready(task)
    {
        view.preview_text = result.unwrap_or_else(|e| e);
        view.preview = None;
    }
}

fn draw(
    mut contexts: EguiContexts,
    mut editor: ResMut<Editor>,
    mut view: ResMut<EditorView>,
    tr: Res<I18n>,
    mut open: MessageWriter<Open>,
) -> Result {
    let ctx = contexts.ctx_mut()?.clone();
    let Some(d) = editor.draft.as_mut() else {
        return Ok(());
    };
    let mut keep = true;
    let size = ctx.viewport_rect().size();
    egui::Window::new(tr.t("editor.title"))
        .id(egui::Id::new("scenario-editor"))
        .open(&mut keep)
        .default_size([size.x * 0.7, size.y * 0.8])
        .resizable(true)
        .collapsible(false)
        .show(&ctx, |ui| {
            toolbar(ui, d, &mut view, &tr, &mut open);
            ui.separator();
            ui.horizontal_wrapped(|ui| {
                for (tab, key) in [
                    (Tab::General, "editor.tab.general"),
                    (Tab::Region, "editor.tab.region"),
                    (Tab::Groups, "editor.tab.groups"),
                    (Tab::Platform, "editor.tab.platform"),
                    (Tab::Perpetrators, "editor.tab.perpetrators"),
                    (Tab::Events, "editor.tab.events"),
                    (Tab::Injects, "editor.tab.injects"),
                    (Tab::Languages, "editor.tab.languages"),
                    (Tab::DryRun, "editor.tab.dry_run"),
                ] {
                    ui.selectable_value(&mut view.tab, tab, tr.t(key));
                }
            });
            ui.separator();
            egui::ScrollArea::vertical()
                .id_salt("editor-body")
                .auto_shrink([false, false])
                .show(ui, |ui| match view.tab {
                    Tab::General => general(ui, d, &tr),
                    Tab::Region => region(ui, d, &tr),
                    Tab::Groups => groups(ui, d, &tr),
                    Tab::Platform => platform(ui, d, &tr),
                    Tab::Perpetrators => perpetrators(ui, d, &tr),
                    Tab::Events => events(ui, d, &mut view, &tr),
                    Tab::Injects => injects(ui, d, &mut view, &tr),
                    Tab::Languages => languages(ui, d, &mut view, &tr),
                    Tab::DryRun => dry_run(ui, d, &mut view, &tr),
                });
        });
    // One undo step per finished gesture: not while a value is dragged or text typed.
    if !ctx.egui_is_using_pointer() && !ctx.egui_wants_keyboard_input() {
        d.commit();
    }
    if !keep {
        editor.draft = None;
    }
    Ok(())
}

fn toolbar(
    ui: &mut egui::Ui,
    d: &mut Draft,
    view: &mut EditorView,
    tr: &I18n,
    open: &mut MessageWriter<Open>,
) {
    ui.horizontal_wrapped(|ui| {
        ui.label(tr.f("editor.source", &[("file", d.source.clone())]));
        ui.separator();
        if ui
            .add_enabled(d.can_undo(), egui::Button::new(tr.t("editor.undo")))
            .clicked()
        {
            d.undo();
        }
        if ui
            .add_enabled(d.can_redo(), egui::Button::new(tr.t("editor.redo")))
            .clicked()
        {
            d.redo();
        }
        ui.separator();
        ui.label(tr.t("editor.folder"));
        ui.add(egui::TextEdit::singleline(&mut d.folder).desired_width(160.0));
        ui.label(tr.t("editor.file"));
        ui.add(egui::TextEdit::singleline(&mut d.file_name).desired_width(160.0));
        let valid = d.problems.is_empty();
        if ui
            .add_enabled(valid, egui::Button::new(tr.t("editor.save")))
            .clicked()
        {
            let r = d.save(false);
            d.status = r.map_or_else(
                |e| e,
                |p| tr.f("editor.saved", &[("file", p.display().to_string())]),
            );
        }
        if ui.button(tr.t("editor.save_draft")).clicked() {
            let r = d.save(true);
            d.status = r.map_or_else(
                |e| e,
                |p| tr.f("editor.saved_draft", &[("file", p.display().to_string())]),
            );
        }
        if ui
            .add_enabled(valid, egui::Button::new(tr.t("editor.play")))
            .clicked()
        {
            match d.save(false) {
                Ok(p) => {
                    open.write(Open::Scenario(p));
                }
                Err(e) => d.status = e,
            }
        }
    });
    ui.horizontal_wrapped(|ui| {
        ui.label(tr.t("editor.msel"));
        ui.add(egui::TextEdit::singleline(&mut view.msel_path).desired_width(260.0))
            .on_hover_text(tr.t("editor.msel_help"));
        if ui.button(tr.t("editor.msel_export")).clicked() {
            let path = std::path::PathBuf::from(view.msel_path.trim());
            d.status = match crate::scenario::msel::export(&d.scenario, &tr.msel_names(), &path) {
                Ok(()) => tr.f("editor.saved", &[("file", path.display().to_string())]),
                Err(e) => e,
            };
        }
        if ui.button(tr.t("editor.msel_import")).clicked() {
            d.status = import_msel(d, view.msel_path.trim(), tr);
        }
    });
    let status = if d.problems.is_empty() {
        egui::RichText::new(tr.t("editor.checks")).color(egui::Color32::from_rgb(0x4f, 0xc3, 0xb8))
    } else {
        egui::RichText::new(tr.f("editor.problems", &[("n", d.problems.len().to_string())]))
            .color(BAD)
    };
    ui.horizontal_wrapped(|ui| {
        ui.label(status);
        if !d.status.is_empty() {
            ui.label(&d.status);
        }
    });
}

fn import_msel(d: &mut Draft, path: &str, tr: &I18n) -> String {
    use crate::scenario::msel;
    let path = std::path::Path::new(path);
    let result = msel::read_sheet(path).and_then(|sheet| {
        let file = path.display().to_string();
        msel::import(&file, &sheet, &d.scenario, &[], &tr.msel_names())
    });
    match result {
        Ok(imported) => {
            let n = imported.injects.len();
            d.edit(|s| {
                s.injects = imported.injects;
                crate::scenario::msel::prune_translations(s);
            });
            tr.f("editor.imported", &[("n", n.to_string())])
        }
        Err(e) => e.to_string(),
    }
}

const BAD: egui::Color32 = egui::Color32::from_rgb(0xf0, 0x8a, 0x4b);

/// The problems `check` finds at `path`, beside the field.
fn problems(ui: &mut egui::Ui, d: &Draft, path: &str) {
    for m in d.problems_at(path) {
        ui.label(egui::RichText::new(format!("⚠ {m}")).color(BAD));
    }
}

/// A number with its unit, range and a line of help, and its problems.
#[allow(clippy::too_many_arguments)]
fn number(
    ui: &mut egui::Ui,
    d: &Draft,
    label: &str,
    path: &str,
    value: &mut f64,
    range: std::ops::RangeInclusive<f64>,
    unit: &str,
    help: &str,
) {
    ui.horizontal(|ui| {
        ui.label(label).on_hover_text(help);
        let speed = ((range.end() - range.start()) / 500.0).max(0.001);
        // Out-of-range values stay as they are (and `check` says so), never silently clamped.
        ui.add(
            egui::DragValue::new(value)
                .range(range)
                .clamp_existing_to_range(false)
                .speed(speed),
        )
        .on_hover_text(help);
        ui.label(egui::RichText::new(unit).weak());
    });
    problems(ui, d, path);
}

fn whole(
    ui: &mut egui::Ui,
    d: &Draft,
    label: &str,
    path: &str,
    value: &mut i64,
    range: std::ops::RangeInclusive<i64>,
    help: &str,
) {
    ui.horizontal(|ui| {
        ui.label(label).on_hover_text(help);
        ui.add(
            egui::DragValue::new(value)
                .range(range)
                .clamp_existing_to_range(false),
        )
        .on_hover_text(help);
    });
    problems(ui, d, path);
}

fn text_field(ui: &mut egui::Ui, d: &Draft, label: &str, path: &str, value: &mut String) {
    ui.horizontal(|ui| {
        ui.label(label);
        ui.text_edit_singleline(value);
    });
    problems(ui, d, path);
}

fn general(ui: &mut egui::Ui, d: &mut Draft, tr: &I18n) {
    let mut s = d.scenario.clone();
    text_field(ui, d, &tr.t("editor.name"), "name", &mut s.name);
    ui.label(tr.t("editor.briefing"));
    ui.add(
        egui::TextEdit::multiline(&mut s.briefing)
            .desired_rows(4)
            .desired_width(f32::INFINITY),
    );
    let mut seed = s.seed as i64;
    whole(
        ui,
        d,
        &tr.t("editor.seed"),
        "seed",
        &mut seed,
        0..=i64::MAX,
        &tr.t("editor.seed_help"),
    );
    s.seed = seed as u64;
    whole(
        ui,
        d,
        &tr.t("editor.turns"),
        "turns",
        &mut s.turns,
        1..=10_000,
        &tr.t("editor.turns_help"),
    );
    number(
        ui,
        d,
        &tr.t("editor.turn_hours"),
        "turn_hours",
        &mut s.turn_hours,
        0.5..=168.0,
        "h",
        &tr.t("editor.turn_hours_help"),
    );
    whole(
        ui,
        d,
        &tr.t("editor.accounts"),
        "accounts",
        &mut s.accounts,
        100..=10_000_000,
        &tr.t("editor.accounts_help"),
    );
    ui.horizontal(|ui| {
        ui.label(tr.t("editor.key_outcomes"));
        let mut keys = s.key_outcomes.join(", ");
        if ui.text_edit_singleline(&mut keys).changed() {
            s.key_outcomes = keys
                .split(',')
                .map(|k| k.trim().to_string())
                .filter(|k| !k.is_empty())
                .collect();
        }
    });
    problems(ui, d, "key_outcomes");
    ui.separator();
    ui.label(egui::RichText::new(tr.t("editor.budgets")).strong());
    for team in Team::PLAYERS {
        if let Some(b) = s.budgets.get_mut(team) {
            let mut v = i64::from(*b);
            whole(
                ui,
                d,
                &tr.t(&format!("team.{}", team.id())),
                &format!("budgets.{}", team.id()),
                &mut v,
                0..=1000,
                &tr.t("editor.budget_help"),
            );
            *b = v.clamp(0, 1000) as u32;
        }
    }
    d.scenario = s;
}

/// The region: the districts on a hex map (click an empty hex to add a district there, a
/// district to select it; with one selected, a click on an empty hex moves it).
fn region(ui: &mut egui::Ui, d: &mut Draft, tr: &I18n) {
    ui.label(egui::RichText::new(tr.t("editor.map_help")).weak());
    hex_map(ui, d);
    problems(ui, d, "districts");
    let Some(i) = d.district.filter(|&i| i < d.scenario.districts.len()) else {
        return;
    };
    ui.separator();
    let mut dist = d.scenario.districts[i].clone();
    let at = |f: &str| format!("districts[{i}].{f}");
    text_field(
        ui,
        d,
        &tr.t("editor.district_name"),
        &at("name"),
        &mut dist.name,
    );
    number(
        ui,
        d,
        &tr.t("editor.population"),
        &at("population"),
        &mut dist.population,
        0.0..=1e8,
        &tr.t("editor.people"),
        &tr.t("editor.population_help"),
    );
    for (key, field) in [
        ("connectivity", &mut dist.connectivity),
        ("adoption", &mut dist.adoption),
        ("local_media", &mut dist.local_media),
        ("civil_society", &mut dist.civil_society),
        ("legitimacy", &mut dist.legitimacy),
        ("deterrence", &mut dist.deterrence),
    ] {
        number(
            ui,
            d,
            &tr.t(&format!("editor.d.{key}")),
            &at(key),
            field,
            0.0..=1.0,
            "0–1",
            &tr.t(&format!("editor.d.{key}_help")),
        );
    }
    ui.label(tr.t("editor.shares"));
    for g in d
        .scenario
        .groups
        .iter()
        .map(|g| g.name.clone())
        .collect::<Vec<_>>()
    {
        let share = dist.groups.entry(g.clone()).or_insert(0.0);
        number(
            ui,
            d,
            &g,
            &at(&format!("groups.{g}")),
            share,
            0.0..=1.0,
            "0–1",
            &tr.t("editor.share_help"),
        );
    }
    problems(ui, d, &at("groups"));
    ui.checkbox(&mut dist.haven, tr.t("editor.d.haven"))
        .on_hover_text(tr.t("editor.d.haven_help"));
    ui.checkbox(&mut dist.border, tr.t("editor.d.border"))
        .on_hover_text(tr.t("editor.d.border_help"));
    let mut capped = dist.capacity.is_some();
    ui.horizontal(|ui| {
        ui.checkbox(&mut capped, tr.t("editor.d.capacity"));
        if capped {
            let c = dist.capacity.get_or_insert(10_000.0);
            ui.add(egui::DragValue::new(c).range(0.0..=1e8).speed(100.0));
        } else {
            dist.capacity = None;
        }
    });
    problems(ui, d, &at("capacity"));
    let mut rumour = dist.rumour_belief.is_some();
    ui.horizontal(|ui| {
        ui.checkbox(&mut rumour, tr.t("editor.d.rumour_belief"))
            .on_hover_text(tr.t("editor.d.rumour_belief_help"));
        if rumour {
            let r = dist.rumour_belief.get_or_insert(0.3);
            ui.add(egui::DragValue::new(r).range(0.0..=1.0).speed(0.01));
        } else {
            dist.rumour_belief = None;
        }
    });
    problems(ui, d, &at("rumour_belief"));
    d.scenario.districts[i] = dist;
    if ui.button(tr.t("editor.remove_district")).clicked() {
        d.remove_district(i);
    }
}

const EDITOR_HEX: f32 = 40.0;

fn hex_to_screen(origin: egui::Pos2, q: i32, r: i32) -> egui::Pos2 {
    let c = super::map::hex_center(q, r) / super::map::HEX * EDITOR_HEX;
    origin + egui::vec2(c.x, -c.y)
}

fn hex_map(ui: &mut egui::Ui, d: &mut Draft) {
    let (rect, response) = ui.allocate_exact_size(
        egui::vec2(ui.available_width().min(760.0), 420.0),
        egui::Sense::click(),
    );
    let painter = ui.painter_at(rect);
    painter.rect_filled(rect, 4.0, egui::Color32::from_gray(24));
    let origin = rect.center();
    let span = 6;
    let mut clicked_hex = None;
    let pointer = response.interact_pointer_pos();
    for q in -span..=span {
        for r in -span..=span {
            let c = hex_to_screen(origin, q, r);
            if !rect.shrink(EDITOR_HEX * 0.5).contains(c) {
                continue;
            }
            let district = d.scenario.districts.iter().position(|x| x.hex == (q, r));
            let points: Vec<egui::Pos2> = (0..6)
                .map(|k| {
                    let a = std::f32::consts::PI / 180.0 * (60.0 * k as f32 - 30.0);
                    c + egui::vec2(a.cos(), a.sin()) * EDITOR_HEX * 0.95
                })
                .collect();
            let fill = match district {
                Some(i) if d.district == Some(i) => egui::Color32::from_rgb(0x4f, 0xc3, 0xb8),
                Some(_) => egui::Color32::from_rgb(0xe8, 0xa3, 0x4a),
                None => egui::Color32::from_gray(40),
            };
            painter.add(egui::Shape::convex_polygon(
                points,
                fill,
                egui::Stroke::new(1.0, egui::Color32::from_gray(70)),
            ));
            if let Some(i) = district {
                let name = &d.scenario.districts[i].name;
                painter.text(
                    c,
                    egui::Align2::CENTER_CENTER,
                    shorten(name),
                    egui::FontId::proportional(12.0),
                    egui::Color32::BLACK,
                );
            }
            if response.clicked() && pointer.is_some_and(|p| p.distance(c) < EDITOR_HEX * 0.85) {
                clicked_hex = Some(((q, r), district));
            }
        }
    }
    match clicked_hex {
        Some((_, Some(i))) => d.district = if d.district == Some(i) { None } else { Some(i) },
        Some((hex, None)) => match d.district {
            Some(i) => d.move_district(i, hex),
            None => d.add_district_at(hex),
        },
        None => {}
    }
}

fn shorten(s: &str) -> String {
    if s.chars().count() <= 10 {
        s.to_string()
    } else {
        format!("{}…", s.chars().take(9).collect::<String>())
    }
}

fn groups(ui: &mut egui::Ui, d: &mut Draft, tr: &I18n) {
    let mut s = d.scenario.clone();
    let mut remove = None;
    for (i, g) in s.groups.iter_mut().enumerate() {
        ui.horizontal(|ui| {
            ui.label(tr.t("editor.group"));
            ui.text_edit_singleline(&mut g.name);
            ui.label(tr.t("editor.language"));
            ui.text_edit_singleline(&mut g.language);
            if ui.button("✖").clicked() {
                remove = Some(i);
            }
        });
        problems(ui, d, &format!("groups[{i}]"));
    }
    if let Some(i) = remove {
        s.groups.remove(i);
    }
    if ui.button(tr.t("editor.add_group")).clicked() {
        let n = s.groups.len() + 1;
        s.groups.push(crate::scenario::GroupSpec {
            name: format!("Group {n}"),
            language: format!("lang{n}"),
        });
    }
    problems(ui, d, "groups");
    ui.separator();
    ui.label(egui::RichText::new(tr.t("editor.tensions")).strong());
    let names: Vec<String> = s.groups.iter().map(|g| g.name.clone()).collect();
    let mut remove = None;
    for (i, t) in s.tensions.iter_mut().enumerate() {
        ui.horizontal(|ui| {
            pick(ui, &format!("t{i}a"), &mut t.between.0, &names);
            pick(ui, &format!("t{i}b"), &mut t.between.1, &names);
            ui.add(egui::Slider::new(&mut t.level, 0.0..=1.0));
            if ui.button("✖").clicked() {
                remove = Some(i);
            }
        });
        problems(ui, d, &format!("tensions[{i}]"));
    }
    if let Some(i) = remove {
        s.tensions.remove(i);
    }
    if names.len() >= 2 && ui.button(tr.t("editor.add_tension")).clicked() {
        s.tensions.push(crate::scenario::TensionSpec {
            between: (names[0].clone(), names[1].clone()),
            level: 0.5,
        });
    }
    d.scenario = s;
}

fn pick(ui: &mut egui::Ui, id: &str, value: &mut String, options: &[String]) {
    egui::ComboBox::from_id_salt(id)
        .selected_text(value.clone())
        .show_ui(ui, |ui| {
            for o in options {
                ui.selectable_value(value, o.clone(), o);
            }
        });
}

fn platform(ui: &mut egui::Ui, d: &mut Draft, tr: &I18n) {
    let mut s = d.scenario.clone();
    platform_fields(ui, d, &mut s.platform, tr);
    sources_fields(ui, d, &mut s.sources, tr);
    graph_fields(ui, d, &mut s.graph, tr);
    ui.separator();
    prepared(ui, d, &mut s, tr);
    d.scenario = s;
}

/// The platform's moderation numbers, features and language coverage.
fn platform_fields(ui: &mut egui::Ui, d: &Draft, p: &mut PlatformSpec, tr: &I18n) {
    for (key, v, max, unit) in [
        (
            "classifier_recall",
            &mut p.classifier_recall,
            1.0,
            "0–1".to_string(),
        ),
        (
            "false_positive_rate",
            &mut p.false_positive_rate,
            1.0,
            "0–1".to_string(),
        ),
        (
            "review_capacity_per_1k",
            &mut p.review_capacity_per_1k,
            1000.0,
            tr.t("editor.per_1k"),
        ),
        ("user_trust", &mut p.user_trust, 1.0, "0–1".to_string()),
        (
            "network_detection",
            &mut p.network_detection,
            1.0,
            "0–1".to_string(),
        ),
    ] {
        number(
            ui,
            d,
            &tr.t(&format!("editor.p.{key}")),
            &format!("platform.{key}"),
            v,
            0.0..=max,
            &unit,
            &tr.t(&format!("editor.p.{key}_help")),
        );
    }
    ui.checkbox(&mut p.features.hashtags, tr.t("editor.p.hashtags"));
    ui.checkbox(&mut p.features.groups, tr.t("editor.p.groups"));
    ui.checkbox(&mut p.features.ads, tr.t("editor.p.ads"));
    ui.checkbox(&mut p.evidence_preservation, tr.t("editor.p.evidence"));
    ui.label(tr.t("editor.p.coverage"));
    let languages: Vec<String> = d
        .scenario
        .groups
        .iter()
        .map(|g| g.language.clone())
        .collect();
    for l in languages {
        let v = p.language_coverage.entry(l.clone()).or_insert(0.5);
        number(
            ui,
            d,
            &l,
            &format!("platform.language_coverage.{l}"),
            v,
            0.0..=1.0,
            "0–1",
            &tr.t("editor.p.coverage_help"),
        );
    }
    problems(ui, d, "platform");
}

/// The credible sources per 1000 accounts, their posts and warning threshold.
fn sources_fields(ui: &mut egui::Ui, d: &Draft, src: &mut SourcesSpec, tr: &I18n) {
    ui.separator();
    ui.label(egui::RichText::new(tr.t("editor.sources")).strong());
    let per_1k = (tr.t("editor.per_1k"), "editor.s.help");
    for (key, v, max, (unit, help)) in [
        ("media_per_1k", &mut src.media_per_1k, 100.0, per_1k.clone()),
        (
            "civil_society_per_1k",
            &mut src.civil_society_per_1k,
            100.0,
            per_1k.clone(),
        ),
        (
            "humanitarian_per_1k",
            &mut src.humanitarian_per_1k,
            100.0,
            per_1k.clone(),
        ),
        (
            "officials_per_1k",
            &mut src.officials_per_1k,
            100.0,
            per_1k.clone(),
        ),
        (
            "posts_per_turn",
            &mut src.posts_per_turn,
            50.0,
            (String::new(), "editor.s.posts_per_turn_help"),
        ),
        (
            "warning_threshold",
            &mut src.warning_threshold,
            100.0,
            ("0–100".to_string(), "editor.s.warning_threshold_help"),
        ),
    ] {
        number(
            ui,
            d,
            &tr.t(&format!("editor.s.{key}")),
            &format!("sources.{key}"),
            v,
            0.0..=max,
            &unit,
            &tr.t(help),
        );
    }
    problems(ui, d, "sources");
}

/// The social network's shape.
fn graph_fields(ui: &mut egui::Ui, d: &Draft, g: &mut GraphSpec, tr: &I18n) {
    ui.separator();
    ui.label(egui::RichText::new(tr.t("editor.graph")).strong());
    for (key, v, max) in [
        ("avg_degree", &mut g.avg_degree, 500.0),
        ("homophily", &mut g.homophily, 1.0),
        ("locality", &mut g.locality, 1.0),
        ("clustering", &mut g.clustering, 1.0),
        ("degree_tail", &mut g.degree_tail, 10.0),
        ("distance_scale", &mut g.distance_scale, 10.0),
    ] {
        number(
            ui,
            d,
            &tr.t(&format!("editor.g.{key}")),
            &format!("graph.{key}"),
            v,
            0.0..=max,
            "",
            &tr.t(&format!("editor.g.{key}_help")),
        );
    }
    let mut size = i64::from(g.community_size);
    whole(
        ui,
        d,
        &tr.t("editor.g.community_size"),
        "graph.community_size",
        &mut size,
        1..=100_000,
        &tr.t("editor.g.community_size_help"),
    );
    g.community_size = size.clamp(1, 100_000) as u32;
    problems(ui, d, "graph");
}

/// Measures the platform had in place before the crisis.
fn prepared(ui: &mut egui::Ui, d: &Draft, s: &mut crate::scenario::Scenario, tr: &I18n) {
    ui.label(egui::RichText::new(tr.t("editor.prepared")).strong());
    let mut remove = None;
    for (i, p) in s.prepared.iter().enumerate() {
        ui.horizontal(|ui| {
            let name = CATALOG
                .iter()
                .find(|e| e.id == p.id)
                .map_or(p.id.clone(), |e| tr.entry_name(e));
            ui.label(name);
            if ui.button("✖").clicked() {
                remove = Some(i);
            }
        });
        problems(ui, d, &format!("prepared[{i}]"));
    }
    if let Some(i) = remove {
        s.prepared.remove(i);
    }
    egui::ComboBox::from_id_salt("add-prepared")
        .selected_text(tr.t("editor.add_prepared"))
        .show_ui(ui, |ui| {
            for e in CATALOG.iter().filter(|e| !e.break_glass) {
                if ui.selectable_label(false, tr.entry_name(e)).clicked()
                    && !s.prepared.iter().any(|p| p.id == e.id)
                {
                    s.prepared.push(crate::scenario::PreparedSpec {
                        id: e.id.to_string(),
                        params: Default::default(),
                        districts: Vec::new(),
                    });
                }
            }
        });
}

fn perpetrators(ui: &mut egui::Ui, d: &mut Draft, tr: &I18n) {
    let mut s = d.scenario.clone();
    let names: Vec<String> = s.groups.iter().map(|g| g.name.clone()).collect();
    let p = &mut s.perpetrators;
    ui.horizontal(|ui| {
        ui.label(tr.t("editor.o.group"));
        pick(ui, "perp-group", &mut p.group, &names);
        ui.label(tr.t("editor.o.target"));
        pick(ui, "perp-target", &mut p.target, &names);
    });
    problems(ui, d, "perpetrators.group");
    problems(ui, d, "perpetrators.target");
    for (key, v, max) in [
        ("organiser_share", &mut p.organiser_share, 0.2),
        ("amplifier_share", &mut p.amplifier_share, 0.2),
        ("inauthentic_share", &mut p.inauthentic_share, 0.2),
        ("posts_per_turn", &mut p.posts_per_turn, 50.0),
        ("flood", &mut p.flood, 50.0),
        ("recruitment", &mut p.recruitment, 1.0),
        ("ban_evasion", &mut p.ban_evasion, 1.0),
        ("broadcast", &mut p.broadcast, 10.0),
        ("shutdown_cover", &mut p.shutdown_cover, 100.0),
        ("reserve_factor", &mut p.reserve_factor, 20.0),
        ("growth", &mut p.growth, 1.0),
        ("hacking_per_1k", &mut p.hacking_per_1k, 100.0),
        ("impersonation", &mut p.impersonation, 1.0),
    ] {
        number(
            ui,
            d,
            &tr.t(&format!("editor.o.{key}")),
            &format!("perpetrators.{key}"),
            v,
            0.0..=max,
            "",
            &tr.t(&format!("editor.o.{key}_help")),
        );
    }
    ui.label(tr.t("editor.o.mix"));
    for (key, v) in [
        ("incitement", &mut p.mix.incitement),
        ("misinformation", &mut p.mix.misinformation),
        ("weapons", &mut p.mix.weapons),
        ("recruitment", &mut p.mix.recruitment),
        ("target_lists", &mut p.mix.target_lists),
    ] {
        number(
            ui,
            d,
            &tr.t(&format!("editor.mix.{key}")),
            &format!("perpetrators.mix.{key}"),
            v,
            0.0..=1.0,
            "0–1",
            &tr.t("editor.o.mix_help"),
        );
    }
    ui.checkbox(&mut p.state_affiliated, tr.t("editor.o.state_affiliated"));
    ui.checkbox(&mut p.hashtags, tr.t("editor.o.hashtags"));
    ui.checkbox(&mut p.ads, tr.t("editor.o.ads"));
    whole(
        ui,
        d,
        &tr.t("editor.o.active_from"),
        "perpetrators.active_from",
        &mut p.active_from,
        0..=10_000,
        &tr.t("editor.o.active_from_help"),
    );
    problems(ui, d, "perpetrators");
    d.scenario = s;
}

/// A value typed as RON text (an event, a trigger): kept as typed until it parses.
fn parsed<T: serde::de::DeserializeOwned + serde::Serialize>(
    ui: &mut egui::Ui,
    view: &mut EditorView,
    key: &str,
    value: &mut T,
) {
    let text = view
        .texts
        .entry(key.to_string())
        .or_insert_with(|| ron::to_string(value).unwrap_or_default());
    ui.add(
        egui::TextEdit::singleline(text)
            .desired_width(420.0)
            .code_editor(),
    );
    match crate::scenario::parse_ron::<T>(key, text) {
        Ok(v) => *value = v,
        Err(e) => {
            ui.label(egui::RichText::new(format!("⚠ {e}")).color(BAD));
        }
    }
}

fn events(ui: &mut egui::Ui, d: &mut Draft, view: &mut EditorView, tr: &I18n) {
    ui.label(egui::RichText::new(tr.t("editor.events_help")).weak());
    let mut s = d.scenario.clone();
    let mut order: Vec<usize> = (0..s.events.len()).collect();
    order.sort_by_key(|&i| (s.events[i].turn, i));
    let mut remove = None;
    for i in order {
        let e = &mut s.events[i];
        ui.horizontal(|ui| {
            ui.label(tr.t("editor.turn"));
            ui.add(egui::DragValue::new(&mut e.turn).range(0..=10_000));
            parsed(ui, view, &format!("events[{i}]"), &mut e.event);
            if ui.button("✖").clicked() {
                remove = Some(i);
            }
        });
        ui.label(egui::RichText::new(crate::handbook::event_words(tr, &e.event)).weak());
        problems(ui, d, &format!("events[{i}]"));
    }
    if let Some(i) = remove {
        s.events.remove(i);
        view.texts.retain(|k, _| !k.starts_with("events["));
    }
    if ui.button(tr.t("editor.add_event")).clicked() {
        let district = s
            .districts
            .first()
            .map_or(String::new(), |x| x.name.clone());
        s.events.push(EventSpec {
            turn: 0,
            event: EventKind::Incident {
                district,
                harmed: 10.0,
            },
        });
    }
    d.scenario = s;
}

fn injects(ui: &mut egui::Ui, d: &mut Draft, view: &mut EditorView, tr: &I18n) {
    let mut s = d.scenario.clone();
    ui.label(egui::RichText::new(tr.t("editor.objectives")).strong());
    for (i, o) in s.objectives.iter_mut().enumerate() {
        ui.horizontal(|ui| {
            ui.add(egui::TextEdit::singleline(&mut o.id).desired_width(50.0));
            ui.add(egui::TextEdit::singleline(&mut o.text).desired_width(500.0));
        });
        problems(ui, d, &format!("objectives[{i}]"));
    }
    if ui.button(tr.t("editor.add_objective")).clicked() {
        let n = s.objectives.len() + 1;
        s.objectives.push(ObjectiveSpec {
            id: format!("O{n}"),
            text: String::new(),
        });
    }
    ui.separator();
    ui.label(egui::RichText::new(tr.t("editor.msel_table")).strong());
    let teams = [
        "platform",
        "crisis_leadership",
        "policy_makers",
        "civil_society",
        "all",
    ]
    .map(String::from);
    let objectives: Vec<String> = std::iter::once(String::new())
        .chain(s.objectives.iter().map(|o| o.id.clone()))
        .collect();
    let mut remove = None;
    for (i, inj) in s.injects.iter_mut().enumerate() {
        egui::Frame::group(ui.style()).show(ui, |ui| {
            inject_row(ui, d, view, tr, i, inj, &teams, &objectives);
            if ui.button(tr.t("editor.remove_inject")).clicked() {
                remove = Some(i);
            }
        });
    }
    if let Some(i) = remove {
        s.injects.remove(i);
        view.texts.retain(|k, _| !k.starts_with("injects["));
    }
    if ui.button(tr.t("editor.add_inject")).clicked() {
        let seq = s.injects.iter().map(|x| x.seq).max().unwrap_or(0) + 1;
        s.injects.push(InjectSpec {
            seq,
            trigger: Trigger::Turn(0),
            kind: InjectType::Information,
            from: "facilitator".into(),
            to: "platform".into(),
            description: String::new(),
            expected: String::new(),
            expected_ids: Vec::new(),
            objective: String::new(),
            effect: None,
            delivery: String::new(),
            controller: String::new(),
            notes: String::new(),
        });
    }
    d.scenario = s;
}

#[allow(clippy::too_many_arguments)]
fn inject_row(
    ui: &mut egui::Ui,
    d: &Draft,
    view: &mut EditorView,
    tr: &I18n,
    i: usize,
    inj: &mut InjectSpec,
    teams: &[String],
    objectives: &[String],
) {
    let at = |f: &str| format!("injects[{i}].{f}");
    ui.horizontal(|ui| {
        ui.label("#");
        ui.add(egui::DragValue::new(&mut inj.seq));
        ui.label(tr.t("editor.trigger"));
        let key = at("trigger");
        let text = view
            .texts
            .entry(key.clone())
            .or_insert_with(|| crate::scenario::msel::trigger_text(&inj.trigger));
        ui.add(egui::TextEdit::singleline(text).desired_width(220.0))
            .on_hover_text(tr.t("editor.trigger_help"));
        let clock = crate::scenario::msel::Clock {
            turn_hours: d.scenario.turn_hours,
            turns: d.scenario.turns,
        };
        match crate::scenario::msel::parse_trigger(text, clock) {
            Ok(t) => inj.trigger = t,
            Err(e) => {
                ui.label(egui::RichText::new(format!("⚠ {e}")).color(BAD));
            }
        }
        ui.label(tr.t("editor.to"));
        pick(ui, &at("to"), &mut inj.to, teams);
        egui::ComboBox::from_id_salt(at("type"))
            .selected_text(format!("{:?}", inj.kind))
            .show_ui(ui, |ui| {
                for k in [
                    InjectType::Information,
                    InjectType::Event,
                    InjectType::Media,
                    InjectType::SocialPost,
                ] {
                    ui.selectable_value(&mut inj.kind, k, format!("{k:?}"));
                }
            });
        ui.label(tr.t("editor.objective"));
        pick(ui, &at("objective"), &mut inj.objective, objectives);
    });
    problems(ui, d, &at("seq"));
    problems(ui, d, &at("trigger"));
    problems(ui, d, &at("to"));
    ui.horizontal(|ui| {
        ui.label(tr.t("editor.description"));
        ui.add(egui::TextEdit::singleline(&mut inj.description).desired_width(600.0));
    });
    problems(ui, d, &at("description"));
    ui.horizontal(|ui| {
        ui.label(tr.t("editor.expected"));
        ui.add(egui::TextEdit::singleline(&mut inj.expected).desired_width(600.0));
    });
    ui.horizontal_wrapped(|ui| {
        ui.label(tr.t("editor.expected_levers"));
        let mut remove = None;
        for (k, id) in inj.expected_ids.iter().enumerate() {
            let name = CATALOG
                .iter()
                .find(|e| e.id == id)
                .map_or(id.clone(), |e| tr.entry_name(e));
            if ui.button(format!("{name} ✖")).clicked() {
                remove = Some(k);
            }
        }
        if let Some(k) = remove {
            inj.expected_ids.remove(k);
        }
        egui::ComboBox::from_id_salt(at("add-lever"))
            .selected_text(tr.t("editor.add_lever"))
            .show_ui(ui, |ui| {
                for e in CATALOG.iter() {
                    if ui
                        .selectable_label(
                            false,
                            format!(
                                "{} ({})",
                                tr.entry_name(e),
                                tr.t(&format!("team.{}", e.team.id()))
                            ),
                        )
                        .clicked()
                        && !inj.expected_ids.iter().any(|x| x == e.id)
                    {
                        inj.expected_ids.push(e.id.to_string());
                    }
                }
            });
    });
    problems(ui, d, &at("expected_ids"));
    problems(ui, d, &at("objective"));
}

fn dry_run(ui: &mut egui::Ui, d: &mut Draft, view: &mut EditorView, tr: &I18n) {
    ui.label(egui::RichText::new(tr.t("editor.dry_run_help")).weak());
    let valid = d.problems.is_empty();
    let running = view.preview.is_some();
    if ui
        .add_enabled(valid && !running, egui::Button::new(tr.t("editor.dry_run")))
        .clicked()
    {
        let s = d.scenario.clone();
        view.preview = Some(AsyncComputeTaskPool::get().spawn(async move {
            crate::preview::preview(&s.name, &s, 2).map(|p| crate::preview::to_text(&p))
        }));
        view.preview_text.clear();
    }
    if running {
        ui.label(tr.t("editor.dry_running"));
    }
    if !view.preview_text.is_empty() {
        ui.add(
            egui::TextEdit::multiline(&mut view.preview_text.as_str())
                .code_editor()
                .desired_width(f32::INFINITY),
        );
    }
}

/// A translation beside the scenario's own text; an emptied field removes it (the scenario's
/// text shows instead).
fn translated(ui: &mut egui::Ui, original: &str, text: &mut Option<String>, multiline: bool) {
    ui.columns(2, |cols| {
        cols[0].label(egui::RichText::new(original).weak());
        let mut t = text.clone().unwrap_or_default();
        let edit = if multiline {
            egui::TextEdit::multiline(&mut t).desired_rows(3)
        } else {
            egui::TextEdit::singleline(&mut t)
        };
        if cols[1].add(edit.desired_width(f32::INFINITY)).changed() {
            *text = (!t.trim().is_empty()).then_some(t);
        }
    });
}

fn languages(ui: &mut egui::Ui, d: &mut Draft, view: &mut EditorView, tr: &I18n) {
    if view.language.is_empty() {
        view.language = if tr.code() == d.scenario.language {
            "fr".into()
        } else {
            tr.code().to_string()
        };
    }
    ui.horizontal(|ui| {
        ui.label(tr.f("editor.lang_own", &[("lang", d.scenario.language.clone())]));
        ui.label(tr.t("editor.lang_other"));
        ui.add(egui::TextEdit::singleline(&mut view.language).desired_width(60.0));
    });
    ui.label(egui::RichText::new(tr.t("editor.lang_help")).weak());
    let lang = view.language.trim().to_string();
    if lang.is_empty() || lang == d.scenario.language {
        return;
    }
    let mut s = d.scenario.clone();
    let mut t = s.translations.get(&lang).cloned().unwrap_or_default();
    ui.label(egui::RichText::new(tr.t("editor.briefing")).strong());
    translated(ui, &s.briefing, &mut t.briefing, true);
    ui.label(egui::RichText::new(tr.t("editor.objectives")).strong());
    for o in &s.objectives {
        let mut text = t.objectives.get(&o.id).cloned();
        translated(ui, &format!("{}: {}", o.id, o.text), &mut text, false);
        match text {
            Some(x) => t.objectives.insert(o.id.clone(), x),
            None => t.objectives.remove(&o.id),
        };
    }
    ui.label(egui::RichText::new(tr.t("editor.msel_table")).strong());
    for inj in &s.injects {
        let mut texts = t.injects.get(&inj.seq).cloned().unwrap_or_default();
        translated(
            ui,
            &format!("#{} {}", inj.seq, inj.description),
            &mut texts.description,
            false,
        );
        translated(ui, &inj.expected, &mut texts.expected, false);
        if texts == Default::default() {
            t.injects.remove(&inj.seq);
        } else {
            t.injects.insert(inj.seq, texts);
        }
    }
    problems(ui, d, &format!("translations.{lang}"));
    if t == Default::default() {
        s.translations.remove(&lang);
    } else {
        s.translations.insert(lang, t);
    }
    d.scenario = s;
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Opening a scenario in the editor and looking at every tab changes nothing: no value is
    /// clamped, rounded or re-read differently by the form.
    #[test]
    fn viewing_every_tab_changes_nothing() {
        let tr = I18n::load();
        let mut files: Vec<_> =
            std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/scenarios"))
                .unwrap()
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|e| e == "ron"))
                .collect();
        files.sort();
        assert_eq!(files.len(), 8);
        for path in files {
            let mut d = Draft::open_file(&path).unwrap();
            let before = d.scenario.clone();
            let mut view = EditorView {
                language: "fr".into(),
                ..EditorView::default()
            };
            let ctx = egui::Context::default();
            for tab in [
                Tab::General,
                Tab::Region,
                Tab::Groups,
                Tab::Platform,
                Tab::Perpetrators,
                Tab::Events,
                Tab::Injects,
                Tab::Languages,
            ] {
                // Two frames: text fields fill on the first and are read back on the second.
                for _ in 0..2 {
                    let mut out = ctx.run_ui(egui::RawInput::default(), |ui| match tab {
                        Tab::General => general(ui, &mut d, &tr),
                        Tab::Region => {
                            d.district = Some(0);
                            region(ui, &mut d, &tr)
                        }
                        Tab::Groups => groups(ui, &mut d, &tr),
                        Tab::Platform => platform(ui, &mut d, &tr),
                        Tab::Perpetrators => perpetrators(ui, &mut d, &tr),
                        Tab::Events => events(ui, &mut d, &mut view, &tr),
                        Tab::Injects => injects(ui, &mut d, &mut view, &tr),
                        Tab::Languages => languages(ui, &mut d, &mut view, &tr),
                        Tab::DryRun => {}
                    });
                    out.textures_delta.clear();
                }
                assert!(
                    d.scenario == before,
                    "{}: the {tab:?} tab changed the scenario",
                    path.display()
                );
            }
            assert!(!d.commit(), "no undo step from looking");
        }
        // A value outside its field's range is shown as it is, never clamped.
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/scenarios/tutorial.ron");
        let mut d = Draft::open_file(std::path::Path::new(path)).unwrap();
        d.edit(|s| s.districts[0].adoption = 1.7);
        d.district = Some(0);
        let ctx = egui::Context::default();
        for _ in 0..2 {
            let mut out = ctx.run_ui(egui::RawInput::default(), |ui| region(ui, &mut d, &tr));
            out.textures_delta.clear();
        }
        assert_eq!(d.scenario.districts[0].adoption, 1.7);
        assert_eq!(d.problems_at("districts[0].adoption").len(), 1);
    }
}
