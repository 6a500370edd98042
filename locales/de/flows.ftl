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
