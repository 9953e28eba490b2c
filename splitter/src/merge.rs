//! Merging the small chunks the wizard's steps share into one file.
//!
//! The library gives every set of split points that share code a chunk of its own, and each chunk
//! is compressed alone: a walk through the wizard fetched 109 files, 73 of them under 1.5 KB
//! brotli (measured 2026-12-02). A first split finds the chunks; a second one puts the small ones
//! that only the wizard's own split points share into one chunk for all of them
//! (`wasm_split_cli_support`'s `merge_chunks`, a change vendored in `vendor/`). Every split point
//! that needed one of them loads the merged chunk, so nothing is missing; one of them may load a
//! little code it does not run. The split points a visitor may never need (the languages, the demo,
//! the embedded bridge) are left out of the merge, so that none of them loads more than before.

use std::collections::{BTreeMap, BTreeSet};

/// A chunk merges when its code and data (custom sections left out) are smaller than this.
/// Measured on 2026-12-02 (`cargo xtask dist`, the size gate): no merge, a walk of 563,581 bytes
/// brotli in 117 chunk files, the plan step's lower part 34,562 in 26; under 4 KB, 549,573 and
/// 34,181 in 11; under 16 KB, 534,570 and 55,274 in 10 (63 files); any size, 525,471 and 79,901.
/// Above 16 KB a chunk compresses well alone, and merging it would make the first split point
/// after the plan cards bring code it does not run.
pub const SMALL: usize = 16384;

/// The wizard's own split points: the steps, the status and resume pages, the plan step's lower
/// part, the draft's sync code, the resume panel and the routes. A visitor walking the wizard
/// fetches all of them while the browser is idle.
pub fn in_wizard(split: &str) -> bool {
    split.starts_with("step_") || split.starts_with("page_") || matches!(split, "plan_summary" | "draft_sync" | "resume_panel" | "app_routes")
}

/// The sets of split points that share a chunk, keyed by the chunk's file stem, from what each
/// split point fetches (`needs`: split point → file stems).
pub fn sharers(needs: &[(String, Vec<String>)]) -> BTreeMap<String, BTreeSet<String>> {
    let mut by_chunk: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (split, stems) in needs {
        for stem in stems.iter().filter(|s| s.starts_with("chunk_")) {
            by_chunk.entry(stem.clone()).or_default().insert(split.clone());
        }
    }
    by_chunk
}

/// The bytes of a module's code and data: every section but the custom ones (names, producers).
pub fn code_and_data(wasm: &[u8]) -> Result<usize, String> {
    let mut total: u64 = 0;
    for payload in wasmparser::Parser::new(0).parse_all(wasm) {
        let payload = payload.map_err(|e| format!("cannot read a chunk: {e}"))?;
        if let Some((id, range)) = payload.as_section() {
            if id != 0 {
                total += range.end.saturating_sub(range.start);
            }
        }
    }
    usize::try_from(total).map_err(|_| "a chunk too large to count".to_owned())
}

/// Which sets go in which: every small chunk shared only by the wizard's split points goes in one
/// chunk shared by all of their sharers. `sizes`: each chunk's stem and its code and data bytes.
pub fn plan(sharers: &BTreeMap<String, BTreeSet<String>>, sizes: &BTreeMap<String, usize>) -> BTreeMap<BTreeSet<String>, BTreeSet<String>> {
    let small: Vec<&BTreeSet<String>> = sharers
        .iter()
        .filter(|(stem, set)| set.len() > 1 && set.iter().all(|s| in_wizard(s)) && sizes.get(*stem).is_some_and(|n| *n < SMALL))
        .map(|(_, set)| set)
        .collect();
    let union: BTreeSet<String> = small.iter().flat_map(|s| s.iter().cloned()).collect();
    small.into_iter().map(|set| (set.clone(), union.clone())).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(names: &[&str]) -> BTreeSet<String> {
        names.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn sharers_come_from_what_each_split_point_fetches() {
        let needs = vec![
            ("step_domain".to_owned(), vec!["chunk_1".to_owned(), "chunk_2".to_owned(), "split_step_domain".to_owned()]),
            ("step_review".to_owned(), vec!["chunk_1".to_owned(), "split_step_review".to_owned()]),
        ];
        let found = sharers(&needs);
        assert_eq!(found.get("chunk_1"), Some(&set(&["step_domain", "step_review"])));
        assert_eq!(found.get("chunk_2"), Some(&set(&["step_domain"])));
        assert_eq!(found.len(), 2, "split files are not chunks");
    }

    #[test]
    fn small_wizard_chunks_merge_and_the_rest_stay() {
        let sharers: BTreeMap<String, BTreeSet<String>> = [
            ("chunk_1", set(&["step_domain", "step_review"])),
            ("chunk_2", set(&["plan_summary", "step_moderation"])),
            ("chunk_3", set(&["step_domain", "step_branding"])),
            ("chunk_4", set(&["strings_de", "step_domain"])),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v))
        .collect();
        let sizes: BTreeMap<String, usize> =
            [("chunk_1", 300), ("chunk_2", 1_000), ("chunk_3", SMALL), ("chunk_4", 10)].into_iter().map(|(k, v)| (k.to_owned(), v)).collect();
        let merged = plan(&sharers, &sizes);
        let union = set(&["plan_summary", "step_domain", "step_moderation", "step_review"]);
        assert_eq!(merged.get(&set(&["step_domain", "step_review"])), Some(&union));
        assert_eq!(merged.get(&set(&["plan_summary", "step_moderation"])), Some(&union));
        // Not small, or shared with a language that a visitor may never load: unchanged.
        assert_eq!(merged.len(), 2);
        // Every merged set is within what it goes in, so each sharer still loads it.
        assert!(merged.iter().all(|(from, to)| from.is_subset(to)));
    }

    #[test]
    fn custom_sections_are_not_counted() {
        let mut module = wasm_encoder::Module::new();
        let mut types = wasm_encoder::TypeSection::new();
        types.ty().function([], []);
        module.section(&types);
        let bare = module.clone().finish();
        module.section(&wasm_encoder::CustomSection { name: "name".into(), data: vec![0; 500].into() });
        let named = module.finish();
        assert_eq!(code_and_data(&bare).ok(), code_and_data(&named).ok());
        assert!(code_and_data(&bare).is_ok_and(|n| n > 0 && n < 20));
    }
}
