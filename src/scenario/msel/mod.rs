//! The Master Scenario Events List as a spreadsheet: export a scenario's injects to CSV or
//! `.xlsx`, import them back from the sheet a facilitator keeps, with every bad cell named by
//! row and column before anything is written.
//!
//! Columns follow HSEEP's MSEL: sequence, trigger, inject type, delivery method, from, to,
//! description, expected action, expected lever ids, objective, responsible controller, notes,
//! and one of ours, the inject's effect on the world (RON, usually empty). Other header names map
//! by a column map: `--map "Inject No=sequence"` on the command line, or remembered in the
//! sheet's first row (`breakglass map` in A1, then `Inject No=sequence` in B1, ...).
//!
//! Export then import gives the same injects (a property test holds it).

use std::fmt;
use std::io::Cursor;
use std::path::Path;

use super::{EventKind, InjectSpec, InjectType, Scenario};

mod names;
mod trigger;

pub use names::{Named, Names, split_list};
pub use trigger::{Clock, parse_trigger, trigger_text};

/// Spreadsheets larger than this are refused before reading.
pub const MAX_BYTES: u64 = 10 * 1024 * 1024;
/// The most injects (data rows) one sheet may hold.
pub const MAX_ROWS: usize = 5_000;
/// The most columns read.
pub const MAX_COLUMNS: usize = 64;
/// The first cell of a sheet's first row when that row holds the column map.
pub const MAP_MARKER: &str = "breakglass map";

/// One column of the MSEL.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column {
    Sequence,
    Trigger,
    Type,
    Delivery,
    From,
    To,
    Description,
    Expected,
    ExpectedIds,
    Objective,
    Controller,
    Notes,
    Effect,
}

impl Column {
    pub const ALL: [Column; 13] = [
        Column::Sequence,
        Column::Trigger,
        Column::Type,
        Column::Delivery,
        Column::From,
        Column::To,
        Column::Description,
        Column::Expected,
        Column::ExpectedIds,
        Column::Objective,
        Column::Controller,
        Column::Notes,
        Column::Effect,
    ];

    /// The header the export writes.
    pub fn header(self) -> &'static str {
        match self {
            Column::Sequence => "sequence",
            Column::Trigger => "trigger",
            Column::Type => "inject type",
            Column::Delivery => "delivery method",
            Column::From => "from",
            Column::To => "to",
            Column::Description => "description",
            Column::Expected => "expected action",
            Column::ExpectedIds => "expected lever ids",
            Column::Objective => "objective",
            Column::Controller => "responsible controller",
            Column::Notes => "notes",
            Column::Effect => "effect",
        }
    }

    /// The short name a column map may use (`--map "Inject No=sequence"`).
    pub fn id(self) -> &'static str {
        match self {
            Column::Sequence => "sequence",
            Column::Trigger => "trigger",
            Column::Type => "type",
            Column::Delivery => "delivery",
            Column::From => "from",
            Column::To => "to",
            Column::Description => "description",
            Column::Expected => "expected",
            Column::ExpectedIds => "expected_ids",
            Column::Objective => "objective",
            Column::Controller => "controller",
            Column::Notes => "notes",
            Column::Effect => "effect",
        }
    }

    /// Other names spreadsheets commonly give the column (compared normalised).
    fn aliases(self) -> &'static [&'static str] {
        match self {
            Column::Sequence => &[
                "seq",
                "no",
                "number",
                "inject no",
                "inject number",
                "serial",
                "msel event",
                "event no",
                "event number",
                "inject id",
            ],
            Column::Trigger => &[
                "time",
                "when",
                "turn",
                "scenario time",
                "inject time",
                "event time",
                "designated scenario time",
            ],
            Column::Type => &["type", "kind"],
            Column::Delivery => &["delivery", "method", "inject mode", "mode"],
            Column::From => &["sender", "source"],
            Column::To => &["team", "recipient", "player", "players"],
            Column::Description => &[
                "inject",
                "message",
                "details",
                "inject description",
                "message inject",
                "event description",
            ],
            Column::Expected => &["expected", "expected player action", "expected response"],
            Column::ExpectedIds => &["expected ids", "levers", "expected levers", "lever ids"],
            Column::Objective => &["objective id", "capability", "objective capability"],
            Column::Controller => &["controller"],
            Column::Notes => &["note", "remarks", "comments"],
            Column::Effect => &["world effect"],
        }
    }

    /// The column a header names, by its header, id or a common alias.
    pub fn from_name(name: &str) -> Option<Column> {
        let n = normalise(name);
        Column::ALL.into_iter().find(|c| {
            normalise(c.header()) == n || normalise(c.id()) == n || c.aliases().contains(&&*n)
        })
    }

    fn required(self) -> bool {
        matches!(
            self,
            Column::Sequence | Column::Trigger | Column::To | Column::Description
        )
    }
}

/// Lower case, anything not a letter or digit as one space, trimmed.
fn normalise(s: &str) -> String {
    let mut out = String::new();
    for w in s
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&w.to_lowercase());
    }
    out
}

/// A spreadsheet column's letters: 0 -> A, 25 -> Z, 26 -> AA.
pub fn column_letters(mut i: usize) -> String {
    let mut s = Vec::new();
    loop {
        s.push(b'A' + (i % 26) as u8);
        if i < 26 {
            break;
        }
        i = i / 26 - 1;
    }
    s.reverse();
    String::from_utf8(s).unwrap_or_default()
}

