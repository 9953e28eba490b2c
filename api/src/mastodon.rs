//! An order as the Mastodon server it becomes, in the formats Mastodon's own tools take: the
//! `.env.production` lines of its domains, the admin settings as `Form::AdminSettings` keys, the
//! rules, the domain blocks as Mastodon's own CSV export, the `tootctl` line that makes the
//! owner, and the web-server redirects a split domain needs. The server renders it for the
//! provider (`GET /provider/orders/{id}/mastodon`, and in every webhook event); the app shows the
//! customer a plain summary of the same.

use serde::{Deserialize, Serialize};

use crate::{DraftSections, RegistrationsMode, Severity, Theme};

/// One `KEY=value` line of `.env.production`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EnvLine {
    /// The variable (one Mastodon reads, see [`ENV_KEYS`]).
    pub key: String,
    /// Its value.
    pub value: String,
}

/// One admin setting: a `Form::AdminSettings` key and the value Mastodon stores for it (after
/// the form's typecast: booleans and integers as such, the rest as text).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Setting {
    /// The key, as in `Form::AdminSettings::KEYS`.
    pub key: String,
    /// The value.
    pub value: serde_json::Value,
}

/// A server rule as Mastodon's `Rule` holds it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RuleLine {
    /// The rule (at most 300 code points).
    pub text: String,
    /// The longer explanation.
    pub hint: String,
}

/// An order as a Mastodon configuration.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MastodonConfig {
    /// `.env.production` lines that follow from the domain choice.
    pub env: Vec<EnvLine>,
    /// Admin settings (`Setting` rows, as the admin form saves them).
    pub settings: Vec<Setting>,
    /// The rules, in order (`Rule#priority` is the index).
    pub rules: Vec<RuleLine>,
    /// The federation blocks in the CSV Mastodon's export writes and its importer reads.
    pub domain_blocks_csv: String,
    /// How many blocks the CSV holds.
    pub domain_blocks: usize,
    /// The command that creates the owner account on the new server.
    pub owner_command: String,
    /// For a handle domain other than the web domain: nginx `location` blocks for the handle
    /// domain's `server`, sending Mastodon's discovery paths to the web domain.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nginx: Option<String>,
    /// The same as a Caddy site block.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub caddy: Option<String>,
}

/// The environment variables this configuration may set: the ones Mastodon reads for its
/// domains and language (`config/initializers/1_hosts.rb`: `LOCAL_DOMAIN`, `WEB_DOMAIN`,
/// `ALTERNATE_DOMAINS`; `config/application.rb`: `DEFAULT_LOCALE`).
pub const ENV_KEYS: [&str; 4] = ["LOCAL_DOMAIN", "WEB_DOMAIN", "ALTERNATE_DOMAINS", "DEFAULT_LOCALE"];

/// The paths a split setup must send from the handle domain to the web domain, so that
/// `@name@handle` resolves (WebFinger, host-meta, NodeInfo).
pub const DISCOVERY_PATHS: [&str; 3] = ["/.well-known/webfinger", "/.well-known/host-meta", "/.well-known/nodeinfo"];

/// Mastodon's name of a theme (`config/themes.yml`).
pub fn theme_key(theme: Theme) -> &'static str {
    match theme {
        Theme::Auto => "system",
        Theme::Light => "mastodon-light",
        Theme::Dark => "default",
    }
}

/// Mastodon's value of a registrations mode (`Form::AdminSettings::REGISTRATION_MODES`).
pub fn registrations_key(mode: RegistrationsMode) -> &'static str {
    match mode {
        RegistrationsMode::Open => "open",
        RegistrationsMode::Approved => "approved",
        RegistrationsMode::None => "none",
    }
}

/// Mastodon's value of a block severity (`DomainBlock` enum).
pub fn severity_key(severity: Severity) -> &'static str {
    match severity {
        Severity::Silence => "silence",
        Severity::Suspend => "suspend",
        Severity::Noop => "noop",
    }
}

/// A CSV field as Ruby's `CSV.generate` writes it: quoted when it holds a comma, a quote or a
/// line break (quotes doubled), as it is otherwise.
fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_owned()
    }
}

/// The header of Mastodon's domain-block export (`Admin::ExportDomainBlocksController#export_headers`).
pub const CSV_HEADER: &str = "#domain,#severity,#reject_media,#reject_reports,#public_comment,#obfuscate";

