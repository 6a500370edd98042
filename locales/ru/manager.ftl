# The manager bot: the agents' queue, tickets, transfers, blocks, templates, notifications.
login-unavailable = Вход в веб-консоль на этом деске пока недоступен.
login-refused = Ссылки для входа в веб-консоль выдаются только агентам поддержки.
manager-agents-only = Эта команда только для агентов поддержки.
manager-admins-only = Это могут делать только администраторы деска.
manager-help = Здравствуйте, { $name }! Ваш деск отсюда:
    /my — открытые тикеты, назначенные вам
    /queue — тикеты без агента, сначала старые
    /ticket N — тикет кратко
    /transfer N — передать тикет другому агенту
    /block КТО ПРИЧИНА — заблокировать клиента (КТО: Telegram id, @username или ticket N)
    /unblock КТО — снять блокировку
    /clients [поиск] — найти клиентов
    /templates — шаблоны ответов, копируются одним нажатием
    /duty, /away, /off — принимать новые тикеты или нет (away и off возвращают ваши неотвеченные в очередь)
    /myhours mon-fri 09:00-17:00 — ваши рабочие часы: вне их новых тикетов нет (/myhours desk — часы деска)
manager-help-admin = Для администраторов:
    /template add ИМЯ | ТЕКСТ — добавить или заменить шаблон на вашем языке
    /template remove ИМЯ — удалить шаблон
    /report day|week|month — отчёт деска в Excel и CSV
    /approvals — компенсации, ждущие вашего одобрения
manager-no-such-ticket = Тикета { $number } нет.
manager-my-empty = На вас не назначено открытых тикетов.
manager-my-title = Ваши открытые тикеты ({ $count }):
manager-queue-empty = Очередь пуста: у каждого открытого тикета есть агент.
manager-queue-title = Ждут агента ({ $count }), сначала старые:
manager-button-take = Взять { $number }
manager-taken = { $number } теперь ваш. { $link }
manager-already-taken = У { $number } уже есть агент.
manager-ticket-line = { $number } · { $topic } · { $status } · { $opened }
    { $subject }
manager-ticket-usage = Какой тикет? Например: /ticket 1042
manager-sla-first-response = Первый ответ: { $state }
manager-sla-next-reply = Следующий ответ: { $state }
manager-sla-resolution = Решение: { $state }
manager-sla-met = выполнено за { $took }
manager-sla-pending = срок { $due } (осталось { $remaining })
manager-sla-at-risk = под угрозой, срок { $due } (осталось { $remaining })
manager-sla-breached = просрочено, срок { $due } (на { $by })
manager-duration = { $hours } ч { $minutes } мин
manager-ticket-messages = Последние сообщения:
manager-ticket-history = История:
manager-from-client = клиент
manager-from-agent = агент
manager-from-note = заметка
manager-media = [медиа]
manager-actor-system = Ticketgram
manager-event-assigned = назначен
manager-event-priority_changed = приоритет изменён
manager-event-rated = оценён
manager-event-tag_added = тег добавлен
manager-event-tag_removed = тег удалён
manager-event-other = изменён
manager-transfer-usage = Какой тикет? Например: /transfer 1042
manager-ticket-finished = { $number } уже завершён.
manager-transfer-nobody = Нет другого активного агента для передачи.
manager-transfer-impossible = { $number } уже нельзя передать этому агенту.
manager-transferred = { $number } передан агенту { $agent }.
manager-block-usage = Кого и почему? Например: /block @username спам, /block ticket 1042 оскорбления, /block 123456789 спам
manager-unblock-usage = Кого? Например: /unblock @username или /unblock ticket 1042
manager-no-such-client = Клиент { $who } не найден.
manager-already-blocked = { $client } уже заблокирован.
manager-blocked = { $client } заблокирован. Причина: { $reason }
manager-not-blocked = { $client } не заблокирован.
manager-unblocked = { $client } снова может писать в поддержку.
manager-notify-new-ticket = Новый тикет { $number } · { $topic }
    От { $client }
    { $subject }
