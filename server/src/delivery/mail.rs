//! Mail to customers: written in their language when it is queued, sent in the provider's name
//! as plain text and HTML (lettre builds the MIME message with Date and Message-ID), through
//! the provider's SMTP server or into a folder of `.eml` files for development and tests.

use std::path::PathBuf;

use lettre::message::{header::ContentType, Mailbox, MultiPart, SinglePart};
use lettre::transport::smtp::authentication::Credentials;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use serde::{Deserialize, Serialize};

use super::{Attempt, SmtpSettings};
use crate::config::SmtpSecurity;

/// One paragraph of a mail: text, or a link on a line of its own.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Block {
    /// A paragraph.
    Text(String),
    /// A link, shown as its address.
    Link(String),
}

/// A mail as the outbox keeps it until it is sent: already in the customer's language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueuedMail {
    /// The recipient's address.
    pub to: String,
    /// BCP 47 language of the text.
    pub locale: String,
    /// Subject line.
    pub subject: String,
    /// The body, paragraph by paragraph.
    pub blocks: Vec<Block>,
}

/// In whose name mail goes out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sender {
    /// The provider's name: the display name and the signature.
    pub name: String,
    /// The sender address.
    pub address: String,
    /// Where customers write with questions (in the signature).
    pub support: String,
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

impl QueuedMail {
    /// The plain-text body with the provider's signature.
    pub fn text(&self, sender: &Sender) -> String {
        let mut out: Vec<String> = self.blocks.iter().map(|b| match b { Block::Text(t) | Block::Link(t) => t.clone() }).collect();
        out.push(format!("-- \n{}\n{}", sender.name, sender.support));
        out.join("\n\n") + "\n"
    }

    /// The HTML body: the same paragraphs, links clickable.
    pub fn html(&self, sender: &Sender) -> String {
        let body: String = self
            .blocks
            .iter()
            .map(|b| match b {
                Block::Text(t) => format!("<p>{}</p>\n", escape(t).replace('\n', "<br>")),
                Block::Link(url) => format!("<p><a href=\"{0}\">{0}</a></p>\n", escape(url)),
            })
            .collect();
        format!(
            "<!doctype html>\n<html lang=\"{lang}\"><head><meta charset=\"utf-8\"><title>{subject}</title></head>\n<body>\n{body}<p>—<br>{name}<br><a href=\"mailto:{support}\">{support}</a></p>\n</body></html>\n",
            lang = escape(&self.locale),
            subject = escape(&self.subject),
            name = escape(&sender.name),
            support = escape(&sender.support),
        )
    }

    /// The MIME message: from the provider, plain text and HTML, with `id` in its Message-ID.
    pub fn message(&self, id: &str, sender: &Sender) -> Result<Message, Attempt> {
        let from: lettre::Address = sender.address.parse().map_err(|e| Attempt::Refused(format!("sender address: {e}")))?;
        let to: lettre::Address = self.to.trim().parse().map_err(|e| Attempt::Refused(format!("recipient address: {e}")))?;
        let domain = from.domain().to_owned();
        let clean = |s: &str| s.replace(['\r', '\n'], " ");
        Message::builder()
            .from(Mailbox::new(Some(clean(&sender.name)), from))
            .to(Mailbox::new(None, to))
            .subject(clean(&self.subject))
            .message_id(Some(format!("<{id}@{domain}>")))
            .date_now()
            .multipart(
                MultiPart::alternative()
                    .singlepart(SinglePart::builder().header(ContentType::TEXT_PLAIN).body(self.text(sender)))
                    .singlepart(SinglePart::builder().header(ContentType::TEXT_HTML).body(self.html(sender))),
            )
            .map_err(|e| Attempt::Refused(format!("the mail could not be built: {e}")))
    }
}

/// How mail leaves the server.
pub enum Mailer {
    /// Into a folder, one `.eml` file per mail (named after the delivery, so a retry rewrites
    /// the same file).
    Files(PathBuf),
    /// Through the provider's SMTP server.
    Smtp(AsyncSmtpTransport<Tokio1Executor>),
}

impl Mailer {
    /// Mail as files in `dir`.
    pub fn files(dir: PathBuf) -> Self {
        Self::Files(dir)
    }

