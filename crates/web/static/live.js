// Keeps the live part of a list page fresh: on each "changed" event from /events, the page is
// fetched again with ?partial=1 and the #live element's content replaced.
(function () {
  var live = document.getElementById('live');
  if (!live || !window.EventSource) return;
  var es = new EventSource('/events');
  es.addEventListener('changed', function () {
    var u = new URL(location.href);
    u.searchParams.set('partial', '1');
    fetch(u, { credentials: 'same-origin' })
      .then(function (r) { return r.ok ? r.text() : null; })
      .then(function (t) { if (t !== null) live.innerHTML = t; });
  });
})();
