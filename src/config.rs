//! Runtime configuration: `config.json` beside `index.html`, then the URL. Never compiled in,
//! so one build serves every deployment.

use serde::Deserialize;

/// How the app runs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    /// Base URL of the JSON API, without a trailing slash (`/api/v1` on the same origin).
    pub api_base: String,
    /// Milliseconds before a request is given up.
    pub request_timeout_ms: u32,
    /// The in-browser demo backend instead of the API: nothing is sent anywhere.
    pub demo: bool,
    /// A preset demo scenario to start from (`?scenario=`).
    pub scenario: Option<String>,
    /// Embedded in a partner's page, for this partner.
    pub partner: Option<String>,
    /// Funnel events go to the backend's `/events` as well as to an embedding page.
    pub funnel_events: bool,
    /// `?locale=en-XA` shows the pseudo-locale (set in test runs only).
    pub pseudo_locale: bool,
}

impl Default for Config {
    fn default() -> Self {
        Self {
            api_base: onramp_api::API_PREFIX.to_owned(),
            request_timeout_ms: 10_000,
            demo: false,
            scenario: None,
            partner: None,
            funnel_events: false,
            pseudo_locale: false,
        }
    }
}

/// What the page's address says about the mode (`?demo=1`, `?demo=0`, `?scenario=`,
/// `?embed=1&partner=`), and what this tab remembered of it from an earlier page.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ModeFlags {
    /// `Some(true)` for `demo=1`, `Some(false)` for `demo=0`.
    pub demo: Option<bool>,
    /// A scenario name (letters, digits, `-`).
    pub scenario: Option<String>,
    /// The partner of `embed=1&partner=…`.
    pub partner: Option<String>,
}

impl ModeFlags {
    /// Reads the flags from a query string (`?a=b&c=d`); values that are not plain names are
    /// ignored.
    pub fn from_query(search: &str) -> Self {
        let mut flags = Self::default();
        let mut embed = false;
        let mut partner = None;
        for pair in search.trim_start_matches('?').split('&') {
            let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
            match name {
                "demo" => flags.demo = match value { "1" | "true" => Some(true), "0" | "false" => Some(false), _ => None },
                "scenario" if is_name(value) => flags.scenario = Some(value.to_owned()),
                "embed" => embed = value == "1",
                "partner" if onramp_api::embed::is_partner_id(value) => partner = Some(value.to_owned()),
                _ => {}
            }
        }
        if embed {
            flags.partner = partner;
        }
        flags
    }
}

