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
