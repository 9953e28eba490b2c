//! Embedding in a partner's page: the partner settings (`GET /partners/{id}`), their design
//! tokens and how they are checked, and the versioned message protocol between the app in its
//! iframe and the page around it.

use serde::{Deserialize, Serialize};

pub use crate::brand::{is_logo, on_color, Appearance, FontChoice, BACKGROUND_MIN_LUMINANCE, LOGO_MAX_BYTES, RADIUS_MAX};
use crate::{Billing, Catalog, ErrorCode, FieldError};

/// Version of the message protocol; every message carries it as `onramp`.
pub const PROTOCOL_VERSION: u32 = 1;

/// Longest message (JSON text) either side accepts.
pub const MESSAGE_MAX: usize = 4_096;

/// Most origins a partner may allow.
pub const ORIGINS_MAX: usize = 10;

pub use crate::partner_id::is_partner_id;


/// A field a partner can preset and lock.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum LockedField {
    /// The plan.
    Plan,
    /// Monthly or yearly billing.
    Billing,
    /// The language.
    Locale,
}

/// Choices a partner makes in advance.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Presets {
    /// Plan id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub plan: Option<String>,
    /// Billing period.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub billing: Option<Billing>,
    /// `en` or `de`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub locale: Option<String>,
}

/// Body of `POST /signups` (optional): the partner whose embedded flow starts the draft.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CreateSignup {
    /// Partner id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub partner: Option<String>,
}

/// Answer of `GET /partners/{id}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Partner {
    /// Partner id, as in `data-partner`.
    pub id: String,
    /// Shown as "offered with".
    pub name: String,
    /// A small logo shown beside the name: a `data:` URL of a PNG, JPEG or WebP of at most
    /// [`LOGO_MAX_BYTES`], checked by its content.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub logo: Option<String>,
    /// Origins (`https://host[:port]`) that may embed the app and receive its messages.
    pub allowed_origins: Vec<String>,
    /// Design tokens.
    pub appearance: Appearance,
    /// Preset choices.
    #[serde(default)]
    pub presets: Presets,
    /// Preset fields the user sees but cannot change.
    #[serde(default)]
    pub locked: Vec<LockedField>,
}

/// Whether `origin` is exactly a web origin: `http` or `https`, a host, an optional port, and
/// nothing else (no path, no wildcard, no trailing slash).
pub fn is_origin(origin: &str) -> bool {
    let Some(rest) = origin.strip_prefix("https://").or_else(|| origin.strip_prefix("http://")) else {
        return false;
    };
    let (host, port) = match rest.rsplit_once(':') {
        Some((h, p)) if !h.contains(']') || h.ends_with(']') => (h, Some(p)),
        _ => (rest, None),
    };
    let port_ok = port.is_none_or(|p| !p.is_empty() && p.len() <= 5 && p.bytes().all(|b| b.is_ascii_digit()) && p.parse::<u16>().is_ok_and(|n| n > 0));
    let host_ok = !host.is_empty()
        && host.len() <= crate::domain::NAME_MAX
        && host.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'.')
        && !host.starts_with('.')
        && !host.ends_with('.')
        && !host.contains("..");
    port_ok && host_ok
}

impl Partner {
    /// Every problem with these settings against the catalogue.
    pub fn validate(&self, catalog: &Catalog) -> Vec<FieldError> {
        let mut errors = Vec::new();
        if !is_partner_id(&self.id) {
            errors.push(FieldError::new("/id", ErrorCode::Invalid, "Use 2 to 40 lower-case letters, digits and hyphens."));
        }
        if crate::text::visible_len(self.name.trim()) == 0 || self.name.chars().count() > 80 {
            errors.push(FieldError::new("/name", ErrorCode::Invalid, "Give a name of 1 to 80 characters."));
        }
        if self.logo.as_deref().is_some_and(|l| !is_logo(l)) {
            errors.push(FieldError::new("/logo", ErrorCode::Invalid, "Give the logo as a data: URL of a PNG, JPEG or WebP image of at most 48 KB."));
        }
        if self.allowed_origins.is_empty() || self.allowed_origins.len() > ORIGINS_MAX {
            errors.push(FieldError::new("/allowed_origins", ErrorCode::Invalid, "Allow 1 to 10 origins."));
        }
        for (i, origin) in self.allowed_origins.iter().enumerate() {
            if !is_origin(origin) {
                errors.push(FieldError::new(format!("/allowed_origins/{i}"), ErrorCode::Invalid, "Give an exact origin such as https://example.org (no path, no wildcard)."));
            }
        }
        errors.extend(self.appearance.validate());
        if let Some(plan) = &self.presets.plan {
            if catalog.plan(plan).is_none() {
                errors.push(FieldError::new("/presets/plan", ErrorCode::Unknown, "No plan has this id."));
            }
        }
        if let Some(locale) = &self.presets.locale {
            if !LOCALES.contains(&locale.as_str()) {
                errors.push(FieldError::new("/presets/locale", ErrorCode::Unknown, "Choose en or de."));
            }
        }
        for (i, field) in self.locked.iter().enumerate() {
            let preset = match field {
                LockedField::Plan => self.presets.plan.is_some(),
                LockedField::Billing => self.presets.billing.is_some(),
                LockedField::Locale => self.presets.locale.is_some(),
            };
            if !preset {
                errors.push(FieldError::new(format!("/locked/{i}"), ErrorCode::Required, "A locked field needs a preset."));
            }
        }
        errors
    }

