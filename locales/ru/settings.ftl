# The settings bot: first-run setup and the desk configuration (owner and admins).

settings-help =
    Настройки Ticketgram. Команды:
    /status — что настроено и чего ещё не хватает
    /bots — токены клиентского и менеджерского ботов
    /agents — команда: добавить, удалить, роли, псевдонимы
    /topics — темы обращений
    /hours — часовой пояс и рабочие часы
    /holidays — нерабочие дни
    /sla — целевое время: первая реакция, следующий ответ, решение
    /welcome — приветствие клиентского бота
    /offhours — сообщение в нерабочее время
    /blocknotice — что видит заблокированный клиент
    /public — публичные группы и комментарии каналов, где бот замечает жалобы
    /channels — каналы агентов, между которыми распределяются обращения
    /cancel — прервать текущий шаг
    Чтобы подключить канал агентов и его группу обсуждения, добавьте бота туда администратором.
settings-refused = Извините, это доступно только администраторам.
settings-unknown = Я не понял. /help покажет, что я умею.
settings-cancelled = Отменено.

settings-setup-send-code = Пришлите код настройки, который Ticketgram напечатал при запуске (вида 1234-5678).
settings-setup-claimed = Добро пожаловать, { $name }! Теперь вы владелец этой службы поддержки. Отправьте /status, чтобы увидеть, что осталось настроить.
settings-setup-wrong-code = Это неверный код настройки.
settings-setup-locked = Слишком много неверных кодов. Перезапустите Ticketgram, чтобы получить новый код.

settings-agents-title = Команда:
settings-agents-line = • { $name } — псевдоним: { $alias }, роль: { $role }
settings-agents-alias-button = { $name }: псевдоним
settings-agents-role-button = { $name }: роль
settings-agents-remove-button = { $name }: удалить
settings-agents-add-button = Добавить агента
settings-agents-gone = Этого человека уже нет в команде.
settings-agents-removed = { $name } больше не в команде; доступ закрыт.
settings-agents-role-set = { $name } теперь { $role }.
settings-agents-ask-alias = Пришлите имя, которое клиенты увидят в ответах { $name } (или «-», чтобы убрать).
settings-agents-pick-button = Выбрать агента
settings-agents-ask-new = Перешлите мне сообщение нового агента, поделитесь его контактом или нажмите кнопку ниже.
settings-agents-not-a-person = Я не нашёл в сообщении человека. Перешлите его сообщение, поделитесь контактом или нажмите кнопку.
settings-agents-contact-without-account = У этого контакта нет аккаунта Telegram.
settings-agents-forward-hidden = Настройки приватности скрывают автора сообщения. Поделитесь контактом или нажмите кнопку.
settings-agents-already = { $name } уже в команде.
settings-agents-added = { $name } теперь в команде. Ему нужно также вступить в канал агентов и его группу обсуждения.
settings-agents-bad-alias = Псевдоним — от 1 до 32 символов.
settings-agents-alias-set = Псевдоним: { $alias }.

settings-bots-title = Боты этой службы:
settings-bots-line = • @{ $username } — { $role }
settings-bots-one-for-all = Этот бот выполняет все роли (клиенты, агенты, настройки).
settings-bots-client-button = Клиентский бот
settings-bots-manager-button = Менеджерский бот
settings-bots-helper-button = Добавить бота-помощника
settings-bots-ask-token = Вставьте токен бота из @BotFather. Я сразу удалю ваше сообщение.
settings-bots-token-unasked = Я удалил токен из чата. Сначала выберите в /bots, для какого он бота.
settings-bots-no-key = Этот экземпляр не может хранить токены: у него нет секретного ключа.
settings-bots-telegram-down = Telegram не ответил. Вставьте токен ещё раз через минуту.
settings-bots-token-refused = Telegram отклонил этот токен. Проверьте его в @BotFather.
settings-bots-token-is-settings = Это токен самого этого бота.
settings-bots-token-taken = Этот бот принадлежит другой службе.
settings-bots-token-stored = @{ $username } теперь { $role }-бот. Он запустится через несколько секунд.
settings-bots-helper-stored = @{ $username } теперь помогает публиковать сообщения клиентов в группах агентов. Сделайте его администратором каждой группы обсуждения (ему нужно только право отправлять сообщения).
settings-bots-not-a-token = Это не похоже на токен бота. Вставьте его так, как показывает @BotFather, или отправьте /cancel.

