# Labels of the report workbook (XLSX) and its CSV exports: sheet names, column headers,
# chart titles. Sheet names must stay within 31 characters and avoid : \ / ? * [ ].

report-sheet-summary = Summary
report-sheet-agents = Agents
report-sheet-topics = Topics
report-sheet-trend = Trend
report-sheet-topic-trend = Topic trend
report-section = Section
report-metric = Metric
report-value = Value
report-desk = Desk
report-first-day = First day
report-last-day = Last day
report-time-zone = Time zone
report-agent = Agent
report-topic = Topic
report-date = Date
report-created = Created
report-taken = Taken
report-closed = Closed
report-still-open = Still open
report-first-reaction-median = Median first reaction (min)
report-first-reaction-p90 = P90 first reaction (min)
report-first-reaction-within = First reaction within target (%)
report-resolution-median = Median resolution (min)
report-resolution-p90 = P90 resolution (min)
report-resolution-within = Resolution within target (%)
report-ratings = Ratings
report-rating-average = Average rating
report-share-created = Share of created (%)
report-unassigned = Unassigned
report-no-topic = No topic
report-chart-summary = Tickets in the period
report-chart-agents = Tickets taken and closed per agent
report-chart-topics = Tickets created per topic
report-chart-trend = Tickets per day
report-chart-topic-trend = Tickets created per day, by topic

# The forecast workbook and CSV (console: Reports → Forecast).
forecast-sheet-hours = Forecast
forecast-sheet-assumptions = Assumptions
forecast-hour = Hour
forecast-expected = Expected tickets
forecast-lower = Low (80% band)
forecast-upper = High (80% band)
forecast-open = Open
forecast-open-yes = open
forecast-open-no = closed
forecast-agents = Agents needed
forecast-chart = Expected tickets and agents needed per hour
forecast-handling-min = Handling time used (min)
forecast-handling-measured-on = Resolved tickets it was measured on
forecast-target-min = First-reply target (min)
forecast-service-level = Share answered within the target (%)
forecast-error-model = Typical error of the forecast (%)
forecast-error-naive = Typical error of same-hour-last-week (%)
