# The web console and its sign-in links.

# Ответы и заметки из веб-консоли, как их видят агенты в ветке
console-reply-mirror = ✉️ { $alias } (консоль): { $text }
console-note-mirror = 📝 { $alias } (консоль, внутренняя заметка): { $text }
login-link = Вход в веб-консоль: { $url }
    Ссылка одноразовая и действует { $minutes } мин.

# Сообщения консоли о файлах и входе
console-file-too-big = Файл больше { $limit } МБ — столько Telegram позволяет боту скачать, поэтому консоль не может его открыть. Файл есть в ветке заявки в Telegram.
console-sign-in-throttled = Слишком много попыток входа. Попробуйте снова через { $seconds } с.
console-sign-in-foreign-origin = Запрос на вход пришёл с другого сайта и отклонён. Откройте ссылку для входа или страницу консоли заново.

# Страницы консоли. Слова статусов, приоритетов и ролей берутся из bot.ftl (status-*,
# priority-*, role-*), заголовки столбцов отчёта — из reports.ftl.

## Навигация и вход
web-nav-inbox = Входящие
web-nav-reports = Отчёты
web-nav-admin = Управление
web-log-out = Выйти
web-log-out-everywhere = Выйти на всех устройствах
web-back-to-inbox = Назад ко входящим
web-sign-in = Войти
web-sign-in-how = Отправьте /login менеджер-боту службы в Telegram: он ответит одноразовой ссылкой для входа.
web-sign-in-password-title = Администраторам: вход по паролю
web-sign-in-telegram-id = Telegram ID пользователя
web-sign-in-password = Пароль
web-sign-in-link-title = Вход в консоль
web-sign-in-link-note = Ссылка работает один раз и истекает через несколько минут после отправки.
web-sign-in-link-used = Эта ссылка уже использована или истекла. Отправьте /login менеджер-боту, чтобы получить новую.
web-sign-in-deactivated = Ваша учётная запись отключена.
web-sign-in-wrong-password = Неверный Telegram ID или пароль.
web-account = Учётная запись
web-account-who = { $name } · { $role } · Telegram ID { $id }
web-account-language = Консоль говорит на вашем языке из менеджер-бота ({ $language }); если он не задан — на языке браузера.

## Входящие и обращение
web-inbox = Входящие
web-inbox-count = { $count ->
        [one] { $count } обращение
        [few] { $count } обращения
       *[other] { $count } обращений
    }
web-subject = Тема
web-client = Клиент
web-status = Статус
web-priority = Приоритет
web-assignee = Исполнитель
web-opened = Создано
web-sla-badge = SLA
web-sla-breached = SLA нарушен
web-filter-active = Активные
web-filter-any-status = Любой статус
web-filter-any-topic = Любая тема
web-filter-any-priority = Любой приоритет
web-filter-anyone = Все
web-filter-me = Мои
web-filter-unassigned = Без исполнителя
web-filter-any-language = Любой язык
web-filter-any-sla = Любой SLA
web-filter-search = Поиск по сообщениям
web-filter-apply = Показать
web-assigned = Исполнитель: { $agent }
web-first-reply-due = первый ответ до { $due }
web-client-since = Язык: { $language } · с { $since }
web-client-writes = Пишет на языке: { $language }
web-client-blocked = Заблокирован: { $reason } ({ $at })
web-client-not-blocked = Не заблокирован
web-client-platform-fields = Поля платформы
web-client-tickets = Обращения
web-message-note = { $author } (внутренняя заметка)
web-message-edited = изменено
web-message-image = изображение
web-event-the-client = клиент
web-event-status = { $actor }: { $from } → { $to }
web-event-opened = Создал(а) { $actor }
web-event-assigned = { $actor } назначил(а) исполнителем { $agent }
web-reply-label = Ответ клиенту
web-reply-send = Отправить ответ
web-note-label = Внутренняя заметка (только для агентов)
web-note-add = Добавить заметку
web-actions = Действия
web-nobody = Никто
web-assign = Назначить
web-set-status = Сменить статус
web-set-priority = Сменить приоритет
web-tag-placeholder = тег
web-tag-action = Действие с тегом
web-tag-add = Добавить тег
web-tag-remove = Убрать тег
web-tag-apply = Применить
web-merge-placeholder = #дубликат
web-merge = Объединить с этим обращением
web-templates-picker = Шаблоны:

## Управление
web-admin-agents = Агенты
web-admin-topics = Темы
web-admin-hours = Часы и SLA
web-admin-templates = Шаблоны
web-admin-audit = Журнал действий
web-admin-bots-and-channel = Боты и канал
web-admin-client-bot = ID клиентского бота:
web-admin-channel = Канал агентов:
web-admin-group = Группа обсуждений:
web-admin-more-channel = Ещё канал { $channel }, группа { $group }
web-admin-more-channel-queue = Ещё канал { $channel }, группа { $group }, очередь { $queue }
web-admin-chat-missing = не задан
web-admin-outbox = Исходящие: { $waiting } в очереди, { $failed } не доставлено
web-admin-nothing-missing = Всё настроено.
web-admin-missing = Не хватает
web-admin-missing-channel = канала агентов (desk.channel_id): обращения не публикуются для агентов
web-admin-missing-group = группы обсуждений канала (desk.group_id): нет веток обращений
web-admin-missing-public-url = публичного адреса консоли (http.public_url): /login не может прислать ссылку
web-agents-name = Имя
web-agents-alias = Псевдоним
web-agents-role = Роль
web-agents-active = активен
web-agents-deactivated = отключён
web-agents-activate = Включить
web-agents-deactivate = Отключить
web-agents-set-role = Сохранить
web-agents-how-to-add = Агентов добавляют командой «ticketgram agent add» или в боте настроек.
web-topics-position = Порядок
web-topics-active = активна
web-topics-hidden = скрыта
web-minutes = { $minutes } мин
web-hours-title = Рабочие часы и цели SLA
web-hours-zone = Часовой пояс: { $zone }
web-hours-open = Служба сейчас работает.
web-hours-closed = Служба сейчас не работает; откроется { $opens }.
web-hours-first-reply = Первый ответ
web-hours-next-reply = Следующий ответ
web-hours-resolution = Решение
web-hours-how-to-change = Изменить их можно в боте настроек.
web-audit-when = Когда
web-audit-who = Кто
web-audit-action = Действие
web-audit-subject = Объект
web-audit-details = Подробности
web-templates-title = Шаблоны ответов
web-templates-none = Пока нет.
web-templates-add = Добавить или заменить шаблон
web-templates-language = Язык
web-templates-name = Название
web-templates-text = Текст
web-templates-save = Сохранить шаблон
web-templates-remove = Удалить
web-templates-note = Шаблон с тем же языком и названием заменяется. Обращения на языке без шаблонов получают английские.

## Отчёты
web-reports-from = С
web-reports-to = По
web-reports-show = Показать
web-reports-export-xlsx = Выгрузить XLSX
web-reports-export-csv = Выгрузить CSV
web-reports-zone = Рабочее время, часовой пояс { $zone }.
web-reports-per-agent = По агентам (закрыто)
web-reports-per-topic = По темам (создано)
web-reports-self-service = Самообслуживание
web-reports-self-service-none = В эти дни клиентам не предлагали статьи и никто не проходил сценарии.
web-reports-opened = создано
web-reports-closed = закрыто
web-reports-trend-label = Создано и закрыто по дням

## Прогноз и штат (Отчёты → Прогноз)
web-reports-forecast-link = Прогноз и штат
web-forecast-title = Прогноз и штат
web-forecast-zone = Местные дни и часы, часовой пояс { $zone }; по истории за { $days ->
        [one] { $days } день
        [few] { $days } дня
       *[other] { $days } дней
    }.
web-forecast-needs-days = Для прогноза нужна история ещё за { $days ->
        [one] { $days } день
        [few] { $days } дня
       *[other] { $days } дней
    }.
web-forecast-error = Типичная ошибка { $model } % (догадка «как в тот же час неделю назад»: { $naive } %).
web-forecast-error-worse = За последние две недели догадка «как в тот же час неделю назад» оказалась точнее прогноза: планируйте осторожно.
web-forecast-error-needs-days = Типичную ошибку можно будет измерить, когда история станет длиннее ещё на { $days ->
        [one] { $days } день
        [few] { $days } дня
       *[other] { $days } дней
    }.