    /// Mail through `smtp`; the reason when its settings cannot make a transport.
    pub fn smtp(smtp: &SmtpSettings) -> Result<Self, String> {
        let builder = match smtp.security {
            SmtpSecurity::Tls => AsyncSmtpTransport::<Tokio1Executor>::relay(&smtp.host).map_err(|e| e.to_string())?,
            SmtpSecurity::Starttls => AsyncSmtpTransport::<Tokio1Executor>::starttls_relay(&smtp.host).map_err(|e| e.to_string())?,
            SmtpSecurity::None => AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(&smtp.host),
        };
        let mut builder = builder.port(smtp.port).timeout(Some(smtp.timeout));
        if let Some((user, password)) = &smtp.login {
            builder = builder.credentials(Credentials::new(user.clone(), password.0.clone()));
        }
        Ok(Self::Smtp(builder.build()))
    }

    /// Sends one mail as delivery `id`.
    pub async fn send(&self, id: &str, mail: &QueuedMail, sender: &Sender) -> Result<(), Attempt> {
        let message = mail.message(id, sender)?;
        match self {
            Self::Files(dir) => {
                let (dir, bytes, name) = (dir.clone(), message.formatted(), format!("{id}.eml"));
                tokio::task::spawn_blocking(move || {
                    std::fs::create_dir_all(&dir)?;
                    let tmp = dir.join(format!(".{name}.tmp"));
                    std::fs::write(&tmp, bytes)?;
                    std::fs::rename(tmp, dir.join(name))
                })
                .await
                .map_err(|e| Attempt::Later(e.to_string()))?
                .map_err(|e| Attempt::Later(format!("the outbox folder: {e}")))
            }
            Self::Smtp(transport) => match transport.send(message).await {
                Ok(_) => Ok(()),
                Err(e) if e.is_permanent() => Err(Attempt::Refused(format!("the mail server refused it: {e}"))),
                Err(e) => Err(Attempt::Later(format!("the mail server: {e}"))),
            },
        }
    }
}

/// The supported language among an `Accept-Language` header's, by preference; else `fallback`.
pub fn language(accept: Option<&str>, fallback: &str) -> String {
    const KNOWN: [&str; 3] = ["en", "de", "fr"];
    let mut ranked: Vec<(f32, &str)> = accept
        .unwrap_or_default()
        .split(',')
        .filter_map(|part| {
            let mut bits = part.split(';');
            let tag = bits.next()?.trim();
            let q = bits.find_map(|b| b.trim().strip_prefix("q=")).map_or(Some(1.0), |q| q.trim().parse::<f32>().ok())?;
            Some((q, tag))
        })
        .collect();
    ranked.sort_by(|a, b| b.0.total_cmp(&a.0));
    ranked
        .into_iter()
        .filter(|(q, _)| *q > 0.0)
        .find_map(|(_, tag)| {
            let primary = tag.split('-').next()?.to_ascii_lowercase();
            KNOWN.into_iter().find(|k| *k == primary)
        })
        .or_else(|| KNOWN.into_iter().find(|k| *k == fallback))
        .unwrap_or("en")
        .to_owned()
}

/// The mail with the link that opens a draft on another device.
pub fn resume_link(to: &str, locale: &str, provider: &str, link: &str, until: &str) -> QueuedMail {
    let day = until.split('T').next().unwrap_or(until);
    let (subject, lead, care) = match locale {
        "de" => (
            format!("Ihre Anmeldung bei {provider} fortsetzen"),
            "Setzen Sie Ihre Anmeldung dort fort, wo Sie aufgehört haben:".to_owned(),
            format!("Wer diesen Link hat, kann den Entwurf ändern; geben Sie ihn nicht weiter. Er gilt bis {day} (UTC)."),
        ),
        "fr" => (
            format!("Reprendre votre inscription chez {provider}"),
            "Reprenez votre inscription là où vous l’avez laissée :".to_owned(),
            format!("Toute personne qui a ce lien peut modifier le brouillon ; gardez-le pour vous. Il est valable jusqu’au {day} (UTC)."),
        ),
        _ => (
            format!("Continue your sign-up with {provider}"),
            "Continue your sign-up where you left it:".to_owned(),
            format!("Anyone with this link can change the draft; keep it to yourself. It works until {day} (UTC)."),
        ),
    };
    QueuedMail { to: to.to_owned(), locale: locale.to_owned(), subject, blocks: vec![Block::Text(lead), Block::Link(link.to_owned()), Block::Text(care)] }
}

