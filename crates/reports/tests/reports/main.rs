//! The report files of one hand-computed week, in one test binary.

mod csv_output;
mod fixture;
mod xlsx_output;
