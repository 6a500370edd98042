## Self-service flows: the client bot's built-in buttons, notices and refusals, the flow editor.

## The console's flow editor (/admin/flows)
web-admin-flows = 流程
web-flows-title = 客户机器人流程
web-flows-active = 客户正在使用第 { $revision } 版，保存于 { $when }。
web-flows-active-builtin = 客户正在使用内置默认流程：尚未保存任何版本。
web-flows-note = 备注
web-flows-check = 检查
web-flows-save = 保存为新版本
web-flows-problems = { $errors } 个错误，{ $warnings } 个警告
web-flows-line = 行
web-flows-severity = 类型
web-flows-message = 问题
web-flows-error = 错误
web-flows-warning = 警告
web-flows-preview = 客户看到的内容
web-flows-preview-language = 语言
web-flows-preview-show = 显示
web-flows-preview-invalid = 请先修正错误再查看预览。
web-flows-button-human = 联系人工客服
web-flows-button-back = 返回
web-flows-button-done = 完成
web-flows-button-yes = 是
web-flows-button-no = 否
web-flows-history = 历史
web-flows-history-none = 还没有任何版本。
web-flows-revision = 版本
web-flows-who = 保存者
web-flows-who-cli = 命令行
web-flows-when = 时间
web-flows-current = 当前使用
web-flows-restore = 恢复
web-flows-error-intent = 请选择“检查”或“保存”。
web-flows-error-restore-invalid = 该版本已无法通过校验，不能恢复。

## 客户机器人运行自助流程
flow-button-human = 🙋 联系人工客服
flow-button-back = ⬅️ 返回
flow-button-done = ✅ 完成
flow-button-yes = 是
flow-button-no = 否
flow-rejected = { $code ->
    [not_a_number] 请输入一个数字。
    [not_a_whole_number] 请输入一个整数。
    [out_of_range] 这个数字超出了可接受的范围。
    [pattern_mismatch] 格式不符合要求。
    [too_long] 内容太长：最多 { $max } 个字符。
    [empty] 请填写您的回答。
    [not_an_option] 请点击下方的一个按钮。
    [expected_media] 请发送照片或文件。
    [expected_text] 请用文字回答。
    [wrong_media_kind] 此处不接受这种类型的文件。
    [too_many_files] 文件太多：最多 { $max } 个。
    [not_enough_files] 请至少发送 { $min } 个文件。
    [not_an_order_number] 这看起来不像订单号。
   *[other] 无法接受这个回答。
 }
flow-media-received = 已收到 { $count } 个，最多 { $max } 个。可继续发送，或点击“完成”。
flow-outdated-button = 这个按钮属于之前的问题。
flow-changed = 我们的菜单已更新，将从头开始。
flow-lookup-unavailable = 目前无法在平台上查询订单 { $order }。客服人员会为您核实；您填写的内容都已保存。
flow-handed-off = 📋 由自助流程创建（{ $reason }）。客户的回答：
flow-lookup-failed = ⚠️ 订单查询失败：{ $reason }
flow-field-files = { $count } 个文件

## The console's ticket page
web-ticket-fields = 表单回答

## The ticket card
card-form = 📋 表单回答：

## The console's order lookup page (/admin/lookup)
web-admin-lookup = 订单查询
web-lookup-title = 在您的平台上查询订单
web-lookup-intro = 客户机器人会向您的平台查询客户提到的订单，并显示其状态。平台收到什么、应如何回复：见 docs/platform.md。
web-lookup-url = URL 模板
web-lookup-secret = 共享密钥
web-lookup-secret-set = 已设置密钥；留空即保留原密钥。
web-lookup-secret-not-set = 尚未设置密钥。
web-lookup-timeout = 超时（毫秒）
web-lookup-fields = 回复中的字段，每行一个：名称 = /json/pointer
web-lookup-template = 状态模板
web-lookup-pattern = 订单号格式（可选）
web-lookup-save = 保存
web-lookup-remove = 删除订单查询
web-lookup-test-order = 订单号
web-lookup-test = 测试查询
web-lookup-invalid = 未保存：{ $problem }
web-lookup-secret-required = 需要共享密钥
web-lookup-no-key = 此实例没有用于加密密钥的密钥
web-lookup-test-found = 平台已回复；客户将看到：{ $text }
web-lookup-test-not-found = 平台不知道此订单（404）。
web-lookup-test-invalid = 这不是查询会发送的订单号（请检查格式）。
web-lookup-test-unavailable = 没有可显示的结果：{ $reason }
web-lookup-error-intent = 请选择保存、测试或删除。
