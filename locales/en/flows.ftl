## Self-service flows: the client bot's built-in buttons, notices and refusals, the flow editor.

## The console's flow editor (/admin/flows)
web-admin-flows = Flow
web-flows-title = Client bot flow
web-flows-active = Clients run revision { $revision }, saved { $when }.
web-flows-active-builtin = Clients run the built-in default flow: nothing has been saved yet.
web-flows-note = Note
web-flows-check = Check
web-flows-save = Save as a new revision
web-flows-problems = { $errors ->
    [one] 1 error
   *[other] { $errors } errors
 }, { $warnings ->
    [one] 1 warning
   *[other] { $warnings } warnings
}
web-flows-line = Line
web-flows-severity = Kind
web-flows-message = Problem
web-flows-error = error
web-flows-warning = warning
web-flows-preview = What the client sees
web-flows-preview-language = Language
web-flows-preview-show = Show
web-flows-preview-invalid = Fix the errors to see the preview.
web-flows-button-human = Talk to a human
web-flows-button-back = Back
web-flows-button-done = Done
web-flows-button-yes = Yes
web-flows-button-no = No
web-flows-history = History
web-flows-history-none = No revisions yet.
web-flows-revision = Revision
web-flows-who = Saved by
web-flows-who-cli = command line
web-flows-when = When
web-flows-current = active
web-flows-restore = Restore
web-flows-error-intent = Choose Check or Save.
web-flows-error-restore-invalid = That revision no longer passes validation; it cannot be restored.
