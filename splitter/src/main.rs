//! `onramp-splitter trunk-hook`: Trunk's `post_build` hook for the split build (`Trunk-split.toml`).
//!
//! Trunk 0.21 has no split step (trunk#1022), and its hooks run only before cargo or after
//! wasm-bindgen. So this hook takes the wasm that cargo linked for Trunk (with
//! `-Clink-args=--emit-relocs`, which the xtask sets), splits it at the `#[wasm_split]` points
//! (`src/chunks.rs`) with the library cargo-leptos's `--split` uses, binds the main module with
//! `--keep-lld-exports` (the chunks import the main module's table and stack pointer), optimises
//! every module with binaryen's wasm-opt, names each chunk by its content (the static host serves
//! `*.wasm` as immutable), and writes the result over the two files Trunk staged, under Trunk's
//! names, so the page Trunk wrote loads it unchanged (hence `--no-sri`: Trunk's hashes are of the
//! files it staged). It also writes `chunks.json`: the chunk files and which ones each split point
//! fetches, for the size gate. The small chunks that only the wizard's own split points share are
//! merged into one (`merge.rs`), and chunks that hold only data are folded into the main module
//! (`fold.rs`).

mod fold;
mod merge;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

/// The app's binary target, and the stem of Trunk's file names.
const BIN: &str = "onramp";
/// The module name the splitter gives the chunk loader; the main module imports it by this name.
const LOADER: &str = "./__wasm_split.js";

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("trunk-hook") => trunk_hook(),
        Some("split") if args.len() == 3 => split_only(Path::new(&args[1]), Path::new(&args[2])),
        _ => Err("usage: onramp-splitter trunk-hook (run by Trunk with Trunk-split.toml; see `cargo xtask dist`)\n       onramp-splitter split APP.wasm OUT_DIR (only the split, unbound and unoptimised, names kept: to see what each module holds)".into()),
    };
    if let Err(e) = result {
        eprintln!("onramp-splitter: error: {e}"); // ok: a command-line tool's error, for the person running the build
        std::process::exit(1);
    }
}

fn env(key: &str) -> Result<String, String> {
    std::env::var(key).map_err(|_| format!("{key} is not set (Trunk sets it for a post_build hook)"))
}