/// One bad cell, by its place in the sheet.
#[derive(Debug, Clone, PartialEq)]
pub struct CellProblem {
    /// 1-based, as the spreadsheet numbers rows.
    pub row: usize,
    /// 0-based column index (shown as letters).
    pub column: usize,
    /// The sheet's header of that column.
    pub header: String,
    pub message: String,
}

impl fmt::Display for CellProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "row {}, column {} ({}): {}",
            self.row,
            column_letters(self.column),
            self.header,
            self.message
        )
    }
}

#[derive(Debug, thiserror::Error)]
pub enum MselError {
    /// The file as a whole cannot be read as an MSEL (one message).
    #[error("{file}: {message}")]
    File { file: String, message: String },
    /// The sheet was read; these cells are wrong. Nothing was written.
    #[error("{}", render_cells(file, problems))]
    Cells {
        file: String,
        problems: Vec<CellProblem>,
    },
}

fn render_cells(file: &str, problems: &[CellProblem]) -> String {
    let mut s = format!(
        "{file}: {} problem{} (nothing was written):",
        problems.len(),
        if problems.len() == 1 { "" } else { "s" }
    );
    for p in problems {
        s.push_str(&format!("\n{file}: {p}"));
    }
    s
}

fn file_error(file: &str, message: impl Into<String>) -> MselError {
    MselError::File {
        file: file.to_string(),
        message: message.into(),
    }
}

/// A sheet's cells as text, row by row (`rows[0]` is the sheet's row 1).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Sheet {
    pub rows: Vec<Vec<String>>,
    /// Merged ranges, as ((first row, first column), (last row, last column)), 0-based. A
    /// title merged over the columns above the header is read; a merge at or below the header
    /// is refused.
    pub merged: Vec<((u32, u32), (u32, u32))>,
}

// ---------------------------------------------------------------------------------------------
// Writing

fn type_text(k: InjectType) -> &'static str {
    match k {
        InjectType::Information => "information",
        InjectType::Event => "event",
        InjectType::Media => "media",
        InjectType::SocialPost => "social_post",
    }
}

/// RON of a value, with a space after each `:` and `,` outside strings (as people write it).
fn ron_text<T: serde::Serialize>(v: &T) -> String {
    let raw = ron::to_string(v).unwrap_or_default();
    let mut out = String::with_capacity(raw.len() + 16);
    let mut in_str = false;
    let mut escaped = false;
    for ch in raw.chars() {
        out.push(ch);
        if in_str {
            if escaped {
                escaped = false;
            } else if ch == '\\' {
                escaped = true;
            } else if ch == '"' {
                in_str = false;
            }
        } else if ch == '"' {
            in_str = true;
        } else if ch == ':' || ch == ',' {
            out.push(' ');
        }
    }
    out
}

fn cell(inj: &InjectSpec, c: Column, names: &Names) -> String {
    match c {
        Column::Sequence => inj.seq.to_string(),
        Column::Trigger => trigger_text(&inj.trigger),
        Column::Type => type_text(inj.kind).to_string(),
        Column::Delivery => inj.delivery.clone(),
        Column::From => inj.from.clone(),
        Column::To => names.team_cell(&inj.to),
        Column::Description => inj.description.clone(),
        Column::Expected => inj.expected.clone(),
        Column::ExpectedIds => names.levers_cell(&inj.expected_ids),
        Column::Objective => inj.objective.clone(),
        Column::Controller => inj.controller.clone(),
        Column::Notes => inj.notes.clone(),
        Column::Effect => inj.effect.as_ref().map(ron_text).unwrap_or_default(),
    }
}

/// The scenario's MSEL as a sheet: the header row, then one row per inject. Teams and levers
/// are written as people read them, with their ids: "Warning labels (warning_labels)".
pub fn to_sheet(s: &Scenario, names: &Names) -> Sheet {
    let mut rows = vec![Column::ALL.iter().map(|c| c.header().to_string()).collect()];
    for inj in &s.injects {
        rows.push(Column::ALL.iter().map(|&c| cell(inj, c, names)).collect());
    }
    Sheet {
        rows,
        merged: Vec::new(),
    }
}

/// CSV bytes of a sheet (UTF-8, every row the same width).
pub fn csv_bytes(sheet: &Sheet) -> Vec<u8> {
    let mut w = csv::WriterBuilder::new()
        .flexible(true)
        .from_writer(Vec::new());
    for row in &sheet.rows {
        // Writing to memory cannot fail.
        let _ = w.write_record(row);
    }
    w.into_inner().unwrap_or_default()
}

