//! Does the knowledge base find the right article for how clients actually ask? A freelance
//! marketplace's help centre in four languages, and questions written the way clients write
//! them (inflected, with typos of emphasis, never the article's title). Prints recall@3 per
//! language: the share of questions whose right article is among the three suggested.

use ticketgram_domain::{ArticleId, Language};
use ticketgram_knowledge::{plain_text, Audience, IndexedArticle, KnowledgeIndex};

/// (topic, title, text) per language; the topic number is the article's identity.
const ARTICLES: &[(i64, Language, &str, &str)] = &[
    (1, Language::En, "Refunds", "If an order is cancelled, the money held in escrow is refunded to your card or wallet within 5 working days."),
    (2, Language::En, "How escrow works", "The client's payment is held in escrow and released to the freelancer when the milestone is approved."),
    (3, Language::En, "Opening a dispute", "If the work does not match the order, open a dispute with the order number, the reason and screenshots as evidence."),
    (4, Language::En, "Withdrawing your earnings", "Freelancers withdraw earnings to a bank account or card. Withdrawals take 1-3 days; the minimum is $10."),
    (5, Language::En, "Two-factor authentication", "Protect your account with a one-time code from an authenticator app when you sign in."),
    (6, Language::En, "My account is blocked", "Accounts are suspended after suspicious activity. Contact support with a photo of your ID to unlock it."),
    (7, Language::En, "Service fees", "We charge a 10% commission on each payment; the fee is shown before you pay."),
    (8, Language::En, "Changing your email or password", "Open Settings, Security to change the email address or reset a forgotten password."),
    (9, Language::En, "Deleting your account", "You can close your account permanently in Settings once no order is open."),
    (10, Language::En, "A payment failed", "Card payments are declined by the bank when the limit is exceeded or 3-D Secure fails. Try another card."),
    (1, Language::Ru, "Возврат денег", "Если заказ отменён, деньги из эскроу возвращаются на карту или кошелёк в течение 5 рабочих дней."),
    (2, Language::Ru, "Как работает эскроу", "Оплата клиента хранится в эскроу и переводится фрилансеру, когда этап работы принят."),
    (3, Language::Ru, "Как открыть спор", "Если работа не соответствует заказу, откройте спор: номер заказа, причина и скриншоты как доказательства."),
    (4, Language::Ru, "Вывод заработка", "Фрилансеры выводят заработок на банковский счёт или карту. Вывод занимает 1-3 дня, минимум 10 долларов."),
    (5, Language::Ru, "Двухфакторная аутентификация", "Защитите аккаунт одноразовым кодом из приложения-аутентификатора при входе."),
    (6, Language::Ru, "Аккаунт заблокирован", "Аккаунт блокируется при подозрительной активности. Чтобы разблокировать, пришлите в поддержку фото документа."),
    (7, Language::Ru, "Комиссия сервиса", "Мы берём комиссию 10% с каждого платежа; сумма комиссии видна до оплаты."),
    (8, Language::Ru, "Смена почты или пароля", "Откройте Настройки, Безопасность, чтобы сменить адрес почты или восстановить забытый пароль."),
    (9, Language::Ru, "Удаление аккаунта", "Аккаунт можно удалить навсегда в Настройках, если нет открытых заказов."),
    (10, Language::Ru, "Платёж не прошёл", "Банк отклоняет оплату картой при превышении лимита или ошибке 3-D Secure. Попробуйте другую карту."),
    (1, Language::Zh, "退款", "如果订单被取消，托管中的资金将在5个工作日内退回到您的银行卡或钱包。"),
    (2, Language::Zh, "托管如何运作", "客户的付款由平台托管，里程碑验收后再发放给自由职业者。"),
    (3, Language::Zh, "如何发起争议", "如果工作与订单不符，请提交争议：订单号、原因以及截图作为证据。"),
    (4, Language::Zh, "提取收入", "自由职业者可以把收入提现到银行账户或银行卡，提现需要1到3天，最低10美元。"),
    (5, Language::Zh, "双重验证", "登录时使用验证器应用的一次性验证码保护您的账户。"),
    (6, Language::Zh, "账户被封禁", "发现可疑活动时账户会被冻结。请向客服提交身份证件照片以解封账户。"),
    (7, Language::Zh, "服务费", "每笔付款我们收取10%的佣金，付款前会显示手续费。"),
    (8, Language::Zh, "修改邮箱或密码", "打开设置中的安全页面，即可修改邮箱地址或重置忘记的密码。"),
    (9, Language::Zh, "注销账户", "没有进行中的订单时，您可以在设置中永久注销账户。"),
    (10, Language::Zh, "付款失败", "超出限额或3-D Secure验证失败时，银行会拒绝银行卡付款。请换一张卡试试。"),
    (1, Language::De, "Rückerstattungen", "Wird ein Auftrag storniert, wird das Geld aus dem Treuhandkonto innerhalb von 5 Werktagen auf Ihre Karte oder Ihr Wallet erstattet."),
    (2, Language::De, "So funktioniert das Treuhandkonto", "Die Zahlung des Kunden liegt auf dem Treuhandkonto und wird dem Freelancer ausgezahlt, wenn der Meilenstein abgenommen ist."),
    (3, Language::De, "Einen Streitfall eröffnen", "Entspricht die Arbeit nicht dem Auftrag, eröffnen Sie einen Streitfall mit Auftragsnummer, Grund und Screenshots als Beweis."),
    (4, Language::De, "Einnahmen auszahlen", "Freelancer lassen ihre Einnahmen auf ein Bankkonto oder eine Karte auszahlen. Die Auszahlung dauert 1-3 Tage, mindestens 10 Dollar."),
    (5, Language::De, "Zwei-Faktor-Authentifizierung", "Schützen Sie Ihr Konto bei der Anmeldung mit einem Einmalcode aus einer Authenticator-App."),
    (6, Language::De, "Mein Konto ist gesperrt", "Konten werden bei verdächtigen Aktivitäten gesperrt. Senden Sie dem Support ein Foto Ihres Ausweises, um es zu entsperren."),
    (7, Language::De, "Servicegebühren", "Wir berechnen 10 % Provision auf jede Zahlung; die Gebühr wird vor dem Bezahlen angezeigt."),
    (8, Language::De, "E-Mail oder Passwort ändern", "Öffnen Sie Einstellungen, Sicherheit, um die E-Mail-Adresse zu ändern oder ein vergessenes Passwort zurückzusetzen."),
    (9, Language::De, "Konto löschen", "Sie können Ihr Konto in den Einstellungen endgültig löschen, wenn kein Auftrag offen ist."),
    (10, Language::De, "Eine Zahlung ist fehlgeschlagen", "Kartenzahlungen werden von der Bank abgelehnt, wenn das Limit überschritten ist oder 3-D Secure scheitert. Versuchen Sie eine andere Karte."),
];

