// The Notion panel on the right: the emulated database's rows, each linked to its page, MLflow and ZenML.
(function () {
  'use strict';
  var M = window.Mrkdwn;
  var P = window.Playground;
  var $ = P.$;

  function link(url, label) {
    if (!url) return '';
    return '<a href="' + M.escapeHtml(url) + '" target="_blank" rel="noopener">' + M.escapeHtml(label) + '</a>';
  }

  function renderRows(rows) {
    var body = $('notion-rows');
    body.innerHTML = '';
    rows.forEach(function (r) {
      var tr = document.createElement('tr');
      tr.setAttribute('data-testid', 'notion-row');
      tr.setAttribute('data-model', r.model);
      tr.setAttribute('data-version', r.version);
      tr.setAttribute('data-stage', r.stage);
      tr.innerHTML =
        '<td>' +
        link(r.url, r.model) +
        '</td><td>' +
        M.escapeHtml(r.version) +
        '</td>' +
        '<td><span class="stage stage-' +
        M.escapeHtml(r.stage) +
        '" data-testid="notion-stage">' +
        M.escapeHtml(r.stage) +
        '</span></td>' +
        '<td>' +
        [link(r.mlflowUrl, 'MLflow'), link(r.zenmlUrl, 'ZenML')].filter(Boolean).join(' · ') +
        '</td>';
      body.appendChild(tr);
    });
    if (rows.length === 0) body.innerHTML = '<tr><td colspan="4" class="muted">No pages yet: the first sync creates them.</td></tr>';
  }

  P.renderRows = renderRows;
})();
