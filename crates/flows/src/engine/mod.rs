//! The state machine: `advance(flow, state, input, language)` gives the next state and the
//! effects for the bot. One input may pass through several steps (a message, then a
//! question); it stops at the first step that waits for the client or the platform.

mod answer;
mod prompt;

use crate::buttons::{self, tag, Press};
use crate::definition::{AcceptedMedia, Answer, HandOff as HandOffStep, Knowledge, Step};
use crate::effect::{Analytics, Effect, HandOff, HandOffReason, Notice, Outcome, Rejection};
use crate::flow::Flow;
use crate::input::{Input, LookupResult};
use crate::keywords::Scope;
use crate::render::fill;
use crate::state::{At, FieldValue, FlowState, MediaRef, OrderCheck, Wait};
use ticketgram_domain::{Language, MediaKind};

/// How many steps one input may pass through. Validation refuses loops that never wait, so
/// this is a guard against a flow that was built around validation, not a limit real flows
/// meet.
const MAX_PASSES: usize = 64;
/// How many steps Back remembers.
const TRAIL_LIMIT: usize = 32;

/// The next state and what the bot should do, for one input from one client.
pub fn advance(flow: &Flow, state: &FlowState, input: Input, lang: Language) -> Outcome {
    let mut run = Run {
        flow,
        lang,
        state: state.clone(),
        effects: Vec::new(),
    };
    run.handle(input);
    Outcome {
        state: run.state,
        effects: run.effects,
    }
}

pub(crate) struct Run<'f> {
    flow: &'f Flow,
    lang: Language,
    state: FlowState,
    effects: Vec<Effect>,
}

impl<'f> Run<'f> {
    fn handle(&mut self, input: Input) {
        // The stored step is gone (the flow was edited since): start again from the top,
        // keeping what was answered. /start and "human" need no current step.
        if self.state.at.is_some() && self.current().is_none() {
            self.state.at = None;
            self.state.trail.clear();
            if !matches!(input, Input::Start | Input::Human) {
                self.notice(Notice::FlowChanged, Vec::new());
                let start = self.start();
                self.enter(start, HandOffReason::Completed);
                return;
            }
        }
        match input {
            Input::Start => {
                self.leave_midway(None);
                self.state = FlowState::default();
                let start = self.start();
                self.enter(start, HandOffReason::Completed);
            }
            Input::Human => self.human(),
            Input::Repeat => self.repeat(),
            Input::Expire => {
                self.leave_midway(None);
                self.state = FlowState::default();
            }
            Input::Text(text) => self.text(&text),
            Input::Button(data) => self.button(&data),
            Input::Media { kind, file_id } => self.media(kind, file_id),
            Input::Done => self.done(),
            Input::Back => self.back(),
            Input::LookupResult(result) => self.lookup_result(result),
            Input::KnowledgeResult { articles } => self.knowledge_result(articles),
            Input::Answered(yes) => self.answered(yes),
        }
    }

    // ----- where the client is

