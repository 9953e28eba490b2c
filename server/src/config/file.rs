//! The file's shape, as serde reads it. Every section is optional and has the reference
//! defaults; unknown keys are refused (see `settings`), so a typo never silently keeps a default.

use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::path::PathBuf;

use onramp_api::embed::Partner;
use onramp_api::brand::Appearance;
use onramp_api::{AddonKind, Availability, PaymentMethod, PlanLimits};
use serde::Deserialize;

/// Text per language code (`{ de = "Klein", en = "Small" }`), or one text for every language.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum Texts {
    /// The same in every language.
    One(String),
    /// By language code; must hold the catalogue's default language.
    Many(BTreeMap<String, String>),
}

impl Texts {
    /// The text in `language`, if given for it (or for every language).
    pub fn get(&self, language: &str) -> Option<&str> {
        match self {
            Self::One(s) => Some(s),
            Self::Many(m) => m.get(language).map(String::as_str),
        }
    }
}

/// A price per billing period in minor units.
#[derive(Debug, Clone, Copy, Deserialize)]
pub struct PriceFile {
    /// Each month, when billed monthly.
    pub monthly: i64,
    /// Once a year, when billed yearly.
    pub yearly: i64,
}

/// A secret: written in the file, or read from the environment variable the file names.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum Secret {
    /// `{ env = "NAME" }`: read from the environment at start.
    Env {
        /// The variable's name.
        env: String,
    },
    /// The value itself (keep such a file out of version control).
    Literal(String),
}

/// The whole file.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct ConfigFile {
    /// How the server runs.
    #[serde(default)]
    pub server: ServerFile,
    /// Who sells.
    pub provider: Option<ProviderFile>,
    /// What is sold.
    pub catalogue: Option<CatalogueFile>,
    /// Where own domains must point.
    pub edge: Option<EdgeFile>,
    /// Own-domain verification.
    #[serde(default)]
    pub dns: DnsFile,
    /// Sites that embed the sign-up.
    pub partners: Option<Vec<Partner>>,
    /// Rate limits.
    #[serde(default)]
    pub limits: LimitsFile,
    /// Mail to customers.
    #[serde(default)]
    pub mail: MailFile,
    /// The provider's endpoints, told of every order and each step change.
    pub webhooks: Option<Vec<WebhookFile>>,
    /// How mail and webhook deliveries are retried.
    #[serde(default)]
    pub delivery: DeliveryFile,
    /// The provider's checkout, for card and SEPA payments.
    pub payments: Option<PaymentsFile>,
}

/// `[payments]`.
#[derive(Debug, Clone, Deserialize)]
pub struct PaymentsFile {
    /// Where the server asks for a checkout page (https, or http to a loopback address).
    pub checkout_url: String,
    /// Signs checkout requests and return URLs, `whsec_` and base64 of at least 24 random bytes.
    pub secret: Secret,
    /// Seconds the checkout endpoint may take (default 10).
    pub timeout_secs: Option<u32>,
    /// When provisioning starts for card payments: `submitted`, `pending` or `paid` (default).
    pub start_card: Option<onramp_api::payment::StartWhen>,
    /// When it starts for SEPA direct debit: `submitted`, `pending` (default) or `paid`.
    pub start_sepa_debit: Option<onramp_api::payment::StartWhen>,
}

/// `[server]`.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct ServerFile {
    /// Address to listen on.
    pub addr: Option<SocketAddr>,
    /// The app's address as customers reach it (links in mail).
    pub public_url: Option<String>,
    /// Folder of the database and the mail outbox.
    pub data: Option<PathBuf>,
    /// A PostgreSQL database shared by several instances (`postgres://…`, usually
    /// `{ env = "NAME" }` as it holds a password), instead of the SQLite file in `data`.
    pub database: Option<Secret>,
    /// The built app (`dist/`) to serve beside the API.
    pub static_dir: Option<PathBuf>,
    /// Send `Strict-Transport-Security` (behind HTTPS only).
    pub hsts: Option<bool>,
    /// Days an untouched draft is kept.
    pub draft_ttl_days: Option<u32>,
    /// Milliseconds per step of the built-in simulated provisioning.
    pub provision_step_ms: Option<u64>,
    /// `human` (default) or `json` log lines.
    pub log_format: Option<LogFormat>,
    /// Seconds a client has to send a request's headers (also how long an idle keep-alive
    /// connection stays open).
    pub header_timeout_secs: Option<u32>,
    /// Seconds an API request may take, body included (uploads apart).
    pub request_timeout_secs: Option<u32>,
    /// Seconds an upload may take.
    pub upload_timeout_secs: Option<u32>,
}

