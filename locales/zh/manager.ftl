# The manager bot: the agents' queue, tickets, transfers, blocks, templates, notifications.
login-unavailable = 此服务台暂不支持登录网页控制台。
