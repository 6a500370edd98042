# The settings bot: first-run setup and the desk configuration (owner and admins).
