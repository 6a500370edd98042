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

# 控制台页面。状态、优先级和角色词来自 bot.ftl（status-*、priority-*、role-*），
# 报表列标题来自 reports.ftl。

## 导航与登录
web-nav-inbox = 收件箱
web-nav-reports = 报表
web-nav-admin = 管理
web-log-out = 退出登录
web-log-out-everywhere = 在所有设备上退出
web-back-to-inbox = 返回收件箱
web-sign-in = 登录
web-sign-in-how = 在 Telegram 中向服务台的管理机器人发送 /login：它会回复一个一次性登录链接。
web-sign-in-password-title = 管理员：使用密码登录
web-sign-in-telegram-id = Telegram 用户 ID
web-sign-in-password = 密码
web-sign-in-link-title = 登录控制台
web-sign-in-link-note = 该链接只能使用一次，发送后几分钟内失效。
web-sign-in-link-used = 此登录链接已被使用或已过期。请向管理机器人发送 /login 获取新链接。
web-sign-in-deactivated = 您的账户已停用。
web-sign-in-wrong-password = Telegram ID 或密码错误。
web-account = 账户
web-account-who = { $name } · { $role } · Telegram ID { $id }
web-account-language = 控制台使用您在管理机器人中的语言（{ $language }）；未设置时使用浏览器的语言。

## 收件箱与工单
web-inbox = 收件箱
web-inbox-count = { $count ->
       *[other] { $count } 个工单
    }
web-subject = 主题
web-client = 客户
web-status = 状态
web-priority = 优先级
web-assignee = 负责人
web-opened = 创建时间
web-sla-badge = SLA
web-sla-breached = SLA 已超时
web-filter-active = 进行中
web-filter-any-status = 任意状态
web-filter-any-topic = 任意话题
web-filter-any-priority = 任意优先级
web-filter-anyone = 任何人
web-filter-me = 我
web-filter-unassigned = 未分配
web-filter-any-language = 任意语言
web-filter-any-sla = 任意 SLA
web-filter-search = 搜索消息
web-filter-apply = 筛选
web-assigned = 负责人：{ $agent }
web-first-reply-due = 首次回复期限 { $due }
web-client-since = 语言：{ $language } · 自 { $since }
web-client-writes = 书写语言：{ $language }
web-client-blocked = 已屏蔽：{ $reason }（{ $at }）
web-client-not-blocked = 未屏蔽
web-client-platform-fields = 平台字段
web-client-tickets = 工单
web-message-note = { $author }（内部备注）
web-message-edited = 已编辑
web-message-image = 图片
web-event-the-client = 客户
web-event-status = { $actor }：{ $from } → { $to }
web-event-opened = 由 { $actor } 创建
web-event-assigned = { $actor } 将其分配给 { $agent }
web-reply-label = 回复客户
web-reply-send = 发送回复
web-note-label = 内部备注（仅客服可见）
web-note-add = 添加备注
web-actions = 操作
web-nobody = 无人
web-assign = 分配
web-set-status = 设置状态
web-set-priority = 设置优先级
web-tag-placeholder = 标签
web-tag-action = 标签操作
web-tag-add = 添加标签
web-tag-remove = 移除标签
web-tag-apply = 应用
web-merge-placeholder = #重复工单
web-merge = 合并到此工单
web-templates-picker = 模板：

