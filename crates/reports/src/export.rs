//! CSV: the tables as text.

use crate::tables::{table, Table};
use crate::{ReportBook, Sheet};

pub(crate) fn sheet(book: &ReportBook, sheet: Sheet) -> String {
    let t = table(book, sheet);
    write(std::iter::once(t.headers.clone()).chain(t.rows.iter().map(|r| csv_row(r))))
}

pub(crate) fn all(book: &ReportBook) -> String {
    let mut records = Vec::new();
    for sheet in Sheet::ALL {
        let Table {
            name,
            headers,
            rows,
            ..
        } = table(book, sheet);
        let mut header = vec![book.label("report-section")];
        header.extend(headers);
        records.push(header);
        for row in &rows {
            let mut record = vec![name.clone()];
            record.extend(csv_row(row));
            records.push(record);
        }
    }
    write(records.into_iter())
}

fn csv_row(row: &[crate::cell::Cell]) -> Vec<String> {
    row.iter().map(|c| c.csv()).collect()
}

fn write(records: impl Iterator<Item = Vec<String>>) -> String {
    let mut out = csv::WriterBuilder::new()
        .flexible(true)
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(Vec::new());
    for record in records {
        out.write_record(&record)
            .expect("writing CSV into memory cannot fail");
    }
    let bytes = out
        .into_inner()
        .expect("flushing CSV into memory cannot fail");
    String::from_utf8(bytes).expect("CSV of UTF-8 strings is UTF-8")
}
