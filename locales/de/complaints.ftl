# Das Beschwerderegister (docs/complaints.md): was Kunden, der Thread der Agenten, die Karte und
# der Manager-Bot über Beschwerden und Entschädigungen sagen.

complaint-acknowledged = Wir haben Ihre Beschwerde zum Thema { $category } aufgenommen (Anfrage { $number }). Sie hören bis { $promised } von uns.

complaint-category-product_quality = Produktqualität
complaint-category-delivery = Lieferung
complaint-category-payment = Zahlung
complaint-category-service_attitude = Umgang des Personals
complaint-category-account = Konto
complaint-category-other = Sonstiges

complaint-severity-low = niedrig
complaint-severity-medium = mittel
complaint-severity-high = hoch
complaint-severity-critical = kritisch

complaint-reason-none = nichts hat sie erhöht
complaint-reason-upset = klingt verärgert
complaint-reason-angry = klingt wütend
complaint-reason-threat = droht mit Schritten nach außen
complaint-reason-high_value = wertvoller Kunde
complaint-reason-high_reputation = hohe Reputation
complaint-reason-repeat = hat sich in den letzten 30 Tagen beschwert
complaint-reason-public = öffentlich geäußert

compensation-kind-refund = Erstattung
compensation-kind-coupon = Gutschein
compensation-kind-replacement = Ersatz
compensation-kind-goodwill = Kulanz

card-complaint = 📣 Beschwerde: { $category } · { $severity }

complaint-registered-thread = 📣 Als Beschwerde aufgenommen: { $category }, Schwere { $severity } ({ $reasons }).
complaint-category-thread = 📣 { $agent } hat die Beschwerde nach „{ $category }“ verschoben.
complaint-severity-thread = 📣 { $agent } hat die Schwere auf „{ $severity }“ gesetzt: { $reason }
complaint-root-cause-thread = 📣 { $agent } hat die Ursache eingetragen.
complaint-resolution-thread = 📣 { $agent } hat die Lösung eingetragen.
compensation-approved-thread = 💶 { $agent } hat „{ $kind }“ über { $amount } entschieden.
compensation-pending-thread = 💶 { $agent } schlägt „{ $kind }“ über { $amount } vor: über dem eigenen Limit, wartet auf Freigabe.
compensation-decided-approved = 💶 { $agent } hat „{ $kind }“ über { $amount } zu { $number } freigegeben.
compensation-decided-rejected = 💶 { $agent } hat „{ $kind }“ über { $amount } zu { $number } abgelehnt.

complaint-refused-not-a-complaint = Dieses Ticket ist noch keine Beschwerde: zuerst /complaint schreiben.
complaint-refused-category = Keine der Beschwerdekategorien des Teams.
complaint-refused-note = Bitte einen Text schreiben (höchstens 2.000 Zeichen); für /severity: eine Stufe (low, medium, high, critical) und den Grund.
complaint-refused-compensation = Schreiben Sie /compensate ART BETRAG [Notiz]: ART ist refund, coupon, replacement oder goodwill, BETRAG etwa 20 oder 20.50.
complaint-refused-decided = Über diese Entschädigung wurde bereits entschieden.
complaint-refused-limit = Dieser Betrag liegt über Ihrem eigenen Freigabelimit.

manager-compensation-approve = 💶 Freigabe nötig zu { $number }: { $agent } schlägt „{ $kind }“ über { $amount } vor.
    { $note }
manager-button-approve = ✅ Freigeben
manager-button-reject = ❌ Ablehnen
manager-compensation-approved = Freigegeben.
manager-compensation-rejected = Abgelehnt.
manager-approvals-none = Keine Entschädigung wartet auf Freigabe.
manager-approvals-title = Warten auf Freigabe:
manager-approvals-line = { $number } · { $kind } { $amount } · { $agent }

