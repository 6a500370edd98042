# The web console and its sign-in links.

# Antworten und Notizen aus der Web-Konsole, wie Agenten sie im Thread sehen
console-reply-mirror = ✉️ { $alias } (Konsole): { $text }
console-note-mirror = 📝 { $alias } (Konsole, interne Notiz): { $text }
login-link = Anmeldung an der Web-Konsole: { $url }
    Der Link gilt einmal und läuft in { $minutes } Minuten ab.

# Meldungen der Konsole zu Dateien und zur Anmeldung
console-file-too-big = Diese Datei ist größer als { $limit } MB, das Maximum, das ein Bot bei Telegram herunterladen darf, daher kann die Konsole sie nicht öffnen. Sie liegt im Thread des Tickets in Telegram.
console-sign-in-throttled = Zu viele Anmeldeversuche. Bitte versuche es in { $seconds } s erneut.
console-sign-in-foreign-origin = Diese Anmeldung wurde von einer anderen Website gesendet und daher abgelehnt. Öffne den Anmeldelink oder die Seite der Konsole erneut.

# Die Seiten der Konsole. Status-, Prioritäts- und Rollenwörter kommen aus bot.ftl
# (status-*, priority-*, role-*), Spaltenköpfe der Berichte aus reports.ftl.

## Navigation und Anmeldung
web-nav-inbox = Posteingang
web-nav-reports = Berichte
web-nav-admin = Verwaltung
web-log-out = Abmelden
web-log-out-everywhere = Überall abmelden
web-back-to-inbox = Zurück zum Posteingang
web-sign-in = Anmelden
web-sign-in-how = Senden Sie /login an den Manager-Bot des Desks in Telegram: Er antwortet mit einem einmaligen Anmeldelink.
web-sign-in-password-title = Admins: mit Passwort anmelden
web-sign-in-telegram-id = Telegram-Nutzer-ID
web-sign-in-password = Passwort
web-sign-in-link-title = Bei der Konsole anmelden
web-sign-in-link-note = Der Link funktioniert einmal und läuft wenige Minuten nach dem Versand ab.
web-sign-in-link-used = Dieser Anmeldelink wurde schon benutzt oder ist abgelaufen. Senden Sie /login an den Manager-Bot für einen neuen.
web-sign-in-deactivated = Ihr Konto ist deaktiviert.
web-sign-in-wrong-password = Falsche Telegram-ID oder falsches Passwort.
web-account = Konto
web-account-who = { $name } · { $role } · Telegram-ID { $id }
web-account-language = Die Konsole spricht Ihre Sprache aus dem Manager-Bot ({ $language }); ohne eine solche die Ihres Browsers.

## Posteingang und Ticket
web-inbox = Posteingang
web-inbox-count = { $count ->
        [one] { $count } Ticket
       *[other] { $count } Tickets
    }
web-subject = Betreff
web-client = Kunde
web-status = Status
web-priority = Priorität
web-assignee = Zuständig
web-opened = Eröffnet
web-sla-badge = SLA
web-sla-breached = SLA verletzt
web-filter-active = Aktiv
web-filter-any-status = Jeder Status
web-filter-any-topic = Jedes Thema
web-filter-any-priority = Jede Priorität
web-filter-anyone = Alle
web-filter-me = Ich
web-filter-unassigned = Nicht zugewiesen
web-filter-any-language = Jede Sprache
web-filter-any-sla = Jedes SLA
web-filter-search = Nachrichten durchsuchen
web-filter-apply = Filtern
web-assigned = Zuständig: { $agent }
web-first-reply-due = erste Antwort fällig { $due }
web-client-since = Sprache: { $language } · seit { $since }
web-client-writes = Schreibt auf: { $language }
web-client-blocked = Gesperrt: { $reason } ({ $at })
web-client-not-blocked = Nicht gesperrt
web-client-platform-fields = Felder der Plattform
web-client-tickets = Tickets
web-message-note = { $author } (interne Notiz)
web-message-edited = bearbeitet
web-message-image = Bild
web-event-the-client = der Kunde
web-event-status = { $actor }: { $from } → { $to }
web-event-opened = Eröffnet von { $actor }
web-event-assigned = { $actor } hat es { $agent } zugewiesen
web-reply-label = Dem Kunden antworten
web-reply-send = Antwort senden
web-note-label = Interne Notiz (nur für Agents)
web-note-add = Notiz hinzufügen
web-actions = Aktionen
web-nobody = Niemand
web-assign = Zuweisen
web-set-status = Status setzen
web-set-priority = Priorität setzen
web-tag-placeholder = Tag
web-tag-action = Tag-Aktion
web-tag-add = Tag hinzufügen
web-tag-remove = Tag entfernen
web-tag-apply = Anwenden
web-merge-placeholder = #Duplikat
web-merge = In dieses Ticket zusammenführen
web-templates-picker = Vorlagen:

