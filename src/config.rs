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
}

impl Default for Config {
    fn default() -> Self {
        Self { api_base: onramp_api::API_PREFIX.to_owned(), request_timeout_ms: 10_000 }
    }
}

#[derive(Deserialize, Default)]
struct ConfigFile {
    #[serde(default)]
    api_base: Option<String>,
    #[serde(default)]
    request_timeout_ms: Option<u32>,
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
                (config, None)
            }
            Err(e) => (config, Some(format!("config.json ignored: {e}"))),
        }
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
    }
}
