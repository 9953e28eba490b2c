//! From the file to what the server runs with: parse (with spans), refuse unknown keys, run the
//! checks, read secrets from the environment, and build the catalogue the API serves.

use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::path::{Path as FsPath, PathBuf};

use onramp_api::embed::Partner;
use onramp_api::{Addon, Catalog, ItemText, Plan, Price, Provider, SupportTier};
use toml_edit::ImDocument;

use super::check::{self, Problems};
use super::file::*;
use super::locate::{self, Path, Segment};
use crate::limit::Limits;

/// Why a configuration cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    /// The file could not be read.
    #[error("cannot read {path}: {source}")]
    Read {
        /// The file.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// The file has problems; each line names its place.
    #[error("{}", .0.join("\n"))]
    Invalid(Vec<String>),
}

/// The provider API key, kept out of `Debug` output and logs.
#[derive(Clone)]
pub struct ApiKey(pub String);

impl std::fmt::Debug for ApiKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("ApiKey(…)")
    }
}

/// Everything the configuration decides; the reference values where the file says nothing.
#[derive(Debug, Clone)]
pub struct Settings {
    /// Address to listen on.
    pub addr: Option<SocketAddr>,
    /// The app's address as customers reach it.
    pub public_url: Option<String>,
    /// Folder of the database and the outbox.
    pub data: Option<PathBuf>,
    /// The shared PostgreSQL database, when one is configured.
    pub database: Option<crate::delivery::Hidden<String>>,
    /// The built app.
    pub static_dir: Option<PathBuf>,
    /// Send HSTS.
    pub hsts: bool,
    /// Days an untouched draft is kept.
    pub draft_ttl_days: Option<u32>,
    /// Milliseconds per simulated provisioning step.
    pub provision_step_ms: Option<u64>,
    /// Log format.
    pub log_format: LogFormat,
    /// What is sold, by whom.
    pub catalog: Catalog,
    /// Partners (the sample ones when the file names none).
    pub partners: Option<Vec<Partner>>,
    /// Where own domains must point.
    pub edge: Option<onramp_api::dns::Edge>,
    /// The verification resolver.
    pub resolver: Option<SocketAddr>,
    /// Rate limits for the whole service.
    pub limits: Limits,
    /// How often a resume link may be mailed.
    pub mail_limits: crate::MailLimits,
    /// Image checks and upload bodies at once.
    pub memory: crate::MemoryLimits,
    /// Deadlines of connections and requests.
    pub timeouts: crate::serve::Timeouts,
    /// How many instances share the limits.
    pub instances: u32,
    /// Labels kept back on every shared domain.
    pub reserved_labels: Vec<String>,
    /// The provider's API key, when configured.
    pub api_key: Option<ApiKey>,
    /// The sender address of mail.
    pub mail_from: String,
    /// Where `.eml` files go (default: `<data>/outbox`).
    pub outbox_dir: Option<PathBuf>,
    /// The provider's mail server; `None` writes `.eml` files.
    pub smtp: Option<crate::delivery::SmtpSettings>,
    /// The provider's webhook endpoints; none: the built-in simulated provisioning runs.
    pub webhooks: Vec<crate::delivery::Endpoint>,
    /// How deliveries are retried.
    pub delivery: crate::delivery::Policy,
    /// The provider's checkout; none: the provider collects card and SEPA payments by itself.
    pub payments: Option<crate::payments::PaymentSettings>,
}

impl Default for Settings {
    /// The reference provider: the sample catalogue and partners, no API key.
    fn default() -> Self {
        Self {
            addr: None,
            public_url: None,
            data: None,
            database: None,
            static_dir: None,
            hsts: false,
            draft_ttl_days: None,
            provision_step_ms: None,
            log_format: LogFormat::Human,
            catalog: onramp_api::sample::catalog(),
            partners: None,
            edge: None,
            resolver: None,
            limits: Limits::default(),
            instances: 1,
            mail_limits: crate::MailLimits::default(),
            memory: crate::MemoryLimits::default(),
            timeouts: crate::serve::Timeouts::default(),
            reserved_labels: onramp_api::sample::RESERVED_LABELS.iter().map(|s| (*s).to_owned()).collect(),
            api_key: None,
            mail_from: "no-reply@social-host.example".into(),
            outbox_dir: None,
            smtp: None,
            webhooks: Vec::new(),
            delivery: crate::delivery::Policy::default(),
            payments: None,
        }
    }
}

