//! Any text through each single-value rule: domains (ASCII and IDNA), subdomain labels, e-mail,
//! usernames, VAT ids, postal codes, colours and contrast, visible length, and image sniffing.
#![no_main]

use libfuzzer_sys::fuzz_target;
use onramp_api::{asset, color, domain, text, validate, Theme};

fuzz_target!(|data: &[u8]| {
    let s = String::from_utf8_lossy(data);
    let _ = domain::normalize(&s);
    let _ = domain::check_ascii_domain(&s);
    let _ = domain::check_subdomain_label(&s);
    let _ = domain::is_mixed_script(&s);
    if let Ok(ascii) = domain::idn::to_ascii(&s) {
        let _ = domain::idn::to_unicode(&ascii);
        let _ = domain::idn::position(&ascii);
    }
    let _ = validate::check_email(&s);
    let _ = validate::check_admin_username(&s);
    let _ = validate::check_postal_code(&s);
    let _ = validate::check_vat_id(&s, "DE");
    let _ = validate::check_block_domain(&s);
    let _ = validate::check_accent_color(&s, Theme::Auto);
    let _ = text::visible_len(&s);
    if let Some(c) = color::Rgb::parse(&s) {
        let sug = color::suggestion(c, Theme::Light);
        assert!(color::is_accessible(sug, Theme::Light), "{}", sug.to_hex());
        let dark = color::dark_variant(c);
        assert!(color::DARK_BACKGROUND.contrast(dark) >= color::AA_TEXT, "{}", dark.to_hex());
    }
    let _ = asset::check_file(data.len() as u64, data);
});
