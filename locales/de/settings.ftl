# The settings bot: first-run setup and the desk configuration (owner and admins).

settings-help =
    Ticketgram-Einstellungen. Befehle:
    /status — was eingerichtet ist und was noch fehlt
    /bots — die Tokens des Kunden- und des Manager-Bots
    /agents — das Team: hinzufügen, entfernen, Rollen, Aliasse
    /topics — die Themen, aus denen Kunden wählen
    /hours — Zeitzone und Arbeitszeiten
    /holidays — Tage, an denen geschlossen ist
    /sla — Zielzeiten: erste Reaktion, nächste Antwort, Lösung
    /welcome — die Begrüßung des Kunden-Bots
    /offhours — der Hinweis außerhalb der Arbeitszeit
    /blocknotice — was ein gesperrter Kunde liest
    /public — öffentliche Gruppen und Kanalkommentare, in denen der Bot Beschwerden erkennt
    /channels — die Agenten-Kanäle, auf die neue Anfragen verteilt werden
    /cancel — den aktuellen Schritt abbrechen
    Um den Agenten-Kanal und seine Diskussionsgruppe zu verbinden, füge den Bot dort als Administrator hinzu.
settings-refused = Das können leider nur die Administratoren des Supports nutzen.
settings-unknown = Das habe ich nicht verstanden. /help zeigt, was ich kann.
settings-cancelled = Abgebrochen.

settings-setup-send-code = Sende mir den Einrichtungscode, den Ticketgram beim Start ausgegeben hat (etwa 1234-5678).
settings-setup-claimed = Willkommen, { $name }! Du bist jetzt Inhaber dieses Supports. Sende /status, um zu sehen, was noch einzurichten ist.
settings-setup-wrong-code = Das ist kein gültiger Einrichtungscode.
settings-setup-locked = Zu viele falsche Codes. Starte Ticketgram neu, um einen neuen Code zu erhalten.

settings-agents-title = Das Team:
settings-agents-line = • { $name } — Alias: { $alias }, Rolle: { $role }
settings-agents-alias-button = { $name }: Alias
settings-agents-role-button = { $name }: Rolle
settings-agents-remove-button = { $name }: entfernen
settings-agents-add-button = Agent hinzufügen
settings-agents-gone = Diese Person ist nicht mehr im Team.
settings-agents-removed = { $name } ist nicht mehr im Team; der Zugang ist beendet.
settings-agents-role-set = { $name } ist jetzt { $role }.
settings-agents-ask-alias = Sende den Namen, den Kunden unter den Antworten von { $name } sehen (oder „-“ für keinen).
settings-agents-pick-button = Agent auswählen
settings-agents-ask-new = Leite mir eine Nachricht des neuen Agenten weiter, teile seinen Kontakt oder drücke den Knopf unten.
settings-agents-not-a-person = In dieser Nachricht finde ich keine Person. Leite eine Nachricht weiter, teile den Kontakt oder drücke den Knopf.
settings-agents-contact-without-account = Dieser Kontakt hat kein Telegram-Konto.
settings-agents-forward-hidden = Die Privatsphäre-Einstellungen verbergen den Absender. Teile stattdessen den Kontakt oder drücke den Knopf.
settings-agents-already = { $name } ist schon im Team.
settings-agents-added = { $name } ist jetzt im Team. Er oder sie muss auch dem Agenten-Kanal und seiner Diskussionsgruppe beitreten.
settings-agents-bad-alias = Ein Alias hat 1 bis 32 Zeichen.
settings-agents-alias-set = Alias gesetzt: { $alias }.

settings-bots-title = Bots dieses Supports:
settings-bots-line = • @{ $username } — { $role }
settings-bots-one-for-all = Dieser Bot spielt alle Rollen (Kunden, Agenten, Einstellungen).
settings-bots-client-button = Kunden-Bot festlegen
settings-bots-manager-button = Manager-Bot festlegen
settings-bots-helper-button = Hilfsbot hinzufügen
settings-bots-ask-token = Füge das Token des Bots von @BotFather ein. Ich lösche deine Nachricht sofort.
settings-bots-token-unasked = Ich habe das Token aus dem Chat gelöscht. Wähle zuerst mit /bots, für welchen Bot es ist.
settings-bots-no-key = Diese Instanz kann keine Tokens speichern: Sie hat keinen geheimen Schlüssel.
settings-bots-telegram-down = Telegram hat nicht geantwortet. Bitte füge das Token in einer Minute erneut ein.
settings-bots-token-refused = Telegram hat dieses Token abgelehnt. Prüfe es bei @BotFather.
settings-bots-token-is-settings = Das ist das Token dieses Bots selbst.
settings-bots-token-taken = Dieser Bot gehört zu einem anderen Support.
settings-bots-token-stored = @{ $username } ist jetzt der { $role }-Bot. Er startet in wenigen Sekunden.
settings-bots-helper-stored = @{ $username } hilft jetzt, die Nachrichten der Kunden in den Agenten-Gruppen zu posten. Mache ihn in jeder Diskussionsgruppe zum Administrator (er muss nur Nachrichten senden dürfen).
settings-bots-not-a-token = Das sieht nicht wie ein Bot-Token aus. Füge es so ein, wie @BotFather es zeigt, oder sende /cancel.