fn trunk_hook() -> Result<(), String> {
    let started = Instant::now();
    let staging = PathBuf::from(env("TRUNK_STAGING_DIR")?);
    let profile = env("TRUNK_PROFILE")?;
    let source = PathBuf::from(env("TRUNK_SOURCE_DIR")?);
    let target = std::env::var_os("CARGO_TARGET_DIR").map(PathBuf::from).unwrap_or_else(|| source.join("target"));
    let raw = target.join("wasm32-unknown-unknown").join(&profile).join(format!("{BIN}.wasm"));
    let staged = staged_wasm(&staging)?;
    let stem = file_name(&staged)?.trim_end_matches("_bg.wasm").to_string();
    let work = target.join("split-work");
    let _ = std::fs::remove_dir_all(&work);
    let chunks_dir = work.join("chunks");
    std::fs::create_dir_all(&chunks_dir).map_err(|e| format!("cannot create {}: {e}", chunks_dir.display()))?;

    let main_split = work.join("main.wasm");
    let (chunks, needs) = split(&raw, &chunks_dir, &main_split, &format!("./{stem}.js"))?;
    let bound = work.join("bound");
    bindgen(&main_split, &bound, &stem)?;
    let main_wasm = bound.join(format!("{stem}_bg.wasm"));
    let main_js = bound.join(format!("{stem}.js"));
    if profile == "release" {
        let files: Vec<&PathBuf> = std::iter::once(&main_wasm).chain(&chunks).collect();
        optimise_all(&files)?;
    }
    // Chunks (and the loader that names them) under content-hashed names, beside Trunk's files.
    let mut loader = read(&chunks_dir.join("__wasm_split.js"))?;
    // A chunk that cannot be fetched is not an error of the page: the app says so where it
    // matters (Retry on the step) and a failed prefetch is tried again on use. So a warning.
    let logged = "console.error(e);";
    if !loader.contains(logged) {
        return Err(format!("the chunk loader no longer logs with `{logged}`: check the splitter's new loader"));
    }
    loader = loader.replace(logged, "console.warn(\"Onramp: a chunk could not be fetched; it is fetched again when needed:\", e);");
    // The library notes above each chunk's loader which split points share it: bytes of the first
    // load that no browser reads.
    loader = strip_comment_lines(&loader);
    let mut listed = Vec::new();
    let mut renamed = Vec::new();
    for chunk in &chunks {
        let name = file_name(chunk)?;
        let bytes = std::fs::read(chunk).map_err(|e| format!("cannot read {}: {e}", chunk.display()))?;
        let hashed = format!("{}-{}.wasm", name.trim_end_matches(".wasm"), fnv64(&bytes));
        let quoted = format!("\"./{name}\"");
        if !loader.contains(&quoted) {
            return Err(format!("the chunk loader does not name {name}"));
        }
        loader = loader.replace(&quoted, &format!("\"./{hashed}\""));
        write(&staging.join(&hashed), &bytes)?;
        renamed.push((name.trim_end_matches(".wasm").to_owned(), hashed.clone()));
        listed.push(hashed);
    }
    let loader_name = format!("__wasm_split-{}.js", fnv64(loader.as_bytes()));
    write(&staging.join(&loader_name), loader.as_bytes())?;
    preload_loader(&staging.join("index.html"), &format!("{}{loader_name}", env("TRUNK_PUBLIC_URL")?))?;
    // Only the JS import is renamed: the same string is the wasm's import module, a key that stays.
    let js = read(&main_js)?;
    let import = format!("from \"{LOADER}\"");
    if !js.contains(&import) {
        return Err(format!("{} does not import {LOADER}: was the app built with --features split?", main_js.display()));
    }
    write(&staging.join(format!("{stem}.js")), js.replace(&import, &format!("from \"./{loader_name}\"")).as_bytes())?;
    let main_bytes = std::fs::read(&main_wasm).map_err(|e| format!("cannot read {}: {e}", main_wasm.display()))?;
    write(&staged, &main_bytes)?;
    let file_of = |stem: &str| renamed.iter().find(|(s, _)| s == stem).map(|(_, f)| format!("\"{f}\""));
    let splits: Vec<String> = needs
        .iter()
        .map(|(split, stems)| {
            let files: Vec<String> = stems.iter().filter_map(|s| file_of(s)).collect();
            format!("\n    \"{split}\": [{}]", files.join(", "))
        })
        .collect();
    let manifest = format!(
        "{{\n  \"main_js\": \"{stem}.js\",\n  \"main_wasm\": \"{stem}_bg.wasm\",\n  \"loader\": \"{loader_name}\",\n  \"chunks\": [{}],\n  \"splits\": {{{}\n  }}\n}}\n",
        listed.iter().map(|c| format!("\n    \"{c}\"")).collect::<Vec<_>>().join(","),
        splits.join(",")
    );
    write(&staging.join("chunks.json"), manifest.as_bytes())?;
    // ok: the hook's one line of output, shown in Trunk's log.
    eprintln!(
        "onramp-splitter: {stem}: main module {} bytes and {} chunks ({profile}, {:.1} s)",
        main_bytes.len(),
        listed.len(),
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

/// A `modulepreload` of the chunk loader in the page Trunk wrote. The main module's JS imports
/// it, so without this the browser asks for it only once that JS is parsed: one more round trip
/// before the wasm can start (measured at 4x CPU: the loader was asked for 30 ms after the wasm had
/// arrived, and the wasm started 70 ms after it had).
fn preload_loader(page: &Path, href: &str) -> Result<(), String> {
    let html = read(page)?;
    let link = format!("<link rel=\"modulepreload\" href=\"{href}\" crossorigin=\"anonymous\">");
    let Some(head_end) = html.find("</head>") else {
        return Err(format!("{} has no </head> to put the loader's modulepreload before", page.display()));
    };
    let (head, rest) = html.split_at(head_end);
    write(page, format!("{head}{link}{rest}").as_bytes())
}

/// `loader` without its lines that are only a `/* … */` comment.
fn strip_comment_lines(loader: &str) -> String {
    loader
        .lines()
        .filter(|l| !l.trim().strip_prefix("/*").and_then(|r| r.strip_suffix("*/")).is_some_and(|inner| !inner.contains("*/")))
        .map(|l| format!("{l}\n"))
        .collect()
}

/// `split IN OUT`: the split alone, for looking into the modules (names kept, nothing bound).
fn split_only(input: &Path, out: &Path) -> Result<(), String> {
    std::fs::create_dir_all(out).map_err(|e| format!("cannot create {}: {e}", out.display()))?;
    let (chunks, _) = split(input, out, &out.join("main.wasm"), "./main.js")?;
    // ok: the command's own report
    eprintln!("onramp-splitter: main.wasm and {} chunks in {}", chunks.len(), out.display());
    Ok(())
}

/// The `<bin>-<hash>_bg.wasm` Trunk staged.
fn staged_wasm(staging: &Path) -> Result<PathBuf, String> {
    std::fs::read_dir(staging)
        .map_err(|e| format!("cannot list {}: {e}", staging.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .find(|p| p.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.starts_with(BIN) && n.ends_with("_bg.wasm")))
        .ok_or_else(|| format!("no {BIN}-*_bg.wasm in {}", staging.display()))
}

/// What each split point needs: its name, and the stems of the files it fetches.
type Needs = Vec<(String, Vec<String>)>;

/// The split: `main_out` and one file per chunk in `dir`, with the loader `__wasm_split.js`. A
/// first split finds the chunks; the second merges the small ones the wizard shares (`merge.rs`).
fn split(input: &Path, dir: &Path, main_out: &Path, main_module: &str) -> Result<(Vec<PathBuf>, Needs), String> {
    let bytes = std::fs::read(input).map_err(|e| format!("cannot read {} (the wasm cargo linked): {e}", input.display()))?;
    let first = dir.join("first-split");
    let (_, needs) = transform(&bytes, &first, &first.join("main.wasm"), main_module, None)?;
    let mut sizes = std::collections::BTreeMap::new();
    for stem in needs.iter().flat_map(|(_, stems)| stems).filter(|s| s.starts_with("chunk_")) {
        let path = first.join(format!("{stem}.wasm"));
        let wasm = std::fs::read(&path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        sizes.insert(stem.clone(), merge::code_and_data(&wasm)?);
    }
    let _ = std::fs::remove_dir_all(&first);
    let merges = merge::plan(&merge::sharers(&needs), &sizes);
    let merge = |set: &std::collections::BTreeSet<String>| merges.get(set).cloned().unwrap_or_else(|| set.clone());
    let (modules, mut needs) = transform(&bytes, dir, main_out, main_module, Some(&merge))?;
    let chunks = fold::fold_data_only_chunks(main_out, modules, &dir.join(LOADER), &mut needs)?;
    Ok((chunks, needs))
}

/// The set of split points a chunk is shared by → the set whose chunk it goes in.
type MergeFn<'a> = &'a (dyn Fn(&std::collections::BTreeSet<String>) -> std::collections::BTreeSet<String> + Sync);

/// One run of the library: the modules it wrote (chunks and split points) and what each split
/// point fetches, sorted.
fn transform(bytes: &[u8], dir: &Path, main_out: &Path, main_module: &str, merge: Option<MergeFn>) -> Result<(Vec<PathBuf>, Needs), String> {
    std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    let result = wasm_split_cli_support::transform({
        let mut o = wasm_split_cli_support::Options::new(bytes);
        o.output_dir = dir;
        o.main_out_path = main_out;
        o.main_module = main_module;
        o.link_name = LOADER;
        o.merge_chunks = merge;
        o
    })
    .map_err(|e| format!("the split failed (was the wasm linked with --emit-relocs?): {e:?}"))?;
    let mut needs: Needs = result.prefetch_map.into_iter().collect();
    needs.sort();
    Ok((result.split_modules, needs))
}

fn bindgen(input: &Path, out: &Path, name: &str) -> Result<(), String> {
    let program = std::env::var_os("ONRAMP_WASM_BINDGEN").unwrap_or_else(|| "wasm-bindgen".into());
    run(Command::new(program)
        .args(["--target", "web", "--no-typescript", "--keep-lld-exports", "--out-name", name, "--out-dir"])
        .arg(out)
        .arg(input))
}

/// wasm-opt on every file, as many at a time as there are cores (the main module, the largest,
/// first): about half the time of one after another on two cores.
fn optimise_all(files: &[&PathBuf]) -> Result<(), String> {
    let next = std::sync::atomic::AtomicUsize::new(0);
    let workers = std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get);
    std::thread::scope(|scope| {
        let handles: Vec<_> = (0..workers)
            .map(|_| {
                scope.spawn(|| loop {
                    let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    let Some(file) = files.get(i) else { return Ok(()) };
                    wasm_opt(file)?;
                })
            })
            .collect();
        handles.into_iter().try_for_each(|h| h.join().map_err(|_| "a wasm-opt worker stopped".to_owned())?)
    })
}

/// `-Oz`, as Trunk's `data-wasm-opt="z"`, with the features rustc's wasm32 target emits.
fn wasm_opt(file: &Path) -> Result<(), String> {
    let program = std::env::var_os("ONRAMP_WASM_OPT").unwrap_or_else(|| "wasm-opt".into());
    run(Command::new(program)
        .args(["-Oz", "--enable-bulk-memory", "--enable-nontrapping-float-to-int", "--enable-sign-ext", "--enable-mutable-globals", "--enable-reference-types", "--enable-multivalue"])
        .arg(file)
        .arg("-o")
        .arg(file))
}

fn run(cmd: &mut Command) -> Result<(), String> {
    let program = cmd.get_program().to_string_lossy().into_owned();
    let status = cmd.status().map_err(|e| format!("cannot start {program}: {e}"))?;
    status.success().then_some(()).ok_or_else(|| format!("{program} failed ({status})"))
}

fn file_name(path: &Path) -> Result<String, String> {
    path.file_name().and_then(|n| n.to_str()).map(str::to_owned).ok_or_else(|| format!("no file name in {}", path.display()))
}

fn read(path: &Path) -> Result<String, String> {
    std::fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))
}

fn write(path: &Path, bytes: &[u8]) -> Result<(), String> {
    std::fs::write(path, bytes).map_err(|e| format!("cannot write {}: {e}", path.display()))
}

/// FNV-1a, 64 bits: a stable content hash for file names, not for security (std has none that
/// is stable across releases).
fn fnv64(bytes: &[u8]) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{h:016x}")
}

#[cfg(test)]
mod tests {
    #[test]
    fn only_lines_that_are_one_comment_go() {
        let loader = "/* a, b */\nconst x = 1; /* kept */\n/* a */ f(); /* b */\n  /* c */\nlet y;\n";
        assert_eq!(super::strip_comment_lines(loader), "const x = 1; /* kept */\n/* a */ f(); /* b */\nlet y;\n");
    }
}
