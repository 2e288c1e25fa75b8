/* The staff assist page (/staff/), made for a live call and a keyboard: the question,
   the suggestion with its script, the caller check and the call log on one screen; the
   day's summary, unanswered questions and the facts sheet on tabs. Texts come from
   data/staff.yml via data-config. */
(function () {
  "use strict";
  var root = document.getElementById("staff-app");
  var page = window.staffPage(root);
  var config = page.config, el = page.el, api = page.api;
  var L = config.labels;
  var UNDO_SECONDS = 8;
  function resultLabel(code) { return config.results[code] || code; }
  function json(response) { return response.json(); }
  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (all, name) { return name in values ? values[name] : all; });
  }
  function field(box, id, labelText, tag) {
    box.appendChild(el("label", { for: id }, labelText));
    var input = el(tag || "input", { id: id });
    box.appendChild(input);
    return input;
  }
  function box(parent, id, heading) {
    var part = el("section", { id: id, "aria-labelledby": id + "-h" });
    part.appendChild(el("h2", { id: id + "-h" }, heading));
    parent.appendChild(part);
    return part;
  }
  // A short-lived line that says what just happened (announced to screen readers).
  function notice(id) {
    var line = el("p", { id: id, class: "notice", role: "status" });
    var timer = null;
    line.say = function (text, seconds, extra) {
      clearTimeout(timer);
      line.textContent = text;
      if (extra) line.appendChild(extra);
      timer = setTimeout(function () { line.textContent = ""; }, (seconds || 4) * 1000);
    };
    return line;
  }

  var header = el("header");
  header.appendChild(el("h1", {}, L.page_title));
  header.appendChild(el("span", { class: "who" }, config.staff));
  if (config.can_edit_facts) header.appendChild(el("a", { href: "/staff/facts" }, L.facts_link));
  var logout = el("button", { type: "button" }, L.logout);
  logout.addEventListener("click", function () {
    api("/staff/logout", {}).then(function () { location.reload(); });
  });
  header.appendChild(logout);
  root.appendChild(header);

  // Tabs: the call on the first, the rest one key press away (arrows move between tabs).
  var tabList = el("div", { role: "tablist", class: "tabs", "aria-label": L.page_title });
  root.appendChild(tabList);
  var tabs = [], panels = [];
  function addTab(id, title) {
    var tab = el("button", { type: "button", role: "tab", id: "tab-" + id, "aria-controls": "panel-" + id,
                             "aria-selected": "false", tabindex: "-1" }, title);
    var panel = el("div", { role: "tabpanel", id: "panel-" + id, "aria-labelledby": "tab-" + id, class: "panel" });
    panel.hidden = true;
    tab.addEventListener("click", function () { select(tabs.indexOf(tab)); });
    tab.addEventListener("keydown", function (event) {
      var step = { ArrowRight: 1, ArrowLeft: -1 }[event.key];
      if (step) { select((tabs.indexOf(tab) + step + tabs.length) % tabs.length); tabs[current].focus(); }
    });
    tabList.appendChild(tab);
    root.appendChild(panel);
    tabs.push(tab); panels.push(panel);
    return panel;
  }
  var current = 0;
  function select(index) {
    current = index;
    tabs.forEach(function (tab, i) {
      tab.setAttribute("aria-selected", String(i === index));
      tab.setAttribute("tabindex", i === index ? "0" : "-1");
      panels[i].hidden = i !== index;
    });
  }
  var callPanel = addTab("call", L.tab_call);
  var summaryPanel = addTab("summary", L.tab_summary);
  var unansweredPanel = addTab("unanswered", L.tab_unanswered);
  var factsPanel = addTab("facts", L.tab_facts);
  select(0);

  // The call: what the caller said → topics, the script to read, the chat's answer.
  var left = el("div", { class: "column" }), right = el("div", { class: "column" });
  callPanel.appendChild(left); callPanel.appendChild(right);
  var ask = box(left, "ask", L.ask_heading);
  var said = field(ask, "said", L.ask_label, "textarea");
  said.setAttribute("rows", "2");
  var askButton = el("button", { type: "button", id: "ask-button" }, L.ask_submit);
  ask.appendChild(askButton);
  var suggestions = el("ol", { id: "suggestions", class: "suggestions", "aria-label": L.suggestions_heading });
  ask.appendChild(suggestions);
  ask.appendChild(el("h3", {}, L.script_heading));
  var script = el("p", { id: "read-aloud", class: "answer script", "aria-live": "polite" });
  ask.appendChild(script);
  ask.appendChild(el("h3", {}, L.answer_heading));
  var answer = el("p", { id: "answer", class: "answer chat" });
  ask.appendChild(answer);
  var actions = el("div", { class: "actions" });
  var recordButton = el("button", { type: "button", id: "record-suggested", disabled: "disabled" },
                        fill(L.record_suggested, { topic: "—" }));
  var copy = el("button", { type: "button", id: "copy", class: "secondary" }, L.copy);
  actions.appendChild(recordButton); actions.appendChild(copy);
  ask.appendChild(actions);
  var copyNotice = notice("copy-notice");
  ask.appendChild(copyNotice);

  var chosen = null;  // the suggestion shown: its topic is what one key logs
  function show(item) {
    chosen = item;
    script.textContent = item ? item.script : "";
    answer.textContent = item ? item.answer : "";
    recordButton.textContent = fill(L.record_suggested, { topic: item ? item.label : "—" });
    if (item) recordButton.removeAttribute("disabled"); else recordButton.setAttribute("disabled", "disabled");
    Array.prototype.forEach.call(suggestions.querySelectorAll("button"), function (button) {
      button.setAttribute("aria-pressed", String(!!item && button.dataset.intent === item.intent));
    });
  }
  function askNow() {
    api("/staff/api/suggest", { text: said.value }).then(json).then(function (data) {
      suggestions.textContent = "";
      show(null);
      if (data.error) { answer.textContent = data.error; return; }
      (data.suggestions || []).forEach(function (item, index) {
        var li = el("li");
        var pick = el("button", { type: "button", class: "suggestion", "data-intent": item.intent },
          item.label + "（" + Math.round(item.confidence * 100) + "%）");
        pick.addEventListener("click", function () { show(item); });
        li.appendChild(pick);
        suggestions.appendChild(li);
        if (index === 0) show(item);
      });
    });
  }
  askButton.addEventListener("click", askNow);

  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) return navigator.clipboard.writeText(text);
    // Plain http on the office network: the clipboard API is not there.
    var area = el("textarea", { class: "offscreen", "aria-hidden": "true" });
    area.value = text;
    document.body.appendChild(area);
    area.select();
    var done = document.execCommand("copy");
    area.remove();
    return done ? Promise.resolve() : Promise.reject(new Error("copy"));
  }
  copy.addEventListener("click", function () {
    if (!answer.textContent) return;
    copyText(answer.textContent).then(function () { copyNotice.say(L.copied, 3); },
                                      function () { copyNotice.say(L.copy_failed, 6); });
  });

  // The caller check: a field that could not be read stays for correcting; a definite
  // answer clears both (nothing of the caller stays on screen).
  var check = box(right, "check", L.check_heading);
  var address = field(check, "check-address", L.check_address);
  address.setAttribute("autocomplete", "off");
  var birthdate = field(check, "check-birthdate", L.check_birthdate);
  birthdate.setAttribute("autocomplete", "off");
  var checkButton = el("button", { type: "button" }, L.check_submit);
  check.appendChild(checkButton);
  var checkScript = el("p", { id: "script", class: "answer", "aria-live": "polite" });
  check.appendChild(checkScript);
  var FIELD_TO_FIX = { unreadable_address: address, unreadable_birthdate: birthdate };
  checkButton.addEventListener("click", function () {
    api("/staff/api/check", { address: address.value, birthdate: birthdate.value })
      .then(json).then(function (data) {
        checkScript.textContent = data.script || data.error || "";
        checkScript.dataset.result = data.result || "";
        var fix = FIELD_TO_FIX[data.result];
        if (fix) { fix.focus(); fix.select(); }
        else if (data.result) { address.value = ""; birthdate.value = ""; }
        loadAudit(); loadSummary();
      });
  });

  // The call log: the suggested topic with one key, or any topic with one click; a
  // wrong one can be taken back for a few seconds.
  var calls = box(right, "calls", L.calls_heading);
  var callNotice = notice("call-notice");
  var callButtons = el("div", { class: "topics" });
  function record(topic) {
    api("/staff/api/calls", { topic: topic }).then(json).then(function (data) {
      if (!data.ok) return;
      var undo = el("button", { type: "button", class: "undo" }, L.undo);
      undo.addEventListener("click", function () {
        api("/staff/api/calls/undo", { id: data.id }).then(json).then(function (result) {
          callNotice.say(result.ok ? L.undone : result.error, 5);
          loadSummary();
          said.focus();
        });
      });
      callNotice.say(fill(L.recorded, { topic: data.label }) + " ", UNDO_SECONDS, undo);
      loadSummary();
    });
  }
  Object.keys(config.topics).forEach(function (topic) {
    var button = el("button", { type: "button", "data-topic": topic }, config.topics[topic]);
    button.addEventListener("click", function () { record(topic); });
    callButtons.appendChild(button);
  });
  calls.appendChild(callNotice);
  calls.appendChild(callButtons);
  recordButton.addEventListener("click", function () { if (chosen) record(chosen.intent); });

  document.addEventListener("keydown", function (event) {
    if (event.key !== "Enter") return;
    if ((event.ctrlKey || event.metaKey) && document.activeElement === said) {
      event.preventDefault(); askNow();
    } else if (event.altKey && chosen && current === 0) {
      event.preventDefault(); record(chosen.intent);
    }
  });

  // The day's summary and the checks' audit.
  var summary = box(summaryPanel, "summary", L.summary_heading);
  var summaryBody = el("div", { id: "summary-body" });
  summary.appendChild(summaryBody);
  summary.appendChild(el("a", { href: "/staff/summary.csv", id: "csv" }, L.csv));
  var audit = box(summaryPanel, "audit", L.audit_heading);
  var auditTable = el("table", { id: "audit-table" });
  audit.appendChild(auditTable);

  // Questions the assistant could not answer, each once with its count.
  var unanswered = box(unansweredPanel, "unanswered", L.unanswered_heading);
  var unansweredList = el("ul", { id: "unanswered-list" });
  unanswered.appendChild(unansweredList);
  var exportButton = el("button", { type: "button" }, L.unanswered_export);
  unanswered.appendChild(exportButton);

  // The facts sheet, found by its words, its topics' names, or its kind (「電話」).
  var facts = box(factsPanel, "facts", L.facts_heading);
  var search = field(facts, "facts-search", L.facts_search);
  search.setAttribute("type", "search");
  var factList = el("dl", { id: "fact-list" });
  facts.appendChild(factList);

  function row(table, cells, header) {
    var tr = el("tr");
    cells.forEach(function (cell) { tr.appendChild(el(header ? "th" : "td", header ? { scope: "col" } : {}, String(cell))); });
    table.appendChild(tr);
  }
  function loadAudit() {
    api("/staff/api/audit").then(json).then(function (data) {
      auditTable.textContent = "";
      row(auditTable, [L.col_time, L.col_channel, L.col_actor, L.col_result], true);
      data.rows.forEach(function (r) { row(auditTable, [r.at, r.channel, r.actor, resultLabel(r.result)]); });
    });
  }
  function chart(items) {
    // Bars from one baseline, each with its number.
    var most = Math.max.apply(null, [1].concat(items.map(function (c) { return c.count; })));
    var figure = el("div", { class: "chart", "aria-hidden": "true" });
    items.forEach(function (c) {
      var bar = el("div", { class: "bar" });
      bar.appendChild(el("span", { class: "bar-label" }, c.label));
      var track = el("span", { class: "bar-track" });
      var fillBar = el("span", { class: "bar-fill" });
      fillBar.style.width = (100 * c.count / most) + "%";
      track.appendChild(fillBar);
      bar.appendChild(track);
      bar.appendChild(el("span", { class: "bar-count" }, String(c.count)));
      figure.appendChild(bar);
    });
    return figure;
  }
  function loadSummary() {
    api("/staff/api/summary").then(json).then(function (data) {
      summaryBody.textContent = "";
      summaryBody.appendChild(el("h3", {}, L.summary_calls));
      var table = el("table", { id: "calls-table" });
      row(table, [L.col_topic, L.col_count], true);
      data.calls.forEach(function (c) { row(table, [c.label, c.count]); });
      var calls = el("div", { class: "side-by-side" });
      calls.appendChild(table);
      calls.appendChild(chart(data.calls));
      summaryBody.appendChild(calls);
      summaryBody.appendChild(el("h3", {}, L.summary_checks));
      var checks = el("table", { id: "checks-table" });
      row(checks, [L.col_result, L.col_count], true);
      Object.keys(data.checks).forEach(function (k) { row(checks, [resultLabel(k), data.checks[k]]); });
      summaryBody.appendChild(checks);
      summaryBody.appendChild(el("h3", {}, L.summary_feedback));
      var feedback = el("table", { id: "feedback-table" });
      row(feedback, [L.col_topic, L.col_helpful, L.col_unhelpful, L.col_unhelpful_share], true);
      data.feedback.forEach(function (f) {
        row(feedback, [f.label, f.helpful, f.unhelpful, Math.round(f.unhelpful_share * 100) + "%"]);
      });
      summaryBody.appendChild(feedback);
      summaryBody.appendChild(el("h3", {}, L.summary_languages));
      var languages = el("table", { id: "languages-table" });
      row(languages, [L.col_language, L.col_count], true);
      Object.keys(data.languages).forEach(function (k) { row(languages, [config.languages[k] || k, data.languages[k]]); });
      summaryBody.appendChild(languages);
      summaryBody.appendChild(el("p", { id: "unanswered-count" }, L.summary_unanswered + "：" + data.unanswered));
    });
  }
  function loadUnanswered() {
    api("/staff/api/unanswered").then(json).then(function (data) {
      unansweredList.textContent = "";
      data.questions.forEach(function (q) {
        var li = el("li");
        li.appendChild(el("span", { class: "count" }, q.count + L.count_suffix));
        li.appendChild(el("span", { class: "question" }, q.text));
        li.appendChild(el("small", {}, q.at));
        var select = el("select", { "aria-label": q.text, "data-text": q.text });
        select.appendChild(el("option", { value: "" }, "—"));
        Object.keys(config.topics).forEach(function (topic) {
          select.appendChild(el("option", { value: topic }, config.topics[topic]));
        });
        // The topic residents picked when asked which one was meant: a labelled example.
        if (q.picked) { select.value = q.picked; select.title = L.picked_by_resident; }
        li.appendChild(select);
        unansweredList.appendChild(li);
      });
    });
  }
  exportButton.addEventListener("click", function () {
    var items = Array.prototype.map.call(unansweredList.querySelectorAll("select"), function (s) {
      return { text: s.dataset.text, intent: s.value };
    }).filter(function (item) { return item.intent; });
    api("/staff/api/unanswered/export", { items: items }).then(function (r) { return r.blob(); }).then(function (blob) {
      var link = el("a", { href: URL.createObjectURL(blob), download: "staff_examples.yml" });
      document.body.appendChild(link); link.click(); link.remove();
    });
  });
  function loadFacts() {
    api("/staff/api/facts").then(json).then(function (data) {
      data.facts.forEach(function (fact) {
        var item = el("div", { class: "fact", "data-words": fact.words });
        item.appendChild(el("dt", {}, fact.value));
        item.appendChild(el("dd", {}, L.fact_source + fact.source));
        if (fact.topics.length) item.appendChild(el("dd", { class: "fact-topics" }, L.facts_topics + fact.topics.join("、")));
        factList.appendChild(item);
      });
    });
  }
  search.addEventListener("input", function () {
    var terms = search.value.trim().split(/\s+/).filter(Boolean);
    Array.prototype.forEach.call(factList.children, function (item) {
      var words = item.textContent + " " + item.dataset.words;
      item.hidden = !terms.every(function (term) { return words.indexOf(term) >= 0; });
    });
  });

  said.focus();
  loadAudit(); loadSummary(); loadUnanswered(); loadFacts();
})();