/// `.xlsx` bytes of a sheet: a bold, frozen header row, readable column widths, the sequence
/// as a number so the sheet sorts.
pub fn xlsx_bytes(sheet: &Sheet) -> Result<Vec<u8>, String> {
    use rust_xlsxwriter::{Format, Workbook};
    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    let e = |e: rust_xlsxwriter::XlsxError| e.to_string();
    ws.set_name("MSEL").map_err(e)?;
    let bold = Format::new().set_bold();
    let wrap = Format::new().set_text_wrap();
    for (c, col) in Column::ALL.iter().enumerate() {
        let width = match col {
            Column::Description | Column::Expected => 48.0,
            Column::Trigger | Column::ExpectedIds | Column::Effect | Column::Notes => 28.0,
            Column::Sequence => 10.0,
            _ => 18.0,
        };
        ws.set_column_width(c as u16, width).map_err(e)?;
    }
    for (r, row) in sheet.rows.iter().enumerate() {
        for (c, text) in row.iter().enumerate() {
            let (r32, c16) = (r as u32, c as u16);
            if r == 0 {
                ws.write_string_with_format(r32, c16, text, &bold)
                    .map_err(e)?;
            } else if c == 0
                && let Ok(n) = text.parse::<u32>()
            {
                ws.write_number(r32, c16, f64::from(n)).map_err(e)?;
            } else if !text.is_empty() {
                ws.write_string_with_format(r32, c16, text, &wrap)
                    .map_err(e)?;
            }
        }
    }
    ws.set_freeze_panes(1, 0).map_err(e)?;
    book.save_to_buffer().map_err(e)
}

/// Write the scenario's MSEL to `out` (`.csv` or `.xlsx`, by its extension), atomically.
pub fn export(s: &Scenario, names: &Names, out: &Path) -> Result<(), String> {
    let sheet = to_sheet(s, names);
    let bytes = match extension(out).as_str() {
        "csv" => csv_bytes(&sheet),
        "xlsx" => xlsx_bytes(&sheet)?,
        other => {
            return Err(format!(
                "{}: cannot write .{other}: give a .csv or .xlsx file",
                out.display()
            ));
        }
    };
    super::write_atomic(out, &bytes).map_err(|e| format!("{}: {e}", out.display()))
}

fn extension(p: &Path) -> String {
    p.extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase()
}

// ---------------------------------------------------------------------------------------------
// Reading

/// Read a sheet from a `.csv` or `.xlsx` file, bounded in bytes, rows and columns.
pub fn read_sheet(path: &Path) -> Result<Sheet, MselError> {
    let file = path.display().to_string();
    let meta =
        std::fs::metadata(path).map_err(|e| file_error(&file, format!("cannot read: {e}")))?;
    if meta.len() > MAX_BYTES {
        return Err(file_error(
            &file,
            format!(
                "the file is {} bytes; spreadsheets over {MAX_BYTES} bytes are refused",
                meta.len()
            ),
        ));
    }
    let bytes = std::fs::read(path).map_err(|e| file_error(&file, format!("cannot read: {e}")))?;
    match extension(path).as_str() {
        "csv" | "txt" => sheet_from_csv(&file, &bytes),
        "xlsx" | "xlsm" => sheet_from_xlsx(&file, bytes),
        other => Err(file_error(
            &file,
            format!("cannot read .{other} files: save the sheet as .xlsx or as CSV (UTF-8)"),
        )),
    }
}

/// A sheet from CSV bytes (UTF-8; a byte-order mark is allowed).
pub fn sheet_from_csv(file: &str, bytes: &[u8]) -> Result<Sheet, MselError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if let Err(e) = std::str::from_utf8(bytes) {
        let line = 1 + bytes[..e.valid_up_to()]
            .iter()
            .filter(|&&b| b == b'\n')
            .count();
        return Err(file_error(
            file,
            format!("line {line} is not UTF-8 text: save the sheet as \"CSV UTF-8\" (or as .xlsx)"),
        ));
    }
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(bytes);
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| file_error(file, format!("not a CSV file: {e}")))?;
        // The header, a column-map row and MAX_ROWS injects.
        if rows.len() >= MAX_ROWS + 2 {
            return Err(too_many_rows(file));
        }
        rows.push(bounded_row(
            file,
            record.iter().map(str::to_string).collect(),
        )?);
    }
    Ok(Sheet {
        rows,
        merged: Vec::new(),
    })
}

fn too_many_rows(file: &str) -> MselError {
    file_error(
        file,
        format!("more than {MAX_ROWS} injects: an MSEL this long is refused (split the sheet)"),
    )
}

fn bounded_row(file: &str, mut row: Vec<String>) -> Result<Vec<String>, MselError> {
    while row.last().is_some_and(|c| c.trim().is_empty()) {
        row.pop();
    }
    if row.len() > MAX_COLUMNS {
        return Err(file_error(
            file,
            format!("more than {MAX_COLUMNS} columns are not read: delete the unused ones"),
        ));
    }
    Ok(row)
}

