/// Why a report file could not be produced.
#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    /// The workbook writer refused the content (for instance a translated sheet name Excel
    /// does not allow) or failed to assemble the file.
    #[error("cannot write the report workbook: {0}")]
    Workbook(#[from] rust_xlsxwriter::XlsxError),
}
