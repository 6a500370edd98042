# The manager bot: the agents' queue, tickets, transfers, blocks, templates, notifications.
login-unavailable = Вход в веб-консоль на этом сервере пока недоступен.