/// A sheet from `.xlsx` bytes: the first worksheet; merged cells, formulas and error values are
/// refused, naming the cell.
pub fn sheet_from_xlsx(file: &str, bytes: Vec<u8>) -> Result<Sheet, MselError> {
    use calamine::{Data, Reader, Xlsx};
    let not_xlsx = |e: calamine::XlsxError| file_error(file, format!("not an .xlsx workbook: {e}"));
    let mut book: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).map_err(not_xlsx)?;
    let Some(name) = book.sheet_names().first().cloned() else {
        return Err(file_error(file, "the workbook has no worksheet"));
    };
    let at = |(r, c): (u32, u32)| format!("{}{}", column_letters(c as usize), r + 1);
    let merged = book
        .merge_cells_by_sheet_name(&name)
        .map_err(not_xlsx)?
        .into_iter()
        .map(|m| (m.start, m.end))
        .collect();
    let range = book.worksheet_range(&name).map_err(not_xlsx)?;
    if let Some((r, _)) = range.end()
        && r as usize >= MAX_ROWS + 2
    {
        return Err(too_many_rows(file));
    }
    let formulas = book.worksheet_formula(&name).map_err(not_xlsx)?;
    let (r0, c0) = formulas.start().unwrap_or((0, 0));
    for (r, row) in formulas.rows().enumerate() {
        for (c, f) in row.iter().enumerate() {
            if !f.is_empty() {
                return Err(file_error(
                    file,
                    format!(
                        "sheet \"{name}\": cell {} holds a formula (={f}): paste it as values",
                        at((r0 + r as u32, c0 + c as u32))
                    ),
                ));
            }
        }
    }
    let (r0, c0) = range.start().unwrap_or((0, 0));
    let mut rows: Vec<Vec<String>> = vec![Vec::new(); r0 as usize];
    for (r, row) in range.rows().enumerate() {
        let mut out = vec![String::new(); c0 as usize];
        for (c, v) in row.iter().enumerate() {
            let text = match v {
                Data::Empty => String::new(),
                Data::String(s) => s.clone(),
                Data::Int(i) => i.to_string(),
                Data::Float(x) => x.to_string(),
                Data::Bool(b) => b.to_string(),
                Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
                Data::DateTime(d) => d.to_string(),
                Data::Error(e) => {
                    return Err(file_error(
                        file,
                        format!(
                            "sheet \"{name}\": cell {} holds the error {e}: fix or clear it",
                            at((r0 + r as u32, c0 + c as u32))
                        ),
                    ));
                }
            };
            out.push(text);
        }
        rows.push(bounded_row(file, out)?);
    }
    Ok(Sheet { rows, merged })
}

/// Parse a `--map` argument or a map cell: `HEADER=COLUMN`.
pub fn parse_map_pair(s: &str) -> Result<(String, Column), String> {
    let Some((header, col)) = s.rsplit_once('=') else {
        return Err(format!(
            "\"{s}\" is not HEADER=COLUMN (e.g. \"Inject No=sequence\")"
        ));
    };
    let ids: Vec<&str> = Column::ALL.iter().map(|c| c.id()).collect();
    let column = Column::from_name(col)
        .ok_or_else(|| format!("\"{col}\" is not a column (columns: {})", ids.join(", ")))?;
    Ok((header.trim().to_string(), column))
}

/// The injects a sheet holds, checked against the scenario they go into.
#[derive(Debug, Clone)]
pub struct Imported {
    pub injects: Vec<InjectSpec>,
    /// Headers the import did not read (named so a typo is not silently dropped).
    pub ignored: Vec<String>,
    /// Texts the scenario has in other languages for injects the sheet no longer has
    /// (language, sequence number).
    pub stale_translations: Vec<(String, u32)>,
}

/// Read the injects of `sheet` (from `file`) for `scenario`, with the column map `map` on top
/// of the sheet's own. Every bad cell is reported; on success the scenario with these injects
/// passes `validate`.
/// A `breakglass map` first row: the column map it gives (then the headers are row 2).
fn sheet_map(file: &str, sheet: &Sheet) -> Result<(usize, Vec<(String, Column)>), MselError> {
    let mut pairs = Vec::new();
    let Some(first) = sheet.rows.first().filter(|first| {
        first
            .first()
            .is_some_and(|c| normalise(c) == normalise(MAP_MARKER))
    }) else {
        return Ok((0, pairs));
    };
    for (c, cell) in first.iter().enumerate().skip(1) {
        if cell.trim().is_empty() {
            continue;
        }
        let pair = parse_map_pair(cell).map_err(|m| {
            file_error(
                file,
                format!("row 1, column {} (column map): {m}", column_letters(c)),
            )
        })?;
        pairs.push(pair);
    }
    Ok((1, pairs))
}

/// The same checks as `breakglass check` on the rows that read, each mapped back to its cell,
/// so one pass names every problem.
fn checked(
    scenario: &Scenario,
    injects: &[InjectSpec],
    rows_of: &[usize],
    columns: &[Option<Column>],
    headers: &[String],
) -> Vec<CellProblem> {
    let mut candidate = scenario.clone();
    candidate.injects = injects.to_vec();
    prune_translations(&mut candidate);
    let mut problems = Vec::new();
    for (path, message) in super::validate(&candidate, u64::MAX) {
        let Some((i, field)) = inject_field(&path) else {
            continue;
        };
        let col = column_of_field(field);
        let idx = columns.iter().position(|c| *c == Some(col)).unwrap_or(0);
        problems.push(CellProblem {
            row: rows_of.get(i).copied().unwrap_or(0),
            column: idx,
            header: headers.get(idx).cloned().unwrap_or_default(),
            message,
        });
    }
    problems
}

