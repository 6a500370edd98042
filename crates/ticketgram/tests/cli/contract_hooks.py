# Schemathesis hooks of the API contract test (contract.rs): they steer generated requests
# where the OpenAPI document alone cannot, without hiding any answer from the checks.
#
# - Webhook URLs: every URL the document allows is sent as the local stand-in receiver, so the
#   desk never registers (or resolves, or delivers to) a host on the internet. Values the
#   document refuses are sent as generated: the server must refuse them.
# - Report periods: a valid period has `to` no earlier than `from` and at most 366 days after
#   it, a rule between two parameters that JSON Schema cannot state; two valid days are made
#   such a period, so positive cases reach the report instead of a 422.
# - Idempotency keys: a key names one request; sent again with another body it is refused
#   (`idempotency_key_reused`, 422, as the IETF Idempotency-Key draft asks). Generated keys
#   repeat ("0", "a"…), so each valid key gets a suffix that makes it unique for the run
#   (not on the case that leaves the token out, which must stay as drawn to get its 401).
# - The order lookup: a lookup's rules between its parts (a status template's placeholders
#   must be its fields' names, field names unique, the pattern a regular expression, the URL
#   a URL with {order} in its path) are beyond JSON Schema; a body the document allows gets a
#   URL template, fields, status template and pattern that agree (pointing at the stand-in,
#   which is never asked: only a test lookup would), keeping the generated secret and timeout.
# - Routing rules: a queue's leads must be active agents of the desk, which generated ids are
#   not; leads the document allows are sent empty, leads it refuses as generated.
# - Translation settings: a provider address the document allows is sent as the stand-in (it
#   is only stored, never asked); DeepL and Google need a key, which the desk may or may not
#   hold from an earlier call, so a body that sends none gets one (and keeps it: not removed).
import datetime
import itertools
import os
import re

import schemathesis

STAND_IN = os.environ["TG_WEBHOOK_STAND_IN"]
URL_PATTERN = re.compile(os.environ["TG_WEBHOOK_URL_PATTERN"])
DAY = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
KEY = re.compile(r"^[!-~]{1,255}$")
RUN = itertools.count()


def _day(value):
    if not isinstance(value, str) or not DAY.fullmatch(value):
        return None
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        return None


def _leaves_a_parameter_out(case):
    """The coverage phase's case that sends a request without one of its parameters (the
    token, say): it must go out exactly as drawn to get the answer it checks for."""
    data = getattr(getattr(case.meta, "phase", None), "data", None)
    scenario = getattr(data, "scenario", None)
    return getattr(scenario, "value", scenario) == "missing_parameter"


LOOKUP_KEYS = {"url_template", "secret", "timeout_ms", "fields", "status_template", "order_pattern"}


FIELD_NAME = re.compile(r"^[A-Za-z0-9_]+$")


def _text(value, low=1, high=2000):
    return isinstance(value, str) and low <= len(value) <= high


def _allowed_field(field):
    return (
        isinstance(field, dict) and set(field) == {"name", "pointer"}
        and isinstance(field["name"], str) and FIELD_NAME.search(field["name"]) is not None
        and field["name"] != "order"
        and _text(field["pointer"], 0) and field["pointer"].startswith("/")
    )


def _allowed_lookup(body):
    """Whether the document allows this order-lookup body: only then are its parts made to
    agree (a body the document refuses must be refused as drawn)."""
    if not LOOKUP_KEYS.issuperset(body) or not {"url_template", "secret", "status_template"} <= set(body):
        return False
    secret = body["secret"]
    timeout = body.get("timeout_ms")
    fields = body.get("fields", [])
    pattern = body.get("order_pattern")
    return (
        _text(secret, 16) and re.search(r"\S", secret) is not None
        and (timeout is None or (type(timeout) is int and 100 <= timeout <= 15000))
        and _text(body["url_template"]) and _text(body["status_template"])
        and isinstance(fields, list) and all(_allowed_field(f) for f in fields)
        and (pattern is None or _text(pattern, 0, 200))
    )


def _allowed_leads(leads):
    """Whether a routing rule's leads are what the document allows: then they are emptied, as
    the generated agent ids name nobody on the demo desk (a lead must be an active agent)."""
    if not isinstance(leads, list) or len(leads) > 20:
        return False
    whole = [x for x in leads if isinstance(x, (int, float)) and not isinstance(x, bool)
             and float(x).is_integer()]
    return len(whole) == len(leads) and len(set(whole)) == len(whole)


def _translation(body):
    """A translation settings body steered where the document cannot say: its address the
    stand-in when the document allows it, and a key when the service needs one and the body
    sends none (whether the desk still holds one depends on the calls before)."""
    provider = body.get("provider")
    if not isinstance(provider, dict):
        return
    url = provider.get("url")
    if isinstance(url, str) and len(url) <= 2048 and URL_PATTERN.search(url):
        provider["url"] = STAND_IN
    if provider.get("kind") in ("deepl", "google") and body.get("key") is None:
        body["key"] = "contract-test-key"
        if body.get("remove_key") is True:
            del body["remove_key"]


@schemathesis.hook
def before_call(ctx, case, kwargs):
    body = case.body
    if (isinstance(body, dict) and case.operation.path == "/platform/order-lookup"
            and case.operation.method.upper() == "PUT" and _allowed_lookup(body)):
        body["url_template"] = STAND_IN.rstrip("/") + "/orders/{order}"
        body["fields"] = [{"name": "status", "pointer": "/order/status"}]
        body["status_template"] = "Order {order}: {status}"
        body["order_pattern"] = None
    if (isinstance(body, dict) and case.operation.path == "/settings/routing"
            and case.operation.method.upper() == "PUT"):
        rules = [body.get("default")] + list((body.get("queues") or {}).values()
                                             if isinstance(body.get("queues"), dict) else [])
        for rule in rules:
            if isinstance(rule, dict) and _allowed_leads(rule.get("leads")):
                rule["leads"] = []
    if (isinstance(body, dict) and case.operation.path == "/settings/translation"
            and case.operation.method.upper() == "PUT"):
        _translation(body)
    if isinstance(body, dict):
        url = body.get("url")
        if isinstance(url, str) and URL_PATTERN.search(url):
            body["url"] = STAND_IN
    headers = case.headers
    if headers is not None and not _leaves_a_parameter_out(case):
        for name, key in list(headers.items()):
            if name.lower() == "idempotency-key" and isinstance(key, str) and KEY.fullmatch(key):
                headers[name] = f"{key[:240]}~{next(RUN)}"
    query = case.query
    if isinstance(query, dict) and case.operation.path in ("/reports", "/reports/self-service", "/complaints", "/reports/complaints"):
        first, last = _day(query.get("from")), _day(query.get("to"))
        if first and last and not (first <= last <= first + datetime.timedelta(days=366)):
            span = abs((last - first).days) % 367
            try:
                query["to"] = (first + datetime.timedelta(days=span)).isoformat()
            except OverflowError:
                query["to"] = first.isoformat()
