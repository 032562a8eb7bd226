//! Country (ISO 3166-1) and currency (ISO 4217) names by numeric code, in both languages, so
//! a card's issuer country `5F28` reads "美国 / United States" instead of `840`. Pure.
//!
//! The tables are generated from Debian's iso-codes by `scripts/gen-iso-tables.py`.

use crate::i18n::{Lang, Text};

#[path = "iso_data.rs"]
mod data;

/// One row of a table: numeric code, alphabetic code and the two names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct IsoEntry {
    /// The numeric code, e.g. 840.
    pub numeric: u16,
    /// The alphabetic code: alpha-2 for a country (`US`), alpha-3 for a currency (`USD`).
    pub alpha: &'static str,
    /// The name in both languages.
    pub name: Text,
}

fn find(
    table: &'static [(u16, &'static str, &'static str, &'static str)],
    numeric: u16,
) -> Option<IsoEntry> {
    table
        .binary_search_by_key(&numeric, |row| row.0)
        .ok()
        .map(|i| {
            let (numeric, alpha, en, zh) = table[i];
            IsoEntry {
                numeric,
                alpha,
                name: Text::new(en, zh),
            }
        })
}

/// The numeric value of a code as a card or terminal stores it: three or four decimal digits
/// (`"840"`, `"0840"`).
fn parse_code(code: &str) -> Option<u16> {
    let code = code.trim();
    if code.is_empty() || code.len() > 4 || !code.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    code.parse().ok()
}

/// The country with ISO 3166-1 numeric code `numeric`.
pub fn country(numeric: u16) -> Option<IsoEntry> {
    find(data::COUNTRIES, numeric)
}

/// The currency with ISO 4217 numeric code `numeric`.
pub fn currency(numeric: u16) -> Option<IsoEntry> {
    find(data::CURRENCIES, numeric)
}

/// A country code as a person reads it in `lang`: `美国` / `United States`; an unknown or
/// malformed code is shown as given, so nothing is lost.
pub fn country_name(code: &str, lang: Lang) -> String {
    parse_code(code)
        .and_then(country)
        .map_or_else(|| code.to_owned(), |e| e.name.get(lang).to_owned())
}

/// A currency code as a person reads it in `lang`: `美元` / `US Dollar (USD)`; an unknown
/// or malformed code is shown as given.
pub fn currency_name(code: &str, lang: Lang) -> String {
    match parse_code(code).and_then(currency) {
        Some(e) => match lang {
            Lang::En => format!("{} ({})", e.name.en, e.alpha),
            Lang::ZhCn => e.name.zh.to_owned(),
        },
        None => code.to_owned(),
    }
}

/// A country code with its name, for technical views and exports: `840 美国`.
pub fn country_with_code(code: &str, lang: Lang) -> String {
    with_code(code, &country_name(code, lang))
}

/// A currency code with its name, for technical views and exports: `840 美元`.
pub fn currency_with_code(code: &str, lang: Lang) -> String {
    with_code(code, &currency_name(code, lang))
}

/// A code with its name: `840 美国`; the code alone when it has no name.
fn with_code(code: &str, name: &str) -> String {
    if name == code {
        code.to_owned()
    } else {
        format!("{code} {name}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_are_sorted_and_unique() {
        for table in [data::COUNTRIES, data::CURRENCIES] {
            assert!(table.windows(2).all(|w| w[0].0 < w[1].0));
            assert!(table.iter().all(|r| !r.2.is_empty() && !r.3.is_empty()));
        }
        assert!(data::COUNTRIES.len() >= 249);
        assert!(data::CURRENCIES.len() >= 150);
    }

    #[test]
    fn names_in_both_languages() {
        assert_eq!(country_name("840", Lang::ZhCn), "美国");
        assert_eq!(country_name("0840", Lang::En), "United States");
        assert_eq!(country_name("156", Lang::ZhCn), "中国");
        assert_eq!(country_name("344", Lang::ZhCn), "中国香港");
        assert_eq!(currency_name("0156", Lang::ZhCn), "人民币");
        assert_eq!(currency_name("840", Lang::En), "US Dollar (USD)");
        assert_eq!(currency_name("978", Lang::ZhCn), "欧元");
        assert_eq!(country(826).map(|e| e.alpha), Some("GB"));
    }

    #[test]
    fn unknown_or_malformed_codes_are_kept() {
        assert_eq!(country_name("999", Lang::ZhCn), "999");
        assert_eq!(country_name("84a", Lang::En), "84a");
        assert_eq!(country_name("", Lang::En), "");
        assert_eq!(currency_name("12345", Lang::En), "12345");
        assert_eq!(country_with_code("840", Lang::ZhCn), "840 美国");
        assert_eq!(
            currency_with_code("156", Lang::En),
            "156 Yuan Renminbi (CNY)"
        );
        assert_eq!(country_with_code("999", Lang::En), "999");
    }
}
