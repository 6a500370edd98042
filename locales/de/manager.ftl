# The manager bot: the agents' queue, tickets, transfers, blocks, templates, notifications.
login-unavailable = Die Anmeldung an der Webkonsole ist für diesen Desk noch nicht verfügbar.
login-refused = Anmeldelinks für die Web-Konsole gibt es nur für die Agenten des Desks.
manager-agents-only = Dieser Befehl ist nur für die Agenten des Desks.
manager-admins-only = Das können nur die Admins des Desks.
manager-help = Hallo, { $name }! Dein Desk, von hier aus:
    /my — offene Tickets, die dir zugewiesen sind
    /queue — Tickets ohne Agent, älteste zuerst
    /ticket N — ein Ticket auf einen Blick
    /transfer N — ein Ticket an einen anderen Agenten übergeben
    /block WER GRUND — einen Kunden sperren (WER: Telegram-ID, @username oder ticket N)
    /unblock WER — eine Sperre aufheben
    /clients [Suche] — Kunden finden
    /templates — Textbausteine, mit einem Tipp kopiert
    /duty, /away, /off — neue Tickets annehmen oder nicht (away und off geben deine unbeantworteten zurück)
    /myhours mon-fri 09:00-17:00 — deine eigenen Arbeitszeiten: außerhalb keine neuen Tickets (/myhours desk: die des Desks)
manager-help-admin = Für Admins:
    /template add NAME | TEXT — einen Textbaustein in deiner Sprache anlegen oder ersetzen
    /template remove NAME — einen entfernen
    /report day|week|month — der Desk-Bericht als Excel und CSV
    /approvals — Entschädigungen, die auf deine Freigabe warten
manager-no-such-ticket = Es gibt kein Ticket { $number }.
manager-my-empty = Dir sind keine offenen Tickets zugewiesen.
manager-my-title = Deine offenen Tickets ({ $count }):
manager-queue-empty = Die Warteschlange ist leer: jedes offene Ticket hat einen Agenten.
manager-queue-title = Warten auf einen Agenten ({ $count }), älteste zuerst:
manager-button-take = { $number } übernehmen
manager-taken = { $number } gehört jetzt dir. { $link }
manager-already-taken = { $number } hat schon einen Agenten.
manager-ticket-line = { $number } · { $topic } · { $status } · { $opened }
    { $subject }
manager-ticket-usage = Welches Ticket? Zum Beispiel: /ticket 1042
manager-sla-first-response = Erste Antwort: { $state }
manager-sla-next-reply = Nächste Antwort: { $state }
manager-sla-resolution = Lösung: { $state }
manager-sla-met = eingehalten in { $took }
manager-sla-pending = fällig { $due } (noch { $remaining })
manager-sla-at-risk = gefährdet, fällig { $due } (noch { $remaining })
manager-sla-breached = verfehlt, fällig { $due } (um { $by } überschritten)
manager-duration = { $hours } Std. { $minutes } Min.
manager-ticket-messages = Letzte Nachrichten:
manager-ticket-history = Verlauf:
manager-from-client = Kunde
manager-from-agent = Agent
manager-from-note = Notiz
manager-media = [Medien]
manager-actor-system = Ticketgram
manager-event-assigned = zugewiesen
manager-event-priority_changed = Priorität geändert
manager-event-rated = bewertet
manager-event-tag_added = Tag hinzugefügt
manager-event-tag_removed = Tag entfernt
manager-event-other = geändert
manager-transfer-usage = Welches Ticket? Zum Beispiel: /transfer 1042
manager-ticket-finished = { $number } ist schon abgeschlossen.
manager-transfer-nobody = Es gibt keinen anderen aktiven Agenten für die Übergabe.
manager-transfer-impossible = { $number } kann nicht mehr an diesen Agenten übergeben werden.
manager-transferred = { $number } an { $agent } übergeben.
manager-block-usage = Wen und warum? Zum Beispiel: /block @username Spam, /block ticket 1042 Beleidigung, /block 123456789 Spam
manager-unblock-usage = Wen? Zum Beispiel: /unblock @username oder /unblock ticket 1042
manager-no-such-client = Kein Kunde passt zu { $who }.
manager-already-blocked = { $client } ist schon gesperrt.
manager-blocked = { $client } ist gesperrt. Grund: { $reason }
manager-not-blocked = { $client } ist nicht gesperrt.
manager-unblocked = { $client } kann dem Desk wieder schreiben.
manager-notify-new-ticket = Neues Ticket { $number } · { $topic }
    Von { $client }
    { $subject }
