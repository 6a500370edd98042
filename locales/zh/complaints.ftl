# 投诉登记（docs/complaints.md）：客户、客服讨论串、卡片和管理机器人关于投诉与补偿的文字。

complaint-acknowledged = 我们已登记您关于{ $category }的投诉（请求 { $number }）。我们会在 { $promised } 之前回复您。

complaint-category-product_quality = 商品质量
complaint-category-delivery = 配送
complaint-category-payment = 支付
complaint-category-service_attitude = 服务态度
complaint-category-account = 账户
complaint-category-other = 其他

complaint-severity-low = 低
complaint-severity-medium = 中
complaint-severity-high = 高
complaint-severity-critical = 严重

complaint-reason-none = 无加重因素
complaint-reason-upset = 情绪不满
complaint-reason-angry = 情绪愤怒
complaint-reason-threat = 提到外部行动
complaint-reason-high_value = 高价值客户
complaint-reason-high_reputation = 高信誉
complaint-reason-repeat = 30 天内投诉过
complaint-reason-public = 公开发表

compensation-kind-refund = 退款
compensation-kind-coupon = 优惠券
compensation-kind-replacement = 换货
compensation-kind-goodwill = 善意补偿

card-complaint = 📣 投诉：{ $category } · { $severity }

complaint-registered-thread = 📣 已登记为投诉：{ $category }，严重程度 { $severity }（{ $reasons }）。
complaint-category-thread = 📣 { $agent } 将投诉改为「{ $category }」。
complaint-severity-thread = 📣 { $agent } 将严重程度设为「{ $severity }」：{ $reason }
complaint-root-cause-thread = 📣 { $agent } 填写了根本原因。
complaint-resolution-thread = 📣 { $agent } 填写了解决方案。
compensation-approved-thread = 💶 { $agent } 决定给予{ $kind } { $amount }。
compensation-pending-thread = 💶 { $agent } 提议给予{ $kind } { $amount }：超出其权限，等待审批。
compensation-decided-approved = 💶 { $agent } 批准了 { $number } 的{ $kind } { $amount }。
compensation-decided-rejected = 💶 { $agent } 拒绝了 { $number } 的{ $kind } { $amount }。

complaint-refused-not-a-complaint = 此工单还不是投诉：请先发送 /complaint。
complaint-refused-category = 这不是本团队的投诉类别。
complaint-refused-note = 请输入文字（最多 2000 个字符）；/severity 需要等级（low、medium、high、critical）和理由。
complaint-refused-compensation = 请写 /compensate 类型 金额 [备注]：类型为 refund、coupon、replacement 或 goodwill，金额如 20 或 20.50。
complaint-refused-decided = 这项补偿已有决定。
complaint-refused-limit = 该金额超出您本人的审批额度。

manager-compensation-approve = 💶 { $number } 需要审批：{ $agent } 提议给予{ $kind } { $amount }。
    { $note }
manager-button-approve = ✅ 批准
manager-button-reject = ❌ 拒绝
manager-compensation-approved = 已批准。
manager-compensation-rejected = 已拒绝。
manager-approvals-none = 没有等待审批的补偿。
manager-approvals-title = 等待审批：
manager-approvals-line = { $number } · { $kind } { $amount } · { $agent }