    /// The field errors of a plan section that changes what this partner locked.
    pub fn check_locked(&self, plan: &crate::PlanSection) -> Vec<FieldError> {
        let mut errors = Vec::new();
        if let (true, Some(preset)) = (self.locks(LockedField::Plan), &self.presets.plan) {
            if &plan.plan_id != preset {
                errors.push(FieldError::new("/plan/plan_id", ErrorCode::NotAllowed, format!("{} offers the plan {preset} here.", self.name)));
            }
        }
        if let (true, Some(preset)) = (self.locks(LockedField::Billing), self.presets.billing) {
            if plan.billing != preset {
                errors.push(FieldError::new("/plan/billing", ErrorCode::NotAllowed, format!("{} sets {} billing here.", self.name, preset.as_str())));
            }
        }
        errors
    }

    /// Whether `field` is locked.
    pub fn locks(&self, field: LockedField) -> bool {
        self.locked.contains(&field)
    }

    /// Whether `origin` may embed the app and hear from it: an exact match, nothing else.
    pub fn allows(&self, origin: &str) -> bool {
        self.allowed_origins.iter().any(|o| o == origin)
    }

    /// The `frame-ancestors` source list for these settings.
    pub fn frame_ancestors(&self) -> String {
        let origins: Vec<&str> = self.allowed_origins.iter().map(String::as_str).filter(|o| is_origin(o)).collect();
        if origins.is_empty() {
            "'none'".into()
        } else {
            origins.join(" ")
        }
    }
}

/// The languages the app has, as `?locale=`, `data-locale` and `setLocale` take them.
pub const LOCALES: [&str; 3] = ["en", "de", "fr"];

/// What `ready` tells the page: enough to start.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReadyInfo {
    /// The app's version (`0.1.0`).
    #[serde(default)]
    pub app_version: String,
    /// The languages the app has.
    #[serde(default)]
    pub locales: Vec<String>,
    /// The language shown now.
    #[serde(default)]
    pub locale: String,
    /// The step shown now (`plan`, …, `status`), if the page is a step.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub step: Option<String>,
    /// The partner id the frame runs for.
    #[serde(default)]
    pub partner: String,
    /// Whether the partner's settings were applied: its design tokens, presets and locks.
    #[serde(default)]
    pub partner_applied: bool,
}

/// What the app tells the page around it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum AppMessage {
    /// The app is running and listens.
    Ready(ReadyInfo),
    /// The language changed (by the visitor, or as the page asked with `set_locale`).
    Locale {
        /// The language now shown.
        locale: String,
    },
    /// A step is shown (`plan`, `organization`, …, `review`, `status`).
    Step {
        /// Which step.
        step: String,
    },
    /// The content's height changed, in CSS pixels.
    Resize {
        /// New height.
        height: u32,
    },
    /// The order is placed.
    Completed {
        /// Order id.
        order_id: String,
    },
    /// The user wants to leave the flow.
    Exit,
    /// Something went wrong that the page may want to know of.
    Error {
        /// A stable kind (`network`, `timeout`, `server`, `not_found`, …).
        kind: String,
        /// An English sentence.
        message: String,
    },
    /// A funnel event (no typed values).
    Funnel {
        /// The event.
        event: crate::funnel::FunnelEvent,
    },
}

/// What the page around the app may ask of it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum ParentMessage {
    /// Show the app in this language (one of [`LOCALES`]), unless the partner locked it; the app
    /// answers with `locale`, or with an `error` (`unsupported_locale`, `locale_locked`).
    SetLocale {
        /// Language code.
        locale: String,
    },
    /// Send the current height again.
    Measure,
}

#[derive(Serialize, Deserialize)]
struct Envelope<M> {
    onramp: u32,
    #[serde(flatten)]
    message: M,
}

/// Why a message was ignored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MessageError {
    /// Longer than [`MESSAGE_MAX`].
    TooLong,
    /// Not JSON, or not a message of this protocol.
    Malformed,
    /// Another protocol version.
    Version(u32),
}

