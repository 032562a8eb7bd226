//! Where things are in a guide's source text, so validation errors can point at
//! `line:column`.
//!
//! A light scan of the RON text (no second parse) records, for every string value and every
//! bracketed value, its path in the document (`nodes[3].answers[1].to`) and its position. The
//! serde model keeps list order, so `nodes[3]` in the model is `nodes[3]` here.

use std::collections::BTreeMap;

/// A 1-based line and column (columns count characters, as ron does).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Pos {
    /// Line, from 1.
    pub line: usize,
    /// Column, from 1.
    pub column: usize,
}

/// Paths of a guide's source text and their positions.
#[derive(Clone, Debug, Default)]
pub struct SourceMap {
    values: BTreeMap<String, Pos>,
    frames: BTreeMap<String, Pos>,
    line_starts: Vec<usize>,
}

#[derive(Clone, Debug, PartialEq)]
enum Tok {
    Ident(String),
    Str(String),
    Open(char),
    Close,
    Colon,
    Comma,
    Other,
}

struct Frame {
    path: String,
    list: bool,
    index: usize,
}

fn join(base: &str, key: &str) -> String {
    if base.is_empty() {
        key.to_owned()
    } else {
        format!("{base}.{key}")
    }
}

impl SourceMap {
    /// Scans `text`. Never fails: text it cannot follow simply yields fewer paths.
    pub fn scan(text: &str) -> SourceMap {
        let toks = tokenize(text);
        let mut map = SourceMap {
            line_starts: std::iter::once(0)
                .chain(text.match_indices('\n').map(|(i, _)| i + 1))
                .collect(),
            ..SourceMap::default()
        };
        let mut stack = vec![Frame {
            path: String::new(),
            list: false,
            index: 0,
        }];
        let mut pending: Option<String> = None;
        for (i, (tok, pos)) in toks.iter().enumerate() {
            let next_is_colon = matches!(toks.get(i + 1), Some((Tok::Colon, _)));
            let Some(top) = stack.last_mut() else { break };
            let here = if top.list {
                format!("{}[{}]", top.path, top.index)
            } else {
                match &pending {
                    Some(k) => join(&top.path, k),
                    None => top.path.clone(),
                }
            };
            match tok {
                Tok::Ident(name) if next_is_colon && !top.list => pending = Some(name.clone()),
                Tok::Str(s) if next_is_colon && !top.list => pending = Some(s.clone()),
                Tok::Str(_) => {
                    map.values.entry(here).or_insert(*pos);
                }
                Tok::Open(c) => {
                    map.frames.entry(here.clone()).or_insert(*pos);
                    pending = None;
                    stack.push(Frame {
                        path: here,
                        list: *c == '[',
                        index: 0,
                    });
                }
                Tok::Close => {
                    if stack.len() > 1 {
                        stack.pop();
                    }
                    pending = None;
                }
                Tok::Comma => {
                    if top.list {
                        top.index += 1;
                    }
                    pending = None;
                }
                Tok::Ident(_) | Tok::Colon | Tok::Other => {}
            }
        }
        map
    }

    /// The position of the string value at `path` (e.g. `nodes[2].id`).
    pub fn value(&self, path: &str) -> Option<Pos> {
        self.values.get(path).copied()
    }

    /// The best position for `path`: the string value there, else the opening bracket of the
    /// value there, else the same for the nearest enclosing path, else 1:1.
    pub fn at(&self, path: &str) -> Pos {
        let mut p = path;
        loop {
            if let Some(pos) = self.values.get(p).or_else(|| self.frames.get(p)) {
                return *pos;
            }
            match p.rfind(['.', '[']) {
                Some(cut) => p = &p[..cut],
                None => {
                    return self
                        .frames
                        .get("")
                        .copied()
                        .unwrap_or(Pos { line: 1, column: 1 });
                }
            }
        }
    }
}

impl SourceMap {
    /// The position of the character `offset` characters into the string literal that starts
    /// (with its opening quote) at `at` in `text`; escapes count as the one character they
    /// stand for. `at` itself when `text` has no string there.
    pub fn inside_string(&self, text: &str, at: Pos, offset: usize) -> Pos {
        let Some(rest) = self
            .line_starts
            .get(at.line.saturating_sub(1))
            .and_then(|&b| text.get(b..))
        else {
            return at;
        };
        let mut cur = Cursor {
            chars: rest.chars().peekable(),
            line: at.line,
            column: 1,
        };
        for _ in 1..at.column {
            cur.bump();
        }
        if cur.bump() != Some('"') {
            return at;
        }
        for _ in 0..offset {
            match cur.bump() {
                Some('\\') => {
                    cur.bump();
                }
                Some('"') | None => return at,
                Some(_) => {}
            }
        }
        cur.pos()
    }
}

struct Cursor<'a> {
    chars: std::iter::Peekable<std::str::Chars<'a>>,
    line: usize,
    column: usize,
}

impl Cursor<'_> {
    fn pos(&self) -> Pos {
        Pos {
            line: self.line,
            column: self.column,
        }
    }
    fn peek(&mut self) -> Option<char> {
        self.chars.peek().copied()
    }
    fn bump(&mut self) -> Option<char> {
        let c = self.chars.next()?;
        if c == '\n' {
            self.line += 1;
            self.column = 1;
        } else {
            self.column += 1;
        }
        Some(c)
    }
}

