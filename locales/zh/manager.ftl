# The manager bot: the agents' queue, tickets, transfers, blocks, templates, notifications.
login-unavailable = 此服务台暂不支持登录网页控制台。
login-refused = 网页控制台的登录链接仅提供给本服务台的客服。
manager-agents-only = 此命令仅供本服务台的客服使用。
manager-admins-only = 只有本服务台的管理员可以执行此操作。
manager-help = 您好，{ $name }！在这里管理您的服务台：
    /my — 分配给您的未结工单
    /queue — 尚无人接手的工单，最早的在前
    /ticket N — 工单概览
    /transfer N — 将工单转给其他客服
    /block 对象 原因 — 封禁客户（对象：Telegram ID、@用户名 或 ticket N）
    /unblock 对象 — 解除封禁
    /clients [搜索] — 查找客户
    /templates — 快捷回复，一键复制
    /duty、/away、/off — 是否接收新工单（away 和 off 会把您未回复的工单退回队列）
    /myhours mon-fri 09:00-17:00 — 您自己的工作时间：之外不分配新工单（/myhours desk：使用服务台的时间）
manager-help-admin = 管理员：
    /template add 名称 | 文本 — 添加或替换您语言的快捷回复
    /template remove 名称 — 删除快捷回复
    /report day|week|month — 以 Excel 和 CSV 获取服务台报告
    /approvals — 等待您审批的补偿
manager-no-such-ticket = 没有工单 { $number }。
manager-my-empty = 没有分配给您的未结工单。
manager-my-title = 您的未结工单（{ $count }）：
manager-queue-empty = 队列为空：每个未结工单都有客服。
manager-queue-title = 等待客服（{ $count }），最早的在前：
manager-button-take = 接手 { $number }
manager-taken = { $number } 已归您处理。{ $link }
manager-already-taken = { $number } 已有客服处理。
manager-ticket-line = { $number } · { $topic } · { $status } · { $opened }
    { $subject }
manager-ticket-usage = 哪个工单？例如：/ticket 1042
manager-sla-first-response = 首次响应：{ $state }
manager-sla-next-reply = 后续回复：{ $state }
manager-sla-resolution = 解决：{ $state }
manager-sla-met = 已达成，用时 { $took }
manager-sla-pending = 截止 { $due }（剩余 { $remaining }）
manager-sla-at-risk = 有风险，截止 { $due }（剩余 { $remaining }）
manager-sla-breached = 已超时，截止 { $due }（超出 { $by }）
manager-duration = { $hours } 小时 { $minutes } 分钟
manager-ticket-messages = 最近消息：
manager-ticket-history = 历史：
manager-from-client = 客户
manager-from-agent = 客服
manager-from-note = 备注
manager-media = [媒体]
manager-actor-system = Ticketgram
manager-event-assigned = 已分配
manager-event-priority_changed = 优先级已更改
manager-event-rated = 已评分
manager-event-tag_added = 已添加标签
manager-event-tag_removed = 已移除标签
manager-event-other = 已更改
manager-transfer-usage = 哪个工单？例如：/transfer 1042
manager-ticket-finished = { $number } 已经结束。
manager-transfer-nobody = 没有其他在岗客服可以转交。
manager-transfer-impossible = { $number } 已无法转给该客服。
manager-transferred = { $number } 已转给 { $agent }。
manager-block-usage = 封禁谁、为什么？例如：/block @username 垃圾信息、/block ticket 1042 辱骂、/block 123456789 垃圾信息
manager-unblock-usage = 解封谁？例如：/unblock @username 或 /unblock ticket 1042
manager-no-such-client = 没有与 { $who } 匹配的客户。
manager-already-blocked = { $client } 已被封禁。
manager-blocked = { $client } 已被封禁。原因：{ $reason }
manager-not-blocked = { $client } 未被封禁。
manager-unblocked = { $client } 可以再次联系客服了。
manager-notify-new-ticket = 新工单 { $number } · { $topic }
    来自 { $client }
    { $subject }