/// The blocks in an order Mastodon's import keeps every one: a block under another (a stricter
/// child, which its admin accepts by hand) before the block above it, since the import skips a
/// row that a block saved earlier covers (`Form::DomainBlockBatch#save!`, `DomainBlock.rule_for`).
/// Each family goes where its topmost block stands, deepest first; the rest keep their order.
pub fn children_first(blocks: &[crate::DomainBlock]) -> Vec<&crate::DomainBlock> {
    let mut index: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    for (i, b) in blocks.iter().enumerate() {
        index.entry(b.domain.as_str()).or_insert(i);
    }
    let top = |i: usize, domain: &str| {
        let mut found = i;
        let mut rest = domain;
        while let Some((_, up)) = rest.split_once('.') {
            if let Some(&j) = index.get(up) {
                found = j;
            }
            rest = up;
        }
        found
    };
    let mut order: Vec<(usize, std::cmp::Reverse<usize>, &crate::DomainBlock)> =
        blocks.iter().enumerate().map(|(i, b)| (top(i, &b.domain), std::cmp::Reverse(b.domain.split('.').count()), b)).collect();
    order.sort_by_key(|(family, depth, _)| (*family, *depth));
    order.into_iter().map(|(_, _, b)| b).collect()
}

/// The blocks as Mastodon's export writes them, children before their parents.
pub fn domain_blocks_csv(blocks: &[crate::DomainBlock]) -> String {
    let mut out = String::from(CSV_HEADER);
    out.push('\n');
    for b in children_first(blocks) {
        out.push_str(&format!(
            "{},{},{},{},{},{}\n",
            csv_field(&b.domain),
            severity_key(b.severity),
            b.reject_media,
            b.reject_reports,
            csv_field(b.public_comment.trim()),
            b.obfuscate
        ));
    }
    out
}

/// A word for a POSIX shell, in single quotes where it needs them.
fn shell_word(s: &str) -> String {
    if !s.is_empty() && s.bytes().all(|b| b.is_ascii_alphanumeric() || b"@._+-".contains(&b)) {
        s.to_owned()
    } else {
        format!("'{}'", s.replace('\'', "'\\''"))
    }
}

fn nginx(web: &str) -> String {
    DISCOVERY_PATHS
        .iter()
        .map(|p| format!("location = {p} {{\n    add_header Access-Control-Allow-Origin '*';\n    return 301 https://{web}$request_uri;\n}}\n"))
        .collect()
}

fn caddy(handle: &str, web: &str) -> String {
    let lines: String = DISCOVERY_PATHS.iter().map(|p| format!("    redir {p} https://{web}{{uri}} 301\n")).collect();
    format!("{handle} {{\n{lines}}}\n")
}

