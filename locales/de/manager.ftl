# The manager bot: the agents' queue, tickets, transfers, blocks, templates, notifications.
login-unavailable = Die Anmeldung an der Web-Konsole ist auf diesem Desk noch nicht verfügbar.
