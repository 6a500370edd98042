# Реестр жалоб (docs/complaints.md): что говорят клиентам, в треде агентов, на карточке и в
# боте менеджера о жалобах и компенсациях.

complaint-acknowledged = Мы зарегистрировали вашу жалобу: { $category } (обращение { $number }). Мы ответим вам до { $promised }.

complaint-category-product_quality = качество товара
complaint-category-delivery = доставка
complaint-category-payment = оплата
complaint-category-service_attitude = отношение сотрудников
complaint-category-account = аккаунт
complaint-category-other = другое

complaint-severity-low = низкая
complaint-severity-medium = средняя
complaint-severity-high = высокая
complaint-severity-critical = критическая

complaint-reason-none = ничто не повысило
complaint-reason-upset = клиент расстроен
complaint-reason-angry = клиент зол
complaint-reason-threat = грозит внешними мерами
complaint-reason-high_value = ценный клиент
complaint-reason-high_reputation = высокая репутация
complaint-reason-repeat = жаловался за последние 30 дней
complaint-reason-public = сказано публично

compensation-kind-refund = возврат денег
compensation-kind-coupon = купон
compensation-kind-replacement = замена
compensation-kind-goodwill = жест доброй воли

card-complaint = 📣 Жалоба: { $category } · { $severity }

complaint-registered-thread = 📣 Зарегистрировано как жалоба: { $category }, серьёзность { $severity } ({ $reasons }).
complaint-category-thread = 📣 { $agent } перенёс жалобу в категорию «{ $category }».
complaint-severity-thread = 📣 { $agent } установил серьёзность «{ $severity }»: { $reason }
complaint-root-cause-thread = 📣 { $agent } записал первопричину.
complaint-resolution-thread = 📣 { $agent } записал решение.
compensation-approved-thread = 💶 { $agent } назначил компенсацию «{ $kind }» на { $amount }.
compensation-pending-thread = 💶 { $agent } предложил компенсацию «{ $kind }» на { $amount }: выше его лимита, ждёт одобрения.
compensation-decided-approved = 💶 { $agent } одобрил компенсацию «{ $kind }» на { $amount } по { $number }.
compensation-decided-rejected = 💶 { $agent } отклонил компенсацию «{ $kind }» на { $amount } по { $number }.

complaint-refused-not-a-complaint = Этот тикет ещё не жалоба: сначала напишите /complaint.
complaint-refused-category = Такой категории жалоб в службе нет.
complaint-refused-note = Напишите текст (не длиннее 2000 символов); для /severity — уровень (low, medium, high, critical) и причину.
complaint-refused-compensation = Напишите /compensate ВИД СУММА [заметка]: ВИД — refund, coupon, replacement или goodwill, СУММА — например 20 или 20.50.
complaint-refused-decided = По этой компенсации уже принято решение.
complaint-refused-limit = Сумма выше вашего собственного лимита одобрения.

manager-compensation-approve = 💶 Нужно одобрение по { $number }: { $agent } предлагает компенсацию «{ $kind }» на { $amount }.
    { $note }
manager-button-approve = ✅ Одобрить
manager-button-reject = ❌ Отклонить
manager-compensation-approved = Одобрено.
manager-compensation-rejected = Отклонено.
manager-approvals-none = Нет компенсаций, ожидающих одобрения.
manager-approvals-title = Ждут одобрения:
manager-approvals-line = { $number } · { $kind } { $amount } · { $agent }

