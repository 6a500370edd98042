# The complaint register (docs/complaints.md): what clients, the agents' thread, the card and
# the manager bot say about complaints and compensation.

complaint-acknowledged = We have registered your complaint about { $category } (request { $number }). You will hear from us by { $promised }.

complaint-category-product_quality = product quality
complaint-category-delivery = delivery
complaint-category-payment = payment
complaint-category-service_attitude = service attitude
complaint-category-account = account
complaint-category-other = other

complaint-severity-low = low
complaint-severity-medium = medium
complaint-severity-high = high
complaint-severity-critical = critical

complaint-reason-none = nothing raised it
complaint-reason-upset = sounds upset
complaint-reason-angry = sounds angry
complaint-reason-threat = names outside action
complaint-reason-high_value = valuable client
complaint-reason-high_reputation = high reputation
complaint-reason-repeat = complained in the last 30 days
complaint-reason-public = said in public

compensation-kind-refund = refund
compensation-kind-coupon = coupon
compensation-kind-replacement = replacement
compensation-kind-goodwill = goodwill gesture

card-complaint = 📣 Complaint: { $category } · { $severity }

complaint-registered-thread = 📣 Registered as a complaint: { $category }, severity { $severity } ({ $reasons }).
complaint-category-thread = 📣 { $agent } moved the complaint to { $category }.
complaint-severity-thread = 📣 { $agent } set the severity to { $severity }: { $reason }
complaint-root-cause-thread = 📣 { $agent } wrote the root cause.
complaint-resolution-thread = 📣 { $agent } wrote the resolution.
compensation-approved-thread = 💶 { $agent } decided a { $kind } of { $amount }.
compensation-pending-thread = 💶 { $agent } proposed a { $kind } of { $amount }: above their limit, waiting for approval.
compensation-decided-approved = 💶 { $agent } approved the { $kind } of { $amount } on { $number }.
compensation-decided-rejected = 💶 { $agent } rejected the { $kind } of { $amount } on { $number }.

complaint-refused-not-a-complaint = This ticket is not a complaint yet: write /complaint first.
complaint-refused-category = Not one of the desk's complaint categories.
complaint-refused-note = Write a text (at most 2,000 characters); for /severity: a level (low, medium, high, critical) and your reason.
complaint-refused-compensation = Write /compensate KIND AMOUNT [note], KIND one of refund, coupon, replacement, goodwill, AMOUNT like 20 or 20.50.
complaint-refused-decided = This compensation was already decided.
complaint-refused-limit = This amount is above your own approval limit.

manager-compensation-approve = 💶 Approval needed on { $number }: { $agent } proposes a { $kind } of { $amount }.
    { $note }
manager-button-approve = ✅ Approve
manager-button-reject = ❌ Reject
manager-compensation-approved = Approved.
manager-compensation-rejected = Rejected.
manager-approvals-none = No compensation is waiting for approval.
manager-approvals-title = Waiting for approval:
manager-approvals-line = { $number } · { $kind } { $amount } · { $agent }

