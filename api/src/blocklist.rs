//! Importing federation blocks from Mastodon's domain-block CSV export
//! (`#domain,#severity,#reject_media,#reject_reports,#public_comment,#obfuscate`): a preview of
//! what the file would add, which rows repeat a block, and which rows are wrong and why, before
//! anything changes. A malformed file is an error of its own and changes nothing.

use std::collections::HashSet;

use crate::validate::{check_block_domain, covering_block, DOMAIN_BLOCKS_MAX, PUBLIC_COMMENT_MAX};
use crate::{DomainBlock, Severity};

/// Why a row is not imported.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RowProblem {
    /// The domain cell is empty.
    MissingDomain,
    /// The domain is hidden with `*` (a public export); it cannot be blocked as written.
    Obfuscated,
    /// Not a domain by the domain rules.
    InvalidDomain,
    /// Severity is not `silence`, `suspend` or `noop` in any case.
    UnknownSeverity(String),
    /// The file has a `#severity` column but this row's cell is empty or missing (a row shorter
    /// than the header): Mastodon reads nil there, and its block is invalid.
    MissingSeverity,
    /// A yes/no column holds something Mastodon reads as true although it does not say yes
    /// (`no`, ` false` with a space, `perhaps`): anything but its false words is true to it.
    NotABoolean(String),
    /// The public comment is too long.
    CommentTooLong,
    /// Already blocked, or listed earlier in the file.
    Duplicate,
    /// A block on a domain above it (given) is already in the list, or earlier in the file:
    /// Mastodon would drop this one (`Form::DomainBlockBatch#save!` skips what
    /// `DomainBlock.rule_for` finds).
    Covered(String),
}

/// A row that is not imported, with its line in the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowIssue {
    /// Line in the file where the row starts, from 1.
    pub line: usize,
    /// The domain cell as written.
    pub domain: String,
    /// What is wrong.
    pub problem: RowProblem,
}

/// A file that cannot be read as a block list at all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FileProblem {
    /// Nothing in it.
    Empty,
    /// A header without a `#domain` column.
    NoDomainColumn,
    /// A quoted cell that never ends.
    UnclosedQuote {
        /// Line where the quote opens.
        line: usize,
    },
    /// The list would grow past [`DOMAIN_BLOCKS_MAX`].
    TooMany {
        /// How many blocks the list would have.
        total: usize,
    },
}

/// What an import would do.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportPreview {
    /// Data rows read (blank lines and the header not counted).
    pub rows: usize,
    /// Blocks to add, in file order.
    pub new: Vec<DomainBlock>,
    /// Rows whose domain is already blocked or covered, or came earlier in the file.
    pub duplicates: Vec<RowIssue>,
    /// Rows that are wrong.
    pub invalid: Vec<RowIssue>,
    /// Domains stored otherwise than a browser would write them, as Mastodon will store them
    /// (IDNA 2003: `ß` as `ss`, `ς` as `σ`, joiners dropped): line, as written, as stored.
    pub remapped: Vec<(usize, String, String)>,
    /// The file has no header: as in Mastodon, only its first column is read, as domains, each
    /// suspended.
    pub headerless: bool,
}

#[derive(Clone, Copy)]
enum Column {
    Domain,
    Severity,
    RejectMedia,
    RejectReports,
    PublicComment,
    Obfuscate,
    Ignored,
}

fn column(name: &str) -> Column {
    match name.trim().trim_start_matches('#').trim().to_ascii_lowercase().as_str() {
        "domain" => Column::Domain,
        "severity" => Column::Severity,
        "reject_media" => Column::RejectMedia,
        "reject_reports" => Column::RejectReports,
        "public_comment" => Column::PublicComment,
        "obfuscate" => Column::Obfuscate,
        _ => Column::Ignored,
    }
}