manager-notify-transferred = { $by } 将 { $number } 转给了您。
    { $subject }
    { $link }
manager-notify-client-replied = 客户 { $client } 在 { $number } 中留言：{ $text }
    { $link }
manager-notify-client-burst = 客户 { $client } 在 { $number } 中发来 { $count } 条消息，第一条：{ $text }
    { $link }
manager-notify-sla-first-response = ⏰ { $number } 需要在 { $due } 前首次回复。
    { $subject }
    { $link }
manager-notify-sla-next-reply = ⏰ { $number }：客户再次来信，需要在 { $due } 前回复。
    { $subject }
    { $link }
manager-notify-sla-resolution = ⏰ { $number } 应在 { $due } 前解决。
    { $subject }
    { $link }
manager-clients-none = 没有与“{ $query }”匹配的客户。
manager-clients-title = 客户：{ $total }（第 { $page } 页，共 { $pages } 页）
manager-clients-blocked = — 已封禁：{ $reason }
manager-templates-empty = 您的语言还没有快捷回复。
manager-templates-title = 快捷回复 — 点击即可复制，然后粘贴到回复中：
manager-template-copy = 📋 { $name }
manager-template-usage = 例如：/template add refund | 退款需要 3 到 5 个工作日。 或 /template remove refund
manager-template-too-long = 快捷回复最多 { $limit } 个字符（Telegram 一键复制的上限）。
manager-template-saved = 快捷回复“{ $name }”已保存。
manager-template-removed = 快捷回复“{ $name }”已删除。
manager-template-unknown = 您的语言中没有快捷回复“{ $name }”。
manager-report-usage = 哪个时间段？/report day、/report week 或 /report month
manager-report-caption = 服务台报告 { $first } – { $last }（{ $zone }）
manager-notify-routed = { $number } 已分配给您（客服团队的自动分配）：{ $client } — { $subject }
    { $link }
manager-presence-on_duty = 您正在值班：新的工单可能会分配给您。
manager-presence-away = 您已暂离：不会收到新工单；{ $requeued } 个未回复的工单已退回队列。
manager-presence-off = 您已下班：不会收到新工单；{ $requeued } 个未回复的工单已退回队列。
manager-presence-same = 没有变化：您已经是这个状态。
manager-nobody = 无人
manager-notify-sla-breached-first-response = 🚨 { $number } 已错过首次回复时限（{ $due }）。负责人：{ $owner }；优先级已调整为 { $priority }。
    { $subject }
    { $link }
manager-notify-sla-breached-next-reply = 🚨 { $number } 已错过后续回复时限（{ $due }）。负责人：{ $owner }；优先级已调整为 { $priority }。
    { $subject }
    { $link }
manager-notify-sla-breached-resolution = 🚨 { $number } 已错过解决时限（{ $due }）。负责人：{ $owner }；优先级已调整为 { $priority }。
    { $subject }
    { $link }

# 激增监测（docs/trends.md）。
spike-series-all = 所有请求
spike-series-complaint = 投诉：{ $category }
spike-alert = 📈 激增 — { $series }：过去一小时新增 { $latest } 条，通常为 { $baseline }（×{ $ratio }）。例如：{ $examples }
spike-alert-new = 📈 激增 — { $series }：过去一小时新增 { $latest } 条，通常没有。例如：{ $examples }
manager-hours-own = 您自己的工作时间：{ $hours }（服务台时间）。在此之外不会给您分配新工单。
manager-hours-desk = 您使用服务台的工作时间。
manager-hours-set = 已保存。在这些时间之外不会给您分配新工单；/myhours desk 恢复为服务台的时间。
manager-hours-bad = 这不像工作时间（{ $problem }）。例如：/myhours mon-fri 09:00-17:00; sat 10:00-14:00
