"""A small support bot, written the way python-telegram-bot's own examples write bots.

Clients write to the bot in private; each message goes to the admin's chat headed by a
hashtag naming the client (#u<chat id>). The admin answers by replying to it; the bot reads
the hashtag entity of the message replied to (Telegram's automatic entities) and sends the
answer to that client.

Nothing in it knows about the Ticketgram sandbox: the Bot API root is configuration, as it is
for a bot run against a local Bot API server.

Environment: BOT_TOKEN, ADMIN_CHAT_ID, and BOT_API_BASE (e.g. http://127.0.0.1:8081).
"""

import logging
import os

from telegram import MessageEntity, Update
from telegram.ext import Application, ContextTypes, MessageHandler, filters

ADMIN_CHAT_ID = int(os.environ["ADMIN_CHAT_ID"])
CLIENT_TAG = "#u"


async def from_client(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    message = update.effective_message
    name = message.from_user.first_name
    await context.bot.send_message(
        ADMIN_CHAT_ID, f"{CLIENT_TAG}{message.chat_id} {name}: {message.text}"
    )


async def from_admin(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    answer = update.effective_message
    asked = answer.reply_to_message
    tags = asked.parse_entities([MessageEntity.HASHTAG]).values()
    clients = [int(tag[len(CLIENT_TAG):]) for tag in tags if tag.startswith(CLIENT_TAG)]
    if not clients:
        await answer.reply_text("Reply to a client's message to answer them.")
        return
    await context.bot.send_message(clients[0], answer.text)


def main() -> None:
    logging.basicConfig(level=logging.INFO)
    base = os.environ["BOT_API_BASE"].rstrip("/")
    application = (
        Application.builder()
        .token(os.environ["BOT_TOKEN"])
        .base_url(f"{base}/bot")
        .base_file_url(f"{base}/file/bot")
        .build()
    )
    admin = filters.Chat(chat_id=ADMIN_CHAT_ID)
    application.add_handler(MessageHandler(admin & filters.REPLY & filters.TEXT, from_admin))
    application.add_handler(
        MessageHandler(~admin & filters.ChatType.PRIVATE & filters.TEXT & ~filters.COMMAND, from_client)
    )
    logging.info("support bot polling")
    application.run_polling(allowed_updates=Update.ALL_TYPES)


if __name__ == "__main__":
    main()
