//! Onramp's block-list importer against a model of Mastodon's, written from Mastodon 4.5's
//! source: `Admin::Import#csv_data` (Ruby's strict CSV, the `#domain` header test, the
//! converters as its PR #29739 left them: cells downcased before they are read), and
//! `Admin::ExportDomainBlocksController#import` (the defaults of missing columns),
//! `ActiveModel::Type::Boolean` (what reads as false), `DomainValidator` and `DomainBlock.rule_for`
//! (a block covers its subdomains), and `Form::DomainBlockBatch#save!` (rows covered by an
//! earlier one are dropped). A differential test feeds both thousands of generated lists and
//! compares what each would end up blocking; the stated differences have tests of their own.

use onramp_api::blocklist::{preview, FileProblem, RowProblem};
use onramp_api::{DomainBlock, Severity};

/// What Mastodon's import does with a file: the blocks it saves, in order, or a refusal.
#[derive(Debug, PartialEq)]
enum Outcome {
    Saved(Vec<DomainBlock>),
    Refused,
}

mod model {
    //! Mastodon's import, as its source reads.
    use super::*;

    /// Ruby's `CSV.parse` (RFC 4180, strict): fields, `None` for an empty unquoted one; any
    /// quote inside an unquoted field or text after a closing quote is `MalformedCSVError`.
    pub fn ruby_csv(text: &str) -> Option<Vec<Vec<Option<String>>>> {
        let mut rows = Vec::new();
        let mut row: Vec<Option<String>> = Vec::new();
        let mut chars = text.chars().peekable();
        let mut field = String::new();
        let mut quoted_field = false;
        let mut in_quotes = false;
        let mut any = false;
        while let Some(c) = chars.next() {
            any = true;
            if in_quotes {
                if c == '"' {
                    if chars.peek() == Some(&'"') {
                        chars.next();
                        field.push('"');
                    } else {
                        in_quotes = false;
                        match chars.peek() {
                            None | Some(',') | Some('\n') | Some('\r') => {}
                            Some(_) => return None,
                        }
                    }
                } else {
                    field.push(c);
                }
                continue;
            }
            match c {
                '"' if field.is_empty() && !quoted_field => {
                    in_quotes = true;
                    quoted_field = true;
                }
                '"' => return None,
                ',' => {
                    row.push(if quoted_field || !field.is_empty() { Some(std::mem::take(&mut field)) } else { None });
                    quoted_field = false;
                }
                '\r' if chars.peek() == Some(&'\n') => {}
                '\r' => return None,
                '\n' => {
                    row.push(if quoted_field || !field.is_empty() { Some(std::mem::take(&mut field)) } else { None });
                    quoted_field = false;
                    rows.push(std::mem::take(&mut row));
                }
                c => field.push(c),
            }
        }
        if in_quotes {
            return None;
        }
        if any && (!row.is_empty() || !field.is_empty() || quoted_field) {
            row.push(if quoted_field || !field.is_empty() { Some(field) } else { None });
            rows.push(row);
        }
        // `skip_blanks`: a row that is an empty line.
        rows.retain(|r| !(r.len() == 1 && r[0].is_none()));
        Some(rows)
    }

    // `Admin::Import#csv_data` in `app/models/admin/import.rb` (Mastodon 4.5; PR #29739,
    // "Ensure case-insensitive fields are converted to lowercase in Admin Imports", added the
    // `downcase` calls, which 4.1 lacked, its issue #26253):
    //
    //     csv_converter = lambda do |field, field_info|
    //       case field_info.header
    //       when '#domain'
    //         field&.downcase&.strip
    //       when '#public_comment'
    //         field&.strip
    //       when '#severity'
    //         field&.downcase&.strip&.to_sym
    //       when '#reject_media', '#reject_reports', '#obfuscate'
    //         ActiveModel::Type::Boolean.new.cast(field&.downcase)
    //       else
    //         field
    //       end
    //     end
    //
    // and `Admin::ExportDomainBlocksController#import`:
    //
    //     domain = row['#domain'].strip
    //     next if DomainBlock.rule_for(domain).present?
    //     domain_block = DomainBlock.new(domain: domain,
    //                                    severity: row.fetch('#severity', :suspend),
    //                                    reject_media: row.fetch('#reject_media', false),
    //                                    reject_reports: row.fetch('#reject_reports', false),
    //                                    public_comment: row['#public_comment'],
    //                                    obfuscate: row.fetch('#obfuscate', false))
    //     next if domain_block.invalid?   # a nil severity; ArgumentError for an unknown one

