// Arkiv's only script: keyboard shortcuts, the filing drop zone with per-file progress, and the
// record class hint. Everything works without it too (plain forms and links).
"use strict";

function csrfHeaders() {
  try {
    return JSON.parse(document.body.getAttribute("hx-headers") || "{}");
  } catch (e) {
    return {};
  }
}

function typing(event) {
  const t = event.target;
  return t.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(t.tagName);
}

// "/" jumps to the search box; j and k go to the next and previous hit.
document.addEventListener("keydown", (event) => {
  if (event.ctrlKey || event.metaKey || event.altKey || typing(event)) return;
  if (event.key === "/") {
    const box = document.getElementById("q") || document.getElementById("start-q");
    if (box) { event.preventDefault(); box.focus(); box.select(); }
  } else if (event.key === "j" || event.key === "k") {
    const onRecord = document.getElementById(event.key === "j" ? "next-hit" : "previous-hit");
    if (onRecord) { onRecord.click(); return; }
    const links = Array.from(document.querySelectorAll("a.hit-link"));
    if (!links.length) return;
    const at = links.indexOf(document.activeElement);
    const next = event.key === "j" ? Math.min(at + 1, links.length - 1) : Math.max(at - 1, 0);
    links[next].focus();
  }
});

function showRetention(select) {
  const hint = document.getElementById("class-retention");
  if (!hint) return;
  const option = select.options[select.selectedIndex];
  hint.textContent = option ? option.getAttribute("data-retention") || "" : "";
}

// One upload per file, so each has its own progress bar and its own outcome.
function upload(form, file, list) {
  const item = document.createElement("li");
  item.className = "hit upload";
  const name = document.createElement("strong");
  name.textContent = file.name;
  const bar = document.createElement("progress");
  bar.max = 100; bar.value = 0;
  bar.setAttribute("aria-label", file.name);
  item.append(name, bar);
  list.prepend(item);
  const data = new FormData(form);
  data.delete("file");
  data.append("file", file, file.name);
  const xhr = new XMLHttpRequest();
  xhr.open("POST", form.action);
  const headers = csrfHeaders();
  Object.keys(headers).forEach((h) => xhr.setRequestHeader(h, headers[h]));
  xhr.setRequestHeader("HX-Request", "true");
  xhr.upload.onprogress = (e) => { if (e.lengthComputable) bar.value = Math.round(100 * e.loaded / e.total); };
  xhr.onload = () => {
    // The session ended (or the page outlived it): the login page, as htmx would go there.
    const redirect = xhr.getResponseHeader("HX-Redirect");
    if (redirect) { window.location.href = redirect; return; }
    const type = xhr.getResponseHeader("Content-Type") || "";
    if (type.startsWith("application/problem+json")) {
      // Refused before the page's controller saw it (e.g. over the size limit): show its reason.
      let problem = {};
      try { problem = JSON.parse(xhr.responseText); } catch (e) { /* keep the status */ }
      const reason = document.createElement("p");
      reason.className = "notice bad";
      reason.setAttribute("role", "alert");
      reason.textContent = (problem.title || ("HTTP " + xhr.status)) + (problem.detail ? ": " + problem.detail : "");
      item.replaceChildren(name, reason);
      return;
    }
    const holder = document.createElement("ul");
    holder.innerHTML = xhr.responseText;
    const answer = holder.firstElementChild || holder;
    if (xhr.status >= 400) {
      item.classList.add("failed");
      item.replaceChildren(name, answer);
    } else {
      item.replaceWith(answer);
      if (window.htmx) window.htmx.process(answer);
    }
  };
  xhr.onerror = () => { item.append(" ✗"); };
  xhr.send(data);
}

function fileAll(form, files) {
  const list = document.getElementById("uploads");
  if (!form.reportValidity()) return;
  Array.from(files).forEach((file) => upload(form, file, list));
}

document.addEventListener("DOMContentLoaded", () => {
  const form = document.getElementById("filing-form");
  if (!form) return;
  const select = document.getElementById("recordClass");
  if (select) { select.addEventListener("change", () => showRetention(select)); showRetention(select); }
  const zone = document.getElementById("dropzone");
  const input = document.getElementById("files");
  zone.addEventListener("dragover", (e) => { e.preventDefault(); zone.classList.add("over"); });
  zone.addEventListener("dragleave", () => zone.classList.remove("over"));
  zone.addEventListener("drop", (e) => {
    e.preventDefault(); zone.classList.remove("over");
    fileAll(form, e.dataTransfer.files);
  });
  form.addEventListener("submit", (e) => {
    if (!input.files.length) return;
    e.preventDefault();
    fileAll(form, input.files);
    input.value = "";
  });
});
