# The web console and its sign-in links.

# Replies and notes written in the web console, as agents see them in the thread
console-reply-mirror = ✉️ { $alias } (console): { $text }
console-note-mirror = 📝 { $alias } (console, internal note): { $text }
login-link = Sign in to the web console: { $url }
    The link works once and expires in { $minutes } minutes.

# Console messages about files and signing in
console-file-too-big = This file is larger than { $limit } MB, the most Telegram lets a bot download, so the console cannot open it. It is in the ticket's thread in Telegram.
console-sign-in-throttled = Too many sign-in attempts. Please try again in { $seconds } s.
console-sign-in-foreign-origin = This sign-in was sent from another website, so it was refused. Open the sign-in link or the console's own page again.

# The console's pages. Status, priority and role words come from bot.ftl (status-*,
# priority-*, role-*) and report column headers from reports.ftl, so the console says what
# the card, the bots and the report files say.

## Navigation and sign-in
web-nav-inbox = Inbox
web-nav-reports = Reports
web-nav-admin = Admin
web-log-out = Log out
web-log-out-everywhere = Log out everywhere
web-back-to-inbox = Back to the inbox
web-sign-in = Sign in
web-sign-in-how = Send /login to the desk's manager bot in Telegram: it answers with a one-time sign-in link.
web-sign-in-password-title = Admins: sign in with a password
web-sign-in-telegram-id = Telegram user id
web-sign-in-password = Password
web-sign-in-link-title = Sign in to the console
web-sign-in-link-note = The link works once and expires a few minutes after it was sent.
web-sign-in-link-used = This sign-in link was already used or has expired. Send /login to the manager bot for a new one.
web-sign-in-deactivated = Your account is deactivated.
web-sign-in-wrong-password = Wrong Telegram id or password.
web-account = Account
web-account-who = { $name } · { $role } · Telegram id { $id }
web-account-language = The console speaks your language in the manager bot ({ $language }); without one, your browser's.

## Inbox and ticket
web-inbox = Inbox
web-inbox-count = { $count ->
        [one] { $count } ticket
       *[other] { $count } tickets
    }
web-subject = Subject
web-client = Client
web-status = Status
web-priority = Priority
web-assignee = Assignee
web-opened = Opened
web-sla-badge = SLA
web-sla-breached = SLA breached
web-filter-active = Active
web-filter-any-status = Any status
web-filter-any-topic = Any topic
web-filter-any-priority = Any priority
web-filter-anyone = Anyone
web-filter-me = Me
web-filter-unassigned = Unassigned
web-filter-any-language = Any language
web-filter-any-sla = Any SLA
web-filter-search = Search messages
web-filter-apply = Filter
web-assigned = Assigned: { $agent }
web-first-reply-due = first reply due { $due }
web-client-since = Language: { $language } · since { $since }
web-client-writes = Writes in { $language }
web-client-blocked = Blocked: { $reason } ({ $at })
web-client-not-blocked = Not blocked
web-client-platform-fields = Platform fields
web-client-tickets = Tickets
web-message-note = { $author } (internal note)
web-message-edited = edited
web-message-image = image
web-event-the-client = the client
web-event-status = { $actor }: { $from } → { $to }
web-event-opened = Opened by { $actor }
web-event-assigned = { $actor } assigned it to { $agent }
web-reply-label = Reply to the client
web-reply-send = Send reply
web-note-label = Internal note (agents only)
web-note-add = Add note
web-actions = Actions
web-nobody = Nobody
web-assign = Assign
web-set-status = Set status
web-set-priority = Set priority
web-tag-placeholder = tag
web-tag-action = Tag action
web-tag-add = Add tag
web-tag-remove = Remove tag
web-tag-apply = Apply
web-merge-placeholder = #duplicate
web-merge = Merge into this ticket
web-templates-picker = Templates:

## Admin pages
web-admin-agents = Agents
web-admin-topics = Topics
web-admin-hours = Hours & SLA
web-admin-templates = Templates
web-admin-audit = Audit log
web-admin-bots-and-channel = Bots and channel
web-admin-client-bot = Client bot id:
web-admin-channel = Agents' channel:
web-admin-group = Discussion group:
web-admin-more-channel = Further channel { $channel }, group { $group }
web-admin-more-channel-queue = Further channel { $channel }, group { $group }, queue { $queue }
web-admin-chat-missing = missing
web-admin-outbox = Outbox: { $waiting } waiting, { $failed } failed
web-admin-nothing-missing = Nothing is missing.
web-admin-missing = Missing
web-admin-missing-channel = the agents' channel (desk.channel_id): tickets are not posted for agents
web-admin-missing-group = the channel's discussion group (desk.group_id): no ticket threads
web-admin-missing-public-url = the console's public URL (http.public_url): /login cannot send links
web-agents-name = Name
web-agents-alias = Alias
web-agents-role = Role
web-agents-active = active
web-agents-deactivated = deactivated
web-agents-activate = Activate
web-agents-deactivate = Deactivate
web-agents-set-role = Set
web-agents-how-to-add = Add agents with "ticketgram agent add" or the settings bot.
web-topics-position = Position
web-topics-active = active
web-topics-hidden = hidden
web-minutes = { $minutes } min
web-hours-title = Working hours and SLA targets
web-hours-zone = Time zone: { $zone }
web-hours-open = The desk is open now.
web-hours-closed = The desk is closed now; it opens { $opens }.
web-hours-first-reply = First reply
web-hours-next-reply = Next reply
web-hours-resolution = Resolution
web-hours-how-to-change = Change them with the settings bot.
web-audit-when = When
web-audit-who = Who
web-audit-action = Action
web-audit-subject = Subject
web-audit-details = Details
web-templates-title = Reply templates
web-templates-none = None yet.
web-templates-add = Add or replace a template
web-templates-language = Language
web-templates-name = Name
web-templates-text = Text
web-templates-save = Save template
web-templates-remove = Remove
web-templates-note = A template with the same language and name is replaced. Tickets in a language without templates get the English ones.

