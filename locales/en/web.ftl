# The web console and its sign-in links.

# Replies and notes written in the web console, as agents see them in the thread
console-reply-mirror = ✉️ { $alias } (console): { $text }
console-note-mirror = 📝 { $alias } (console, internal note): { $text }
login-link = Sign in to the web console: { $url }
    The link works once and expires in { $minutes } minutes.

# Console messages about files and signing in
console-file-too-big = This file is larger than { $limit } MB, the most Telegram lets a bot download, so the console cannot open it. It is in the ticket's thread in Telegram.
console-sign-in-throttled = Too many sign-in attempts. Please try again in { $seconds } s.
console-sign-in-foreign-origin = This sign-in was sent from another website, so it was refused. Open the sign-in link or the console's own page again.
