//! What may name a partner: a leaf that the embedding protocol and the funnel events both check.

/// Whether `id` can name a partner: 2 to 40 of `a-z`, `0-9` and `-`, not starting with `-`.
pub fn is_partner_id(id: &str) -> bool {
    (2..=40).contains(&id.len())
        && !id.starts_with('-')
        && id.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}