## Reports page
web-reports-from = From
web-reports-to = To
web-reports-show = Show
web-reports-export-xlsx = Export XLSX
web-reports-export-csv = Export CSV
web-reports-zone = Working time, time zone { $zone }.
web-reports-per-agent = Per agent (closed)
web-reports-per-topic = Per topic (opened)
web-reports-self-service = Self-service
web-reports-self-service-none = No client was offered an article or went through a flow in these days.
web-reports-opened = opened
web-reports-closed = closed
web-reports-trend-label = Opened and closed per day

## Forecast and staffing (Reports → Forecast)
web-reports-forecast-link = Forecast and staffing
web-forecast-title = Forecast and staffing
web-forecast-zone = Local days and hours, time zone { $zone }; made from { $days ->
        [one] { $days } day
       *[other] { $days } days
    } of history.
web-forecast-needs-days = The forecast needs { $days ->
        [one] { $days } more day
       *[other] { $days } more days
    } of ticket history before it can say anything.
web-forecast-error = Typical error { $model } % (same-hour-last-week guess: { $naive } %).
web-forecast-error-worse = On the last two weeks the same-hour-last-week guess did better than the forecast: plan with care.
web-forecast-error-needs-days = The typical error can be measured after { $days ->
        [one] { $days } more day
       *[other] { $days } more days
    } of history.
