//! Where each value sits in a RON file, so semantic errors can name file:line:col.
//!
//! serde throws positions away once a file has parsed, so this walks the RON text once more
//! (a small tolerant scanner, not a second parser) and records, for every path such as
//! `districts[2].population` or `districts[0].groups.Arun`, the line and column where it starts.

use std::collections::BTreeMap;

/// 1-based line and column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Pos {
    pub line: usize,
    pub col: usize,
}

#[derive(Debug, Default)]
pub struct SpanIndex {
    spans: BTreeMap<String, Pos>,
}

impl SpanIndex {
    pub fn build(text: &str) -> Self {
        let mut scanner = Scanner {
            chars: text.chars().collect(),
            i: 0,
            line: 1,
            col: 1,
            spans: BTreeMap::new(),
        };
        scanner.value("");
        SpanIndex {
            spans: scanner.spans,
        }
    }

    /// The position of `path`, or of its nearest ancestor that was found.
    pub fn locate(&self, path: &str) -> Pos {
        let mut p = path.to_string();
        loop {
            if let Some(pos) = self.spans.get(&p) {
                return *pos;
            }
            match p.rfind(['.', '[']) {
                Some(cut) => p.truncate(cut),
                None => {
                    return self
                        .spans
                        .get("")
                        .copied()
                        .unwrap_or(Pos { line: 1, col: 1 });
                }
            }
        }
    }
}

struct Scanner {
    chars: Vec<char>,
    i: usize,
    line: usize,
    col: usize,
    spans: BTreeMap<String, Pos>,
}

impl Scanner {
    fn peek(&self) -> Option<char> {
        self.chars.get(self.i).copied()
    }
    fn peek_at(&self, k: usize) -> Option<char> {
        self.chars.get(self.i + k).copied()
    }
    fn bump(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.i += 1;
        if c == '\n' {
            self.line += 1;
            self.col = 1;
        } else {
            self.col += 1;
        }
        Some(c)
    }
    fn pos(&self) -> Pos {
        Pos {
            line: self.line,
            col: self.col,
        }
    }

    fn skip_ws(&mut self) {
        loop {
            match (self.peek(), self.peek_at(1)) {
                (Some(c), _) if c.is_whitespace() => {
                    self.bump();
                }
                (Some('/'), Some('/')) => {
                    while let Some(c) = self.bump() {
                        if c == '\n' {
                            break;
                        }
                    }
                }
                (Some('/'), Some('*')) => {
                    self.bump();
                    self.bump();
                    let mut depth = 1;
                    while depth > 0 {
                        match (self.bump(), self.peek()) {
                            (None, _) => return,
                            (Some('*'), Some('/')) => {
                                self.bump();
                                depth -= 1;
                            }
                            (Some('/'), Some('*')) => {
                                self.bump();
                                depth += 1;
                            }
                            _ => {}
                        }
                    }
                }
                _ => return,
            }
        }
    }

    fn ident(&mut self) -> String {
        let mut s = String::new();
        if self.peek() == Some('r') && self.peek_at(1) == Some('#') {
            self.bump();
            self.bump();
        }
        while let Some(c) = self.peek() {
            if c.is_alphanumeric() || c == '_' {
                s.push(c);
                self.bump();
            } else {
                break;
            }
        }
        s
    }

    fn string(&mut self) -> String {
        let mut s = String::new();
        if self.peek() == Some('r') {
            self.bump();
            let mut hashes = 0;
            while self.peek() == Some('#') {
                hashes += 1;
                self.bump();
            }
            self.bump(); // opening quote
            while let Some(c) = self.bump() {
                if c == '"' {
                    let mut n = 0;
                    while n < hashes && self.peek() == Some('#') {
                        self.bump();
                        n += 1;
                    }
                    if n == hashes {
                        break;
                    }
                    s.push('"');
                } else {
                    s.push(c);
                }
            }
            return s;
        }
        self.bump(); // opening quote
        while let Some(c) = self.bump() {
            match c {
                '\\' => {
                    if let Some(e) = self.bump() {
                        s.push(e);
                    }
                }
                '"' => break,
                _ => s.push(c),
            }
        }
        s
    }

    /// Is the next thing `ident :` (a struct field) rather than a value?
    fn at_field(&self) -> bool {
        let mut k = self.i;
        while k < self.chars.len() && (self.chars[k].is_alphanumeric() || self.chars[k] == '_') {
            k += 1;
        }
        if k == self.i {
            return false;
        }
        while k < self.chars.len() && self.chars[k].is_whitespace() {
            k += 1;
        }
        k < self.chars.len() && self.chars[k] == ':' && self.chars.get(k + 1) != Some(&':')
    }

    fn record(&mut self, path: &str, pos: Pos) {
        self.spans.entry(path.to_string()).or_insert(pos);
    }

