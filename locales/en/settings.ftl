# The settings bot: first-run setup and the desk configuration (owner and admins).

settings-help =
    Ticketgram settings. Commands:
    /status — what is configured and what is still missing
    /bots — the client and manager bots' tokens
    /agents — the team: add, remove, roles, aliases
    /topics — the topics clients choose from
    /hours — time zone and working hours
    /holidays — days the desk is closed
    /sla — target times: first reaction, next reply, resolution
    /welcome — the client bot's greeting
    /offhours — the out-of-hours notice
    /blocknotice — what a blocked client is told
    /public — public groups and channel comments watched for complaints
    /channels — the agents' channels new requests are spread over
    /cancel — stop the current step
    To link the agents' channel and its discussion group, add the bot to them as an administrator.
settings-refused = Sorry, only the desk's administrators can use this.
settings-unknown = I did not understand that. /help lists what I can do.
settings-cancelled = Cancelled.

settings-setup-send-code = Send me the setup code Ticketgram printed when it started (like 1234-5678).
settings-setup-claimed = Welcome, { $name }! You are the owner of this desk now. Send /status to see what is left to set up.
settings-setup-wrong-code = That is not a valid setup code.
settings-setup-locked = Too many wrong codes. Restart Ticketgram to get a new code.

settings-agents-title = The team:
settings-agents-line = • { $name } — alias: { $alias }, role: { $role }
settings-agents-alias-button = { $name }: alias
settings-agents-role-button = { $name }: role
settings-agents-remove-button = { $name }: remove
settings-agents-add-button = Add an agent
settings-agents-gone = That person is no longer on the team.
settings-agents-removed = { $name } is no longer on the team; their access has ended.
settings-agents-role-set = { $name } is now { $role }.
settings-agents-ask-alias = Send the name clients will see on { $name }'s replies (or "-" for none).
settings-agents-pick-button = Choose the agent
settings-agents-ask-new = Forward me a message from the new agent, share their contact, or press the button below.
settings-agents-not-a-person = I could not find a person in that message. Forward a message from them, share their contact, or press the button.
settings-agents-contact-without-account = That contact has no Telegram account.
settings-agents-forward-hidden = Their privacy settings hide who sent that message. Share their contact or press the button instead.
settings-agents-already = { $name } is already on the team.
settings-agents-added = { $name } is on the team now. They must also join the agents' channel and its discussion group.
settings-agents-bad-alias = An alias has 1 to 32 characters.
settings-agents-alias-set = Alias set: { $alias }.

settings-bots-title = Bots of this desk:
settings-bots-line = • @{ $username } — { $role }
settings-bots-one-for-all = This bot plays every role (clients, agents, settings).
settings-bots-client-button = Set the client bot
settings-bots-manager-button = Set the manager bot
settings-bots-helper-button = Add a helper bot
settings-bots-ask-token = Paste the bot's token from @BotFather. I will delete your message right away.
settings-bots-token-unasked = I deleted that token from the chat. Choose which bot it is for with /bots first.
settings-bots-no-key = This instance cannot store tokens: it has no secret key.
settings-bots-telegram-down = Telegram did not answer. Please paste the token again in a minute.
settings-bots-token-refused = Telegram refused that token. Check it with @BotFather.
settings-bots-token-is-settings = That is this bot's own token.
settings-bots-token-taken = That bot belongs to another desk.
settings-bots-token-stored = @{ $username } is now the { $role } bot. It starts within a few seconds.
settings-bots-helper-stored = @{ $username } now helps post clients' messages in the agents' groups. Make it an administrator of each discussion group (it needs only to post messages).
settings-bots-not-a-token = That does not look like a bot token. Paste it as @BotFather shows it, or send /cancel.