/// An amount in minor units as the mail writes it: `1,234.50 EUR` (`1.234,50 EUR` in German and
/// French); two decimals, as every currency the catalogue sells in has.
fn amount(minor: i64, currency: &str, locale: &str) -> String {
    let (units, cents) = (minor.unsigned_abs() / 100, minor.unsigned_abs() % 100);
    let (group, decimal) = if locale == "en" { (',', '.') } else { ('.', ',') };
    let grouped = onramp_api::catalog::grouped(units, group);
    format!("{}{grouped}{decimal}{cents:02} {currency}", if minor < 0 { "-" } else { "" })
}

/// The order confirmation: the plan and each priced line for the billing period, how VAT is
/// treated, how the organization pays and what it must do now, the references for its invoices,
/// and the status page.
pub fn order_confirmation(order: &onramp_api::order::ProviderOrder, catalog: &onramp_api::Catalog, status_link: &str) -> Option<QueuedMail> {
    use onramp_api::payment::PaymentState;
    use onramp_api::tax::VatTreatment;
    use onramp_api::{Billing, PaymentMethod};
    let locale = order.locale.as_str();
    let org = order.sections.organization.as_ref()?;
    let plan = order.sections.plan.as_ref()?;
    let quote = onramp_api::pricing::quote(catalog, plan)?;
    let names = catalog.localized(locale);
    let name_of = |id: &str| {
        names.plan(id).map(|p| p.name.clone()).or_else(|| names.addon(id).map(|a| a.display_name(locale))).or_else(|| names.support_tier(id).map(|t| t.name.clone())).unwrap_or_else(|| id.to_owned())
    };
    let yearly = quote.billing == Billing::Yearly;
    let per = |monthly: i64, yearly_amount: i64| amount(if yearly { yearly_amount } else { monthly }, &quote.currency, locale);
    let de = locale == "de";
    let fr = locale == "fr";
    let pick = |en: String, de_text: String, fr_text: String| if de { de_text } else if fr { fr_text } else { en };
    let period = pick(
        if yearly { "yearly".into() } else { "monthly".into() },
        if yearly { "jährlich".into() } else { "monatlich".into() },
        if yearly { "annuelle".into() } else { "mensuelle".into() },
    );
    let mut blocks = vec![Block::Text(pick(
        format!("Thank you for your order {} for https://{}.", order.order.id, order.order.web_domain),
        format!("Vielen Dank für Ihre Bestellung {} für https://{}.", order.order.id, order.order.web_domain),
        format!("Merci pour votre commande {} pour https://{}.", order.order.id, order.order.web_domain),
    ))];
    let mut lines: Vec<String> = quote.lines.iter().map(|l| format!("{}: {}", name_of(&l.id), per(l.price.monthly, l.price.yearly))).collect();
    lines.push(pick(
        format!("Total, billed {period}: {} (net)", per(quote.total.monthly, quote.total.yearly)),
        format!("Summe, Abrechnung {period}: {} (netto)", per(quote.total.monthly, quote.total.yearly)),
        format!("Total, facturation {period} : {} (hors taxes)", per(quote.total.monthly, quote.total.yearly)),
    ));
    blocks.push(Block::Text(lines.join("\n")));
    let vat = match onramp_api::tax::vat_treatment(&catalog.provider_country, Some(org)) {
        VatTreatment::Domestic => pick("VAT of the provider's country is added to these net prices.".into(), "Die Umsatzsteuer wird zu diesen Nettopreisen hinzugerechnet.".into(), "La TVA du pays du prestataire s’ajoute à ces prix hors taxes.".into()),
        VatTreatment::ReverseCharge => pick("No VAT is added: reverse charge (your VAT id is on the invoice).".into(), "Es wird keine Umsatzsteuer berechnet: Steuerschuldnerschaft des Leistungsempfängers (Ihre USt-IdNr. steht auf der Rechnung).".into(), "Aucune TVA n’est ajoutée : autoliquidation (votre numéro de TVA figure sur la facture).".into()),
        VatTreatment::EuWithoutVatId => pick("The VAT of your country is added to these net prices.".into(), "Die Umsatzsteuer Ihres Landes wird zu diesen Nettopreisen hinzugerechnet.".into(), "La TVA de votre pays s’ajoute à ces prix hors taxes.".into()),
        VatTreatment::OutsideEu | VatTreatment::Unknown => pick("No VAT is added: you are outside the EU.".into(), "Es wird keine Umsatzsteuer berechnet: Sie sind außerhalb der EU.".into(), "Aucune TVA n’est ajoutée : vous êtes hors de l’UE.".into()),
    };
    blocks.push(Block::Text(vat));
    let billing = &org.billing;
    let invoice_to = billing.email.clone().filter(|e| !e.trim().is_empty()).unwrap_or_else(|| org.contact_email.clone());
    let pay_now = order.order.payment.as_ref().is_some_and(|p| p.state == PaymentState::AwaitingPayment);
    blocks.push(Block::Text(match billing.payment_method {
        PaymentMethod::Invoice => pick(format!("You pay by invoice; it is sent to {invoice_to}."), format!("Sie zahlen auf Rechnung; sie geht an {invoice_to}."), format!("Vous payez sur facture ; elle est envoyée à {invoice_to}.")),
        PaymentMethod::Card if pay_now => pick("You pay by card: complete the payment on the status page.".into(), "Sie zahlen mit Karte: Schließen Sie die Zahlung auf der Statusseite ab.".into(), "Vous payez par carte : terminez le paiement sur la page de suivi.".into()),
        PaymentMethod::SepaDebit if pay_now => pick("You pay by SEPA direct debit: give the mandate on the status page.".into(), "Sie zahlen per SEPA-Lastschrift: Erteilen Sie das Mandat auf der Statusseite.".into(), "Vous payez par prélèvement SEPA : donnez le mandat sur la page de suivi.".into()),
        PaymentMethod::Card => pick("You pay by card.".into(), "Sie zahlen mit Karte.".into(), "Vous payez par carte.".into()),
        PaymentMethod::SepaDebit => pick("You pay by SEPA direct debit.".into(), "Sie zahlen per SEPA-Lastschrift.".into(), "Vous payez par prélèvement SEPA.".into()),
    }));
    let mut refs = Vec::new();
    let given = |v: &Option<String>| v.as_deref().map(str::trim).filter(|v| !v.is_empty()).map(str::to_owned);
    if let Some(po) = given(&billing.purchase_order) {
        refs.push(pick(format!("Purchase order: {po}"), format!("Bestellnummer: {po}"), format!("Bon de commande : {po}")));
    }
    if let Some(reference) = given(&billing.buyer_reference) {
        let leitweg = onramp_api::validate::is_german_public_body(org);
        refs.push(match (leitweg, de) {
            (true, true) => format!("Leitweg-ID: {reference}"),
            (true, false) => pick(format!("Buyer reference (Leitweg-ID): {reference}"), String::new(), format!("Référence acheteur (Leitweg-ID) : {reference}")),
            (false, _) => pick(format!("Buyer reference: {reference}"), format!("Käuferreferenz: {reference}"), format!("Référence acheteur : {reference}")),
        });
    }
    if let Some(peppol) = given(&billing.peppol_id) {
        refs.push(pick(format!("PEPPOL participant: {peppol}"), format!("PEPPOL-Teilnehmer: {peppol}"), format!("Participant PEPPOL : {peppol}")));
    }
    if !refs.is_empty() {
        blocks.push(Block::Text(refs.join("\n")));
    }
    blocks.push(Block::Text(pick("Follow your order here:".into(), "Verfolgen Sie Ihre Bestellung hier:".into(), "Suivez votre commande ici :".into())));
    blocks.push(Block::Link(status_link.to_owned()));
    let subject = pick(
        format!("Your order {} for {}", order.order.id, order.order.web_domain),
        format!("Ihre Bestellung {} für {}", order.order.id, order.order.web_domain),
        format!("Votre commande {} pour {}", order.order.id, order.order.web_domain),
    );
    Some(QueuedMail { to: org.contact_email.clone(), locale: locale.to_owned(), subject, blocks })
}

