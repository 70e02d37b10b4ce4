//! The documentation says what the code does: MODEL.md's catalog section is the catalog.

#[test]
fn model_card_catalog_section_is_generated_from_the_catalog() {
    let model = std::fs::read_to_string("MODEL.md").unwrap();
    let begin = model
        .find("<!-- catalog:begin -->\n")
        .expect("begin marker")
        + "<!-- catalog:begin -->\n".len();
    let end = model.find("<!-- catalog:end -->").expect("end marker");
    assert!(
        model[begin..end] == breakglass::catalog_doc::to_markdown(),
        "MODEL.md is stale: regenerate the section with `breakglass catalog --markdown`"
    );
}

#[test]
fn model_card_red_cell_table_is_generated_from_the_moves() {
    generated_section(
        "red",
        &breakglass::catalog_doc::red::to_markdown(),
        "red-cell move table",
    );
}

#[test]
fn every_move_names_levers_of_the_catalog() {
    for m in breakglass::sim::red::MOVES {
        assert!(!m.answered_by.is_empty(), "{} names no lever", m.id);
        let channels = breakglass::sim::adversary::Channel::ALL
            .iter()
            .flat_map(|&c| breakglass::sim::red::closing(c).iter());
        for id in m.answered_by.iter().chain(m.routes_around).chain(channels) {
            assert!(
                breakglass::sim::interventions::index_of(id).is_some(),
                "{} names \"{id}\", which is not in the catalog",
                m.id
            );
        }
    }
}

#[test]
fn every_model_parameter_is_documented() {
    let model = std::fs::read_to_string("MODEL.md").unwrap();
    let params = serde_json::to_value(breakglass::sim::params::ModelParams::default()).unwrap();
    let missing: Vec<&String> = params
        .as_object()
        .unwrap()
        .keys()
        .filter(|k| !model.contains(&format!("`{k}`")))
        .collect();
    assert!(
        missing.is_empty(),
        "parameters missing from MODEL.md: {missing:?}"
    );
}

/// The Rust files under `dir`, sorted.
fn rust_files(dir: &str) -> Vec<std::path::PathBuf> {
    fn walk(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }
    let mut paths = Vec::new();
    walk(std::path::Path::new(dir), &mut paths);
    paths.sort();
    paths
}

/// The model's source files, sorted, each with the text before its unit tests.
fn model_sources() -> Vec<(String, String)> {
    rust_files("src/sim")
        .into_iter()
        .map(|p| {
            let text = std::fs::read_to_string(&p).unwrap();
            let code = match text.find("\n#[cfg(test)]") {
                Some(i) => text[..i].to_string(),
                None => text,
            };
            (p.display().to_string().replace('\\', "/"), code)
        })
        .collect()
}

/// A named number: `[pub[(..)]] const NAME: f64|f32|u32 = VALUE;` with its doc comment.
struct Constant {
    name: String,
    ty: String,
    value: String,
    file: String,
    doc: String,
}

fn model_constants() -> Vec<Constant> {
    let mut out = Vec::new();
    for (file, code) in model_sources() {
        let mut doc: Vec<String> = Vec::new();
        for line in code.lines() {
            let t = line.trim();
            if let Some(d) = t.strip_prefix("///") {
                doc.push(d.trim().to_string());
                continue;
            }
            let decl = t
                .strip_prefix("pub ")
                .or_else(|| t.strip_prefix("pub(crate) "))
                .or_else(|| t.strip_prefix("pub(super) "))
                .unwrap_or(t);
            if let Some(rest) = decl.strip_prefix("const ")
                && rest.ends_with(';')
                && let Some((name, rest)) = rest.split_once(": ")
                && let Some((ty, value)) = rest.trim_end_matches(';').split_once(" = ")
                && ["f64", "f32", "u32"].contains(&ty)
            {
                out.push(Constant {
                    name: name.to_string(),
                    ty: ty.to_string(),
                    value: value.to_string(),
                    file: file.clone(),
                    doc: doc.join(" "),
                });
            }
            doc.clear();
        }
    }
    out
}