settings-link-removed = Ich wurde aus „{ $title }“ entfernt: Anfragen erreichen die Agenten dort nicht mehr.
settings-link-channel-and-group = „{ $title }“ ist jetzt der Agenten-Kanal, mit seiner Diskussionsgruppe.
settings-link-channel = „{ $title }“ ist jetzt der Agenten-Kanal. Füge mich jetzt als Administrator zu seiner Diskussionsgruppe hinzu.
settings-link-group-not-discussion = „{ $title }“ ist mit keinem Kanal verknüpft. Wähle sie in den Kanaleinstellungen unter „Diskussion“ und füge mich erneut hinzu.
settings-link-group-channel-first = „{ $title }“ gehört zu einem Kanal, in dem ich nicht bin. Füge mich zuerst als Administrator zu diesem Kanal hinzu.
settings-link-group = „{ $title }“ ist jetzt die Diskussionsgruppe der Agenten.
settings-shard-channel = „{ $title }“ ist jetzt ein weiterer Agenten-Kanal. Füge mich nun als Administrator zu seiner Diskussionsgruppe hinzu: Dann werden neue Anfragen auf die Kanäle verteilt.
settings-shard-linked = „{ $title }“ und seine Diskussionsgruppe nehmen jetzt neben den anderen Kanälen neue Anfragen an, der am wenigsten ausgelastete zuerst. /channels listet sie auf.
settings-shard-removed = Ich wurde aus „{ $title }“ entfernt: Neue Anfragen gehen an die anderen Kanäle; seine Tickets bleiben, wo sie sind.
settings-shards-none = Noch kein Agenten-Kanal verbunden. Füge mich als Administrator zu einem Kanal und seiner Diskussionsgruppe hinzu.
settings-shards-title = Agenten-Kanäle (neue Anfragen gehen an den am wenigsten ausgelasteten):
settings-shards-line = { $number }. Kanal { $channel }: alle Anfragen
settings-shards-line-queue = { $number }. Kanal { $channel }: nur die Warteschlange „{ $queue }“
settings-shards-line-no-group = { $number }. Kanal { $channel }: wartet auf seine Diskussionsgruppe
settings-shards-how = „/channels 2 vip“ reserviert Kanal 2 für die Warteschlange vip, „/channels 2 all“ öffnet ihn wieder für alle Anfragen, „/channels 2 remove“ trennt ihn. Um einen Kanal hinzuzufügen, füge mich zu einem weiteren Kanal und seiner Gruppe hinzu.
settings-shards-which = Welcher Kanal? Sende /channels, um die Nummern zu sehen (der erste Kanal lässt sich hier nicht ändern).
settings-right-post-messages = Nachrichten veröffentlichen
settings-right-edit-messages = Nachrichten bearbeiten
settings-right-administrator = Administrator sein (um die Kommentare der Agenten zu lesen und in Threads zu antworten)
settings-rights-all-present = Dort habe ich alle Rechte, die ich brauche.
settings-rights-missing = Es fehlt noch: Ich muss { $rights } dürfen.

settings-status-title = Status des Supports:
settings-status-ready = Alles Nötige ist eingerichtet: Der Support kann starten.
settings-status-not-ready = { $count ->
    [one] Vor dem Start fehlt noch eine Sache.
   *[other] Vor dem Start fehlen noch { $count } Dinge.
}
settings-status-owner = Inhaber: { $name }
settings-status-owner-missing = Kein Inhaber: Niemand kann den Support einrichten.
settings-status-client-bot = Kunden-Bot: { $bot }
settings-status-manager-bot = Manager-Bot: { $bot }
settings-status-this-bot = dieser Bot (ein Bot spielt alle Rollen)
settings-status-channel = Agenten-Kanal: verbunden.
settings-status-channel-missing = Agenten-Kanal: fehlt. Dort werden Anfragen gepostet; füge den Kunden-Bot als Administrator zu einem privaten Kanal hinzu.
settings-status-channel-unreachable = Agenten-Kanal: Der Kunden-Bot sieht ihn nicht. Füge ihn dem Kanal als Administrator hinzu.
settings-status-group = Diskussionsgruppe: verbunden.
settings-status-group-missing = Diskussionsgruppe: fehlt. Agenten antworten in ihren Kommentar-Threads; verknüpfe eine Gruppe mit dem Kanal und füge den Kunden-Bot dort als Administrator hinzu.
settings-status-group-not-linked = Diskussionsgruppe: nicht mit dem Agenten-Kanal verknüpft. Wähle sie in den Kanaleinstellungen unter „Diskussion“.
settings-status-group-unreachable = Diskussionsgruppe: Der Kunden-Bot sieht sie nicht. Füge ihn der Gruppe als Administrator hinzu.
settings-status-agents = Agenten: { $count }
settings-status-agents-missing = Agenten: noch keine. Jemand muss die Anfragen beantworten; füge Agenten mit /agents hinzu.
settings-status-topics = Themen: { $count }
settings-status-topics-missing = Themen: keine (optional). Kunden werden nicht nach dem Anliegen gefragt; füge welche mit /topics hinzu.
settings-status-hours = Arbeitszeiten: festgelegt ({ $zone }).
settings-status-hours-missing = Arbeitszeiten: nicht festgelegt (optional). Der Support gilt als rund um die Uhr geöffnet und sendet nie den Hinweis außerhalb der Arbeitszeit; lege sie mit /hours fest.
settings-status-sla = Zielzeiten: festgelegt.
settings-status-sla-missing = Zielzeiten: Standardwerte (optional); lege eigene mit /sla fest.