    /// Ruby's `String#strip`: ASCII white space and NUL only.
    pub fn strip(v: &str) -> &str {
        v.trim_matches(|c: char| matches!(c, '\0' | '\t' | '\n' | '\u{b}' | '\u{c}' | '\r' | ' '))
    }

    /// `ActiveModel::Type::Boolean.new.cast(field&.downcase)`: `nil` for nil or "", false for
    /// its FALSE_VALUES, true for anything else. The cell is downcased, not stripped.
    pub fn boolean(v: Option<&str>) -> Option<bool> {
        let v = v?.to_lowercase();
        if v.is_empty() {
            return None;
        }
        Some(!["0", "f", "F", "false", "FALSE", "off", "OFF"].contains(&v.as_str()))
    }

    /// `field&.downcase&.strip&.to_sym` given to `DomainBlock.new(severity:)`: nil (an empty or
    /// missing cell) leaves the block invalid, an unknown symbol raises `ArgumentError`; both
    /// skip the row.
    pub fn severity(v: Option<&str>) -> Option<Severity> {
        match strip(&v?.to_lowercase()) {
            "silence" => Some(Severity::Silence),
            "suspend" => Some(Severity::Suspend),
            "noop" => Some(Severity::Noop),
            _ => None,
        }
    }

    /// `DomainValidator#compliant?` on the normalized (lower-case, one trailing dot dropped) host.
    pub fn valid_domain(d: &str) -> bool {
        !d.is_empty() && d.len() < 256 && d.split('.').all(|l| (1..=63).contains(&l.len()) && l.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-'))
    }

    /// `TagManager#normalize_domain` for ASCII input.
    pub fn normalize(d: &str) -> String {
        let d = strip(d).to_lowercase();
        match d.strip_suffix('.') {
            Some(s) if !s.ends_with('.') => s.to_owned(),
            _ => d,
        }
    }

    /// `DomainBlock.rule_for`: the block on the domain or on any domain above it.
    pub fn covered(saved: &[DomainBlock], d: &str) -> bool {
        let labels: Vec<&str> = d.split('.').collect();
        (0..labels.len()).any(|i| {
            let variant = labels[i..].join(".");
            saved.iter().any(|b| b.domain == variant)
        })
    }

    /// The whole import: parse, read each row, and save the batch in order.
    pub fn import(text: &str) -> Outcome {
        let Some(rows) = ruby_csv(text) else { return Outcome::Refused };
        let Some(first) = rows.first() else { return Outcome::Saved(Vec::new()) };
        // `headers: true`, read again with `headers: ['#domain']` unless the first is `#domain`.
        let has_header = first.first().and_then(|f| f.as_deref()) == Some("#domain");
        let header: Vec<Option<String>> = if has_header { first.clone() } else { vec![Some("#domain".into())] };
        let data = if has_header { &rows[1..] } else { &rows[..] };
        if data.len() > 20_000 {
            return Outcome::Refused;
        }
        let mut saved: Vec<DomainBlock> = Vec::new();
        for row in data {
            // `row.fetch(name, default)`: the default only when the file has no such column.
            let cell = |name: &str| -> Option<Option<String>> {
                let i = header.iter().position(|h| h.as_deref() == Some(name))?;
                Some(row.get(i).cloned().flatten())
            };
            let Some(Some(domain)) = cell("#domain") else { continue };
            let domain = normalize(strip(&domain.to_lowercase()));
            let severity = match cell("#severity") {
                None => Some(Severity::Suspend),
                Some(v) => severity(v.as_deref()),
            };
            let flag = |name: &str| match cell(name) {
                None => Some(false),
                Some(v) => boolean(v.as_deref()),
            };
            let (Some(severity), Some(reject_media), Some(reject_reports), Some(obfuscate)) = (severity, flag("#reject_media"), flag("#reject_reports"), flag("#obfuscate")) else {
                continue;
            };
            if !valid_domain(&domain) || covered(&saved, &domain) {
                continue;
            }
            let public_comment = cell("#public_comment").flatten().map(|c| strip(&c).to_owned()).unwrap_or_default();
            saved.push(DomainBlock { domain, severity, reject_media, reject_reports, public_comment, obfuscate });
        }
        Outcome::Saved(saved)
    }
}

fn onramp(text: &str) -> Outcome {
    match preview(text, &[], |d| d.is_ascii().then(|| d.to_ascii_lowercase())) {
        Ok(p) => Outcome::Saved(p.new),
        Err(FileProblem::Empty) => Outcome::Saved(Vec::new()),
        Err(_) => Outcome::Refused,
    }
}

/// A small deterministic generator (xorshift), so a failure names its seed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn pick<'a>(&mut self, from: &[&'a str]) -> &'a str {
        from[(self.next() % from.len() as u64) as usize]
    }
}