fn is_name(v: &str) -> bool {
    (1..=40).contains(&v.len()) && v.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

#[derive(Deserialize, Default)]
struct ConfigFile {
    #[serde(default)]
    api_base: Option<String>,
    #[serde(default)]
    request_timeout_ms: Option<u32>,
    /// `"live"` (default) or `"demo"`.
    #[serde(default)]
    mode: Option<String>,
    #[serde(default)]
    funnel_events: Option<bool>,
    #[serde(default)]
    pseudo_locale: Option<bool>,
}

impl Config {
    /// Reads `config.json` text (any problem leaves the defaults and is reported as a warning).
    pub fn from_json(json: Option<&str>) -> (Self, Option<String>) {
        let mut config = Self::default();
        let Some(json) = json else { return (config, None) };
        match serde_json::from_str::<ConfigFile>(json) {
            Ok(file) => {
                if let Some(base) = file.api_base.filter(|b| !b.trim().is_empty()) {
                    config.api_base = base.trim().trim_end_matches('/').to_owned();
                }
                if let Some(ms) = file.request_timeout_ms.filter(|ms| *ms >= 1_000) {
                    config.request_timeout_ms = ms;
                }
                config.demo = file.mode.as_deref() == Some("demo");
                config.funnel_events = file.funnel_events.unwrap_or(false);
                config.pseudo_locale = file.pseudo_locale.unwrap_or(false);
                let warning = file
                    .mode
                    .filter(|m| m != "demo" && m != "live")
                    .map(|m| format!("config.json: unknown mode “{m}” (live or demo); live is used"));
                (config, warning)
            }
            Err(e) => (config, Some(format!("config.json ignored: {e}"))),
        }
    }

    /// Applies the address's flags over the file's settings: `demo=1`/`demo=0` switch the demo
    /// on or off for this tab, and the tab remembers them (`remembered`) across pages and reloads.
    /// A demo sends no funnel events anywhere but to an embedding page.
    pub fn with_flags(mut self, url: &ModeFlags, remembered: &ModeFlags) -> Self {
        if let Some(demo) = url.demo.or(remembered.demo) {
            self.demo = demo;
        }
        self.scenario = url.scenario.clone().filter(|_| self.demo);
        self.partner = url.partner.clone().or_else(|| remembered.partner.clone());
        if self.demo {
            self.funnel_events = false;
        }
        self
    }

    /// The flags this tab remembers, as a query string [`ModeFlags::from_query`] reads back.
    pub fn remembered(&self) -> String {
        let mut query = format!("demo={}", u8::from(self.demo));
        if let Some(p) = &self.partner {
            query.push_str(&format!("&embed=1&partner={p}"));
        }
        query
    }

    /// The full URL of an API path such as `/catalog`.
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.api_base)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_without_a_file() {
        assert_eq!(Config::from_json(None), (Config::default(), None));
        assert_eq!(Config::default().url("/catalog"), "/api/v1/catalog");
    }

    #[test]
    fn a_file_overrides_and_a_broken_one_is_reported() {
        let (c, warn) = Config::from_json(Some(r#"{"api_base": "https://api.example/v1/", "request_timeout_ms": 5000}"#));
        assert_eq!(c.url("/catalog"), "https://api.example/v1/catalog");
        assert_eq!(c.request_timeout_ms, 5000);
        assert!(warn.is_none());
        let (c, warn) = Config::from_json(Some("<html>"));
        assert_eq!(c, Config::default());
        assert!(warn.is_some());
        let (c, _) = Config::from_json(Some(r#"{"request_timeout_ms": 1}"#));
        assert_eq!(c.request_timeout_ms, 10_000, "absurd timeouts are ignored");
        let (c, warn) = Config::from_json(Some(r#"{"mode": "demo", "funnel_events": true}"#));
        assert!(c.demo && c.funnel_events && warn.is_none());
        let (c, warn) = Config::from_json(Some(r#"{"mode": "staging"}"#));
        assert!(!c.demo && warn.is_some());
    }

    #[test]
    fn the_address_switches_modes_and_the_tab_remembers() {
        let flags = ModeFlags::from_query("?demo=1&scenario=university&plan=starter");
        assert_eq!(flags, ModeFlags { demo: Some(true), scenario: Some("university".into()), partner: None });
        let c = Config::default().with_flags(&flags, &ModeFlags::default());
        assert!(c.demo && c.scenario.as_deref() == Some("university"));
        let remembered = ModeFlags { demo: Some(true), ..Default::default() };
        assert!(Config::default().with_flags(&ModeFlags::default(), &remembered).demo);
        assert!(!Config::default().with_flags(&ModeFlags::from_query("demo=0"), &remembered).demo);
        let (file_demo, _) = Config::from_json(Some(r#"{"mode": "demo"}"#));
        assert!(file_demo.clone().with_flags(&ModeFlags::default(), &ModeFlags::default()).demo);
        assert!(!file_demo.with_flags(&ModeFlags::from_query("demo=0"), &ModeFlags::default()).demo);
        assert_eq!(Config::default().with_flags(&ModeFlags::from_query("scenario=university"), &ModeFlags::default()).scenario, None, "scenarios are for demos");
        assert_eq!(ModeFlags::from_query("embed=1&partner=example-university").partner.as_deref(), Some("example-university"));
        assert_eq!(ModeFlags::from_query("partner=example-university").partner, None, "a partner only with embed=1");
        assert_eq!(ModeFlags::from_query("embed=1&partner=%3Cscript%3E").partner, None);
        assert_eq!(ModeFlags::from_query("scenario=../../x").scenario, None);
        let c = Config::default().with_flags(&ModeFlags::from_query("demo=1&embed=1&partner=civic-hosting&scenario=university"), &ModeFlags::default());
        let back = ModeFlags::from_query(&c.remembered());
        assert_eq!(back, ModeFlags { demo: Some(true), scenario: None, partner: Some("civic-hosting".into()) });
    }
}
