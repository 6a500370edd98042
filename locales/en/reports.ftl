# Report workbooks and CSV exports: sheet names, column headers, chart titles.
