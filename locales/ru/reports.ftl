# Подписи отчёта (XLSX) и его выгрузок CSV: названия листов, заголовки столбцов, названия
# диаграмм. Название листа — не длиннее 31 символа и без : \ / ? * [ ].

report-sheet-summary = Сводка
report-sheet-agents = Агенты
report-sheet-topics = Темы
report-sheet-trend = По дням
report-sheet-topic-trend = Темы по дням
report-section = Раздел
report-metric = Показатель
report-value = Значение
report-desk = Служба поддержки
report-first-day = Первый день
report-last-day = Последний день
report-time-zone = Часовой пояс
report-agent = Агент
report-topic = Тема
report-date = Дата
report-created = Создано
report-taken = Взято
report-closed = Закрыто
report-still-open = Ещё открыто
report-first-reaction-median = Медиана первой реакции (мин)
report-first-reaction-p90 = P90 первой реакции (мин)
report-first-reaction-within = Первая реакция в срок (%)
report-resolution-median = Медиана решения (мин)
report-resolution-p90 = P90 решения (мин)
report-resolution-within = Решено в срок (%)
report-ratings = Оценок
report-rating-average = Средняя оценка
report-share-created = Доля созданных (%)
report-unassigned = Не назначено
report-no-topic = Без темы
report-chart-summary = Заявки за период
report-chart-agents = Взятые и закрытые заявки по агентам
report-chart-topics = Созданные заявки по темам
report-chart-trend = Заявки по дням
report-chart-topic-trend = Новые заявки по дням и темам

# The forecast workbook and CSV (console: Reports → Forecast).
forecast-sheet-hours = Прогноз
forecast-sheet-assumptions = Допущения
forecast-hour = Час
forecast-expected = Ожидается обращений
forecast-lower = Нижняя граница (80%)
forecast-upper = Верхняя граница (80%)
forecast-open = Рабочее время
forecast-open-yes = открыто
forecast-open-no = закрыто
forecast-agents = Нужно агентов
forecast-chart = Ожидаемые обращения и нужные агенты по часам
forecast-handling-min = Время обработки (мин)
forecast-handling-measured-on = Решённых обращений в замере
forecast-target-min = Цель первого ответа (мин)
forecast-service-level = Доля ответов в пределах цели (%)
forecast-error-model = Типичная ошибка прогноза (%)
forecast-error-naive = Типичная ошибка «как час неделю назад» (%)
