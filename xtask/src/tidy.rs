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
        for dir in ["src", "api/src", "server/src", "server/tests", "xtask/src", "tests"] {
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
}
