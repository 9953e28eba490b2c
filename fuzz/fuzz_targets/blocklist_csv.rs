//! Any text as a Mastodon domain-block CSV, against a list that already holds some blocks.
#![no_main]

use libfuzzer_sys::fuzz_target;
use onramp_api::blocklist::preview;
use onramp_api::DomainBlock;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let existing = vec![DomainBlock { domain: "spam.example".into(), ..Default::default() }];
    if let Ok(p) = preview(&text, &existing, |d| onramp_api::domain::idn::to_ascii(d).ok()) {
        assert!(p.new.len() + p.duplicates.len() + p.invalid.len() <= p.rows.max(1) * 1, "every row lands once");
        for block in &p.new {
            assert!(onramp_api::validate::check_block_domain(&block.domain).is_ok(), "{}", block.domain);
        }
    }
});