// The pieces lists are made of: only spellings both sides read alike (the stated differences
// are tested below, each on its own).
const DOMAINS: [&str; 14] = [
    "spam.example", "a.spam.example", "b.a.spam.example", "example", "Loud.Example", "loud.example.", "1.2.3.4", "x_y.example",
    "-dash.example", "very..wrong", "ok-host.example", "spam.example", "sub.ok-host.example", "com",
];
const SEVERITIES: [&str; 9] = ["silence", "suspend", "noop", " silence ", "Suspend", "SILENCE", " Noop", "", "ban"];
const BOOLEANS: [&str; 16] = ["true", "false", "1", "0", "t", "f", "TRUE", "FALSE", "on", "off", "False", "True", "Off", "oN", "fAlSe", "T"];
const COMMENTS: [&str; 5] = ["", "Spam", "\"Harassment, repeatedly\"", "\"said \"\"hi\"\"\"", " padded "];

fn generated(rng: &mut Rng) -> String {
    let layout = rng.next() % 3;
    let mut out = String::new();
    match layout {
        0 => out.push_str("#domain,#severity,#reject_media,#reject_reports,#public_comment,#obfuscate\n"),
        1 => out.push_str("#domain,#severity\n"),
        _ => {}
    }
    let rows = 1 + rng.next() % 12;
    for _ in 0..rows {
        let domain = rng.pick(&DOMAINS);
        match layout {
            0 => out.push_str(&format!(
                "{domain},{},{},{},{},{}\n",
                rng.pick(&SEVERITIES),
                rng.pick(&BOOLEANS),
                rng.pick(&BOOLEANS),
                rng.pick(&COMMENTS),
                rng.pick(&BOOLEANS)
            )),
            // A row shorter than its header: nil in the missing severity cell.
            1 if rng.next().is_multiple_of(5) => out.push_str(&format!("{domain}\n")),
            1 => out.push_str(&format!("{domain},{}\n", rng.pick(&SEVERITIES))),
            _ => out.push_str(&format!("{domain}\n")),
        }
        if rng.next().is_multiple_of(7) {
            out.push('\n');
        }
    }
    out
}

#[test]
fn onramp_imports_generated_lists_as_mastodon_would() {
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    for case in 0..20_000 {
        let text = generated(&mut rng);
        assert_eq!(onramp(&text), model::import(&text), "case {case}:\n{text}");
    }
}