/// How log lines are written.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "snake_case")]
pub enum LogFormat {
    /// One readable line per event.
    #[default]
    Human,
    /// One JSON object per line.
    Json,
}

/// `[provider]`.
#[derive(Debug, Clone, Deserialize)]
pub struct ProviderFile {
    /// The name customers see.
    pub name: String,
    /// The contracting legal entity.
    pub legal_name: String,
    /// ISO 3166-1 alpha-2 country it bills from (decides VAT).
    pub country: String,
    /// Where customers write for help.
    pub support_email: String,
    /// Header logo: a path on the app's origin, an `https:` URL or a `data:` URL.
    pub logo: Option<String>,
    /// Favicon, given the same ways.
    pub favicon: Option<String>,
    /// Brand colours as design tokens.
    pub appearance: Option<Appearance>,
    /// Legal pages.
    pub links: LinksFile,
    /// Authenticates the provider's own calls to the API (`Authorization: Bearer`).
    pub api_key: Option<Secret>,
}

/// `[provider.links]`.
#[derive(Debug, Clone, Deserialize)]
pub struct LinksFile {
    /// Terms of service.
    pub terms: String,
    /// Data-processing agreement.
    pub dpa: String,
    /// Privacy notice.
    pub privacy: String,
    /// Imprint (legal notice).
    pub imprint: String,
}

/// `[catalogue]`.
#[derive(Debug, Clone, Deserialize)]
pub struct CatalogueFile {
    /// Language every text must have; the app falls back to it.
    pub default_language: String,
    /// The currency shown first.
    pub default_currency: String,
    /// Every currency something is sold in.
    pub currencies: Vec<String>,
    /// Domains under which customers get a subdomain.
    pub shared_domains: Vec<String>,
    /// Plans, cheapest first.
    pub plans: Vec<PlanFile>,
    /// Add-ons.
    #[serde(default)]
    pub addons: Vec<AddonFile>,
    /// Support tiers, slowest first.
    pub support_tiers: Vec<SupportTierFile>,
    /// Subdomain labels kept back on every shared domain.
    pub reserved_labels: Option<Vec<String>>,
}

/// `[[catalogue.plans]]`.
#[derive(Debug, Clone, Deserialize)]
pub struct PlanFile {
    /// Stable id (in drafts and links).
    pub id: String,
    /// Name per language.
    pub name: Texts,
    /// Description per language.
    pub description: Option<Texts>,
    /// Prices by currency; the currencies the plan is sold in.
    pub prices: BTreeMap<String, PriceFile>,
    /// What it allows.
    pub limits: PlanLimits,
    /// Whether it is recommended.
    #[serde(default)]
    pub recommended: bool,
    /// Managed moderation with it.
    #[serde(default)]
    pub managed_moderation: Availability,
    /// Add-ons included at no charge.
    #[serde(default)]
    pub included_addons: Vec<String>,
    /// The support tier included.
    pub included_support: String,
    /// How it can be paid.
    pub payment_methods: Vec<PaymentMethod>,
}

/// `[[catalogue.addons]]`.
#[derive(Debug, Clone, Deserialize)]
pub struct AddonFile {
    /// Stable id.
    pub id: String,
    /// What it is.
    pub kind: AddonKind,
    /// Name per language (the app names it from its kind otherwise).
    pub name: Option<Texts>,
    /// Description per language.
    pub description: Option<Texts>,
    /// Prices by currency: every offered currency.
    pub prices: BTreeMap<String, PriceFile>,
}