/// Splits CSV text into records (RFC 4180: quoted cells may hold commas, doubled quotes and line
/// breaks; LF or CRLF), each with the line it starts on.
fn records(text: &str) -> Result<Vec<(usize, Vec<String>)>, FileProblem> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut out = Vec::new();
    let mut record = Vec::new();
    let mut cell = String::new();
    let (mut line, mut start, mut quoted, mut quote_line) = (1usize, 1usize, false, 0usize);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if quoted {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    chars.next();
                    cell.push('"');
                }
                '"' => quoted = false,
                '\n' => {
                    line += 1;
                    cell.push('\n');
                }
                '\r' => {}
                _ => cell.push(c),
            }
            continue;
        }
        match c {
            '"' if cell.trim().is_empty() => {
                cell.clear();
                quoted = true;
                quote_line = line;
            }
            ',' => record.push(std::mem::take(&mut cell)),
            '\r' => {}
            '\n' => {
                record.push(std::mem::take(&mut cell));
                out.push((start, std::mem::take(&mut record)));
                line += 1;
                start = line;
            }
            _ => cell.push(c),
        }
    }
    if quoted {
        return Err(FileProblem::UnclosedQuote { line: quote_line });
    }
    if !cell.is_empty() || !record.is_empty() {
        record.push(cell);
        out.push((start, record));
    }
    // Blank lines are not rows.
    out.retain(|(_, r)| r.iter().any(|c| !c.trim().is_empty()));
    Ok(out)
}

// Mastodon 4.5 reads each cell through `Admin::Import#csv_data`'s converter
// (`app/models/admin/import.rb`, as its PR #29739 "Ensure case-insensitive fields are converted
// to lowercase in Admin Imports" left it):
//
//     when '#domain'
//       field&.downcase&.strip
//     when '#public_comment'
//       field&.strip
//     when '#severity'
//       field&.downcase&.strip&.to_sym
//     when '#reject_media', '#reject_reports', '#obfuscate'
//       ActiveModel::Type::Boolean.new.cast(field&.downcase)
//
// and `Admin::ExportDomainBlocksController#import` builds each block with
// `row.fetch('#severity', :suspend)` (the default only when the file has no such column).

/// What `ActiveModel::Type::Boolean` reads as false (its `FALSE_VALUES` that a string can be);
/// any other non-empty cell is true to it. Mastodon downcases the cell first and does not strip
/// it, so `False` and `OFF` are false while ` false` is true.
const MASTODON_FALSE: [&str; 7] = ["0", "f", "F", "false", "FALSE", "off", "OFF"];

/// Ruby's `String#strip`: ASCII white space and NUL, not the other Unicode spaces.
pub(crate) fn ruby_strip(cell: &str) -> &str {
    cell.trim_matches(|c: char| matches!(c, '\0' | '\t' | '\n' | '\u{b}' | '\u{c}' | '\r' | ' '))
}

/// A yes/no cell, as Mastodon reads it and as long as that is what it says. An empty cell is no
/// (Mastodon keeps nil, which its save refuses: a stated difference). A cell Mastodon reads as
/// true without saying yes (`no`, ` false`, `perhaps`) is refused, so the import never blocks
/// the opposite of what the file says.
fn boolean(cell: &str) -> Result<bool, RowProblem> {
    if cell.is_empty() {
        return Ok(false);
    }
    let mastodon = !MASTODON_FALSE.contains(&cell.to_lowercase().as_str());
    let meant = match ruby_strip(cell).to_lowercase().as_str() {
        "true" | "t" | "1" | "on" | "yes" | "y" => Some(true),
        "false" | "f" | "0" | "off" | "no" | "n" => Some(false),
        _ => None,
    };
    match meant {
        Some(m) if m == mastodon => Ok(m),
        _ => Err(RowProblem::NotABoolean(cell.to_owned())),
    }
}

/// A severity cell of a file that has the column: downcased and stripped as Mastodon does; an
/// empty or missing cell is nil to Mastodon, whose block is then invalid.
fn severity(cell: &str) -> Result<Severity, RowProblem> {
    match ruby_strip(&cell.to_lowercase()) {
        "" => Err(RowProblem::MissingSeverity),
        "suspend" => Ok(Severity::Suspend),
        "silence" => Ok(Severity::Silence),
        "noop" => Ok(Severity::Noop),
        _ => Err(RowProblem::UnknownSeverity(cell.to_owned())),
    }
}