## Verwaltung
web-admin-agents = Agents
web-admin-topics = Themen
web-admin-hours = Zeiten & SLA
web-admin-templates = Vorlagen
web-admin-audit = Protokoll
web-admin-bots-and-channel = Bots und Kanal
web-admin-client-bot = ID des Kunden-Bots:
web-admin-channel = Kanal der Agents:
web-admin-group = Diskussionsgruppe:
web-admin-more-channel = Weiterer Kanal { $channel }, Gruppe { $group }
web-admin-more-channel-queue = Weiterer Kanal { $channel }, Gruppe { $group }, Warteschlange { $queue }
web-admin-chat-missing = fehlt
web-admin-outbox = Postausgang: { $waiting } wartend, { $failed } fehlgeschlagen
web-admin-nothing-missing = Es fehlt nichts.
web-admin-missing = Es fehlt
web-admin-missing-channel = der Kanal der Agents (desk.channel_id): Tickets werden den Agents nicht gezeigt
web-admin-missing-group = die Diskussionsgruppe des Kanals (desk.group_id): keine Ticket-Threads
web-admin-missing-public-url = die öffentliche URL der Konsole (http.public_url): /login kann keine Links senden
web-agents-name = Name
web-agents-alias = Alias
web-agents-role = Rolle
web-agents-active = aktiv
web-agents-deactivated = deaktiviert
web-agents-activate = Aktivieren
web-agents-deactivate = Deaktivieren
web-agents-set-role = Setzen
web-agents-how-to-add = Agents fügen Sie mit „ticketgram agent add“ oder im Einstellungs-Bot hinzu.
web-topics-position = Position
web-topics-active = aktiv
web-topics-hidden = ausgeblendet
web-minutes = { $minutes } Min.
web-hours-title = Arbeitszeiten und SLA-Ziele
web-hours-zone = Zeitzone: { $zone }
web-hours-open = Der Desk ist jetzt geöffnet.
web-hours-closed = Der Desk ist jetzt geschlossen; er öffnet { $opens }.
web-hours-first-reply = Erste Antwort
web-hours-next-reply = Nächste Antwort
web-hours-resolution = Lösung
web-hours-how-to-change = Ändern Sie sie im Einstellungs-Bot.
web-audit-when = Wann
web-audit-who = Wer
web-audit-action = Aktion
web-audit-subject = Gegenstand
web-audit-details = Details
web-templates-title = Antwortvorlagen
web-templates-none = Noch keine.
web-templates-add = Vorlage hinzufügen oder ersetzen
web-templates-language = Sprache
web-templates-name = Name
web-templates-text = Text
web-templates-save = Vorlage speichern
web-templates-remove = Entfernen
web-templates-note = Eine Vorlage mit gleicher Sprache und gleichem Namen wird ersetzt. Tickets in einer Sprache ohne Vorlagen bekommen die englischen.

## Berichte
web-reports-from = Von
web-reports-to = Bis
web-reports-show = Anzeigen
web-reports-export-xlsx = Als XLSX exportieren
web-reports-export-csv = Als CSV exportieren
web-reports-zone = Arbeitszeit, Zeitzone { $zone }.
web-reports-per-agent = Pro Agent (geschlossen)
web-reports-per-topic = Pro Thema (eröffnet)
web-reports-self-service = Self-Service
web-reports-self-service-none = In diesen Tagen wurde keinem Kunden ein Artikel vorgeschlagen und niemand hat einen Ablauf durchlaufen.
web-reports-opened = eröffnet
web-reports-closed = geschlossen
web-reports-trend-label = Eröffnet und geschlossen pro Tag