settings-link-removed = Меня удалили из «{ $title }»: обращения больше не дойдут туда до агентов.
settings-link-channel-and-group = «{ $title }» теперь канал агентов, вместе с группой обсуждения.
settings-link-channel = «{ $title }» теперь канал агентов. Теперь добавьте меня администратором в его группу обсуждения.
settings-link-group-not-discussion = «{ $title }» не привязана к каналу. Выберите её в настройках канала в разделе «Обсуждение» и добавьте меня снова.
settings-link-group-channel-first = «{ $title }» принадлежит каналу, где меня нет. Сначала добавьте меня в этот канал администратором.
settings-link-group = «{ $title }» теперь группа обсуждения агентов.
settings-shard-channel = «{ $title }» теперь ещё один канал агентов. Добавьте меня администратором в его группу обсуждения: тогда новые обращения будут распределяться между каналами.
settings-shard-linked = «{ $title }» и его группа обсуждения теперь принимают новые обращения наравне с другими каналами, сначала наименее загруженный. /channels покажет список.
settings-shard-removed = Меня удалили из «{ $title }»: новые обращения пойдут в другие каналы, его заявки остаются на месте.
settings-shards-none = Канал агентов ещё не подключён. Добавьте меня администратором в канал и его группу обсуждения.
settings-shards-title = Каналы агентов (новое обращение идёт в наименее загруженный):
settings-shards-line = { $number }. канал { $channel }: все обращения
settings-shards-line-queue = { $number }. канал { $channel }: только очередь «{ $queue }»
settings-shards-line-no-group = { $number }. канал { $channel }: ждёт свою группу обсуждения
settings-shards-how = «/channels 2 vip» оставит канал 2 для очереди vip, «/channels 2 all» откроет его для всех обращений, «/channels 2 remove» отключит его. Чтобы добавить канал, добавьте меня в ещё один канал и его группу.
settings-shards-which = Какой канал? Отправьте /channels, чтобы увидеть номера (первый канал здесь не меняется).
settings-right-post-messages = публиковать сообщения
settings-right-edit-messages = редактировать сообщения
settings-right-administrator = быть администратором (чтобы читать комментарии агентов и отвечать в ветках)
settings-rights-all-present = Там у меня есть все нужные права.
settings-rights-missing = Не хватает прав: мне нужно { $rights }.

settings-status-title = Состояние службы:
settings-status-ready = Всё необходимое настроено: можно запускаться.
settings-status-not-ready = { $count ->
    [one] До запуска не хватает { $count } пункта.
   *[other] До запуска не хватает пунктов: { $count }.
}
settings-status-owner = Владелец: { $name }
settings-status-owner-missing = Нет владельца: никто не может настраивать службу.
settings-status-client-bot = Клиентский бот: { $bot }
settings-status-manager-bot = Менеджерский бот: { $bot }
settings-status-this-bot = этот бот (один бот выполняет все роли)
settings-status-channel = Канал агентов: подключён.
settings-status-channel-missing = Канал агентов: нет. Туда публикуются обращения; добавьте клиентского бота в закрытый канал администратором.
settings-status-channel-unreachable = Канал агентов: клиентский бот его не видит. Добавьте его в канал администратором.
settings-status-group = Группа обсуждения: подключена.
settings-status-group-missing = Группа обсуждения: нет. Агенты отвечают в её ветках комментариев; привяжите группу к каналу и добавьте туда клиентского бота администратором.
settings-status-group-not-linked = Группа обсуждения: не привязана к каналу агентов. Выберите её в разделе «Обсуждение» в настройках канала.
settings-status-group-unreachable = Группа обсуждения: клиентский бот её не видит. Добавьте его в группу администратором.
settings-status-agents = Агентов: { $count }
settings-status-agents-missing = Агентов пока нет. Кто-то должен отвечать на обращения; добавьте агентов через /agents.
settings-status-topics = Тем: { $count }
settings-status-topics-missing = Тем нет (необязательно). Клиентов не спрашивают, о чём обращение; добавьте темы через /topics.
settings-status-hours = Рабочие часы: заданы ({ $zone }).
settings-status-hours-missing = Рабочие часы: не заданы (необязательно). Служба считается открытой круглосуточно и не отправляет сообщение в нерабочее время; задайте их через /hours.
settings-status-sla = Целевое время ответа: задано.
settings-status-sla-missing = Целевое время ответа: по умолчанию (необязательно); задайте своё через /sla.

