//! Which currency an organization's country pays in, to suggest one of the currencies a provider
//! offers (never to switch silently).

/// The ISO 4217 currency of an ISO 3166-1 alpha-2 country, for the countries whose currency a
/// European hosting provider is likely to sell in; `None` for the others.
pub fn of_country(country: &str) -> Option<&'static str> {
    const EURO: [&str; 25] = [
        "AT", "BE", "HR", "CY", "EE", "FI", "FR", "DE", "GR", "IE", "IT", "LV", "LT", "LU", "MT", "NL", "PT",
        "SK", "SI", "ES", "AD", "MC", "SM", "VA", "ME",
    ];
    if EURO.contains(&country) {
        return Some("EUR");
    }
    Some(match country {
        "CH" | "LI" => "CHF",
        "GB" => "GBP",
        "US" => "USD",
        "CA" => "CAD",
        "AU" => "AUD",
        "SE" => "SEK",
        "DK" => "DKK",
        "NO" => "NOK",
        "IS" => "ISK",
        "PL" => "PLN",
        "CZ" => "CZK",
        "HU" => "HUF",
        "RO" => "RON",
        "BG" => "BGN",
        "JP" => "JPY",
        _ => return None,
    })
}

/// The offered currency to suggest for an organization in `country`, when it is not `current`.
pub fn suggestion(country: &str, current: &str, offered: &[String]) -> Option<String> {
    let local = of_country(country)?;
    (local != current && offered.iter().any(|c| c == local)).then(|| local.to_owned())
}

/// Whether `code` looks like an ISO 4217 code: three upper-case ASCII letters.
pub fn is_code(code: &str) -> bool {
    code.len() == 3 && code.bytes().all(|b| b.is_ascii_uppercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_an_offered_local_currency_only() {
        let offered = vec!["EUR".to_owned(), "CHF".to_owned()];
        assert_eq!(suggestion("CH", "EUR", &offered), Some("CHF".into()));
        assert_eq!(suggestion("AT", "CHF", &offered), Some("EUR".into()));
        assert_eq!(suggestion("AT", "EUR", &offered), None, "already in it");
        assert_eq!(suggestion("GB", "EUR", &offered), None, "GBP is not offered");
        assert_eq!(suggestion("ZZ", "EUR", &offered), None);
        assert!(is_code("CHF") && !is_code("chf") && !is_code("EURO"));
    }
}
