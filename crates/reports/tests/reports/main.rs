//! The report files of one hand-computed week, in one test binary.

mod csv_output;
mod fixture;
mod tokyo;
mod xlsx_output;
