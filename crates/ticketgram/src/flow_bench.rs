//! `ticketgram flow bench`: what running a flow adds to each client message, without a desk.
//!
//! The client bot keeps a client's place in a flow as JSON on the client's row. For every
//! message in a flow it reads that state, advances the engine one input and writes the state
//! back — in the input's transaction, beside the writes any message costs (the update's
//! processed mark, the reply's outbox job). This measures exactly that added work: the
//! state's JSON read and write and `advance`, per message, over whole dispute forms (the
//! longest shipped flow: menu, order number, dispute type, reason, a photo, done) in the four
//! languages. The flow itself is parsed once per desk and revision (`relay::flows::FlowCache`);
//! its parse is timed separately, as what a cache miss costs.

use std::time::Instant;

use anyhow::{bail, Context as _};
use ticketgram_domain::{Language, MediaKind};
use ticketgram_flows::{
    advance, builtin, BuiltinLabel, Effect, Flow, FlowState, Input, Label, LookupResult,
};

/// What each client of the bench sends, in order: the buttons by their label in the client's
/// language, the rest as typed.
enum Step {
    Start,
    Press(&'static [(Language, &'static str)]),
    Text(&'static str),
    Photo,
    Done,
}

const DISPUTE_FORM: [Step; 7] = [
    Step::Start,
    Step::Press(&[
        (Language::En, "2. Submit a dispute"),
        (Language::Ru, "2. Открыть спор"),
        (Language::Zh, "2. 提交纠纷"),
        (Language::De, "2. Streitfall melden"),
    ]),
    Step::Text("A-1042"),
    Step::Press(&[
        (Language::En, "Product quality"),
        (Language::Ru, "Качество товара"),
        (Language::Zh, "商品质量"),
        (Language::De, "Produktqualität"),
    ]),
    Step::Text("The logo arrived in the wrong colours and the seller does not answer."),
    Step::Photo,
    Step::Done,
];

pub fn run(clients: usize) -> anyhow::Result<String> {
    let started = Instant::now();
    let flow = Flow::parse(builtin::MARKETPLACE)
        .map_err(|e| anyhow::anyhow!("the shipped marketplace flow: {e:?}"))?
        .flow;
    let parse_us = started.elapsed().as_secs_f64() * 1e6;

    let mut latencies_us = Vec::with_capacity(clients * DISPUTE_FORM.len());
    let mut handed_off = 0usize;
    let run_started = Instant::now();
    for n in 0..clients {
        let lang = Language::ALL[n % Language::ALL.len()];
        let mut stored = serde_json::to_string(&FlowState::default())?;
        let mut screen: Vec<Effect> = Vec::new();
        for step in &DISPUTE_FORM {
            let input = input_for(step, lang, &screen, n)?;
            let began = Instant::now();
            let (state, effects) = one_message(&flow, &stored, input, lang)?;
            stored = state;
            latencies_us.push(began.elapsed().as_secs_f64() * 1e6);
            // What the bot answers on the engine's behalf (a lookup, a search) is its own
            // work, measured elsewhere; here it is answered at once.
            let (state, effects) = answer_requests(&flow, stored, effects, lang)?;
            stored = state;
            handed_off += effects
                .iter()
                .filter(|e| matches!(e, Effect::HandOff(_)))
                .count();
            screen = effects;
        }
    }
    let wall_s = run_started.elapsed().as_secs_f64();
    if handed_off != clients {
        bail!("{handed_off} of {clients} dispute forms reached a hand-off");
    }
    latencies_us.sort_by(f64::total_cmp);
    let at = |q: f64| latencies_us[((latencies_us.len() - 1) as f64 * q).round() as usize];
    let messages = latencies_us.len();
    Ok(format!(
        "{clients} dispute forms in 4 languages, {messages} messages, {handed_off} hand-offs\n\
         parse_us {parse_us:.0} p50_us {:.1} p95_us {:.1} p99_us {:.1} max_us {:.0} messages_per_s {:.0}\n",
        at(0.5),
        at(0.95),
        at(0.99),
        latencies_us.last().copied().unwrap_or_default(),
        messages as f64 / wall_s,
    ))
}

/// One message as the client bot handles it: the stored state read, the engine advanced, the
/// new state written.
fn one_message(
    flow: &Flow,
    stored: &str,
    input: Input,
    lang: Language,
) -> anyhow::Result<(String, Vec<Effect>)> {
    let state: FlowState = serde_json::from_str(stored)?;
    let outcome = advance(flow, &state, input, lang);
    Ok((serde_json::to_string(&outcome.state)?, outcome.effects))
}

fn answer_requests(
    flow: &Flow,
    mut stored: String,
    mut effects: Vec<Effect>,
    lang: Language,
) -> anyhow::Result<(String, Vec<Effect>)> {
    // A flow may chain requests; a handful is plenty for the shipped ones.
    for _ in 0..4 {
        let answer = effects.iter().find_map(|e| match e {
            Effect::Lookup { .. } => Some(Input::LookupResult(LookupResult::Found {
                details: "Delivered on 1 December".into(),
            })),
            Effect::SearchKnowledge { .. } => Some(Input::KnowledgeResult { articles: 0 }),
            _ => None,
        });
        let Some(answer) = answer else { break };
        let (state, more) = one_message(flow, &stored, answer, lang)?;
        stored = state;
        effects.extend(more);
        effects.retain(|e| !matches!(e, Effect::Lookup { .. } | Effect::SearchKnowledge { .. }));
    }
    Ok((stored, effects))
}

fn input_for(step: &Step, lang: Language, screen: &[Effect], n: usize) -> anyhow::Result<Input> {
    Ok(match step {
        Step::Start => Input::Start,
        Step::Text(text) => Input::Text((*text).into()),
        Step::Photo => Input::Media {
            kind: MediaKind::Photo,
            file_id: format!("photo-{n}"),
        },
        Step::Done => Input::Button(
            button(screen, |l| matches!(l, Label::Builtin(BuiltinLabel::Done)))
                .context("no Done button on the evidence step")?,
        ),
        Step::Press(labels) => {
            let wanted = labels
                .iter()
                .find(|(l, _)| *l == lang)
                .map(|(_, text)| *text)
                .context("a label in every language")?;
            Input::Button(
                button(screen, |l| matches!(l, Label::Text(t) if t == wanted))
                    .with_context(|| format!("no button {wanted:?} on screen"))?,
            )
        }
    })
}

/// The id of the last button on screen whose label matches.
fn button(screen: &[Effect], matches: impl Fn(&Label) -> bool) -> Option<String> {
    screen.iter().rev().find_map(|effect| match effect {
        Effect::Say(say) => say
            .buttons
            .iter()
            .flatten()
            .find(|b| matches(&b.label))
            .map(|b| b.id.clone()),
        _ => None,
    })
}
