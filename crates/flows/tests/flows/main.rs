//! The flows' stories, in one test binary (one link, fast builds).

mod conversation;
mod dispute;
mod helpers;
mod schema;
mod shipped;
mod validation;