/// Reads `text` as a block list against the blocks already in `existing`. `to_ascii` turns a
/// domain as written (Unicode allowed) into its ASCII form, `None` when it is not a host name;
/// the app passes the browser's IDNA, the server its own.
pub fn preview(
    text: &str,
    existing: &[DomainBlock],
    to_ascii: impl Fn(&str) -> Option<String>,
) -> Result<ImportPreview, FileProblem> {
    let mut rows = records(text)?.into_iter();
    let Some((_, first)) = rows.next() else { return Err(FileProblem::Empty) };
    // Mastodon knows a header only when its first cell is `#domain`, and reads any other file as
    // a bare list of domains in its first column. A header in another order is read here by its
    // names (a stated difference); without one, as Mastodon does.
    let has_header = first.iter().any(|c| c.trim().starts_with('#'));
    let columns: Vec<Column> = if has_header { first.iter().map(|c| column(c)).collect() } else { vec![Column::Domain] };
    if !columns.iter().any(|c| matches!(c, Column::Domain)) {
        return Err(FileProblem::NoDomainColumn);
    }
    let data: Vec<(usize, Vec<String>)> =
        if has_header { rows.collect() } else { std::iter::once((1, first)).chain(rows).collect() };

    let mut seen: HashSet<String> = existing.iter().map(|b| b.domain.clone()).collect();
    let mut out = ImportPreview { rows: data.len(), headerless: !has_header, ..Default::default() };
    for (line, cells) in data {
        // Without a severity column, Mastodon suspends.
        let mut block = DomainBlock { severity: Severity::Suspend, ..Default::default() };
        let mut written = String::new();
        let mut problem = None;
        // A row shorter than the header has nil in the cells it lacks, as Ruby's `CSV::Row`.
        for (i, col) in columns.iter().enumerate() {
            let cell = cells.get(i).map_or("", String::as_str);
            let result = match col {
                Column::Domain => {
                    written = ruby_strip(cell).to_owned();
                    Ok(())
                }
                Column::Severity => severity(cell).map(|s| block.severity = s),
                Column::RejectMedia => boolean(cell).map(|b| block.reject_media = b),
                Column::RejectReports => boolean(cell).map(|b| block.reject_reports = b),
                Column::Obfuscate => boolean(cell).map(|b| block.obfuscate = b),
                Column::PublicComment => {
                    block.public_comment = ruby_strip(cell).to_owned();
                    if crate::text::visible_len(&block.public_comment) > PUBLIC_COMMENT_MAX {
                        Err(RowProblem::CommentTooLong)
                    } else {
                        Ok(())
                    }
                }
                Column::Ignored => Ok(()),
            };
            if let (Err(p), None) = (result, &problem) {
                problem = Some(p);
            }
        }
        let bare = written.strip_prefix("*.").unwrap_or(&written);
        let domain = if bare.is_empty() {
            Err(RowProblem::MissingDomain)
        } else if bare.contains('*') {
            Err(RowProblem::Obfuscated)
        } else {
            // As Mastodon will store it: IDNA 2003, where browsers differ.
            let mapped = crate::domain::idna2003_mapped(bare);
            to_ascii(&mapped)
                .map(|d| crate::domain::normalize(&d))
                .filter(|d| check_block_domain(d).is_ok())
                .inspect(|d| {
                    if crate::domain::differs_in_idna2003(bare) {
                        out.remapped.push((line, written.clone(), d.clone()));
                    }
                })
                .ok_or(RowProblem::InvalidDomain)
        };
        let issue = |problem| RowIssue { line, domain: written.clone(), problem };
        match (domain, problem) {
            (Err(p), _) | (Ok(_), Some(p)) => out.invalid.push(issue(p)),
            (Ok(d), None) => {
                match covering_block(&d, |x| seen.contains(x)).map(str::to_owned) {
                    None => {
                        seen.insert(d.clone());
                        block.domain = d;
                        out.new.push(block);
                    }
                    Some(same) if same == d => out.duplicates.push(RowIssue { line, domain: d, problem: RowProblem::Duplicate }),
                    Some(parent) => out.duplicates.push(RowIssue { line, domain: d, problem: RowProblem::Covered(parent) }),
                }
            }
        }
    }
    let total = existing.len() + out.new.len();
    if total > DOMAIN_BLOCKS_MAX {
        return Err(FileProblem::TooMany { total });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ascii(d: &str) -> Option<String> {
        match d {
            "bücher.example" => Some("xn--bcher-kva.example".into()),
            d if d.is_ascii() && !d.contains(' ') => Some(d.to_ascii_lowercase()),
            _ => None,
        }
    }

    fn domains(blocks: &[DomainBlock]) -> Vec<&str> {
        blocks.iter().map(|b| b.domain.as_str()).collect()
    }

    #[test]
    fn reads_mastodons_export() {
        let csv = "#domain,#severity,#reject_media,#reject_reports,#public_comment,#obfuscate\n\
                   spam.example,suspend,true,true,Spam,false\n\
                   loud.example,silence,false,false,\"Harassment, repeatedly\",true\n\
                   media.example,noop,true,false,,false\n";
        let p = preview(csv, &[], ascii).unwrap_or_default();
        assert_eq!(p.rows, 3);
        assert_eq!(domains(&p.new), ["spam.example", "loud.example", "media.example"]);
        let loud = p.new.get(1).cloned().unwrap_or_default();
        assert_eq!(loud.severity, Severity::Silence);
        assert_eq!(loud.public_comment, "Harassment, repeatedly");
        assert!(loud.obfuscate && !loud.reject_media);
        assert!(p.new.first().is_some_and(|b| b.reject_media && b.reject_reports && b.severity == Severity::Suspend));
        assert!(p.new.get(2).is_some_and(|b| b.severity == Severity::Noop && b.reject_media));
    }

    #[test]
    fn bom_crlf_quotes_and_reordered_or_missing_columns() {
        let csv = "\u{feff}#severity,#domain\r\nsilence,\"a.example\"\r\n\r\n,b.example\r\n\"Silence\",\"c.example\"";
        let p = preview(csv, &[], ascii).unwrap_or_default();
        assert_eq!(domains(&p.new), ["a.example", "c.example"]);
        assert_eq!(p.invalid.first().map(|i| (i.line, i.problem.clone())), Some((4, RowProblem::MissingSeverity)), "an empty severity is nil to Mastodon");
        assert_eq!(p.rows, 3, "blank line not counted");
        // A quoted cell with a line break and doubled quotes; lines are counted through it.
        let csv = "#domain,#public_comment\nx.example,\"said \"\"hi\"\"\non two lines\"\nbad domain,\n";
        let p = preview(csv, &[], ascii).unwrap_or_default();
        assert_eq!(p.new.first().map(|b| b.public_comment.as_str()), Some("said \"hi\"\non two lines"));
        assert_eq!(p.invalid.first().map(|i| (i.line, i.problem.clone())), Some((4, RowProblem::InvalidDomain)));
        // No header: as Mastodon reads it, only the first column, every domain suspended (the
        // second column was read as a severity before).
        let p = preview("one.example\ntwo.example,silence\n", &[], ascii).unwrap_or_default();
        assert_eq!(domains(&p.new), ["one.example", "two.example"]);
        assert!(p.headerless);
        assert_eq!(p.new.get(1).map(|b| b.severity), Some(Severity::Suspend));
    }

    #[test]
    fn mixed_rows_are_sorted_into_new_duplicates_and_invalid() {
        let existing = vec![DomainBlock { domain: "old.example".into(), ..Default::default() }];
        let csv = "#domain,#severity,#reject_media\n\
                   old.example,suspend,false\n\
                   new.example,suspend,false\n\
                   NEW.example.,silence,false\n\
                   ,suspend,false\n\
                   weird.example,ban,false\n\
                   media.example,silence,perhaps\n\
                   ex***le.com,suspend,false\n\
                   bücher.example,silence,true\n\
                   *.wild.example,silence,false\n\
                   localhost,suspend,false\n";
        let p = preview(csv, &existing, ascii).unwrap_or_default();
        assert_eq!(p.rows, 10);
        // `localhost`: a single label, which Mastodon's validator takes (it was refused before).
        assert_eq!(domains(&p.new), ["new.example", "xn--bcher-kva.example", "wild.example", "localhost"]);
        let dup: Vec<(usize, &str)> = p.duplicates.iter().map(|d| (d.line, d.domain.as_str())).collect();
        assert_eq!(dup, [(2, "old.example"), (4, "new.example")]);
        let bad: Vec<(usize, RowProblem)> = p.invalid.iter().map(|i| (i.line, i.problem.clone())).collect();
        assert_eq!(
            bad,
            [
                (5, RowProblem::MissingDomain),
                (6, RowProblem::UnknownSeverity("ban".into())),
                (7, RowProblem::NotABoolean("perhaps".into())),
                (8, RowProblem::Obfuscated),
            ]
        );
    }

    #[test]
    fn covered_rows_booleans_and_idna_as_mastodon() {
        let existing = vec![DomainBlock { domain: "org".into(), ..Default::default() }];
        let csv = "#domain,#severity,#reject_media\n\
                   a.spam.example,silence,true\n\
                   spam.example,noop,t\n\
                   b.spam.example,suspend,F\n\
                   anything.org,suspend,off\n\
                   no.example,silence,no\n\
                   cap.example,silence,False\n\
                   straße.example,silence,false\n\
                   space.example,silence, false\n";
        let ascii = |d: &str| match d {
            "strasse.example" => Some("strasse.example".to_owned()),
            d if d.is_ascii() => Some(d.to_owned()),
            _ => None,
        };
        let p = preview(csv, &existing, ascii).unwrap_or_default();
        assert_eq!(domains(&p.new), ["a.spam.example", "spam.example", "cap.example", "strasse.example"], "a child before its parent stays; after it, it is covered");
        assert!(p.new.get(2).is_some_and(|b| !b.reject_media), "False is false: Mastodon downcases the cell");
        assert!(p.new.get(1).is_some_and(|b| b.severity == Severity::Noop && b.reject_media), "t is true");
        let covered: Vec<(usize, RowProblem)> = p.duplicates.iter().map(|d| (d.line, d.problem.clone())).collect();
        assert_eq!(covered, [(4, RowProblem::Covered("spam.example".into())), (5, RowProblem::Covered("org".into()))], "covered whatever the parent's severity, noop too");
        let bad: Vec<(usize, RowProblem)> = p.invalid.iter().map(|i| (i.line, i.problem.clone())).collect();
        assert_eq!(bad, [(6, RowProblem::NotABoolean("no".into())), (9, RowProblem::NotABoolean(" false".into()))], "Mastodon reads both as true");
        assert_eq!(p.remapped, [(8, "straße.example".to_owned(), "strasse.example".to_owned())], "stored as Mastodon stores it, and said");
    }

    #[test]
    fn a_row_shorter_than_its_header_or_an_empty_severity_is_refused() {
        // Mastodon's `CSV::Row` gives nil for the cells a short row lacks, and
        // `row.fetch('#severity', :suspend)` finds the key: a nil severity, an invalid block.
        let csv = "#domain,#severity,#reject_media\nshort.example\nempty.example,,false\nspace.example, ,false\nok.example,Suspend\n";
        let p = preview(csv, &[], ascii).unwrap_or_default();
        assert_eq!(domains(&p.new), ["ok.example"], "a short row lacking only flags reads them as no");
        let bad: Vec<(usize, &str, RowProblem)> = p.invalid.iter().map(|i| (i.line, i.domain.as_str(), i.problem.clone())).collect();
        assert_eq!(
            bad,
            [
                (2, "short.example", RowProblem::MissingSeverity),
                (3, "empty.example", RowProblem::MissingSeverity),
                (4, "space.example", RowProblem::MissingSeverity),
            ]
        );
        // Without the column, every row is a suspension, as in Mastodon.
        let p = preview("#domain,#reject_media\nno-column.example,false\n", &[], ascii).unwrap_or_default();
        assert_eq!(p.new.first().map(|b| b.severity), Some(Severity::Suspend));
    }

    #[test]
    fn files_that_are_not_lists_change_nothing() {
        assert_eq!(preview("", &[], ascii), Err(FileProblem::Empty));
        assert_eq!(preview("\u{feff}\r\n\r\n", &[], ascii), Err(FileProblem::Empty));
        assert_eq!(preview("#name,#severity\nx.example,suspend\n", &[], ascii), Err(FileProblem::NoDomainColumn));
        assert_eq!(preview("#domain\n\"a.example\n", &[], ascii), Err(FileProblem::UnclosedQuote { line: 2 }));
    }

    #[test]
    fn ten_thousand_rows() {
        let mut csv = String::from("#domain,#severity,#reject_media,#reject_reports,#public_comment,#obfuscate\n");
        for i in 0..10_000 {
            csv.push_str(&format!("host{i}.example,silence,false,true,\"Comment, number {i}\",false\n"));
        }
        let started = std::time::Instant::now();
        let p = preview(&csv, &[], ascii).unwrap_or_default();
        assert_eq!((p.rows, p.new.len()), (10_000, 10_000));
        assert!(started.elapsed().as_millis() < 2_000, "{:?}", started.elapsed());
        let over = format!("{csv}{}", (0..10_001).map(|i| format!("more{i}.example,suspend\n")).collect::<String>());
        assert_eq!(preview(&over, &[], ascii), Err(FileProblem::TooMany { total: 20_001 }));
    }
}