pub fn import(
    file: &str,
    sheet: &Sheet,
    scenario: &Scenario,
    map: &[(String, Column)],
    names: &Names,
) -> Result<Imported, MselError> {
    let (first_row, mut pairs) = sheet_map(file, sheet)?;
    pairs.extend(map.iter().cloned());
    let (header_row, (columns, ignored)) = find_header(file, sheet, first_row, &pairs)?;
    refuse_merges(file, sheet, header_row)?;
    let headers = &sheet.rows[header_row];
    let data = &sheet.rows[header_row + 1..];
    if data.len() > MAX_ROWS {
        return Err(too_many_rows(file));
    }
    let mut problems = Vec::new();
    let mut injects = Vec::new();
    let mut rows_of = Vec::new();
    let last = data
        .iter()
        .rposition(|r| r.iter().any(|c| !c.trim().is_empty()));
    for (i, row) in data.iter().enumerate() {
        let sheet_row = header_row + 2 + i;
        if !row.iter().any(|c| !c.trim().is_empty()) {
            if last.is_some_and(|l| i < l) {
                problems.push(CellProblem {
                    row: sheet_row,
                    column: 0,
                    header: headers.first().cloned().unwrap_or_default(),
                    message: "blank row between injects: delete it".into(),
                });
            }
            continue;
        }
        let cell_of = |col: Column| -> (usize, String) {
            let idx = columns.iter().position(|c| *c == Some(col));
            let text = idx
                .and_then(|i| row.get(i))
                .map(|s| s.trim().to_string())
                .unwrap_or_default();
            (idx.unwrap_or(0), text)
        };
        let (inj, bad) = read_row(scenario, names, &cell_of);
        for (col, message) in bad {
            let (idx, _) = cell_of(col);
            problems.push(CellProblem {
                row: sheet_row,
                column: idx,
                header: headers.get(idx).cloned().unwrap_or_default(),
                message,
            });
        }
        if let Some(inj) = inj {
            injects.push(inj);
            rows_of.push(sheet_row);
        }
    }
    // A cell already named (a team or lever that matches nothing) is named once.
    let named: Vec<(usize, usize)> = problems.iter().map(|p| (p.row, p.column)).collect();
    problems.extend(
        checked(scenario, &injects, &rows_of, &columns, headers)
            .into_iter()
            .filter(|p| !named.contains(&(p.row, p.column))),
    );
    if !problems.is_empty() {
        problems.sort_by_key(|p| (p.row, p.column));
        return Err(MselError::Cells {
            file: file.to_string(),
            problems,
        });
    }
    let stale_translations = stale(scenario, &injects);
    Ok(Imported {
        injects,
        ignored,
        stale_translations,
    })
}

/// The translated injects (language, sequence number) the imported list no longer has.
fn stale(scenario: &Scenario, injects: &[InjectSpec]) -> Vec<(String, u32)> {
    scenario
        .translations
        .iter()
        .flat_map(|(lang, t)| t.injects.keys().map(move |seq| (lang.clone(), *seq)))
        .filter(|(_, seq)| !injects.iter().any(|i| i.seq == *seq))
        .collect()
}

/// Drop the texts in other languages of injects the scenario no longer has.
pub fn prune_translations(s: &mut Scenario) {
    let seqs: Vec<u32> = s.injects.iter().map(|i| i.seq).collect();
    for t in s.translations.values_mut() {
        t.injects.retain(|seq, _| seqs.contains(seq));
    }
}

/// Rows a sheet may have above its header: a title (merged across the columns, as HSEEP's
/// templates have it), the exercise's name and date, blank rows.
pub const MAX_TITLE_ROWS: usize = 10;

/// The header row (0-based), what each column is, and the headers not read: the first row from
/// `first` that names the required columns, past title rows. When none does, the problem of
/// the row that named the most columns.
fn find_header(
    file: &str,
    sheet: &Sheet,
    first: usize,
    pairs: &[(String, Column)],
) -> Result<(usize, Headers), MselError> {
    let mut best: Option<(usize, MselError)> = None;
    let last = (first + MAX_TITLE_ROWS + 1).min(sheet.rows.len());
    for (r, row) in sheet.rows.iter().enumerate().take(last).skip(first) {
        if row.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        match resolve_headers(file, row, pairs) {
            Ok(headers) => return Ok((r, headers)),
            Err(e) => {
                let named = row
                    .iter()
                    .filter(|h| column_named(h, pairs).is_some())
                    .count();
                if best.as_ref().is_none_or(|(n, _)| named > *n) {
                    best = Some((named, e));
                }
            }
        }
    }
    Err(best.map_or_else(
        || file_error(file, "the sheet is empty: no header row, no injects"),
        |(_, e)| e,
    ))
}

/// Merged cells at or below the header are refused with their place (one inject per row, one
/// value per cell); a title merged above the header is fine.
fn refuse_merges(file: &str, sheet: &Sheet, header_row: usize) -> Result<(), MselError> {
    let at = |(r, c): (u32, u32)| format!("{}{}", column_letters(c as usize), r + 1);
    match sheet
        .merged
        .iter()
        .find(|(_, end)| end.0 as usize >= header_row)
    {
        Some((start, end)) => Err(file_error(
            file,
            format!(
                "merged cells at {}:{}: unmerge them (one inject per row, one value per cell; \
                 only a title above the header row may be merged)",
                at(*start),
                at(*end)
            ),
        )),
        None => Ok(()),
    }
}

/// The column a header names, by the column map first.
fn column_named(h: &str, pairs: &[(String, Column)]) -> Option<Column> {
    if h.trim().is_empty() {
        return None;
    }
    pairs
        .iter()
        .rev()
        .find(|(from, _)| normalise(from) == normalise(h))
        .map(|(_, c)| *c)
        .or_else(|| Column::from_name(h))
}

