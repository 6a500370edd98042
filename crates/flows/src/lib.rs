pub mod definition;
pub mod problem;
pub mod source_map;
pub mod text;
