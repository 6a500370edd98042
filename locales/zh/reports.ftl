# 报表工作簿（XLSX）及其 CSV 导出的标签：工作表名称、列标题、图表标题。
# 工作表名称不超过 31 个字符，且不含 : \ / ? * [ ]。

report-sheet-summary = 概览
report-sheet-agents = 客服
report-sheet-topics = 主题
report-sheet-trend = 每日趋势
report-sheet-topic-trend = 主题趋势
report-section = 部分
report-metric = 指标
report-value = 数值
report-desk = 服务台
report-first-day = 第一天
report-last-day = 最后一天
report-time-zone = 时区
report-agent = 客服
report-topic = 主题
report-date = 日期
report-created = 新建
report-taken = 已接手
report-closed = 已关闭
report-still-open = 仍未关闭
report-first-reaction-median = 首次响应中位数（分钟）
report-first-reaction-p90 = 首次响应 P90（分钟）
report-first-reaction-within = 首次响应达标率（%）
report-resolution-median = 解决时间中位数（分钟）
report-resolution-p90 = 解决时间 P90（分钟）
report-resolution-within = 解决达标率（%）
report-ratings = 评分数
report-rating-average = 平均评分
report-share-created = 新建占比（%）
report-unassigned = 未分配
report-no-topic = 无主题
report-chart-summary = 本期工单
report-chart-agents = 各客服接手与关闭的工单
report-chart-topics = 各主题新建的工单
report-chart-trend = 每日工单
report-chart-topic-trend = 按主题的每日新工单

# The forecast workbook and CSV (console: Reports → Forecast).
forecast-sheet-hours = 预测
forecast-sheet-assumptions = 假设
forecast-hour = 小时
forecast-expected = 预计工单数
forecast-lower = 下限（80% 区间）
forecast-upper = 上限（80% 区间）
forecast-open = 营业
forecast-open-yes = 营业
forecast-open-no = 休息
forecast-agents = 所需客服人数
forecast-chart = 每小时预计工单数与所需客服人数
forecast-handling-min = 采用的处理时长（分钟）
forecast-handling-measured-on = 测量所用的已解决工单数
forecast-target-min = 首次回复目标（分钟）
forecast-service-level = 目标时间内回复的比例（%）
forecast-error-model = 预测的典型误差（%）
forecast-error-naive = “与上周同一小时相同”的典型误差（%）
