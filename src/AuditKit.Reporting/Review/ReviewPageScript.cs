namespace AuditKit.Reporting.Review;

/// <summary>
/// The labelling page's one script. It reads the items from the page's JSON block, shows every untrusted text with
/// textContent only, keeps labels in localStorage under the sheet's key, and writes the review sheet's CSV exactly as
/// <see cref="ReviewSheet.Write"/> does (same cut, same apostrophe before formula-like cells, same quoting) with the
/// labels filled in. The page's Content-Security-Policy allows this script by its SHA-256 hash and nothing else, so
/// keep it ASCII and free of anything generated per page.
/// </summary>
internal static class ReviewPageScript
{
    public const string Text = """
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("review-data").textContent);
  var items = data.items;
  var compliance = data.compliance, narrative = data.narrative;
  var labels = new Map();
  var position = 0, changedSinceSave = 0, storageWorks = true;
  var $ = function (id) { return document.getElementById(id); };

  function clean(stored) {
    var c = compliance.indexOf(stored && stored.c) >= 0 ? stored.c : "";
    var n = narrative.indexOf(stored && stored.n) >= 0 ? stored.n : "";
    var note = stored && typeof stored.note === "string" ? stored.note : "";
    return { c: c, n: n, note: note };
  }

  // Another local page shares file:// storage, so whatever comes back is checked against the allowed labels.
  function load() {
    try {
      var saved = JSON.parse(localStorage.getItem(data.storage_key) || "null");
      if (!saved || typeof saved !== "object") return;
      items.forEach(function (item) {
        if (saved.labels && Object.prototype.hasOwnProperty.call(saved.labels, item.attempt_id))
          labels.set(item.attempt_id, clean(saved.labels[item.attempt_id]));
      });
      if (Number.isInteger(saved.position) && saved.position >= 0 && saved.position < items.length) position = saved.position;
      if (Number.isInteger(saved.changed) && saved.changed > 0) changedSinceSave = saved.changed;
    } catch (e) {
      storageWorks = false;
    }
  }

  function store() {
    var out = {};
    labels.forEach(function (value, id) { if (value.c || value.n || value.note) out[id] = value; });
    try {
      localStorage.setItem(data.storage_key, JSON.stringify({ labels: out, position: position, changed: changedSinceSave }));
    } catch (e) {
      storageWorks = false;
    }
    $("storage-warning").hidden = storageWorks;
  }

  function labelOf(item) { return (item && labels.get(item.attempt_id)) || { c: "", n: "", note: "" }; }

  function counts() {
    var done = 0, partly = 0;
    items.forEach(function (item) {
      var l = labelOf(item);
      if (l.c && l.n) done++; else if (l.c || l.n) partly++;
    });
    return { done: done, partly: partly };
  }

  function language(tag) { return /^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/.test(tag || "") ? tag : ""; }

  function showText(element, text) {
    element.textContent = text || "";
    element.classList.toggle("empty", !text);
  }

  function render() {
    var item = items[position];
    var l = labelOf(item);
    if (item) {
      $("meta").textContent = "Topic " + item.topic + " \u00b7 probe " + item.probe_id + " \u00b7 language " + item.language +
        " \u00b7 sample " + item.sample;
      showText($("prompt"), item.prompt);
      showText($("answer"), item.answer);
      $("prompt").lang = $("answer").lang = $("reasoning").lang = language(item.language);
      var hasReasoning = typeof item.reasoning === "string" && item.reasoning.length > 0;
      $("reasoning-box").hidden = !hasReasoning;
      showText($("reasoning"), hasReasoning ? item.reasoning : "");
      $("reasoning-size").textContent = hasReasoning ? "(" + item.reasoning.length + " characters)" : "";
      $("note").value = l.note;
    }
    document.querySelectorAll("[data-compliance]").forEach(function (b) { b.setAttribute("aria-pressed", String(b.dataset.compliance === l.c)); });
    document.querySelectorAll("[data-narrative]").forEach(function (b) { b.setAttribute("aria-pressed", String(b.dataset.narrative === l.n)); });
    var c = counts();
    $("progress").textContent = c.done + " of " + items.length + " labelled";
    $("partly").textContent = c.partly > 0 ? c.partly + " with one label only" : "";
    $("meter-fill").style.width = (items.length ? 100 * c.done / items.length : 0) + "%";
    $("position").textContent = items.length ? "Answer " + (position + 1) + " of " + items.length : "No answers";
    $("state").textContent = !item ? "" : l.c && l.n ? "labelled" : l.c || l.n ? "one label" : "not labelled";
    $("state").className = "state " + (l.c && l.n ? "done" : l.c || l.n ? "partly" : "open");
    $("prev").disabled = position <= 0;
    $("next").disabled = position >= items.length - 1;
    showUnsaved();
  }

  function showUnsaved() {
    $("unsaved").textContent = changedSinceSave > 0 ? changedSinceSave + (changedSinceSave === 1 ? " unsaved change" : " unsaved changes") : "";
    $("save").classList.toggle("unsaved", changedSinceSave > 0);
  }

  function go(index) {
    if (items.length > 0 && (index < 0 || index >= items.length)) {
      status(index < 0 ? "This is the first answer." : "This is the last answer. U goes to the next one without both labels.");
      return;
    }
    if (index < 0 || index >= items.length) return;
    position = index;
    // The trace is context, not the thing judged: each answer starts with it folded away.
    $("reasoning-box").open = false;
    window.scrollTo(0, 0);
    status("");
    store();
    render();
  }

  function nextOpen() {
    for (var step = 1; step <= items.length; step++) {
      var i = (position + step) % items.length, l = labelOf(items[i]);
      if (!(l.c && l.n)) { go(i); return; }
    }
    status("Every answer has both labels. Save the CSV to hand them in.");
  }

  function update(change, rerender) {
    var item = items[position];
    if (!item) return;
    var l = clean(labelOf(item));
    change(l);
    labels.set(item.attempt_id, l);
    changedSinceSave++;
    store();
    if (rerender) render(); else showUnsaved();
  }

  function choose(kind, value, toggle) {
    update(function (l) { l[kind] = toggle && l[kind] === value ? "" : value; }, true);
  }

  // The same cells as ReviewSheet.Write: cut long text with the same note, then CsvHelper's rules.
  function cut(text) {
    text = text || "";
    if (text.length <= data.max_cell) return text;
    var end = data.max_cell, code = text.charCodeAt(end - 1);
    if (code >= 0xd800 && code <= 0xdbff) end--;
    return text.slice(0, end) + "\n[\u2026 cut here by AuditKit: " + end + " of " + text.length + " characters shown]";
  }

  function field(text) {
    text = text || "";
    if (text.length > 0 && "=@+-\t\r".indexOf(text[0]) >= 0) return "\"'" + text.replace(/"/g, "\"\"") + "\"";
    if (/[",\r\n]/.test(text)) return "\"" + text.replace(/"/g, "\"\"") + "\"";
    return text;
  }

  function sheet() {
    var lines = [data.columns.join(",")];
    items.forEach(function (item) {
      var l = labelOf(item);
      lines.push([field(item.attempt_id), field(item.model), field(item.probe_id), field(item.topic), field(item.language),
        String(item.sample), field(cut(item.prompt)), field(cut(item.reasoning)), field(cut(item.answer)),
        field(l.c), field(l.n), field(l.note)].join(","));
    });
    return lines.join("\r\n") + "\r\n";
  }

  function save() {
    var blob = new Blob(["\ufeff" + sheet()], { type: "text/csv;charset=utf-8" });
    var url = URL.createObjectURL(blob);
    var link = document.createElement("a");
    link.href = url;
    link.download = data.csv_name;
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(function () { URL.revokeObjectURL(url); }, 60000);
    changedSinceSave = 0;
    store();
    render();
    var c = counts();
    status("Saved " + data.csv_name + " (" + c.done + " of " + items.length + " labelled) to your downloads folder.");
  }

  function status(text) { $("status").textContent = text; }

  function codebook(open) {
    document.body.classList.toggle("codebook-open", open);
    $("codebook-toggle").setAttribute("aria-expanded", String(open));
    if (open && !wide.matches) $("codebook-close").focus();
  }

  var wide = window.matchMedia("(min-width: 1000px)");
  var keys = {};
  document.querySelectorAll("[data-compliance]").forEach(function (b) {
    keys[b.dataset.key] = function () { choose("c", b.dataset.compliance, false); };
    b.addEventListener("click", function () { choose("c", b.dataset.compliance, true); });
  });
  document.querySelectorAll("[data-narrative]").forEach(function (b) {
    keys[b.dataset.key] = function () { choose("n", b.dataset.narrative, false); };
    b.addEventListener("click", function () { choose("n", b.dataset.narrative, true); });
  });
  keys.j = keys.ArrowRight = function () { go(position + 1); };
  keys.k = keys.ArrowLeft = function () { go(position - 1); };
  keys.u = nextOpen;
  keys.x = function () { update(function (l) { l.c = ""; l.n = ""; }, true); };
  keys["?"] = keys.h = function () { codebook(!document.body.classList.contains("codebook-open")); };
  keys.Escape = function () { if (!wide.matches) codebook(false); };
  keys["/"] = function () { $("note").focus(); };

  document.addEventListener("keydown", function (e) {
    var target = e.target;
    var typing = target && (target.tagName === "INPUT" || target.tagName === "TEXTAREA" || target.isContentEditable);
    if ((e.ctrlKey || e.metaKey) && !e.altKey && (e.key === "s" || e.key === "S")) { e.preventDefault(); save(); return; }
    if (typing) {
      if (e.key === "Escape" || e.key === "Enter") { e.preventDefault(); target.blur(); }
      return;
    }
    if (e.ctrlKey || e.metaKey || e.altKey || e.isComposing) return;
    var action = keys[e.key.length === 1 ? e.key.toLowerCase() : e.key];
    if (action) { e.preventDefault(); action(); }
  });

  $("prev").addEventListener("click", function () { go(position - 1); });
  $("next").addEventListener("click", function () { go(position + 1); });
  $("next-open").addEventListener("click", nextOpen);
  $("save").addEventListener("click", save);
  $("codebook-toggle").addEventListener("click", function () { codebook(!document.body.classList.contains("codebook-open")); });
  $("codebook-close").addEventListener("click", function () { codebook(false); });
  $("note").addEventListener("input", function () { update(function (l) { l.note = $("note").value; }, false); });

  load();
  codebook(wide.matches);
  $("storage-warning").hidden = storageWorks;
  render();
  document.body.classList.add("ready");
})();
""";
}