web-forecast-error-none = За последние две недели обращений не было: ошибку измерить не на чем.
web-forecast-days = Следующие 14 дней
web-forecast-day = День
web-forecast-peak-agents = Больше всего агентов одновременно
web-forecast-agent-hours = Агенто-часы
web-forecast-staffing = Нужно агентов по часам
web-forecast-staffing-note = Агенты, отвечающие на обращения, без учёта перерывов; «–»: служба закрыта.
web-forecast-assumptions = Допущения
web-forecast-handling = Время обработки { $minutes } мин: медиана времени от первого ответа до решения по { $tickets } обращениям, решённым за последние 8 недель.
web-forecast-handling-assumed = Время обработки { $minutes } мин, принято по умолчанию: за последние 8 недель нет обращений, решённых после ответа.
web-forecast-target = Первый ответ в течение { $minutes } мин для { $percent } % обращений (цель службы для обычного приоритета).
web-forecast-target-default = Первый ответ в течение { $minutes } мин для { $percent } % обращений (у службы нет цели первого ответа; взято значение по умолчанию).
web-forecast-method = По часам на основе последних 8 недель (суточный и недельный ритм, праздники службы); в полосу попадают примерно 8 часов из 10. Агенты по формуле Эрланга C: обращения приходят случайно, у агента одно обращение за раз.
web-forecast-days-label = Ожидаемые обращения по дням
web-forecast-hours-label = Ожидаемые обращения по часам с полосой 80 %
web-weekday-mon = Пн
web-weekday-tue = Вт
web-weekday-wed = Ср
web-weekday-thu = Чт
web-weekday-fri = Пт
web-weekday-sat = Сб
web-weekday-sun = Вс

## Ошибки
web-error-title-bad-request = Не принято
web-error-title-unauthorized = Вход не выполнен
web-error-title-forbidden = Нет доступа
web-error-title-not-found = Не найдено
web-error-title-conflict = Уже изменено
web-error-title-too-big = Файл слишком большой
web-error-title-internal = Что-то пошло не так
web-error-unauthorized = Сначала войдите.
web-error-forbidden = Ваша роль не позволяет открыть эту страницу.
web-error-csrf = Форма устарела или отправлена не из консоли. Обновите страницу и попробуйте ещё раз.
web-error-not-found = Здесь ничего нет.
web-error-internal = Консоль не смогла это выполнить. Подробности — в журнале сервера.
web-error-replayed = Эта форма уже отправлена.
web-error-refused = Не получилось: { $reason }
web-error-unreadable-form = Не удалось прочитать форму.
web-error-unknown-filter = В одном из фильтров значение, которого входящие не знают.
web-error-unknown-agent = Такого агента нет.
web-error-agent-deactivated = Этот агент отключён.
web-error-taken-first = Это обращение уже взял кто-то другой.
web-error-unknown-status = Такого статуса нет.
web-error-unknown-priority = Такого приоритета нет.
web-error-bad-tag = Тег — одно слово без пробелов, до 64 символов.
web-error-bad-ticket-number = Это не номер обращения.
web-error-unknown-language = Такого языка нет.
web-error-template-incomplete = У шаблона должны быть название и текст.
web-error-deactivate-self = Нельзя отключить самого себя.
web-error-unknown-role = Такой роли нет.
web-error-own-role = Нельзя изменить собственную роль.
web-error-not-a-date = Даты пишутся так: 2026-11-02.
web-error-report-range = Выберите не больше года, сначала первый день.

# Privacy (docs/privacy.md): a client's export and erasure, the desk's retention period.
web-client-erased = Клиент удалён ({ $at })
web-client-export = Выгрузить данные (zip)
web-client-erase = Удалить клиента…
web-message-removed = (содержимое удалено)
web-erase-title = Удаление клиента
web-erase-tickets = Обращений: { $count }
web-erase-explain = Удаление стирает имя клиента, username, Telegram id и поля платформы, текст и файлы всех сообщений в его обращениях (включая ответы и заметки агентов), темы и комментарии к оценкам, а также удаляет его сообщения из тредов агентов. Открытые обращения закрываются. Сами обращения остаются и учитываются в отчётах. Клиенту сообщат об этом на его языке. Отменить нельзя: если клиент просил свои данные, сначала выгрузите их.
web-erase-confirm = Я понимаю, что это нельзя отменить
web-erase-button = Удалить клиента
web-erase-not-confirmed = Отметьте флажок, чтобы подтвердить удаление.
web-admin-privacy = Персональные данные
web-privacy-retention = Срок хранения
web-privacy-retention-now = Содержимое закрытых обращений хранится { $days } дн.
web-privacy-retention-none = Содержимое хранится, пока клиента не удалят (срок хранения не задан).
web-privacy-retention-help = Каждый час текст и файлы сообщений старше этого числа дней в закрытых обращениях удаляются вместе с темами и комментариями к оценкам; обращения по-прежнему учитываются в отчётах. Оставьте поле пустым, чтобы хранить всё.
web-privacy-retention-days = Дней
web-privacy-save = Сохранить
web-privacy-retention-invalid = Срок хранения — целое число дней от 1 до 36500 или пустое поле.