/// Mastodon's own fixture, `spec/fixtures/files/domain_blocks.csv` (its export of three blocks),
/// and the same with the `#reject_follows` column a later export adds.
#[test]
fn mastodons_own_fixture_imports_alike() {
    let fixture = "#domain,#severity,#reject_media,#reject_reports,#public_comment,#obfuscate\n\
                   bad.domain,silence,false,false,bad,false\n\
                   worse.domain,suspend,true,true,worse,true\n\
                   reject.media,noop,true,false,reject media,false\n";
    let Outcome::Saved(saved) = model::import(fixture) else { panic!("refused") };
    assert_eq!(saved.len(), 3);
    assert_eq!(onramp(fixture), model::import(fixture));
    let worse = &saved[1];
    assert!(worse.severity == Severity::Suspend && worse.reject_media && worse.reject_reports && worse.obfuscate && worse.public_comment == "worse");
    let later = "#domain,#severity,#reject_media,#reject_reports,#public_comment,#obfuscate,#reject_follows\n\
                 bad.domain,silence,false,false,bad,false,false\n\
                 reject.follows,silence,false,false,reject follows,false,true\n";
    assert_eq!(onramp(later), model::import(later), "an extra column is left aside by both");
    // A subdomain of a blocked domain later in the list is dropped, as the batch save does.
    let covered = format!("{fixture}sub.bad.domain,suspend,false,false,,false\n");
    assert_eq!(onramp(&covered), model::import(&covered));
    assert!(matches!(model::import(&covered), Outcome::Saved(ref b) if b.len() == 3));
}

/// Each difference from Mastodon's reading, and why.
#[test]
fn stated_differences() {
    let mastodon = |t: &str| model::import(t);
    let ours = |t: &str| preview(t, &[], |d| d.is_ascii().then(|| d.to_ascii_lowercase()));

    // "no", " false" (a space before it) and the like: Mastodon reads every cell but its few
    // false words, downcased, as true, so a column of "no" would reject media. Onramp refuses
    // such a row and says why, rather than import a block that does the opposite of what the
    // file says.
    for cell in ["no", " false", "No", "perhaps"] {
        let t = format!("#domain,#severity,#reject_media\nspam.example,silence,\"{cell}\"\n");
        assert!(matches!(mastodon(&t), Outcome::Saved(ref b) if b.first().is_some_and(|b| b.reject_media)), "{cell:?}");
        let p = ours(&t).unwrap();
        assert!(p.new.is_empty() && p.invalid.first().map(|i| &i.problem) == Some(&RowProblem::NotABoolean(cell.into())), "{cell:?}");
    }

    // An empty flag cell: Mastodon keeps nil, which the save's NOT NULL refuses (the model
    // drops such rows); Onramp reads the column's default, as for a missing column (false).
    let t = "#domain,#severity,#reject_media\nspam.example,silence,\n";
    assert_eq!(mastodon(t), Outcome::Saved(vec![]));
    assert!(ours(t).unwrap().new.first().is_some_and(|b| b.severity == Severity::Silence && !b.reject_media));

    // A byte-order mark: Mastodon sees "\u{feff}#domain", not its header, and reads every row,
    // the header too, as a bare domain (severity suspend); Onramp drops the mark.
    let t = "\u{feff}#domain,#severity\nspam.example,silence\n";
    assert!(matches!(mastodon(t), Outcome::Saved(ref b) if b.first().is_some_and(|b| b.severity == Severity::Suspend)));
    assert_eq!(ours(t).unwrap().new.first().map(|b| b.severity), Some(Severity::Silence));

    // A header in another order: Mastodon only knows a header that starts with #domain, reads
    // the file as bare domains in its first column, and so blocks the top-level domain
    // "silence"; Onramp reads the columns by their names.
    let t = "#severity,#domain\nsilence,spam.example\n";
    assert!(matches!(mastodon(t), Outcome::Saved(ref b) if b.len() == 1 && b[0].domain == "silence"));
    assert_eq!(ours(t).unwrap().new.first().map(|b| b.domain.as_str()), Some("spam.example"));

    // `*.domain`: Mastodon refuses the `*` label; Onramp blocks the domain, which covers what
    // the wildcard means.
    let t = "*.spam.example\n";
    assert_eq!(mastodon(t), Outcome::Saved(vec![]));
    assert_eq!(ours(t).unwrap().new.first().map(|b| b.domain.as_str()), Some("spam.example"));

    // An empty domain cell: Mastodon's `row['#domain'].strip` fails on nil (the import errors);
    // Onramp reports the row.
    let p = ours("#domain,#severity\n,silence\nok.example,silence\n").unwrap();
    assert_eq!(p.new.len(), 1);
    assert_eq!(p.invalid.first().map(|i| &i.problem), Some(&RowProblem::MissingDomain));
}