## Prognose und Personalbedarf (Berichte → Prognose)
web-reports-forecast-link = Prognose und Personalbedarf
web-forecast-title = Prognose und Personalbedarf
web-forecast-zone = Lokale Tage und Stunden, Zeitzone { $zone }; erstellt aus { $days ->
        [one] { $days } Tag
       *[other] { $days } Tagen
    } Verlauf.
web-forecast-needs-days = Die Prognose braucht noch { $days ->
        [one] { $days } Tag
       *[other] { $days } Tage
    } Ticketverlauf, bevor sie etwas sagen kann.
web-forecast-error = Typischer Fehler { $model } % (Schätzung „wie dieselbe Stunde letzte Woche“: { $naive } %).
web-forecast-error-worse = In den letzten zwei Wochen lag die Schätzung „wie dieselbe Stunde letzte Woche“ näher als die Prognose: vorsichtig planen.
web-forecast-error-needs-days = Der typische Fehler lässt sich nach { $days ->
        [one] { $days } weiteren Tag
       *[other] { $days } weiteren Tagen
    } Verlauf messen.
web-forecast-error-none = Keine Tickets in den letzten zwei Wochen: Der Fehler lässt sich nicht messen.
web-forecast-days = Die nächsten 14 Tage
web-forecast-day = Tag
web-forecast-peak-agents = Höchstens gleichzeitig benötigte Agenten
web-forecast-agent-hours = Agentenstunden
web-forecast-staffing = Benötigte Agenten pro Stunde
web-forecast-staffing-note = Agenten, die Tickets beantworten, ohne Pausen; „–“: der Helpdesk ist geschlossen.
web-forecast-assumptions = Annahmen
web-forecast-handling = Bearbeitungszeit { $minutes } min: der Median der Zeit von der ersten Antwort bis zur Lösung bei { $tickets } in den letzten 8 Wochen gelösten Tickets.
web-forecast-handling-assumed = Bearbeitungszeit { $minutes } min, angenommen: In den letzten 8 Wochen wurde kein Ticket nach einer Antwort gelöst.
web-forecast-target = Erste Antwort innerhalb von { $minutes } min für { $percent } % der Tickets (das Ziel des Helpdesks für normale Priorität).
web-forecast-target-default = Erste Antwort innerhalb von { $minutes } min für { $percent } % der Tickets (der Helpdesk hat kein Ziel für die erste Antwort; der Standardwert gilt).
web-forecast-method = Stunde für Stunde aus den letzten 8 Wochen (Tages- und Wochenmuster, Feiertage des Helpdesks); im Band liegen etwa 8 von 10 Stunden. Agenten nach Erlang C: Tickets kommen zufällig, ein Ticket pro Agent zugleich.
web-forecast-days-label = Erwartete Tickets pro Tag
web-forecast-hours-label = Erwartete Tickets pro Stunde mit 80-%-Band
web-weekday-mon = Mo
web-weekday-tue = Di
web-weekday-wed = Mi
web-weekday-thu = Do
web-weekday-fri = Fr
web-weekday-sat = Sa
web-weekday-sun = So

