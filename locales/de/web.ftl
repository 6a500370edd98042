# The web console and its sign-in links.

# Antworten und Notizen aus der Web-Konsole, wie Agenten sie im Thread sehen
console-reply-mirror = ✉️ { $alias } (Konsole): { $text }
console-note-mirror = 📝 { $alias } (Konsole, interne Notiz): { $text }
login-link = Anmeldung an der Web-Konsole: { $url }
    Der Link gilt einmal und läuft in { $minutes } Minuten ab.
