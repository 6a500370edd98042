# Клиентский бот: меню
welcome = Здравствуйте, { $name }! Это служба поддержки. Чем можем помочь?
menu-new-request = ✍️ Новое обращение
menu-my-requests = 📋 Мои обращения
menu-help = ❓ Помощь
menu-language = 🌐 Язык
help-text = Пишите нам в любое время: нажмите «Новое обращение», выберите тему и опишите вопрос. Можно отправлять текст, фото, документы, голосовые сообщения и альбомы. У каждого обращения есть номер вида #1042; ответьте на сообщение об обращении, чтобы дополнить его.
choose-language = Выберите язык:
language-chosen = Теперь я буду отвечать по-русски.

# Клиентский бот: новое обращение
choose-topic = С чем связано ваше обращение?
write-question = Тема: { $topic }. Опишите вопрос одним сообщением: текст, фото, документ или голосовое сообщение.
ticket-created = Обращение { $number } создано. Обычно мы отвечаем в течение { $eta }.
ticket-created-out-of-hours = Обращение { $number } создано. Сейчас команда не на связи; мы ответим после { $opens }.
eta-minutes = { $minutes } мин
eta-hours = { $hours } ч

# Клиентский бот: несколько обращений
no-tickets = У вас пока нет обращений. Нажмите «Новое обращение», чтобы написать нам.
my-requests-title = Ваши обращения:
ticket-line = { $number } · { $topic } · { $status }
ticket-line-current = { $number } · { $topic } · { $status } (текущее)
switched-to = Следующие сообщения попадут в обращение { $number }.
which-ticket = У вас несколько открытых обращений. К какому относится это сообщение?
ticket-not-found = Обращение не найдено.
no-open-ticket = У вас нет открытых обращений. Нажмите «Новое обращение» или откройте прежнее в «Моих обращениях».
button-close = Закрыть { $number }
button-reopen = Открыть { $number } снова
button-switch = Писать в { $number }
button-new-request = ✍️ Новое обращение

# Статусы: одно слово для карточки, консоли, менеджер-бота и клиентского бота; только
# «ждём клиента» обращено к читателю ($audience: "client" в чате клиента).
status-new = новое
status-open = в работе
status-waiting_on_client = { $audience ->
        [client] ждём вашего ответа
       *[agents] ждём ответа клиента
    }
status-resolved = решено
status-closed = закрыто
priority-low = низкий
priority-normal = обычный
priority-high = высокий
priority-urgent = срочный
role-agent = агент
role-admin = администратор
role-owner = владелец

# Закрытие, повторное открытие, оценка
ticket-closed = Обращение { $number } закрыто.
ticket-reopened = Обращение { $number } снова открыто. Напишите ваше сообщение.
ticket-reopened-by-agent = Ваше обращение { $number } снова открыто службой поддержки. Мы напишем вам здесь.
rate-request = Как вы оцениваете нашу помощь по обращению { $number }?
rating-thanks = Спасибо! Можете добавить комментарий или нажать «Пропустить».
rating-comment-thanks = Спасибо за отзыв!
rating-already-given = Вы уже оценили обращение { $number }. Спасибо!
rating-ticket-open = Обращение { $number } снова открыто: оценить его можно будет после закрытия.
button-skip = Пропустить
ticket-already-closed = Обращение { $number } уже закрыто.

# Отказы и ограничения
blocked-notice = К сожалению, эта служба поддержки больше не может принимать ваши сообщения.
flood-notice = Вы отправляете сообщения быстрее, чем мы успеваем их читать. Всё, что вы пишете, сохраняется в вашем обращении, и агент ответит здесь — пожалуйста, подождите немного.
flood-summary = { $client } прислал(а) ещё сообщения ({ $count }) слишком быстро, чтобы пересылать их сюда; они сохранены в истории заявки — смотрите в консоли.
unsupported-message = Я не могу передать сообщение такого типа ({ $kind }). Пожалуйста, отправьте текст, фото, видео или документ.

# Ответы агентов глазами клиента
reply-signature = { $alias } · { $number }
default-alias = Поддержка

# Канал агентов: карточка обращения
card-title = { $number } · { $topic }
card-client = Клиент: { $client }
card-client-erased = Клиент: данные удалены по запросу
card-client-angry = 😠 Клиент раздражён: стоит подключить опытного агента
card-language = 🌐 Язык: { $language }
card-intent = 🏷 Распознано как { $topic } ({ $confidence } %)
card-status = Статус: { $status }
card-priority = Приоритет: { $priority }
card-assignee = Исполнитель: { $agent }
card-unassigned = Исполнитель: пока никто
card-opened = Создано: { $opened }
card-sla-due = Первый ответ до: { $due }
card-rating = Оценка: { $stars } { $comment }
card-client-blocked = ⛔ Клиент заблокирован: { $reason }
card-no-topic = Общее
button-take = 🙋 Взять
button-close-ticket = ✅ Закрыть
button-transfer = ↪️ Передать
button-reopen-ticket = 🔄 Открыть снова

# Сторона агентов: уведомления в ветке
taken-by = Взял(а) { $agent }.
not-an-agent = Это могут делать только агенты поддержки.
delivery-failed = ⚠️ Не доставлено клиенту: { $reason }
client-blocked-bot = ⚠️ Клиент заблокировал бота; ответы не могут быть доставлены.
client-edited = ✏️ Клиент отредактировал это сообщение.
ticket-closed-by = Закрыл(а) { $actor }.
ticket-reopened-by = Снова открыл(а) { $actor }.
client-rated = Клиент оценил обращение на { $stars }/5. { $comment }
client-blocked-by = ⛔ { $actor } заблокировал(а) клиента: { $reason }. Его сообщения сохраняются в истории обращения и не пересылаются.
client-unblocked-by = { $actor } разблокировал(а) клиента.
transfer-choose = Передать { $number }:
transferred-to = Передано: { $agent }.
staff-bot-only = Этот бот предназначен для команды поддержки. Если вам нужна помощь, напишите нашему боту поддержки.

