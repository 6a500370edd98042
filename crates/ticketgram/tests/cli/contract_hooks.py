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


@schemathesis.hook
def before_call(ctx, case, kwargs):
    body = case.body
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
    if isinstance(query, dict) and case.operation.path == "/reports":
        first, last = _day(query.get("from")), _day(query.get("to"))
        if first and last and not (first <= last <= first + datetime.timedelta(days=366)):
            span = abs((last - first).days) % 367
            try:
                query["to"] = (first + datetime.timedelta(days=span)).isoformat()
            except OverflowError:
                query["to"] = first.isoformat()
