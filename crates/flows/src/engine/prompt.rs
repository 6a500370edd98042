//! What the client sees at a step: its text (fields filled in) and keyboard. Every keyboard
//! ends with the human button, and with Back when there is somewhere to go back to.

use super::Run;
use crate::buttons;
use crate::definition::{Answer, Step};
use crate::effect::{BuiltinLabel, Button, Effect, Label, Notice, Rejection, Say};
use crate::render::fill;
use crate::state::Wait;
use crate::text::Texts;

impl<'f> Run<'f> {
    /// Says the current step's question again (or for the first time), with `notice` above.
    pub(super) fn prompt(&mut self, notice: Option<Notice>) {
        let Some((id, step, wait)) = self.current() else {
            if let Some(notice) = notice {
                self.notice(notice, Vec::new());
            }
            return;
        };
        let mut rows: Vec<Vec<Button>> = Vec::new();
        let text: &Texts = match step {
            Step::Menu(menu) => {
                for option in &menu.options {
                    rows.push(vec![
                        self.option(buttons::option(id, &option.goto), &option.label)
                    ]);
                }
                &menu.text
            }
            Step::Ask(ask) => {
                match &ask.answer {
                    Answer::Choice(options) => {
                        for option in options {
                            let button = buttons::option(id, &option.value);
                            rows.push(vec![self.option(button, &option.label)]);
                        }
                    }
                    Answer::Media(media) => {
                        if let Wait::Media { received } = wait {
                            if received >= media.min {
                                rows.push(vec![builtin(buttons::done(id), BuiltinLabel::Done)]);
                            }
                        }
                    }
                    _ => {}
                }
                match (&notice, &ask.invalid) {
                    (Some(Notice::Rejected(_)), Some(invalid)) => invalid,
                    _ => &ask.text,
                }
            }
            Step::Knowledge(knowledge) if wait == Wait::Confirmation => {
                rows.push(vec![
                    builtin(buttons::yes(id), BuiltinLabel::Yes),
                    builtin(buttons::no(id), BuiltinLabel::No),
                ]);
                &knowledge.confirm
            }
            // Waiting for the platform: nothing to say but the notice, if any.
            _ => {
                if let Some(notice) = notice {
                    self.notice(notice, Vec::new());
                }
                return;
            }
        };
        let text = fill(text.resolve(self.lang), &self.state.fields);
        rows.push(self.navigation(id));
        self.effects.push(Effect::Say(Say {
            text: Some(text),
            notice,
            buttons: rows,
        }));
    }

    /// A refused answer: the reason, then the question again.
    pub(super) fn reject(&mut self, rejection: Rejection) {
        if let Some(id) = self.current_id() {
            self.analytics_rejected(id);
        }
        self.prompt(Some(Notice::Rejected(rejection)));
    }

    /// A notice alone, above `rows` and the navigation row.
    pub(super) fn notice(&mut self, notice: Notice, mut rows: Vec<Vec<Button>>) {
        let navigation = match self.current_id() {
            Some(id) => self.navigation(id),
            None => vec![builtin(buttons::human(), BuiltinLabel::Human)],
        };
        rows.push(navigation);
        self.effects.push(Effect::Say(Say {
            text: None,
            notice: Some(notice),
            buttons: rows,
        }));
    }

    /// A flow message that passes on (a `message` step): only the human button.
    pub(super) fn say_text(&mut self, text: &Texts) {
        let text = fill(text.resolve(self.lang), &self.state.fields);
        self.effects.push(Effect::Say(Say {
            text: Some(text),
            notice: None,
            buttons: vec![vec![builtin(buttons::human(), BuiltinLabel::Human)]],
        }));
    }

    /// Back (when there is a step to go back to) and the human button.
    pub(super) fn navigation(&self, step: &str) -> Vec<Button> {
        let mut row = Vec::with_capacity(2);
        if !self.state.trail.is_empty() {
            row.push(builtin(buttons::back(step), BuiltinLabel::Back));
        }
        row.push(builtin(buttons::human(), BuiltinLabel::Human));
        row
    }

    /// Done (once enough files arrived) for a media question.
    pub(super) fn done_row(&self, step: &str) -> Vec<Button> {
        vec![builtin(buttons::done(step), BuiltinLabel::Done)]
    }

    fn option(&self, id: String, label: &Texts) -> Button {
        Button {
            id,
            label: Label::Text(label.resolve(self.lang).to_string()),
        }
    }
}

fn builtin(id: String, label: BuiltinLabel) -> Button {
    Button {
        id,
        label: Label::Builtin(label),
    }
}
