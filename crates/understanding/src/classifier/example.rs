//! Labelled messages: what a desk trains the classifier on.

use std::io::{Read, Write};

use crate::Error;

/// One client message and the intent an agent gave it ("card_arrival", "refund_request").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Example {
    pub text: String,
    pub label: String,
}

impl Example {
    pub fn new(text: impl Into<String>, label: impl Into<String>) -> Example {
        Example {
            text: text.into(),
            label: label.into(),
        }
    }
}

/// Labelled examples from CSV with a header row naming a `text` column and a `category` (or
/// `label`) column, in any order; other columns are ignored. Quoted fields may hold commas and
/// line breaks. The caller opens the file: this crate does no I/O of its own.
pub fn read_examples(csv_data: impl Read) -> Result<Vec<Example>, Error> {
    let mut reader = csv::Reader::from_reader(csv_data);
    let headers = reader.headers()?.clone();
    let column = |names: &[&str]| {
        headers
            .iter()
            .position(|h| names.iter().any(|n| h.trim().eq_ignore_ascii_case(n)))
    };
    let text = column(&["text"]).ok_or(Error::MissingColumn("text"))?;
    let label = column(&["category", "label"]).ok_or(Error::MissingColumn("category"))?;
    let mut examples = Vec::new();
    for record in reader.records() {
        let record = record?;
        examples.push(Example::new(
            record.get(text).unwrap_or_default(),
            record.get(label).unwrap_or_default(),
        ));
    }
    Ok(examples)
}

/// Writes examples as CSV (`text,category`, quoted where needed), the form
/// [`read_examples`] reads: how a held-out split is saved for `classify evaluate`.
pub fn write_examples(examples: &[Example], out: impl Write) -> Result<(), Error> {
    let mut writer = csv::Writer::from_writer(out);
    writer.write_record(["text", "category"])?;
    for example in examples {
        writer.write_record([example.text.as_str(), example.label.as_str()])?;
    }
    writer.flush().map_err(csv::Error::from)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoted_commas_and_either_label_column() {
        let csv = "text,category\n\"Hi, where is my card?\",card_arrival\nrefund please,refund\n";
        let examples = read_examples(csv.as_bytes()).unwrap();
        assert_eq!(
            examples,
            vec![
                Example::new("Hi, where is my card?", "card_arrival"),
                Example::new("refund please", "refund"),
            ]
        );
        let csv = "label,id,text\nrefund,7,money back\n";
        assert_eq!(
            read_examples(csv.as_bytes()).unwrap(),
            vec![Example::new("money back", "refund")]
        );
    }

    #[test]
    fn written_examples_read_back_the_same() {
        let examples = vec![
            Example::new("Hi, \"where\" is my card?\nStill nothing", "card_arrival"),
            Example::new("refund please", "refund"),
        ];
        let mut csv = Vec::new();
        write_examples(&examples, &mut csv).unwrap();
        assert_eq!(read_examples(csv.as_slice()).unwrap(), examples);
    }

    #[test]
    fn a_missing_column_is_named() {
        let err = read_examples("message,category\nhi,x\n".as_bytes()).unwrap_err();
        assert!(matches!(err, Error::MissingColumn("text")), "{err}");
    }
}
