/* The facts page (/staff/facts): propose a change with a live preview, review others'
   proposals, see a fact's history and roll back. Texts come from data/staff.yml. */
(function () {
  "use strict";
  var root = document.getElementById("facts-app");
  var page = window.staffPage(root);
  var config = page.config, el = page.el, section = page.section;
  var L = config.labels;
  var state = { facts: [], pending: [] };

  // The facts API answers JSON with the checks' problems on refusal: keep both.
  function api(path, body) {
    return page.api(path, body).then(function (response) {
      return response.json().then(function (data) { return { ok: response.ok, data: data }; });
    });
  }
  function problemsText(data) {
    if (data && data.problems) return data.problems.map(function (p) { return p.message; }).join(" ");
    return (data && data.error) || L.failed;
  }
  function labelled(box, id, labelText, input) {
    box.appendChild(el("label", { for: id }, labelText));
    input.id = id;
    box.appendChild(input);
    return input;
  }
  function factById(id) {
    return state.facts.filter(function (fact) { return fact.id === id; })[0];
  }

  var header = el("header");
  header.appendChild(el("h1", {}, L.page_title));
  header.appendChild(el("span", { class: "who" }, config.staff));
  header.appendChild(el("a", { href: "/staff/" }, L.back));
  header.appendChild(el("a", { href: "/staff/facts/export.yml", download: "facts.yml" }, L["export"]));
  root.appendChild(header);
  // What the last step did, announced to screen readers; kept across reloads of the lists.
  var statusNote = el("p", { id: "status", role: "status" });
  root.appendChild(statusNote);
  function report(result, doneText) {
    statusNote.textContent = result.ok ? doneText : problemsText(result.data);
    statusNote.className = result.ok ? "done" : "error";
    if (result.ok) load();
  }

  // Proposals waiting for a second person.
  var pendingBox = section("pending", L.pending_heading);
  var pendingList = el("ul", { id: "pending-list", "aria-live": "polite" });
  pendingBox.appendChild(pendingList);

  function renderPending() {
    pendingList.textContent = "";
    if (!state.pending.length) pendingList.appendChild(el("li", {}, L.pending_none));
    state.pending.forEach(function (version) {
      var item = el("li", { class: "proposal", "data-version": String(version.id) });
      var current = factById(version.fact_id);
      item.appendChild(el("strong", {}, version.fact_id));
      item.appendChild(el("p", {}, L.current_heading + "：" + (current ? current.value : "")));
      item.appendChild(el("p", { class: "new-value" }, L.new_value + "：" + version.value));
      Object.keys(version.translations).forEach(function (language) {
        item.appendChild(el("p", { lang: language === "en" ? "en" : "ja" },
                            L["translation_" + language] + "：" + version.translations[language]));
      });
      Object.keys(version.extra).forEach(function (key) {
        item.appendChild(el("p", {}, (L["extra_" + key] || key) + "：" + version.extra[key]));
      });
      item.appendChild(el("p", {}, L.new_source + "：" + version.source + "（" + version.as_of + "）"));
      item.appendChild(el("p", {}, L.reason + "：" + version.reason + " ／ " + L.proposed_by + "：" +
                                  version.proposed_by + " " + version.proposed_at));
      if (config.can_approve && version.proposed_by !== config.staff) {
        var comment = labelled(item, "comment-" + version.id, L.comment, el("input"));
        [["approve", L.approve], ["reject", L.reject]].forEach(function (pair) {
          var button = el("button", { type: "button", "data-action": pair[0] }, pair[1]);
          button.addEventListener("click", function () {
            api("/staff/api/facts/versions/" + version.id + "/" + pair[0], { comment: comment.value })
              .then(function (result) {
                report(result, L[pair[0] === "approve" ? "approved" : "rejected"]);
              });
          });
          item.appendChild(button);
        });
      }
      pendingList.appendChild(item);
    });
  }

  // Choose a fact, see it, propose its next version.
  var pick = section("pick", L.pick_heading);
  var select = labelled(pick, "fact-select", L.pick_label, el("select"));
  var currentBox = el("dl", { id: "current" });
  pick.appendChild(el("h3", {}, L.current_heading));
  pick.appendChild(currentBox);

  var form = section("propose", L.proposal_heading);
  var valueInput = labelled(form, "new-value", L.new_value, el("textarea", { rows: "2" }));
  var extraBox = el("div", { id: "extra-fields" });
  form.appendChild(extraBox);
  // Reviewed with the value: left empty, that language says the Japanese value.
  var translationInputs = {
    easy: labelled(form, "new-easy", L.translation_easy, el("textarea", { rows: "2", lang: "ja" })),
    en: labelled(form, "new-en", L.translation_en, el("textarea", { rows: "2", lang: "en" }))
  };
  var sourceInput = labelled(form, "new-source", L.new_source, el("textarea", { rows: "3" }));
  var asOfInput = labelled(form, "new-as-of", L.new_as_of, el("input", { type: "date" }));
  var reasonInput = labelled(form, "reason", L.reason, el("input"));
  form.appendChild(el("h3", {}, L.preview_heading));
  var problemsNote = el("p", { id: "problems", class: "error", role: "alert" });
  form.appendChild(problemsNote);
  var previewList = el("ul", { id: "preview", "aria-live": "polite" });
  form.appendChild(previewList);
  var proposeButton = el("button", { type: "button", id: "propose-button" }, L.propose);
  form.appendChild(proposeButton);

  var historyBox = section("history", L.history_heading);
  var historyList = el("ol", { id: "history-list", reversed: "" });
  historyBox.appendChild(historyList);

  function extraInputs() {
    var values = {};
    extraBox.querySelectorAll("input").forEach(function (input) { values[input.name] = input.value; });
    return values;
  }
  function proposal() {
    return { fact_id: select.value, value: valueInput.value, source: sourceInput.value,
             as_of: asOfInput.value, extra: extraInputs(), reason: reasonInput.value,
             translations: { easy: translationInputs.easy.value, en: translationInputs.en.value } };
  }

  function showFact() {
    var fact = factById(select.value);
    if (!fact) return;
    currentBox.textContent = "";
    [[L.value, fact.value], [L.translation_easy, fact.translations.easy || L.translation_none],
     [L.translation_en, fact.translations.en || L.translation_none],
     [L.source, fact.source], [L.as_of, fact.as_of]].forEach(function (pair) {
      currentBox.appendChild(el("dt", {}, pair[0]));
      currentBox.appendChild(el("dd", {}, pair[1]));
    });
    valueInput.value = fact.value;
    Object.keys(translationInputs).forEach(function (language) {
      translationInputs[language].value = fact.translations[language] || "";
    });
    sourceInput.value = "";
    asOfInput.value = "";
    reasonInput.value = "";
    extraBox.textContent = "";
    Object.keys(fact.extra).forEach(function (key) {
      var input = labelled(extraBox, "extra-" + key, L["extra_" + key] || key, el("input", { name: key }));
      input.value = fact.extra[key];
      input.addEventListener("input", schedulePreview);
    });
    schedulePreview();
    loadHistory();
  }

  var previewTimer = null;
  function schedulePreview() {
    clearTimeout(previewTimer);
    previewTimer = setTimeout(refreshPreview, 300);
  }
  function refreshPreview() {
    var body = proposal();
    if (!body.as_of) body.as_of = (factById(body.fact_id) || {}).as_of;
    api("/staff/api/facts/preview", body).then(function (result) {
      var problems = (result.data.problems || []).filter(function (p) { return p.code !== "no_change"; });
      problemsNote.textContent = problems.map(function (p) { return p.message; }).join(" ");
      previewList.textContent = "";
      var answers = result.data.answers || [];
      if (!answers.length) previewList.appendChild(el("li", {}, L.preview_none));
      answers.forEach(function (answer) {
        var item = el("li");
        item.appendChild(el("small", {}, answer.name));
        item.appendChild(el("p", { class: "answer" }, answer.text));
        previewList.appendChild(item);
      });
    });
  }
  [valueInput, sourceInput, asOfInput].forEach(function (input) {
    input.addEventListener("input", schedulePreview);
  });
  select.addEventListener("change", showFact);

  proposeButton.addEventListener("click", function () {
    proposeButton.disabled = true;
    api("/staff/api/facts/propose", proposal()).then(function (result) {
      report(result, L.proposed);
    }).finally(function () { proposeButton.disabled = false; });
  });

  function loadHistory() {
    api("/staff/api/facts/" + encodeURIComponent(select.value) + "/history").then(function (result) {
      historyList.textContent = "";
      var live = null;
      (result.data.versions || []).forEach(function (version) {
        if (live === null && version.status === "approved") live = version.id;
      });
      (result.data.versions || []).forEach(function (version) {
        var item = el("li", { "data-version": String(version.id) });
        var status = L["status_" + version.status] + (version.id === live ? L.current_mark : "");
        item.appendChild(el("strong", {}, status));
        item.appendChild(el("p", {}, version.value));
        item.appendChild(el("small", {}, version.proposed_by + " " + version.proposed_at + " ／ " +
          (version.reviewed_by ? version.reviewed_by + " " + version.reviewed_at : "") + " ／ " +
          version.reason + (version.review_comment ? " ／ " + version.review_comment : "")));
        if (version.status === "approved" && version.id !== live) {
          var reason = labelled(item, "rollback-reason-" + version.id, L.rollback_reason, el("input"));
          var button = el("button", { type: "button", "data-action": "rollback" }, L.rollback);
          button.addEventListener("click", function () {
            api("/staff/api/facts/versions/" + version.id + "/rollback", { reason: reason.value })
              .then(function (result) { report(result, L.proposed); });
          });
          item.appendChild(button);
        }
        historyList.appendChild(item);
      });
    });
  }

  function load() {
    return api("/staff/api/facts/review").then(function (result) {
      state = result.data;
      var chosen = select.value;
      select.textContent = "";
      state.facts.forEach(function (fact) {
        var short = fact.value.length > 30 ? fact.value.slice(0, 30) + "…" : fact.value;
        select.appendChild(el("option", { value: fact.id }, fact.id + " — " + short));
      });
      if (chosen) select.value = chosen;
      renderPending();
      showFact();
    });
  }
  load();
})();