manager-notify-transferred = { $by } передал(а) вам { $number }.
    { $subject }
    { $link }
manager-notify-client-replied = Клиент { $client } написал в { $number }: { $text }
    { $link }
manager-notify-client-burst = Клиент { $client } написал в { $number } несколько сообщений ({ $count }), первое: { $text }
    { $link }
manager-notify-sla-first-response = ⏰ { $number } ждёт первого ответа до { $due }.
    { $subject }
    { $link }
manager-notify-sla-next-reply = ⏰ { $number }: клиент написал снова и ждёт ответа до { $due }.
    { $subject }
    { $link }
manager-notify-sla-resolution = ⏰ { $number } нужно решить до { $due }.
    { $subject }
    { $link }
manager-clients-none = Клиентов по запросу «{ $query }» нет.
manager-clients-title = Клиенты: { $total } (страница { $page } из { $pages })
manager-clients-blocked = — заблокирован: { $reason }
manager-templates-empty = На вашем языке шаблонов пока нет.
manager-templates-title = Шаблоны ответов — нажмите, чтобы скопировать, и вставьте в ответ:
manager-template-copy = 📋 { $name }
manager-template-usage = Например: /template add refund | Возврат занимает 3–5 рабочих дней.  или  /template remove refund
manager-template-too-long = Шаблон может быть не длиннее { $limit } символов (столько Telegram копирует одним нажатием).
manager-template-saved = Шаблон «{ $name }» сохранён.
manager-template-removed = Шаблон «{ $name }» удалён.
manager-template-unknown = Шаблона «{ $name }» на вашем языке нет.
manager-report-usage = За какой период? /report day, /report week или /report month
manager-report-caption = Отчёт деска { $first } – { $last } ({ $zone })
manager-notify-routed = { $number } — ваш (маршрутизация деска): { $client } — { $subject }
    { $link }
manager-presence-on_duty = Вы на смене: новые тикеты могут приходить вам.
manager-presence-away = Вы отошли: новых тикетов нет; неотвеченных возвращено в очередь: { $requeued }.
manager-presence-off = Вы не на смене: новых тикетов нет; неотвеченных возвращено в очередь: { $requeued }.
manager-presence-same = Ничего не изменилось: так уже было.
manager-nobody = никто
manager-notify-sla-breached-first-response = 🚨 { $number }: срок первого ответа пропущен ({ $due }). Ответственный: { $owner }; приоритет теперь { $priority }.
    { $subject }
    { $link }
manager-notify-sla-breached-next-reply = 🚨 { $number }: срок следующего ответа пропущен ({ $due }). Ответственный: { $owner }; приоритет теперь { $priority }.
    { $subject }
    { $link }
manager-notify-sla-breached-resolution = 🚨 { $number }: срок решения пропущен ({ $due }). Ответственный: { $owner }; приоритет теперь { $priority }.
    { $subject }
    { $link }

# Наблюдение за всплесками (docs/trends.md).
spike-series-all = Все обращения
spike-series-complaint = Жалобы: { $category }
spike-alert = 📈 Всплеск — { $series }: { $latest } новых за последний час, обычно { $baseline } (×{ $ratio }). Например: { $examples }
spike-alert-new = 📈 Всплеск — { $series }: { $latest } новых за последний час, обычно ни одного. Например: { $examples }
manager-hours-own = Ваши рабочие часы: { $hours } (время деска). Вне их маршрутизация не даёт вам новых тикетов.
manager-hours-desk = Вы работаете по часам деска.
manager-hours-set = Сохранено. Вне этих часов маршрутизация не даёт вам новых тикетов; /myhours desk вернёт часы деска.
manager-hours-bad = Это не похоже на рабочие часы ({ $problem }). Например: /myhours mon-fri 09:00-17:00; sat 10:00-14:00
