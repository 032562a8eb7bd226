//! The summary picture: one PNG with the verdict, the key facts and a QR code of the summary's
//! JSON, for a shop owner to send support through a messaging app. Pure: it draws a
//! [`ShareSummary`] into bytes; the caller writes them.
//!
//! Text is drawn with egui's Latin font and the bundled Noto Sans SC subset (the same fonts
//! the window uses), so Chinese and English both read.

use super::summary::ShareSummary;
use crate::finding::Severity;
use ab_glyph::{Font, FontRef, PxScale, ScaleFont, point};
use image::{Rgb, RgbImage};
use qrcode::{EcLevel, QrCode};

/// The Noto Sans SC subset (GB 2312 and CJK punctuation) the window and the picture draw
/// Chinese with; SIL Open Font License, see `assets/fonts/`.
pub const CJK_FONT: &[u8] = include_bytes!("../../assets/fonts/NotoSansSC-subset.otf");

/// The picture's width in pixels; its height follows the text.
pub const WIDTH: u32 = 760;
const MARGIN: f32 = 32.0;
const LABEL_WIDTH: f32 = 170.0;
/// The most lines any one text may take; longer text ends with "…".
const MAX_LINES: usize = 8;
/// The tallest picture drawn, whatever the text.
const MAX_HEIGHT: u32 = 4000;

const INK: [u8; 3] = [0x1f, 0x23, 0x28];
const MUTED: [u8; 3] = [0x5b, 0x63, 0x6e];
const PAPER: [u8; 3] = [0xff, 0xff, 0xff];

/// The colours that mark a severity everywhere (window banners, the picture): (text, pale fill).
pub fn severity_rgb(severity: Option<Severity>) -> ([u8; 3], [u8; 3]) {
    match severity {
        Some(Severity::Ok) => ([0x1b, 0x7f, 0x3b], [0xe3, 0xf4, 0xe7]),
        Some(Severity::Info) | None => ([0x1f, 0x5f, 0xa8], [0xe4, 0xee, 0xfa]),
        Some(Severity::Warning) => ([0xa8, 0x62, 0x00], [0xfd, 0xf0, 0xd9]),
        Some(Severity::Error) => ([0xb3, 0x1b, 0x1b], [0xfb, 0xe3, 0xe3]),
    }
}

/// Why the picture could not be made.
#[derive(Debug, thiserror::Error)]
pub enum PictureError {
    /// A bundled font could not be read (a broken build).
    #[error("a bundled font could not be read")]
    Font(#[from] ab_glyph::InvalidFont),
    /// The QR code could not hold the JSON.
    #[error("the QR code could not be made")]
    Qr(#[from] qrcode::types::QrError),
    /// PNG encoding failed.
    #[error("the picture could not be encoded")]
    Encode(#[from] image::ImageError),
}

impl PictureError {
    /// The error in the user's language.
    pub fn message(&self, lang: crate::i18n::Lang) -> &'static str {
        crate::i18n::Text::new(
            "The summary picture could not be made.",
            "无法生成摘要图片。",
        )
        .get(lang)
    }
}

struct Fonts<'a> {
    latin: FontRef<'a>,
    cjk: FontRef<'a>,
}

impl Fonts<'_> {
    fn load() -> Result<Self, PictureError> {
        Ok(Fonts {
            latin: FontRef::try_from_slice(epaint_default_fonts::UBUNTU_LIGHT)?,
            cjk: FontRef::try_from_slice(CJK_FONT)?,
        })
    }

    /// The font that has `c` (Latin first, then Chinese).
    fn for_char(&self, c: char) -> &FontRef<'_> {
        if self.latin.glyph_id(c).0 != 0 {
            &self.latin
        } else {
            &self.cjk
        }
    }

    fn advance(&self, c: char, size: f32) -> f32 {
        let f = self.for_char(c);
        f.as_scaled(PxScale::from(size)).h_advance(f.glyph_id(c))
    }

    fn width(&self, s: &str, size: f32) -> f32 {
        s.chars().map(|c| self.advance(c, size)).sum()
    }

    /// `text` broken into lines no wider than `max`: at spaces between Latin words, anywhere
    /// between Chinese characters; at most [`MAX_LINES`].
    fn wrap(&self, text: &str, size: f32, max: f32) -> Vec<String> {
        let mut lines = Vec::new();
        for para in text.lines() {
            let mut line = String::new();
            for token in tokens(para) {
                let candidate = format!("{line}{token}");
                if self.width(candidate.trim_end(), size) <= max || line.is_empty() {
                    line = candidate;
                } else {
                    lines.push(line.trim_end().to_owned());
                    line = token.trim_start().to_owned();
                }
                while self.width(line.trim_end(), size) > max && line.chars().count() > 1 {
                    let split = self.fit(&line, size, max);
                    lines.push(line[..split].to_owned());
                    line = line[split..].to_owned();
                }
            }
            lines.push(line.trim_end().to_owned());
        }
        if lines.len() > MAX_LINES {
            lines.truncate(MAX_LINES);
            if let Some(last) = lines.last_mut() {
                last.push('…');
            }
        }
        lines
    }

    /// The byte index where `s` stops fitting in `max` (at least one character).
    fn fit(&self, s: &str, size: f32, max: f32) -> usize {
        let mut w = 0.0;
        for (i, c) in s.char_indices() {
            w += self.advance(c, size);
            if w > max && i > 0 {
                return i;
            }
        }
        s.len()
    }
}