/// The mail that tells the first admin the server is live and where to set the password.
pub fn admin_invite(to: &str, locale: &str, web_domain: &str, admin: &str, handle_domain: &str) -> QueuedMail {
    let link = format!("https://{web_domain}/auth/password/new");
    let handle = format!("@{admin}@{handle_domain}");
    let (subject, live, account) = match locale {
        "de" => (
            format!("Ihr Mastodon-Server {web_domain} ist online"),
            format!("Ihr Server https://{web_domain} ist online."),
            format!("Das erste Admin-Konto ist {handle}. Legen Sie sein Passwort hier fest (mit der Adresse {to}):"),
        ),
        "fr" => (
            format!("Votre serveur Mastodon {web_domain} est en ligne"),
            format!("Votre serveur https://{web_domain} est en ligne."),
            format!("Le premier compte d’administration est {handle}. Choisissez son mot de passe ici (avec l’adresse {to}) :"),
        ),
        _ => (
            format!("Your Mastodon server {web_domain} is live"),
            format!("Your server https://{web_domain} is live."),
            format!("Its first admin account is {handle}. Choose its password here (with the address {to}):"),
        ),
    };
    QueuedMail { to: to.to_owned(), locale: locale.to_owned(), subject, blocks: vec![Block::Text(live), Block::Text(account), Block::Link(link)] }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_language_follows_the_preference() {
        assert_eq!(language(Some("de-AT,de;q=0.9,en;q=0.8"), "en"), "de");
        assert_eq!(language(Some("it, fr;q=0.5, en;q=0.7"), "en"), "en");
        assert_eq!(language(Some("it"), "de"), "de");
        assert_eq!(language(Some("fr;q=0, de;q=0.1"), "en"), "de");
        assert_eq!(language(None, "xx"), "en");
        assert_eq!(language(Some(";;q=,"), "fr"), "fr");
    }

    #[test]
    fn amounts_are_grouped_per_language() {
        assert_eq!(amount(123_450, "EUR", "en"), "1,234.50 EUR");
        assert_eq!(amount(123_450, "EUR", "de"), "1.234,50 EUR");
        assert_eq!(amount(-9_000, "CHF", "fr"), "-90,00 CHF");
        assert_eq!(amount(123_456_789, "EUR", "en"), "1,234,567.89 EUR");
    }

    #[test]
    fn html_is_escaped_and_text_is_signed() {
        let sender = Sender { name: "A & B <Hosting>".into(), address: "no-reply@a.example".into(), support: "help@a.example".into() };
        let mail = QueuedMail { to: "x@y.example".into(), locale: "en".into(), subject: "<s>".into(), blocks: vec![Block::Text("1 < 2".into()), Block::Link("https://a.example/?a=1&b=2".into())] };
        let html = mail.html(&sender);
        assert!(html.contains("<p>1 &lt; 2</p>") && html.contains("href=\"https://a.example/?a=1&amp;b=2\"") && html.contains("A &amp; B &lt;Hosting&gt;"));
        assert!(mail.text(&sender).ends_with("-- \nA & B <Hosting>\nhelp@a.example\n"));
        let message = String::from_utf8(mail.message("m1", &sender).unwrap().formatted()).unwrap();
        assert!(message.contains("Message-ID: <m1@a.example>"), "{message}");
        assert!(message.contains("multipart/alternative") && message.contains("Date: "));
    }

    /// An add-on without a name in the provider's file (the sample's extra storage) is named
    /// from its kind in the customer's language, in the text and the HTML part alike (it was
    /// `: 15,00 EUR`).
    #[test]
    fn an_unnamed_addon_is_named_from_its_kind() {
        let catalog = onramp_api::sample::catalog();
        assert!(catalog.addons.iter().any(|a| a.id == "storage_100gb" && a.name.is_empty()));
        let sender = Sender { name: "Host".into(), address: "no-reply@host.example".into(), support: "help@host.example".into() };
        for (locale, line) in [
            ("de", "Zusätzlicher Speicher für Medien: 100 GB mehr: 15,00 EUR"),
            ("en", "Extra media storage: 100 GB more: 15.00 EUR"),
            ("fr", "Stockage supplémentaire pour les médias\u{a0}: 100 Go de plus: 15,00 EUR"),
        ] {
            let order: onramp_api::order::ProviderOrder = serde_json::from_value(serde_json::json!({
                "order": {"id": "o1", "signup_id": "s1", "created_at": "2026-12-07T00:00:00Z", "terms_accepted_at": "2026-12-07T00:00:00Z",
                    "status": "provisioning", "steps": [], "web_domain": "social.example", "handle_domain": "social.example", "admin_handle": "@a@social.example"},
                "sections": {
                    "plan": {"plan_id": "organization", "billing": "monthly", "addons": ["storage_100gb"]},
                    "organization": {"name": "Org", "kind": "company", "country": "DE", "contact_email": "it@org.example", "admin_username": "a",
                        "billing": {"address": {"line1": "Markt 1", "postal_code": "10115", "city": "Berlin"}, "payment_method": "invoice"}}
                },
                "locale": locale
            }))
            .expect("an order");
            let mail = order_confirmation(&order, &catalog, "https://host.example/status/o1").expect("a mail");
            let (text, html) = (mail.text(&sender), mail.html(&sender));
            assert!(text.lines().any(|l| l == line), "{locale}: {text}");
            assert!(!text.lines().any(|l| l.starts_with(": ")) && !html.contains("<br>: ") && !html.contains("<p>: "), "{locale}: {html}");
        }
    }
}
