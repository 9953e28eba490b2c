//! Importing federation blocks from Mastodon's domain-block CSV export
//! (`#domain,#severity,#reject_media,#reject_reports,#public_comment,#obfuscate`): a preview of
//! what the file would add, which rows repeat a block, and which rows are wrong and why, before
//! anything changes. A malformed file is an error of its own and changes nothing.

use std::collections::HashSet;

use crate::validate::{check_block_domain, DOMAIN_BLOCKS_MAX, PUBLIC_COMMENT_MAX};
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
    /// Severity is not `silence`, `suspend` or `noop`.
    UnknownSeverity(String),
    /// A yes/no column holds something else.
    NotABoolean(String),
    /// The public comment is too long.
    CommentTooLong,
    /// Already blocked, or listed earlier in the file.
    Duplicate,
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
    /// Rows whose domain is already blocked or came earlier in the file.
    pub duplicates: Vec<RowIssue>,
    /// Rows that are wrong.
    pub invalid: Vec<RowIssue>,
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

const MASTODON_ORDER: [Column; 6] =
    [Column::Domain, Column::Severity, Column::RejectMedia, Column::RejectReports, Column::PublicComment, Column::Obfuscate];

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

fn boolean(cell: &str) -> Result<bool, RowProblem> {
    match cell.trim().to_ascii_lowercase().as_str() {
        "" | "false" | "0" | "no" => Ok(false),
        "true" | "1" | "yes" => Ok(true),
        other => Err(RowProblem::NotABoolean(other.to_owned())),
    }
}

fn severity(cell: &str) -> Result<Severity, RowProblem> {
    match cell.trim().to_ascii_lowercase().as_str() {
        // Mastodon's import treats a missing severity as a full suspension.
        "" | "suspend" => Ok(Severity::Suspend),
        "silence" => Ok(Severity::Silence),
        "noop" => Ok(Severity::Noop),
        other => Err(RowProblem::UnknownSeverity(other.to_owned())),
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
    let has_header = first.iter().any(|c| c.trim().starts_with('#'));
    let columns: Vec<Column> = if has_header { first.iter().map(|c| column(c)).collect() } else { MASTODON_ORDER.to_vec() };
    if !columns.iter().any(|c| matches!(c, Column::Domain)) {
        return Err(FileProblem::NoDomainColumn);
    }
    let data: Vec<(usize, Vec<String>)> =
        if has_header { rows.collect() } else { std::iter::once((1, first)).chain(rows).collect() };

    let mut seen: HashSet<String> = existing.iter().map(|b| b.domain.clone()).collect();
    let mut out = ImportPreview { rows: data.len(), ..Default::default() };
    for (line, cells) in data {
        let mut block = DomainBlock::default();
        let mut written = String::new();
        let mut problem = None;
        for (col, cell) in columns.iter().zip(cells.iter()) {
            let result = match col {
                Column::Domain => {
                    written = cell.trim().to_owned();
                    Ok(())
                }
                Column::Severity => severity(cell).map(|s| block.severity = s),
                Column::RejectMedia => boolean(cell).map(|b| block.reject_media = b),
                Column::RejectReports => boolean(cell).map(|b| block.reject_reports = b),
                Column::Obfuscate => boolean(cell).map(|b| block.obfuscate = b),
                Column::PublicComment => {
                    block.public_comment = cell.trim().to_owned();
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
            to_ascii(bare)
                .map(|d| crate::domain::normalize(&d))
                .filter(|d| check_block_domain(d).is_ok())
                .ok_or(RowProblem::InvalidDomain)
        };
        let issue = |problem| RowIssue { line, domain: written.clone(), problem };
        match (domain, problem) {
            (Err(p), _) | (Ok(_), Some(p)) => out.invalid.push(issue(p)),
            (Ok(d), None) => {
                if seen.insert(d.clone()) {
                    block.domain = d;
                    out.new.push(block);
                } else {
                    out.duplicates.push(RowIssue { line, domain: d, problem: RowProblem::Duplicate });
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
        let csv = "\u{feff}#severity,#domain\r\nsilence,\"a.example\"\r\n\r\n,b.example\r\n\"silence\",\"c.example\"";
        let p = preview(csv, &[], ascii).unwrap_or_default();
        assert_eq!(domains(&p.new), ["a.example", "b.example", "c.example"]);
        assert_eq!(p.new.get(1).map(|b| b.severity), Some(Severity::Suspend), "empty severity suspends");
        assert_eq!(p.rows, 3, "blank line not counted");
        // A quoted cell with a line break and doubled quotes; lines are counted through it.
        let csv = "#domain,#public_comment\nx.example,\"said \"\"hi\"\"\non two lines\"\nbad domain,\n";
        let p = preview(csv, &[], ascii).unwrap_or_default();
        assert_eq!(p.new.first().map(|b| b.public_comment.as_str()), Some("said \"hi\"\non two lines"));
        assert_eq!(p.invalid.first().map(|i| (i.line, i.problem.clone())), Some((4, RowProblem::InvalidDomain)));
        // No header: Mastodon's column order, or a bare list of domains.
        let p = preview("one.example\ntwo.example,silence\n", &[], ascii).unwrap_or_default();
        assert_eq!(domains(&p.new), ["one.example", "two.example"]);
        assert_eq!(p.new.get(1).map(|b| b.severity), Some(Severity::Silence));
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
        assert_eq!(domains(&p.new), ["new.example", "xn--bcher-kva.example", "wild.example"]);
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
                (11, RowProblem::InvalidDomain),
            ]
        );
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
        let over = format!("{csv}{}", (0..10_001).map(|i| format!("more{i}.example\n")).collect::<String>());
        assert_eq!(preview(&over, &[], ascii), Err(FileProblem::TooMany { total: 20_001 }));
    }
}
