//! Folds the chunks that hold no code into the main module. The splitter gives every set of split
//! points that share something a chunk of its own, and some share only a few bytes of data: a
//! string literal two steps' strings both use ("Logo"), a zeroed static. Each such chunk is a
//! file of its own (about 180 bytes brotli, nearly all header) and one more request on the way
//! through the wizard. Their active data segments go into the main module instead, so the bytes
//! are in memory from the start, as in the unsplit program, and the files and their loaders go.

use std::path::{Path, PathBuf};

use wasm_encoder::{DataCountSection, DataSection, Module, RawSection};
use wasmparser::{DataKind, Operator, Parser, Payload};

/// The active data segments of a chunk that has no function, export, element or start, each
/// as encoded; `None` for any other chunk (it stays a chunk).
pub fn data_only(bytes: &[u8]) -> Result<Option<Vec<Vec<u8>>>, String> {
    let mut segments = Vec::new();
    for payload in Parser::new(0).parse_all(bytes) {
        match payload.map_err(|e| format!("unreadable chunk: {e}"))? {
            Payload::FunctionSection(s) if s.count() > 0 => return Ok(None),
            Payload::ElementSection(s) if s.count() > 0 => return Ok(None),
            Payload::ExportSection(s) if s.count() > 0 => return Ok(None),
            Payload::StartSection { .. } => return Ok(None),
            Payload::DataSection(reader) => {
                for data in reader {
                    let data = data.map_err(|e| format!("unreadable data segment: {e}"))?;
                    // Only segments at a constant address in the one memory move as they are.
                    let DataKind::Active { memory_index: 0, offset_expr } = &data.kind else { return Ok(None) };
                    let first = offset_expr.get_operators_reader().read().map_err(|e| format!("unreadable offset: {e}"))?;
                    if !matches!(first, Operator::I32Const { .. }) {
                        return Ok(None);
                    }
                    // Empty and all-zero segments are left out: memory starts zeroed, so the
                    // main module has those bytes already (as the unsplit program had).
                    if data.data.iter().any(|b| *b != 0) {
                        segments.push(slice(bytes, &data.range)?.to_vec());
                    }
                }
            }
            _ => {}
        }
    }
    Ok(Some(segments))
}

fn slice<'a>(bytes: &'a [u8], range: &std::ops::Range<u64>) -> Result<&'a [u8], String> {
    let (start, end) = (usize::try_from(range.start), usize::try_from(range.end));
    match (start, end) {
        (Ok(s), Ok(e)) => bytes.get(s..e).ok_or_else(|| "a section lies outside the module".to_owned()),
        _ => Err("a section lies outside the module".to_owned()),
    }
}

/// `main` with `extra` data segments after its own (their indices stay as they were), and its
/// data count raised to match. Every other section is copied byte for byte.
pub fn add_data(main: &[u8], extra: &[Vec<u8>]) -> Result<Vec<u8>, String> {
    let mut module = Module::new();
    let mut added = false;
    for payload in Parser::new(0).parse_all(main) {
        let payload = payload.map_err(|e| format!("unreadable main module: {e}"))?;
        match &payload {
            Payload::DataCountSection { count, .. } => {
                let extra = u32::try_from(extra.len()).map_err(|_| "too many data segments")?;
                module.section(&DataCountSection { count: count + extra });
            }
            Payload::DataSection(reader) => {
                let mut section = DataSection::new();
                for data in reader.clone() {
                    let data = data.map_err(|e| format!("unreadable data segment: {e}"))?;
                    section.raw(slice(main, &data.range)?);
                }
                for segment in extra {
                    section.raw(segment);
                }
                module.section(&section);
                added = true;
            }
            other => {
                if let Some((id, range)) = other.as_section() {
                    module.section(&RawSection { id, data: slice(main, &range)? });
                }
            }
        }
    }
    if !added && !extra.is_empty() {
        return Err("the main module has no data section to add the chunks' data to".into());
    }
    Ok(module.finish())
}

/// Folds the data-only chunks among `chunks` into `main` (a file), drops their files, their
/// loaders in `loader` (the splitter's JS) and their names in `needs`; returns the chunks left.
pub fn fold_data_only_chunks(
    main: &Path,
    chunks: Vec<PathBuf>,
    loader: &Path,
    needs: &mut [(String, Vec<String>)],
) -> Result<Vec<PathBuf>, String> {
    let read = |p: &Path| std::fs::read(p).map_err(|e| format!("cannot read {}: {e}", p.display()));
    let mut extra = Vec::new();
    let mut kept = Vec::new();
    let mut folded = Vec::new();
    for chunk in chunks {
        let stem = chunk.file_stem().and_then(|s| s.to_str()).unwrap_or_default().to_owned();
        // Only the shared chunks: a split point's own module is what its loader instantiates.
        match data_only(&read(&chunk)?)? {
            Some(segments) if stem.starts_with("chunk_") => {
                extra.extend(segments);
                folded.push(stem);
                std::fs::remove_file(&chunk).map_err(|e| format!("cannot remove {}: {e}", chunk.display()))?;
            }
            _ => kept.push(chunk),
        }
    }
    if folded.is_empty() {
        return Ok(kept);
    }
    let bytes = add_data(&read(main)?, &extra)?;
    std::fs::write(main, bytes).map_err(|e| format!("cannot write {}: {e}", main.display()))?;
    let mut js = std::fs::read_to_string(loader).map_err(|e| format!("cannot read {}: {e}", loader.display()))?;
    for stem in &folded {
        js = drop_loader(&js, stem)?;
    }
    std::fs::write(loader, js).map_err(|e| format!("cannot write {}: {e}", loader.display()))?;
    for (_, stems) in needs.iter_mut() {
        stems.retain(|s| !folded.contains(s));
    }
    Ok(kept)
}

