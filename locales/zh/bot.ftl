# 客户机器人：菜单
welcome = 您好，{ $name }！这里是客服中心。请问有什么可以帮您？
menu-new-request = ✍️ 新建工单
menu-my-requests = 📋 我的工单
menu-help = ❓ 帮助
menu-language = 🌐 语言
help-text = 您可以随时联系我们：点击“新建工单”，选择主题并描述您的问题。可以发送文字、图片、文件、语音和相册。每个工单都有编号，例如 #1042；回复有关某个工单的消息即可补充内容。
choose-language = 请选择语言：
language-chosen = 从现在起我将使用中文回复。

# 客户机器人：新建工单
choose-topic = 您的问题属于哪一类？
write-question = 主题：{ $topic }。请用一条消息描述您的问题：文字、图片、文件或语音均可。
ticket-created = 工单 { $number } 已创建。我们通常会在 { $eta } 内回复。
ticket-created-out-of-hours = 工单 { $number } 已创建。团队目前不在线，我们将在 { $opens } 之后回复。
eta-minutes = { $minutes } 分钟
eta-hours = { $hours } 小时

# 客户机器人：多个工单
no-tickets = 您还没有工单。点击“新建工单”联系我们。
my-requests-title = 您的工单：
ticket-line = { $number } · { $topic } · { $status }
ticket-line-current = { $number } · { $topic } · { $status }（当前）
switched-to = 您接下来的消息将发送到工单 { $number }。
which-ticket = 您有多个未关闭的工单。这条消息属于哪一个？
ticket-not-found = 未找到该工单。
no-open-ticket = 您没有未关闭的工单。点击“新建工单”，或在“我的工单”中重新打开一个。
button-close = 关闭 { $number }
button-reopen = 重新打开 { $number }
button-switch = 在 { $number } 中留言
button-new-request = ✍️ 新建工单

# 状态：卡片、控制台、管理机器人和客户机器人共用一个词；只有“等待客户”按读者措辞
# （$audience 在客户自己的聊天中为 "client"）。
status-new = 新建
status-open = 处理中
status-waiting_on_client = { $audience ->
        [client] 等待您的回复
       *[agents] 等待客户回复
    }
status-resolved = 已解决
status-closed = 已关闭
priority-low = 低
priority-normal = 普通
priority-high = 高
priority-urgent = 紧急
role-agent = 客服
role-admin = 管理员
role-owner = 所有者

# 关闭、重新打开、评分
ticket-closed = 工单 { $number } 已关闭。
ticket-reopened = 工单 { $number } 已重新打开。请输入您的消息。
ticket-reopened-by-agent = 您的请求 { $number } 已被客服重新打开。我们会在这里给您回复。
rate-request = 您如何评价我们对工单 { $number } 的帮助？
rating-thanks = 谢谢！您可以补充评论，或点击“跳过”。
rating-comment-thanks = 感谢您的反馈！
rating-already-given = 您已经为工单 { $number } 评过分了。谢谢！
rating-ticket-open = 工单 { $number } 已重新打开：关闭后即可评分。
button-skip = 跳过
ticket-already-closed = 工单 { $number } 已经关闭。

# 拒绝与限制
blocked-notice = 抱歉，本客服台已无法再接收您的消息。
flood-notice = 您发送消息的速度超过了我们的阅读速度。您发送的所有内容都会保存在您的请求中，客服会在这里回复您——请稍候。
flood-summary = { $client } 又发送了 { $count } 条消息，速度过快，未在此转发；它们已保存在工单历史中：请在控制台查看。
unsupported-message = 无法转发此类消息（{ $kind }）。请发送文字、图片、视频或文件。

# 客户看到的客服回复
reply-signature = { $alias } · { $number }
default-alias = 客服

# 客服频道：工单卡片
card-title = { $number } · { $topic }
card-client = 客户：{ $client }
card-client-erased = 客户：应其要求已删除
card-client-angry = 😠 客户情绪激动：建议资深客服关注
card-language = 🌐 语言：{ $language }
card-intent = 🏷 识别为 { $topic }（{ $confidence }%）
card-status = 状态：{ $status }
card-priority = 优先级：{ $priority }
card-assignee = 负责人：{ $agent }
card-unassigned = 负责人：暂无
card-opened = 创建时间：{ $opened }
card-sla-due = 首次回复期限：{ $due }
card-rating = 评分：{ $stars } { $comment }
card-client-blocked = ⛔ 客户已被屏蔽：{ $reason }
card-no-topic = 常规
button-take = 🙋 接手
button-close-ticket = ✅ 关闭
button-transfer = ↪️ 转交
button-reopen-ticket = 🔄 重新打开

# 客服侧：讨论串中的通知
taken-by = 已由 { $agent } 接手。
not-an-agent = 只有本客服团队的成员才能执行此操作。
delivery-failed = ⚠️ 未能送达客户：{ $reason }
client-blocked-bot = ⚠️ 客户已屏蔽机器人，回复无法送达。
client-edited = ✏️ 客户编辑了这条消息。
ticket-closed-by = 由 { $actor } 关闭。
ticket-reopened-by = 由 { $actor } 重新打开。
client-rated = 客户给此工单评分 { $stars }/5。{ $comment }
client-blocked-by = ⛔ { $actor } 屏蔽了此客户：{ $reason }。其发送的内容会保存在工单历史中，但不会转发。
client-unblocked-by = { $actor } 解除了对此客户的屏蔽。
transfer-choose = 将 { $number } 转交给：
transferred-to = 已转交给 { $agent }。
staff-bot-only = 此机器人仅供客服团队使用。如需帮助，请联系我们的客服机器人。

