namespace AuditKit.Reporting.Rendering;

/// <summary>
/// The one inline script of report.html, allowed by its SHA-256 in the page's Content-Security-Policy. It sorts and
/// filters the report's tables, draws the question x model grid and searches the answers of
/// <see cref="ExplorerData"/>. Every piece of run text reaches the page through textContent or an attribute set by
/// the DOM, never through HTML parsing, so a hostile answer stays text. Without it the page is still complete.
/// </summary>
internal static class ExplorerScript
{
    public const string Text = """
(function () {
  'use strict';
  var $ = function (id) { return document.getElementById(id); };
  var dataNode = $('explorer-data');
  if (!dataNode) return;
  var data = JSON.parse(dataNode.textContent);
  var answers = data.answers; // [model, probe, topic, language, sample, label, narrative, gold, record, prompt, text, cut]
  var labelNames = { D: 'DENIAL', E: 'EVASIVE', C: 'COMPLETE', X: 'error or unclassified' };
  var maxGridRows = 1500, maxResults = 100;

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }
  function option(select, value, text) { var o = el('option', null, text); o.value = value; select.appendChild(o); }

  var f = { model: $('f-model'), topic: $('f-topic'), language: $('f-language'), label: $('f-label') };
  data.topics.slice().sort().forEach(function (t) { option(f.topic, t, t); });
  data.languages.forEach(function (l) { option(f.language, l, l); });
  ['D', 'E', 'C', 'X'].forEach(function (k) { option(f.label, k, labelNames[k]); });
  $('filters').hidden = false;

  function modelOk(name) { var q = f.model.value.trim().toLowerCase(); return !q || name.toLowerCase().indexOf(q) >= 0; }
  function answerOk(a) {
    return modelOk(data.models[a[0]]) && (!f.topic.value || data.topics[a[2]] === f.topic.value)
      && (!f.language.value || data.languages[a[3]] === f.language.value) && (!f.label.value || a[5] === f.label.value);
  }

  // Tables: a click on a header sorts by that column; the filters hide rows of other models, topics and languages.
  var tables = Array.prototype.slice.call(document.querySelectorAll('main table[id]'));
  function cellValue(td) {
    var t = td.textContent.trim();
    if (!td.classList.contains('num')) return t.toLowerCase();
    if (t === 'n/a' || t === '') return -Infinity;
    if (t.charAt(0) === '<') return 0;
    var v = parseFloat(t.replace(/^[^-+0-9.]+/, ''));
    return isNaN(v) ? -Infinity : v;
  }
  tables.forEach(function (table) {
    var heads = Array.prototype.slice.call(table.tHead.rows[0].cells);
    heads.forEach(function (th, col) {
      th.classList.add('sort');
      th.tabIndex = 0;
      th.title = 'Sort by ' + th.textContent;
      var sort = function () {
        var descending = th.getAttribute('aria-sort') !== 'descending';
        heads.forEach(function (h) { h.removeAttribute('aria-sort'); });
        th.setAttribute('aria-sort', descending ? 'descending' : 'ascending');
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (x, y) {
          var a = cellValue(x.cells[col]), b = cellValue(y.cells[col]);
          var c = typeof a === 'number' ? a - b : a.localeCompare(b);
          return descending ? -c : c;
        });
        rows.forEach(function (r) { body.appendChild(r); });
      };
      th.addEventListener('click', sort);
      th.addEventListener('keydown', function (e) { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); sort(); } });
    });
  });
  function filterTables() {
    tables.forEach(function (table) {
      var heads = Array.prototype.map.call(table.tHead.rows[0].cells, function (th) { return th.textContent; });
      var m = heads.indexOf('model'), t = heads.indexOf('topic'), l = heads.indexOf('language'), p = heads.indexOf('languages');
      Array.prototype.forEach.call(table.tBodies[0].rows, function (row) {
        var ok = (m < 0 || modelOk(row.cells[m].textContent))
          && (t < 0 || !f.topic.value || row.cells[t].textContent === f.topic.value)
          && (l < 0 || !f.language.value || row.cells[l].textContent === f.language.value)
          && (p < 0 || !f.language.value || row.cells[p].textContent.split(' vs ').indexOf(f.language.value) >= 0);
        row.hidden = !ok;
      });
    });
  }

  // The question x model grid: one language at a time, each cell a link to its answer.
  function drawGrid() {
    var box = $('grid-box');
    box.textContent = '';
    var language = f.language.value || data.languages[0];
    var li = data.languages.indexOf(language);
    var cells = {}, probeTopic = {}, probePrompt = {};
    answers.forEach(function (a, i) {
      if (a[3] !== li) return;
      var key = a[0] + ':' + a[1];
      if (cells[key] === undefined || answers[cells[key]][4] > a[4]) cells[key] = i;
      probeTopic[a[1]] = a[2];
      probePrompt[a[1]] = a[9];
    });
    var models = data.models.map(function (name, i) { return i; }).filter(function (i) { return modelOk(data.models[i]); });
    var probes = Object.keys(probeTopic).map(Number).filter(function (p) { return !f.topic.value || data.topics[probeTopic[p]] === f.topic.value; });
    probes.sort(function (x, y) { return data.probes[x].localeCompare(data.probes[y]); });
    $('grid-note').textContent = 'Language ' + language + (f.language.value ? '' : ' (choose another above)') + ': ' + probes.length + ' questions x ' + models.length + ' models'
      + (probes.length > maxGridRows ? '; the first ' + maxGridRows + ' questions are shown' : '') + '.';
    if (models.length === 0 || probes.length === 0) return;
    var table = el('table', 'grid');
    var head = table.createTHead().insertRow();
    head.appendChild(el('th', null, 'question'));
    models.forEach(function (m) { var th = el('th', 'm', data.models[m]); th.title = data.models[m]; head.appendChild(th); });
    var body = table.createTBody();
    probes.slice(0, maxGridRows).forEach(function (p) {
      var row = body.insertRow();
      var th = el('th', 'p', data.probes[p]);
      th.title = data.prompts[probePrompt[p]];
      row.appendChild(th);
      models.forEach(function (m) {
        var td = row.insertCell();
        var i = cells[m + ':' + p];
        if (i === undefined) return;
        var a = answers[i];
        if (f.label.value && a[5] !== f.label.value) return;
        td.className = 'l-' + a[5];
        var link = el('a', null, a[5]);
        link.href = '#answer-' + i;
        link.title = data.models[m] + ', ' + data.probes[p] + ': ' + labelNames[a[5]];
        td.appendChild(link);
      });
    });
    box.appendChild(table);
  }

  // Search over the answers' text and prompts, within the filters.
  var lowered = null;
  function search() {
    var list = $('search-results');
    list.textContent = '';
    var q = $('search').value.trim().toLowerCase();
    if (!lowered) lowered = answers.map(function (a) { return a[10].toLowerCase(); });
    var hits = [];
    for (var i = 0; i < answers.length; i++) {
      var a = answers[i];
      if (!answerOk(a)) continue;
      if (q && lowered[i].indexOf(q) < 0 && data.prompts[a[9]].toLowerCase().indexOf(q) < 0) continue;
      hits.push(i);
    }
    $('search-count').textContent = hits.length + ' answers match' + (hits.length > maxResults ? '; the first ' + maxResults + ' are listed' : '') + '.';
    hits.slice(0, maxResults).forEach(function (i) {
      var a = answers[i];
      var item = el('li');
      var open = el('button', null, data.models[a[0]] + ', ' + data.languages[a[3]] + ', ' + data.probes[a[1]] + ': ' + labelNames[a[5]]);
      open.type = 'button';
      open.addEventListener('click', function () { location.hash = 'answer-' + i; });
      item.appendChild(open);
      var text = a[10], at = q ? lowered[i].indexOf(q) : -1;
      var snippet = el('div', 'snippet');
      if (at < 0) snippet.textContent = text.slice(0, 160);
      else {
        var from = Math.max(0, at - 80);
        snippet.appendChild(document.createTextNode((from > 0 ? '…' : '') + text.slice(from, at)));
        snippet.appendChild(el('mark', null, text.slice(at, at + q.length)));
        snippet.appendChild(document.createTextNode(text.slice(at + q.length, at + q.length + 80) + '…'));
      }
      item.appendChild(snippet);
      list.appendChild(item);
    });
  }

  function show(i) {
    var a = answers[i], view = $('answer-view');
    if (!a) return;
    view.textContent = '';
    view.appendChild(el('h3', null, data.models[a[0]] + ', ' + data.languages[a[3]]));
    view.appendChild(el('p', 'meta', 'Question ' + data.probes[a[1]] + ' (' + data.topics[a[2]] + '), sample ' + a[4] + ': ' + labelNames[a[5]]
      + (a[6] ? ', narrative ' + a[6] : '') + (a[7] ? ', gold label ' + a[7] : '') + '. Record ' + a[8] + ' of attempts.csv.'));
    view.appendChild(el('p', 'prompt', data.prompts[a[9]]));
    view.appendChild(el('div', 'text', a[10]));
    if (a[11]) view.appendChild(el('p', 'meta', 'Cut at ' + data.cut_at + ' characters; attempts.csv has the whole answer.'));
    view.hidden = false;
    view.scrollIntoView({ block: 'nearest' });
  }
  function fromHash() { var m = /^#answer-(\d+)$/.exec(location.hash); if (m) show(Number(m[1])); }

  var timer = 0;
  function update() { filterTables(); drawGrid(); search(); }
  [f.topic, f.language, f.label].forEach(function (s) { s.addEventListener('change', update); });
  f.model.addEventListener('input', function () { clearTimeout(timer); timer = setTimeout(update, 200); });
  $('search').addEventListener('input', function () { clearTimeout(timer); timer = setTimeout(search, 200); });
  window.addEventListener('hashchange', fromHash);
  $('explorer-note').textContent = 'The explorer holds ' + answers.length + ' of ' + data.total + ' answers (first samples first), as plain text'
    + ' cut at ' + data.cut_at + ' characters; attempts.csv has every answer in full.';
  update();
  fromHash();
  document.documentElement.setAttribute('data-explorer', 'ready');
})();
""";
}
