# The manager bot: the agents' queue, tickets, transfers, blocks, templates, notifications.
login-unavailable = Signing in to the web console is not available on this desk yet.
