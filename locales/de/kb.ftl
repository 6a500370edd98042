## The knowledge base: console pages, public pages, API texts.
