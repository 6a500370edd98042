//! The Excel workbook: one worksheet per table, its chart beside the data.

use rust_xlsxwriter::{Chart, ChartType, ColNum, Format, RowNum, Workbook, Worksheet};

use crate::cell::Cell;
use crate::tables::{table, ChartKind, Table};
use crate::{ReportBook, ReportError, Sheet};

pub(crate) fn render(book: &ReportBook) -> Result<Vec<u8>, ReportError> {
    let mut workbook = Workbook::new();
    let formats = Formats::new();
    for sheet in Sheet::ALL {
        let t = table(book, sheet);
        let worksheet = workbook.add_worksheet();
        worksheet.set_name(&t.name)?;
        write_table(worksheet, &t, &formats)?;
        let chart = chart(&t);
        let beside = col(t.headers.len() + 1);
        worksheet.insert_chart(1, beside, &chart)?;
    }
    Ok(workbook.save_to_buffer()?)
}

struct Formats {
    header: Format,
    one_decimal: Format,
    two_decimals: Format,
}

impl Formats {
    fn new() -> Formats {
        Formats {
            header: Format::new().set_bold().set_text_wrap(),
            one_decimal: Format::new().set_num_format("0.0"),
            two_decimals: Format::new().set_num_format("0.00"),
        }
    }

    fn of(&self, cell: &Cell) -> Option<&Format> {
        match cell {
            Cell::Minutes(_) | Cell::Percent(_) => Some(&self.one_decimal),
            Cell::Rating(_) => Some(&self.two_decimals),
            Cell::Text(_) | Cell::Count(_) | Cell::Empty => None,
        }
    }
}

fn write_table(sheet: &mut Worksheet, t: &Table, formats: &Formats) -> Result<(), ReportError> {
    for (c, header) in t.headers.iter().enumerate() {
        sheet.write_string_with_format(0, col(c), header, &formats.header)?;
    }
    for (r, cells) in t.rows.iter().enumerate() {
        let r = row(r + 1);
        for (c, cell) in cells.iter().enumerate() {
            let c = col(c);
            match (cell, cell.number(), formats.of(cell)) {
                (Cell::Text(s), _, _) => {
                    sheet.write_string(r, c, s)?;
                }
                (_, Some(n), Some(format)) => {
                    sheet.write_number_with_format(r, c, n, format)?;
                }
                (_, Some(n), None) => {
                    sheet.write_number(r, c, n)?;
                }
                // No samples: the cell stays empty, as in the CSV.
                (_, None, _) => {}
            }
        }
    }
    sheet.set_column_width(0, 32)?;
    for c in 1..t.headers.len() {
        sheet.set_column_width(col(c), 14)?;
    }
    sheet.set_freeze_panes(1, 0)?;
    Ok(())
}

fn chart(t: &Table) -> Chart {
    let spec = &t.chart;
    let mut chart = Chart::new(match spec.kind {
        ChartKind::Column => ChartType::Column,
        ChartKind::Pie => ChartType::Pie,
        ChartKind::Line => ChartType::Line,
    });
    chart.title().set_name(spec.title.as_str());
    // Worksheet row 0 holds the headers, so data row i is worksheet row i + 1.
    let (first, last) = (row(spec.first_row + 1), row(spec.last_row + 1));
    let category = col(spec.category);
    for &series in &spec.series {
        let series = col(series);
        chart
            .add_series()
            .set_name((t.name.as_str(), 0, series))
            .set_categories((t.name.as_str(), first, category, last, category))
            .set_values((t.name.as_str(), first, series, last, series));
    }
    chart.set_width(640).set_height(360);
    chart
}

/// Report tables are a few dozen rows and columns, far inside Excel's limits.
fn row(i: usize) -> RowNum {
    RowNum::try_from(i).unwrap_or(RowNum::MAX)
}

fn col(i: usize) -> ColNum {
    ColNum::try_from(i).unwrap_or(ColNum::MAX)
}
