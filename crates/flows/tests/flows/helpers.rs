//! A client talking to a flow, as the bot drives it: each input goes through `advance`, and
//! the state is stored as JSON between messages (as the bot stores it per client).

use ticketgram_flows::{
    advance, Analytics, BuiltinLabel, Button, Effect, Flow, FlowState, HandOff, Input, Label,
    Language, Say,
};

pub struct Client<'f> {
    pub flow: &'f Flow,
    pub state: FlowState,
    pub lang: Language,
    /// Every effect so far, for checks over a whole conversation.
    pub history: Vec<Effect>,
}

impl<'f> Client<'f> {
    pub fn new(flow: &'f Flow, lang: Language) -> Client<'f> {
        Client {
            flow,
            state: FlowState::default(),
            lang,
            history: Vec::new(),
        }
    }

    pub fn send(&mut self, input: Input) -> Vec<Effect> {
        let outcome = advance(self.flow, &self.state, input, self.lang);
        let stored = serde_json::to_string(&outcome.state).expect("the state serialises");
        self.state = serde_json::from_str(&stored).expect("the stored state reads back");
        assert_eq!(self.state, outcome.state, "the state round-trips");
        self.history.extend(outcome.effects.iter().cloned());
        outcome.effects
    }

    pub fn start(&mut self) -> Vec<Effect> {
        self.send(Input::Start)
    }

    pub fn text(&mut self, text: &str) -> Vec<Effect> {
        self.send(Input::Text(text.into()))
    }

    /// Presses the button labelled `label` on the last message that has one.
    pub fn press(&mut self, label: &str) -> Vec<Effect> {
        let id = self
            .last_button(|b| b.label == Label::Text(label.into()))
            .unwrap_or_else(|| panic!("no button {label:?} on screen"));
        self.send(Input::Button(id))
    }

    pub fn press_builtin(&mut self, label: BuiltinLabel) -> Vec<Effect> {
        let id = self
            .last_button(|b| b.label == Label::Builtin(label))
            .unwrap_or_else(|| panic!("no {label:?} button on screen"));
        self.send(Input::Button(id))
    }

    pub fn photo(&mut self, file_id: &str) -> Vec<Effect> {
        self.send(Input::Media {
            kind: ticketgram_domain::MediaKind::Photo,
            file_id: file_id.into(),
        })
    }

    /// The id of the matching button on the most recent message that has one.
    pub fn last_button(&self, matches: impl Fn(&Button) -> bool) -> Option<String> {
        self.history.iter().rev().find_map(|effect| match effect {
            Effect::Say(say) => say
                .buttons
                .iter()
                .flatten()
                .find(|b| matches(b))
                .map(|b| b.id.clone()),
            _ => None,
        })
    }

    pub fn step(&self) -> Option<&str> {
        self.state.step()
    }
}

pub fn says(effects: &[Effect]) -> Vec<&Say> {
    effects
        .iter()
        .filter_map(|e| match e {
            Effect::Say(say) => Some(say),
            _ => None,
        })
        .collect()
}

/// The text of the only `Say` with a text.
pub fn said(effects: &[Effect]) -> String {
    let texts: Vec<&str> = says(effects)
        .into_iter()
        .filter_map(|s| s.text.as_deref())
        .collect();
    assert_eq!(texts.len(), 1, "one text expected: {effects:#?}");
    texts[0].to_string()
}

pub fn hand_off(effects: &[Effect]) -> &HandOff {
    effects
        .iter()
        .find_map(|e| match e {
            Effect::HandOff(h) => Some(h),
            _ => None,
        })
        .unwrap_or_else(|| panic!("no hand-off in {effects:#?}"))
}

pub fn analytics(effects: &[Effect]) -> Vec<&Analytics> {
    effects
        .iter()
        .filter_map(|e| match e {
            Effect::Analytics(a) => Some(a),
            _ => None,
        })
        .collect()
}

pub fn has_human_button(say: &Say) -> bool {
    say.buttons
        .iter()
        .flatten()
        .any(|b| b.label == Label::Builtin(BuiltinLabel::Human))
}

pub fn parse(source: &str) -> Flow {
    match Flow::parse(source) {
        Ok(parsed) => parsed.flow,
        Err(invalid) => panic!("{invalid}\n{:#?}", invalid.problems),
    }
}

pub fn marketplace() -> Flow {
    ticketgram_flows::builtin::marketplace_flow().expect("the marketplace flow is valid")
}
