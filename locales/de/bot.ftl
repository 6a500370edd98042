# Kunden-Bot: Menü
welcome = Hallo, { $name }! Hier ist der Support. Wie können wir helfen?
menu-new-request = ✍️ Neue Anfrage
menu-my-requests = 📋 Meine Anfragen
menu-help = ❓ Hilfe
menu-language = 🌐 Sprache
help-text = Schreiben Sie uns jederzeit: Tippen Sie auf „Neue Anfrage“, wählen Sie ein Thema und beschreiben Sie Ihr Anliegen. Sie können Text, Fotos, Dokumente, Sprachnachrichten und Alben senden. Jede Anfrage hat eine Nummer wie #1042; antworten Sie auf eine Nachricht zu einer Anfrage, um sie zu ergänzen.
choose-language = Wählen Sie Ihre Sprache:
language-chosen = Ab jetzt antworte ich auf Deutsch.

# Kunden-Bot: neue Anfrage
choose-topic = Worum geht es in Ihrer Anfrage?
write-question = Thema: { $topic }. Beschreiben Sie Ihr Anliegen in einer Nachricht: Text, Foto, Dokument oder Sprachnachricht.
ticket-created = Anfrage { $number } wurde erstellt. Wir antworten in der Regel innerhalb von { $eta }.
ticket-created-out-of-hours = Anfrage { $number } wurde erstellt. Unser Team ist gerade nicht erreichbar; wir antworten nach { $opens }.
eta-minutes = { $minutes } Min.
eta-hours = { $hours } Std.

# Kunden-Bot: mehrere Anfragen
no-tickets = Sie haben noch keine Anfragen. Tippen Sie auf „Neue Anfrage“, um uns zu schreiben.
my-requests-title = Ihre Anfragen:
ticket-line = { $number } · { $topic } · { $status }
ticket-line-current = { $number } · { $topic } · { $status } (aktuell)
switched-to = Ihre nächsten Nachrichten gehen an Anfrage { $number }.
which-ticket = Sie haben mehrere offene Anfragen. Zu welcher gehört diese Nachricht?
ticket-not-found = Diese Anfrage wurde nicht gefunden.
no-open-ticket = Sie haben keine offene Anfrage. Tippen Sie auf „Neue Anfrage“ oder öffnen Sie eine unter „Meine Anfragen“ erneut.
button-close = { $number } schließen
button-reopen = { $number } wieder öffnen
button-switch = In { $number } schreiben
button-new-request = ✍️ Neue Anfrage

# Status: ein Wort für Karte, Konsole, Manager-Bot und Kunden-Bot; nur „wartet auf den
# Kunden“ richtet sich an den Leser ($audience: "client" im Chat des Kunden).
status-new = neu
status-open = in Bearbeitung
status-waiting_on_client = { $audience ->
        [client] wartet auf Ihre Antwort
       *[agents] wartet auf den Kunden
    }
status-resolved = gelöst
status-closed = geschlossen
priority-low = niedrig
priority-normal = normal
priority-high = hoch
priority-urgent = dringend
role-agent = Agent
role-admin = Admin
role-owner = Inhaber

# Schließen, wieder öffnen, bewerten
ticket-closed = Anfrage { $number } ist geschlossen.
ticket-reopened = Anfrage { $number } ist wieder offen. Schreiben Sie Ihre Nachricht.
ticket-reopened-by-agent = Ihre Anfrage { $number } wurde vom Support wieder geöffnet. Wir schreiben Ihnen hier.
rate-request = Wie bewerten Sie unsere Hilfe bei Anfrage { $number }?
rating-thanks = Danke! Fügen Sie gern einen Kommentar hinzu oder tippen Sie auf „Überspringen“.
rating-comment-thanks = Vielen Dank für Ihr Feedback!
rating-already-given = Sie haben die Anfrage { $number } bereits bewertet. Vielen Dank!
rating-ticket-open = Die Anfrage { $number } ist wieder offen: Sie können sie bewerten, sobald sie geschlossen ist.
button-skip = Überspringen
ticket-already-closed = Anfrage { $number } ist bereits geschlossen.

# Ablehnungen und Grenzen
blocked-notice = Leider kann dieser Support keine Nachrichten mehr von Ihnen annehmen.
flood-notice = Sie senden Nachrichten schneller, als wir sie lesen können. Alles, was Sie senden, wird bei Ihrer Anfrage gespeichert, und ein Mitarbeiter antwortet hier – bitte haben Sie einen Moment Geduld.
flood-summary = { $client } hat { $count } weitere Nachrichten zu schnell gesendet, um sie hier weiterzuleiten; sie sind im Verlauf des Tickets gespeichert: siehe Konsole.
unsupported-message = Diese Art von Nachricht kann ich nicht weitergeben ({ $kind }). Bitte senden Sie Text, ein Foto, ein Video oder ein Dokument.

