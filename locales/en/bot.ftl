# Client bot: menu
welcome = Hello, { $name }! This is the support desk. How can we help?
menu-new-request = ✍️ New request
menu-my-requests = 📋 My requests
menu-help = ❓ Help
menu-language = 🌐 Language
help-text = Write to us any time: press "New request", choose a topic and describe your question. You can send text, photos, documents, voice messages and albums. Each request has a number like #1042; reply to a message about a request to add to it.
choose-language = Choose your language:
language-chosen = From now on I will answer in English.

# Client bot: opening a request
choose-topic = What is your request about?
write-question = Topic: { $topic }. Describe your question in one message: text, a photo, a document or a voice message.
ticket-created = Request { $number } created. We usually answer within { $eta }.
ticket-created-out-of-hours = Request { $number } created. Our team is offline now; we will answer after { $opens }.
eta-minutes = { $minutes } min
eta-hours = { $hours } h

# Client bot: several requests
no-tickets = You have no requests yet. Press "New request" to write to us.
my-requests-title = Your requests:
ticket-line = { $number } · { $topic } · { $status }
ticket-line-current = { $number } · { $topic } · { $status } (current)
switched-to = Your next messages go to request { $number }.
which-ticket = You have several open requests. Which one is this message for?
ticket-not-found = This request was not found.
no-open-ticket = You have no open request. Press "New request" to write to us, or reopen one in "My requests".
button-close = Close { $number }
button-reopen = Reopen { $number }
button-switch = Write in { $number }
button-new-request = ✍️ New request

# Statuses, one word for every surface (card, console, manager bot, client bot). Only
# "waiting on the client" is addressed to its reader: $audience is "client" in the client's
# own chat, anything else for agents.
status-new = new
status-open = in progress
status-waiting_on_client = { $audience ->
        [client] waiting for your reply
       *[agents] waiting for the client
    }
status-resolved = resolved
status-closed = closed
priority-low = low
priority-normal = normal
priority-high = high
priority-urgent = urgent
role-agent = agent
role-admin = admin
role-owner = owner

# Closing, reopening, rating
ticket-closed = Request { $number } is closed.
ticket-reopened = Request { $number } is open again. Write your message.
ticket-reopened-by-agent = Your request { $number } was reopened by our support team. We will write to you here.
rate-request = How would you rate our help with request { $number }?
rating-thanks = Thank you! Add a comment if you like, or press Skip.
rating-comment-thanks = Thank you for your feedback!
rating-already-given = You have already rated request { $number }. Thank you!
rating-ticket-open = Request { $number } is open again: you can rate it once it is closed.
button-skip = Skip
ticket-already-closed = Request { $number } is already closed.

# Client bot: refusals and limits
blocked-notice = Sorry, this support desk can no longer take your messages.
flood-notice = You are sending messages faster than we can read them. Everything you send is kept with your request, and an agent will answer here — please give us a moment.
flood-summary = { $client } sent { $count } more messages too fast to relay here; they are kept in the ticket's history: see the console.
unsupported-message = I can't pass on this kind of message ({ $kind }). Please send text, a photo, a video or a document.

# Agent replies as the client sees them
reply-signature = { $alias } · { $number }
default-alias = Support

# Agents' channel: the ticket card
card-title = { $number } · { $topic }
card-client = Client: { $client }
card-client-erased = Client: erased at their request
card-client-angry = 😠 The client sounds angry: a senior eye may help
card-language = 🌐 Language: { $language }
card-intent = 🏷 Recognised as { $topic } ({ $confidence } %)
card-status = Status: { $status }
card-priority = Priority: { $priority }
card-assignee = Assigned: { $agent }
card-unassigned = Assigned: nobody yet
card-opened = Opened: { $opened }
card-sla-due = First reply due: { $due }
card-rating = Rating: { $stars } { $comment }
card-client-blocked = ⛔ Client blocked: { $reason }
card-no-topic = General
button-take = 🙋 Take
button-close-ticket = ✅ Close
button-transfer = ↪️ Transfer
button-reopen-ticket = 🔄 Reopen

# Agents' side: notices in the ticket thread
taken-by = Taken by { $agent }.
not-an-agent = Only agents of this desk can do that.
delivery-failed = ⚠️ Not delivered to the client: { $reason }
client-blocked-bot = ⚠️ The client has blocked the bot; replies cannot be delivered.
client-edited = ✏️ The client edited this message.
ticket-closed-by = Closed by { $actor }.
ticket-reopened-by = Reopened by { $actor }.
client-rated = The client rated this request { $stars }/5. { $comment }
client-blocked-by = ⛔ { $actor } blocked this client: { $reason }. What they send is kept in the ticket's history and not relayed.
client-unblocked-by = { $actor } unblocked this client.
transfer-choose = Transfer { $number } to:
transferred-to = Transferred to { $agent }.
staff-bot-only = This bot is for the support team. If you need help, please write to our support bot.