    fn start(&self) -> &'f str {
        &self.flow.definition().start
    }

    fn current(&self) -> Option<(&'f str, &'f Step, Wait)> {
        let at = self.state.at.as_ref()?;
        let (id, step) = self.flow.definition().steps.get_key_value(&at.step)?;
        Some((id.as_str(), step, at.wait))
    }

    fn current_id(&self) -> Option<&'f str> {
        self.current().map(|(id, _, _)| id)
    }

    fn set_wait(&mut self, wait: Wait) {
        if let Some(at) = &mut self.state.at {
            at.wait = wait;
        }
    }

    /// The hand-off step for "talk to a human" here: the current step's own, else the one of
    /// the question before it (a lookup inside a dispute form hands off to disputes), else
    /// the flow's.
    fn human_target(&self) -> &'f str {
        let def = self.flow.definition();
        self.current()
            .and_then(|(_, step, _)| step.human())
            .or_else(|| {
                let last = self.state.trail.last()?;
                def.steps.get(last)?.human()
            })
            .unwrap_or(&def.human)
    }

    // ----- moving

    /// Enters `id` and passes on until a step that waits. `reason` is the hand-off reason
    /// should this walk reach a hand-off before any wait.
    fn enter(&mut self, id: &'f str, reason: HandOffReason) {
        let mut origin = self.state.at.take();
        let mut id = id;
        let mut reason = reason;
        for _ in 0..MAX_PASSES {
            let Some((key, step)) = self.flow.definition().steps.get_key_value(id) else {
                break;
            };
            id = key.as_str();
            self.analytics(Analytics::StepEntered { step: id.into() });
            match step {
                Step::Menu(_) | Step::Ask(_) => {
                    self.settle(id, origin.take(), wait_at(step));
                    self.prompt(None);
                    return;
                }
                Step::Lookup(lookup) => match self.state.fields.get(&lookup.field) {
                    Some(FieldValue::Order { number, .. }) => {
                        let order = number.clone();
                        self.settle(id, origin.take(), Wait::Platform);
                        self.effects.push(Effect::Lookup { order });
                        return;
                    }
                    // Nothing to look up (reached by a keyword before the question): as if
                    // the platform had failed.
                    _ => {
                        self.completed(id);
                        reason = HandOffReason::FlowFailed;
                        id = lookup.failed.as_deref().unwrap_or(self.human_target());
                    }
                },
                Step::Knowledge(knowledge) => match self.query(knowledge) {
                    Some(query) => {
                        self.settle(id, origin.take(), Wait::Platform);
                        self.effects.push(Effect::SearchKnowledge { query });
                        return;
                    }
                    None => {
                        self.completed(id);
                        reason = HandOffReason::NotAnswered;
                        id = knowledge
                            .not_answered
                            .as_deref()
                            .unwrap_or(self.human_target());
                    }
                },
                Step::Message(message) => {
                    self.say_text(&message.text);
                    self.completed(id);
                    match &message.next {
                        Some(next) => id = next,
                        None => {
                            self.end();
                            return;
                        }
                    }
                }
                Step::HandOff(hand_off) => {
                    self.hand_off(id, hand_off, reason);
                    return;
                }
                Step::Action(action) => {
                    self.effects.push(Effect::Builtin(*action));
                    self.completed(id);
                    // The bot's screen is shown; unless it takes the conversation over, the
                    // client carries on from where they were (the keyboard they have).
                    match origin.take() {
                        Some(at) if !action.ends_flow() => self.state.at = Some(at),
                        _ => self.end(),
                    }
                    return;
                }
            }
        }
        // A loop that never waits, or a step that is gone: a human takes over.
        let human = &self.flow.definition().human;
        if let Some(Step::HandOff(hand_off)) = self.flow.step(human) {
            self.hand_off(human, hand_off, HandOffReason::FlowFailed);
        } else {
            self.end();
        }
    }

    /// The client now waits at `id`. Back will lead to the menu or question they came from.
    fn settle(&mut self, id: &str, origin: Option<At>, wait: Wait) {
        let trail = &mut self.state.trail;
        if id == self.flow.definition().start {
            trail.clear();
        } else if let Some(pos) = trail.iter().position(|s| s == id) {
            // Came round to a step already behind: Back continues from before it.
            trail.truncate(pos);
        } else if let Some(origin) = origin {
            let from_client = self
                .flow
                .step(&origin.step)
                .is_some_and(Step::always_waits_for_client);
            if from_client && origin.step != id {
                trail.push(origin.step);
                if trail.len() > TRAIL_LIMIT {
                    trail.remove(0);
                }
            }
        }
        self.state.at = Some(At {
            step: id.to_string(),
            wait,
        });
    }

    /// Out of the flow, keeping the answers (the bot may still use them; /start clears them).
    fn end(&mut self) {
        self.state.at = None;
        self.state.trail.clear();
    }

    /// Leaving the current step by a jump (keyword, /start, an old menu button).
    fn leave_midway(&mut self, to: Option<&str>) {
        if let Some(id) = self.current_id() {
            if id != self.start() && Some(id) != to {
                self.analytics(Analytics::Abandoned { step: id.into() });
            }
        }
    }

    fn hand_off(&mut self, id: &'f str, step: &'f HandOffStep, reason: HandOffReason) {
        let fields: Vec<(String, FieldValue)> = match &step.fields {
            Some(names) => names
                .iter()
                .filter_map(|name| Some((name.clone(), self.state.fields.get(name)?.clone())))
                .collect(),
            None => self
                .state
                .fields
                .iter()
                .map(|f| (f.name.clone(), f.value.clone()))
                .collect(),
        };
        let route =
            step.routes
                .as_ref()
                .and_then(|routes| match self.state.fields.get(&routes.field)? {
                    FieldValue::Choice { value, .. } => routes.cases.get(value),
                    _ => None,
                });
        let topic = route
            .and_then(|r| r.topic.clone())
            .or_else(|| step.topic.clone());
        let priority = route.and_then(|r| r.priority).or(step.priority);
        let acknowledgement = fill(step.acknowledgement.resolve(self.lang), &self.state.fields);
        self.effects.push(Effect::HandOff(HandOff {
            step: id.into(),
            topic,
            priority,
            fields,
            acknowledgement,
            reason,
        }));
        self.completed(id);
        // The answers travel with the ticket; a later form starts empty.
        self.state = FlowState::default();
    }

    fn completed(&mut self, id: &str) {
        self.analytics(Analytics::StepCompleted { step: id.into() });
    }

    fn analytics(&mut self, event: Analytics) {
        self.effects.push(Effect::Analytics(event));
    }

    fn analytics_rejected(&mut self, id: &str) {
        self.analytics(Analytics::AnswerRejected { step: id.into() });
    }

    // ----- inputs

    fn human(&mut self) {
        let target = self.human_target();
        self.enter(target, HandOffReason::ClientAskedForHuman);
    }

    fn repeat(&mut self) {
        match self.current() {
            Some((_, _, Wait::Platform)) => self.ask_platform_again(),
            Some(_) => self.prompt(None),
            None => {}
        }
    }

    fn text(&mut self, text: &str) {
        if self.state.is_active() {
            self.state.last_text = Some(text.to_string());
        }
        // A label of the buttons on screen is that button, even if it holds a keyword
        // ("2. Submit a dispute" is the menu's option, not the "dispute" keyword).
        if let Some((id, step, Wait::Client)) = self.current() {
            let options: Vec<_> = match step {
                Step::Menu(menu) => menu.options.iter().map(|o| (&o.label, None)).collect(),
                Step::Ask(ask) => match &ask.answer {
                    Answer::Choice(options) => options
                        .iter()
                        .map(|o| (&o.label, Some(o.value.as_str())))
                        .collect(),
                    _ => Vec::new(),
                },
                _ => Vec::new(),
            };
            if let Some(i) = answer::pick(options.into_iter(), text) {
                match step {
                    Step::Menu(menu) => self.choose(id, &menu.options[i].goto),
                    Step::Ask(ask) => {
                        if let Answer::Choice(options) = &ask.answer {
                            let (value, goto) = answer::choice(&options[i], self.lang);
                            self.answer(id, value, goto);
                        }
                    }
                    _ => {}
                }
                return;
            }
        }
        let free_text = matches!(
            self.current(),
            Some((_, Step::Ask(ask), _)) if matches!(ask.answer, Answer::Text(_))
        );
        let scope = if free_text {
            Scope::WholeMessage
        } else {
            Scope::Anywhere
        };
        if let Some(target) = self.flow.keywords().find(text, scope) {
            let target = self.flow.definition().steps.get_key_value(target);
            if let Some((target, _)) = target {
                self.jump(target);
                return;
            }
        }
        let Some((id, step, wait)) = self.current() else {
            // Not in the flow: the message is the bot's to handle.
            return;
        };
        match (step, wait) {
            (_, Wait::Platform) => self.ask_platform_again(),
            // Not one of the options (those were tried first).
            (Step::Menu(_), _) => self.reject(Rejection::NotAnOption),
            (Step::Ask(_), Wait::Media { .. }) => self.reject(Rejection::ExpectedMedia),
            (Step::Ask(ask), _) => match answer::read(self.flow, id, ask, text, self.lang) {
                Ok((value, goto)) => self.answer(id, value, goto),
                Err(rejection) => self.reject(rejection),
            },
            _ => self.reject(Rejection::NotAnOption),
        }
    }

    /// A keyword: to the human (the one for where the client is), or to another part of
    /// the flow, leaving the current one.
    fn jump(&mut self, target: &'f str) {
        if target == self.flow.definition().human {
            self.human();
            return;
        }
        if !matches!(self.flow.step(target), Some(Step::HandOff(_))) {
            self.leave_midway(Some(target));
        }
        self.state.at = None;
        self.state.trail.clear();
        self.enter(target, HandOffReason::ClientAskedForHuman);
    }

    fn choose(&mut self, menu: &'f str, goto: &'f str) {
        self.completed(menu);
        self.enter(goto, HandOffReason::Completed);
    }

    fn answer(&mut self, id: &'f str, value: FieldValue, goto: Option<&'f str>) {
        let Some(Step::Ask(ask)) = self.flow.step(id) else {
            return;
        };
        self.state.fields.set(&ask.field, value);
        self.completed(id);
        match goto.or(ask.next.as_deref()) {
            Some(next) => self.enter(next, HandOffReason::Completed),
            None => self.end(),
        }
    }

    fn button(&mut self, data: &str) {
        if !buttons::is_flow_button(data) {
            return;
        }
        let Some(press) = buttons::decode(data) else {
            return self.outdated();
        };
        let Some(step_tag) = press.step_tag() else {
            return self.human();
        };
        let Some(step_id) = self.flow.step_by_tag(step_tag) else {
            return self.outdated();
        };
        let (step_id, step) = match self.flow.definition().steps.get_key_value(step_id) {
            Some((id, step)) => (id.as_str(), step),
            None => return self.outdated(),
        };
        if self.current_id() != Some(step_id) {
            // A menu button from an earlier message still says where the client wants to go;
            // any other old button (an answer, Back, Done) would answer the wrong question.
            if let (Press::Option { token, .. }, Step::Menu(menu)) = (press, step) {
                if let Some(option) = menu.options.iter().find(|o| tag(&o.goto) == token) {
                    self.leave_midway(Some(step_id));
                    self.state.trail.clear();
                    self.settle(step_id, None, Wait::Client);
                    self.choose(step_id, &option.goto);
                    return;
                }
            }
            return self.outdated();
        }
        match press {
            Press::Human => self.human(),
            Press::Back { .. } => self.back(),
            Press::Done { .. } => self.done(),
            Press::Yes { .. } => self.answered(true),
            Press::No { .. } => self.answered(false),
            Press::Option { token, .. } => match step {
                Step::Menu(menu) => match menu.options.iter().find(|o| tag(&o.goto) == token) {
                    Some(option) => self.choose(step_id, &option.goto),
                    None => self.outdated(),
                },
                Step::Ask(ask) => match &ask.answer {
                    Answer::Choice(options) => {
                        match options.iter().find(|o| tag(&o.value) == token) {
                            Some(option) => {
                                let (value, goto) = answer::choice(option, self.lang);
                                self.answer(step_id, value, goto);
                            }
                            None => self.outdated(),
                        }
                    }
                    _ => self.outdated(),
                },
                _ => self.outdated(),
            },
        }
    }

    fn outdated(&mut self) {
        self.prompt(Some(Notice::OutdatedButton));
    }

    fn media(&mut self, kind: MediaKind, file_id: String) {
        let Some((id, step, wait)) = self.current() else {
            return;
        };
        let (ask, rules, received) = match (step, wait) {
            (Step::Ask(ask), Wait::Media { received }) => match &ask.answer {
                Answer::Media(rules) => (ask, rules, received),
                _ => return self.reject(Rejection::ExpectedText),
            },
            (_, Wait::Platform) => return self.ask_platform_again(),
            (Step::Ask(ask), _) if !matches!(ask.answer, Answer::Choice(_)) => {
                return self.reject(Rejection::ExpectedText)
            }
            _ => return self.reject(Rejection::NotAnOption),
        };
        if !rules.accept.iter().any(|a| accepts(*a, &kind)) {
            return self.reject(Rejection::WrongMediaKind {
                accepted: rules.accept.clone(),
            });
        }
        if received >= rules.max {
            return self.reject(Rejection::TooManyFiles { max: rules.max });
        }
        let file = MediaRef { kind, file_id };
        match self.state.fields.get_mut(&ask.field) {
            // Files of this visit add up; a visit after Back starts the list again.
            Some(FieldValue::Media { files }) if received > 0 => files.push(file),
            _ => self
                .state
                .fields
                .set(&ask.field, FieldValue::Media { files: vec![file] }),
        }
        let received = received + 1;
        self.set_wait(Wait::Media { received });
        if received >= rules.max {
            self.completed(id);
            if let Some(next) = &ask.next {
                self.enter(next, HandOffReason::Completed);
            }
            return;
        }
        let rows = if received >= rules.min {
            vec![self.done_row(id)]
        } else {
            Vec::new()
        };
        self.notice(
            Notice::MediaReceived {
                count: received,
                max: rules.max,
            },
            rows,
        );
    }

    fn done(&mut self) {
        let Some((id, Step::Ask(ask), Wait::Media { received })) = self.current() else {
            return self.outdated();
        };
        let Answer::Media(rules) = &ask.answer else {
            return self.outdated();
        };
        // After Back, the files of the earlier visit still count.
        let kept = match self.state.fields.get(&ask.field) {
            Some(FieldValue::Media { files }) => files.len() as u32,
            _ => 0,
        };
        let have = if received > 0 { received } else { kept };
        if have < rules.min {
            return self.reject(if have == 0 {
                Rejection::ExpectedMedia
            } else {
                Rejection::NotEnoughFiles { min: rules.min }
            });
        }
        self.completed(id);
        match &ask.next {
            Some(next) => self.enter(next, HandOffReason::Completed),
            None => self.end(),
        }
    }

    fn back(&mut self) {
        if self.current().is_none() {
            return;
        }
        if let Some(previous) = self.state.trail.pop() {
            let wait = self.flow.step(&previous).map_or(Wait::Client, wait_at);
            self.state.at = Some(At {
                step: previous,
                wait,
            });
        }
        self.prompt(None);
    }

    fn lookup_result(&mut self, result: LookupResult) {
        let Some((id, Step::Lookup(lookup), Wait::Platform)) = self.current() else {
            // A result for a step the client has left: nothing to do.
            return;
        };
        if let Some(FieldValue::Order { check, details, .. }) =
            self.state.fields.get_mut(&lookup.field)
        {
            (*check, *details) = match &result {
                LookupResult::Found { details } => (Some(OrderCheck::Found), Some(details.clone())),
                LookupResult::NotFound => (Some(OrderCheck::NotFound), None),
                LookupResult::Failed => (Some(OrderCheck::Failed), None),
            };
        }
        self.completed(id);
        let (branch, reason) = match result {
            LookupResult::Found { .. } => (Some(lookup.found.as_str()), HandOffReason::Completed),
            LookupResult::NotFound => (lookup.not_found.as_deref(), HandOffReason::FlowFailed),
            LookupResult::Failed => (lookup.failed.as_deref(), HandOffReason::FlowFailed),
        };
        let target = branch.unwrap_or(self.human_target());
        self.enter(target, reason);
    }

    fn knowledge_result(&mut self, articles: usize) {
        let Some((id, Step::Knowledge(knowledge), Wait::Platform)) = self.current() else {
            return;
        };
        if articles == 0 {
            self.completed(id);
            self.not_answered(knowledge);
        } else {
            self.set_wait(Wait::Confirmation);
            self.prompt(None);
        }
    }

    fn answered(&mut self, yes: bool) {
        let Some((id, Step::Knowledge(knowledge), Wait::Confirmation)) = self.current() else {
            return self.outdated();
        };
        self.completed(id);
        if yes {
            self.analytics(Analytics::SelfServed { step: id.into() });
            self.enter(&knowledge.answered, HandOffReason::Completed);
        } else {
            self.not_answered(knowledge);
        }
    }

    fn not_answered(&mut self, knowledge: &'f Knowledge) {
        let target = knowledge
            .not_answered
            .as_deref()
            .unwrap_or(self.human_target());
        self.enter(target, HandOffReason::NotAnswered);
    }

    /// The client wrote while the bot was to fetch a result: ask for it again (the bot may
    /// have stopped before feeding it back; both requests are safe to repeat).
    fn ask_platform_again(&mut self) {
        match self.current() {
            Some((_, Step::Lookup(lookup), Wait::Platform)) => {
                if let Some(FieldValue::Order { number, .. }) = self.state.fields.get(&lookup.field)
                {
                    let order = number.clone();
                    self.effects.push(Effect::Lookup { order });
                }
            }
            Some((_, Step::Knowledge(knowledge), Wait::Platform)) => {
                if let Some(query) = self.query(knowledge) {
                    self.effects.push(Effect::SearchKnowledge { query });
                }
            }
            _ => {}
        }
    }

    /// What a knowledge step searches: its field, else the client's last message.
    fn query(&self, knowledge: &Knowledge) -> Option<String> {
        let text = match &knowledge.query {
            Some(field) => self.state.fields.get(field)?.display().into_owned(),
            None => self.state.last_text.clone()?,
        };
        (!text.trim().is_empty()).then_some(text)
    }
}

/// What a step waits for when the client arrives at it.
fn wait_at(step: &Step) -> Wait {
    match step {
        Step::Ask(ask) if matches!(ask.answer, Answer::Media(_)) => Wait::Media { received: 0 },
        Step::Lookup(_) | Step::Knowledge(_) => Wait::Platform,
        _ => Wait::Client,
    }
}

fn accepts(accepted: AcceptedMedia, kind: &MediaKind) -> bool {
    matches!(
        (accepted, kind),
        (AcceptedMedia::Photo, MediaKind::Photo)
            | (AcceptedMedia::Document, MediaKind::Document)
            | (AcceptedMedia::Video, MediaKind::Video)
    )
}