# Antworten der Agenten aus Kundensicht
reply-signature = { $alias } · { $number }
default-alias = Support

# Agentenkanal: die Ticketkarte
card-title = { $number } · { $topic }
card-client = Kunde: { $client }
card-client-erased = Kunde: auf Wunsch gelöscht
card-client-angry = 😠 Der Kunde klingt verärgert: ein erfahrener Blick hilft
card-language = 🌐 Sprache: { $language }
card-intent = 🏷 Erkannt als { $topic } ({ $confidence } %)
card-status = Status: { $status }
card-priority = Priorität: { $priority }
card-assignee = Zuständig: { $agent }
card-unassigned = Zuständig: noch niemand
card-opened = Eröffnet: { $opened }
card-sla-due = Erste Antwort fällig: { $due }
card-rating = Bewertung: { $stars } { $comment }
card-client-blocked = ⛔ Kunde gesperrt: { $reason }
card-no-topic = Allgemein
button-take = 🙋 Übernehmen
button-close-ticket = ✅ Schließen
button-transfer = ↪️ Weitergeben
button-reopen-ticket = 🔄 Wieder öffnen

# Agentenseite: Hinweise im Thread
taken-by = Übernommen von { $agent }.
not-an-agent = Das dürfen nur Agenten dieses Supports.
delivery-failed = ⚠️ Nicht an den Kunden zugestellt: { $reason }
client-blocked-bot = ⚠️ Der Kunde hat den Bot blockiert; Antworten können nicht zugestellt werden.
client-edited = ✏️ Der Kunde hat diese Nachricht bearbeitet.
ticket-closed-by = Geschlossen von { $actor }.
ticket-reopened-by = Wieder geöffnet von { $actor }.
client-rated = Der Kunde hat diese Anfrage mit { $stars }/5 bewertet. { $comment }
client-blocked-by = ⛔ { $actor } hat diesen Kunden gesperrt: { $reason }. Was er sendet, wird im Verlauf der Anfrage gespeichert und nicht weitergeleitet.
client-unblocked-by = { $actor } hat die Sperre dieses Kunden aufgehoben.
transfer-choose = { $number } weitergeben an:
transferred-to = Weitergegeben an { $agent }.
staff-bot-only = Dieser Bot ist für das Support-Team. Wenn Sie Hilfe brauchen, schreiben Sie bitte unserem Support-Bot.

# Sent once when the desk erased the client's personal data (docs/privacy.md).
privacy-erased-notice = Wie gewünscht hat dieser Support Ihre personenbezogenen Daten und die Inhalte Ihrer Anfragen gelöscht. Wenn Sie uns wieder schreiben, beginnen wir neu.

## Vorschläge aus der Wissensdatenbank, bevor eine Anfrage eröffnet wird
kb-suggest-intro = Diese Artikel beantworten Ihre Frage vielleicht sofort:
kb-did-it-help = Hat das Ihre Frage beantwortet?
kb-read = 📄 { $title }
kb-helped = ✅ Ja, danke
kb-not-helped = 🙋 Nein, ich brauche einen Menschen
kb-glad-it-helped = Schön, dass es geholfen hat! Wenn noch etwas ist, schreiben Sie einfach.
kb-article-gone = Dieser Artikel ist nicht mehr verfügbar. Tippen Sie auf „Nein, ich brauche einen Menschen“, und wir antworten Ihnen.
kb-already-answered = Das haben Sie bereits beantwortet. Schreiben Sie Ihre Frage, wenn Sie noch etwas brauchen.
kb-suggested-before = 📚 Vor dieser Anfrage wurden dem Kunden gezeigt: { $articles } — sie haben die Frage nicht beantwortet.
kb-thread-found = 📚 Hilfeartikel zu „{ $query }“ (fügen Sie einen Link in Ihre Antwort ein):
kb-thread-nothing = 📚 Kein veröffentlichter Artikel passt zu „{ $query }“.

## Maschinelle Übersetzung im Thread der Agenten (docs/translation.md)
translation-incoming = 🌐 Übersetzt aus { $from }:
    { $text }
translation-incoming-edited = 🌐 Übersetzt aus { $from }, nach der Änderung:
    { $text }
translation-incoming-failed = 🌐 Nicht übersetzt: { $why }.
translation-answer-sent = 🌐 An den Kunden auf { $to } gesendet:
    { $text }