/// Latin words with their trailing spaces, and single other characters (Chinese breaks
/// anywhere).
fn tokens(s: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut word = String::new();
    for c in s.chars() {
        if c.is_ascii() && !c.is_ascii_whitespace() {
            word.push(c);
        } else if c == ' ' {
            word.push(c);
            out.push(std::mem::take(&mut word));
        } else {
            if !word.is_empty() {
                out.push(std::mem::take(&mut word));
            }
            out.push(c.to_string());
        }
    }
    if !word.is_empty() {
        out.push(word);
    }
    out
}

enum Op {
    Rect {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        color: [u8; 3],
    },
    Text {
        x: f32,
        y: f32,
        size: f32,
        color: [u8; 3],
        text: String,
    },
}

/// Lays the picture out top to bottom, then draws it.
struct Layout<'a> {
    fonts: &'a Fonts<'a>,
    ops: Vec<Op>,
    y: f32,
}

impl Layout<'_> {
    fn text(&mut self, x: f32, max: f32, size: f32, color: [u8; 3], text: &str) -> f32 {
        let line_h = size * 1.4;
        let lines = self.fonts.wrap(text, size, max);
        let n = lines.len();
        for (i, line) in lines.into_iter().enumerate() {
            self.ops.push(Op::Text {
                x,
                y: self.y + line_h * i as f32,
                size,
                color,
                text: line,
            });
        }
        line_h * n as f32
    }

    fn paragraph(&mut self, size: f32, color: [u8; 3], text: &str) {
        let w = WIDTH as f32 - 2.0 * MARGIN;
        self.y += self.text(MARGIN, w, size, color, text);
    }

    fn row(&mut self, label: &str, value: &str, size: f32) {
        let w = WIDTH as f32 - 2.0 * MARGIN - LABEL_WIDTH;
        let h1 = self.text(MARGIN, LABEL_WIDTH - 12.0, 17.0, MUTED, label);
        let h2 = self.text(MARGIN + LABEL_WIDTH, w, size, INK, value);
        self.y += h1.max(h2) + 4.0;
    }
}

/// Draws `summary` as a PNG: a coloured band with the title and severity, the time, the
/// verdict, the key facts, and a QR code of [`ShareSummary::json`].
pub fn render_png(summary: &ShareSummary) -> Result<Vec<u8>, PictureError> {
    let fonts = Fonts::load()?;
    let (strong, fill) = severity_rgb(summary.verdict.severity);
    let mut l = Layout {
        fonts: &fonts,
        ops: Vec::new(),
        y: 0.0,
    };
    l.ops.push(Op::Rect {
        x: 0.0,
        y: 0.0,
        w: WIDTH as f32,
        h: 64.0,
        color: strong,
    });
    l.y = 16.0;
    l.text(MARGIN, WIDTH as f32 - 260.0, 26.0, PAPER, &summary.title);
    if let Some(s) = summary.verdict.severity {
        let label = s.label(summary.lang);
        let x = WIDTH as f32 - MARGIN - fonts.width(label, 24.0);
        l.text(x, 200.0, 24.0, PAPER, label);
    }
    l.y = 80.0;
    l.paragraph(17.0, MUTED, &summary.when);
    l.y += 10.0;
    let verdict_top = l.y;
    l.y += 14.0;
    let lines = summary.verdict_lines();
    for (i, (label, value)) in lines.iter().enumerate() {
        l.row(label, value, if i == 0 { 24.0 } else { 20.0 });
    }
    l.y += 10.0;
    l.ops.insert(
        1,
        Op::Rect {
            x: MARGIN - 12.0,
            y: verdict_top,
            w: WIDTH as f32 - 2.0 * MARGIN + 24.0,
            h: l.y - verdict_top,
            color: fill,
        },
    );
    l.y += 16.0;
    for (label, value) in &summary.facts {
        l.row(label, value, 19.0);
    }
    l.y += 16.0;
    let qr = QrCode::with_error_correction_level(summary.json.as_bytes(), EcLevel::L)?;
    let modules = qr.width();
    let quiet = 4;
    let px = (340 / (modules + 2 * quiet)).clamp(2, 6) as f32;
    let side = px * (modules + 2 * quiet) as f32;
    let qr_x = ((WIDTH as f32 - side) / 2.0).round();
    let qr_y = l.y.round();
    for (i, color) in qr.to_colors().into_iter().enumerate() {
        if color == qrcode::Color::Dark {
            l.ops.push(Op::Rect {
                x: qr_x + px * (quiet + i % modules) as f32,
                y: qr_y + px * (quiet + i / modules) as f32,
                w: px,
                h: px,
                color: [0, 0, 0],
            });
        }
    }
    l.y += side + 4.0;
    l.paragraph(15.0, MUTED, &summary.footer);
    let height = ((l.y + MARGIN / 2.0) as u32).min(MAX_HEIGHT);
    let mut img = RgbImage::from_pixel(WIDTH, height, Rgb(PAPER));
    for op in &l.ops {
        draw(&mut img, &fonts, op);
    }
    let mut png = Vec::new();
    img.write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png)?;
    Ok(png)
}

