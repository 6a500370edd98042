## Self-service flows: the client bot's built-in buttons, notices and refusals, the flow editor.

## The console's flow editor (/admin/flows)
web-admin-flows = Сценарий
web-flows-title = Сценарий клиентского бота
web-flows-active = Клиенты проходят ревизию { $revision }, сохранённую { $when }.
web-flows-active-builtin = Клиенты проходят встроенный сценарий по умолчанию: ничего ещё не сохранено.
web-flows-note = Примечание
web-flows-check = Проверить
web-flows-save = Сохранить новой ревизией
web-flows-problems = { $errors ->
    [one] { $errors } ошибка
    [few] { $errors } ошибки
   *[other] { $errors } ошибок
 }, { $warnings ->
    [one] { $warnings } предупреждение
    [few] { $warnings } предупреждения
   *[other] { $warnings } предупреждений
}
web-flows-line = Строка
web-flows-severity = Вид
web-flows-message = Проблема
web-flows-error = ошибка
web-flows-warning = предупреждение
web-flows-preview = Что видит клиент
web-flows-preview-language = Язык
web-flows-preview-show = Показать
web-flows-preview-invalid = Исправьте ошибки, чтобы увидеть предпросмотр.
web-flows-button-human = Связаться с оператором
web-flows-button-back = Назад
web-flows-button-done = Готово
web-flows-button-yes = Да
web-flows-button-no = Нет
web-flows-history = История
web-flows-history-none = Ревизий пока нет.
web-flows-revision = Ревизия
web-flows-who = Кто сохранил
web-flows-who-cli = командная строка
web-flows-when = Когда
web-flows-current = действует
web-flows-restore = Восстановить
web-flows-error-intent = Выберите «Проверить» или «Сохранить».
web-flows-error-restore-invalid = Эта ревизия больше не проходит проверку, её нельзя восстановить.

## Клиентский бот в сценарии самообслуживания
flow-button-human = 🙋 Связаться с сотрудником
flow-button-back = ⬅️ Назад
flow-button-done = ✅ Готово
flow-button-yes = Да
flow-button-no = Нет
flow-rejected = { $code ->
    [not_a_number] Пришлите, пожалуйста, число.
    [not_a_whole_number] Пришлите, пожалуйста, целое число.
    [out_of_range] Это число вне допустимого диапазона.
    [pattern_mismatch] Это не в том формате, который мы ожидаем.
    [too_long] Слишком длинно: не больше { $max } символов.
    [empty] Напишите, пожалуйста, ответ.
    [not_an_option] Выберите, пожалуйста, одну из кнопок.
    [expected_media] Пришлите, пожалуйста, фото или документ.
    [expected_text] Ответьте, пожалуйста, текстом.
    [wrong_media_kind] Такой тип файла здесь не принимается.
    [too_many_files] Слишком много файлов: не больше { $max }.
    [not_enough_files] Пришлите, пожалуйста, хотя бы { $min } файла.
    [not_an_order_number] Это не похоже на номер заказа.
   *[other] Этот ответ не удалось принять.
 }
flow-media-received = Получено { $count } из { $max } возможных. Пришлите ещё или нажмите «Готово».
flow-outdated-button = Эта кнопка относится к предыдущему вопросу.
flow-changed = Наше меню за это время изменилось, поэтому начнём сначала.
flow-lookup-unavailable = Сейчас не получается проверить заказ { $order } на платформе. Сотрудник поддержки проверит его; всё, что вы написали, сохранено.
flow-handed-off = 📋 Открыто из сценария самообслуживания ({ $reason }). Ответы клиента:
flow-lookup-failed = ⚠️ Проверка заказа не удалась: { $reason }
flow-field-files = { $count ->
    [one] { $count } файл
    [few] { $count } файла
   *[other] { $count } файлов
 }

## The console's ticket page
web-ticket-fields = Ответы в форме

## The ticket card
card-form = 📋 Ответы в форме:

## The console's order lookup page (/admin/lookup)
web-admin-lookup = Проверка заказов
web-lookup-title = Проверка заказов на вашей платформе
web-lookup-intro = Клиентский бот спрашивает у вашей платформы о заказе, который назвал клиент, и показывает статус. Что получает и должна ответить платформа: docs/platform.md.
web-lookup-url = Шаблон URL
web-lookup-secret = Общий секрет
web-lookup-secret-set = Секрет задан; оставьте поле пустым, чтобы сохранить его.
web-lookup-secret-not-set = Секрет ещё не задан.
web-lookup-timeout = Тайм-аут (мс)
web-lookup-fields = Поля ответа, по одному в строке: имя = /json/pointer
web-lookup-template = Шаблон статуса
web-lookup-pattern = Шаблон номера заказа (необязательно)
web-lookup-save = Сохранить
web-lookup-remove = Удалить проверку
web-lookup-test-order = Номер заказа
web-lookup-test = Проверить
web-lookup-invalid = Не сохранено: { $problem }
web-lookup-secret-required = нужен общий секрет
web-lookup-no-key = у этого экземпляра нет ключа, чтобы зашифровать секрет
web-lookup-test-found = Платформа ответила; клиент прочитает: { $text }
web-lookup-test-not-found = Платформа не знает такого заказа (404).
web-lookup-test-invalid = Это не номер заказа, о котором стала бы спрашивать проверка (см. шаблон).
web-lookup-test-unavailable = Нечего показать: { $reason }
web-lookup-error-intent = Выберите «Сохранить», «Проверить» или «Удалить».
