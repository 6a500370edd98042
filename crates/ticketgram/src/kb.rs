//! `ticketgram kb bench`: how fast the knowledge base answers at a large desk's size, without
//! a desk. A synthetic help centre (articles in all four languages, words drawn from a support
//! vocabulary with a few common and many rare words, as real text has) is indexed, then
//! client-sized questions are searched one at a time, as the client bot does.

use crate::cli::KbCommand;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use std::time::Instant;
use ticketgram_domain::{ArticleId, Language};
use ticketgram_knowledge::{Audience, IndexedArticle, KnowledgeIndex};

/// Words of support articles per language; the generator picks them with a skew (the first
/// ones often, the last ones rarely), so posting lists have realistic lengths.
const WORDS: [(Language, &str); 4] = [
    (
        Language::En,
        "order payment refund escrow account card wallet dispute freelancer client milestone \
         withdrawal fee commission delivery invoice password email login verification document \
         bank transfer limit currency exchange delay cancel approve release review rating \
         message support ticket contract deadline budget proposal quality evidence screenshot \
         chargeback fraud security code authenticator phone notification settings profile \
         portfolio skill category search filter report tax country address identity",
    ),
    (
        Language::Ru,
        "заказ оплата возврат эскроу аккаунт карта кошелёк спор фрилансер клиент этап вывод \
         комиссия доставка счёт пароль почта вход проверка документ банк перевод лимит валюта \
         обмен задержка отмена принять выплата отзыв рейтинг сообщение поддержка обращение \
         договор срок бюджет предложение качество доказательство скриншот мошенничество \
         безопасность код телефон уведомление настройки профиль портфолио навык категория",
    ),
    (
        Language::Zh,
        "订单 付款 退款 托管 账户 银行卡 钱包 争议 自由职业者 客户 里程碑 提现 佣金 手续费 配送 \
         发票 密码 邮箱 登录 验证 证件 银行 转账 限额 货币 汇率 延迟 取消 批准 发放 评价 评分 \
         消息 客服 工单 合同 截止日期 预算 提案 质量 证据 截图 欺诈 安全 验证码 手机 通知 设置",
    ),
    (
        Language::De,
        "Auftrag Zahlung Erstattung Treuhandkonto Konto Karte Wallet Streitfall Freelancer \
         Kunde Meilenstein Auszahlung Gebühr Provision Lieferung Rechnung Passwort E-Mail \
         Anmeldung Prüfung Dokument Bank Überweisung Limit Währung Verzögerung Stornierung \
         Freigabe Bewertung Nachricht Support Anfrage Vertrag Frist Budget Angebot Qualität \
         Beweis Screenshot Betrug Sicherheit Code Telefon Benachrichtigung Einstellungen",
    ),
];

pub fn run(command: KbCommand) -> anyhow::Result<String> {
    let KbCommand::Bench {
        articles,
        queries,
        seed,
    } = command;
    let mut rng = StdRng::seed_from_u64(seed);
    let vocabulary: Vec<(Language, Vec<&str>)> = WORDS
        .iter()
        .map(|(language, words)| (*language, words.split_whitespace().collect()))
        .collect();
    let corpus: Vec<(Language, String, String)> = (0..articles)
        .map(|n| {
            let (language, words) = &vocabulary[n % vocabulary.len()];
            let title = sentence(&mut rng, words, 4);
            let body = sentence(&mut rng, words, 150);
            (*language, title, body)
        })
        .collect();

    let rss_before = resident_kib();
    let started = Instant::now();
    let index = KnowledgeIndex::build(corpus.iter().enumerate().map(
        |(n, (language, title, body))| IndexedArticle {
            id: ArticleId(n as i64 + 1),
            language: *language,
            title,
            text: body,
            published: true,
        },
    ))?;
    let build_s = started.elapsed().as_secs_f64();
    let rss_after = resident_kib();

    let mut latencies_us = Vec::with_capacity(queries);
    let mut found = 0usize;
    for n in 0..queries {
        let (language, words) = &vocabulary[n % vocabulary.len()];
        let question = sentence(&mut rng, words, 8);
        let started = Instant::now();
        let hits = index.search(&question, *language, Audience::Clients, 3)?;
        latencies_us.push(started.elapsed().as_secs_f64() * 1e6);
        found += usize::from(!hits.is_empty());
    }
    latencies_us.sort_by(f64::total_cmp);
    let at = |q: f64| latencies_us[((latencies_us.len() - 1) as f64 * q).round() as usize];
    Ok(format!(
        "indexed {articles} articles in 4 languages; {queries} questions of 8 words, {found} with suggestions\n\
         articles {articles} build_s {build_s:.2} index_mib {:.0} p50_us {:.0} p95_us {:.0} p99_us {:.0} max_us {:.0}\n",
        rss_after.saturating_sub(rss_before) as f64 / 1024.0,
        at(0.5),
        at(0.95),
        at(0.99),
        latencies_us.last().copied().unwrap_or_default(),
    ))
}

/// `len` words, skewed towards the start of the list (squared uniform draw).
fn sentence(rng: &mut StdRng, words: &[&str], len: usize) -> String {
    let mut out = String::new();
    for i in 0..len {
        let u: f64 = rng.gen();
        let word = words[((u * u) * words.len() as f64) as usize % words.len()];
        if i > 0 {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// This process's resident memory, from /proc (Linux); 0 elsewhere.
fn resident_kib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|status| {
            status
                .lines()
                .find(|l| l.starts_with("VmRSS:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|kib| kib.parse().ok())
        })
        .unwrap_or(0)
}