/// Which MSEL column each sheet column is (None: not read), and the headers not read.
type Headers = (Vec<Option<Column>>, Vec<String>);

fn resolve_headers(
    file: &str,
    headers: &[String],
    pairs: &[(String, Column)],
) -> Result<Headers, MselError> {
    let mut columns: Vec<Option<Column>> = Vec::new();
    let mut ignored = Vec::new();
    for (i, h) in headers.iter().enumerate() {
        let col = column_named(h, pairs);
        if let Some(c) = col
            && let Some(j) = columns.iter().position(|x| *x == Some(c))
        {
            return Err(file_error(
                file,
                format!(
                    "columns {} (\"{}\") and {} (\"{h}\") are both read as \"{}\": map one of them elsewhere",
                    column_letters(j),
                    headers[j],
                    column_letters(i),
                    c.id()
                ),
            ));
        }
        if col.is_none() && !h.trim().is_empty() {
            ignored.push(h.clone());
        }
        columns.push(col);
    }
    let names: Vec<&str> = Column::ALL.iter().map(|c| c.header()).collect();
    if columns.iter().all(Option::is_none) {
        return Err(file_error(
            file,
            format!(
                "no header row: no row among the first {} names the columns ({}); the first reads: {}",
                MAX_TITLE_ROWS + 1,
                names.join(", "),
                headers.join(" | ")
            ),
        ));
    }
    let missing: Vec<&str> = Column::ALL
        .into_iter()
        .filter(|c| c.required() && !columns.contains(&Some(*c)))
        .map(|c| c.header())
        .collect();
    if !missing.is_empty() {
        return Err(file_error(
            file,
            format!(
                "no column for {} (headers: {}); name one with --map \"HEADER=COLUMN\"",
                missing.join(", "),
                headers.join(" | ")
            ),
        ));
    }
    Ok((columns, ignored))
}

/// `injects[3].trigger.district` -> (3, "trigger").
fn inject_field(path: &str) -> Option<(usize, &str)> {
    let rest = path.strip_prefix("injects[")?;
    let (i, rest) = rest.split_once(']')?;
    let field = rest.trim_start_matches('.');
    let field = field.split(['.', '[']).next().unwrap_or("");
    Some((i.parse().ok()?, field))
}

fn column_of_field(field: &str) -> Column {
    match field {
        "seq" => Column::Sequence,
        "trigger" => Column::Trigger,
        "type" | "kind" => Column::Type,
        "from" => Column::From,
        "to" => Column::To,
        "description" => Column::Description,
        "expected" => Column::Expected,
        "expected_ids" => Column::ExpectedIds,
        "objective" => Column::Objective,
        "effect" => Column::Effect,
        "delivery" => Column::Delivery,
        "controller" => Column::Controller,
        "notes" => Column::Notes,
        _ => Column::Sequence,
    }
}

/// One row as an inject, and what is wrong with its cells. A row whose team or levers match
/// nothing still reads (with that team's text, without those levers), so the rest of it is
/// checked too; one whose sequence, trigger, type or effect cannot be read does not.
fn read_row(
    scenario: &Scenario,
    names: &Names,
    cell: &dyn Fn(Column) -> (usize, String),
) -> (Option<InjectSpec>, Vec<(Column, String)>) {
    let mut bad = Vec::new();
    let text = |c: Column| cell(c).1;
    let seq_text = text(Column::Sequence);
    let seq = match parse_seq(&seq_text) {
        Ok(n) => n,
        Err(m) => {
            bad.push((Column::Sequence, m));
            0
        }
    };
    let trigger = match parse_trigger(&text(Column::Trigger), Clock::of(scenario)) {
        Ok(t) => Some(t),
        Err(m) => {
            bad.push((Column::Trigger, m));
            None
        }
    };
    let kind = match parse_type(&text(Column::Type)) {
        Ok(k) => k,
        Err(m) => {
            bad.push((Column::Type, m));
            InjectType::Information
        }
    };
    let mut soft = Vec::new();
    let to = match text(Column::To) {
        t if t.is_empty() => {
            bad.push((Column::To, "empty: name the team that receives it".into()));
            t
        }
        t => names.team(&t).unwrap_or_else(|m| {
            soft.push((Column::To, m));
            t
        }),
    };
    let effect = match text(Column::Effect) {
        e if e.is_empty() => None,
        e => match super::parse_ron::<EventKind>("effect", &e) {
            Ok(k) => Some(k),
            Err(err) => {
                bad.push((Column::Effect, format!("not a world event ({err})")));
                None
            }
        },
    };
    let from = match text(Column::From) {
        f if f.is_empty() => "facilitator".to_string(),
        f => f,
    };
    let expected_ids = names
        .levers(&text(Column::ExpectedIds))
        .unwrap_or_else(|(ids, m)| {
            soft.push((Column::ExpectedIds, m));
            ids
        });
    let inj = match (bad.is_empty(), trigger) {
        (true, Some(trigger)) => Some(InjectSpec {
            seq,
            trigger,
            kind,
            from,
            to,
            description: text(Column::Description),
            expected: text(Column::Expected),
            expected_ids,
            objective: text(Column::Objective),
            effect,
            delivery: text(Column::Delivery),
            controller: text(Column::Controller),
            notes: text(Column::Notes),
        }),
        _ => None,
    };
    bad.extend(soft);
    (inj, bad)
}

