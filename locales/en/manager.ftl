# The manager bot: the agents' queue, tickets, transfers, blocks, templates, notifications.
login-unavailable = Signing in to the web console is not available on this desk yet.
login-refused = Sign-in links to the web console are only for the desk's agents.
manager-agents-only = This command is for the desk's agents only.
manager-admins-only = Only the desk's admins can do that.
manager-help = Hello, { $name }! Your desk, from here:
    /my — open tickets assigned to you
    /queue — tickets nobody has taken, oldest first
    /ticket N — a ticket at a glance
    /transfer N — hand a ticket to another agent
    /block WHO REASON — block a client (WHO: Telegram id, @username or ticket N)
    /unblock WHO — lift a block
    /clients [search] — find clients
    /templates — canned replies, copied with one tap
    /duty, /away, /off — take new tickets, or not (away and off hand your unanswered ones back)
    /myhours mon-fri 09:00-17:00 — your own working hours: outside them no new tickets (/myhours desk: the desk's)
manager-help-admin = For admins:
    /template add NAME | TEXT — add or replace a canned reply in your language
    /template remove NAME — remove one
    /report day|week|month — the desk report as Excel and CSV
    /approvals — compensations waiting for your approval
manager-no-such-ticket = There is no ticket { $number }.
manager-my-empty = No open tickets are assigned to you.
manager-my-title = Your open tickets ({ $count }):
manager-queue-empty = The queue is empty: every open ticket has an agent.
manager-queue-title = Waiting for an agent ({ $count }), oldest first:
manager-button-take = Take { $number }
manager-taken = { $number } is yours. { $link }
manager-already-taken = { $number } already has an agent.
manager-ticket-line = { $number } · { $topic } · { $status } · { $opened }
    { $subject }
manager-ticket-usage = Which ticket? For example: /ticket 1042
manager-sla-first-response = First response: { $state }
manager-sla-next-reply = Next reply: { $state }
manager-sla-resolution = Resolution: { $state }
manager-sla-met = met in { $took }
manager-sla-pending = due { $due } ({ $remaining } left)
manager-sla-at-risk = at risk, due { $due } ({ $remaining } left)
manager-sla-breached = missed, due { $due } (over by { $by })
manager-duration = { $hours } h { $minutes } min
manager-ticket-messages = Last messages:
manager-ticket-history = History:
manager-from-client = client
manager-from-agent = agent
manager-from-note = note
manager-media = [media]
manager-actor-system = Ticketgram
manager-event-assigned = assigned
manager-event-priority_changed = priority changed
manager-event-rated = rated
manager-event-tag_added = tag added
manager-event-tag_removed = tag removed
manager-event-other = changed
manager-transfer-usage = Which ticket? For example: /transfer 1042
manager-ticket-finished = { $number } is already finished.
manager-transfer-nobody = There is no other active agent to transfer to.
manager-transfer-impossible = { $number } cannot be transferred to that agent any more.
manager-transferred = { $number } transferred to { $agent }.
manager-block-usage = Whom and why? For example: /block @username spam, /block ticket 1042 abuse, /block 123456789 spam
manager-unblock-usage = Whom? For example: /unblock @username or /unblock ticket 1042
manager-no-such-client = No client matches { $who }.
manager-already-blocked = { $client } is already blocked.
manager-blocked = { $client } is blocked. Reason: { $reason }
manager-not-blocked = { $client } is not blocked.
manager-unblocked = { $client } can write to the desk again.
manager-notify-new-ticket = New ticket { $number } · { $topic }
    From { $client }
    { $subject }
manager-notify-transferred = { $by } transferred { $number } to you.
    { $subject }
    { $link }
manager-notify-client-replied = The client { $client } wrote on { $number }: { $text }
    { $link }
manager-notify-client-burst = The client { $client } wrote { $count } messages on { $number }, the first: { $text }
    { $link }
manager-notify-sla-first-response = ⏰ { $number } needs a first answer by { $due }.
    { $subject }
    { $link }
manager-notify-sla-next-reply = ⏰ { $number }: the client wrote again and needs an answer by { $due }.
    { $subject }
    { $link }
manager-notify-sla-resolution = ⏰ { $number } should be resolved by { $due }.
    { $subject }
    { $link }
manager-clients-none = No client matches "{ $query }".
manager-clients-title = Clients: { $total } (page { $page } of { $pages })
manager-clients-blocked = — blocked: { $reason }
manager-templates-empty = No canned replies in your language yet.
manager-templates-title = Canned replies — tap one to copy it, then paste it into your reply:
manager-template-copy = 📋 { $name }
manager-template-usage = For example: /template add refund | Refunds take 3 to 5 working days.  or  /template remove refund
manager-template-too-long = A canned reply can be at most { $limit } characters long (what Telegram copies with one tap).
manager-template-saved = Canned reply "{ $name }" saved.
manager-template-removed = Canned reply "{ $name }" removed.
manager-template-unknown = There is no canned reply "{ $name }" in your language.
manager-report-usage = Which period? /report day, /report week or /report month
manager-report-caption = Desk report { $first } – { $last } ({ $zone })
manager-notify-routed = { $number } is yours (the desk's routing): { $client } — { $subject }
    { $link }
manager-presence-on_duty = You are on duty: new tickets may come to you.
manager-presence-away = You are away: no new tickets; { $requeued } unanswered went back to the queue.
manager-presence-off = You are off: no new tickets; { $requeued } unanswered went back to the queue.
manager-presence-same = Nothing changed: you already were.
manager-nobody = nobody
manager-notify-sla-breached-first-response = 🚨 { $number } missed its first-reply target ({ $due }). Owner: { $owner }; priority now { $priority }.
    { $subject }
    { $link }
manager-notify-sla-breached-next-reply = 🚨 { $number } missed its next-reply target ({ $due }). Owner: { $owner }; priority now { $priority }.
    { $subject }
    { $link }
manager-notify-sla-breached-resolution = 🚨 { $number } missed its resolution target ({ $due }). Owner: { $owner }; priority now { $priority }.
    { $subject }
    { $link }

# The spike watch (docs/trends.md).
spike-series-all = All requests
spike-series-complaint = Complaints: { $category }
spike-alert = 📈 Spike — { $series }: { $latest } new in the last hour, usually { $baseline } (×{ $ratio }). For example: { $examples }
spike-alert-new = 📈 Spike — { $series }: { $latest } new in the last hour, usually none. For example: { $examples }
manager-hours-own = Your own working hours: { $hours } (desk time). Outside them routing gives you no new tickets.
manager-hours-desk = You follow the desk's working hours.
manager-hours-set = Saved. Outside these hours routing gives you no new tickets; /myhours desk returns to the desk's.
manager-hours-bad = That does not read as working hours ({ $problem }). For example: /myhours mon-fri 09:00-17:00; sat 10:00-14:00