# 控制台。
web-nav-complaints = 投诉
web-admin-complaints = 投诉
web-complaint = 投诉
web-complaint-none = 未登记为投诉。
web-complaint-category = 类别
web-complaint-category-guess = 根据客户的描述
web-complaint-register = 登记为投诉
web-complaint-computed = 计算结果：{ $severity }（{ $reasons }）
web-complaint-adjusted = 客服修改：{ $reason }
web-complaint-public = 公开发表于“{ $chat }”：
web-complaint-public-placeholder = 留空：使用服务台的确认语，并附进入机器人的按钮
web-complaint-public-answer = 公开回复
web-complaint-promised = 承诺在 { $at } 前答复
web-complaint-move = 移动
web-complaint-severity = 严重程度
web-complaint-reason = 理由
web-complaint-set-severity = 设置严重程度
web-complaint-root-cause = 根本原因
web-complaint-resolution = 解决方案
web-complaint-save-notes = 保存
web-compensations = 补偿
web-compensations-none = 尚未决定。
web-compensation-pending = 等待审批
web-compensation-approved = 已批准
web-compensation-rejected = 已拒绝
web-compensation-approve = 批准
web-compensation-reject = 拒绝
web-compensation-kind = 类型
web-compensation-note = 备注
web-compensation-propose = 提议
web-complaints = 投诉登记
web-complaints-bad-filter = 未知的类别或严重程度。
web-complaints-from = 从
web-complaints-to = 到
web-complaints-any-category = 所有类别
web-complaints-any-severity = 所有严重程度
web-complaints-show = 显示
web-complaints-totals = { $count } 条投诉 · 已批准补偿 { $approved } · { $pending } 项等待审批
web-complaints-ticket = 工单
web-complaints-registered = 登记时间
web-complaints-settings-intro = 投诉有类别、由团队计算的严重程度（语气、威胁、客户价值与信誉、30 天内重复、是否公开，客服可注明理由修改）、根本原因和解决方案。超出角色额度的补偿需等待审批。
web-complaints-settings-recognise = 将读起来像投诉的新请求登记为投诉
web-complaints-settings-acknowledge = 告知客户投诉已登记以及何时答复
web-complaints-settings-promise = 承诺答复时间（工作小时）
web-complaints-settings-categories = 类别，每行一个（小写字母、数字、_）
web-complaints-settings-currency = 货币（ISO 代码）
web-complaints-settings-agent-limit = 客服可自行决定的上限
web-complaints-settings-admin-limit = 管理员可自行决定的上限（留空：不限）
web-complaints-settings-value = 客户价值：属性与阈值
web-complaints-settings-reputation = 客户信誉：属性与阈值
web-complaints-settings-save = 保存
web-complaints-settings-bad-category = 类别由小写字母、数字和 _ 组成（最多 32 个）。
web-complaints-settings-bad-categories = 请列出 1 到 30 个类别。
web-complaints-settings-duplicate-category = 有类别重复出现。
web-complaints-settings-bad-limit = 额度是金额，例如 50 或 50.00。
web-complaints-settings-bad-limits = 管理员额度不能低于客服额度。
web-complaints-settings-bad-threshold = 阈值必须是数字。
web-complaints-settings-bad-promise = 承诺时间为 1 到 720 个工作小时。
web-complaints-settings-bad-currency = 货币为三个字母的代码，例如 EUR。

# 主动提醒设置。
web-admin-alerts = 提醒
web-alerts-intro = 平台上报事件（POST /api/v1/events）：客户机器人主动联系客户，每天不超过设定次数，客户点“不再提醒”后不再发送；达到此处设定的风险时还会开工单。
web-alerts-built-in = 内置事件类型及所需数据
web-alerts-per-day = 每位客户每天最多提醒次数
web-alerts-ticket-from = 风险达到此值时开工单（0-100；留空：仅在事件要求时）
web-alerts-custom = 团队自己的类型和文本，每行一个：类型 = 文本，或 类型.zh = 文本 指定一种语言；{"{"}字段{"}"} 由事件数据填充
web-alerts-save = 保存
web-alerts-bad-per-day = 每天提醒次数：0 到 20 的整数。
web-alerts-bad-risk = 风险为 0 到 100 的整数。
web-alerts-bad-line = 每行格式为 类型 = 文本（类型：小写字母、数字、_；可加 .en、.ru、.zh 或 .de）。
web-reports-complaints-none = 此期间没有登记投诉。
web-reports-complaints-total = 投诉数
web-reports-complaints-change = 最近 7 天对比之前 7 天

## 公开投诉 (docs/public-complaints.md)
card-public = 📢 公开：{ $chat } · { $link }
card-public-waiting = 📢 公开：{ $chat } · { $link } · 尚未打开机器人
public-answer-default = 感谢您告诉我们，给您带来不便非常抱歉。我们已创建请求 { $number }，将在私聊中为您处理：请点击下方按钮。
public-answer-button = 在私聊中继续
public-answered-thread = 📢 已在“{ $chat }”公开回复：{ $text }
public-answer-held = ⏸ 尚未发送：客户在“{ $chat }”留言后还没有打开机器人，而 Telegram 不允许机器人先发消息。客户一打开机器人就会发出；/public 可在其留言处回复。
public-refused-not-public = 此工单并非来自公开聊天：无处公开回复。
public-refused-too-long = 公开回复最多 1000 个字符：请简短，详情在私聊中继续。
public-joined = 您好！这是关于您在“{ $chat }”中的留言：请求 { $number }。请在这里留言，团队会回复您。
settings-public-watched = 我现在会留意“{ $title }”中的投诉：看起来像投诉的消息会成为工单，并在群里公开回复，附上进入机器人的按钮。/public 列出这些聊天。
settings-public-unwatched = 我不再留意“{ $title }”中的投诉。
settings-public-title = 留意投诉的公开聊天：
settings-public-none = 暂无。请把客户机器人以管理员身份加入公开群组，或公开频道的讨论组。
settings-public-line = • { $title } { $place }
settings-public-stop-button = 停止留意“{ $title }”
settings-public-answer-automatic = 投诉会立即以服务台的确认语公开回复。
settings-public-answer-by_agents = 只有客服在工单讨论中写 /public 时才公开回复。
settings-public-switch-button = 切换投诉的回复方式