# Sent once when the desk erased the client's personal data (docs/privacy.md).
privacy-erased-notice = По вашей просьбе служба поддержки удалила ваши персональные данные и содержимое ваших обращений. Если вы напишете снова, мы начнём с чистого листа.

## Подсказки из базы знаний до открытия обращения
kb-suggest-intro = Возможно, на ваш вопрос уже есть ответ:
kb-did-it-help = Это ответ на ваш вопрос?
kb-read = 📄 { $title }
kb-helped = ✅ Да, спасибо
kb-not-helped = 🙋 Нет, нужен сотрудник
kb-glad-it-helped = Рады, что помогло! Если появится что-то ещё, просто напишите.
kb-article-gone = Эта статья больше недоступна. Нажмите «Нет, нужен сотрудник», и мы вам ответим.
kb-already-answered = Вы уже ответили на этот вопрос. Напишите, если нужно что-то ещё.
kb-suggested-before = 📚 Перед открытием обращения клиенту показали: { $articles } — ответа на вопрос там не нашлось.
kb-thread-found = 📚 Статьи базы знаний по запросу «{ $query }» (вставьте ссылку в ответ):
kb-thread-nothing = 📚 Опубликованных статей по запросу «{ $query }» нет.

## Машинный перевод в ветке агентов (docs/translation.md)
translation-incoming = 🌐 Перевод с языка { $from }:
    { $text }
translation-incoming-edited = 🌐 Перевод с языка { $from }, после правки:
    { $text }
translation-incoming-failed = 🌐 Не переведено: { $why }.
translation-answer-sent = 🌐 Отправлено клиенту на языке { $to }:
    { $text }
translation-answer-confirm = 🌐 Перевод для клиента ({ $to }). Проверьте и отправьте его или ответ как написан:
    { $text }
translation-answer-failed = 🌐 Отправлено клиенту как написано, без перевода: { $why }.
translation-send-button = ✅ Отправить перевод
translation-as-written-button = ✍️ Отправить как написано
translation-decided-sent = 🌐 { $agent } отправил(а) перевод:
    { $text }
translation-decided-original = 🌐 { $agent } отправил(а) ответ как написан.
translation-risk-numbers = Числа не совпадают с ответом (нет: { $missing }; лишние: { $added }).
translation-risk-length = Длина перевода — { $percent } % от ответа: возможно, он обрезан или дополнен.
translation-risk-empty = Перевод пустой.
translation-unavailable = сервис перевода не ответил
translation-provider-quota = лимит аккаунта сервиса перевода исчерпан
translation-not-configured = настройки перевода требуют внимания администратора (ключ или адрес)
translation-too-long = текст слишком длинный для перевода
translation-unusable = ответ сервиса перевода нельзя использовать
translation-quota-spent = дневной лимит перевода исчерпан (сбросится в { $resets })
routed-to = Назначено на { $agent } маршрутизацией деска.
reassigned-on-breach = Первый ответ не отправлен вовремя: маршрутизация деска забрала тикет у { $from } и передала { $to }.
requeued-from = { $agent } отошёл(ла): тикет снова в очереди.
sla-breached-first-response = 🚨 Срок первого ответа ({ $due }) пропущен: администраторы уведомлены, приоритет теперь { $priority }.
sla-breached-resolution = 🚨 Срок решения ({ $due }) пропущен: администраторы уведомлены, приоритет теперь { $priority }.
sla-breached-next-reply = 🚨 Срок следующего ответа ({ $due }) пропущен: администраторы уведомлены, приоритет теперь { $priority }.

## Опрос после закрытия (docs/follow-up.md)
follow-up-effort = Насколько легко было решить обращение { $number }? 1 — очень трудно, 7 — очень легко.
follow-up-solved = Спасибо! Обращение { $number } действительно решено?
follow-up-solved-yes = ✅ Да
follow-up-solved-no = ❌ Нет
follow-up-thanks = Спасибо за ответ!
follow-up-already = Вы уже ответили, спасибо.
follow-up-effort-thread = 📝 Опрос: клиент оценил усилия на { $score }/7.
follow-up-not-solved-thread = ⚠️ Опрос: клиент говорит, что вопрос на самом деле не решён.
translation-edit-not-sent = ✏️ Этот ответ ушёл клиенту в переводе, поэтому правка не отправлена (она сохранена в истории). Чтобы исправить, напишите новое сообщение.

# Проактивные уведомления (docs/proactive-alerts.md).
proactive-milestone_not_confirmed = Этап «{ $milestone }» заказа { $order } всё ещё ждёт вашего подтверждения. Если с ним что-то не так, напишите нам здесь — мы поможем.
proactive-payment_stuck = Оплата заказа { $order } проходит дольше обычного. Ваши деньги в безопасности; мы разбираемся и сообщим, когда платёж пройдёт.
proactive-delivery_late = Заказ { $order } задерживается. Мы уточняем у курьера; пишите сюда, если что-то нужно.
proactive-dispute_opened = Другая сторона открыла спор по заказу { $order }. Ответьте здесь со своей стороны и приложите доказательства (скриншоты, файлы) — агент всё рассмотрит.
proactive-button-off = 🔕 Больше не присылать
proactive-button-on = 🔔 Снова присылать
proactive-off = Мы больше не будем присылать уведомления. Написать нам можно в любой момент.
proactive-on = Уведомления снова включены.
proactive-ticket-subject = Уведомление: { $type }
proactive-ticket-risk = Риск по оценке платформы: { $risk } %