fn parse_seq(s: &str) -> Result<u32, String> {
    if s.is_empty() {
        return Err("empty: every inject needs a sequence number".into());
    }
    // A spreadsheet may hold 3 as 3.0.
    let t = s.strip_suffix(".0").unwrap_or(s);
    t.parse::<u32>()
        .map_err(|_| format!("\"{s}\" is not a sequence number (a whole number, 0 or more)"))
}

fn parse_type(s: &str) -> Result<InjectType, String> {
    match normalise(s).as_str() {
        "" | "information" | "info" => Ok(InjectType::Information),
        "event" => Ok(InjectType::Event),
        "media" => Ok(InjectType::Media),
        "social post" | "socialpost" | "post" => Ok(InjectType::SocialPost),
        _ => Err(format!(
            "unknown inject type \"{s}\" (information, event, media, social_post)"
        )),
    }
}

// ---------------------------------------------------------------------------------------------
// Into the scenario file

/// The scenario file's text with its `injects: [...]` list replaced by `injects` (or added
/// before the closing parenthesis when it has none). Everything else in the file, comments
/// included, is kept as it was.
pub fn splice_injects(text: &str, injects: &[InjectSpec]) -> Result<String, String> {
    let list = injects_ron(injects);
    if let Some((start, end)) = find_injects(text) {
        return Ok(format!("{}{list}{}", &text[..start], &text[end..]));
    }
    let close = top_level_close(text).ok_or("the file does not end with the scenario's `)`")?;
    let before = text[..close].trim_end();
    let comma = if before.ends_with(',') || before.ends_with('(') {
        ""
    } else {
        ","
    };
    Ok(format!(
        "{before}{comma}\n    injects: {list},\n{}",
        &text[close..]
    ))
}

/// The injects as RON, one per block, as the library scenarios write them.
pub fn injects_ron(injects: &[InjectSpec]) -> String {
    if injects.is_empty() {
        return "[]".into();
    }
    let q = quote;
    let mut out = String::from("[\n");
    for inj in injects {
        let from = if inj.from == "facilitator" {
            String::new()
        } else {
            format!("from: {}, ", q(&inj.from))
        };
        out.push_str(&format!(
            "        (seq: {}, trigger: {}, type: {}, {from}to: {},\n",
            inj.seq,
            ron_text(&inj.trigger),
            type_text(inj.kind),
            q(&inj.to)
        ));
        out.push_str(&format!("         description: {},\n", q(&inj.description)));
        out.push_str(&format!("         expected: {},\n", q(&inj.expected)));
        out.push_str(&format!(
            "         expected_ids: {}, objective: {}",
            ron_text(&inj.expected_ids),
            q(&inj.objective)
        ));
        if let Some(e) = &inj.effect {
            out.push_str(&format!(",\n         effect: {}", ron_text(e)));
        }
        for (name, v) in [
            ("delivery", &inj.delivery),
            ("controller", &inj.controller),
            ("notes", &inj.notes),
        ] {
            if !v.is_empty() {
                out.push_str(&format!(",\n         {name}: {}", q(v)));
            }
        }
        out.push_str("),\n");
    }
    out.push_str("    ]");
    out
}

/// A RON string literal: only what must be escaped is.
fn quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for ch in s.chars() {
        match ch {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Byte offsets of the top-level `injects` list's `[` and one past its `]`.
fn find_injects(text: &str) -> Option<(usize, usize)> {
    top_level_value(text, "injects", b'[')
}

/// Byte offsets of the value of the scenario's field `key` (opening with `open`, `[` or `(`)
/// and one past its closing bracket.
pub fn top_level_value(text: &str, key: &str, open: u8) -> Option<(usize, usize)> {
    let mut start = None;
    for (i, bracket, depth) in brackets(text) {
        let opening = matches!(bracket, b'(' | b'[' | b'{');
        if opening && depth == 2 && bracket == open && start.is_none() {
            if preceded_by_key(text, i, key) {
                start = Some(i);
            }
        } else if !opening
            && depth == 1
            && let Some(s) = start
        {
            return Some((s, i + 1));
        }
    }
    None
}

/// Every bracket of the RON text outside strings and comments: (byte offset, the bracket,
/// the nesting depth after it).
fn brackets(text: &str) -> Vec<(usize, u8, i32)> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut depth = 0i32;
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'"' => i = skip_string(b, i),
            b'/' if b.get(i + 1) == Some(&b'/') => {
                while i < b.len() && b[i] != b'\n' {
                    i += 1;
                }
            }
            b'/' if b.get(i + 1) == Some(&b'*') => {
                i += 2;
                while i + 1 < b.len() && !(b[i] == b'*' && b[i + 1] == b'/') {
                    i += 1;
                }
                i += 1;
            }
            c @ (b'(' | b'{' | b'[') => {
                depth += 1;
                out.push((i, c, depth));
            }
            c @ (b')' | b'}' | b']') => {
                depth -= 1;
                out.push((i, c, depth));
            }
            _ => {}
        }
        i += 1;
    }
    out
}

