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
