## Self-service flows: the client bot's built-in buttons, notices and refusals, the flow editor.

## The console's flow editor (/admin/flows)
web-admin-flows = Ablauf
web-flows-title = Ablauf des Kunden-Bots
web-flows-active = Kunden durchlaufen Revision { $revision }, gespeichert { $when }.
web-flows-active-builtin = Kunden durchlaufen den eingebauten Standardablauf: Es wurde noch nichts gespeichert.
web-flows-note = Notiz
web-flows-check = Prüfen
web-flows-save = Als neue Revision speichern
web-flows-problems = { $errors ->
    [one] 1 Fehler
   *[other] { $errors } Fehler
 }, { $warnings ->
    [one] 1 Warnung
   *[other] { $warnings } Warnungen
}
web-flows-line = Zeile
web-flows-severity = Art
web-flows-message = Problem
web-flows-error = Fehler
web-flows-warning = Warnung
web-flows-preview = Was der Kunde sieht
web-flows-preview-language = Sprache
web-flows-preview-show = Anzeigen
web-flows-preview-invalid = Beheben Sie die Fehler, um die Vorschau zu sehen.
web-flows-button-human = Mit einem Menschen sprechen
web-flows-button-back = Zurück
web-flows-button-done = Fertig
web-flows-button-yes = Ja
web-flows-button-no = Nein
web-flows-history = Verlauf
web-flows-history-none = Noch keine Revisionen.
web-flows-revision = Revision
web-flows-who = Gespeichert von
web-flows-who-cli = Kommandozeile
web-flows-when = Wann
web-flows-current = aktiv
web-flows-restore = Wiederherstellen
web-flows-error-intent = Wählen Sie „Prüfen“ oder „Speichern“.
web-flows-error-restore-invalid = Diese Revision besteht die Prüfung nicht mehr und kann nicht wiederhergestellt werden.

## Der Kunden-Bot im Self-Service-Ablauf
flow-button-human = 🙋 Mit einem Menschen sprechen
flow-button-back = ⬅️ Zurück
flow-button-done = ✅ Fertig
flow-button-yes = Ja
flow-button-no = Nein
flow-rejected = { $code ->
    [not_a_number] Bitte senden Sie eine Zahl.
    [not_a_whole_number] Bitte senden Sie eine ganze Zahl.
    [out_of_range] Diese Zahl liegt außerhalb des zulässigen Bereichs.
    [pattern_mismatch] Das entspricht nicht dem erwarteten Format.
    [too_long] Das ist zu lang: höchstens { $max } Zeichen.
    [empty] Bitte schreiben Sie Ihre Antwort.
    [not_an_option] Bitte wählen Sie eine der Schaltflächen.
    [expected_media] Bitte senden Sie ein Foto oder ein Dokument.
    [expected_text] Bitte antworten Sie mit Text.
    [wrong_media_kind] Diese Art von Datei wird hier nicht angenommen.
    [too_many_files] Das sind zu viele Dateien: höchstens { $max }.
    [not_enough_files] Bitte senden Sie mindestens { $min } Dateien.
    [not_an_order_number] Das sieht nicht wie eine Bestellnummer aus.
   *[other] Diese Antwort konnte nicht übernommen werden.
 }
flow-media-received = { $count } von höchstens { $max } erhalten. Senden Sie weitere oder tippen Sie auf „Fertig“.
flow-outdated-button = Diese Schaltfläche gehört zu einer früheren Frage.
flow-changed = Unser Menü hat sich inzwischen geändert, deshalb beginnen wir von vorn.
flow-lookup-unavailable = Wir können die Bestellung { $order } gerade nicht bei der Plattform prüfen. Ein Mitarbeiter prüft sie für Sie; nichts von dem, was Sie geschrieben haben, geht verloren.
flow-handed-off = 📋 Aus dem Self-Service-Ablauf eröffnet ({ $reason }). Die Antworten des Kunden:
flow-lookup-failed = ⚠️ Die Bestellabfrage ist fehlgeschlagen: { $reason }
flow-field-files = { $count ->
    [one] 1 Datei
   *[other] { $count } Dateien
 }

## The console's ticket page
web-ticket-fields = Antworten im Formular

## The ticket card
card-form = 📋 Antworten im Formular:

## The console's order lookup page (/admin/lookup)
web-admin-lookup = Bestellabfrage
web-lookup-title = Bestellabfrage bei Ihrer Plattform
web-lookup-intro = Der Kunden-Bot fragt Ihre Plattform nach einer Bestellung, die ein Kunde nennt, und zeigt den Status. Was Ihre Plattform erhält und antworten muss: docs/platform.md.
web-lookup-url = URL-Vorlage
web-lookup-secret = Gemeinsames Geheimnis
web-lookup-secret-set = Ein Geheimnis ist gesetzt; lassen Sie das Feld leer, um es zu behalten.
web-lookup-secret-not-set = Noch kein Geheimnis gesetzt.
web-lookup-timeout = Zeitlimit (ms)
web-lookup-fields = Felder der Antwort, eines pro Zeile: name = /json/pointer
web-lookup-template = Statusvorlage
web-lookup-pattern = Muster der Bestellnummer (optional)
web-lookup-save = Speichern
web-lookup-remove = Bestellabfrage entfernen
web-lookup-test-order = Bestellnummer
web-lookup-test = Abfrage testen
web-lookup-invalid = Nicht gespeichert: { $problem }
web-lookup-secret-required = das gemeinsame Geheimnis fehlt
web-lookup-no-key = diese Instanz hat keinen Schlüssel, um das Geheimnis zu versiegeln
web-lookup-test-found = Die Plattform hat geantwortet; der Kunde würde lesen: { $text }
web-lookup-test-not-found = Die Plattform kennt diese Bestellung nicht (404).
web-lookup-test-invalid = Das ist keine Bestellnummer, nach der die Abfrage fragen würde (siehe Muster).
web-lookup-test-unavailable = Keine Antwort anzuzeigen: { $reason }
web-lookup-error-intent = Wählen Sie Speichern, Testen oder Entfernen.