/// Index of the last byte of the string literal starting at `i` (its closing quote).
fn skip_string(b: &[u8], mut i: usize) -> usize {
    i += 1;
    while i < b.len() {
        match b[i] {
            b'\\' => i += 1,
            b'"' => return i,
            _ => {}
        }
        i += 1;
    }
    i
}

fn preceded_by_key(text: &str, bracket: usize, key: &str) -> bool {
    let before = text[..bracket].trim_end();
    let Some(before) = before.strip_suffix(':') else {
        return false;
    };
    let before = before.trim_end();
    before.ends_with(key)
        && !before[..before.len() - key.len()]
            .chars()
            .next_back()
            .is_some_and(|c| c.is_alphanumeric() || c == '_')
}

/// Byte offset of the scenario's closing `)`.
fn top_level_close(text: &str) -> Option<usize> {
    brackets(text)
        .into_iter()
        .rev()
        .find(|&(_, c, depth)| depth == 0 && matches!(c, b')' | b']' | b'}'))
        .map(|(i, _, _)| i)
}

// ---------------------------------------------------------------------------------------------
// The command: `breakglass msel import`

/// What an import wrote.
#[derive(Debug)]
pub struct Written {
    pub path: std::path::PathBuf,
    pub injects: usize,
    pub ignored: Vec<String>,
}

/// Read the MSEL in `sheet_path` into the scenario at `scenario_path` and write the scenario
/// with those injects to `out` (default: the scenario file itself, unless it is a library
/// scenario). Nothing is written unless every cell checks and the written file loads again
/// with exactly these injects.
pub fn import_file(
    sheet_path: &Path,
    scenario_path: &Path,
    out: Option<&Path>,
    map: &[String],
    names: &Names,
) -> Result<Written, String> {
    let target = out.unwrap_or(scenario_path);
    if out.is_none() && super::is_library(scenario_path) {
        return Err(format!(
            "{} is a library scenario and is never overwritten: give --out NEW.ron",
            scenario_path.display()
        ));
    }
    let pairs = map
        .iter()
        .map(|m| parse_map_pair(m).map_err(|e| format!("--map {e}")))
        .collect::<Result<Vec<_>, _>>()?;
    let text = super::read_limited(scenario_path).map_err(|e| e.to_string())?;
    let scenario_file = scenario_path.display().to_string();
    let scenario = super::from_str(&scenario_file, &text).map_err(|e| {
        format!("{e}\n(the scenario must check before injects are imported into it)")
    })?;
    let sheet = read_sheet(sheet_path).map_err(|e| e.to_string())?;
    let imported = import(
        &sheet_path.display().to_string(),
        &sheet,
        &scenario,
        &pairs,
        names,
    )
    .map_err(|e| e.to_string())?;
    if !imported.stale_translations.is_empty() {
        let list: Vec<String> = imported
            .stale_translations
            .iter()
            .map(|(lang, seq)| format!("#{seq} ({lang})"))
            .collect();
        return Err(format!(
            "{}: the scenario has translated texts for injects the sheet no longer has: {}; remove them from its translations or keep those sequence numbers (nothing was written)",
            scenario_path.display(),
            list.join(", ")
        ));
    }
    let new_text = splice_injects(&text, &imported.injects)?;
    let reread = super::from_str(&target.display().to_string(), &new_text).map_err(|e| {
        format!("the scenario with these injects does not load (nothing was written):\n{e}")
    })?;
    if reread.injects != imported.injects {
        return Err(
            "the written injects would not read back the same (nothing was written)".into(),
        );
    }
    super::write_atomic(target, new_text.as_bytes())
        .map_err(|e| format!("{}: {e}", target.display()))?;
    Ok(Written {
        path: target.to_path_buf(),
        injects: imported.injects.len(),
        ignored: imported.ignored,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn column_letters_count_like_a_spreadsheet() {
        assert_eq!(column_letters(0), "A");
        assert_eq!(column_letters(25), "Z");
        assert_eq!(column_letters(26), "AA");
        assert_eq!(column_letters(27), "AB");
        assert_eq!(column_letters(701), "ZZ");
        assert_eq!(column_letters(702), "AAA");
    }

    #[test]
    fn the_splice_finds_the_scenarios_own_brackets_past_strings_and_comments() {
        let text = "Scenario(\n    name: \"a ) [ b\", // a ) comment\n    /* ) ] */ seed: 1,\n)\n";
        assert_eq!(top_level_close(text), Some(text.rfind(')').unwrap()));
        let with = splice_injects(text, &[]).unwrap();
        assert!(with.ends_with("seed: 1,\n    injects: [],\n)\n"), "{with}");
        assert_eq!(top_level_value(&with, "injects", b'['), {
            let at = with.find("injects: [").unwrap() + "injects: ".len();
            Some((at, at + 2))
        });
        // A field whose name ends in "injects" is not the injects list.
        assert_eq!(top_level_value("(my_injects: [1])", "injects", b'['), None);
    }

    #[test]
    fn headers_match_by_name_id_or_alias() {
        assert_eq!(Column::from_name("Inject Type"), Some(Column::Type));
        assert_eq!(
            Column::from_name(" expected_ids "),
            Some(Column::ExpectedIds)
        );
        assert_eq!(Column::from_name("Seq."), Some(Column::Sequence));
        assert_eq!(Column::from_name("Status"), None);
    }
}