## Fehler
web-error-title-bad-request = Nicht angenommen
web-error-title-unauthorized = Nicht angemeldet
web-error-title-forbidden = Nicht erlaubt
web-error-title-not-found = Nicht gefunden
web-error-title-conflict = Schon geändert
web-error-title-too-big = Datei zu groß
web-error-title-internal = Etwas ist schiefgegangen
web-error-unauthorized = Bitte melden Sie sich zuerst an.
web-error-forbidden = Ihre Rolle darf diese Seite nicht öffnen.
web-error-csrf = Dieses Formular ist veraltet oder kam nicht aus der Konsole. Laden Sie die Seite neu und versuchen Sie es noch einmal.
web-error-not-found = Hier ist nichts.
web-error-internal = Die Konsole konnte das nicht ausführen. Die Einzelheiten stehen im Log des Servers.
web-error-replayed = Dieses Formular wurde bereits gesendet.
web-error-refused = Das ging nicht: { $reason }
web-error-unreadable-form = Das Formular konnte nicht gelesen werden.
web-error-unknown-filter = Einer der Filter hat einen Wert, den der Posteingang nicht kennt.
web-error-unknown-agent = Diesen Agent gibt es nicht.
web-error-agent-deactivated = Dieser Agent ist deaktiviert.
web-error-taken-first = Jemand anderes hat dieses Ticket zuerst übernommen.
web-error-unknown-status = Diesen Status gibt es nicht.
web-error-unknown-priority = Diese Priorität gibt es nicht.
web-error-bad-tag = Ein Tag ist ein Wort ohne Leerzeichen, höchstens 64 Zeichen.
web-error-bad-ticket-number = Das ist keine Ticketnummer.
web-error-unknown-language = Diese Sprache gibt es nicht.
web-error-template-incomplete = Eine Vorlage braucht einen Namen und einen Text.
web-error-deactivate-self = Sie können sich nicht selbst deaktivieren.
web-error-unknown-role = Diese Rolle gibt es nicht.
web-error-own-role = Sie können Ihre eigene Rolle nicht ändern.
web-error-not-a-date = Daten schreibt man wie 2026-11-02.
web-error-report-range = Wählen Sie höchstens ein Jahr, den ersten Tag zuerst.

# Privacy (docs/privacy.md): a client's export and erasure, the desk's retention period.
web-client-erased = Gelöschter Kunde (seit { $at })
web-client-export = Daten exportieren (zip)
web-client-erase = Kunden löschen…
web-message-removed = (Inhalt entfernt)
web-erase-title = Kunden löschen
web-erase-tickets = Tickets: { $count }
web-erase-explain = Das Löschen entfernt Namen, Benutzernamen, Telegram-ID und Plattformfelder des Kunden, Text und Dateien aller Nachrichten seiner Tickets (auch Antworten und Notizen der Agenten), Betreffs und Bewertungskommentare, und löscht seine Nachrichten aus den Threads der Agenten. Offene Tickets werden geschlossen. Die Tickets selbst bleiben und zählen weiter in den Berichten. Der Kunde wird in seiner Sprache informiert. Das lässt sich nicht rückgängig machen: Exportieren Sie zuerst seine Daten, wenn er sie angefordert hat.
web-erase-confirm = Mir ist klar, dass sich das nicht rückgängig machen lässt
web-erase-button = Kunden löschen
web-erase-not-confirmed = Setzen Sie das Häkchen, um das Löschen zu bestätigen.
web-admin-privacy = Datenschutz
web-privacy-retention = Aufbewahrungsfrist
web-privacy-retention-now = Inhalte geschlossener Tickets werden { $days } Tage aufbewahrt.
web-privacy-retention-none = Inhalte werden aufbewahrt, bis ein Kunde gelöscht wird (keine Aufbewahrungsfrist).
web-privacy-retention-help = Stündlich werden Text und Dateien von Nachrichten in geschlossenen Tickets gelöscht, die älter als so viele Tage sind, samt Betreffs und Bewertungskommentaren; die Tickets zählen weiter in den Berichten. Leer lassen, um alles aufzubewahren.
web-privacy-retention-days = Tage
web-privacy-save = Speichern
web-privacy-retention-invalid = Die Aufbewahrungsfrist ist eine ganze Zahl von Tagen zwischen 1 und 36500, oder leer.

