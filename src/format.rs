//! Numbers and money in the user's locale, through the browser's `Intl` (no ICU data shipped).
//!
//! Amounts stay integers: minor units become an exact decimal string, which `Intl.NumberFormat`
//! formats without going through a float.

use onramp_api::catalog::MinorUnits;

use crate::locale::Locale;

/// Digits after the decimal point of an ISO 4217 currency.
pub fn minor_digits(currency: &str) -> u32 {
    match currency {
        "JPY" | "KRW" | "ISK" | "CLP" | "VND" | "HUF" => 0,
        "BHD" | "KWD" | "OMR" | "JOD" | "TND" => 3,
        _ => 2,
    }
}

/// Minor units as an exact decimal string: `(2900, 2)` is `"29.00"`, `(-5, 2)` is `"-0.05"`.
pub fn decimal_string(minor: MinorUnits, digits: u32) -> String {
    let sign = if minor < 0 { "-" } else { "" };
    let abs = minor.unsigned_abs();
    if digits == 0 {
        return format!("{sign}{abs}");
    }
    let scale = 10u64.pow(digits);
    format!("{sign}{}.{:0width$}", abs / scale, abs % scale, width = digits as usize)
}

/// Fallback when `Intl` is not there (native tests): `EUR 29.00`.
fn plain_money(minor: MinorUnits, currency: &str) -> String {
    format!("{currency} {}", decimal_string(minor, minor_digits(currency)))
}

/// A price as the locale writes it: `€29` in English, `29 €` in German; cents only when there are
/// some.
pub fn money(minor: MinorUnits, currency: &str, locale: Locale) -> String {
    intl::money(minor, currency, locale).unwrap_or_else(|| plain_money(minor, currency))
}

/// A whole number with the locale's grouping: `5,000` or `5.000`.
pub fn integer(n: u32, locale: Locale) -> String {
    intl::integer(n, locale).unwrap_or_else(|| n.to_string())
}

/// A number as the locale writes it, with its plural category from `Intl.PluralRules` (French
/// counts 0 as singular, English and German do not).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Count {
    /// The number with the locale's grouping.
    pub text: String,
    /// Whether the locale uses its singular form ("one") for this number.
    pub one: bool,
}

/// `n` as a [`Count`] in `locale`.
pub fn count(n: usize, locale: Locale) -> Count {
    let n = u32::try_from(n).unwrap_or(u32::MAX);
    Count { text: integer(n, locale), one: intl::plural_one(n, locale).unwrap_or(n == 1) }
}

/// Sorts `items` by `key` as people of `locale` expect (`Intl.Collator`: Åland next to Albania,
/// Côte d'Ivoire before Croatia); by code points without `Intl`.
pub fn sort_for_people<T>(items: &mut [T], locale: Locale, key: impl Fn(&T) -> &str) {
    match intl::collator(locale) {
        Some(c) => items.sort_by(|a, b| intl::compare(&c, key(a), key(b))),
        None => items.sort_by(|a, b| key(a).cmp(key(b))),
    }
}

/// Items joined as a sentence of `locale` (`Intl.ListFormat`): "a, b, and c", "a, b und c".
pub fn list(items: &[String], locale: Locale) -> String {
    intl::list(items, locale).unwrap_or_else(|| items.join(", "))
}

/// The name of a region (ISO 3166-1 code) in the locale's language.
pub fn region_name(code: &str, locale: Locale) -> String {
    intl::display_name("region", code, locale).unwrap_or_else(|| code.to_owned())
}

/// The name of a language (ISO 639-1 code) in the locale's language.
pub fn language_name(code: &str, locale: Locale) -> String {
    intl::display_name("language", code, locale).unwrap_or_else(|| code.to_owned())
}

/// A contrast ratio with two decimals, cut (never rounded up, so a failing 4.497 never reads
/// as 4.50), in the locale's decimal separator: `4.49` or `4,49`.
pub fn ratio(r: f64, locale: Locale) -> String {
    let hundredths = if r.is_finite() && r > 0.0 { (r * 100.0).floor() as u64 } else { 0 };
    let text = format!("{}.{:02}", hundredths / 100, hundredths % 100);
    match locale {
        Locale::De | Locale::Fr => text.replace('.', ","),
        _ => text,
    }
}

