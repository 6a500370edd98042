# The web console and its sign-in links.

# Antworten und Notizen aus der Web-Konsole, wie Agenten sie im Thread sehen
console-reply-mirror = ✉️ { $alias } (Konsole): { $text }
console-note-mirror = 📝 { $alias } (Konsole, interne Notiz): { $text }
login-link = Anmeldung an der Web-Konsole: { $url }
    Der Link gilt einmal und läuft in { $minutes } Minuten ab.

# Meldungen der Konsole zu Dateien und zur Anmeldung
console-file-too-big = Diese Datei ist größer als { $limit } MB, das Maximum, das ein Bot bei Telegram herunterladen darf, daher kann die Konsole sie nicht öffnen. Sie liegt im Thread des Tickets in Telegram.
console-sign-in-throttled = Zu viele Anmeldeversuche. Bitte versuche es in { $seconds } s erneut.
console-sign-in-foreign-origin = Diese Anmeldung wurde von einer anderen Website gesendet und daher abgelehnt. Öffne den Anmeldelink oder die Seite der Konsole erneut.