translation-answer-confirm = 🌐 Übersetzung für den Kunden ({ $to }). Prüfen Sie sie und senden Sie sie oder Ihre Antwort im Original:
    { $text }
translation-answer-failed = 🌐 Im Original an den Kunden gesendet, nicht übersetzt: { $why }.
translation-send-button = ✅ Übersetzung senden
translation-as-written-button = ✍️ Original senden
translation-decided-sent = 🌐 Übersetzung gesendet von { $agent }:
    { $text }
translation-decided-original = 🌐 { $agent } hat die Antwort im Original gesendet.
translation-risk-numbers = Die Zahlen weichen von der Antwort ab (fehlen: { $missing }; hinzugefügt: { $added }).
translation-risk-length = Die Übersetzung ist { $percent } % so lang wie die Antwort: vielleicht gekürzt oder aufgefüllt.
translation-risk-empty = Die Übersetzung ist leer.
translation-unavailable = der Übersetzungsdienst hat nicht geantwortet
translation-provider-quota = das Kontingent des Übersetzungskontos ist aufgebraucht
translation-not-configured = die Übersetzungseinstellungen brauchen einen Admin (Schlüssel oder Adresse)
translation-too-long = der Text ist zu lang für eine Übersetzung
translation-unusable = die Antwort des Übersetzungsdienstes ist unbrauchbar
translation-quota-spent = das Tageslimit für Übersetzungen ist aufgebraucht (zurückgesetzt um { $resets })
routed-to = Vom Routing des Desks an { $agent } zugewiesen.
reassigned-on-breach = Die erste Antwort kam nicht rechtzeitig: Das Routing des Desks hat das Ticket { $from } abgenommen und { $to } gegeben.
requeued-from = { $agent } ist weg: zurück in der Warteschlange.
sla-breached-first-response = 🚨 Das Ziel für die erste Antwort ({ $due }) wurde verpasst: die Admins sind informiert, Priorität jetzt { $priority }.
sla-breached-resolution = 🚨 Das Lösungsziel ({ $due }) wurde verpasst: die Admins sind informiert, Priorität jetzt { $priority }.
sla-breached-next-reply = 🚨 Das Ziel für die nächste Antwort ({ $due }) wurde verpasst: die Admins sind informiert, Priorität jetzt { $priority }.

## Nachfassen nach dem Schließen (docs/follow-up.md)
follow-up-effort = Wie einfach war es, Anfrage { $number } zu lösen? 1 — sehr schwer, 7 — sehr einfach.
follow-up-solved = Danke! Ist Anfrage { $number } wirklich gelöst?
follow-up-solved-yes = ✅ Ja
follow-up-solved-no = ❌ Nein
follow-up-thanks = Danke für Ihre Antwort!
follow-up-already = Sie haben schon geantwortet, danke.
follow-up-effort-thread = 📝 Nachfassen: Der Kunde bewertet den Aufwand mit { $score }/7.
follow-up-not-solved-thread = ⚠️ Nachfassen: Laut Kunde ist das Problem nicht wirklich gelöst.
translation-edit-not-sent = ✏️ Diese Antwort ging übersetzt an den Kunden, daher wird die Änderung nicht gesendet (sie bleibt im Verlauf). Schreiben Sie zur Korrektur eine neue Nachricht.

# Proaktive Hinweise (docs/proactive-alerts.md).
proactive-milestone_not_confirmed = Der Meilenstein „{ $milestone }“ von Auftrag { $order } wartet noch auf Ihre Bestätigung. Wenn etwas nicht stimmt, schreiben Sie uns hier: Wir helfen gern.
proactive-payment_stuck = Ihre Zahlung für Auftrag { $order } dauert länger als üblich. Ihr Geld ist sicher; wir kümmern uns darum und melden uns, sobald sie durch ist.
proactive-delivery_late = Auftrag { $order } verspätet sich. Wir fragen beim Kurier nach; schreiben Sie hier, wenn Sie etwas brauchen.
proactive-dispute_opened = Die Gegenseite hat zu Auftrag { $order } einen Streitfall eröffnet. Antworten Sie hier mit Ihrer Sicht und Belegen (Screenshots, Dateien): Ein Agent sieht sich alles an.
proactive-button-off = 🔕 Keine Hinweise mehr
proactive-button-on = 🔔 Hinweise wieder an
proactive-off = Sie bekommen keine Hinweise mehr von uns. Schreiben können Sie uns jederzeit.
proactive-on = Hinweise sind wieder an.
proactive-ticket-subject = Hinweis: { $type }
proactive-ticket-risk = Risiko laut Plattform: { $risk } %
