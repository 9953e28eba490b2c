//! EU VAT identification numbers: the format of each country prefix, and that it matches the country.

use crate::ErrorCode;

use super::{Check, Issue};

/// VAT prefix, the ISO country it belongs to, and the accepted forms of the rest:
/// `9` a digit, `A` a letter, `X` a letter or digit; several forms are separated by `|`.
const FORMATS: [(&str, &str, &str); 28] = [
    ("AT", "AT", "U99999999"),
    ("BE", "BE", "9999999999"),
    ("BG", "BG", "999999999|9999999999"),
    ("CY", "CY", "99999999A"),
    ("CZ", "CZ", "99999999|999999999|9999999999"),
    ("DE", "DE", "999999999"),
    ("DK", "DK", "99999999"),
    ("EE", "EE", "999999999"),
    ("EL", "GR", "999999999"),
    ("ES", "ES", "X9999999X"),
    ("FI", "FI", "99999999"),
    ("FR", "FR", "XX999999999"),
    ("HR", "HR", "99999999999"),
    ("HU", "HU", "99999999"),
    ("IE", "IE", "9999999A|9999999AA|9X99999A"),
    ("IT", "IT", "99999999999"),
    ("LT", "LT", "999999999|999999999999"),
    ("LU", "LU", "99999999"),
    ("LV", "LV", "99999999999"),
    ("MT", "MT", "99999999"),
    ("NL", "NL", "999999999B99"),
    ("PL", "PL", "9999999999"),
    ("PT", "PT", "999999999"),
    ("RO", "RO", "99|999|9999|99999|999999|9999999|99999999|999999999|9999999999"),
    ("SE", "SE", "999999999999"),
    ("SI", "SI", "99999999"),
    ("SK", "SK", "9999999999"),
    ("XI", "GB", "999999999|999999999999"),
];

fn matches_form(rest: &str, form: &str) -> bool {
    rest.chars().count() == form.chars().count()
        && rest.chars().zip(form.chars()).all(|(c, f)| match f {
            '9' => c.is_ascii_digit(),
            'A' => c.is_ascii_uppercase(),
            'X' => c.is_ascii_uppercase() || c.is_ascii_digit(),
            literal => c == literal,
        })
}

/// Normalizes a VAT id as typed: upper case, without spaces, dots and dashes.
pub fn normalize_vat_id(vat: &str) -> String {
    vat.chars().filter(|c| !matches!(c, ' ' | '.' | '-')).flat_map(char::to_uppercase).collect()
}

/// Checks an EU VAT id: a known prefix, the form of that country, and the organization's country.
pub fn check_vat_id(vat: &str, country: &str) -> Check {
    let vat = normalize_vat_id(vat);
    let prefix: String = vat.chars().take(2).collect();
    let rest: String = vat.chars().skip(2).collect();
    let Some((_, vat_country, forms)) = FORMATS.iter().find(|(p, _, _)| *p == prefix) else {
        return Err(Issue::new(
            ErrorCode::Invalid,
            "Start the VAT number with its EU country prefix, like DE123456789.",
        ));
    };
    if *vat_country != country {
        return Err(Issue::new(
            ErrorCode::Mismatch,
            format!("A VAT number starting with {prefix} belongs to another country than the one chosen."),
        ));
    }
    if !forms.split('|').any(|form| matches_form(&rest, form)) {
        return Err(Issue::new(ErrorCode::Invalid, format!("This is not the form of a {prefix} VAT number.")));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_forms_pass_in_their_country() {
        for (vat, country) in [
            ("DE123456789", "DE"),
            ("de 123.456.789", "DE"),
            ("ATU12345678", "AT"),
            ("EL123456789", "GR"),
            ("NL123456789B01", "NL"),
            ("FRXX123456789", "FR"),
            ("IE1234567WA", "IE"),
            ("ESX1234567X", "ES"),
        ] {
            assert_eq!(check_vat_id(vat, country), Ok(()), "{vat}");
        }
    }

    #[test]
    fn wrong_prefix_country_or_form_is_refused() {
        let code = |v: &str, c: &str| check_vat_id(v, c).map_err(|i| i.code);
        assert_eq!(code("DE123456789", "AT"), Err(ErrorCode::Mismatch));
        assert_eq!(code("DE12345678", "DE"), Err(ErrorCode::Invalid));
        assert_eq!(code("US123", "US"), Err(ErrorCode::Invalid));
        assert_eq!(code("", "DE"), Err(ErrorCode::Invalid));
        assert_eq!(code("ATX12345678", "AT"), Err(ErrorCode::Invalid));
        assert_eq!(code("D", "DE"), Err(ErrorCode::Invalid));
    }
}
