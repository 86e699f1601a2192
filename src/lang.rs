//! The language a learner reads: English or Korean, chosen by `--lang` or by the locale.
//!
//! Without `--lang`, the POSIX locale variables decide, read in their order of precedence (LC_ALL,
//! then LC_MESSAGES, then LANG; an empty variable counts as unset). A locale
//! whose language is Korean (`ko`, `ko_KR.UTF-8`, `ko_KR.eucKR`, `ko@…`) chooses Korean; anything
//! else, including `C` and `POSIX`, chooses English.

use serde::Serialize;

/// The language of the explanations.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    En,
    /// Korean (한국어), in the formal 합니다 style of Korean textbooks.
    Ko,
}

impl Lang {
    /// Picks this language's column of a table that holds a phrase in every language.
    pub fn pick<'t>(self, english: &'t str, korean: &'t str) -> &'t str {
        match self {
            Lang::En => english,
            Lang::Ko => korean,
        }
    }
}

impl Lang {
    /// The language of the first locale variable that is set and not empty. Pure: the caller
    /// passes the variables' values (`None` when unset).
    pub fn from_locale(
        lc_all: Option<&str>,
        lc_messages: Option<&str>,
        lang: Option<&str>,
    ) -> Lang {
        let chosen = [lc_all, lc_messages, lang]
            .into_iter()
            .flatten()
            .find(|value| !value.is_empty());
        match chosen {
            Some(locale) if language_of(locale) == "ko" => Lang::Ko,
            _ => Lang::En,
        }
    }
}

/// The language part of a locale name: `ko_KR.UTF-8` → `ko`, `kok_IN` → `kok` (Konkani).
fn language_of(locale: &str) -> &str {
    let end = locale.find(['_', '.', '@', '-']).unwrap_or(locale.len());
    &locale[..end]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn korean_locales_choose_korean() {
        for locale in [
            "ko",
            "ko_KR",
            "ko_KR.UTF-8",
            "ko_KR.utf8",
            "ko_KR.eucKR",
            "ko@x",
            "ko-KR",
        ] {
            assert_eq!(
                Lang::from_locale(None, None, Some(locale)),
                Lang::Ko,
                "{locale}"
            );
        }
    }

    #[test]
    fn other_locales_choose_english() {
        for locale in [
            "C",
            "POSIX",
            "C.UTF-8",
            "en_US.UTF-8",
            "ja_JP.UTF-8",
            "kok_IN",
            "k",
            "",
        ] {
            assert_eq!(
                Lang::from_locale(None, None, Some(locale)),
                Lang::En,
                "{locale}"
            );
        }
        assert_eq!(Lang::from_locale(None, None, None), Lang::En);
    }

    #[test]
    fn lc_all_wins_then_lc_messages_then_lang() {
        let ko = Some("ko_KR.UTF-8");
        let en = Some("en_US.UTF-8");
        assert_eq!(Lang::from_locale(ko, en, en), Lang::Ko);
        assert_eq!(Lang::from_locale(en, ko, ko), Lang::En);
        assert_eq!(
            Lang::from_locale(Some("C"), None, ko),
            Lang::En,
            "LC_ALL=C overrides LANG"
        );
        assert_eq!(Lang::from_locale(None, ko, en), Lang::Ko);
        assert_eq!(Lang::from_locale(None, en, ko), Lang::En);
        assert_eq!(Lang::from_locale(None, None, ko), Lang::Ko);
    }

    #[test]
    fn empty_variables_count_as_unset() {
        let ko = Some("ko_KR.UTF-8");
        assert_eq!(Lang::from_locale(Some(""), Some(""), ko), Lang::Ko);
        assert_eq!(Lang::from_locale(Some(""), ko, Some("C")), Lang::Ko);
    }
}
