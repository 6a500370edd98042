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

## The client bot running the desk's flow
flow-button-human = 🙋 Talk to a person
flow-button-back = ⬅️ Back
flow-button-done = ✅ Done
flow-button-yes = Yes
flow-button-no = No
flow-rejected = { $code ->
    [not_a_number] Please send a number.
    [not_a_whole_number] Please send a whole number.
    [out_of_range] That number is outside the range we can accept.
    [pattern_mismatch] That is not in the expected format.
    [too_long] That is too long: { $max } characters at most.
    [empty] Please write your answer.
    [not_an_option] Please choose one of the buttons.
    [expected_media] Please send a photo or a document.
    [expected_text] Please answer in text.
    [wrong_media_kind] This kind of file is not accepted here.
    [too_many_files] That is more files than we can take: { $max } at most.
    [not_enough_files] Please send at least { $min } files.
    [not_an_order_number] That does not look like an order number.
   *[other] That answer could not be taken.
 }
flow-media-received = Received { $count } of at most { $max }. Send more or press Done.
flow-outdated-button = That button belongs to an earlier question.
flow-changed = Our menu has changed in the meantime, so we are starting from the top.
flow-lookup-unavailable = We can't check order { $order } with the platform right now. An agent will check it for you; nothing you wrote is lost.
flow-handed-off = 📋 Opened from the self-service flow ({ $reason }). The client's answers:
flow-lookup-failed = ⚠️ The order lookup failed: { $reason }
flow-field-files = { $count ->
    [one] 1 file
   *[other] { $count } files
 }

## The console's ticket page
web-ticket-fields = Form answers

## The ticket card
card-form = 📋 Form answers:

## The console's order lookup page (/admin/lookup)
web-admin-lookup = Order lookup
web-lookup-title = Order lookup on your platform
web-lookup-intro = The client bot asks your platform about an order a client names, and shows the status. What your platform receives and must answer: docs/platform.md.
web-lookup-url = URL template
web-lookup-secret = Shared secret
web-lookup-secret-set = A secret is set; leave the field blank to keep it.
web-lookup-secret-not-set = No secret is set yet.
web-lookup-timeout = Timeout (ms)
web-lookup-fields = Fields of the answer, one per line: name = /json/pointer
web-lookup-template = Status template
web-lookup-pattern = Order number pattern (optional)
web-lookup-save = Save
web-lookup-remove = Remove the lookup
web-lookup-test-order = Order number
web-lookup-test = Test lookup
web-lookup-invalid = Not saved: { $problem }
web-lookup-secret-required = the shared secret is required
web-lookup-no-key = this instance has no secret key to seal the secret with
web-lookup-test-found = The platform answered; the client would read: { $text }
web-lookup-test-not-found = The platform does not know this order (404).
web-lookup-test-invalid = This is not an order number the lookup would ask about (see the pattern).
web-lookup-test-unavailable = No answer to show: { $reason }
web-lookup-error-intent = Choose Save, Test or Remove.