/// Reads and checks the file at `path`.
pub fn load(path: &FsPath) -> Result<Settings, LoadError> {
    let text = std::fs::read_to_string(path).map_err(|source| LoadError::Read { path: path.to_owned(), source })?;
    load_str(&text, &path.display().to_string(), |name| std::env::var(name).ok())
}

fn path_of(ignored: &serde_ignored::Path<'_>) -> Path {
    fn walk(p: &serde_ignored::Path<'_>, out: &mut Vec<Segment>) {
        use serde_ignored::Path as P;
        match p {
            P::Root => {}
            P::Seq { parent, index } => {
                walk(parent, out);
                out.push(Segment::Index(*index));
            }
            P::Map { parent, key } => {
                walk(parent, out);
                out.push(Segment::Key(key.clone()));
            }
            P::Some { parent } | P::NewtypeStruct { parent } | P::NewtypeVariant { parent } => walk(parent, out),
        }
    }
    let mut segments = Vec::new();
    walk(ignored, &mut segments);
    Path(segments)
}

/// Reads and checks configuration `text` (named `name` in messages); `env` reads environment
/// variables for secrets.
pub fn load_str(text: &str, name: &str, env: impl Fn(&str) -> Option<String>) -> Result<Settings, LoadError> {
    let doc = ImDocument::parse(text.to_owned()).map_err(|e| {
        let at = e.span().map(|s| locate::line_col(text, s.start));
        let place = at.map(|(l, c)| format!("{name}:{l}:{c}")).unwrap_or_else(|| name.to_owned());
        LoadError::Invalid(vec![format!("{place}: not valid TOML: {}", e.message())])
    })?;
    let place = |path: &Path| -> String {
        match locate::span(&doc, path).map(|s| locate::line_col(text, s.start)) {
            Some((l, c)) => format!("{name}:{l}:{c}"),
            None => name.to_owned(),
        }
    };
    let mut unknown = Vec::new();
    let de = toml_edit::de::Deserializer::from(doc.clone());
    let parsed: Result<ConfigFile, _> = serde_ignored::deserialize(de, |p| unknown.push(path_of(&p)));
    let mut lines: Vec<String> = unknown
        .iter()
        .map(|p| format!("{}: {p}: unknown key (a typo? every key is listed in onramp.example.toml)", place(p)))
        .collect();
    let file = match parsed {
        Ok(f) => f,
        Err(e) => {
            let at = e.span().map(|s| locate::line_col(text, s.start));
            let place = at.map(|(l, c)| format!("{name}:{l}:{c}")).unwrap_or_else(|| name.to_owned());
            lines.push(format!("{place}: {}", e.message().trim()));
            return Err(LoadError::Invalid(lines));
        }
    };
    let mut problems = Problems::default();
    let settings = build(&file, &mut problems, &env);
    lines.extend(problems.0.iter().map(|p| format!("{}: {}: {}", place(&p.path), p.path, p.message)));
    if lines.is_empty() {
        Ok(settings)
    } else {
        Err(LoadError::Invalid(lines))
    }
}

fn texts_split(t: &Texts, default_language: &str) -> (String, BTreeMap<String, String>) {
    match t {
        Texts::One(s) => (s.clone(), BTreeMap::new()),
        Texts::Many(m) => {
            let main = m.get(default_language).cloned().unwrap_or_default();
            let rest = m.iter().filter(|(k, _)| k.as_str() != default_language).map(|(k, v)| (k.clone(), v.clone())).collect();
            (main, rest)
        }
    }
}

