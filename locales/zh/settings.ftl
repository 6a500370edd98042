# The settings bot: first-run setup and the desk configuration (owner and admins).

settings-help =
    Ticketgram 设置。命令：
    /status — 已配置的内容和仍缺少的内容
    /bots — 客户机器人和管理机器人的令牌
    /agents — 团队：添加、移除、角色、别名
    /topics — 客户可选的主题
    /hours — 时区和工作时间
    /holidays — 休息日
    /sla — 目标时间：首次响应、后续回复、解决
    /welcome — 客户机器人的欢迎语
    /offhours — 非工作时间的提示
    /blocknotice — 被屏蔽客户看到的提示
    /public — 机器人留意投诉的公开群组和频道评论
    /channels — 新请求分配到的客服频道
    /cancel — 停止当前步骤
    要连接客服频道及其讨论组，请将机器人添加为那里的管理员。
settings-refused = 抱歉，只有客服台的管理员可以使用此功能。
settings-unknown = 我没有听懂。/help 列出我能做的事。
settings-cancelled = 已取消。

settings-setup-send-code = 请发送 Ticketgram 启动时打印的设置码（例如 1234-5678）。
settings-setup-claimed = 欢迎，{ $name }！您现在是此客服台的所有者。发送 /status 查看还需设置的内容。
settings-setup-wrong-code = 这不是有效的设置码。
settings-setup-locked = 错误的设置码太多。请重启 Ticketgram 以获取新的设置码。

settings-agents-title = 团队：
settings-agents-line = • { $name } — 别名：{ $alias }，角色：{ $role }
settings-agents-alias-button = { $name }：别名
settings-agents-role-button = { $name }：角色
settings-agents-remove-button = { $name }：移除
settings-agents-add-button = 添加客服
settings-agents-gone = 此人已不在团队中。
settings-agents-removed = { $name } 已不在团队中，其访问权限已终止。
settings-agents-role-set = { $name } 现在是 { $role }。
settings-agents-ask-alias = 请发送客户在 { $name } 的回复中看到的名字（发送 "-" 表示不使用）。
settings-agents-pick-button = 选择客服
settings-agents-ask-new = 请转发一条新客服的消息、分享其联系人，或按下面的按钮。
settings-agents-not-a-person = 我在该消息中找不到人。请转发其消息、分享联系人或按按钮。
settings-agents-contact-without-account = 该联系人没有 Telegram 帐号。
settings-agents-forward-hidden = 对方的隐私设置隐藏了消息发送者。请改为分享联系人或按按钮。
settings-agents-already = { $name } 已在团队中。
settings-agents-added = { $name } 已加入团队。对方还需加入客服频道及其讨论组。
settings-agents-bad-alias = 别名长度为 1 到 32 个字符。
settings-agents-alias-set = 别名已设置：{ $alias }。

settings-bots-title = 此客服台的机器人：
settings-bots-line = • @{ $username } — { $role }
settings-bots-one-for-all = 此机器人承担所有角色（客户、客服、设置）。
settings-bots-client-button = 设置客户机器人
settings-bots-manager-button = 设置管理机器人
settings-bots-helper-button = 添加助手机器人
settings-bots-ask-token = 请粘贴 @BotFather 提供的机器人令牌。我会立即删除您的消息。
settings-bots-token-unasked = 我已从聊天中删除该令牌。请先用 /bots 选择它属于哪个机器人。
settings-bots-no-key = 此实例无法存储令牌：它没有密钥。
settings-bots-telegram-down = Telegram 没有响应。请一分钟后再粘贴令牌。
settings-bots-token-refused = Telegram 拒绝了该令牌。请在 @BotFather 检查。
settings-bots-token-is-settings = 这是本机器人自己的令牌。
settings-bots-token-taken = 该机器人属于另一个客服台。
settings-bots-token-stored = @{ $username } 现在是 { $role } 机器人，几秒内启动。
settings-bots-helper-stored = @{ $username } 现在协助在客服群组中发布客户的消息。请将它设为每个讨论组的管理员（只需发送消息的权限）。
settings-bots-not-a-token = 这看起来不像机器人令牌。请按 @BotFather 显示的原样粘贴，或发送 /cancel。

settings-link-removed = 我已被移出「{ $title }」：工单无法再送达那里的客服。
settings-link-channel-and-group = 「{ $title }」现在是客服频道，并已连接其讨论组。
settings-link-channel = 「{ $title }」现在是客服频道。请将我添加为其讨论组的管理员。
settings-link-group-not-discussion = 「{ $title }」未关联任何频道。请在频道设置的“讨论”中选择它，然后再次添加我。
settings-link-group-channel-first = 「{ $title }」属于一个我不在其中的频道。请先将我添加为该频道的管理员。
settings-link-group = 「{ $title }」现在是客服讨论组。
settings-shard-channel = “{ $title }”现在是另一个客服频道。请把我添加为它的讨论组的管理员：之后新请求将在各频道之间分配。
settings-shard-linked = “{ $title }”及其讨论组现在与其他频道一起接收新请求，优先分配给最空闲的频道。/channels 可查看列表。
settings-shard-removed = 我已被移出“{ $title }”：新请求将转到其他频道，其中的工单保持不变。
settings-shards-none = 尚未连接客服频道。请把我添加为频道及其讨论组的管理员。
settings-shards-title = 客服频道（新请求分配给最空闲的频道）：
settings-shards-line = { $number }. 频道 { $channel }：所有请求
settings-shards-line-queue = { $number }. 频道 { $channel }：仅限队列“{ $queue }”
settings-shards-line-no-group = { $number }. 频道 { $channel }：等待连接讨论组
settings-shards-how = “/channels 2 vip” 将频道 2 留给队列 vip，“/channels 2 all” 让它重新接收所有请求，“/channels 2 remove” 断开它。要添加频道，请把我加入另一个频道及其讨论组。
settings-shards-which = 哪个频道？发送 /channels 查看编号（第一个频道不能在此更改）。
settings-right-post-messages = 发布消息
settings-right-edit-messages = 编辑消息
settings-right-administrator = 成为管理员（以读取客服评论并在话题中回复）
settings-rights-all-present = 我在那里拥有所需的全部权限。
settings-rights-missing = 仍缺少权限：我需要{ $rights }。

