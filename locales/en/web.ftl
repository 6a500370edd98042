# The web console and its sign-in links.

# Replies and notes written in the web console, as agents see them in the thread
console-reply-mirror = ✉️ { $alias } (console): { $text }
console-note-mirror = 📝 { $alias } (console, internal note): { $text }
login-link = Sign in to the web console: { $url }
    The link works once and expires in { $minutes } minutes.