fn translations(name: Option<&Texts>, description: Option<&Texts>, default_language: &str) -> (String, String, BTreeMap<String, ItemText>) {
    let (name, names) = name.map(|n| texts_split(n, default_language)).unwrap_or_default();
    let (description, descriptions) = description.map(|d| texts_split(d, default_language)).unwrap_or_default();
    let mut out: BTreeMap<String, ItemText> = BTreeMap::new();
    for (lang, n) in names {
        out.entry(lang).or_default().name = n;
    }
    for (lang, d) in descriptions {
        out.entry(lang).or_default().description = d;
    }
    for t in out.values_mut() {
        if t.name.is_empty() {
            t.name.clone_from(&name);
        }
    }
    (name, description, out)
}

fn split_prices(prices: &BTreeMap<String, PriceFile>, default: &str) -> (Price, BTreeMap<String, Price>) {
    let to = |p: &PriceFile| Price { monthly: p.monthly, yearly: p.yearly };
    let main = prices.get(default).map(to).unwrap_or(Price { monthly: 0, yearly: 0 });
    let rest = prices.iter().filter(|(k, _)| k.as_str() != default).map(|(k, v)| (k.clone(), to(v))).collect();
    (main, rest)
}

fn catalogue(c: &CatalogueFile, provider: Provider, country: String, links: &LinksFile) -> Catalog {
    let lang = c.default_language.as_str();
    let cur = c.default_currency.as_str();
    let plans = c
        .plans
        .iter()
        .map(|p| {
            let (name, description, translations) = translations(Some(&p.name), p.description.as_ref(), lang);
            let (price, prices) = split_prices(&p.prices, cur);
            Plan {
                id: p.id.clone(),
                name,
                description,
                translations,
                price,
                prices,
                limits: p.limits.clone(),
                recommended: p.recommended,
                managed_moderation: p.managed_moderation,
                included_addons: p.included_addons.clone(),
                included_support: p.included_support.clone(),
                payment_methods: p.payment_methods.clone(),
            }
        })
        .collect();
    let addons = c
        .addons
        .iter()
        .map(|a| {
            let (name, description, translations) = translations(a.name.as_ref(), a.description.as_ref(), lang);
            let (price, prices) = split_prices(&a.prices, cur);
            Addon { id: a.id.clone(), kind: a.kind.clone(), name, description, translations, price, prices }
        })
        .collect();
    let support_tiers = c
        .support_tiers
        .iter()
        .map(|t| {
            let (name, _, translations) = translations(Some(&t.name), None, lang);
            let (price, prices) = split_prices(&t.prices, cur);
            SupportTier { id: t.id.clone(), name, translations, response_hours: t.response_hours, price, prices }
        })
        .collect();
    let mut currencies = vec![c.default_currency.clone()];
    currencies.extend(c.currencies.iter().filter(|x| x.as_str() != cur).cloned());
    Catalog {
        currency: c.default_currency.clone(),
        currencies,
        default_language: c.default_language.clone(),
        provider,
        plans,
        addons,
        support_tiers,
        shared_domains: c.shared_domains.clone(),
        provider_country: country,
        terms_url: links.terms.clone(),
        dpa_url: links.dpa.clone(),
    }
}