/// The order's sections as a Mastodon configuration; `locale` is the customer's language, the
/// server's default where the community named none.
pub fn render(sections: &DraftSections, locale: &str) -> MastodonConfig {
    let domain = sections.domain.clone().unwrap_or_default();
    let (web, handle) = (domain.web_domain.trim().to_owned(), domain.handle_domain.trim().to_owned());
    let mut env = vec![EnvLine { key: "LOCAL_DOMAIN".into(), value: handle.clone() }];
    if web != handle {
        env.push(EnvLine { key: "WEB_DOMAIN".into(), value: web.clone() });
    }
    // ALTERNATE_DOMAINS is for a server answering to more than one handle domain; an order has
    // exactly one, so it is never set.
    let moderation = sections.moderation.clone().unwrap_or_default();
    let default_locale = moderation.languages.first().cloned().unwrap_or_else(|| locale.to_owned());
    env.push(EnvLine { key: "DEFAULT_LOCALE".into(), value: default_locale });

    let org = sections.organization.clone().unwrap_or_default();
    let branding = sections.branding.clone().unwrap_or_default();
    let text = |s: &str| serde_json::Value::String(s.trim().to_owned());
    let mut settings = vec![
        Setting { key: "site_title".into(), value: text(&branding.site_title) },
        Setting { key: "site_short_description".into(), value: text(&branding.site_short_description) },
        Setting {
            key: "site_contact_email".into(),
            value: text(branding.site_contact_email.as_deref().filter(|e| !e.trim().is_empty()).unwrap_or(&org.contact_email)),
        },
        // The owner, made first by `owner_command`: `existing_username` holds.
        Setting { key: "site_contact_username".into(), value: text(&org.admin_username) },
        Setting { key: "registrations_mode".into(), value: text(registrations_key(moderation.registrations_mode)) },
        Setting { key: "require_invite_text".into(), value: serde_json::Value::Bool(moderation.require_invite_text) },
        Setting { key: "theme".into(), value: text(theme_key(branding.theme)) },
    ];
    let int = |key: &str, v: Option<u32>| v.map(|v| Setting { key: key.into(), value: serde_json::Value::from(v) });
    settings.extend(int("min_age", moderation.min_age.map(u32::from)));
    settings.extend(int("content_cache_retention_period", moderation.content_cache_retention_days));
    settings.extend(int("media_cache_retention_period", moderation.media_cache_retention_days));

    let rules = moderation.rules.iter().map(|r| RuleLine { text: r.text.trim().to_owned(), hint: r.hint.trim().to_owned() }).collect();
    let owner_command = format!(
        "RAILS_ENV=production bin/tootctl accounts create {} --email {} --confirmed --approve --role Owner",
        shell_word(&org.admin_username),
        shell_word(org.contact_email.trim())
    );
    let split = web != handle && !handle.is_empty();
    MastodonConfig {
        env,
        settings,
        rules,
        domain_blocks_csv: domain_blocks_csv(&moderation.domain_blocks),
        domain_blocks: moderation.domain_blocks.len(),
        owner_command,
        nginx: split.then(|| nginx(&web)),
        caddy: split.then(|| caddy(&handle, &web)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{BrandingSection, DomainBlock, DomainMode, DomainSection, ModerationSection, OrganizationSection, Rule};

    /// `Form::AdminSettings::KEYS` of Mastodon 4.5 (`app/models/form/admin_settings.rb`).
    const ADMIN_SETTINGS_KEYS: [&str; 39] = [
        "site_contact_username", "site_contact_email", "site_title", "site_short_description", "site_extended_description",
        "site_terms", "registrations_mode", "closed_registrations_message", "bootstrap_timeline_accounts", "theme",
        "activity_api_enabled", "peers_api_enabled", "preview_sensitive_media", "custom_css", "profile_directory",
        "thumbnail", "mascot", "trends", "trendable_by_default", "show_domain_blocks", "show_domain_blocks_rationale",
        "allow_referrer_origin", "noindex", "require_invite_text", "media_cache_retention_period",
        "content_cache_retention_period", "backups_retention_period", "status_page_url", "captcha_enabled",
        "authorized_fetch", "app_icon", "favicon", "min_age", "local_live_feed_access", "remote_live_feed_access",
        "local_topic_feed_access", "remote_topic_feed_access", "landing_page", "wrapstodon",
    ];
    /// Its `BOOLEAN_KEYS` and `INTEGER_KEYS`.
    const BOOLEAN_KEYS: [&str; 13] = [
        "allow_referrer_origin", "timeline_preview", "activity_api_enabled", "peers_api_enabled", "preview_sensitive_media",
        "profile_directory", "trends", "trendable_by_default", "noindex", "require_invite_text", "captcha_enabled",
        "authorized_fetch", "wrapstodon",
    ];
    const INTEGER_KEYS: [&str; 4] = ["media_cache_retention_period", "content_cache_retention_period", "backups_retention_period", "min_age"];
    /// `config/themes.yml`.
    const THEMES: [&str; 4] = ["default", "contrast", "mastodon-light", "system"];

    fn order(web: &str, handle: &str) -> DraftSections {
        DraftSections {
            organization: Some(OrganizationSection { admin_username: "presse".into(), contact_email: "it@stadt.example".into(), ..Default::default() }),
            domain: Some(DomainSection { mode: DomainMode::Custom, web_domain: web.into(), handle_domain: handle.into() }),
            branding: Some(BrandingSection { site_title: " Stadt Social ".into(), site_short_description: "Die Stadt, sozial.".into(), theme: Theme::Light, ..Default::default() }),
            moderation: Some(ModerationSection {
                registrations_mode: RegistrationsMode::Approved,
                require_invite_text: true,
                min_age: Some(16),
                rules: vec![Rule { text: "Be kind.".into(), hint: "Always.".into() }],
                domain_blocks: vec![
                    DomainBlock { domain: "spam.example".into(), severity: Severity::Suspend, reject_media: true, reject_reports: true, public_comment: "Spam, \"lots\"".into(), obfuscate: false },
                    DomainBlock { domain: "loud.example".into(), severity: Severity::Noop, reject_media: true, ..Default::default() },
                ],
                languages: vec!["de".into()],
                content_cache_retention_days: Some(90),
                ..Default::default()
            }),
            ..Default::default()
        }
    }

    #[test]
    fn every_setting_is_a_mastodon_key_with_a_value_it_takes() {
        let c = render(&order("social.stadt.example", "stadt.example"), "en");
        for s in &c.settings {
            assert!(ADMIN_SETTINGS_KEYS.contains(&s.key.as_str()), "{} is not a Form::AdminSettings key", s.key);
            if BOOLEAN_KEYS.contains(&s.key.as_str()) {
                assert!(s.value.is_boolean(), "{}", s.key);
            } else if INTEGER_KEYS.contains(&s.key.as_str()) {
                assert!(s.value.is_u64(), "{}", s.key);
            } else {
                assert!(s.value.is_string(), "{}", s.key);
            }
            match s.key.as_str() {
                "registrations_mode" => assert!(["open", "approved", "none"].contains(&s.value.as_str().unwrap())),
                "theme" => assert!(THEMES.contains(&s.value.as_str().unwrap())),
                "site_short_description" => assert!(s.value.as_str().unwrap().chars().count() <= 200),
                "site_contact_email" | "site_contact_username" => assert!(!s.value.as_str().unwrap().is_empty(), "present, as the form validates"),
                _ => {}
            }
        }
        let get = |k: &str| c.settings.iter().find(|s| s.key == k).map(|s| s.value.clone());
        assert_eq!(get("site_title"), Some("Stadt Social".into()), "trimmed as stored");
        assert_eq!(get("theme"), Some("mastodon-light".into()));
        assert_eq!(get("min_age"), Some(16.into()));
        assert_eq!(get("media_cache_retention_period"), None, "unset stays unset");
    }

    #[test]
    fn env_lines_are_the_keys_mastodon_reads_and_a_split_gets_its_redirects() {
        let split = render(&order("social.stadt.example", "stadt.example"), "en");
        assert!(split.env.iter().all(|l| ENV_KEYS.contains(&l.key.as_str())));
        let env: Vec<(&str, &str)> = split.env.iter().map(|l| (l.key.as_str(), l.value.as_str())).collect();
        assert_eq!(env, [("LOCAL_DOMAIN", "stadt.example"), ("WEB_DOMAIN", "social.stadt.example"), ("DEFAULT_LOCALE", "de")]);
        let nginx = split.nginx.clone().unwrap();
        for p in DISCOVERY_PATHS {
            assert!(nginx.contains(&format!("location = {p} {{")) && split.caddy.as_deref().unwrap().contains(&format!("redir {p} https://social.stadt.example{{uri}} 301")));
        }
        assert!(nginx.contains("return 301 https://social.stadt.example$request_uri;"));

        let apex = render(&order("stadt.example", "stadt.example"), "fr");
        let env: Vec<&str> = apex.env.iter().map(|l| l.key.as_str()).collect();
        assert_eq!(env, ["LOCAL_DOMAIN", "DEFAULT_LOCALE"]);
        assert!(apex.nginx.is_none() && apex.caddy.is_none(), "one domain needs no redirect");
    }

    #[test]
    fn the_owner_command_quotes_what_a_shell_would_read() {
        let mut o = order("a.example", "a.example");
        assert_eq!(render(&o, "en").owner_command, "RAILS_ENV=production bin/tootctl accounts create presse --email it@stadt.example --confirmed --approve --role Owner");
        if let Some(org) = o.organization.as_mut() {
            org.contact_email = "o'brien&co@stadt.example".into();
        }
        assert!(render(&o, "en").owner_command.contains("--email 'o'\\''brien&co@stadt.example' --confirmed"));
    }

    #[test]
    fn a_child_block_comes_before_its_parent_so_that_mastodons_import_keeps_it() {
        use crate::{DomainBlock, Severity};
        let b = |d: &str, severity| DomainBlock { domain: d.into(), severity, ..Default::default() };
        let blocks = vec![
            b("example.com", Severity::Silence),
            b("other.example", Severity::Suspend),
            b("blog.example.com", Severity::Suspend),
            b("a.blog.example.com", Severity::Suspend),
            b("shop.example.com", Severity::Suspend),
        ];
        let order: Vec<&str> = children_first(&blocks).iter().map(|b| b.domain.as_str()).collect();
        assert_eq!(order, ["a.blog.example.com", "blog.example.com", "shop.example.com", "example.com", "other.example"]);
        // Read back as Mastodon's import reads it (a row covered by one saved before is
        // skipped), every block is kept, with its own limits.
        let csv = domain_blocks_csv(&blocks);
        let back = crate::blocklist::preview(&csv, &[], |d| Some(d.to_owned())).unwrap();
        assert_eq!(back.new.len(), 5, "{:?}", back.duplicates);
        assert!(back.new.iter().any(|x| x.domain == "blog.example.com" && x.severity == Severity::Suspend));
    }

    #[test]
    fn the_csv_is_mastodons_export_and_reads_back_the_same() {
        let o = order("a.example", "a.example");
        let c = render(&o, "en");
        assert!(c.domain_blocks_csv.starts_with("#domain,#severity,#reject_media,#reject_reports,#public_comment,#obfuscate\n"));
        assert!(c.domain_blocks_csv.contains("spam.example,suspend,true,true,\"Spam, \"\"lots\"\"\",false\n"));
        let back = crate::blocklist::preview(&c.domain_blocks_csv, &[], |d| Some(d.to_owned())).unwrap();
        assert_eq!(Some(back.new), o.moderation.map(|m| m.domain_blocks), "the export re-imports to the same list");
    }
}