    fn value(&mut self, path: &str) {
        self.skip_ws();
        let start = self.pos();
        self.record(path, start);
        match self.peek() {
            None => {}
            Some('"') => {
                self.string();
            }
            Some('r') if matches!(self.peek_at(1), Some('"') | Some('#')) => {
                self.string();
            }
            Some('\'') => {
                self.bump();
                while let Some(c) = self.bump() {
                    if c == '\\' {
                        self.bump();
                    } else if c == '\'' {
                        break;
                    }
                }
            }
            Some('[') => self.list(path),
            Some('{') => self.map(path),
            Some('(') => self.parens(path),
            Some(c) if c.is_alphabetic() || c == '_' => {
                self.ident();
                self.skip_ws();
                if self.peek() == Some('(') {
                    self.parens(path);
                }
            }
            Some(_) => {
                // number or other scalar
                while let Some(c) = self.peek() {
                    if c.is_alphanumeric() || matches!(c, '.' | '-' | '+' | '_') {
                        self.bump();
                    } else {
                        break;
                    }
                }
            }
        }
    }

    /// `[ value, ... ]`: each element at `path[i]`.
    fn list(&mut self, path: &str) {
        self.bump();
        let mut index = 0;
        loop {
            self.skip_ws();
            match self.peek() {
                None => return,
                Some(']') => {
                    self.bump();
                    return;
                }
                Some(',') => {
                    self.bump();
                }
                _ => {
                    let before = self.i;
                    self.value(&format!("{path}[{index}]"));
                    index += 1;
                    if self.i == before {
                        self.bump();
                    }
                }
            }
        }
    }

    /// `{ key: value, ... }`: each value at `path.key`.
    fn map(&mut self, path: &str) {
        self.bump();
        loop {
            self.skip_ws();
            match self.peek() {
                None => return,
                Some('}') => {
                    self.bump();
                    return;
                }
                Some(',') => {
                    self.bump();
                }
                _ => {
                    let key_pos = self.pos();
                    let key = if self.peek() == Some('"') {
                        self.string()
                    } else {
                        let before = self.i;
                        let k = self.ident();
                        if self.i == before {
                            self.bump();
                        }
                        k
                    };
                    let child = join(path, &key);
                    self.record(&child, key_pos);
                    self.skip_ws();
                    if self.peek() == Some(':') {
                        self.bump();
                        self.value(&child);
                    }
                }
            }
        }
    }

    /// `( field: value, ... )` or `( value, ... )`.
    fn parens(&mut self, path: &str) {
        self.bump();
        let mut index = 0;
        loop {
            self.skip_ws();
            match self.peek() {
                None => return,
                Some(')') => {
                    self.bump();
                    return;
                }
                Some(',') => {
                    self.bump();
                }
                _ if self.at_field() => {
                    let key_pos = self.pos();
                    let key = self.ident();
                    let child = join(path, &key);
                    self.record(&child, key_pos);
                    self.skip_ws();
                    self.bump(); // ':'
                    self.value_keep(&child);
                }
                _ => {
                    let before = self.i;
                    // A tuple element: `Some(x)` and newtypes keep their parent's path for index 0.
                    self.value(&format!("{path}.{index}"));
                    index += 1;
                    if self.i == before {
                        self.bump();
                    }
                }
            }
        }
    }

    /// Like `value`, but keeps an already recorded field-name position for `path`.
    fn value_keep(&mut self, path: &str) {
        self.value(path);
    }
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = r#"// a comment
Scenario(
    name: "x",
    districts: [
        District(name: "A", groups: {"Arun": 0.5, "Tesh": 0.5}),
        (name: "B", hex: (1, 2), /* note */ population: -5),
    ],
    events: [ (turn: 3, event: InternetShutdown(district: "Nowhere", turns: 2)) ],
)"#;

    #[test]
    fn finds_fields_list_items_map_keys_and_enum_fields() {
        let idx = SpanIndex::build(TEXT);
        assert_eq!(idx.locate("name"), Pos { line: 3, col: 5 });
        assert_eq!(idx.locate("districts[0]"), Pos { line: 5, col: 9 });
        assert_eq!(
            idx.locate("districts[0].groups.Tesh"),
            Pos { line: 5, col: 51 }
        );
        assert_eq!(
            idx.locate("districts[1].population"),
            Pos { line: 6, col: 45 }
        );
        assert_eq!(idx.locate("districts[1].hex.1"), Pos { line: 6, col: 30 });
        assert_eq!(
            idx.locate("events[0].event.district"),
            Pos { line: 8, col: 49 }
        );
    }

    #[test]
    fn unknown_paths_fall_back_to_the_nearest_ancestor() {
        let idx = SpanIndex::build(TEXT);
        assert_eq!(
            idx.locate("districts[1].nonexistent"),
            Pos { line: 6, col: 9 }
        );
        assert_eq!(idx.locate("nothing.at.all"), Pos { line: 2, col: 1 });
    }
}
