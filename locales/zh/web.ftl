# The web console and its sign-in links.

# 网页控制台中写的回复和备注，代理在话题中看到的样子
console-reply-mirror = ✉️ { $alias }（控制台）：{ $text }
console-note-mirror = 📝 { $alias }（控制台，内部备注）：{ $text }
login-link = 登录网页控制台：{ $url }
    此链接仅可使用一次，{ $minutes } 分钟后失效。
