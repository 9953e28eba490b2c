//! Rule packs written for this product, in English, German and French, and the first choices of the
//! moderation step that follow from the kind of organization.

use onramp_api::{OrganizationKind, RegistrationsMode, Rule};

use crate::i18n::Locale;

/// A starting set of server rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pack {
    /// For a public body speaking to citizens.
    PublicBody,
    /// For a community of members.
    Community,
    /// For a company's staff accounts.
    Company,
}

impl Pack {
    /// Every pack, in the order offered.
    pub const ALL: [Self; 3] = [Self::PublicBody, Self::Community, Self::Company];

    /// The pack that fits an organization kind.
    pub fn for_kind(kind: OrganizationKind) -> Self {
        match kind {
            OrganizationKind::PublicSector => Self::PublicBody,
            OrganizationKind::Company => Self::Company,
            OrganizationKind::Nonprofit | OrganizationKind::Education | OrganizationKind::Other => Self::Community,
        }
    }

    /// Value of the pack's `<option>`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::PublicBody => "public",
            Self::Community => "community",
            Self::Company => "company",
        }
    }

    /// Parses an `<option>` value.
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|p| p.as_str() == s)
    }

    /// The pack's rules in `locale`: (text, hint).
    fn texts(self, locale: Locale) -> &'static [(&'static str, &'static str)] {
        match (self, locale) {
            (Self::PublicBody, Locale::En) => &[
                ("Be respectful: no insults, threats or harassment.", "This applies to our accounts and to everyone who replies."),
                ("Our accounts speak for the organization; personal opinions belong on personal accounts.", ""),
                ("No personal data of citizens in public posts.", "Individual cases are handled through the official channels."),
                ("Mark sensitive media and use content warnings where they help.", ""),
                ("Posts follow the law and our social media guidelines.", ""),
            ],
            (Self::PublicBody, Locale::De) => &[
                ("Respektvoller Umgang: keine Beleidigungen, Drohungen oder Belästigung.", "Das gilt für unsere Konten und für alle, die antworten."),
                ("Unsere Konten sprechen für die Organisation; persönliche Meinungen gehören auf persönliche Konten.", ""),
                ("Keine personenbezogenen Daten von Bürgerinnen und Bürgern in öffentlichen Beiträgen.", "Einzelfälle werden über die offiziellen Wege bearbeitet."),
                ("Sensible Medien markieren und Inhaltswarnungen nutzen, wo sie helfen.", ""),
                ("Beiträge folgen dem Gesetz und unseren Social-Media-Richtlinien.", ""),
            ],
            (Self::PublicBody, Locale::Fr) => &[
                ("Soyez respectueux\u{a0}: pas d’insultes, de menaces ni de harcèlement.", "Cela vaut pour nos comptes et pour toutes les personnes qui répondent."),
                ("Nos comptes parlent au nom de l’organisation\u{202f}; les opinions personnelles vont sur les comptes personnels.", ""),
                ("Aucune donnée personnelle de citoyens dans les publications publiques.", "Les cas individuels sont traités par les voies officielles."),
                ("Marquez les médias sensibles et utilisez des avertissements de contenu quand ils aident.", ""),
                ("Les publications respectent la loi et nos règles pour les réseaux sociaux.", ""),
            ],
            (Self::Community, Locale::En) => &[
                ("Be kind and assume good faith.", ""),
                ("No racism, sexism, homophobia, transphobia, ableism or other discrimination.", ""),
                ("No harassment, dogpiling or doxxing.", "Do not publish other people's private information."),
                ("No spam and no undisclosed advertising.", ""),
                ("Use content warnings for sensitive topics and mark sensitive media.", ""),
                ("Describe your images so everyone can follow.", "Add alt text when you upload a picture."),
            ],
            (Self::Community, Locale::De) => &[
                ("Seid freundlich und geht von guten Absichten aus.", ""),
                ("Kein Rassismus, Sexismus, keine Homo- und Transfeindlichkeit, kein Ableismus, keine andere Diskriminierung.", ""),
                ("Keine Belästigung, kein Dogpiling, kein Doxxing.", "Veröffentlicht keine privaten Informationen anderer."),
                ("Kein Spam und keine verdeckte Werbung.", ""),
                ("Inhaltswarnungen für heikle Themen nutzen und sensible Medien markieren.", ""),
                ("Beschreibt eure Bilder, damit alle folgen können.", "Fügt beim Hochladen einen Alternativtext hinzu."),
            ],
            (Self::Community, Locale::Fr) => &[
                ("Soyez bienveillants et présumez la bonne foi.", ""),
                ("Pas de racisme, de sexisme, d’homophobie, de transphobie, de validisme ni d’autre discrimination.", ""),
                ("Pas de harcèlement, de harcèlement en meute ni de divulgation de données personnelles.", "Ne publiez pas les informations privées d’autrui."),
                ("Pas de spam ni de publicité non signalée.", ""),
                ("Utilisez des avertissements de contenu pour les sujets sensibles et marquez les médias sensibles.", ""),
                ("Décrivez vos images pour que tout le monde puisse suivre.", "Ajoutez un texte alternatif quand vous envoyez une image."),
            ],
            (Self::Company, Locale::En) => &[
                ("Be respectful to everyone, inside and outside the company.", ""),
                ("Do not share confidential information.", "If in doubt, ask before you post."),
                ("Accounts are for employees; posts follow our communication guidelines.", ""),
                ("No harassment and no discrimination.", ""),
                ("Mark sensitive media and use content warnings where they help.", ""),
            ],
            (Self::Company, Locale::De) => &[
                ("Respektvoller Umgang mit allen, im Unternehmen und außerhalb.", ""),
                ("Keine vertraulichen Informationen teilen.", "Im Zweifel vor dem Posten nachfragen."),
                ("Konten sind für Mitarbeitende; Beiträge folgen unseren Kommunikationsrichtlinien.", ""),
                ("Keine Belästigung und keine Diskriminierung.", ""),
                ("Sensible Medien markieren und Inhaltswarnungen nutzen, wo sie helfen.", ""),
            ],
            (Self::Company, Locale::Fr) => &[
                ("Soyez respectueux envers tout le monde, dans l’entreprise et en dehors.", ""),
                ("Ne partagez pas d’informations confidentielles.", "En cas de doute, demandez avant de publier."),
                ("Les comptes sont réservés au personnel\u{202f}; les publications suivent nos règles de communication.", ""),
                ("Pas de harcèlement ni de discrimination.", ""),
                ("Marquez les médias sensibles et utilisez des avertissements de contenu quand ils aident.", ""),
            ],
        }
    }

    /// The pack's rules in `locale`.
    pub fn rules(self, locale: Locale) -> Vec<Rule> {
        self.texts(locale).iter().map(|(text, hint)| Rule { text: (*text).to_owned(), hint: (*hint).to_owned() }).collect()
    }
}

