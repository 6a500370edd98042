//! The workbook is a valid xlsx (a zip of sheets and charts) holding the fixture's numbers.

use std::io::{Cursor, Read};

use ticketgram_domain::Language;
use ticketgram_reports::xlsx;

use crate::fixture::Desk;

struct Unpacked {
    archive: zip::ZipArchive<Cursor<Vec<u8>>>,
}

impl Unpacked {
    fn new(bytes: Vec<u8>) -> Unpacked {
        Unpacked {
            archive: zip::ZipArchive::new(Cursor::new(bytes)).expect("the workbook is a zip"),
        }
    }

    fn names(&self) -> Vec<String> {
        self.archive
            .file_names()
            .map(|n| n.expect("readable entry name").into_owned())
            .collect()
    }

    fn text(&mut self, name: &str) -> String {
        let mut file = self
            .archive
            .by_name(name)
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        let mut text = String::new();
        file.read_to_string(&mut text).unwrap();
        text
    }
}

/// The XML of one cell (`<c r="B6" ...>...</c>`), if the sheet has that cell.
fn cell<'a>(sheet_xml: &'a str, reference: &str) -> Option<&'a str> {
    let start = sheet_xml.find(&format!("<c r=\"{reference}\""))?;
    let rest = &sheet_xml[start..];
    let end = rest
        .find("</c>")
        .map(|e| e + 4)
        .or_else(|| rest.find("/>").map(|e| e + 2))?;
    Some(&rest[..end])
}

fn number(sheet_xml: &str, reference: &str) -> Option<f64> {
    let c = cell(sheet_xml, reference)?;
    let v = c.split("<v>").nth(1)?.split("</v>").next()?;
    if c.contains("t=\"s\"") {
        return None;
    }
    v.parse().ok()
}

#[test]
fn one_sheet_and_one_chart_per_part() {
    let desk = Desk::new();
    let mut book = Unpacked::new(xlsx(&desk.book(Language::En)).unwrap());
    let names = book.names();
    for n in 1..=8 {
        for part in [
            format!("xl/worksheets/sheet{n}.xml"),
            format!("xl/charts/chart{n}.xml"),
            format!("xl/drawings/drawing{n}.xml"),
        ] {
            assert!(names.contains(&part), "{part} missing from {names:?}");
        }
    }
    assert!(!names.contains(&"xl/charts/chart9.xml".to_string()));
    let workbook = book.text("xl/workbook.xml");
    for name in [
        "Summary",
        "Agents",
        "Topics",
        "Trend",
        "Topic trend",
        "Complaints",
        "Help-centre articles",
        "Flow steps",
    ] {
        assert!(workbook.contains(&format!("name=\"{name}\"")), "{workbook}");
    }
    // Column, column, pie and two line charts, each titled and plotting its own sheet.
    let kinds = [
        "c:barChart",
        "c:barChart",
        "c:pieChart",
        "c:lineChart",
        "c:lineChart",
        "c:barChart",
        "c:barChart",
        "c:barChart",
    ];
    let titles = [
        "Tickets in the period",
        "Tickets taken and closed per agent",
        "Tickets created per topic",
        "Tickets per day",
        "Tickets created per day, by topic",
        "Complaints registered per day, by category",
        "Suggested articles: helped and not",
        "Clients per flow step",
    ];
    let ranges = [
        "Summary!$B$6:$B$9",
        "Agents!$D$2:$D$4",
        "Topics!$B$2:$B$4",
        "Trend!$C$2:$C$8",
        "'Topic trend'!$D$2:$D$8",
        "Complaints!$C$2:$C$8",
        "'Help-centre articles'!$C$2:$C$3",
        "'Flow steps'!$D$2:$D$3",
    ];
    for n in 0..8 {
        let chart = book.text(&format!("xl/charts/chart{}.xml", n + 1));
        assert!(chart.contains(kinds[n]), "chart {n} is not {}", kinds[n]);
        assert!(chart.contains(titles[n]), "chart {n} lacks its title");
        assert!(chart.contains(ranges[n]), "chart {n} lacks {}", ranges[n]);
    }
}