# Консоль.
web-nav-complaints = Жалобы
web-admin-complaints = Жалобы
web-complaint = Жалоба
web-complaint-none = Не зарегистрировано как жалоба.
web-complaint-category = Категория
web-complaint-category-guess = По словам клиента
web-complaint-register = Зарегистрировать как жалобу
web-complaint-computed = Рассчитано: { $severity } ({ $reasons })
web-complaint-adjusted = Изменено агентом: { $reason }
web-complaint-public = Написано публично в «{ $chat }»:
web-complaint-public-placeholder = Пусто — стандартное подтверждение с кнопкой перехода в бота
web-complaint-public-answer = Ответить публично
web-complaint-promised = Ответ обещан до { $at }
web-complaint-move = Перенести
web-complaint-severity = Серьёзность
web-complaint-reason = Причина
web-complaint-set-severity = Задать серьёзность
web-complaint-root-cause = Первопричина
web-complaint-resolution = Решение
web-complaint-save-notes = Сохранить
web-compensations = Компенсация
web-compensations-none = Ничего не назначено.
web-compensation-pending = ждёт одобрения
web-compensation-approved = одобрено
web-compensation-rejected = отклонено
web-compensation-approve = Одобрить
web-compensation-reject = Отклонить
web-compensation-kind = Вид
web-compensation-note = Заметка
web-compensation-propose = Предложить
web-complaints = Реестр жалоб
web-complaints-bad-filter = Неизвестная категория или серьёзность.
web-complaints-from = С
web-complaints-to = по
web-complaints-any-category = Любая категория
web-complaints-any-severity = Любая серьёзность
web-complaints-show = Показать
web-complaints-totals = Жалоб: { $count } · одобрено компенсаций на { $approved } · ждут одобрения: { $pending }
web-complaints-ticket = Тикет
web-complaints-registered = Зарегистрирована
web-complaints-settings-intro = У жалобы есть категория, серьёзность, которую рассчитывает служба (тон, угрозы, ценность и репутация клиента, повторы за 30 дней, публичность) и которую агент может изменить с причиной, первопричина и решение. Компенсация выше лимита роли ждёт одобрения.
web-complaints-settings-recognise = Регистрировать новые обращения, похожие на жалобы
web-complaints-settings-acknowledge = Сообщать клиенту, что жалоба зарегистрирована и когда будет ответ
web-complaints-settings-promise = Ответ обещан в течение (рабочих часов)
web-complaints-settings-categories = Категории, по одной в строке (строчные латинские буквы, цифры, _)
web-complaints-settings-currency = Валюта (код ISO)
web-complaints-settings-agent-limit = Агент решает сам до
web-complaints-settings-admin-limit = Администратор решает сам до (пусто: любая сумма)
web-complaints-settings-value = Ценность клиента: атрибут и порог
web-complaints-settings-reputation = Репутация клиента: атрибут и порог
web-complaints-settings-save = Сохранить
web-complaints-settings-bad-category = Категория — строчные латинские буквы, цифры и _ (до 32).
web-complaints-settings-bad-categories = Укажите от 1 до 30 категорий.
web-complaints-settings-duplicate-category = Категория указана дважды.
web-complaints-settings-bad-limit = Лимит — сумма, например 50 или 50.00.
web-complaints-settings-bad-limits = Лимит администратора не может быть ниже лимита агента.
web-complaints-settings-bad-threshold = Порог — это число.
web-complaints-settings-bad-promise = Обещанное время — от 1 до 720 рабочих часов.
web-complaints-settings-bad-currency = Валюта — трёхбуквенный код, например EUR.

# Настройки проактивных уведомлений.
web-admin-alerts = Уведомления
web-alerts-intro = Платформа сообщает о событиях (POST /api/v1/events): клиентский бот пишет клиенту первым, не больше заданного числа раз в день и никогда после «Больше не присылать»; начиная с указанного риска событие также открывает тикет.
web-alerts-built-in = Встроенные типы событий и нужные им данные
web-alerts-per-day = Не больше уведомлений клиенту в день
web-alerts-ticket-from = Открывать тикет начиная с риска (0-100; пусто: только если событие просит)
web-alerts-custom = Свои типы и тексты, по одному в строке: тип = текст или тип.ru = текст для одного языка; {"{"}поле{"}"} заполняется из данных события
web-alerts-save = Сохранить
web-alerts-bad-per-day = Уведомлений в день: целое число от 0 до 20.
web-alerts-bad-risk = Риск — целое число от 0 до 100.
web-alerts-bad-line = Строка должна иметь вид тип = текст (тип: строчные латинские буквы, цифры, _; можно .en, .ru, .zh или .de).
web-reports-complaints-none = За этот период жалоб не зарегистрировано.
web-reports-complaints-total = Жалоб
web-reports-complaints-change = Последние 7 дней к 7 предыдущим

## Публичные жалобы (docs/public-complaints.md)
card-public = 📢 Публично: { $chat } · { $link }
card-public-waiting = 📢 Публично: { $chat } · { $link } · ещё не открыл бота
public-answer-default = Спасибо, что сообщили, и простите за это. Мы открыли обращение { $number } и разберёмся с вами в личных сообщениях: нажмите кнопку ниже.
public-answer-button = Продолжить в личных сообщениях
public-answered-thread = 📢 Публичный ответ в «{ $chat }»: { $text }
public-answer-held = ⏸ Пока не отправлено: клиент ещё не открыл бота после сообщения в «{ $chat }», а Telegram не позволяет боту писать первым. Ответ уйдёт, как только клиент откроет бота; /public ответит там, где он написал.
public-refused-not-public = Это обращение пришло не из публичного чата: публично ответить негде.
public-refused-too-long = Публичный ответ — не больше 1000 символов: коротко, а подробности в личных сообщениях.
public-joined = Здравствуйте! Это о вашем сообщении в «{ $chat }»: обращение { $number }. Пишите здесь, команда вам ответит.
settings-public-watched = Теперь я замечаю жалобы в «{ $title }»: сообщение, похожее на жалобу, становится обращением, а в чате появляется ответ с кнопкой перехода в бота. /public — список чатов.
settings-public-unwatched = Я больше не слежу за жалобами в «{ $title }».
settings-public-title = Публичные чаты, где бот замечает жалобы:
settings-public-none = Пока нет. Добавьте клиентского бота администратором в публичную группу или в группу обсуждения публичного канала.
settings-public-line = • { $title } { $place }
settings-public-stop-button = Перестать следить за «{ $title }»
settings-public-answer-automatic = На жалобу сразу отвечаем публично стандартным подтверждением.
settings-public-answer-by_agents = Публично отвечаем, только когда агент напишет /public в ветке обращения.
settings-public-switch-button = Изменить, как отвечать на жалобы