/// Who may join, preselected by kind: staff accounts of public bodies and companies are by
/// invitation; other organizations review applications.
pub fn default_registrations(kind: OrganizationKind) -> RegistrationsMode {
    match kind {
        OrganizationKind::PublicSector | OrganizationKind::Company => RegistrationsMode::None,
        _ => RegistrationsMode::Approved,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use onramp_api::validate::validate_moderation;
    use onramp_api::ModerationSection;

    #[test]
    fn every_pack_passes_the_rules_in_every_language() {
        for pack in Pack::ALL {
            assert_eq!(Pack::parse(pack.as_str()), Some(pack));
            for locale in Locale::ALL {
                let rules = pack.rules(locale);
                assert!(rules.len() >= 5, "{pack:?} {locale:?}");
                let m = ModerationSection { rules, ..Default::default() };
                assert_eq!(validate_moderation(&m), [], "{pack:?} {locale:?}");
            }
            for locale in Locale::ALL {
                assert_eq!(pack.rules(Locale::En).len(), pack.rules(locale).len(), "{pack:?} {locale:?} translated rule by rule");
            }
        }
    }

    #[test]
    fn preselection_by_kind() {
        assert_eq!(default_registrations(OrganizationKind::PublicSector), RegistrationsMode::None);
        assert_eq!(default_registrations(OrganizationKind::Company), RegistrationsMode::None);
        assert_eq!(default_registrations(OrganizationKind::Nonprofit), RegistrationsMode::Approved);
        assert_eq!(default_registrations(OrganizationKind::Education), RegistrationsMode::Approved);
        assert_eq!(Pack::for_kind(OrganizationKind::PublicSector), Pack::PublicBody);
        assert_eq!(Pack::for_kind(OrganizationKind::Education), Pack::Community);
    }
}
