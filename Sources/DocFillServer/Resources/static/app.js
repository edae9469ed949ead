// DocFill serve: the one script. Everything works without it (forms post and redirect);
// it only checks the form as it is typed, placing the messages next to their fields.
(function () {
  "use strict";
  var form = document.getElementById("data-form");
  if (!form || !window.fetch || !window.URLSearchParams) return;
  var url = form.getAttribute("data-check");
  var timer = null;
  var running = false;

  function clearNotes() {
    var old = form.querySelectorAll("p.note.live");
    for (var i = 0; i < old.length; i++) old[i].parentNode.removeChild(old[i]);
    var marked = form.querySelectorAll(".has-error, .has-warning");
    for (var j = 0; j < marked.length; j++) marked[j].classList.remove("has-error", "has-warning");
  }

  function show(diagnostics) {
    clearNotes();
    var list = document.getElementById("messages");
    if (list) list.innerHTML = "";
    diagnostics.forEach(function (d) {
      if (list) {
        var li = document.createElement("li");
        li.className = d.severity + (d.code === "open_todo" ? " todo" : "");
        li.setAttribute("data-code", d.code);
        var code = document.createElement("code");
        code.textContent = d.code;
        li.appendChild(code);
        li.appendChild(document.createTextNode(" " + d.text));
        list.appendChild(li);
      }
      var field = d.anchor ? document.getElementById(d.anchor) : null;
      if (!field) return;
      var note = document.createElement("p");
      note.className = "note live " + d.severity;
      note.setAttribute("data-code", d.code);
      note.textContent = d.text;
      field.parentNode.appendChild(note);
      var box = field.closest(".field") || field;
      box.classList.add(d.severity === "error" ? "has-error" : "has-warning");
    });
  }

  function check() {
    if (running) { schedule(); return; }
    running = true;
    // The text fields only: a picture is sent when the form is saved, not with each check.
    var body = new URLSearchParams();
    new FormData(form).forEach(function (value, name) {
      if (typeof value === "string" && name !== "action") body.append(name, value);
    });
    fetch(url, { method: "POST", body: body, credentials: "same-origin",
                 headers: { "Content-Type": "application/x-www-form-urlencoded" } })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (json) { if (json) show(json.diagnostics); })
      .catch(function () {})
      .then(function () { running = false; });
  }

  function schedule() {
    if (timer) clearTimeout(timer);
    timer = setTimeout(check, 700);
  }

  form.addEventListener("input", schedule);
})();