#[test]
fn sheets_hold_the_numbers_and_leave_empty_cells_empty() {
    let desk = Desk::new();
    let mut book = Unpacked::new(xlsx(&desk.book(Language::En)).unwrap());
    // Summary: values in column B, from row 6 (created) on.
    let summary = book.text("xl/worksheets/sheet1.xml");
    let expected = [
        ("B6", 6.0),
        ("B7", 5.0),
        ("B8", 5.0),
        ("B9", 2.0),
        ("B10", 30.0),
        ("B11", 90.0),
        ("B12", 80.0),
        ("B13", 3.0),
        ("B14", 40.0),
        ("B15", 300.0),
        ("B16", 66.7),
        ("B17", 120.0),
        ("B18", 780.0),
        ("B19", 100.0),
        ("B20", 3.0),
        ("B21", 3.33),
    ];
    for (reference, value) in expected {
        assert_eq!(
            number(&summary, reference),
            Some(value),
            "Summary!{reference}"
        );
    }
    // Agents: row 2 is "Unassigned" (no samples), row 4 Boris.
    let agents = book.text("xl/worksheets/sheet2.xml");
    for reference in ["F2", "G2", "H2", "J2", "K2", "L2", "M2", "N2", "O2", "Q2"] {
        assert_eq!(
            cell(&agents, reference),
            None,
            "Agents!{reference} should be empty"
        );
    }
    assert_eq!(number(&agents, "I2"), Some(0.0), "a real zero count");
    assert_eq!(number(&agents, "P2"), Some(0.0), "a real zero count");
    assert_eq!(number(&agents, "F4"), Some(45.5));
    assert_eq!(number(&agents, "H4"), Some(50.0));
    assert_eq!(
        number(&agents, "J4"),
        Some(40.0),
        "Boris's median next reply"
    );
    assert_eq!(number(&agents, "L4"), Some(66.7));
    assert_eq!(number(&agents, "Q4"), Some(2.5));
    // Topics: Disputes' share of created tickets and its 0.0-minute median resolution, a real
    // sample (tickets inside the weekend), written as a number.
    let topics = book.text("xl/worksheets/sheet3.xml");
    assert_eq!(number(&topics, "H4"), Some(66.7));
    assert_eq!(number(&topics, "M4"), Some(0.0));
    assert_eq!(number(&topics, "R4"), Some(50.0));
    // Trend: Saturday (row 7) and Sunday (row 8).
    let trend = book.text("xl/worksheets/sheet4.xml");
    assert_eq!(number(&trend, "D7"), Some(0.0));
    assert_eq!(number(&trend, "C8"), Some(2.0));
    assert_eq!(cell(&trend, "D8"), None);
    // Names and labels are shared strings.
    let strings = book.text("xl/sharedStrings.xml");
    for s in [
        "Acme Support",
        "Unassigned",
        "No topic",
        "Boris",
        "2026-11-29",
    ] {
        assert!(strings.contains(s), "{s} missing from the shared strings");
    }
}

#[test]
fn every_language_gives_a_valid_workbook() {
    let desk = Desk::new();
    for language in Language::ALL {
        let bytes = xlsx(&desk.book(language)).unwrap_or_else(|e| panic!("{language}: {e}"));
        let mut book = Unpacked::new(bytes);
        let workbook = book.text("xl/workbook.xml");
        let sheet_names = workbook.matches("<sheet ").count();
        assert_eq!(sheet_names, 8, "{language}: {workbook}");
    }
    let mut russian = Unpacked::new(xlsx(&desk.book(Language::Ru)).unwrap());
    assert!(russian.text("xl/workbook.xml").contains("name=\"Сводка\""));
    // Chart ranges name translated sheets, quoted where the name has a space.
    assert!(russian.text("xl/charts/chart2.xml").contains("Агенты!$C$1"));
    assert!(russian
        .text("xl/charts/chart4.xml")
        .contains("'По дням'!$B$1"));
}

#[test]
fn a_quiet_week_still_gives_a_valid_workbook() {
    let mut desk = Desk::new();
    let period = desk.report.period;
    let hours = ticketgram_domain::WorkingHours::new(
        chrono_tz::Europe::Berlin,
        "mon-fri 09:00-18:00".parse().unwrap(),
    );
    desk.report = ticketgram_domain::build_report(
        &[],
        period,
        &hours,
        &ticketgram_domain::SlaTargets::default(),
    );
    let mut book = Unpacked::new(xlsx(&desk.book(Language::En)).unwrap());
    assert!(book.names().contains(&"xl/charts/chart5.xml".to_string()));
    assert!(book.text("xl/charts/chart5.xml").contains("c:lineChart"));
}

#[test]
fn the_help_centre_sheets_say_what_self_service_answered() {
    let desk = Desk::new();
    let mut book = Unpacked::new(xlsx(&desk.book(Language::En)).unwrap());
    // The summary ends with the self-service rows: 8 helped suggestions + 2 FAQ answers = 10,
    // against the week's 6 tickets opened in it: 10 / 16 = 62.5 %.
    let summary = book.text("xl/worksheets/sheet1.xml");
    let last_rows: Vec<f64> = (22..=25)
        .map(|r| number(&summary, &format!("B{r}")).unwrap_or(f64::NAN))
        .collect();
    assert_eq!(last_rows, [10.0, 8.0, 2.0, 62.5], "{summary}");
    // Articles: refunds helped 6 of 8 (75 %).
    let articles = book.text("xl/worksheets/sheet7.xml");
    assert_eq!(number(&articles, "B2"), Some(6.0));
    assert_eq!(number(&articles, "C2"), Some(2.0));
    assert_eq!(number(&articles, "D2"), Some(75.0));
    // Flow steps: the dispute form lost one of five clients (20 % abandonment).
    let steps = book.text("xl/worksheets/sheet8.xml");
    assert_eq!(number(&steps, "B2"), Some(5.0));
    assert_eq!(number(&steps, "D2"), Some(1.0));
    assert_eq!(number(&steps, "H2"), Some(20.0));
}