settings-link-removed = I was removed from “{ $title }”: tickets cannot reach the agents there any more.
settings-link-channel-and-group = “{ $title }” is now the agents' channel, with its discussion group.
settings-link-channel = “{ $title }” is now the agents' channel. Now add me to its discussion group as an administrator.
settings-link-group-not-discussion = “{ $title }” is not linked to a channel. In the channel's settings, choose it under Discussion, then add me again.
settings-link-group-channel-first = “{ $title }” belongs to a channel I am not in. Add me to that channel as an administrator first.
settings-link-group = “{ $title }” is now the agents' discussion group.
settings-shard-channel = “{ $title }” is now another agents' channel. Now add me to its discussion group as an administrator: new requests will then be shared between the channels.
settings-shard-linked = “{ $title }” and its discussion group now take new requests beside the other channels, the least busy first. /channels lists them.
settings-shard-removed = I was removed from “{ $title }”: new requests go to the other channels; its tickets stay where they are.
settings-shards-none = No agents' channel is linked yet. Add me to a channel and its discussion group as an administrator.
settings-shards-title = Agents' channels (new requests go to the least busy one):
settings-shards-line = { $number }. channel { $channel }: every request
settings-shards-line-queue = { $number }. channel { $channel }: the queue “{ $queue }” only
settings-shards-line-no-group = { $number }. channel { $channel }: waiting for its discussion group
settings-shards-how = “/channels 2 vip” keeps channel 2 for the queue vip, “/channels 2 all” opens it to every request, “/channels 2 remove” unlinks it. Add me to another channel and its group to add one.
settings-shards-which = Which channel? Send /channels to see their numbers (the first channel cannot be changed here).
settings-right-post-messages = post messages
settings-right-edit-messages = edit messages
settings-right-administrator = be an administrator (to read the agents' comments and answer in threads)
settings-rights-all-present = I have every right I need there.
settings-rights-missing = Still missing: I need to { $rights }.

settings-status-title = Desk status:
settings-status-ready = Everything needed is configured: the desk can go live.
settings-status-not-ready = { $count ->
    [one] One thing is missing before the desk can go live.
   *[other] { $count } things are missing before the desk can go live.
}
settings-status-owner = Owner: { $name }
settings-status-owner-missing = No owner: nobody can configure the desk.
settings-status-client-bot = Client bot: { $bot }
settings-status-manager-bot = Manager bot: { $bot }
settings-status-this-bot = this bot (one bot plays every role)
settings-status-channel = Agents' channel: linked.
settings-status-channel-missing = Agents' channel: missing. Tickets are posted there; add the client bot to a private channel as an administrator.
settings-status-channel-unreachable = Agents' channel: the client bot cannot see it. Add it to the channel as an administrator.
settings-status-group = Discussion group: linked.
settings-status-group-missing = Discussion group: missing. Agents answer in its comment threads; link a group to the channel and add the client bot to it as an administrator.
settings-status-group-not-linked = Discussion group: not linked to the agents' channel. Choose it under Discussion in the channel's settings.
settings-status-group-unreachable = Discussion group: the client bot cannot see it. Add it to the group as an administrator.
settings-status-agents = Agents: { $count }
settings-status-agents-missing = Agents: none yet. Someone must answer the tickets; add agents with /agents.
settings-status-topics = Topics: { $count }
settings-status-topics-missing = Topics: none (optional). Clients are not asked what their request is about; add some with /topics.
settings-status-hours = Working hours: set ({ $zone }).
settings-status-hours-missing = Working hours: not set (optional). The desk counts as open around the clock and never sends the out-of-hours notice; set them with /hours.
settings-status-sla = Response targets: set.
settings-status-sla-missing = Response targets: the defaults (optional); set your own with /sla.

settings-hours-ask =
    Now: { $zone }, { $schedule }.
    Send the time zone and the weekly schedule, for example:
    Europe/Berlin mon-fri 09:00-18:00; sat 10:00-14:00
settings-hours-invalid = I could not read that: { $error }
settings-hours-set = Working hours set: { $zone }, { $schedule }.
settings-holidays-ask =
    Closed days now: { $dates }.
    Send the dates the desk is closed, for example: 2026-12-25, 2027-01-01 (or "-" for none).
settings-holidays-invalid = “{ $date }” is not a date like 2026-12-25.
settings-holidays-set = Closed days: { $dates }.

settings-sla-ask =
    Targets now (priority, first reaction, next reply and resolution, in working minutes):
    { $current }
    Send the lines to change, for example: urgent 15 30 240 ("-" for no target).
settings-sla-invalid = I could not read “{ $line }”. Write: priority, first-reaction minutes, next-reply minutes, resolution minutes.
settings-sla-set =
    Targets set:
    { $current }

settings-topics-title = Topics, in the order clients see them:
settings-topics-line = { $position }. { $name } — priority { $priority }
settings-topics-up-button = ↑ { $name }
settings-topics-priority-button = { $name }: priority
settings-topics-remove-button = { $name }: remove
settings-topics-add-button = Add a topic
settings-topics-ask = Send the topic's name in each language, for example: en: Payments | ru: Платежи
settings-topics-invalid = Write the names like this: en: Payments | ru: Платежи (each language once).

settings-texts-welcome-choose = Which language's greeting do you want to change?
settings-texts-offhours-choose = Which language's out-of-hours notice do you want to change?
settings-texts-welcome-ask =
    Greeting ({ $language }) now: { $current }
    Send the new greeting, or "-" for the standard one. { "{ $name }" } is replaced with the client's name.
settings-texts-offhours-ask =
    Out-of-hours notice ({ $language }) now: { $current }
    Send the new notice, or "-" for the standard one. { "{ $opens }" } is replaced with the next opening time, { "{ $number }" } with the request's number.
settings-texts-invalid = The text must have 1 to 2000 characters.
settings-texts-welcome-set = Greeting ({ $language }) saved.
settings-texts-offhours-set = Out-of-hours notice ({ $language }) saved.
settings-texts-blocked-choose = Which language's notice for blocked clients do you want to change?
settings-texts-blocked-ask =
    Notice for blocked clients ({ $language }) now: { $current }
    Send the new notice, or "-" for the standard one. Keep it neutral: the reason of a block is for agents only.
settings-texts-blocked-set = Notice for blocked clients ({ $language }) saved.
