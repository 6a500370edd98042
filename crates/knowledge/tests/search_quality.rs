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

#[test]
fn clients_questions_find_their_article_among_three_suggestions() {
    let texts: Vec<String> = ARTICLES
        .iter()
        .map(|(_, _, _, body)| plain_text(body))
        .collect();
    let index = KnowledgeIndex::build(ARTICLES.iter().zip(&texts).map(
        |((topic, language, title, _), text)| IndexedArticle {
            id: row_id(*topic, *language),
            language: *language,
            title,
            text,
            published: true,
        },
    ))
    .unwrap();
    for language in Language::ALL {
        let asked: Vec<_> = QUESTIONS.iter().filter(|q| q.0 == language).collect();
        let mut found = 0;
        for (_, question, topic) in &asked {
            let hits = index
                .search(question, language, Audience::Clients, 3)
                .unwrap();
            if hits
                .iter()
                .any(|hit| hit.article == row_id(*topic, language))
            {
                found += 1;
            } else {
                println!("{} missed: {question:?} → {hits:?}", language.code());
            }
        }
        let recall = found as f64 / asked.len() as f64;
        println!(
            "recall@3 {} {recall:.2} ({found}/{} questions, {} articles)",
            language.code(),
            asked.len(),
            ARTICLES.iter().filter(|a| a.1 == language).count()
        );
        assert!(recall >= 0.75, "{}: recall@3 {recall:.2}", language.code());
    }
}