fn decode<M: serde::de::DeserializeOwned>(json: &str) -> Result<M, MessageError> {
    if json.len() > MESSAGE_MAX {
        return Err(MessageError::TooLong);
    }
    #[derive(Deserialize)]
    struct Version {
        onramp: u32,
    }
    let version: Version = serde_json::from_str(json).map_err(|_| MessageError::Malformed)?;
    if version.onramp != PROTOCOL_VERSION {
        return Err(MessageError::Version(version.onramp));
    }
    serde_json::from_str::<Envelope<M>>(json).map(|e| e.message).map_err(|_| MessageError::Malformed)
}

fn encode<M: Serialize>(message: &M) -> String {
    serde_json::to_string(&Envelope { onramp: PROTOCOL_VERSION, message }).unwrap_or_default()
}

/// A message from the page, checked: anything else is an error, never a panic.
pub fn decode_parent(json: &str) -> Result<ParentMessage, MessageError> {
    let message: ParentMessage = decode(json)?;
    match &message {
        // A language the app does not have is a question it answers (with an error); anything
        // that cannot be a language tag at all is not a message.
        ParentMessage::SetLocale { locale } if !is_locale_tag(locale) => Err(MessageError::Malformed),
        _ => Ok(message),
    }
}

/// Whether `tag` looks like a language tag (`fr`, `pt-br`): 2 to 12 of `a-z`, `0-9` and `-`.
pub fn is_locale_tag(tag: &str) -> bool {
    (2..=12).contains(&tag.len()) && tag.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// A message from the app, checked (what a partner page's code does, in Rust).
pub fn decode_app(json: &str) -> Result<AppMessage, MessageError> {
    decode(json)
}

/// The JSON text of a message to the page.
pub fn encode_app(message: &AppMessage) -> String {
    encode(message)
}

/// The JSON text of a message to the app.
pub fn encode_parent(message: &ParentMessage) -> String {
    encode(message)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn partner() -> Partner {
        crate::sample::partners().remove(0)
    }

    #[test]
    fn the_sample_partners_are_valid() {
        for p in crate::sample::partners() {
            assert_eq!(p.validate(&crate::sample::catalog()), vec![], "{}", p.id);
            assert!(p.appearance.css_properties().is_some());
        }
    }

    #[test]
    fn origins_are_exact() {
        for ok in ["https://example.org", "http://127.0.0.1:8090", "https://uni-x.example.ac.uk:8443", "http://localhost:3000"] {
            assert!(is_origin(ok), "{ok}");
        }
        for bad in ["", "example.org", "https://example.org/", "https://*.example.org", "https://example.org/path", "ftp://example.org",
                    "https://", "https://example.org:0", "https://example.org:99999", "https://EXAMPLE.org", "https://a..b", "javascript:alert(1)",
                    "https://example.org:", "https://exa mple.org", "null"] {
            assert!(!is_origin(bad), "{bad}");
        }
        let p = partner();
        assert!(p.allows("http://127.0.0.1:8090"));
        assert!(!p.allows("http://127.0.0.1:8090/"));
        assert!(!p.allows("http://127.0.0.1:8091"));
        assert!(!p.allows("*"));
    }

    #[test]
    fn appearance_is_checked_for_contrast_and_form() {
        let mut a = partner().appearance;
        a.text = "#999999".into();
        a.primary = "#ffcc00".into();
        a.radius_px = 200;
        let pointers: Vec<String> = a.validate().into_iter().map(|e| e.pointer).collect();
        assert!(pointers.contains(&"/appearance/text".to_owned()));
        assert!(pointers.contains(&"/appearance/primary".to_owned()));
        assert!(pointers.contains(&"/appearance/radius_px".to_owned()));
        assert_eq!(a.css_properties(), None, "invalid tokens set nothing");
        let mut b = partner().appearance;
        b.background = "#101010".into();
        b.text = "#ffffff".into();
        assert!(b.validate().iter().any(|e| e.pointer == "/appearance/background"));
        let mut c = partner().appearance;
        c.primary = "red; background: url(x)".into();
        assert!(c.validate().iter().any(|e| e.code == ErrorCode::Invalid));
    }

    #[test]
    fn css_values_come_from_parsed_tokens_only() {
        let mut a = partner().appearance;
        a.primary = " #8A1538 ".into();
        let props = a.css_properties().unwrap_or_default();
        assert!(props.contains(&("--onramp-color-primary", "#8a1538".to_owned())));
        assert!(props.iter().all(|(_, v)| !v.contains(';') && !v.contains('{')));
    }

    #[test]
    fn locks_need_presets_and_presets_must_exist() {
        let mut p = partner();
        p.presets = Presets::default();
        p.locked = vec![LockedField::Plan, LockedField::Locale];
        assert_eq!(p.validate(&crate::sample::catalog()).len(), 2);
        p.presets.plan = Some("nope".into());
        p.presets.locale = Some("es".into());
        let pointers: Vec<String> = p.validate(&crate::sample::catalog()).into_iter().map(|e| e.pointer).collect();
        assert_eq!(pointers, ["/presets/plan", "/presets/locale"]);
    }

    #[test]
    fn messages_round_trip_and_carry_the_version() {
        let all = [
            AppMessage::Ready(ReadyInfo::default()),
            AppMessage::Ready(ReadyInfo { app_version: "0.1.0".into(), locales: vec!["en".into()], locale: "en".into(), step: Some("plan".into()), partner: "p".into(), partner_applied: true }),
            AppMessage::Locale { locale: "de".into() },
            AppMessage::Step { step: "plan".into() },
            AppMessage::Resize { height: 1200 },
            AppMessage::Completed { order_id: "or_1".into() },
            AppMessage::Exit,
            AppMessage::Error { kind: "network".into(), message: "offline".into() },
        ];
        for m in all {
            let json = encode_app(&m);
            assert!(json.contains("\"onramp\":1"), "{json}");
            assert_eq!(decode_app(&json), Ok(m));
        }
        let json = encode_parent(&ParentMessage::SetLocale { locale: "de".into() });
        assert_eq!(json, r#"{"onramp":1,"type":"set_locale","locale":"de"}"#);
        assert_eq!(decode_parent(&json), Ok(ParentMessage::SetLocale { locale: "de".into() }));
    }

    #[test]
    fn malformed_messages_are_ignored() {
        for bad in ["", "null", "{}", "[]", "\"set_locale\"", r#"{"type":"set_locale","locale":"de"}"#, r#"{"onramp":"1","type":"measure"}"#,
                    r#"{"onramp":1,"type":"set_locale"}"#, r#"{"onramp":1,"type":"set_locale","locale":"<b>"}"#, r#"{"onramp":1,"type":"drop_tables"}"#,
                    r#"{"onramp":1,"type":"set_locale","locale":["de"]}"#] {
            assert!(decode_parent(bad).is_err(), "{bad}");
        }
        assert_eq!(decode_parent(r#"{"onramp":2,"type":"measure"}"#), Err(MessageError::Version(2)));
        // A language the app lacks is asked, and answered with an error by the app.
        assert_eq!(decode_parent(r#"{"onramp":1,"type":"set_locale","locale":"fr"}"#), Ok(ParentMessage::SetLocale { locale: "fr".into() }));
        // `ready` of an older app (no fields) still reads.
        assert_eq!(decode_app(r#"{"onramp":1,"type":"ready"}"#), Ok(AppMessage::Ready(ReadyInfo::default())));
        assert_eq!(decode_parent(&format!(r#"{{"onramp":1,"type":"measure","x":"{}"}}"#, "a".repeat(5000))), Err(MessageError::TooLong));
        assert_eq!(decode_parent(r#"{"onramp":1,"type":"measure","extra":true}"#), Ok(ParentMessage::Measure));
    }

    #[test]
    fn a_locked_plan_cannot_be_changed() {
        let p = partner();
        let plan = |id: &str, billing| crate::PlanSection { plan_id: id.into(), billing, ..Default::default() };
        assert_eq!(p.check_locked(&plan("organization", Billing::Monthly)), vec![], "billing is only preset");
        let errors = p.check_locked(&plan("enterprise", Billing::Yearly));
        assert_eq!(errors.iter().map(|e| e.pointer.as_str()).collect::<Vec<_>>(), ["/plan/plan_id"]);
    }

    #[test]
    fn logos_are_checked_by_content() {
        assert!(partner().logo.as_deref().is_some_and(is_logo));
        let png = partner().logo.unwrap_or_default();
        assert!(!is_logo(&png.replace("image/png", "image/jpeg")), "declared type must match the bytes");
        assert!(!is_logo(&png.replace("image/png", "image/svg+xml")));
        assert!(!is_logo("data:image/png;base64,PHN2Zz48L3N2Zz4="), "an SVG named PNG");
        assert!(!is_logo("https://example.org/logo.png"));
        assert!(!is_logo("data:image/png;base64,"));
        let mut p = partner();
        p.logo = Some("javascript:alert(1)".into());
        assert!(p.validate(&crate::sample::catalog()).iter().any(|e| e.pointer == "/logo"));
    }

    #[test]
    fn partner_ids() {
        assert!(is_partner_id("example-university"));
        assert!(!is_partner_id("Example"));
        assert!(!is_partner_id("-x"));
        assert!(!is_partner_id("a"));
        assert!(!is_partner_id("../etc"));
    }
}