## 管理页面
web-admin-agents = 客服
web-admin-topics = 话题
web-admin-hours = 工作时间与 SLA
web-admin-templates = 模板
web-admin-audit = 审计日志
web-admin-bots-and-channel = 机器人与频道
web-admin-client-bot = 客户机器人 ID：
web-admin-channel = 客服频道：
web-admin-group = 讨论组：
web-admin-more-channel = 其他频道 { $channel }，讨论组 { $group }
web-admin-more-channel-queue = 其他频道 { $channel }，讨论组 { $group }，队列 { $queue }
web-admin-chat-missing = 缺失
web-admin-outbox = 发件箱：{ $waiting } 个等待中，{ $failed } 个失败
web-admin-nothing-missing = 没有缺少任何设置。
web-admin-missing = 缺少
web-admin-missing-channel = 客服频道（desk.channel_id）：工单不会发布给客服
web-admin-missing-group = 频道的讨论组（desk.group_id）：没有工单讨论串
web-admin-missing-public-url = 控制台的公开地址（http.public_url）：/login 无法发送链接
web-agents-name = 名称
web-agents-alias = 别名
web-agents-role = 角色
web-agents-active = 已启用
web-agents-deactivated = 已停用
web-agents-activate = 启用
web-agents-deactivate = 停用
web-agents-set-role = 设置
web-agents-how-to-add = 使用“ticketgram agent add”或设置机器人添加客服。
web-topics-position = 顺序
web-topics-active = 启用
web-topics-hidden = 隐藏
web-minutes = { $minutes } 分钟
web-hours-title = 工作时间与 SLA 目标
web-hours-zone = 时区：{ $zone }
web-hours-open = 服务台现在营业中。
web-hours-closed = 服务台现在已下班；将于 { $opens } 开始营业。
web-hours-first-reply = 首次回复
web-hours-next-reply = 后续回复
web-hours-resolution = 解决
web-hours-how-to-change = 请在设置机器人中修改。
web-audit-when = 时间
web-audit-who = 操作人
web-audit-action = 操作
web-audit-subject = 对象
web-audit-details = 详情
web-templates-title = 回复模板
web-templates-none = 暂无。
web-templates-add = 添加或替换模板
web-templates-language = 语言
web-templates-name = 名称
web-templates-text = 内容
web-templates-save = 保存模板
web-templates-remove = 删除
web-templates-note = 语言和名称相同的模板会被替换。没有模板的语言的工单使用英文模板。

## 报表页面
web-reports-from = 从
web-reports-to = 到
web-reports-show = 显示
web-reports-export-xlsx = 导出 XLSX
web-reports-export-csv = 导出 CSV
web-reports-zone = 工作时间，时区 { $zone }。
web-reports-per-agent = 按客服（已关闭）
web-reports-per-topic = 按话题（已创建）
web-reports-self-service = 自助服务
web-reports-self-service-none = 这些天没有向客户推荐文章，也没有客户使用流程。
web-reports-opened = 已创建
web-reports-closed = 已关闭
web-reports-trend-label = 每日创建与关闭

## 预测与排班（报表 → 预测）
web-reports-forecast-link = 预测与排班
web-forecast-title = 预测与排班
web-forecast-zone = 按本地日期和小时，时区 { $zone }；基于 { $days } 天的历史数据。
web-forecast-needs-days = 还需要 { $days } 天的工单历史才能做出预测。
web-forecast-error = 典型误差 { $model } %（“与上周同一小时相同”的估计：{ $naive } %）。
web-forecast-error-worse = 在最近两周，“与上周同一小时相同”的估计比预测更准确：请谨慎安排。
web-forecast-error-needs-days = 再积累 { $days } 天的历史后即可测量典型误差。
web-forecast-error-none = 最近两周没有工单：无法测量误差。
web-forecast-days = 未来 14 天
web-forecast-day = 日期
web-forecast-peak-agents = 同时最多所需客服
web-forecast-agent-hours = 客服工时
web-forecast-staffing = 每小时所需客服人数
web-forecast-staffing-note = 处理工单的客服人数，不含休息时间；“–”：服务台休息。
web-forecast-assumptions = 假设
web-forecast-handling = 处理时长 { $minutes } 分钟：最近 8 周内已解决的 { $tickets } 个工单从首次回复到解决的中位时间。
web-forecast-handling-assumed = 处理时长 { $minutes } 分钟（假设值）：最近 8 周内没有回复后解决的工单。
web-forecast-target = { $percent } % 的工单在 { $minutes } 分钟内得到首次回复（服务台对普通优先级的目标）。
web-forecast-target-default = { $percent } % 的工单在 { $minutes } 分钟内得到首次回复（服务台未设置首次回复目标，使用默认值）。
web-forecast-method = 基于最近 8 周逐小时预测（日与周规律、服务台节假日）；区间约覆盖 10 个小时中的 8 个。客服人数按 Erlang C 计算：工单随机到达，每位客服同一时间处理一个工单。
web-forecast-days-label = 每日预计工单数
web-forecast-hours-label = 每小时预计工单数及 80 % 区间
web-weekday-mon = 周一
web-weekday-tue = 周二
web-weekday-wed = 周三
web-weekday-thu = 周四
web-weekday-fri = 周五
web-weekday-sat = 周六
web-weekday-sun = 周日

