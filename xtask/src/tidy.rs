//! Tidy checks run by `cargo test`: every Rust file says what it is for in a `//!` line, and
//! `mod.rs` files only declare and re-export.

#[cfg(test)]
mod tests {
    use std::path::{Path, PathBuf};

    use crate::util::root;

    fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
        let Ok(entries) = std::fs::read_dir(dir) else { return };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                rust_files(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }

    fn sources() -> Vec<PathBuf> {
        let root = root();
        let mut files = Vec::new();
        for dir in ["src", "api/src", "server/src", "server/tests", "xtask/src", "tests", "splitter/src"] {
            rust_files(&root.join(dir), &mut files);
        }
        assert!(files.len() > 20, "found only {} Rust files under {}", files.len(), root.display());
        files
    }

    #[test]
    fn every_module_starts_with_a_doc_line() {
        let missing: Vec<_> = sources()
            .into_iter()
            .filter(|f| {
                let text = std::fs::read_to_string(f).unwrap_or_default();
                !text.lines().find(|l| !l.trim().is_empty()).is_some_and(|l| l.starts_with("//!"))
            })
            .collect();
        assert!(missing.is_empty(), "files without a leading `//!` line: {missing:?}");
    }

    #[test]
    fn mod_files_only_declare_and_reexport() {
        for file in sources().into_iter().filter(|f| f.ends_with("mod.rs")) {
            let text = std::fs::read_to_string(&file).unwrap_or_default();
            for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
                let ok = line.starts_with("//")
                    || line.starts_with("mod ")
                    || line.starts_with("pub mod ")
                    || line.starts_with("pub use ")
                    || line.starts_with("use ")
                    || line.starts_with("#[");
                assert!(ok, "{}: `{line}` belongs in a module of its own", file.display());
            }
        }
    }

    /// The split build's Trunk configuration is Trunk.toml's plus the hook: the same output,
    /// the same tool versions.
    #[test]
    fn the_split_trunk_config_builds_what_trunk_toml_builds() {
        let table = |name: &str| {
            let text = std::fs::read_to_string(root().join(name)).unwrap_or_default();
            let mut lines: Vec<String> = text
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty() && !l.starts_with('#'))
                .take_while(|l| !l.starts_with("[serve]") && !l.starts_with("[[hooks]]"))
                .map(str::to_owned)
                .collect();
            lines.sort();
            lines
        };
        let (plain, split) = (table("Trunk.toml"), table("Trunk-split.toml"));
        assert!(plain.iter().any(|l| l.starts_with("wasm_bindgen")), "Trunk.toml names no wasm_bindgen version: {plain:?}");
        assert_eq!(plain, split, "Trunk-split.toml's [build] and [tools] differ from Trunk.toml's");
        let hook = std::fs::read_to_string(root().join("Trunk-split.toml")).unwrap_or_default();
        assert!(hook.contains("command = \"target/splitter/debug/onramp-splitter\""), "the split build's hook is not the splitter");
    }
}