/// The time of day of an RFC 3339 instant in the user's time zone and locale (`14:05:09`);
/// without `Intl`, the UTC time as written.
pub fn time(rfc3339: &str, locale: Locale) -> String {
    intl::time(rfc3339, locale).unwrap_or_else(|| rfc3339.get(11..19).unwrap_or(rfc3339).to_owned())
}

#[cfg(target_arch = "wasm32")]
mod intl {
    use js_sys::{Array, Function, Intl, Object, Reflect};
    use wasm_bindgen::{JsCast, JsValue};

    use super::*;

    thread_local! {
        /// Formatters made so far, by what they are for (`money|de|EUR`): making one costs the
        /// browser far more than using it (measured: `new Intl.NumberFormat` was 68 ms of the
        /// plan step's start at 4x CPU throttling, one per price shown), and they never change.
        static MADE: std::cell::RefCell<Vec<(String, JsValue)>> = const { std::cell::RefCell::new(Vec::new()) };
    }

    /// The formatter known as `key`, made by `make` the first time.
    fn made(key: String, make: impl FnOnce() -> Option<JsValue>) -> Option<JsValue> {
        if let Some(found) = MADE.with(|m| m.borrow().iter().find(|(k, _)| *k == key).map(|(_, v)| v.clone())) {
            return Some(found);
        }
        let value = make()?;
        MADE.with(|m| m.borrow_mut().push((key, value.clone())));
        Some(value)
    }

    fn options(pairs: &[(&str, &str)]) -> Object {
        let o = Object::new();
        for (k, v) in pairs {
            let _ = Reflect::set(&o, &JsValue::from_str(k), &JsValue::from_str(v));
        }
        o
    }

    /// Formats `value` with the number format `key`, made with `options` the first time.
    fn format_with(key: String, options: impl FnOnce() -> Object, value: JsValue, locale: Locale) -> Option<String> {
        let format = made(key, || {
            let nf = Intl::NumberFormat::new(&Array::of1(&JsValue::from_str(locale.as_str())), &options());
            Some(nf.format().into())
        })?;
        format.dyn_into::<Function>().ok()?.call1(&JsValue::NULL, &value).ok()?.as_string()
    }

    pub fn money(minor: MinorUnits, currency: &str, locale: Locale) -> Option<String> {
        let digits = minor_digits(currency);
        let o = || options(&[("style", "currency"), ("currency", currency), ("trailingZeroDisplay", "stripIfInteger")]);
        format_with(format!("money|{}|{currency}", locale.as_str()), o, JsValue::from_str(&decimal_string(minor, digits)), locale)
    }

    pub fn integer(n: u32, locale: Locale) -> Option<String> {
        format_with(format!("integer|{}", locale.as_str()), Object::new, JsValue::from_f64(f64::from(n)), locale)
    }

    pub fn time(rfc3339: &str, locale: Locale) -> Option<String> {
        let date = js_sys::Date::new(&JsValue::from_str(rfc3339));
        if date.get_time().is_nan() {
            return None;
        }
        let o = options(&[("hour", "2-digit"), ("minute", "2-digit"), ("second", "2-digit")]);
        date.to_locale_time_string_with_options(locale.as_str(), &o).as_string()
    }

    pub fn plural_one(n: u32, locale: Locale) -> Option<bool> {
        let rules = made(format!("plural|{}", locale.as_str()), || {
            Some(Intl::PluralRules::new(&Array::of1(&JsValue::from_str(locale.as_str())), &Object::new()).into())
        })?;
        Some(rules.unchecked_into::<Intl::PluralRules>().select(f64::from(n)).as_string()? == "one")
    }

    pub fn collator(locale: Locale) -> Option<Intl::Collator> {
        let c = made(format!("collator|{}", locale.as_str()), || {
            Some(Intl::Collator::new(&Array::of1(&JsValue::from_str(locale.as_str())), &Object::new()).into())
        })?;
        Some(c.unchecked_into())
    }