/// Booleans in every capitalisation, and the space cases: Mastodon downcases a cell and does not
/// strip it, so `False`, `FALSE` and `oFf` are false and ` false` is true; severities likewise
/// downcased, and stripped. `fixtures/capitalisation.csv` has a row for each spelling; every row
/// imports as the model does, but for the cells Mastodon reads as true that say no, which
/// Onramp refuses (a stated difference).
#[test]
fn every_capitalisation_as_mastodon_reads_it() {
    let text = include_str!("fixtures/capitalisation.csv");
    let mut lines = text.lines();
    let header = lines.next().unwrap_or_default();
    let (mut same, mut refused) = (0, 0);
    for (i, line) in lines.enumerate() {
        let one = format!("{header}\n{line}\n");
        let p = preview(&one, &[], |d| d.is_ascii().then(|| d.to_ascii_lowercase())).unwrap();
        match (model::import(&one), p.invalid.first().map(|i| &i.problem)) {
            (Outcome::Saved(m), Some(RowProblem::NotABoolean(cell))) => {
                let says_no = matches!(model::strip(cell).to_lowercase().as_str(), "no" | "n" | "false" | "f" | "0" | "off");
                assert!(says_no && m.len() == 1, "row {}: {line}: refused {cell:?}, Mastodon saves {m:?}", i + 2);
                refused += 1;
            }
            (m, _) => {
                assert_eq!(onramp(&one), m, "row {}: {line}", i + 2);
                same += 1;
            }
        }
    }
    assert_eq!((same, refused), (358, 14), "the rows of every spelling");
    let whole = onramp(text);
    let Outcome::Saved(saved) = &whole else { panic!("refused") };
    let by = |d: &str| saved.iter().find(|b| b.domain == d).cloned().unwrap_or_default();
    assert!(!by("case1.example").reject_media, "FALSE is false");
    assert!(saved.iter().filter(|b| b.public_comment == "every capitalisation of false").all(|b| !b.reject_media && !b.reject_reports && !b.obfuscate), "every spelling of false");
    assert!(saved.iter().filter(|b| b.public_comment == "every capitalisation of true").all(|b| b.reject_media && b.reject_reports && b.obfuscate), "every spelling of true");
    assert_eq!(saved.iter().filter(|b| b.public_comment == "every capitalisation of noop").count(), 16, "Noop, NOOP, nOoP… are noop");
}

/// A file shaped like the oliphant project's unified block list (2,679 rows, header
/// `#domain,#severity,#reject_media,#reject_reports,#public_comment,#obfuscate`, Python's `False`
/// and `True` in its yes/no cells): Mastodon imports every row, and so must Onramp. Before the
/// converter was modelled with its `downcase`, every row with a `False` cell was refused.
#[test]
fn a_list_shaped_like_oliphants_imports_whole() {
    let text = include_str!("fixtures/unified-shaped.csv");
    let p = preview(text, &[], |d| d.is_ascii().then(|| d.to_ascii_lowercase())).unwrap();
    assert_eq!((p.rows, p.new.len(), p.invalid.len(), p.duplicates.len()), (2_679, 2_679, 0, 0), "{:?}", p.invalid.first());
    assert_eq!(onramp(text), model::import(text));
    assert!(p.new.iter().all(|b| !b.reject_reports && !b.obfuscate));
    assert!(p.new.iter().any(|b| b.reject_media && b.severity == Severity::Silence), "True is true");
}
