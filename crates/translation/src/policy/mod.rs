//! The pure rules around translation: which mode a language is in and what that means for
//! an answer ([`mode`]), the desk's daily character quota ([`quota`]), and when a
//! translation is risky enough to show the agent first ([`risk`]). No I/O; time is passed in.

pub mod mode;
pub mod quota;
pub mod risk;