/// MODEL.md's table of named constants, as the code states them.
fn constants_table() -> String {
    let mut s =
        String::from("| constant | value | in | what it is, and its source |\n|---|---|---|---|\n");
    for c in model_constants() {
        s.push_str(&format!(
            "| `{}` | {} ({}) | `{}` | {} |\n",
            c.name, c.value, c.ty, c.file, c.doc
        ));
    }
    s
}

#[test]
fn every_named_constant_of_the_model_is_documented_in_model_md() {
    let constants = model_constants();
    assert!(constants.len() > 80, "found {} constants", constants.len());
    let undocumented: Vec<&str> = constants
        .iter()
        .filter(|c| c.doc.is_empty())
        .map(|c| c.name.as_str())
        .collect();
    assert!(
        undocumented.is_empty(),
        "constants without a doc comment: {undocumented:?}"
    );
    generated_section("constants", &constants_table(), "table of named constants");
}

/// MODEL.md's section between `<!-- NAME:begin -->` and `<!-- NAME:end -->` is `table`
/// (with BREAKGLASS_BLESS set, it is rewritten to be).
pub(crate) fn generated_section(name: &str, table: &str, what: &str) {
    let (open, close) = (
        format!("<!-- {name}:begin -->\n"),
        format!("<!-- {name}:end -->"),
    );
    let model = std::fs::read_to_string("MODEL.md").unwrap();
    let begin = model.find(&open).expect("begin marker") + open.len();
    let end = model.find(&close).expect("end marker");
    if model[begin..end] != *table && std::env::var_os("BREAKGLASS_BLESS").is_some() {
        let fresh = format!("{}{table}{}", &model[..begin], &model[end..]);
        std::fs::write("MODEL.md", fresh).unwrap();
        return;
    }
    assert!(
        model[begin..end] == *table,
        "MODEL.md's {what} is stale: rewrite it with `BREAKGLASS_BLESS=1 cargo test --test suite docs::`"
    );
}

/// Float literals in `line` (digits with a fraction or an exponent), outside comments.
fn float_literals(line: &str) -> Vec<String> {
    let code = line.split("//").next().unwrap_or("");
    let b = code.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        let starts = b[i].is_ascii_digit()
            && (i == 0
                || !(b[i - 1].is_ascii_alphanumeric() || b[i - 1] == b'_' || b[i - 1] == b'.'));
        if !starts {
            i += 1;
            continue;
        }
        let mut j = i;
        while j < b.len() && (b[j].is_ascii_digit() || b[j] == b'_') {
            j += 1;
        }
        let mut float = false;
        if j + 1 < b.len() && b[j] == b'.' && b[j + 1].is_ascii_digit() {
            float = true;
            j += 1;
            while j < b.len() && (b[j].is_ascii_digit() || b[j] == b'_') {
                j += 1;
            }
        }
        if j < b.len()
            && b[j] == b'e'
            && j + 1 < b.len()
            && (b[j + 1].is_ascii_digit() || b[j + 1] == b'-')
        {
            float = true;
            j += 2;
            while j < b.len() && b[j].is_ascii_digit() {
                j += 1;
            }
        }
        if float {
            out.push(code[i..j].replace('_', ""));
        }
        while j < b.len() && (b[j].is_ascii_alphanumeric() || b[j] == b'_') {
            j += 1;
        }
        i = j;
    }
    out
}

