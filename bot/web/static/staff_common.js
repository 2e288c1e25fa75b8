/* What the staff pages (/staff/ and /staff/facts) share: building elements, calling the
   staff API with the session's CSRF token, and page sections. */
window.staffPage = function (root) {
  "use strict";
  var config = JSON.parse(root.dataset.config);

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (key) { node.setAttribute(key, attrs[key]); });
    if (text !== undefined) node.textContent = text;
    return node;
  }
  function api(path, body) {
    var options = { credentials: "same-origin", headers: { "X-CSRF-Token": config.csrf } };
    if (body !== undefined) {
      options.method = "POST";
      options.headers["Content-Type"] = "application/json";
      options.body = JSON.stringify(body);
    }
    return fetch(path, options).then(function (response) {
      if (response.status === 401) { location.reload(); throw new Error("logged out"); }
      return response;
    });
  }
  function section(id, heading) {
    var box = el("section", { id: id, "aria-labelledby": id + "-h" });
    box.appendChild(el("h2", { id: id + "-h" }, heading));
    root.appendChild(box);
    return box;
  }
  return { config: config, el: el, api: api, section: section };
};
