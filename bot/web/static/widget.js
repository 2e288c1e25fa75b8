/*
 * 鳴門市 お問い合わせチャット: embeddable with one tag on any page of the city site:
 *   <script src="https://<this server>/widget.js" data-server="https://<rasa>" defer></script>
 * data-server: the Rasa server (REST channel); data-open="true" opens the panel at once.
 * All texts come from /widget-config.json (data/messages.yml on the server).
 */
(function () {
  "use strict";
  var script = document.currentScript;
  var base = new URL(".", script.src);
  var STORAGE_KEY = "naruto-leak-chat-v1";
  var FONT_SIZES = [14, 16, 18, 21, 24];
  var LANGUAGES = ["ja", "easy", "en"];
  var LANGUAGE_TAGS = { ja: "ja", easy: "ja", en: "en" };
  // Links made from the assistant's text: web addresses, phone numbers (they dial) and
  // the e-mail address; everything else stays text.
  var LINK_PATTERN = /https?:\/\/[^\s<>"'（）「」]+|0\d{1,4}-\d{1,4}-\d{3,4}|[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g;

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function linkFor(found) {
    if (/^https?:/.test(found)) {
      var web = el("a", "nrt-chat-link", found);
      web.href = found;
      web.target = "_blank";
      web.rel = "noopener noreferrer";
      return web;
    }
    // A phone number or an e-mail address: kept on one line, and it dials or writes.
    var link = el("a", "nrt-chat-link nrt-chat-contact", found);
    link.href = found.indexOf("@") >= 0 ? "mailto:" + found : "tel:" + found.replace(/-/g, "");
    return link;
  }

  // Bot text as text: links are built as elements from what matched, never as HTML.
  function fillText(node, text, links) {
    var last = 0;
    text.replace(LINK_PATTERN, function (found, offset) {
      node.appendChild(document.createTextNode(text.slice(last, offset)));
      node.appendChild(links ? linkFor(found) : document.createTextNode(found));
      last = offset + found.length;
      return found;
    });
    node.appendChild(document.createTextNode(text.slice(last)));
  }

  function loadState() {
    try {
      var saved = JSON.parse(sessionStorage.getItem(STORAGE_KEY));
      if (saved && saved.sender) return saved;
    } catch (e) { /* unreadable storage: start afresh */ }
    return newState();
  }

  function newState() {
    var id = (window.crypto && crypto.randomUUID) ? crypto.randomUUID()
      : String(Date.now()) + Math.random().toString(16).slice(2);
    return { sender: "web-" + id, messages: [], fontIndex: 1, open: false, sensitiveNext: false,
             greeted: false };
  }

  function start(config) {
    var texts = config.texts;
    // The widget's own words in the conversation's language (data/messages.yml).
    function t(key) {
      var translated = (config.translations || {})[state.language] || {};
      return translated[key] || texts[key];
    }
    var server = (script.dataset.server || config.server).replace(/\/$/, "");
    var state = loadState();
    if (script.dataset.open === "true") state.open = true;

    var link = el("link");
    link.rel = "stylesheet";
    link.href = new URL("widget.css", base).href;
    document.head.appendChild(link);

    var root = el("div", "nrt-chat");
    var toggle = el("button", "nrt-chat-toggle", t("widget_open"));
    toggle.type = "button";
    toggle.setAttribute("aria-expanded", "false");
    toggle.setAttribute("aria-controls", "nrt-chat-panel");

    var panel = el("section", "nrt-chat-panel");
    panel.id = "nrt-chat-panel";
    panel.setAttribute("aria-labelledby", "nrt-chat-title");
    var header = el("div", "nrt-chat-header");
    var title = el("h2", "nrt-chat-title", t("widget_title"));
    title.id = "nrt-chat-title";
    var tools = el("div", "nrt-chat-tools");
    function toolButton(label, text) {
      var button = el("button", "nrt-chat-tool", text);
      button.type = "button";
      button.setAttribute("aria-label", label);
      tools.appendChild(button);
      return button;
    }
    var smaller = toolButton(t("widget_font_smaller"), "A−");
    var larger = toolButton(t("widget_font_larger"), "A＋");
    var restart = toolButton(t("widget_restart"), t("widget_restart"));
    var close = toolButton(t("widget_close"), "×");
    header.appendChild(title);
    header.appendChild(tools);

    // The answers' language: a choice for the conversation, said to Rasa as a payload
    // (bot.language); the assistant's reply in that language is read out by the log.
    var languages = el("div", "nrt-chat-languages");
    languages.setAttribute("role", "group");
    languages.setAttribute("aria-label", t("widget_language_label"));
    var languageButtons = LANGUAGES.map(function (code) {
      var button = el("button", "nrt-chat-language", t("widget_language_" + code));
      button.type = "button";
      button.lang = LANGUAGE_TAGS[code];
      button.dataset.language = code;
      button.addEventListener("click", function () {
        if (pending || state.language === code) return;
        state.language = code;
        showLanguage();
        ask('/choose_language{"language": "' + code + '", "detected_language": "' +
            (code === "en" ? "en" : "ja") + '"}', t("widget_language_" + code));
      });
      languages.appendChild(button);
      return button;
    });
    function showLanguage() {
      languageButtons.forEach(function (button) {
        button.setAttribute("aria-pressed", String(button.dataset.language === (state.language || "ja")));
      });
      panel.lang = LANGUAGE_TAGS[state.language || "ja"];
      toggle.textContent = t("widget_open");
      title.textContent = t("widget_title");
      [[smaller, "widget_font_smaller"], [larger, "widget_font_larger"], [restart, "widget_restart"],
       [close, "widget_close"]].forEach(function (pair) { pair[0].setAttribute("aria-label", t(pair[1])); });
      restart.textContent = t("widget_restart");
      log.setAttribute("aria-label", t("widget_log_label"));
      send.textContent = t("widget_send");
      stop.textContent = t("widget_stop");
      showAsking();
    }

    var log = el("div", "nrt-chat-log");
    log.setAttribute("role", "log");
    log.setAttribute("aria-live", "polite");
    log.setAttribute("aria-label", t("widget_log_label"));
    log.tabIndex = 0;
    var status = el("p", "nrt-chat-status");
    status.setAttribute("role", "status");

    var form = el("form", "nrt-chat-form");
    var label = el("label", "nrt-chat-label", t("widget_input_label"));
    label.htmlFor = "nrt-chat-input";
    var input = el("textarea", "nrt-chat-input");
    input.id = "nrt-chat-input";
    input.rows = 2;
    input.maxLength = 2000;
    input.placeholder = t("widget_placeholder");
    var send = el("button", "nrt-chat-send", t("widget_send"));
    send.type = "submit";
    // Shown while the address or birth date is asked: stopping is one tap away.
    var stop = el("button", "nrt-chat-stop", t("widget_stop"));
    stop.type = "button";
    stop.hidden = true;
    form.appendChild(label);
    form.appendChild(input);
    form.appendChild(send);
    form.appendChild(stop);

    panel.appendChild(header);
    panel.appendChild(languages);
    panel.appendChild(log);
    panel.appendChild(status);
    panel.appendChild(form);
    root.appendChild(toggle);
    root.appendChild(panel);
    document.body.appendChild(root);

    function save() {
      try { sessionStorage.setItem(STORAGE_KEY, JSON.stringify(state)); } catch (e) { /* private mode */ }
    }

    function applyFont() {
      root.style.setProperty("--nrt-chat-font", FONT_SIZES[state.fontIndex] + "px");
    }

    function setOpen(open) {
      state.open = open;
      panel.hidden = !open;
      toggle.setAttribute("aria-expanded", String(open));
      save();
      if (open) {
        log.scrollTop = log.scrollHeight;
        if (!state.greeted && !state.messages.length) greet();
      }
    }

    // The assistant greets first: what it can answer, as buttons.
    function greet() {
      state.greeted = true;
      post("/greet");
    }

    // While the address or birth date is asked, the box says so and 「やめる」 shows.
    function showAsking() {
      var field = state.sensitiveNext || "";
      label.textContent = t("widget_input_label_" + field) || t("widget_input_label");
      input.placeholder = t("widget_placeholder_" + field) || t("widget_placeholder");
      stop.hidden = !field;
    }

    function render(message) {
      var item = el("div", "nrt-chat-message nrt-chat-" + message.from);
      var who = el("span", "nrt-chat-visually-hidden",
        (message.from === "user" ? t("widget_you") : t("widget_assistant")) + "：");
      var body = el("p", "nrt-chat-text");
      fillText(body, message.text, message.from === "bot");
      item.appendChild(who);
      item.appendChild(body);
      (message.buttons || []).forEach(function (choice) {
        var button = el("button", "nrt-chat-choice", choice.title);
        button.type = "button";
        button.addEventListener("click", function () { ask(choice.payload || choice.title, choice.title); });
        item.appendChild(button);
      });
      if (message.retry) {
        var retry = el("button", "nrt-chat-choice nrt-chat-retry", t("widget_retry"));
        retry.type = "button";
        retry.addEventListener("click", function () { item.remove(); post(message.retry); });
        item.appendChild(retry);
      }
      log.appendChild(item);
      log.scrollTop = log.scrollHeight;
    }

    function add(message, stored) {
      render(message);
      if (!message.retry) {
        state.messages.push(stored || message);
        save();
      }
    }

    function post(text) {
      pending = true;
      send.disabled = true;
      status.textContent = t("widget_waiting");
      return fetch(server + "/webhooks/rest/webhook", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ sender: state.sender, message: text })
      }).then(function (response) {
        if (!response.ok) throw new Error("HTTP " + response.status);
        return response.json();
      }).then(function (replies) {
        replies.forEach(function (reply) {
          if (reply.custom && reply.custom.input === "sensitive") state.sensitiveNext = reply.custom.field || "answer";
          if (reply.text) add({ from: "bot", text: reply.text, buttons: reply.buttons || [] });
        });
        save();
      }).catch(function () {
        add({ from: "bot", text: t("widget_offline"), retry: text });
      }).then(function () {
        pending = false;
        send.disabled = false;
        status.textContent = "";
        showAsking();
        if (sendWhenAnswered) {
          sendWhenAnswered = false;
          submit();
        }
      });
    }

    function ask(text, shown) {
      if (!text.trim()) return;
      var message = { from: "user", text: shown || text };
      // An answer to "your address?" is shown but not kept in the browser's storage.
      var stored = state.sensitiveNext ? { from: "user", text: t("widget_hidden_input") } : message;
      state.sensitiveNext = false;
      showAsking();
      add(message, stored);
      post(text);
    }

    // One question at a time: Enter while an answer (or the greeting) is coming leaves the
    // question in the box and sends it once the answer is in. It is shown, kept and hidden
    // only then, under whatever that answer asked (an address is never kept in clear).
    var pending = false;
    var sendWhenAnswered = false;
    function submit() {
      var text = input.value;
      input.value = "";
      ask(text);
      input.focus();
    }
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      if (pending) sendWhenAnswered = true;
      else submit();
    });
    input.addEventListener("keydown", function (event) {
      // Enter while the IME is composing (kana → kanji) confirms the conversion only.
      if (event.isComposing || event.keyCode === 229) return;
      if (event.key === "Enter" && !event.shiftKey) {
        event.preventDefault();
        form.requestSubmit ? form.requestSubmit() : form.dispatchEvent(new Event("submit"));
      }
    });
    toggle.addEventListener("click", function () {
      setOpen(!state.open);
      if (state.open) input.focus();
    });
    close.addEventListener("click", function () { setOpen(false); toggle.focus(); });
    panel.addEventListener("keydown", function (event) {
      if (event.key === "Escape") { setOpen(false); toggle.focus(); }
    });
    smaller.addEventListener("click", function () {
      state.fontIndex = Math.max(0, state.fontIndex - 1); applyFont(); save();
    });
    larger.addEventListener("click", function () {
      state.fontIndex = Math.min(FONT_SIZES.length - 1, state.fontIndex + 1); applyFont(); save();
    });
    restart.addEventListener("click", function () {
      var open = state.open;
      state = newState();
      state.open = open;
      log.textContent = "";
      save();
      showLanguage();
      showAsking();
      greet();
      input.focus();
    });
    // The intent itself, not words the model must read: stopping always works.
    stop.addEventListener("click", function () { ask("/stop", t("widget_stop_message")); });

    state.messages.forEach(render);
    showLanguage();
    applyFont();
    showAsking();
    setOpen(state.open);
    // The log becomes a scrolling box only once the stylesheet applies: after a reload,
    // show the latest message, not the oldest.
    link.addEventListener("load", function () { log.scrollTop = log.scrollHeight; });
  }

  fetch(new URL("widget-config.json", base).href)
    .then(function (response) { return response.json(); })
    .then(start);
})();
