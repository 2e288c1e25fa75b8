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
  var URL_PATTERN = /https?:\/\/[^\s<>"'（）「」]+/g;

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  // Bot text as text: only http(s) URLs become links, built as elements, never as HTML.
  function fillText(node, text) {
    var last = 0;
    text.replace(URL_PATTERN, function (url, offset) {
      node.appendChild(document.createTextNode(text.slice(last, offset)));
      var link = el("a", "nrt-chat-link", url);
      link.href = url;
      link.target = "_blank";
      link.rel = "noopener noreferrer";
      node.appendChild(link);
      last = offset + url.length;
      return url;
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
    return { sender: "web-" + id, messages: [], fontIndex: 1, open: false, sensitiveNext: false };
  }

  function start(config) {
    var texts = config.texts;
    var server = (script.dataset.server || config.server).replace(/\/$/, "");
    var state = loadState();
    if (script.dataset.open === "true") state.open = true;

    var link = el("link");
    link.rel = "stylesheet";
    link.href = new URL("widget.css", base).href;
    document.head.appendChild(link);

    var root = el("div", "nrt-chat");
    var toggle = el("button", "nrt-chat-toggle", texts.widget_open);
    toggle.type = "button";
    toggle.setAttribute("aria-expanded", "false");
    toggle.setAttribute("aria-controls", "nrt-chat-panel");

    var panel = el("section", "nrt-chat-panel");
    panel.id = "nrt-chat-panel";
    panel.setAttribute("aria-labelledby", "nrt-chat-title");
    var header = el("div", "nrt-chat-header");
    var title = el("h2", "nrt-chat-title", texts.widget_title);
    title.id = "nrt-chat-title";
    var tools = el("div", "nrt-chat-tools");
    function toolButton(label, text) {
      var button = el("button", "nrt-chat-tool", text);
      button.type = "button";
      button.setAttribute("aria-label", label);
      tools.appendChild(button);
      return button;
    }
    var smaller = toolButton(texts.widget_font_smaller, "A−");
    var larger = toolButton(texts.widget_font_larger, "A＋");
    var restart = toolButton(texts.widget_restart, texts.widget_restart);
    var close = toolButton(texts.widget_close, "×");
    header.appendChild(title);
    header.appendChild(tools);

    var log = el("div", "nrt-chat-log");
    log.setAttribute("role", "log");
    log.setAttribute("aria-live", "polite");
    log.setAttribute("aria-label", texts.widget_log_label);
    log.tabIndex = 0;
    var status = el("p", "nrt-chat-status");
    status.setAttribute("role", "status");

    var form = el("form", "nrt-chat-form");
    var label = el("label", "nrt-chat-label", texts.widget_input_label);
    label.htmlFor = "nrt-chat-input";
    var input = el("textarea", "nrt-chat-input");
    input.id = "nrt-chat-input";
    input.rows = 2;
    input.maxLength = 2000;
    input.placeholder = texts.widget_placeholder;
    var send = el("button", "nrt-chat-send", texts.widget_send);
    send.type = "submit";
    form.appendChild(label);
    form.appendChild(input);
    form.appendChild(send);

    panel.appendChild(header);
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
    }

    function render(message) {
      var item = el("div", "nrt-chat-message nrt-chat-" + message.from);
      var who = el("span", "nrt-chat-visually-hidden",
        (message.from === "user" ? texts.widget_you : texts.widget_assistant) + "：");
      var body = el("p", "nrt-chat-text");
      fillText(body, message.text);
      item.appendChild(who);
      item.appendChild(body);
      (message.buttons || []).forEach(function (choice) {
        var button = el("button", "nrt-chat-choice", choice.title);
        button.type = "button";
        button.addEventListener("click", function () { ask(choice.payload || choice.title, choice.title); });
        item.appendChild(button);
      });
      if (message.retry) {
        var retry = el("button", "nrt-chat-choice nrt-chat-retry", texts.widget_retry);
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
      send.disabled = true;
      status.textContent = texts.widget_waiting;
      return fetch(server + "/webhooks/rest/webhook", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ sender: state.sender, message: text })
      }).then(function (response) {
        if (!response.ok) throw new Error("HTTP " + response.status);
        return response.json();
      }).then(function (replies) {
        replies.forEach(function (reply) {
          if (reply.custom && reply.custom.input === "sensitive") state.sensitiveNext = true;
          if (reply.text) add({ from: "bot", text: reply.text, buttons: reply.buttons || [] });
        });
        save();
      }).catch(function () {
        add({ from: "bot", text: texts.widget_offline, retry: text });
      }).then(function () {
        send.disabled = false;
        status.textContent = "";
      });
    }

    function ask(text, shown) {
      if (!text.trim()) return;
      var message = { from: "user", text: shown || text };
      // An answer to "your address?" is shown but not kept in the browser's storage.
      var stored = state.sensitiveNext ? { from: "user", text: texts.widget_hidden_input } : message;
      state.sensitiveNext = false;
      add(message, stored);
      post(text);
    }

    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var text = input.value;
      input.value = "";
      ask(text);
      input.focus();
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
      input.focus();
    });

    state.messages.forEach(render);
    applyFont();
    setOpen(state.open);
  }

  fetch(new URL("widget-config.json", base).href)
    .then(function (response) { return response.json(); })
    .then(start);
})();
