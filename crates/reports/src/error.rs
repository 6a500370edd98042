/// Why a report file could not be produced.
#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    /// The workbook writer refused the content (for instance a translated sheet name Excel
    /// does not allow) or failed to assemble the file.
    #[error("cannot write the report workbook: {0}")]
    Workbook(#[from] rust_xlsxwriter::XlsxError),
    /// The forecast could not be made (a model that would not fit, a setting out of range);
    /// a history too short is not an error but part of the answer.
    #[error("cannot make the forecast: {0}")]
    Forecast(#[from] ticketgram_foresight::ForesightError),
}