/// The splitter's loader without `stem`'s: its comment line, its `const` and every mention of it
/// in the lists of what a split point waits for.
pub fn drop_loader(js: &str, stem: &str) -> Result<String, String> {
    let name = format!("__{stem}");
    let start_marker = format!("const {name} = makeLoad(");
    let start = js.find(&start_marker).ok_or_else(|| format!("the loader has no {start_marker}"))?;
    // Back to the start of the comment line above it (the split points that share the chunk).
    let comment = js.get(..start).and_then(|before| before.trim_end_matches('\n').rfind('\n')).map_or(0, |i| i + 1);
    let start = if js.get(comment..start).is_some_and(|c| c.starts_with("/*")) { comment } else { start };
    let end_marker = "\n, []);\n";
    let end = js
        .get(start..)
        .and_then(|rest| rest.find(end_marker))
        .map(|i| start + i + end_marker.len())
        .ok_or_else(|| format!("the loader of {stem} waits for other chunks: not folded"))?;
    let mut out = format!("{}{}", &js[..start], &js[end..]);
    for (from, to) in [(format!("[{name}]"), "[]".to_owned()), (format!("{name}, "), String::new()), (format!(", {name}]"), "]".to_owned())] {
        out = out.replace(&from, &to);
    }
    let left = out.match_indices(&name).any(|(i, _)| {
        !out[i + name.len()..].starts_with(|c: char| c.is_ascii_digit())
    });
    if left {
        return Err(format!("the loader still names {name} after folding it"));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    const JS: &str = "/* a, b */\nconst __chunk_1 = makeLoad(() => {\n    x;\n}\n, []);\n/* a, c */\nconst __chunk_15 = makeLoad(() => {\n    y;\n}\n, []);\nexport const __wasm_split_load_a = wrapAsyncCb(makeLoad(() => {\n}\n, [__chunk_1, __chunk_15]));\nexport const __wasm_split_load_b = wrapAsyncCb(makeLoad(() => {\n}\n, [__chunk_1]));\nexport const __wasm_split_load_c = wrapAsyncCb(makeLoad(() => {\n}\n, [__chunk_15, __chunk_1]));\n";

    #[test]
    fn a_folded_chunk_leaves_the_loader_and_the_others_stay() {
        let js = drop_loader(JS, "chunk_1").unwrap_or_default();
        let expected = "/* a, c */\nconst __chunk_15 = makeLoad(() => {\n    y;\n}\n, []);\nexport const __wasm_split_load_a = wrapAsyncCb(makeLoad(() => {\n}\n, [__chunk_15]));\nexport const __wasm_split_load_b = wrapAsyncCb(makeLoad(() => {\n}\n, []));\nexport const __wasm_split_load_c = wrapAsyncCb(makeLoad(() => {\n}\n, [__chunk_15]));\n";
        assert_eq!(js, expected);
        assert!(drop_loader(JS, "chunk_2").is_err(), "a chunk the loader does not name");
    }

    /// A module of one memory, one data segment at 16, and a data count.
    fn main_module() -> Vec<u8> {
        let mut m = Module::new();
        let mut memory = wasm_encoder::MemorySection::new();
        memory.memory(wasm_encoder::MemoryType { minimum: 1, maximum: None, memory64: false, shared: false, page_size_log2: None });
        m.section(&memory);
        m.section(&DataCountSection { count: 1 });
        let mut data = DataSection::new();
        data.active(0, &wasm_encoder::ConstExpr::i32_const(16), b"main".iter().copied());
        m.section(&data);
        m.section(&wasm_encoder::CustomSection { name: "name".into(), data: b"\0".as_slice().into() });
        m.finish()
    }

    #[test]
    fn a_data_only_chunk_moves_into_the_main_module() {
        let mut chunk = Module::new();
        let mut data = DataSection::new();
        data.active(0, &wasm_encoder::ConstExpr::i32_const(64), b"Logo".iter().copied());
        data.active(0, &wasm_encoder::ConstExpr::i32_const(128), [0u8; 12]);
        data.active(0, &wasm_encoder::ConstExpr::i32_const(256), []);
        chunk.section(&data);
        let segments = data_only(&chunk.finish()).unwrap_or_default().unwrap_or_default();
        assert_eq!(segments.len(), 1, "zeroed and empty segments are already in a zeroed memory");

        let main = main_module();
        assert_eq!(add_data(&main, &[]).unwrap_or_default(), main, "nothing added: the same bytes");
        let joined = add_data(&main, &segments).unwrap_or_default();
        let mut found = Vec::new();
        let mut count = None;
        for payload in Parser::new(0).parse_all(&joined) {
            match payload.unwrap() {
                Payload::DataSection(r) => found.extend(r.into_iter().map(|d| d.unwrap().data.to_vec())),
                Payload::DataCountSection { count: c, .. } => count = Some(c),
                _ => {}
            }
        }
        assert_eq!(found, [b"main".to_vec(), b"Logo".to_vec()]);
        assert_eq!(count, Some(2));
        wasmparser::Validator::new().validate_all(&joined).map(|_| ()).unwrap_or_else(|e| panic!("invalid: {e}"));
    }

    #[test]
    fn a_chunk_with_code_stays() {
        let mut chunk = Module::new();
        let mut types = wasm_encoder::TypeSection::new();
        types.ty().function([], []);
        chunk.section(&types);
        let mut functions = wasm_encoder::FunctionSection::new();
        functions.function(0);
        chunk.section(&functions);
        let mut code = wasm_encoder::CodeSection::new();
        let mut f = wasm_encoder::Function::new([]);
        f.instructions().end();
        code.function(&f);
        chunk.section(&code);
        assert_eq!(data_only(&chunk.finish()), Ok(None));
    }
}