# Prüfungen der Einstellungen für die Bestellabfrage (Konsole: Einstellungen → Bestellabfrage).
lookup-config-no-order = Die URL-Vorlage muss {"{"}order{"}"} an der Stelle der Bestellnummer enthalten.
lookup-config-not-a-url = Die URL-Vorlage ist keine URL ({ $why }).
lookup-config-scheme = Die URL muss mit http:// oder https:// beginnen.
lookup-config-order-placement = {"{"}order{"}"} muss im Pfad oder in der Abfrage der URL stehen (nicht im Host, Port oder #Fragment).
lookup-config-credentials = Die URL darf keinen Benutzernamen und kein Passwort enthalten: Abfragen werden mit dem Geheimnis signiert.
lookup-config-secret-short = Das Geheimnis muss mindestens { $min } Zeichen lang sein.
lookup-config-timeout = Das Zeitlimit muss zwischen { $min } und { $max } ms liegen.
lookup-config-field-name = Feldname „{ $name }“: Buchstaben, Ziffern und _ verwenden.
lookup-config-reserved-field = Der Feldname „order“ ist vergeben: {"{"}order{"}"} ist die Bestellnummer selbst.
lookup-config-duplicate-field = Feld „{ $name }“ ist doppelt aufgeführt.
lookup-config-pointer = Feld „{ $name }“: „{ $pointer }“ ist kein JSON Pointer (er beginnt mit /, z. B. /order/status).
lookup-config-empty-template = Die Statusvorlage ist leer.
lookup-config-unknown-placeholder = Die Statusvorlage verwendet {"{"}{ $name }{"}"}, das weder ein Feld noch {"{"}order{"}"} ist.
lookup-config-pattern = Das Bestellnummernmuster ist kein verwendbarer regulärer Ausdruck ({ $why }).

# Routing und Anwesenheit (docs/routing.md)
web-admin-routing = Routing
web-routing-title = Routing und Anwesenheit
web-routing-intro = Wer ein neues Ticket bekommt, pro Warteschlange: manual (Agenten drücken Übernehmen), round_robin, least_loaded oder language_match, mit optionaler Obergrenze offener Tickets pro Agent. Wer weg oder nicht im Dienst ist, bekommt nichts Neues.
web-routing-rules = Eine Zeile pro Warteschlange: Name = Strategie[, cap N][, reassign][, lead Name][, first M][, next M][, resolve M] (eigene Zielzeiten der Warteschlange in Arbeitsminuten, strenger als die der Priorität); „default“ für Tickets ohne Warteschlange
web-routing-save = Regeln speichern
web-routing-presence = Anwesenheit
web-routing-open = Offene Tickets
web-routing-set = Setzen
web-routing-hours = Eigene Arbeitszeiten
web-routing-hours-desk = die des Desks (z. B. mon-fri 09:00-17:00)
web-routing-bad-hours = Das liest sich nicht als Arbeitszeit: etwa mon-fri 09:00-17:00; sat 10:00-14:00 (leer: die des Desks).
web-routing-presence-on_duty = Im Dienst
web-routing-presence-away = Kurz weg
web-routing-presence-off = Nicht im Dienst
web-routing-bad-line = Nicht gespeichert: Zeile { $line } hat nicht die Form „Name = Strategie“ oder „Name = Strategie, cap N“.
web-routing-bad-presence = Wählen Sie im Dienst, kurz weg oder nicht im Dienst.
web-reports-effort = Kundenaufwand (Nachfassen nach dem Schließen)
web-reports-effort-none = Keine Antworten in diesem Zeitraum.
web-reports-effort-answers = Antworten
web-reports-effort-average = Durchschnitt (1 sehr schwer – 7 sehr einfach)
web-reports-effort-easy = Einfach (5–7)
web-reports-effort-not-solved = „Nicht wirklich gelöst“ (wieder geöffnet)
web-admin-follow-up = Nachfassen
web-follow-up-intro = Nach dem Schließen einer Anfrage kann der Kunde gefragt werden, wie einfach die Lösung war (1–7) und ob das Problem wirklich gelöst ist: ein „Nein“ öffnet die Anfrage wieder. Die Antworten stehen in den Berichten.
web-follow-up-now = An: Der Kunde wird { $minutes } Minuten nach dem Schließen gefragt.
web-follow-up-off = Aus: Beim Schließen wird nur um eine Bewertung gebeten.
web-follow-up-enabled = Nach dem Schließen nachfassen
web-follow-up-minutes = Minuten nach dem Schließen (0: sofort)
web-follow-up-ask-solved = Auch „Ist es wirklich gelöst?“ fragen (ein Nein öffnet die Anfrage wieder)
web-follow-up-save = Speichern
web-follow-up-bad-minutes = Geben Sie die Minuten als ganze Zahl von 0 bis 43200 (30 Tage) an.

# The desk switcher in the header, for people who work in several desks.
web-desk = Support-Desk
web-desk-switch = Wechseln