settings-hours-ask =
    Сейчас: { $zone }, { $schedule }.
    Пришлите часовой пояс и расписание недели, например:
    Europe/Moscow mon-fri 09:00-18:00; sat 10:00-14:00
settings-hours-invalid = Не удалось разобрать: { $error }
settings-hours-set = Рабочие часы: { $zone }, { $schedule }.
settings-holidays-ask =
    Нерабочие дни сейчас: { $dates }.
    Пришлите даты, когда служба закрыта, например: 2026-12-31, 2027-01-01 (или «-», чтобы очистить).
settings-holidays-invalid = «{ $date }» — не дата вида 2026-12-25.
settings-holidays-set = Нерабочие дни: { $dates }.

settings-sla-ask =
    Сейчас (приоритет, первая реакция, следующий ответ и решение, в рабочих минутах):
    { $current }
    Пришлите строки, которые нужно изменить, например: urgent 15 30 240 («-» — без цели).
settings-sla-invalid = Не удалось разобрать «{ $line }». Пишите: приоритет, минуты до первой реакции, до следующего ответа, до решения.
settings-sla-set =
    Цели заданы:
    { $current }

settings-topics-title = Темы в том порядке, в каком их видят клиенты:
settings-topics-line = { $position }. { $name } — приоритет { $priority }
settings-topics-up-button = ↑ { $name }
settings-topics-priority-button = { $name }: приоритет
settings-topics-remove-button = { $name }: удалить
settings-topics-add-button = Добавить тему
settings-topics-ask = Пришлите название темы на каждом языке, например: en: Payments | ru: Платежи
settings-topics-invalid = Пишите названия так: en: Payments | ru: Платежи (каждый язык один раз).

settings-texts-welcome-choose = Приветствие на каком языке изменить?
settings-texts-offhours-choose = Сообщение в нерабочее время на каком языке изменить?
settings-texts-welcome-ask =
    Приветствие ({ $language }) сейчас: { $current }
    Пришлите новое приветствие или «-» для стандартного. { "{ $name }" } заменяется именем клиента.
settings-texts-offhours-ask =
    Сообщение в нерабочее время ({ $language }) сейчас: { $current }
    Пришлите новый текст или «-» для стандартного. { "{ $opens }" } заменяется временем открытия, { "{ $number }" } — номером обращения.
settings-texts-invalid = Текст должен быть от 1 до 2000 символов.
settings-texts-welcome-set = Приветствие ({ $language }) сохранено.
settings-texts-offhours-set = Сообщение в нерабочее время ({ $language }) сохранено.
settings-texts-blocked-choose = Сообщение для заблокированных клиентов на каком языке изменить?
settings-texts-blocked-ask =
    Сообщение для заблокированных клиентов ({ $language }) сейчас: { $current }
    Пришлите новое сообщение или «-» для стандартного. Пишите нейтрально: причина блокировки — только для агентов.
settings-texts-blocked-set = Сообщение для заблокированных клиентов ({ $language }) сохранено.