# Die Konsole.
web-nav-complaints = Beschwerden
web-admin-complaints = Beschwerden
web-complaint = Beschwerde
web-complaint-none = Nicht als Beschwerde aufgenommen.
web-complaint-category = Kategorie
web-complaint-category-guess = Aus den Worten des Kunden
web-complaint-register = Als Beschwerde aufnehmen
web-complaint-computed = Berechnet: { $severity } ({ $reasons })
web-complaint-adjusted = Von einem Agenten geändert: { $reason }
web-complaint-public = Öffentlich geschrieben in „{ $chat }“:
web-complaint-public-placeholder = Leer: die Bestätigung des Desks, mit der Schaltfläche zum Bot
web-complaint-public-answer = Öffentlich antworten
web-complaint-promised = Antwort versprochen bis { $at }
web-complaint-move = Verschieben
web-complaint-severity = Schwere
web-complaint-reason = Warum
web-complaint-set-severity = Schwere setzen
web-complaint-root-cause = Ursache
web-complaint-resolution = Lösung
web-complaint-save-notes = Speichern
web-compensations = Entschädigung
web-compensations-none = Nichts entschieden.
web-compensation-pending = wartet auf Freigabe
web-compensation-approved = freigegeben
web-compensation-rejected = abgelehnt
web-compensation-approve = Freigeben
web-compensation-reject = Ablehnen
web-compensation-kind = Art
web-compensation-note = Notiz
web-compensation-propose = Vorschlagen
web-complaints = Beschwerderegister
web-complaints-bad-filter = Unbekannte Kategorie oder Schwere.
web-complaints-from = Von
web-complaints-to = bis
web-complaints-any-category = Jede Kategorie
web-complaints-any-severity = Jede Schwere
web-complaints-show = Anzeigen
web-complaints-totals = { $count } Beschwerden · { $approved } Entschädigung freigegeben · { $pending } warten auf Freigabe
web-complaints-ticket = Ticket
web-complaints-registered = Aufgenommen
web-complaints-settings-intro = Eine Beschwerde hat eine Kategorie, eine Schwere, die das Team berechnet (Ton, Drohungen, Wert und Reputation des Kunden, Wiederholungen in 30 Tagen, Öffentlichkeit) und Agenten mit Begründung ändern können, eine Ursache und eine Lösung. Entschädigungen über dem Limit einer Rolle warten auf Freigabe.
web-complaints-settings-recognise = Neue Anfragen, die wie Beschwerden klingen, aufnehmen
web-complaints-settings-acknowledge = Dem Kunden die Aufnahme bestätigen und sagen, bis wann er Antwort bekommt
web-complaints-settings-promise = Antwort versprochen innerhalb von (Arbeitsstunden)
web-complaints-settings-categories = Kategorien, eine pro Zeile (Kleinbuchstaben, Ziffern, _)
web-complaints-settings-currency = Währung (ISO-Code)
web-complaints-settings-agent-limit = Ein Agent entscheidet allein bis
web-complaints-settings-admin-limit = Ein Admin entscheidet allein bis (leer: jeder Betrag)
web-complaints-settings-value = Kundenwert: Attribut und Schwelle
web-complaints-settings-reputation = Kundenreputation: Attribut und Schwelle
web-complaints-settings-save = Speichern
web-complaints-settings-bad-category = Eine Kategorie besteht aus Kleinbuchstaben, Ziffern und _ (höchstens 32).
web-complaints-settings-bad-categories = Bitte 1 bis 30 Kategorien angeben.
web-complaints-settings-duplicate-category = Eine Kategorie steht doppelt in der Liste.
web-complaints-settings-bad-limit = Ein Limit ist ein Betrag wie 50 oder 50.00.
web-complaints-settings-bad-limits = Das Limit eines Admins darf nicht unter dem eines Agenten liegen.
web-complaints-settings-bad-threshold = Eine Schwelle ist eine Zahl.
web-complaints-settings-bad-promise = Die versprochene Zeit beträgt 1 bis 720 Arbeitsstunden.
web-complaints-settings-bad-currency = Die Währung ist ein Code aus drei Buchstaben wie EUR.