# Проверки настроек поиска заказа (консоль: Настройки → Поиск заказа).
lookup-config-no-order = Шаблон адреса должен содержать {"{"}order{"}"} там, где стоит номер заказа.
lookup-config-not-a-url = Шаблон адреса — не адрес ({ $why }).
lookup-config-scheme = Адрес должен начинаться с http:// или https://.
lookup-config-order-placement = {"{"}order{"}"} должен стоять в пути или параметрах адреса (не в имени хоста, порте или #фрагменте).
lookup-config-credentials = В адресе не должно быть имени пользователя или пароля: запросы подписываются секретом.
lookup-config-secret-short = Секрет должен быть не короче { $min } символов.
lookup-config-timeout = Тайм-аут должен быть от { $min } до { $max } мс.
lookup-config-field-name = Имя поля «{ $name }»: используйте буквы, цифры и _.
lookup-config-reserved-field = Имя поля «order» занято: {"{"}order{"}"} — это сам номер заказа.
lookup-config-duplicate-field = Поле «{ $name }» указано дважды.
lookup-config-pointer = Поле «{ $name }»: «{ $pointer }» — не JSON Pointer (он начинается с /, например /order/status).
lookup-config-empty-template = Шаблон статуса пуст.
lookup-config-unknown-placeholder = В шаблоне статуса есть {"{"}{ $name }{"}"}, а это не поле и не {"{"}order{"}"}.
lookup-config-pattern = Шаблон номера заказа — не регулярное выражение, которое можно использовать ({ $why }).

# Маршрутизация и присутствие (docs/routing.md)
web-admin-routing = Маршрутизация
web-routing-title = Маршрутизация и присутствие
web-routing-intro = Кто получает новый тикет, по очередям: manual (агенты нажимают «Взять»), round_robin, least_loaded или language_match, с необязательным лимитом открытых тикетов на агента. Отошедшие и не на смене не получают новых.
web-routing-rules = По строке на очередь: имя = стратегия[, cap N][, reassign][, lead Имя][, first M][, next M][, resolve M] (собственные цели очереди в рабочих минутах, строже целей приоритета); «default» — для тикетов без очереди
web-routing-save = Сохранить правила
web-routing-presence = Присутствие
web-routing-open = Открытых тикетов
web-routing-set = Установить
web-routing-hours = Свои рабочие часы
web-routing-hours-desk = как у деска (например, mon-fri 09:00-17:00)
web-routing-bad-hours = Это не похоже на рабочие часы: пишите, например, mon-fri 09:00-17:00; sat 10:00-14:00 (пусто — часы деска).
web-routing-presence-on_duty = На смене
web-routing-presence-away = Отошёл
web-routing-presence-off = Не на смене
web-routing-bad-line = Не сохранено: строка { $line } не в виде «имя = стратегия» или «имя = стратегия, cap N».
web-routing-bad-presence = Выберите: на смене, отошёл или не на смене.
web-reports-effort = Усилия клиента (опрос после закрытия)
web-reports-effort-none = За этот период ответов на опрос нет.
web-reports-effort-answers = Ответов
web-reports-effort-average = Средняя оценка (1 очень трудно – 7 очень легко)
web-reports-effort-easy = Легко (5–7)
web-reports-effort-not-solved = Ответили «не решено» (переоткрыто)
web-admin-follow-up = Опрос
web-follow-up-intro = После закрытия обращения клиента можно спросить, насколько легко было решить вопрос (1–7), и действительно ли он решён: «нет» переоткрывает обращение. Ответы — в отчётах.
web-follow-up-now = Включено: клиента спрашивают через { $minutes } мин после закрытия.
web-follow-up-off = Выключено: при закрытии клиента просят только оценить работу.
web-follow-up-enabled = Опрашивать после закрытия
web-follow-up-minutes = Минут после закрытия (0 — сразу)
web-follow-up-ask-solved = Спрашивать также «Вопрос действительно решён?» («нет» переоткрывает обращение)
web-follow-up-save = Сохранить
web-follow-up-bad-minutes = Укажите минуты целым числом от 0 до 43200 (30 дней).

# The desk switcher in the header, for people who work in several desks.
web-desk = Служба поддержки
web-desk-switch = Перейти
