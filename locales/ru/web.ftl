# The web console and its sign-in links.

# Ответы и заметки из веб-консоли, как их видят агенты в ветке
console-reply-mirror = ✉️ { $alias } (консоль): { $text }
console-note-mirror = 📝 { $alias } (консоль, внутренняя заметка): { $text }
login-link = Вход в веб-консоль: { $url }
    Ссылка одноразовая и действует { $minutes } мин.