# Einstellungen der proaktiven Hinweise.
web-admin-alerts = Hinweise
web-alerts-intro = Die Plattform meldet Ereignisse (POST /api/v1/events): Der Kunden-Bot schreibt dem Kunden zuerst, höchstens so oft am Tag und nie nach „Keine Hinweise mehr“; ab dem hier gesetzten Risiko eröffnet ein Ereignis auch ein Ticket.
web-alerts-built-in = Eingebaute Ereignistypen und ihre nötigen Daten
web-alerts-per-day = Höchstens so viele Hinweise pro Kunde und Tag
web-alerts-ticket-from = Ticket ab diesem Risiko eröffnen (0-100; leer: nur wenn das Ereignis es verlangt)
web-alerts-custom = Eigene Typen und Texte, einer pro Zeile: typ = Text oder typ.de = Text für eine Sprache; {"{"}feld{"}"} kommt aus den Daten des Ereignisses
web-alerts-save = Speichern
web-alerts-bad-per-day = Hinweise pro Tag: eine ganze Zahl von 0 bis 20.
web-alerts-bad-risk = Das Risiko ist eine ganze Zahl von 0 bis 100.
web-alerts-bad-line = Eine Zeile lautet typ = Text (typ: Kleinbuchstaben, Ziffern, _; optional .en, .ru, .zh oder .de).
web-reports-complaints-none = In diesem Zeitraum wurde keine Beschwerde aufgenommen.
web-reports-complaints-total = Beschwerden
web-reports-complaints-change = Letzte 7 Tage gegenüber den 7 davor

## Öffentliche Beschwerden (docs/public-complaints.md)
card-public = 📢 Öffentlich: { $chat } · { $link }
card-public-waiting = 📢 Öffentlich: { $chat } · { $link } · hat den Bot noch nicht geöffnet
public-answer-default = Danke für den Hinweis, und das tut uns leid. Wir haben Anfrage { $number } eröffnet und klären es privat mit Ihnen: tippen Sie auf die Schaltfläche unten.
public-answer-button = Privat fortsetzen
public-answered-thread = 📢 Öffentlich geantwortet in „{ $chat }“: { $text }
public-answer-held = ⏸ Noch nicht gesendet: Der Kunde hat den Bot seit seiner Nachricht in „{ $chat }“ nicht geöffnet, und Telegram lässt keinen Bot zuerst schreiben. Die Antwort geht raus, sobald er es tut; /public antwortet dort, wo er geschrieben hat.
public-refused-not-public = Dieses Ticket kam nicht aus einem öffentlichen Chat: Es gibt keinen Ort für eine öffentliche Antwort.
public-refused-too-long = Eine öffentliche Antwort hat höchstens 1.000 Zeichen: kurz halten und privat weitermachen.
public-joined = Hallo! Es geht um Ihre Nachricht in „{ $chat }“: Anfrage { $number }. Schreiben Sie hier, das Team antwortet Ihnen.
settings-public-watched = Ich achte jetzt in „{ $title }“ auf Beschwerden: Eine Nachricht, die wie eine klingt, wird ein Ticket und bekommt eine öffentliche Antwort mit einem Weg zum Bot. /public listet die Chats.
settings-public-unwatched = Ich achte in „{ $title }“ nicht mehr auf Beschwerden.
settings-public-title = Öffentliche Chats, in denen auf Beschwerden geachtet wird:
settings-public-none = Noch keine. Fügen Sie den Kunden-Bot als Administrator zu einer öffentlichen Gruppe oder zur Diskussionsgruppe eines öffentlichen Kanals hinzu.
settings-public-line = • { $title } { $place }
settings-public-stop-button = „{ $title }“ nicht mehr beobachten
settings-public-answer-automatic = Eine Beschwerde wird sofort öffentlich mit der Bestätigung des Desks beantwortet.
settings-public-answer-by_agents = Öffentlich geantwortet wird nur, wenn ein Agent /public im Thread schreibt.
settings-public-switch-button = Antwortweise umschalten