/// Articles that share words with the ones above but answer something else: a refund of the
/// fee (not of the order), a cancelled order (not its money), a withdrawal on hold (not how to
/// withdraw), a phone number (not the password)… With them in the index, a search that only
/// matches words is easily fooled.
const DISTRACTORS: &[(i64, Language, &str, &str)] = &[
    (11, Language::En, "Is the service fee refunded?", "Service fees are refunded only when the whole order is cancelled before work starts; a partial refund keeps the fee."),
    (12, Language::En, "Hourly contracts", "On hourly contracts the client's card is charged weekly and the hours are held in escrow for five days of review before the freelancer is paid."),
    (13, Language::En, "Verifying your card", "To verify a card we charge a small amount and refund it at once; enter that amount in Settings, Payments."),
    (14, Language::En, "A withdrawal is on hold", "Withdrawals are put on hold until your identity is verified; upload an ID document to release the money."),
    (15, Language::En, "Changing your phone number", "Open Settings, Security to change the phone number that receives your sign-in codes."),
    (16, Language::En, "Reviews and ratings", "When an order is completed both sides leave a review; a rating cannot be changed after 14 days."),
    (17, Language::En, "Cancelling an order", "A client can cancel an order until the freelancer accepts it; after that, agree with the freelancer or open a dispute."),
    (18, Language::En, "Invoices and tax documents", "Download an invoice for every payment in Billing; VAT is shown for business accounts."),
    (11, Language::Ru, "Возвращается ли комиссия?", "Комиссия сервиса возвращается, только если весь заказ отменён до начала работы; при частичном возврате комиссия остаётся."),
    (12, Language::Ru, "Почасовые контракты", "В почасовых контрактах карту клиента списывают раз в неделю, а часы пять дней ждут проверки в эскроу, прежде чем фрилансер получит оплату."),
    (13, Language::Ru, "Проверка карты", "Чтобы проверить карту, мы списываем небольшую сумму и сразу её возвращаем; введите эту сумму в Настройках, Платежи."),
    (14, Language::Ru, "Вывод средств приостановлен", "Вывод приостанавливается, пока личность не подтверждена; загрузите документ, чтобы деньги поступили."),
    (15, Language::Ru, "Смена номера телефона", "Откройте Настройки, Безопасность, чтобы сменить номер телефона для кодов входа."),
    (16, Language::Ru, "Отзывы и рейтинг", "После завершения заказа обе стороны оставляют отзыв; оценку нельзя изменить через 14 дней."),
    (17, Language::Ru, "Отмена заказа", "Клиент может отменить заказ, пока фрилансер его не принял; после этого договоритесь с фрилансером или откройте спор."),
    (18, Language::Ru, "Счета и налоговые документы", "Скачайте счёт за каждый платёж в разделе Оплата; НДС указан для бизнес-аккаунтов."),
    (11, Language::Zh, "服务费会退还吗？", "只有在工作开始前整个订单被取消时才退还服务费；部分退款时服务费不退。"),
    (12, Language::Zh, "按小时计费的合同", "按小时计费的合同每周从客户的银行卡扣款，工时在托管中审核五天后才支付给自由职业者。"),
    (13, Language::Zh, "验证银行卡", "为验证银行卡，我们会扣一笔小额款项并立即退还；请在设置的支付页面输入该金额。"),
    (14, Language::Zh, "提现被冻结", "身份验证完成前提现会被暂停；上传身份证件后资金即可发放。"),
    (15, Language::Zh, "更换手机号码", "打开设置中的安全页面，即可更换接收登录验证码的手机号码。"),
    (16, Language::Zh, "评价与评分", "订单完成后双方互相评价；14天后评分无法修改。"),
    (17, Language::Zh, "取消订单", "在自由职业者接受订单之前，客户可以取消订单；之后请与自由职业者协商或提交争议。"),
    (18, Language::Zh, "发票与税务文件", "在账单页面可以下载每笔付款的发票；企业账户会显示增值税。"),
    (11, Language::De, "Wird die Servicegebühr erstattet?", "Servicegebühren werden nur erstattet, wenn der ganze Auftrag vor Arbeitsbeginn storniert wird; bei einer Teilerstattung bleibt die Gebühr."),
    (12, Language::De, "Stundenverträge", "Bei Stundenverträgen wird die Karte des Kunden wöchentlich belastet und die Stunden liegen fünf Tage zur Prüfung auf dem Treuhandkonto, bevor der Freelancer bezahlt wird."),
    (13, Language::De, "Ihre Karte bestätigen", "Zur Bestätigung einer Karte buchen wir einen kleinen Betrag ab und erstatten ihn sofort; geben Sie den Betrag unter Einstellungen, Zahlungen ein."),
    (14, Language::De, "Eine Auszahlung wird zurückgehalten", "Auszahlungen werden zurückgehalten, bis Ihre Identität bestätigt ist; laden Sie einen Ausweis hoch, um das Geld freizugeben."),
    (15, Language::De, "Telefonnummer ändern", "Öffnen Sie Einstellungen, Sicherheit, um die Telefonnummer für Ihre Anmeldecodes zu ändern."),
    (16, Language::De, "Bewertungen", "Nach Abschluss eines Auftrags bewerten sich beide Seiten; eine Bewertung kann nach 14 Tagen nicht mehr geändert werden."),
    (17, Language::De, "Einen Auftrag stornieren", "Ein Kunde kann einen Auftrag stornieren, bis der Freelancer ihn annimmt; danach einigen Sie sich mit dem Freelancer oder eröffnen einen Streitfall."),
    (18, Language::De, "Rechnungen und Steuerunterlagen", "Laden Sie unter Abrechnung für jede Zahlung eine Rechnung herunter; bei Geschäftskonten wird die MwSt. ausgewiesen."),
];