#[test]
fn the_model_has_no_unnamed_numbers() {
    // ModelParams (documented field by field above), the catalog (documented by its generated
    // section) and the random-number arithmetic are where numbers belong; anywhere else in the
    // model a number other than a unit (0, 1, minutes per hour, percent, per thousand, per
    // hundred thousand) or a
    // numerical guard (at most 1e-6) is a named, documented constant.
    let skip = [
        "src/sim/params.rs",
        "src/sim/interventions/catalog.rs",
        "src/sim/red/moves.rs",
        "src/sim/rng.rs",
    ];
    let allowed = ["0.0", "1.0", "60.0", "100.0", "1000.0", "100000.0"];
    let mut unnamed = Vec::new();
    for (file, code) in model_sources() {
        if skip.contains(&file.as_str()) {
            continue;
        }
        for (n, line) in code.lines().enumerate() {
            let t = line.trim_start();
            if t.starts_with("const ")
                || t.starts_with("pub const ")
                || t.starts_with("pub(crate) const ")
            {
                continue;
            }
            for lit in float_literals(line) {
                let tiny = lit.parse::<f64>().is_ok_and(|v| v <= 1e-6);
                if !allowed.contains(&lit.as_str()) && !tiny {
                    unnamed.push(format!("{file}:{}: {lit}", n + 1));
                }
            }
        }
    }
    assert!(
        unnamed.is_empty(),
        "unnamed numbers in the model (name them as documented constants): {unnamed:#?}"
    );
}

#[test]
fn the_literal_scanner_finds_floats_and_nothing_else() {
    assert_eq!(
        float_literals("let x = 0.5 * y + 1e-9 + z2.0 + v[3] + 1_000.0; // 0.7"),
        vec!["0.5", "1e-9", "1000.0"]
    );
    assert!(float_literals("let a = 3; let b = t.0; f32::MAX").is_empty());
}

/// MODEL.md's table of the assumed parameters `breakglass sensitivity` samples.
fn assumed_table() -> String {
    let defaults = serde_json::to_value(breakglass::sim::params::ModelParams::default()).unwrap();
    let mut s = String::from(
        "| parameter | default | range sampled | why this range |\n|---|---|---|---|\n",
    );
    for f in breakglass::sensitivity::ASSUMED {
        s.push_str(&format!(
            "| `{}` | {} | {} .. {} | {} |\n",
            f.name, defaults[f.name], f.low, f.high, f.why
        ));
    }
    s
}

#[test]
fn the_sensitivity_ranges_in_model_md_are_the_ones_sampled() {
    generated_section("assumed", &assumed_table(), "table of assumed parameters");
}

/// The model owns its input and knows nothing of the file format, the app or the clock: no
/// file under `src/sim` (its unit tests included) names the scenario layer, Bevy, egui, the
/// views, the wall clock or a hash map.
#[test]
fn the_model_imports_neither_the_file_format_nor_the_app() {
    let paths = rust_files("src/sim");
    assert!(paths.len() > 20, "src/sim was not found: {paths:?}");
    let banned = [
        "crate::scenario",
        "crate::app",
        "crate::view",
        "crate::session",
        "crate::report",
        "bevy",
        "egui",
        "HashMap",
        "HashSet",
        "Instant::now",
        "SystemTime",
    ];
    let mut found = Vec::new();
    for p in &paths {
        let text = std::fs::read_to_string(p).unwrap();
        for (n, line) in text.lines().enumerate() {
            let code = line.split("//").next().unwrap_or("");
            for b in banned {
                if code.contains(b) {
                    found.push(format!("{}:{}: {b}", p.display(), n + 1));
                }
            }
        }
    }
    assert!(
        found.is_empty(),
        "the model reaches outside itself:\n{}",
        found.join("\n")
    );
}

/// The numbers a text states: (value, followed by '%'), years and "per 1000" units left out.
fn stated_numbers(text: &str) -> Vec<(f64, bool)> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        let starts = b[i].is_ascii_digit()
            && (i == 0
                || !(b[i - 1].is_ascii_alphanumeric() || b[i - 1] == b'_' || b[i - 1] == b'.'));
        if !starts {
            i += 1;
            continue;
        }
        let mut j = i;
        while j < b.len() && b[j].is_ascii_digit() {
            j += 1;
        }
        if j + 1 < b.len() && b[j] == b'.' && b[j + 1].is_ascii_digit() {
            j += 1;
            while j < b.len() && b[j].is_ascii_digit() {
                j += 1;
            }
        }
        let value: f64 = text[i..j].parse().unwrap();
        let percent = b.get(j) == Some(&b'%');
        let unit = text[..i].ends_with("per ") && value == 1000.0;
        // "under 1%", "about 15% of accounts": what a run measured, not a number it applies.
        let measured = ["under ", "less than ", "about "]
            .iter()
            .any(|w| text[..i].ends_with(w));
        if !(1900.0..=2100.0).contains(&value) && !unit && !measured {
            out.push((value, percent));
        }
        i = j;
    }
    out
}