fn build(f: &ConfigFile, p: &mut Problems, env: &impl Fn(&str) -> Option<String>) -> Settings {
    let mut s = Settings::default();
    check::server(p, f);
    s.addr = f.server.addr;
    s.public_url.clone_from(&f.server.public_url);
    s.data.clone_from(&f.server.data);
    if let Some(db) = &f.server.database {
        let at = Path::root().key("server").key("database");
        if let Some(url) = secret_value(p, at.clone(), db, env) {
            if url.starts_with("postgres://") || url.starts_with("postgresql://") {
                s.database = Some(crate::delivery::Hidden(url));
            } else {
                p.add(at, "give a PostgreSQL address such as postgres://onramp@db.example/onramp");
            }
        }
    }
    s.static_dir.clone_from(&f.server.static_dir);
    s.hsts = f.server.hsts.unwrap_or(false);
    s.draft_ttl_days = f.server.draft_ttl_days;
    s.provision_step_ms = f.server.provision_step_ms;
    s.log_format = f.server.log_format.unwrap_or_default();
    let d = Limits::default();
    s.instances = f.limits.instances.unwrap_or(1).max(1);
    s.limits = Limits {
        availability_per_min: f.limits.availability_per_min.unwrap_or(d.availability_per_min),
        create_per_min: f.limits.create_per_min.unwrap_or(d.create_per_min),
        events_per_min: f.limits.events_per_min.unwrap_or(d.events_per_min),
        reports_per_min: f.limits.reports_per_min.unwrap_or(d.reports_per_min),
        uploads_per_min: f.limits.uploads_per_min.unwrap_or(d.uploads_per_min),
        uploads_per_draft_per_min: f.limits.uploads_per_draft_per_min.unwrap_or(d.uploads_per_draft_per_min),
        max_clients: f.limits.max_clients.unwrap_or(d.max_clients),
    }
    .share(s.instances);
    let t = crate::serve::Timeouts::default();
    let secs = |v: Option<u32>, d: std::time::Duration| v.map_or(d, |s| std::time::Duration::from_secs(u64::from(s)));
    s.timeouts = crate::serve::Timeouts {
        header: secs(f.server.header_timeout_secs, t.header),
        request: secs(f.server.request_timeout_secs, t.request),
        upload: secs(f.server.upload_timeout_secs, t.upload),
    };
    let mem = crate::MemoryLimits::default();
    s.memory = crate::MemoryLimits {
        image_decodes: f.limits.image_decodes.map_or(mem.image_decodes, |n| n as usize),
        uploads_in_flight: f.limits.uploads_in_flight.map_or(mem.uploads_in_flight, |n| n as usize),
    };
    let m = crate::MailLimits::default();
    s.mail_limits = crate::MailLimits {
        gap_secs: f.limits.resume_mail_every_secs.map_or(m.gap_secs, i64::from),
        per_day: f.limits.resume_mails_per_day.unwrap_or(m.per_day),
    };
    s.resolver = f.dns.resolver;
    if let Some(e) = &f.edge {
        check::edge(p, e);
        s.edge = Some(onramp_api::dns::Edge { host: e.host.clone(), ipv4: e.ipv4.clone(), ipv6: e.ipv6.clone() });
    }
    match (&f.provider, &f.catalogue) {
        (Some(provider), Some(c)) => {
            check::provider(p, provider);
            check::catalogue(p, c);
            let brand = Provider {
                name: provider.name.clone(),
                legal_name: provider.legal_name.clone(),
                support_email: provider.support_email.clone(),
                logo: provider.logo.clone(),
                favicon: provider.favicon.clone(),
                appearance: provider.appearance.clone(),
                privacy_url: provider.links.privacy.clone(),
                imprint_url: provider.links.imprint.clone(),
            };
            s.catalog = catalogue(c, brand, provider.country.clone(), &provider.links);
            if let Some(labels) = &c.reserved_labels {
                s.reserved_labels.clone_from(labels);
            }
            s.api_key = provider.api_key.as_ref().and_then(|k| secret(p, Path::root().key("provider").key("api_key"), k, env));
        }
        (None, None) => {}
        (None, Some(_)) => p.add(Path::root().key("provider"), "a catalogue needs its [provider] section"),
        (Some(_), None) => p.add(Path::root().key("catalogue"), "a provider needs its [catalogue] section"),
    }
    if let Some(partners) = &f.partners {
        let at = Path::root().key("partners");
        for (i, partner) in partners.iter().enumerate() {
            for e in partner.validate(&s.catalog) {
                p.add(at.index(i).pointer(&e.pointer), e.detail);
            }
            if partners.iter().take(i).any(|q| q.id == partner.id) {
                p.add(at.index(i).key("id"), format!("partner id {:?} is listed twice", partner.id));
            }
        }
        s.partners = Some(partners.clone());
    }
    if let Some(from) = &f.mail.from {
        s.mail_from.clone_from(from);
    }
    s.outbox_dir.clone_from(&f.mail.outbox_dir);
    if let Some(smtp) = &f.mail.smtp {
        let at = Path::root().key("mail").key("smtp");
        check::smtp(p, smtp);
        let password = smtp.password.as_ref().and_then(|pw| secret_value(p, at.key("password"), pw, env));
        if smtp.username.is_some() != smtp.password.is_some() {
            p.add(at.clone(), "give both username and password, or neither");
        }
        let port = smtp.port.unwrap_or(match smtp.security {
            SmtpSecurity::Tls => 465,
            SmtpSecurity::Starttls => 587,
            SmtpSecurity::None => 25,
        });
        s.smtp = Some(crate::delivery::SmtpSettings {
            host: smtp.host.clone(),
            port,
            security: smtp.security,
            login: smtp.username.clone().zip(password).map(|(u, pw)| (u, crate::delivery::Hidden(pw))),
            timeout: std::time::Duration::from_secs(u64::from(smtp.timeout_secs.unwrap_or(30).max(1))),
        });
    }
    if let Some(hooks) = &f.webhooks {
        let at = Path::root().key("webhooks");
        for (i, hook) in hooks.iter().enumerate() {
            check::webhook_url(p, at.index(i).key("url"), &hook.url);
            let Some(value) = secret_value(p, at.index(i).key("secret"), &hook.secret, env) else { continue };
            match crate::delivery::sign::secret_key(&value) {
                Ok(key) => s.webhooks.push(crate::delivery::Endpoint { url: hook.url.clone(), key: crate::delivery::Hidden(key) }),
                Err(why) => p.add(at.index(i).key("secret"), why),
            }
        }
    }
    if let Some(pay) = &f.payments {
        let at = Path::root().key("payments");
        check::webhook_url(p, at.key("checkout_url"), &pay.checkout_url);
        if let Some(value) = secret_value(p, at.key("secret"), &pay.secret, env) {
            match crate::delivery::sign::secret_key(&value) {
                Ok(key) => {
                    s.payments = Some(crate::payments::PaymentSettings {
                        checkout_url: pay.checkout_url.clone(),
                        key: crate::delivery::Hidden(key),
                        http: crate::delivery::post::client(std::time::Duration::from_secs(u64::from(pay.timeout_secs.unwrap_or(10).clamp(1, 60)))),
                        start_card: pay.start_card.unwrap_or(onramp_api::payment::StartWhen::Paid),
                        start_sepa_debit: pay.start_sepa_debit.unwrap_or(onramp_api::payment::StartWhen::Pending),
                    });
                }
                Err(why) => p.add(at.key("secret"), why),
            }
        }
    }
    let d = crate::delivery::Policy::default();
    let secs = |v: Option<u32>, d: std::time::Duration| v.map_or(d, |v| std::time::Duration::from_secs(u64::from(v.max(1))));
    s.delivery = crate::delivery::Policy {
        first_retry: secs(f.delivery.first_retry_secs, d.first_retry),
        max_retry: secs(f.delivery.max_retry_secs, d.max_retry),
        give_up_after: secs(f.delivery.give_up_after_secs, d.give_up_after),
        timeout: secs(f.delivery.timeout_secs, d.timeout),
    };
    s
}

/// The smallest API key accepted, in characters.
pub const API_KEY_MIN: usize = 32;

/// A secret's value: as written, or from the environment variable the file names.
fn secret_value(p: &mut Problems, at: Path, s: &Secret, env: &impl Fn(&str) -> Option<String>) -> Option<String> {
    match s {
        Secret::Env { env: name } => match env(name) {
            Some(v) => Some(v),
            None => {
                p.add(at, format!("the environment variable {name} is not set"));
                None
            }
        },
        Secret::Literal(v) => Some(v.clone()),
    }
}

fn secret(p: &mut Problems, at: Path, s: &Secret, env: &impl Fn(&str) -> Option<String>) -> Option<ApiKey> {
    let value = secret_value(p, at.clone(), s, env)?;
    if value.chars().count() < API_KEY_MIN || value.chars().any(|c| c.is_whitespace() || c.is_control()) {
        p.add(at, format!("an API key needs at least {API_KEY_MIN} characters and no spaces (e.g. openssl rand -hex 32)"));
        return None;
    }
    Some(ApiKey(value))
}
