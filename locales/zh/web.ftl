# The web console and its sign-in links.

# 网页控制台中写的回复和备注，代理在话题中看到的样子
console-reply-mirror = ✉️ { $alias }（控制台）：{ $text }
console-note-mirror = 📝 { $alias }（控制台，内部备注）：{ $text }
login-link = 登录网页控制台：{ $url }
    此链接仅可使用一次，{ $minutes } 分钟后失效。

# 控制台关于文件和登录的提示
console-file-too-big = 此文件超过 { $limit } MB（Telegram 允许机器人下载的上限），控制台无法打开。请在 Telegram 中该工单的话题里查看。
console-sign-in-throttled = 登录尝试次数过多。请在 { $seconds } 秒后重试。
console-sign-in-foreign-origin = 此登录请求来自其他网站，已被拒绝。请重新打开登录链接或控制台页面。