fn tokenize(text: &str) -> Vec<(Tok, Pos)> {
    let mut cur = Cursor {
        chars: text.chars().peekable(),
        line: 1,
        column: 1,
    };
    let mut out = Vec::new();
    while let Some(c) = cur.peek() {
        let pos = cur.pos();
        match c {
            c if c.is_whitespace() => {
                cur.bump();
            }
            '/' => {
                cur.bump();
                match cur.peek() {
                    Some('/') => {
                        while cur.peek().is_some_and(|c| c != '\n') {
                            cur.bump();
                        }
                    }
                    Some('*') => {
                        cur.bump();
                        skip_block_comment(&mut cur);
                    }
                    _ => out.push((Tok::Other, pos)),
                }
            }
            '"' => {
                cur.bump();
                out.push((Tok::Str(read_string(&mut cur)), pos));
            }
            '\'' => {
                cur.bump();
                while let Some(c) = cur.bump() {
                    match c {
                        '\\' => {
                            cur.bump();
                        }
                        '\'' => break,
                        _ => {}
                    }
                }
                out.push((Tok::Other, pos));
            }
            '(' | '[' | '{' => {
                cur.bump();
                out.push((Tok::Open(c), pos));
            }
            ')' | ']' | '}' => {
                cur.bump();
                out.push((Tok::Close, pos));
            }
            ':' => {
                cur.bump();
                out.push((Tok::Colon, pos));
            }
            ',' => {
                cur.bump();
                out.push((Tok::Comma, pos));
            }
            c if c.is_alphanumeric() || c == '_' => {
                let mut word = String::new();
                while let Some(c) = cur.peek() {
                    if c.is_alphanumeric() || c == '_' || c == '.' || c == '+' || c == '-' {
                        word.push(c);
                        cur.bump();
                    } else {
                        break;
                    }
                }
                if (word == "r" || word == "br") && matches!(cur.peek(), Some('"' | '#')) {
                    out.push((Tok::Str(read_raw_string(&mut cur)), pos));
                } else if word == "b" && cur.peek() == Some('"') {
                    cur.bump();
                    out.push((Tok::Str(read_string(&mut cur)), pos));
                } else {
                    out.push((Tok::Ident(word), pos));
                }
            }
            '#' => {
                cur.bump();
                if cur.peek() == Some('!') {
                    // An attribute such as `#![enable(implicit_some)]`: skip to its end.
                    while cur.peek().is_some_and(|c| c != ']') {
                        cur.bump();
                    }
                    cur.bump();
                }
            }
            _ => {
                cur.bump();
                out.push((Tok::Other, pos));
            }
        }
    }
    out
}

fn skip_block_comment(cur: &mut Cursor<'_>) {
    let mut depth = 1usize;
    while depth > 0 {
        match cur.bump() {
            None => return,
            Some('*') if cur.peek() == Some('/') => {
                cur.bump();
                depth -= 1;
            }
            Some('/') if cur.peek() == Some('*') => {
                cur.bump();
                depth += 1;
            }
            Some(_) => {}
        }
    }
}

/// Reads a quoted string after its opening `"`, decoding the simple escapes (enough to match
/// map keys).
fn read_string(cur: &mut Cursor<'_>) -> String {
    let mut s = String::new();
    while let Some(c) = cur.bump() {
        match c {
            '"' => break,
            '\\' => match cur.bump() {
                Some('n') => s.push('\n'),
                Some('t') => s.push('\t'),
                Some(other) => s.push(other),
                None => break,
            },
            c => s.push(c),
        }
    }
    s
}

/// Reads a raw string `r#"…"#` after its `r`.
fn read_raw_string(cur: &mut Cursor<'_>) -> String {
    let mut hashes = 0usize;
    while cur.peek() == Some('#') {
        hashes += 1;
        cur.bump();
    }
    if cur.peek() != Some('"') {
        return String::new();
    }
    cur.bump();
    let mut s = String::new();
    while let Some(c) = cur.bump() {
        if c == '"' {
            let mut seen = 0usize;
            while seen < hashes && cur.peek() == Some('#') {
                cur.bump();
                seen += 1;
            }
            if seen == hashes {
                break;
            }
            s.push('"');
            s.extend(std::iter::repeat_n('#', seen));
        } else {
            s.push(c);
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_follow_structure() {
        let text = "Guide(\n  id: \"g\",\n  nodes: [\n    Question(id: \"a\", answers: [(label: (en: \"x\"), to: \"b\"), (to: \"c\")]),\n    // a comment with \"quotes\"\n    Outcome(id: \"b\", params: {\"host\": \"h:1\"}),\n  ],\n)";
        let m = SourceMap::scan(text);
        assert_eq!(m.value("id"), Some(Pos { line: 2, column: 7 }));
        assert_eq!(
            m.value("nodes[0].id"),
            Some(Pos {
                line: 4,
                column: 18
            })
        );
        assert_eq!(
            m.value("nodes[0].answers[0].label.en"),
            Some(Pos {
                line: 4,
                column: 46
            })
        );
        assert_eq!(
            m.value("nodes[0].answers[1].to"),
            Some(Pos {
                line: 4,
                column: 67
            })
        );
        assert_eq!(
            m.value("nodes[1].id"),
            Some(Pos {
                line: 6,
                column: 17
            })
        );
        assert_eq!(
            m.value("nodes[1].params.host"),
            Some(Pos {
                line: 6,
                column: 39
            })
        );
        assert_eq!(
            m.at("nodes[0].answers[1].label"),
            Pos {
                line: 4,
                column: 62
            }
        );
    }
}