## 错误
web-error-title-bad-request = 未被接受
web-error-title-unauthorized = 未登录
web-error-title-forbidden = 不允许
web-error-title-not-found = 未找到
web-error-title-conflict = 已被更改
web-error-title-too-big = 文件过大
web-error-title-internal = 出了点问题
web-error-unauthorized = 请先登录。
web-error-forbidden = 您的角色无法打开此页面。
web-error-csrf = 此表单已过期，或不是从控制台发送的。请刷新页面后重试。
web-error-not-found = 这里什么也没有。
web-error-internal = 控制台无法完成此操作。详情见服务器日志。
web-error-replayed = 此表单已经发送过了。
web-error-refused = 无法完成：{ $reason }
web-error-unreadable-form = 无法读取表单。
web-error-unknown-filter = 某个筛选条件的值收件箱无法识别。
web-error-unknown-agent = 没有这个客服。
web-error-agent-deactivated = 该客服已停用。
web-error-taken-first = 其他人已先接手了此工单。
web-error-unknown-status = 没有这个状态。
web-error-unknown-priority = 没有这个优先级。
web-error-bad-tag = 标签是一个不含空格的词，最多 64 个字符。
web-error-bad-ticket-number = 这不是工单编号。
web-error-unknown-language = 没有这种语言。
web-error-template-incomplete = 模板需要名称和内容。
web-error-deactivate-self = 您不能停用自己。
web-error-unknown-role = 没有这个角色。
web-error-own-role = 您不能更改自己的角色。
web-error-not-a-date = 日期格式如 2026-11-02。
web-error-report-range = 请选择不超过一年的范围，先写开始日期。

# Privacy (docs/privacy.md): a client's export and erasure, the desk's retention period.
web-client-erased = 已删除的客户（{ $at }起）
web-client-export = 导出其数据（zip）
web-client-erase = 删除该客户…
web-message-removed = （内容已删除）
web-erase-title = 删除客户
web-erase-tickets = 工单：{ $count }
web-erase-explain = 删除将移除客户的姓名、用户名、Telegram ID 和平台字段，其工单中所有消息的文本和文件（包括客服的回复和备注）、主题和评价评论，并从客服讨论串中删除其消息。其未结工单将被关闭。工单本身会保留，并继续计入报表。系统会用客户的语言通知客户。此操作无法撤销：如果客户要求获取其数据，请先导出。
web-erase-confirm = 我了解此操作无法撤销
web-erase-button = 删除该客户
web-erase-not-confirmed = 请勾选复选框以确认删除。
web-admin-privacy = 隐私
web-privacy-retention = 保留期限
web-privacy-retention-now = 已关闭工单的内容保留 { $days } 天。
web-privacy-retention-none = 内容会一直保留，直到客户被删除（未设置保留期限）。
web-privacy-retention-help = 每小时删除已关闭工单中早于此天数的消息的文本和文件，以及工单的主题和评价评论；工单仍计入报表。留空表示全部保留。
web-privacy-retention-days = 天数
web-privacy-save = 保存
web-privacy-retention-invalid = 保留期限须为 1 到 36500 之间的整数天数，或留空。