    pub fn compare(c: &Intl::Collator, a: &str, b: &str) -> std::cmp::Ordering {
        let order = c.compare().call2(&JsValue::NULL, &JsValue::from_str(a), &JsValue::from_str(b)).ok().and_then(|v| v.as_f64());
        order.map_or(a.cmp(b), |o| o.partial_cmp(&0.0).unwrap_or(std::cmp::Ordering::Equal))
    }

    pub fn list(items: &[String], locale: Locale) -> Option<String> {
        let lf: Object = made(format!("list|{}", locale.as_str()), || {
            let intl = Reflect::get(&js_sys::global(), &JsValue::from_str("Intl")).ok()?;
            let ctor: Function = Reflect::get(&intl, &JsValue::from_str("ListFormat")).ok()?.dyn_into().ok()?;
            let args = Array::of2(&Array::of1(&JsValue::from_str(locale.as_str())), &options(&[("type", "conjunction")]));
            Reflect::construct(&ctor, &args).ok()
        })?
        .dyn_into()
        .ok()?;
        let format: Function = Reflect::get(&lf, &JsValue::from_str("format")).ok()?.dyn_into().ok()?;
        let list: Array = items.iter().map(|i| JsValue::from_str(i)).collect();
        format.call1(&lf, &list).ok()?.as_string()
    }

    pub fn display_name(kind: &str, code: &str, locale: Locale) -> Option<String> {
        let names: Object = made(format!("names|{kind}|{}", locale.as_str()), || {
            let intl = Reflect::get(&js_sys::global(), &JsValue::from_str("Intl")).ok()?;
            let ctor: Function = Reflect::get(&intl, &JsValue::from_str("DisplayNames")).ok()?.dyn_into().ok()?;
            let args = Array::of2(&Array::of1(&JsValue::from_str(locale.as_str())), &options(&[("type", kind)]));
            Reflect::construct(&ctor, &args).ok()
        })?
        .dyn_into()
        .ok()?;
        let of: Function = Reflect::get(&names, &JsValue::from_str("of")).ok()?.dyn_into().ok()?;
        of.call1(&names, &JsValue::from_str(code)).ok()?.as_string()
    }
}

#[cfg(not(target_arch = "wasm32"))]
mod intl {
    use super::*;

    pub fn money(_: MinorUnits, _: &str, _: Locale) -> Option<String> {
        None
    }

    pub fn time(_: &str, _: Locale) -> Option<String> {
        None
    }

    pub fn integer(_: u32, _: Locale) -> Option<String> {
        None
    }

    pub fn display_name(_: &str, _: &str, _: Locale) -> Option<String> {
        None
    }

    pub fn plural_one(_: u32, _: Locale) -> Option<bool> {
        None
    }

    pub struct Collator;

    pub fn collator(_: Locale) -> Option<Collator> {
        None
    }

    pub fn compare(_: &Collator, a: &str, b: &str) -> std::cmp::Ordering {
        a.cmp(b)
    }

    pub fn list(_: &[String], _: Locale) -> Option<String> {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimal_strings_are_exact() {
        assert_eq!(decimal_string(2_900, 2), "29.00");
        assert_eq!(decimal_string(5, 2), "0.05");
        assert_eq!(decimal_string(-5, 2), "-0.05");
        assert_eq!(decimal_string(1_234_567, 3), "1234.567");
        assert_eq!(decimal_string(500, 0), "500");
        assert_eq!(decimal_string(i64::MIN, 2), "-92233720368547758.08");
    }

    #[test]
    fn ratios_are_cut_not_rounded() {
        assert_eq!(ratio(4.4999, Locale::En), "4.49");
        assert_eq!(ratio(21.0, Locale::De), "21,00");
        assert_eq!(ratio(f64::NAN, Locale::En), "0.00");
    }

    #[test]
    fn without_intl_money_is_still_readable() {
        assert_eq!(money(99_000, "EUR", Locale::De), "EUR 990.00");
    }
}
