/* The staff assist page (/staff/). Texts come from data/staff.yml via data-config. */
(function () {
  "use strict";
  var root = document.getElementById("staff-app");
  var page = window.staffPage(root);
  var config = page.config, el = page.el, api = page.api, section = page.section;
  var L = config.labels;
  function resultLabel(code) { return config.results[code] || code; }

  function field(box, id, labelText, tag) {
    box.appendChild(el("label", { for: id }, labelText));
    var input = el(tag || "input", { id: id });
    box.appendChild(input);
    return input;
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

  // What the caller said → three likeliest topics and the answer to read out.
  var ask = section("ask", L.ask_heading);
  var said = field(ask, "said", L.ask_label, "textarea");
  var askButton = el("button", { type: "button" }, L.ask_submit);
  ask.appendChild(askButton);
  ask.appendChild(el("h3", {}, L.suggestions_heading));
  var suggestions = el("ol", { id: "suggestions", "aria-live": "polite" });
  ask.appendChild(suggestions);
  ask.appendChild(el("h3", {}, L.answer_heading));
  var answer = el("p", { id: "answer", class: "answer", "aria-live": "polite" });
  ask.appendChild(answer);
  var copy = el("button", { type: "button" }, L.copy);
  copy.addEventListener("click", function () { navigator.clipboard && navigator.clipboard.writeText(answer.textContent); });
  ask.appendChild(copy);
  askButton.addEventListener("click", function () {
    api("/staff/api/suggest", { text: said.value }).then(function (r) { return r.json(); }).then(function (data) {
      suggestions.textContent = "";
      answer.textContent = data.error || "";
      (data.suggestions || []).forEach(function (item, index) {
        var li = el("li");
        var pick = el("button", { type: "button", class: "suggestion", "data-intent": item.intent },
          item.label + "（" + Math.round(item.confidence * 100) + "%）");
        pick.addEventListener("click", function () { answer.textContent = item.answer; });
        li.appendChild(pick);
        suggestions.appendChild(li);
        if (index === 0) answer.textContent = item.answer;
      });
    });
  });

  // One click per call, by topic.
  var calls = section("calls", L.calls_heading);
  var callButtons = el("div", { class: "topics" });
  Object.keys(config.topics).forEach(function (topic) {
    var button = el("button", { type: "button", "data-topic": topic }, config.topics[topic]);
    button.addEventListener("click", function () {
      api("/staff/api/calls", { topic: topic }).then(loadSummary);
    });
    callButtons.appendChild(button);
  });
  calls.appendChild(callButtons);

  // Caller check against the registry, with the script to read.
  var check = section("check", L.check_heading);
  var address = field(check, "check-address", L.check_address);
  address.setAttribute("autocomplete", "off");
  var birthdate = field(check, "check-birthdate", L.check_birthdate);
  birthdate.setAttribute("autocomplete", "off");
  var checkButton = el("button", { type: "button" }, L.check_submit);
  check.appendChild(checkButton);
  var script = el("p", { id: "script", class: "answer", "aria-live": "polite" });
  check.appendChild(script);
  checkButton.addEventListener("click", function () {
    api("/staff/api/check", { address: address.value, birthdate: birthdate.value })
      .then(function (r) { return r.json(); }).then(function (data) {
        script.textContent = data.script || data.error || "";
        script.dataset.result = data.result || "";
        address.value = ""; birthdate.value = "";  // not kept on screen after the check
        loadAudit(); loadSummary();
      });
  });
  var audit = section("audit", L.audit_heading);
  var auditTable = el("table", { id: "audit-table" });
  audit.appendChild(auditTable);

  // Today's summary: table, chart, CSV.
  var summary = section("summary", L.summary_heading);
  var summaryBody = el("div", { id: "summary-body" });
  summary.appendChild(summaryBody);
  summary.appendChild(el("a", { href: "/staff/summary.csv", id: "csv" }, L.csv));

  // Questions the assistant could not answer, to turn into training data.
  var unanswered = section("unanswered", L.unanswered_heading);
  var unansweredList = el("ul", { id: "unanswered-list" });
  unanswered.appendChild(unansweredList);
  var exportButton = el("button", { type: "button" }, L.unanswered_export);
  unanswered.appendChild(exportButton);

  // Facts sheet with its sources, searchable.
  var facts = section("facts", L.facts_heading);
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
    api("/staff/api/audit").then(function (r) { return r.json(); }).then(function (data) {
      auditTable.textContent = "";
      row(auditTable, [L.col_time, L.col_channel, L.col_actor, L.col_result], true);
      data.rows.forEach(function (r) { row(auditTable, [r.at, r.channel, r.actor, resultLabel(r.result)]); });
    });
  }
  function loadSummary() {
    api("/staff/api/summary").then(function (r) { return r.json(); }).then(function (data) {
      summaryBody.textContent = "";
      summaryBody.appendChild(el("h3", {}, L.summary_calls));
      var table = el("table", { id: "calls-table" });
      row(table, [L.col_topic, L.col_count], true);
      var most = Math.max.apply(null, [1].concat(data.calls.map(function (c) { return c.count; })));
      var chart = el("div", { class: "chart", "aria-hidden": "true" });
      data.calls.forEach(function (c) {
        row(table, [c.label, c.count]);
        var bar = el("div", { class: "bar" });
        bar.appendChild(el("span", { class: "bar-label" }, c.label));
        var fill = el("span", { class: "bar-fill" });
        fill.style.width = (100 * c.count / most) + "%";
        bar.appendChild(fill);
        chart.appendChild(bar);
      });
      summaryBody.appendChild(table);
      summaryBody.appendChild(chart);
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
      summaryBody.appendChild(el("p", { id: "unanswered-count" }, L.summary_unanswered + "：" + data.unanswered));
    });
  }
  function loadUnanswered() {
    api("/staff/api/unanswered").then(function (r) { return r.json(); }).then(function (data) {
      unansweredList.textContent = "";
      data.questions.forEach(function (q, index) {
        var li = el("li");
        li.appendChild(el("span", { class: "question" }, q.at + "　" + q.text));
        var select = el("select", { "aria-label": q.text, "data-text": q.text });
        select.appendChild(el("option", { value: "" }, "—"));
        Object.keys(config.topics).forEach(function (topic) {
          select.appendChild(el("option", { value: topic }, config.topics[topic]));
        });
        // The topic the resident picked when asked which one was meant: a labelled example.
        if (q.picked) { select.value = q.picked; }
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
    api("/staff/api/facts").then(function (r) { return r.json(); }).then(function (data) {
      data.facts.forEach(function (fact) {
        var item = el("div", { class: "fact" });
        item.appendChild(el("dt", {}, fact.value));
        item.appendChild(el("dd", {}, L.fact_source + fact.source));
        factList.appendChild(item);
      });
    });
  }
  search.addEventListener("input", function () {
    var term = search.value.trim();
    Array.prototype.forEach.call(factList.children, function (item) {
      item.hidden = term !== "" && item.textContent.indexOf(term) < 0;
    });
  });

  loadAudit(); loadSummary(); loadUnanswered(); loadFacts();
})();