fn draw(img: &mut RgbImage, fonts: &Fonts<'_>, op: &Op) {
    match op {
        Op::Rect { x, y, w, h, color } => {
            let (x0, y0) = (x.max(0.0) as u32, y.max(0.0) as u32);
            let x1 = ((x + w) as u32).min(img.width());
            let y1 = ((y + h) as u32).min(img.height());
            for py in y0..y1 {
                for px in x0..x1 {
                    img.put_pixel(px, py, Rgb(*color));
                }
            }
        }
        Op::Text {
            x,
            y,
            size,
            color,
            text,
        } => {
            let mut pen = *x;
            for c in text.chars() {
                let font = fonts.for_char(c);
                let scaled = font.as_scaled(PxScale::from(*size));
                let baseline = y + scaled.ascent();
                let glyph = font
                    .glyph_id(c)
                    .with_scale_and_position(*size, point(pen, baseline));
                pen += scaled.h_advance(font.glyph_id(c));
                let Some(outline) = font.outline_glyph(glyph) else {
                    continue;
                };
                let b = outline.px_bounds();
                outline.draw(|gx, gy, coverage| {
                    let px = b.min.x as i64 + i64::from(gx);
                    let py = b.min.y as i64 + i64::from(gy);
                    if let (Ok(px), Ok(py)) = (u32::try_from(px), u32::try_from(py))
                        && px < img.width()
                        && py < img.height()
                    {
                        let under = img.get_pixel(px, py).0;
                        let a = coverage.clamp(0.0, 1.0);
                        let mix = |i: usize| {
                            (f32::from(under[i]) * (1.0 - a) + f32::from(color[i]) * a).round()
                                as u8
                        };
                        img.put_pixel(px, py, Rgb([mix(0), mix(1), mix(2)]));
                    }
                });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;
    use crate::report::Report;
    use crate::report::export::ExportOptions;
    use crate::report::summary::summary;

    fn picture(lang: Lang, scenario: crate::card::sim::scenarios::Scenario) -> RgbImage {
        let now = chrono::DateTime::parse_from_rfc3339("2026-12-06T14:54:56+08:00").unwrap();
        let mut r = Report::new(now, lang);
        let probe = crate::card::probe::probe_scenario(scenario, &Default::default());
        r.add_probe(now, probe);
        let s = summary(&r, &ExportOptions::for_report(&r)).unwrap();
        let png = render_png(&s).unwrap();
        assert!(png.starts_with(b"\x89PNG"));
        image::load_from_memory(&png).unwrap().to_rgb8()
    }

    #[test]
    fn draws_band_text_and_qr() {
        for lang in Lang::ALL {
            let img = picture(lang, crate::card::sim::scenarios::Scenario::Expired);
            assert_eq!(img.width(), WIDTH);
            assert!(img.height() > 400 && img.height() < MAX_HEIGHT);
            let (strong, _) = severity_rgb(Some(Severity::Error));
            assert_eq!(img.get_pixel(2, 2).0, strong, "the band shows the severity");
            let dark = img.pixels().filter(|p| p.0 == [0, 0, 0]).count();
            assert!(dark > 500, "the QR code is drawn ({dark} black pixels)");
            let inked = img
                .pixels()
                .filter(|p| p.0 != PAPER && p.0 != [0, 0, 0])
                .count();
            assert!(inked > 5000, "text is drawn ({inked} pixels)");
        }
    }

    #[test]
    fn wraps_latin_at_spaces_and_chinese_anywhere() {
        let fonts = Fonts::load().unwrap();
        let lines = fonts.wrap("call the bank now please", 20.0, 90.0);
        assert!(lines.len() > 1 && lines.iter().all(|l| !l.starts_with(' ')));
        assert!(
            lines
                .iter()
                .all(|l| !l.contains("ban") || l.contains("bank"))
        );
        let zh = fonts.wrap(&"请联系发卡银行".repeat(10), 20.0, 200.0);
        assert!(zh.len() > 2 && zh.len() <= MAX_LINES);
        let long = fonts.wrap(&"字".repeat(2000), 20.0, 200.0);
        assert_eq!(long.len(), MAX_LINES);
        assert!(long[MAX_LINES - 1].ends_with('…'));
    }
}