settings-status-title = 客服台状态：
settings-status-ready = 所需内容均已配置：客服台可以上线。
settings-status-not-ready = 上线前还缺少 { $count } 项。
settings-status-owner = 所有者：{ $name }
settings-status-owner-missing = 没有所有者：无人能配置客服台。
settings-status-client-bot = 客户机器人：{ $bot }
settings-status-manager-bot = 管理机器人：{ $bot }
settings-status-this-bot = 本机器人（一个机器人承担所有角色）
settings-status-channel = 客服频道：已连接。
settings-status-channel-missing = 客服频道：缺少。工单发布在那里；请将客户机器人添加为私有频道的管理员。
settings-status-channel-unreachable = 客服频道：客户机器人看不到它。请将其添加为频道管理员。
settings-status-group = 讨论组：已连接。
settings-status-group-missing = 讨论组：缺少。客服在其评论话题中回复；请将一个群组关联到频道，并将客户机器人添加为其管理员。
settings-status-group-not-linked = 讨论组：未关联到客服频道。请在频道设置的“讨论”中选择它。
settings-status-group-unreachable = 讨论组：客户机器人看不到它。请将其添加为群组管理员。
settings-status-agents = 客服：{ $count }
settings-status-agents-missing = 客服：还没有。需要有人回复工单；请用 /agents 添加客服。
settings-status-topics = 主题：{ $count }
settings-status-topics-missing = 主题：无（可选）。不会询问客户请求的主题；请用 /topics 添加。
settings-status-hours = 工作时间：已设置（{ $zone }）。
settings-status-hours-missing = 工作时间：未设置（可选）。客服台视为全天开放，不会发送非工作时间提示；请用 /hours 设置。
settings-status-sla = 目标时间：已设置。
settings-status-sla-missing = 目标时间：默认值（可选）；请用 /sla 设置。

settings-hours-ask =
    当前：{ $zone }，{ $schedule }。
    请发送时区和每周时间表，例如：
    Asia/Shanghai mon-fri 09:00-18:00; sat 10:00-14:00
settings-hours-invalid = 无法识别：{ $error }
settings-hours-set = 工作时间已设置：{ $zone }，{ $schedule }。
settings-holidays-ask =
    当前休息日：{ $dates }。
    请发送休息日期，例如：2026-12-25, 2027-01-01（发送 "-" 表示清空）。
settings-holidays-invalid = 「{ $date }」不是 2026-12-25 这样的日期。
settings-holidays-set = 休息日：{ $dates }。

settings-sla-ask =
    当前目标（优先级、首次响应、后续回复、解决，单位为工作分钟）：
    { $current }
    请发送要修改的行，例如：urgent 15 30 240（"-" 表示无目标）。
settings-sla-invalid = 无法识别「{ $line }」。格式：优先级 首次响应分钟数 后续回复分钟数 解决分钟数。
settings-sla-set =
    目标已设置：
    { $current }

settings-topics-title = 主题（按客户看到的顺序）：
settings-topics-line = { $position }. { $name } — 优先级 { $priority }
settings-topics-up-button = ↑ { $name }
settings-topics-priority-button = { $name }：优先级
settings-topics-remove-button = { $name }：移除
settings-topics-add-button = 添加主题
settings-topics-ask = 请发送各语言的主题名称，例如：en: Payments | zh: 支付
settings-topics-invalid = 请这样写名称：en: Payments | zh: 支付（每种语言一次）。

settings-texts-welcome-choose = 要修改哪种语言的欢迎语？
settings-texts-offhours-choose = 要修改哪种语言的非工作时间提示？
settings-texts-welcome-ask =
    当前欢迎语（{ $language }）：{ $current }
    请发送新的欢迎语，或发送 "-" 恢复默认。{ "{ $name }" } 会替换为客户的名字。
settings-texts-offhours-ask =
    当前非工作时间提示（{ $language }）：{ $current }
    请发送新的提示，或发送 "-" 恢复默认。{ "{ $opens }" } 会替换为下次开放时间，{ "{ $number }" } 替换为请求编号。
settings-texts-invalid = 文本长度须为 1 到 2000 个字符。
settings-texts-welcome-set = 欢迎语（{ $language }）已保存。
settings-texts-offhours-set = 非工作时间提示（{ $language }）已保存。
settings-texts-blocked-choose = 要修改哪种语言的屏蔽客户提示？
settings-texts-blocked-ask =
    屏蔽客户提示（{ $language }）当前为：{ $current }
    发送新的提示，或发送“-”恢复标准提示。请保持中性：屏蔽原因仅供客服人员查看。
settings-texts-blocked-set = 屏蔽客户提示（{ $language }）已保存。
