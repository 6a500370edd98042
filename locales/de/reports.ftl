# Beschriftungen der Berichtsmappe (XLSX) und ihrer CSV-Exporte: Blattnamen, Spaltenköpfe,
# Diagrammtitel. Blattnamen höchstens 31 Zeichen und ohne : \ / ? * [ ].

report-sheet-summary = Übersicht
report-sheet-agents = Agenten
report-sheet-topics = Themen
report-sheet-trend = Verlauf
report-sheet-topic-trend = Themen-Verlauf
report-section = Abschnitt
report-metric = Kennzahl
report-value = Wert
report-desk = Helpdesk
report-first-day = Erster Tag
report-last-day = Letzter Tag
report-time-zone = Zeitzone
report-agent = Agent
report-topic = Thema
report-date = Datum
report-created = Erstellt
report-taken = Übernommen
report-closed = Geschlossen
report-still-open = Noch offen
report-first-reaction-median = Median erste Reaktion (Min.)
report-first-reaction-p90 = P90 erste Reaktion (Min.)
report-first-reaction-within = Erste Reaktion im Ziel (%)
report-resolution-median = Median Lösung (Min.)
report-resolution-p90 = P90 Lösung (Min.)
report-resolution-within = Lösung im Ziel (%)
report-ratings = Bewertungen
report-rating-average = Durchschnittliche Bewertung
report-share-created = Anteil der erstellten (%)
report-unassigned = Nicht zugewiesen
report-no-topic = Kein Thema
report-chart-summary = Tickets im Zeitraum
report-chart-agents = Übernommene und geschlossene Tickets je Agent
report-chart-topics = Erstellte Tickets je Thema
report-chart-trend = Tickets pro Tag
report-chart-topic-trend = Neue Tickets pro Tag und Thema

# The forecast workbook and CSV (console: Reports → Forecast).
forecast-sheet-hours = Prognose
forecast-sheet-assumptions = Annahmen
forecast-hour = Stunde
forecast-expected = Erwartete Tickets
forecast-lower = Untergrenze (80 %)
forecast-upper = Obergrenze (80 %)
forecast-open = Geöffnet
forecast-open-yes = geöffnet
forecast-open-no = geschlossen
forecast-agents = Benötigte Agenten
forecast-chart = Erwartete Tickets und benötigte Agenten pro Stunde
forecast-handling-min = Verwendete Bearbeitungszeit (min)
forecast-handling-measured-on = Gemessen an gelösten Tickets
forecast-target-min = Ziel für die erste Antwort (min)
forecast-service-level = Anteil innerhalb des Ziels beantwortet (%)
forecast-error-model = Typischer Fehler der Prognose (%)
forecast-error-naive = Typischer Fehler von „wie dieselbe Stunde letzte Woche“ (%)