/// `[[catalogue.support_tiers]]`.
#[derive(Debug, Clone, Deserialize)]
pub struct SupportTierFile {
    /// Stable id.
    pub id: String,
    /// Name per language.
    pub name: Texts,
    /// First response within, in hours.
    pub response_hours: u32,
    /// Prices by currency: every offered currency.
    pub prices: BTreeMap<String, PriceFile>,
}

/// `[edge]`.
#[derive(Debug, Clone, Deserialize)]
pub struct EdgeFile {
    /// Host a web domain's CNAME points to.
    pub host: String,
    /// IPv4 address for an apex web domain.
    pub ipv4: String,
    /// IPv6 address for an apex web domain.
    pub ipv6: String,
}

/// `[dns]`.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct DnsFile {
    /// The resolver verification asks (`IP:PORT`); the system's otherwise.
    pub resolver: Option<SocketAddr>,
}

/// `[limits]`: requests per minute and client, for the whole service.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct LimitsFile {
    /// Availability checks.
    pub availability_per_min: Option<u32>,
    /// New drafts.
    pub create_per_min: Option<u32>,
    /// Funnel event batches.
    pub events_per_min: Option<u32>,
    /// CSP violation reports.
    pub reports_per_min: Option<u32>,
    /// Image uploads.
    pub uploads_per_min: Option<u32>,
    /// Image uploads per draft.
    pub uploads_per_draft_per_min: Option<u32>,
    /// Image checks at once (each may take up to about 150 MB).
    pub image_decodes: Option<u32>,
    /// Upload bodies read at once (each up to 4 MB).
    pub uploads_in_flight: Option<u32>,
    /// Least seconds between two resume-link mails for one draft.
    pub resume_mail_every_secs: Option<u32>,
    /// Most resume-link mails a day per draft and per address.
    pub resume_mails_per_day: Option<u32>,
    /// How many server instances share these limits (each holds its share).
    pub instances: Option<u32>,
    /// Most clients remembered by each limiter.
    pub max_clients: Option<usize>,
}

/// `[mail]`.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct MailFile {
    /// The sender address (the provider's name is its display name).
    pub from: Option<String>,
    /// Folder mail is written to as `.eml` files (default: `<data>/outbox`), when no `[mail.smtp]`.
    pub outbox_dir: Option<PathBuf>,
    /// The provider's mail server; without it mail is written to `outbox_dir`.
    pub smtp: Option<SmtpFile>,
}

/// `[mail.smtp]`.
#[derive(Debug, Clone, Deserialize)]
pub struct SmtpFile {
    /// Host name (checked against the certificate).
    pub host: String,
    /// Port (default: 465 for `tls`, 587 for `starttls`, 25 for `none`).
    pub port: Option<u16>,
    /// `starttls` (default), `tls`, or `none` (only to a loopback address).
    #[serde(default)]
    pub security: SmtpSecurity,
    /// Login name, when the server wants one.
    pub username: Option<String>,
    /// Password for `username`.
    pub password: Option<Secret>,
    /// Seconds one conversation with the server may take (default 30).
    pub timeout_secs: Option<u32>,
}

/// How the connection to the mail server is protected.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SmtpSecurity {
    /// Plain connection upgraded with STARTTLS (refused if the server cannot).
    #[default]
    Starttls,
    /// TLS from the first byte (SMTPS).
    Tls,
    /// No encryption: a relay on the same machine only.
    None,
}

/// `[[webhooks]]`.
#[derive(Debug, Clone, Deserialize)]
pub struct WebhookFile {
    /// Where events are posted (https, or http to a loopback address).
    pub url: String,
    /// The signing secret, `whsec_` and base64 of at least 24 random bytes.
    pub secret: Secret,
}

/// `[delivery]`.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct DeliveryFile {
    /// Seconds before the first retry; each retry waits about twice as long (default 5).
    pub first_retry_secs: Option<u32>,
    /// Longest wait between two attempts (default 3600).
    pub max_retry_secs: Option<u32>,
    /// Seconds after which a delivery that never succeeded is given up and marked failed
    /// (default 259200, three days).
    pub give_up_after_secs: Option<u32>,
    /// Seconds one webhook request may take (default 10).
    pub timeout_secs: Option<u32>,
}