/// How clients ask about the distractors' own subjects.
const DISTRACTOR_QUESTIONS: &[(Language, &str, i64)] = &[
    (
        Language::En,
        "will I get the fee back if the order is cancelled",
        11,
    ),
    (Language::En, "how am I billed on an hourly contract", 12),
    (
        Language::En,
        "why was a small amount charged to my card",
        13,
    ),
    (Language::En, "my withdrawal is on hold", 14),
    (Language::En, "I have a new phone number", 15),
    (Language::En, "can I change the rating I left", 16),
    (Language::En, "how do I cancel an order", 17),
    (Language::En, "where can I download an invoice", 18),
    (Language::Ru, "вернут ли комиссию при отмене заказа", 11),
    (Language::Ru, "как оплачиваются почасовые контракты", 12),
    (Language::Ru, "почему с карты списали небольшую сумму", 13),
    (Language::Ru, "мой вывод приостановлен", 14),
    (Language::Ru, "у меня новый номер телефона", 15),
    (Language::Ru, "можно ли изменить оставленный отзыв", 16),
    (Language::Ru, "как отменить заказ", 17),
    (Language::Ru, "где скачать счёт", 18),
    (Language::Zh, "取消订单后服务费会退吗", 11),
    (Language::Zh, "按小时计费怎么付款", 12),
    (Language::Zh, "为什么银行卡被扣了一小笔钱", 13),
    (Language::Zh, "我的提现被冻结了", 14),
    (Language::Zh, "我换了手机号码", 15),
    (Language::Zh, "可以修改我的评价吗", 16),
    (Language::Zh, "怎么取消订单", 17),
    (Language::Zh, "在哪里下载发票", 18),
    (
        Language::De,
        "Bekomme ich die Gebühr zurück, wenn der Auftrag storniert wird?",
        11,
    ),
    (Language::De, "Wie wird ein Stundenvertrag abgerechnet?", 12),
    (
        Language::De,
        "Warum wurde ein kleiner Betrag von meiner Karte abgebucht?",
        13,
    ),
    (Language::De, "Meine Auszahlung wird zurückgehalten", 14),
    (Language::De, "Ich habe eine neue Telefonnummer", 15),
    (Language::De, "Kann ich meine Bewertung ändern?", 16),
    (Language::De, "Wie storniere ich einen Auftrag?", 17),
    (Language::De, "Wo kann ich eine Rechnung herunterladen?", 18),
];