# Sent once when the desk erased the client's personal data (docs/privacy.md).
privacy-erased-notice = As you asked, this support desk has erased your personal data and the contents of your conversations with us. If you write again, we will start afresh.

## Knowledge-base suggestions before a request is opened
kb-suggest-intro = These articles may answer your question right away:
kb-did-it-help = Did this answer your question?
kb-read = 📄 { $title }
kb-helped = ✅ Yes, thanks
kb-not-helped = 🙋 No, I need a person
kb-glad-it-helped = Glad it helped! If anything else comes up, just write.
kb-article-gone = This article is no longer available. Press "No, I need a person" and we will answer you.
kb-already-answered = You already answered this. Write your question if you need anything else.
kb-suggested-before = 📚 Before opening this request the client was shown: { $articles } — it did not answer the question.
kb-thread-found = 📚 Help-centre articles for “{ $query }” (paste a link into your reply):
kb-thread-nothing = 📚 No published article matches “{ $query }”.

## Machine translation in the agents' thread (docs/translation.md)
translation-incoming = 🌐 Translated from { $from }:
    { $text }
translation-incoming-edited = 🌐 Translated from { $from }, as edited:
    { $text }
translation-incoming-failed = 🌐 Not translated: { $why }.
translation-answer-sent = 🌐 Sent to the client in { $to }:
    { $text }
translation-answer-confirm = 🌐 Translation for the client ({ $to }). Check it, then send it or your answer as written:
    { $text }
translation-answer-failed = 🌐 Sent to the client as written, not translated: { $why }.
translation-send-button = ✅ Send translation
translation-as-written-button = ✍️ Send as written
translation-decided-sent = 🌐 Translation sent by { $agent }:
    { $text }
translation-decided-original = 🌐 { $agent } sent the answer as written.
translation-risk-numbers = The numbers differ from the answer's (missing: { $missing }; added: { $added }).
translation-risk-length = The translation is { $percent } % as long as the answer: it may be cut or padded.
translation-risk-empty = The translation is empty.
translation-unavailable = the translation service did not answer
translation-provider-quota = the translation account's allowance is used up
translation-not-configured = the desk's translation settings need an admin (the key or the address)
translation-too-long = the text is too long to translate
translation-unusable = the translation service's answer could not be used
translation-quota-spent = the desk's daily translation limit is spent (it resets at { $resets })
routed-to = Assigned to { $agent } by the desk's routing.
reassigned-on-breach = The first reply was not sent in time: the desk's routing took the ticket from { $from } and gave it to { $to }.
requeued-from = { $agent } stepped away: back in the queue.
sla-breached-first-response = 🚨 The first-reply target ({ $due }) was missed: the admins are told, priority now { $priority }.
sla-breached-resolution = 🚨 The resolution target ({ $due }) was missed: the admins are told, priority now { $priority }.
sla-breached-next-reply = 🚨 The next-reply target ({ $due }) was missed: the admins are told, priority now { $priority }.

## Follow-up after closing (docs/follow-up.md)
follow-up-effort = How easy was it to get request { $number } solved? 1 — very hard, 7 — very easy.
follow-up-solved = Thank you! Is request { $number } really solved?
follow-up-solved-yes = ✅ Yes
follow-up-solved-no = ❌ No, it is not
follow-up-thanks = Thank you for your answer!
follow-up-already = You have already answered, thank you.
follow-up-effort-thread = 📝 Follow-up: the client scored the effort { $score }/7.
follow-up-not-solved-thread = ⚠️ Follow-up: the client says the issue is not really solved.
translation-edit-not-sent = ✏️ This answer reached the client translated, so the edit is not sent (it is kept in the history). Write a new message to correct it.

# Proactive alerts (docs/proactive-alerts.md).
proactive-milestone_not_confirmed = The milestone "{ $milestone }" of order { $order } is still waiting for your confirmation. If something is wrong with it, tell us here: we are ready to help.
proactive-payment_stuck = Your payment for order { $order } is taking longer than usual. Your money is safe; we are on it and will tell you when it goes through.
proactive-delivery_late = Order { $order } is running late. We are checking with the courier; write here if you need anything.
proactive-dispute_opened = The other party opened a dispute on order { $order }. Reply here with your side and any evidence (screenshots, files): an agent will look at it.
proactive-button-off = 🔕 No more alerts
proactive-button-on = 🔔 Alerts back on
proactive-off = You will get no more alerts from us. You can still write to us at any time.
proactive-on = Alerts are back on.
proactive-ticket-subject = Alert: { $type }
proactive-ticket-risk = Risk estimated by the platform: { $risk } %