# The console.
web-nav-complaints = Complaints
web-admin-complaints = Complaints
web-complaint = Complaint
web-complaint-none = Not registered as a complaint.
web-complaint-category = Category
web-complaint-category-guess = From the client's words
web-complaint-register = Register as a complaint
web-complaint-computed = Computed: { $severity } ({ $reasons })
web-complaint-adjusted = Changed by an agent: { $reason }
web-complaint-public = Written in public in “{ $chat }”:
web-complaint-public-placeholder = Empty: the desk's acknowledgement, with the button to the bot
web-complaint-public-answer = Answer in public
web-complaint-promised = Answer promised by { $at }
web-complaint-move = Move
web-complaint-severity = Severity
web-complaint-reason = Why
web-complaint-set-severity = Set severity
web-complaint-root-cause = Root cause
web-complaint-resolution = Resolution
web-complaint-save-notes = Save
web-compensations = Compensation
web-compensations-none = None decided.
web-compensation-pending = waiting for approval
web-compensation-approved = approved
web-compensation-rejected = rejected
web-compensation-approve = Approve
web-compensation-reject = Reject
web-compensation-kind = Kind
web-compensation-note = Note
web-compensation-propose = Propose
web-complaints = Complaint register
web-complaints-bad-filter = Unknown category or severity.
web-complaints-from = From
web-complaints-to = to
web-complaints-any-category = Any category
web-complaints-any-severity = Any severity
web-complaints-show = Show
web-complaints-totals = { $count } complaints · { $approved } compensation approved · { $pending } waiting for approval
web-complaints-ticket = Ticket
web-complaints-registered = Registered
web-complaints-settings-intro = A complaint has a category, a severity the desk computes (tone, threats, the client's value and reputation, repeats within 30 days, public) and agents may change with a reason, a root cause and a resolution. Compensation above a role's limit waits for an approver.
web-complaints-settings-recognise = Register new requests that read as complaints
web-complaints-settings-acknowledge = Tell the client the complaint is registered and when they will hear back
web-complaints-settings-promise = Answer promised within (working hours)
web-complaints-settings-categories = Categories, one per line (lowercase letters, digits, _)
web-complaints-settings-currency = Currency (ISO code)
web-complaints-settings-agent-limit = An agent decides alone up to
web-complaints-settings-admin-limit = An admin decides alone up to (empty: any amount)
web-complaints-settings-value = Client value: attribute and threshold
web-complaints-settings-reputation = Client reputation: attribute and threshold
web-complaints-settings-save = Save
web-complaints-settings-bad-category = A category is lowercase letters, digits and _ (at most 32).
web-complaints-settings-bad-categories = List between 1 and 30 categories.
web-complaints-settings-duplicate-category = A category is listed twice.
web-complaints-settings-bad-limit = A limit is an amount such as 50 or 50.00.
web-complaints-settings-bad-limits = An admin's limit cannot be below an agent's.
web-complaints-settings-bad-threshold = A threshold is a number.
web-complaints-settings-bad-promise = The promised time is 1 to 720 working hours.
web-complaints-settings-bad-currency = The currency is a three-letter code such as EUR.

# Proactive alerts' settings.
web-admin-alerts = Alerts
web-alerts-intro = The platform reports events (POST /api/v1/events): the client bot writes to the client first, at most so many a day, never after they pressed "No more alerts"; from the risk set here an event opens a ticket too.
web-alerts-built-in = Built-in event types and the data they need
web-alerts-per-day = Alerts a client gets a day at most
web-alerts-ticket-from = Open a ticket from this risk (0-100; empty: only when the event asks)
web-alerts-custom = The desk's own types and texts, one per line: type = text, or type.de = text for one language; {"{"}field{"}"} is filled from the event's data
web-alerts-save = Save
web-alerts-bad-per-day = Alerts a day: a whole number from 0 to 20.
web-alerts-bad-risk = The risk is a whole number from 0 to 100.
web-alerts-bad-line = A line must read type = text (type: lowercase letters, digits, _; an optional .en, .ru, .zh or .de).
web-reports-complaints-none = No complaint was registered in this period.
web-reports-complaints-total = Complaints
web-reports-complaints-change = Last 7 days vs the 7 before

## Public complaints (docs/public-complaints.md)
card-public = 📢 Public: { $chat } · { $link }
card-public-waiting = 📢 Public: { $chat } · { $link } · has not opened the bot yet
public-answer-default = Thank you for telling us, and we are sorry about this. We have opened request { $number } and will sort it out with you in private: tap the button below.
public-answer-button = Continue in private
public-answered-thread = 📢 Answered in public in “{ $chat }”: { $text }
public-answer-held = ⏸ Not sent yet: the client has not opened the bot since writing in “{ $chat }”, and Telegram lets no bot write first. It goes out the moment they do; /public answers them where they wrote.
public-refused-not-public = This ticket did not come from a public chat: there is nowhere to answer in public.
public-refused-too-long = A public answer is at most 1,000 characters: keep it short and continue in private.
public-joined = Hello! This is about what you wrote in “{ $chat }”: it is request { $number }. Write here and the team will answer you.
settings-public-watched = I am watching “{ $title }” for complaints now: a message that reads as one becomes a ticket, answered in public with a way to the bot. /public lists the chats.
settings-public-unwatched = I no longer watch “{ $title }” for complaints.
settings-public-title = Public chats watched for complaints:
settings-public-none = None yet. Add the client bot to a public group, or to the discussion group of a public channel, as an administrator.
settings-public-line = • { $title } { $place }
settings-public-stop-button = Stop watching “{ $title }”
settings-public-answer-automatic = A complaint is answered in public at once with the desk's acknowledgement.
settings-public-answer-by_agents = A complaint is answered in public only when an agent writes /public in its thread.
settings-public-switch-button = Switch how complaints are answered