/// How clients ask, and which topic answers them.
const QUESTIONS: &[(Language, &str, i64)] = &[
    (
        Language::En,
        "I cancelled my order, when do I get my money back?",
        1,
    ),
    (Language::En, "how long does a refund take", 1),
    (
        Language::En,
        "when is the payment released to the freelancer",
        2,
    ),
    (Language::En, "the work I received is not what I ordered", 3),
    (Language::En, "how do I open a dispute", 3),
    (Language::En, "how can I withdraw money to my bank", 4),
    (Language::En, "minimum withdrawal amount?", 4),
    (Language::En, "set up an authenticator app code", 5),
    (
        Language::En,
        "my account was suspended, how to unlock it",
        6,
    ),
    (Language::En, "what commission do you charge", 7),
    (Language::En, "forgot my password", 8),
    (Language::En, "how to close my account forever", 9),
    (Language::En, "my card was declined", 10),
    (Language::Ru, "я отменил заказ, когда вернутся деньги?", 1),
    (Language::Ru, "как работает эскроу", 2),
    (
        Language::Ru,
        "работа не соответствует заказу, что делать",
        3,
    ),
    (Language::Ru, "хочу открыть спор по заказу", 3),
    (Language::Ru, "как вывести деньги на карту", 4),
    (Language::Ru, "как включить двухфакторную аутентификацию", 5),
    (Language::Ru, "мой аккаунт заблокировали", 6),
    (Language::Ru, "какая у вас комиссия", 7),
    (Language::Ru, "забыл пароль", 8),
    (Language::Ru, "как удалить аккаунт", 9),
    (Language::Ru, "банк отклонил оплату картой", 10),
    (Language::Zh, "订单取消了，钱什么时候退回？", 1),
    (Language::Zh, "托管的钱什么时候发放给自由职业者", 2),
    (Language::Zh, "我想对订单提交争议", 3),
    (Language::Zh, "怎么把收入提现到银行卡", 4),
    (Language::Zh, "如何设置双重验证", 5),
    (Language::Zh, "我的账户被封禁了", 6),
    (Language::Zh, "你们收多少佣金", 7),
    (Language::Zh, "忘记密码怎么办", 8),
    (Language::Zh, "怎么注销账户", 9),
    (Language::Zh, "银行卡付款失败", 10),
    (
        Language::De,
        "Ich habe den Auftrag storniert, wann bekomme ich mein Geld zurück?",
        1,
    ),
    (
        Language::De,
        "Wann wird die Zahlung an den Freelancer ausgezahlt?",
        2,
    ),
    (Language::De, "Die Arbeit entspricht nicht dem Auftrag", 3),
    (
        Language::De,
        "Wie kann ich meine Einnahmen auf mein Bankkonto auszahlen?",
        4,
    ),
    (Language::De, "Authenticator-App einrichten", 5),
    (Language::De, "Warum wurde mein Konto gesperrt?", 6),
    (Language::De, "Wie hoch ist die Provision?", 7),
    (Language::De, "Passwort vergessen", 8),
    (Language::De, "Wie lösche ich mein Konto?", 9),
    (Language::De, "Meine Kartenzahlung wurde abgelehnt", 10),
];