web-forecast-error-none = No tickets in the last two weeks: there is nothing to measure the error on.
web-forecast-days = The next 14 days
web-forecast-day = Day
web-forecast-peak-agents = Most agents at once
web-forecast-agent-hours = Agent-hours
web-forecast-staffing = Agents needed per hour
web-forecast-staffing-note = Agents answering tickets, breaks not included; “–”: the desk is closed.
web-forecast-assumptions = Assumptions
web-forecast-handling = Handling time { $minutes } min: the median time from the first reply to the resolution of { $tickets } tickets resolved in the last 8 weeks.
web-forecast-handling-assumed = Handling time { $minutes } min, assumed: no ticket was resolved after a reply in the last 8 weeks.
web-forecast-target = First reply within { $minutes } min for { $percent } % of tickets (the desk's target for normal priority).
web-forecast-target-default = First reply within { $minutes } min for { $percent } % of tickets (the desk has no first-reply target; the default is used).
web-forecast-method = Hour by hour from the last 8 weeks (daily and weekly pattern, the desk's holidays); the band holds about 8 hours in 10. Agents by Erlang C: tickets arrive at random, one ticket per agent at a time.
web-forecast-days-label = Expected tickets per day
web-forecast-hours-label = Expected tickets per hour, with the 80 % band
web-weekday-mon = Mon
web-weekday-tue = Tue
web-weekday-wed = Wed
web-weekday-thu = Thu
web-weekday-fri = Fri
web-weekday-sat = Sat
web-weekday-sun = Sun

## Errors
web-error-title-bad-request = Not accepted
web-error-title-unauthorized = Not signed in
web-error-title-forbidden = Not allowed
web-error-title-not-found = Not found
web-error-title-conflict = Already changed
web-error-title-too-big = File too large
web-error-title-internal = Something went wrong
web-error-unauthorized = Please sign in first.
web-error-forbidden = Your role cannot open this page.
web-error-csrf = This form is out of date or was not sent from the console. Reload the page and try again.
web-error-not-found = There is nothing here.
web-error-internal = The console could not do this. The details are in the server's log.
web-error-replayed = This form was already sent.
web-error-refused = This could not be done: { $reason }
web-error-unreadable-form = The form could not be read.
web-error-unknown-filter = One of the filters has a value the inbox does not know.
web-error-unknown-agent = There is no such agent.
web-error-agent-deactivated = That agent is deactivated.
web-error-taken-first = Someone else took this ticket first.
web-error-unknown-status = There is no such status.
web-error-unknown-priority = There is no such priority.
web-error-bad-tag = A tag is one word without spaces, up to 64 characters.
web-error-bad-ticket-number = That is not a ticket number.
web-error-unknown-language = There is no such language.
web-error-template-incomplete = A template needs a name and a text.
web-error-deactivate-self = You cannot deactivate yourself.
web-error-unknown-role = There is no such role.
web-error-own-role = You cannot change your own role.
web-error-not-a-date = Dates are written like 2026-11-02.
web-error-report-range = Choose up to a year, the first day first.

# Privacy (docs/privacy.md): a client's export and erasure, the desk's retention period.
web-client-erased = Erased client (since { $at })
web-client-export = Export their data (zip)
web-client-erase = Erase the client…
web-message-removed = (contents removed)
web-erase-title = Erase a client
web-erase-tickets = Tickets: { $count }
web-erase-explain = Erasing removes the client's name, username, Telegram id and platform fields, the text and files of every message on their tickets (agents' replies and notes included), subjects and rating comments, and deletes their messages from the agents' threads. Their open tickets are closed. The tickets themselves stay and still count in reports. The client is told in their language. This cannot be undone: export their data first if they asked for it.
web-erase-confirm = I understand that this cannot be undone
web-erase-button = Erase the client
web-erase-not-confirmed = Tick the box to confirm the erasure.
web-admin-privacy = Privacy
web-privacy-retention = Retention period
web-privacy-retention-now = Content of closed tickets is kept for { $days } days.
web-privacy-retention-none = Content is kept until a client is erased (no retention period).
web-privacy-retention-help = Every hour, the text and files of messages older than this many days on closed tickets are deleted, with the tickets' subjects and rating comments; the tickets still count in reports. Leave the field empty to keep everything.
web-privacy-retention-days = Days
web-privacy-save = Save
web-privacy-retention-invalid = The retention period is a whole number of days from 1 to 36500, or empty.

# The order lookup's settings checks (console: Settings → Order lookup).
lookup-config-no-order = The URL template must contain {"{"}order{"}"} where the order number goes.
lookup-config-not-a-url = The URL template is not a URL ({ $why }).
lookup-config-scheme = The URL must start with http:// or https://.
lookup-config-order-placement = {"{"}order{"}"} must be in the URL's path or query (not its host, port or #fragment).
lookup-config-credentials = The URL must not contain a user name or password: lookups are signed with the secret.
lookup-config-secret-short = The secret must be at least { $min } characters.
lookup-config-timeout = The timeout must be between { $min } and { $max } ms.
lookup-config-field-name = Field name “{ $name }”: use letters, digits and _.
lookup-config-reserved-field = The field name “order” is taken: {"{"}order{"}"} is the order number itself.
lookup-config-duplicate-field = Field “{ $name }” is listed twice.
lookup-config-pointer = Field “{ $name }”: “{ $pointer }” is not a JSON Pointer (it starts with /, e.g. /order/status).
lookup-config-empty-template = The status template is empty.
lookup-config-unknown-placeholder = The status template uses {"{"}{ $name }{"}"}, which is neither a field nor {"{"}order{"}"}.
lookup-config-pattern = The order pattern is not a regular expression the lookup can use ({ $why }).

# Routing and presence (docs/routing.md)
web-admin-routing = Routing
web-routing-title = Routing and presence
web-routing-intro = Who gets a new ticket, per queue: manual (agents press Take), round_robin, least_loaded or language_match, with an optional cap of open tickets per agent. Agents away or off get nothing new.
web-routing-rules = One line per queue: name = strategy[, cap N][, reassign][, lead Name][, first M][, next M][, resolve M] (the queue's own targets in working minutes, tighter than the priority's); "default" for tickets of no queue
web-routing-save = Save the rules
web-routing-presence = Presence
web-routing-open = Open tickets
web-routing-set = Set
web-routing-hours = Own working hours
web-routing-hours-desk = the desk's (e.g. mon-fri 09:00-17:00)
web-routing-bad-hours = That does not read as working hours: write e.g. mon-fri 09:00-17:00; sat 10:00-14:00 (empty: the desk's).
web-routing-presence-on_duty = On duty
web-routing-presence-away = Away
web-routing-presence-off = Off
web-routing-bad-line = Not saved: line { $line } is not “name = strategy” or “name = strategy, cap N”.
web-routing-bad-presence = Choose on duty, away or off.
web-reports-effort = Customer effort (follow-up after closing)
web-reports-effort-none = No follow-up answers in this period.
web-reports-effort-answers = Answers
web-reports-effort-average = Average score (1 very hard – 7 very easy)
web-reports-effort-easy = Easy (5–7)
web-reports-effort-not-solved = Said "not really solved" (reopened)
web-admin-follow-up = Follow-up
web-follow-up-intro = After a request is closed the client can be asked how easy it was to get it solved (1–7), and whether it is really solved: a "no" reopens it. The answers are in the reports.
web-follow-up-now = On: the client is asked { $minutes } minutes after closing.
web-follow-up-off = Off: clients are only asked for a rating when a request is closed.
web-follow-up-enabled = Follow up after closing
web-follow-up-minutes = Minutes after closing (0: right away)
web-follow-up-ask-solved = Also ask "Is it really solved?" (a no reopens the request)
web-follow-up-save = Save
web-follow-up-bad-minutes = Give the minutes as a whole number from 0 to 43200 (30 days).

# The desk switcher in the header, for people who work in several desks.
web-desk = Desk
web-desk-switch = Switch
