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