/// Row ids: topic × 10 + language slot, so a hit tells its topic back.
fn row_id(topic: i64, language: Language) -> ArticleId {
    let slot = Language::ALL.iter().position(|l| *l == language).unwrap() as i64;
    ArticleId(topic * 10 + slot)
}

/// Recall@1, recall@3 and the mean reciprocal rank (of the first five) of `questions` in one
/// language, printing each miss.
struct Quality {
    asked: usize,
    first: usize,
    top3: usize,
    reciprocal_rank: f64,
}

fn measure(
    index: &KnowledgeIndex,
    language: Language,
    questions: &[&(Language, &str, i64)],
) -> Quality {
    let mut q = Quality {
        asked: questions.len(),
        first: 0,
        top3: 0,
        reciprocal_rank: 0.0,
    };
    for (_, question, topic) in questions {
        let hits = index
            .search(question, language, Audience::Clients, 5)
            .unwrap();
        let rank = hits
            .iter()
            .position(|hit| hit.article == row_id(*topic, language));
        if let Some(r) = rank {
            q.first += usize::from(r == 0);
            q.top3 += usize::from(r < 3);
            q.reciprocal_rank += 1.0 / (r + 1) as f64;
        }
        if rank.is_none_or(|r| r >= 3) {
            println!("{} missed: {question:?} → {hits:?}", language.code());
        }
    }
    q
}

fn build(articles: &[&(i64, Language, &str, &str)]) -> KnowledgeIndex {
    let texts: Vec<String> = articles
        .iter()
        .map(|(_, _, _, body)| plain_text(body))
        .collect();
    KnowledgeIndex::build(
        articles
            .iter()
            .zip(&texts)
            .map(|((topic, language, title, _), text)| IndexedArticle {
                id: row_id(*topic, *language),
                language: *language,
                title,
                text,
                published: true,
            }),
    )
    .unwrap()
}

#[test]
fn clients_questions_find_their_article_among_three_suggestions() {
    let index = build(&ARTICLES.iter().collect::<Vec<_>>());
    for language in Language::ALL {
        let asked: Vec<_> = QUESTIONS.iter().filter(|q| q.0 == language).collect();
        let q = measure(&index, language, &asked);
        let recall = q.top3 as f64 / q.asked as f64;
        println!(
            "recall@3 {} {recall:.2} ({}/{} questions, {} articles)",
            language.code(),
            q.top3,
            q.asked,
            ARTICLES.iter().filter(|a| a.1 == language).count()
        );
        assert!(recall >= 0.75, "{}: recall@3 {recall:.2}", language.code());
    }
}

/// The harder check: the same help centre with eight look-alike articles per language, and
/// questions about both. Prints recall@1, recall@3 and MRR per language.
#[test]
fn look_alike_articles_do_not_push_the_right_one_out_of_the_suggestions() {
    let all: Vec<_> = ARTICLES.iter().chain(DISTRACTORS).collect();
    let index = build(&all);
    for language in Language::ALL {
        let asked: Vec<_> = QUESTIONS
            .iter()
            .chain(DISTRACTOR_QUESTIONS)
            .filter(|q| q.0 == language)
            .collect();
        let q = measure(&index, language, &asked);
        let n = q.asked as f64;
        println!(
            "with look-alikes {}: recall@1 {:.2} recall@3 {:.2} mrr {:.2} ({} questions, {} articles)",
            language.code(),
            q.first as f64 / n,
            q.top3 as f64 / n,
            q.reciprocal_rank / n,
            q.asked,
            all.iter().filter(|a| a.1 == language).count()
        );
        assert!(
            q.top3 as f64 / n >= 0.75,
            "{}: recall@3 {:.2} with look-alikes",
            language.code(),
            q.top3 as f64 / n
        );
    }
}
