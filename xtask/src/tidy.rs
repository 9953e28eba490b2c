//! Tidy checks run by `cargo test`: every Rust file says what it is for in a `//!` line,
//! `mod.rs` files only declare and re-export, each step is a folder with its view and strings
//! that imports no other step, components never reach into the wizard, and the app's and the
//! contract's modules import each other without cycles.

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

    /// The step folders under `src/wizard/steps/`.
    fn step_folders() -> Vec<PathBuf> {
        let dir = root().join("src/wizard/steps");
        let mut folders: Vec<PathBuf> = std::fs::read_dir(&dir)
            .map(|entries| entries.flatten().map(|e| e.path()).filter(|p| p.is_dir()).collect())
            .unwrap_or_default();
        folders.sort();
        folders
    }

    /// Code without its tests and comments: what the module itself imports.
    fn code_of(text: &str) -> String {
        let text = text.split("#[cfg(test)]").next().unwrap_or_default();
        text.lines().map(|l| l.split("//").next().unwrap_or_default()).collect::<Vec<_>>().join("\n")
    }

    #[test]
    fn every_step_is_a_folder_with_its_view_and_strings() {
        let folders = step_folders();
        assert!(folders.len() >= 8, "expected a folder per step and page in src/wizard/steps, found {folders:?}");
        let loose: Vec<_> = std::fs::read_dir(root().join("src/wizard/steps"))
            .map(|entries| entries.flatten().map(|e| e.path()).filter(|p| p.is_file() && !p.ends_with("mod.rs")).collect())
            .unwrap_or_default();
        assert!(loose.is_empty(), "a step's files belong in its folder: {loose:?}");
        for folder in folders {
            for file in ["mod.rs", "view.rs", "strings.rs"] {
                assert!(folder.join(file).is_file(), "{} has no {file}", folder.display());
            }
        }
    }

    #[test]
    fn no_step_folder_imports_another() {
        let folders = step_folders();
        let names: Vec<String> = folders.iter().filter_map(|f| f.file_name()?.to_str().map(str::to_owned)).collect();
        for folder in &folders {
            let own = folder.file_name().and_then(|n| n.to_str()).unwrap_or_default();
            let mut files = Vec::new();
            rust_files(folder, &mut files);
            for file in files {
                let code = code_of(&std::fs::read_to_string(&file).unwrap_or_default());
                assert!(!code.contains("wizard::steps"), "{}: a step reaches into wizard::steps (shared pieces belong in components/)", file.display());
                for other in names.iter().filter(|n| n.as_str() != own) {
                    for path in [format!("super::super::{other}"), format!("steps::{other}")] {
                        assert!(!code.contains(&path), "{}: the {own} step imports the {other} step ({path})", file.display());
                    }
                }
            }
        }
    }

    #[test]
    fn components_take_props_and_never_import_the_wizard() {
        let mut files = Vec::new();
        rust_files(&root().join("src/components"), &mut files);
        assert!(!files.is_empty());
        for file in files {
            let code = code_of(&std::fs::read_to_string(&file).unwrap_or_default());
            assert!(!code.contains("crate::wizard"), "{}: a component imports the wizard (pass what it needs as props)", file.display());
        }
    }

    /// The modules under `dir` (`a::b` for `a/b.rs` or `a/b/mod.rs`) and the modules each one
    /// imports through `crate::…` or `super::…` paths (tests and comments left out).
    fn module_graph(dir: &Path) -> std::collections::BTreeMap<String, std::collections::BTreeSet<String>> {
        let mut files = Vec::new();
        rust_files(dir, &mut files);
        let mut modules = std::collections::BTreeMap::new();
        for file in files {
            let Ok(rel) = file.strip_prefix(dir) else { continue };
            let mut parts: Vec<String> = rel.with_extension("").iter().filter_map(|p| p.to_str().map(str::to_owned)).collect();
            if parts.last().is_some_and(|l| l == "mod" || l == "lib" || l == "main") {
                parts.pop();
            }
            modules.insert(parts.join("::"), code_of(&std::fs::read_to_string(&file).unwrap_or_default()));
        }
        let names: std::collections::BTreeSet<String> = modules.keys().cloned().collect();
        let path_after = |text: &str, prefix: &str| -> Vec<Vec<String>> {
            text.match_indices(prefix)
                .filter(|(i, _)| *i == 0 || !text.as_bytes().get(i - 1).is_some_and(|b| b.is_ascii_alphanumeric() || *b == b'_' || *b == b':'))
                .map(|(i, _)| {
                    let rest = text.get(i + prefix.len()..).unwrap_or_default();
                    let end = rest.find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == ':')).unwrap_or(rest.len());
                    rest.get(..end).unwrap_or_default().split("::").filter(|p| !p.is_empty()).map(str::to_owned).collect()
                })
                .collect()
        };
        let mut graph = std::collections::BTreeMap::new();
        for (module, code) in &modules {
            let mut edges = std::collections::BTreeSet::new();
            let parent = module.rsplit_once("::").map_or("", |(p, _)| p);
            let mut targets: Vec<Vec<String>> = path_after(code, "crate::");
            for rel in path_after(code, "super::") {
                let mut full: Vec<String> = parent.split("::").filter(|p| !p.is_empty()).map(str::to_owned).collect();
                full.extend(rel);
                targets.push(full);
            }
            for parts in targets {
                // The longest prefix that names a module; not the module itself, its parents or children.
                if let Some(target) = (1..=parts.len()).rev().map(|k| parts[..k].join("::")).find(|c| names.contains(c)) {
                    let related = target == *module || module.starts_with(&format!("{target}::")) || target.starts_with(&format!("{module}::"));
                    if !related {
                        edges.insert(target);
                    }
                }
            }
            graph.insert(module.clone(), edges);
        }
        graph
    }

    /// A cycle in `graph`, if there is one.
    fn find_cycle(graph: &std::collections::BTreeMap<String, std::collections::BTreeSet<String>>) -> Option<Vec<String>> {
        fn visit(
            node: &str,
            graph: &std::collections::BTreeMap<String, std::collections::BTreeSet<String>>,
            state: &mut std::collections::BTreeMap<String, u8>,
            stack: &mut Vec<String>,
        ) -> Option<Vec<String>> {
            state.insert(node.to_owned(), 1);
            stack.push(node.to_owned());
            for next in graph.get(node).into_iter().flatten() {
                match state.get(next.as_str()).copied().unwrap_or(0) {
                    1 => {
                        let start = stack.iter().position(|n| n == next).unwrap_or(0);
                        let mut cycle = stack[start..].to_vec();
                        cycle.push(next.clone());
                        return Some(cycle);
                    }
                    0 => {
                        if let Some(c) = visit(next, graph, state, stack) {
                            return Some(c);
                        }
                    }
                    _ => {}
                }
            }
            stack.pop();
            state.insert(node.to_owned(), 2);
            None
        }
        let mut state = std::collections::BTreeMap::new();
        for node in graph.keys() {
            if state.get(node.as_str()).copied().unwrap_or(0) == 0 {
                if let Some(c) = visit(node, graph, &mut state, &mut Vec::new()) {
                    return Some(c);
                }
            }
        }
        None
    }

    #[test]
    fn the_app_and_the_contract_have_no_module_cycles() {
        for dir in ["src", "api/src"] {
            let graph = module_graph(&root().join(dir));
            assert!(graph.len() > 20, "{dir}: found only {} modules", graph.len());
            if let Some(cycle) = find_cycle(&graph) {
                panic!("{dir}: modules import each other in a cycle: {} (move what both need into a leaf module)", cycle.join(" → "));
            }
        }
    }

    #[test]
    fn the_cycle_check_finds_a_cycle() {
        let edge = |a: &str, b: &str| (a.to_owned(), [b.to_owned()].into_iter().collect::<std::collections::BTreeSet<_>>());
        let graph: std::collections::BTreeMap<_, _> = [edge("a", "b"), edge("b", "c"), edge("c", "a")].into_iter().collect();
        assert_eq!(find_cycle(&graph), Some(vec!["a".to_owned(), "b".to_owned(), "c".to_owned(), "a".to_owned()]));
        let acyclic: std::collections::BTreeMap<_, _> = [edge("a", "b"), edge("b", "c")].into_iter().collect();
        assert_eq!(find_cycle(&acyclic), None);
        // The real graph sees a module's imports through crate:: and super:: paths.
        let graph = module_graph(&root().join("src"));
        assert!(graph.get("wizard::layout").is_some_and(|e| e.contains("components")), "wizard::layout's imports not seen: {:?}", graph.get("wizard::layout"));
    }
}