manager-notify-transferred = { $by } hat dir { $number } übergeben.
    { $subject }
    { $link }
manager-notify-client-replied = Der Kunde { $client } schrieb zu { $number }: { $text }
    { $link }
manager-notify-client-burst = Der Kunde { $client } schrieb { $count } Nachrichten zu { $number }, die erste: { $text }
    { $link }
manager-notify-sla-first-response = ⏰ { $number } braucht bis { $due } eine erste Antwort.
    { $subject }
    { $link }
manager-notify-sla-next-reply = ⏰ { $number }: der Kunde hat wieder geschrieben und braucht bis { $due } eine Antwort.
    { $subject }
    { $link }
manager-notify-sla-resolution = ⏰ { $number } sollte bis { $due } gelöst sein.
    { $subject }
    { $link }
manager-clients-none = Kein Kunde passt zu „{ $query }“.
manager-clients-title = Kunden: { $total } (Seite { $page } von { $pages })
manager-clients-blocked = — gesperrt: { $reason }
manager-templates-empty = In deiner Sprache gibt es noch keine Textbausteine.
manager-templates-title = Textbausteine — tippe einen an, um ihn zu kopieren, und füge ihn in deine Antwort ein:
manager-template-copy = 📋 { $name }
manager-template-usage = Zum Beispiel: /template add refund | Erstattungen dauern 3 bis 5 Werktage.  oder  /template remove refund
manager-template-too-long = Ein Textbaustein darf höchstens { $limit } Zeichen lang sein (so viel kopiert Telegram mit einem Tipp).
manager-template-saved = Textbaustein „{ $name }“ gespeichert.
manager-template-removed = Textbaustein „{ $name }“ entfernt.
manager-template-unknown = Es gibt keinen Textbaustein „{ $name }“ in deiner Sprache.
manager-report-usage = Welcher Zeitraum? /report day, /report week oder /report month
manager-report-caption = Desk-Bericht { $first } – { $last } ({ $zone })
manager-notify-routed = { $number } gehört dir (Routing des Desks): { $client } — { $subject }
    { $link }
manager-presence-on_duty = Du bist im Dienst: neue Tickets können zu dir kommen.
manager-presence-away = Du bist kurz weg: keine neuen Tickets; { $requeued } unbeantwortete gingen zurück in die Warteschlange.
manager-presence-off = Du bist nicht im Dienst: keine neuen Tickets; { $requeued } unbeantwortete gingen zurück in die Warteschlange.
manager-presence-same = Nichts geändert: das warst du schon.
manager-nobody = niemand
manager-notify-sla-breached-first-response = 🚨 { $number } hat das Ziel für die erste Antwort verpasst ({ $due }). Zuständig: { $owner }; Priorität jetzt { $priority }.
    { $subject }
    { $link }
manager-notify-sla-breached-next-reply = 🚨 { $number } hat das Ziel für die nächste Antwort verpasst ({ $due }). Zuständig: { $owner }; Priorität jetzt { $priority }.
    { $subject }
    { $link }
manager-notify-sla-breached-resolution = 🚨 { $number } hat das Lösungsziel verpasst ({ $due }). Zuständig: { $owner }; Priorität jetzt { $priority }.
    { $subject }
    { $link }

# Die Ausschlagswache (docs/trends.md).
spike-series-all = Alle Anfragen
spike-series-complaint = Beschwerden: { $category }
spike-alert = 📈 Ausschlag — { $series }: { $latest } neue in der letzten Stunde, sonst { $baseline } (×{ $ratio }). Zum Beispiel: { $examples }
spike-alert-new = 📈 Ausschlag — { $series }: { $latest } neue in der letzten Stunde, sonst keine. Zum Beispiel: { $examples }
manager-hours-own = Deine eigenen Arbeitszeiten: { $hours } (Desk-Zeit). Außerhalb gibt dir das Routing keine neuen Tickets.
manager-hours-desk = Du folgst den Arbeitszeiten des Desks.
manager-hours-set = Gespeichert. Außerhalb dieser Zeiten gibt dir das Routing keine neuen Tickets; /myhours desk kehrt zu denen des Desks zurück.
manager-hours-bad = Das liest sich nicht als Arbeitszeit ({ $problem }). Zum Beispiel: /myhours mon-fri 09:00-17:00; sat 10:00-14:00