# 订单查询设置的检查（控制台：设置 → 订单查询）。
lookup-config-no-order = URL 模板必须在订单号的位置包含 {"{"}order{"}"}。
lookup-config-not-a-url = URL 模板不是有效的 URL（{ $why }）。
lookup-config-scheme = URL 必须以 http:// 或 https:// 开头。
lookup-config-order-placement = {"{"}order{"}"} 必须位于 URL 的路径或查询参数中（不能在主机名、端口或 #片段中）。
lookup-config-credentials = URL 中不得包含用户名或密码：查询请求使用密钥签名。
lookup-config-secret-short = 密钥至少需要 { $min } 个字符。
lookup-config-timeout = 超时时间必须在 { $min } 到 { $max } 毫秒之间。
lookup-config-field-name = 字段名“{ $name }”：只能使用字母、数字和 _。
lookup-config-reserved-field = 字段名“order”已被占用：{"{"}order{"}"} 就是订单号本身。
lookup-config-duplicate-field = 字段“{ $name }”重复列出。
lookup-config-pointer = 字段“{ $name }”：“{ $pointer }”不是 JSON Pointer（应以 / 开头，例如 /order/status）。
lookup-config-empty-template = 状态模板为空。
lookup-config-unknown-placeholder = 状态模板使用了 {"{"}{ $name }{"}"}，它既不是字段也不是 {"{"}order{"}"}。
lookup-config-pattern = 订单号格式不是可用的正则表达式（{ $why }）。

# 自动分配与在岗状态（docs/routing.md）
web-admin-routing = 自动分配
web-routing-title = 自动分配与在岗状态
web-routing-intro = 按队列决定新工单给谁：manual（客服点击“接手”）、round_robin、least_loaded 或 language_match，可设每位客服的未结工单上限。暂离或下班的客服不会收到新工单。
web-routing-rules = 每个队列一行：名称 = 策略[, cap N][, reassign][, lead 姓名][, first M][, next M][, resolve M]（队列自己的目标，以工作分钟计，比优先级的更严格）；“default”表示没有队列的工单
web-routing-save = 保存规则
web-routing-presence = 在岗状态
web-routing-open = 未结工单
web-routing-set = 设置
web-routing-hours = 个人工作时间
web-routing-hours-desk = 服务台的时间（例如 mon-fri 09:00-17:00）
web-routing-bad-hours = 这不像工作时间：例如 mon-fri 09:00-17:00; sat 10:00-14:00（留空：服务台的时间）。
web-routing-presence-on_duty = 值班
web-routing-presence-away = 暂离
web-routing-presence-off = 下班
web-routing-bad-line = 未保存：第 { $line } 行不是“名称 = 策略”或“名称 = 策略, cap N”的形式。
web-routing-bad-presence = 请选择值班、暂离或下班。
web-reports-effort = 客户费力度（关闭后回访）
web-reports-effort-none = 此期间没有回访答复。
web-reports-effort-answers = 答复数
web-reports-effort-average = 平均分（1 非常困难 – 7 非常容易）
web-reports-effort-easy = 容易（5–7）
web-reports-effort-not-solved = 表示“并未真正解决”（已重新打开）
web-admin-follow-up = 回访
web-follow-up-intro = 请求关闭后，可以询问客户解决问题有多容易（1–7），以及问题是否真正解决：回答“没有”会重新打开请求。答复会显示在报表中。
web-follow-up-now = 已开启：关闭后 { $minutes } 分钟询问客户。
web-follow-up-off = 已关闭：关闭请求时只请客户评分。
web-follow-up-enabled = 关闭后回访
web-follow-up-minutes = 关闭后多少分钟（0：立即）
web-follow-up-ask-solved = 同时询问“问题真的解决了吗？”（回答“没有”会重新打开请求）
web-follow-up-save = 保存
web-follow-up-bad-minutes = 请输入 0 到 43200（30 天）之间的整数分钟。

# The desk switcher in the header, for people who work in several desks.
web-desk = 服务台
web-desk-switch = 切换