/// Each catalog entry's source text from its `params:` to its end (its parameters, cost, lead
/// time and `apply`), by id.
fn catalog_code() -> std::collections::BTreeMap<String, String> {
    let text = std::fs::read_to_string("src/sim/interventions/catalog.rs").unwrap();
    let table = &text[text.find("pub static CATALOG").unwrap()..];
    let mut out = std::collections::BTreeMap::new();
    for entry in table.split("\n    Entry {").skip(1) {
        let id = entry
            .split("id: \"")
            .nth(1)
            .unwrap()
            .split('"')
            .next()
            .unwrap();
        let code = &entry[entry.find("params:").unwrap()..];
        out.insert(id.to_string(), code.to_string());
    }
    out
}

/// A card never states a number the model does not apply: every number in an entry's
/// `mechanism` is one its own code uses (parameters, cost, `apply`), one the code of an entry
/// it names uses, a behaviour parameter it names in backticks (at its default), or a named
/// model constant whose documentation names the entry in backticks; "40%" may stand for 0.4
/// or for 1 - 0.4. Measured statements ("under 1%", "about 15% of accounts") and citation
/// years are not parameters. A constant changed in the code without its card fails here.
#[test]
fn every_number_a_card_states_is_one_the_model_applies() {
    use breakglass::sim::interventions::CATALOG;
    let code = catalog_code();
    assert_eq!(code.len(), CATALOG.len());
    let constants = model_constants();
    let params = serde_json::to_value(breakglass::sim::params::ModelParams::default()).unwrap();
    let numbers_in =
        |text: &str| -> Vec<f64> { stated_numbers(text).into_iter().map(|n| n.0).collect() };
    let mut wrong = Vec::new();
    for e in &CATALOG {
        let mut applied = numbers_in(&code[e.id]);
        for other in &CATALOG {
            if other.id != e.id && e.mechanism.contains(&other.name.to_lowercase()) {
                applied.extend(numbers_in(&code[other.id]));
            }
        }
        for (name, value) in params.as_object().unwrap() {
            if e.mechanism.contains(&format!("`{name}`")) {
                applied.extend(value.as_f64());
            }
        }
        let tag = format!("`{}`", e.id);
        for c in constants.iter().filter(|c| c.doc.contains(&tag)) {
            applied.extend(c.value.replace('_', "").parse::<f64>().ok());
        }
        let close = |a: f64, b: f64| (a - b).abs() < 1e-9;
        for (v, percent) in stated_numbers(e.mechanism) {
            let share = v / 100.0;
            let ok = applied
                .iter()
                .any(|&a| (!percent && close(a, v)) || close(a, share) || close(a, 1.0 - share));
            if !ok {
                wrong.push(format!("{}: {v}{}", e.id, if percent { "%" } else { "" }));
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "numbers the cards state and the model does not apply:\n{}",
        wrong.join("\n")
    );
}

/// The control room's shell is used by no other module (each panel gets only what it reads),
/// so there is no import circle through it.
#[test]
fn no_panel_reaches_into_the_shell() {
    let mut found = Vec::new();
    for entry in std::fs::read_dir("src/app").unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        if name == "hud.rs" || name == "mod.rs" {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        if text.contains("hud::") {
            found.push(name);
        }
    }
    assert!(found.is_empty(), "modules that import the shell: {found:?}");
}

/// The catalog's capability table names levers the catalog has, each once.
#[test]
fn every_capability_names_a_lever_of_the_catalog() {
    use breakglass::sim::interventions::{CAPABILITIES, index_of};
    let mut ids: Vec<&str> = CAPABILITIES.iter().map(|(id, _)| *id).collect();
    for id in &ids {
        assert!(index_of(id).is_some(), "{id} is not in the catalog");
    }
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), CAPABILITIES.len(), "a lever listed twice");
}
