## Self-service flows: the client bot's built-in buttons, notices and refusals, the flow editor.