# Sent once when the desk erased the client's personal data (docs/privacy.md).
privacy-erased-notice = 应您的要求，本客服台已删除您的个人数据及您与我们对话的内容。如果您再次来信，我们将重新开始。

## 提交请求前的知识库建议
kb-suggest-intro = 这些文章也许能直接解答您的问题：
kb-did-it-help = 这解答了您的问题吗？
kb-read = 📄 { $title }
kb-helped = ✅ 是的，谢谢
kb-not-helped = 🙋 没有，我需要人工客服
kb-glad-it-helped = 很高兴能帮到您！如有其他问题，请直接留言。
kb-article-gone = 这篇文章已不可用。请点击"没有，我需要人工客服"，我们会为您解答。
kb-already-answered = 您已经回答过了。如还需要帮助，请直接写下您的问题。
kb-suggested-before = 📚 提交此请求前，客户已查看：{ $articles } —— 未能解答其问题。
kb-thread-found = 📚 与“{ $query }”相关的帮助中心文章（可将链接粘贴到回复中）：
kb-thread-nothing = 📚 没有与“{ $query }”匹配的已发布文章。

## 客服讨论串中的机器翻译（docs/translation.md）
translation-incoming = 🌐 译自 { $from }：
    { $text }
translation-incoming-edited = 🌐 译自 { $from }（已编辑）：
    { $text }
translation-incoming-failed = 🌐 未翻译：{ $why }。
translation-answer-sent = 🌐 已用 { $to } 发送给客户：
    { $text }
translation-answer-confirm = 🌐 给客户的译文（{ $to }）。请检查后发送译文或原文：
    { $text }
translation-answer-failed = 🌐 已按原文发送给客户，未翻译：{ $why }。
translation-send-button = ✅ 发送译文
translation-as-written-button = ✍️ 发送原文
translation-decided-sent = 🌐 { $agent } 已发送译文：
    { $text }
translation-decided-original = 🌐 { $agent } 已按原文发送回复。
translation-risk-numbers = 数字与原文不一致（缺少：{ $missing }；多出：{ $added }）。
translation-risk-length = 译文长度为原文的 { $percent }%，可能被截断或添加了内容。
translation-risk-empty = 译文为空。
translation-unavailable = 翻译服务没有响应
translation-provider-quota = 翻译账户的额度已用完
translation-not-configured = 翻译设置需要管理员处理（密钥或地址）
translation-too-long = 文本太长，无法翻译
translation-unusable = 翻译服务的结果无法使用
translation-quota-spent = 本客服团队今天的翻译额度已用完（{ $resets } 重置）
routed-to = 已由自动分配指派给 { $agent }。
reassigned-on-breach = 未按时发出首次回复：自动分配已将工单从 { $from } 转给 { $to }。
requeued-from = { $agent } 已离开：工单已退回队列。
sla-breached-first-response = 🚨 已错过首次回复时限（{ $due }）：已通知管理员，优先级调整为 { $priority }。
sla-breached-resolution = 🚨 已错过解决时限（{ $due }）：已通知管理员，优先级调整为 { $priority }。
sla-breached-next-reply = 🚨 已错过后续回复时限（{ $due }）：已通知管理员，优先级调整为 { $priority }。

## 关闭后的回访（docs/follow-up.md）
follow-up-effort = 解决请求 { $number } 有多容易？1 — 非常困难，7 — 非常容易。
follow-up-solved = 谢谢！请求 { $number } 真的解决了吗？
follow-up-solved-yes = ✅ 是
follow-up-solved-no = ❌ 没有
follow-up-thanks = 感谢您的回答！
follow-up-already = 您已经回答过了，谢谢。
follow-up-effort-thread = 📝 回访：客户给出的省力评分为 { $score }/7。
follow-up-not-solved-thread = ⚠️ 回访：客户表示问题并未真正解决。
translation-edit-not-sent = ✏️ 此回复已以译文发送给客户，因此修改不会发送（修改已保存在历史中）。如需更正，请发送新消息。

# 主动提醒（docs/proactive-alerts.md）。
proactive-milestone_not_confirmed = 订单 { $order } 的里程碑“{ $milestone }”仍在等待您的确认。如有问题，请在这里告诉我们：我们随时帮忙。
proactive-payment_stuck = 您订单 { $order } 的付款比平时慢。您的资金是安全的；我们正在处理，到账后会通知您。
proactive-delivery_late = 订单 { $order } 延误了。我们正在与快递核实；如有需要，请在这里留言。
proactive-dispute_opened = 对方就订单 { $order } 发起了争议。请在这里回复您的说明并附上证据（截图、文件）：客服会进行处理。
proactive-button-off = 🔕 不再提醒
proactive-button-on = 🔔 重新开启提醒
proactive-off = 我们将不再向您发送提醒。您仍可随时联系我们。
proactive-on = 提醒已重新开启。
proactive-ticket-subject = 提醒：{ $type }
proactive-ticket-risk = 平台评估的风险：{ $risk } %