settings-hours-ask =
    Jetzt: { $zone }, { $schedule }.
    Sende die Zeitzone und den Wochenplan, zum Beispiel:
    Europe/Berlin mon-fri 09:00-18:00; sat 10:00-14:00
settings-hours-invalid = Das konnte ich nicht lesen: { $error }
settings-hours-set = Arbeitszeiten: { $zone }, { $schedule }.
settings-holidays-ask =
    Geschlossene Tage jetzt: { $dates }.
    Sende die Daten, an denen geschlossen ist, zum Beispiel: 2026-12-25, 2027-01-01 (oder „-“ für keine).
settings-holidays-invalid = „{ $date }“ ist kein Datum wie 2026-12-25.
settings-holidays-set = Geschlossene Tage: { $dates }.

settings-sla-ask =
    Zielzeiten jetzt (Priorität, erste Reaktion, nächste Antwort und Lösung, in Arbeitsminuten):
    { $current }
    Sende die zu ändernden Zeilen, zum Beispiel: urgent 15 30 240 („-“ für kein Ziel).
settings-sla-invalid = „{ $line }“ konnte ich nicht lesen. Schreibe: Priorität, Minuten bis zur ersten Reaktion, bis zur nächsten Antwort, bis zur Lösung.
settings-sla-set =
    Zielzeiten festgelegt:
    { $current }

settings-topics-title = Themen, in der Reihenfolge, in der Kunden sie sehen:
settings-topics-line = { $position }. { $name } — Priorität { $priority }
settings-topics-up-button = ↑ { $name }
settings-topics-priority-button = { $name }: Priorität
settings-topics-remove-button = { $name }: entfernen
settings-topics-add-button = Thema hinzufügen
settings-topics-ask = Sende den Namen des Themas in jeder Sprache, zum Beispiel: en: Payments | de: Zahlungen
settings-topics-invalid = Schreibe die Namen so: en: Payments | de: Zahlungen (jede Sprache einmal).

settings-texts-welcome-choose = Die Begrüßung welcher Sprache möchtest du ändern?
settings-texts-offhours-choose = Den Hinweis außerhalb der Arbeitszeit in welcher Sprache möchtest du ändern?
settings-texts-welcome-ask =
    Begrüßung ({ $language }) jetzt: { $current }
    Sende die neue Begrüßung oder „-“ für die Standardbegrüßung. { "{ $name }" } wird durch den Namen des Kunden ersetzt.
settings-texts-offhours-ask =
    Hinweis außerhalb der Arbeitszeit ({ $language }) jetzt: { $current }
    Sende den neuen Hinweis oder „-“ für den Standardtext. { "{ $opens }" } wird durch die nächste Öffnungszeit ersetzt, { "{ $number }" } durch die Nummer der Anfrage.
settings-texts-invalid = Der Text muss 1 bis 2000 Zeichen haben.
settings-texts-welcome-set = Begrüßung ({ $language }) gespeichert.
settings-texts-offhours-set = Hinweis außerhalb der Arbeitszeit ({ $language }) gespeichert.
settings-texts-blocked-choose = Den Hinweis für gesperrte Kunden in welcher Sprache möchtest du ändern?
settings-texts-blocked-ask =
    Hinweis für gesperrte Kunden ({ $language }) jetzt: { $current }
    Sende den neuen Hinweis oder „-“ für den Standardtext. Bleib neutral: der Grund einer Sperre ist nur für Agenten.
settings-texts-blocked-set = Hinweis für gesperrte Kunden ({ $language }) gespeichert.
