// brandtune 品牌文案工作室: plain browser JavaScript, no build step and no CDN.
(function () {
  "use strict";

  var HISTORY_KEY = "brandtune.studio.history";
  var API_KEY_KEY = "brandtune.studio.apiKey";
  var HISTORY_LIMIT = 30;
  var products = [];
  var types = [];

  function $(id) { return document.getElementById(id); }

  function headers() {
    var h = { "Content-Type": "application/json" };
    var key = $("api-key").value.trim();
    if (key) { h.Authorization = "Bearer " + key; }
    return h;
  }

  function setStatus(text, isError) {
    var s = $("status");
    s.textContent = text;
    s.className = isError ? "error" : "";
  }

  function errorText(body, status) {
    if (body && body.error && body.error.message) { return body.error.message; }
    return "请求失败（HTTP " + status + "）";
  }

  function getJson(path) {
    return fetch(path, { headers: headers() }).then(function (r) {
      return r.json().then(function (body) {
        if (!r.ok) { throw new Error(errorText(body, r.status)); }
        return body;
      });
    });
  }

  // A searchable picker: the search box filters the list by id or name.
  function fillPicker(list, items, query, label) {
    var selected = list.value;
    var q = query.trim().toLowerCase();
    list.innerHTML = "";
    items.forEach(function (item) {
      var text = label(item);
      if (q && text.toLowerCase().indexOf(q) < 0) { return; }
      var opt = document.createElement("option");
      opt.value = item.id;
      opt.textContent = text;
      list.appendChild(opt);
    });
    if (selected) { list.value = selected; }
    if (!list.value && list.options.length) { list.selectedIndex = 0; }
  }

  function productLabel(p) { return p.name + "（" + p.id + "）"; }
  function typeLabel(t) { return t.name + "（" + t.id + "）"; }

  function loadCatalog() {
    return Promise.all([getJson("/api/products"), getJson("/api/content-types")]).then(function (r) {
      products = r[0];
      types = r[1];
      fillPicker($("product-list"), products, $("product-search").value, productLabel);
      fillPicker($("type-list"), types, $("type-search").value, typeLabel);
      setStatus("已加载 " + products.length + " 个产品、" + types.length + " 种内容类型");
    }).catch(function (e) { setStatus(e.message, true); });
  }

  // Splits the text at every finding boundary and marks each piece with the findings covering it.
  function highlighted(text, findings) {
    var spans = findings.filter(function (f) { return f.end > f.start && f.end <= text.length; });
    var cuts = [0, text.length];
    spans.forEach(function (f) { cuts.push(f.start, f.end); });
    cuts = cuts.filter(function (v, i, a) { return a.indexOf(v) === i; }).sort(function (a, b) { return a - b; });
    var frag = document.createDocumentFragment();
    for (var i = 0; i + 1 < cuts.length; i++) {
      var from = cuts[i], to = cuts[i + 1];
      var piece = text.substring(from, to);
      var covering = spans.filter(function (f) { return f.start <= from && f.end >= to; });
      if (!covering.length) { frag.appendChild(document.createTextNode(piece)); continue; }
      var mark = document.createElement("mark");
      var worst = covering.some(function (f) { return f.severity === "error"; }) ? "error"
        : covering.some(function (f) { return f.severity === "warning"; }) ? "warning" : "info";
      mark.className = "finding sev-" + worst;
      mark.dataset.rules = covering.map(function (f) { return f.rule; }).join(" ");
      mark.title = covering.map(function (f) { return f.severity_label + "：" + f.message; }).join("\n");
      mark.textContent = piece;
      frag.appendChild(mark);
    }
    return frag;
  }

  function copyText(text, button) {
    function done() { button.textContent = "已复制"; setTimeout(function () { button.textContent = "复制"; }, 1500); }
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(done, function () { fallbackCopy(text); done(); });
    } else { fallbackCopy(text); done(); }
  }

  function fallbackCopy(text) {
    var area = document.createElement("textarea");
    area.value = text;
    document.body.appendChild(area);
    area.select();
    try { document.execCommand("copy"); } catch (e) { /* nothing more to try */ }
    document.body.removeChild(area);
  }

  function variantCard(index) {
    var card = document.createElement("article");
    card.className = "variant";
    card.dataset.index = index;
    card.innerHTML = '<div class="variant-head"><span class="title"></span><span class="brand-score"></span>' +
      '<span class="reward"></span><button type="button" class="copy">复制</button></div>' +
      '<div class="variant-text streaming"></div>';
    card.querySelector(".title").textContent = "文案 " + (index + 1);
    card.querySelector(".copy").addEventListener("click", function (e) {
      copyText(card.querySelector(".variant-text").textContent, e.target);
    });
    return card;
  }

  function renderVariant(card, v) {
    var textBox = card.querySelector(".variant-text");
    textBox.classList.remove("streaming");
    textBox.innerHTML = "";
    textBox.appendChild(highlighted(v.text, v.findings));
    card.querySelector(".brand-score").textContent = "品牌分 " + v.brand_score.toFixed(2);
    card.querySelector(".reward").textContent = v.reward_score === null || v.reward_score === undefined
      ? "奖励分 —（未加载奖励模型）" : "奖励分 " + v.reward_score.toFixed(3);
    var old = card.querySelector(".findings, .ok");
    if (old) { old.remove(); }
    if (!v.findings.length) {
      var ok = document.createElement("p");
      ok.className = "ok";
      ok.textContent = "未发现品牌规则问题";
      card.appendChild(ok);
      return;
    }
    var list = document.createElement("ul");
    list.className = "findings";
    v.findings.forEach(function (f) {
      var li = document.createElement("li");
      li.className = "sev-" + f.severity + "-item";
      li.innerHTML = '<strong></strong> <span class="msg"></span> <span class="rule"></span>';
      li.querySelector("strong").textContent = f.severity_label;
      li.querySelector(".msg").textContent = f.message + (f.evidence ? "「" + f.evidence + "」" : "");
      li.querySelector(".rule").textContent = f.rule;
      list.appendChild(li);
    });
    card.appendChild(list);
  }

  function showResult(result) {
    var box = $("variants");
    box.innerHTML = "";
    result.variants.forEach(function (v) {
      var card = variantCard(v.index);
      box.appendChild(card);
      renderVariant(card, v);
    });
  }

  // Reads server-sent events from a fetch response and calls onEvent with each JSON payload.
  function readEvents(response, onEvent) {
    var reader = response.body.getReader();
    var decoder = new TextDecoder("utf-8");
    var buffer = "";
    function pump() {
      return reader.read().then(function (chunk) {
        if (chunk.done) { return; }
        buffer += decoder.decode(chunk.value, { stream: true });
        var at;
        while ((at = buffer.indexOf("\n\n")) >= 0) {
          var block = buffer.substring(0, at);
          buffer = buffer.substring(at + 2);
          block.split("\n").forEach(function (line) {
            if (line.indexOf("data: ") !== 0) { return; }
            var data = line.substring(6);
            if (data !== "[DONE]") { onEvent(JSON.parse(data)); }
          });
        }
        return pump();
      });
    }
    return pump();
  }

  function generate() {
    var productId = $("product-list").value;
    var typeId = $("type-list").value;
    if (!productId || !typeId) { setStatus("请先选择产品和内容类型", true); return; }
    var n = Math.max(1, Math.min(8, parseInt($("count").value, 10) || 1));
    var body = { product_id: productId, content_type_id: typeId, extra_instruction: $("extra").value, n: n, stream: true };
    var box = $("variants");
    box.innerHTML = "";
    var cards = [];
    for (var i = 0; i < n; i++) { cards.push(variantCard(i)); box.appendChild(cards[i]); }
    $("generate").disabled = true;
    setStatus("生成中……");
    var result = null;
    fetch("/api/generate", { method: "POST", headers: headers(), body: JSON.stringify(body) })
      .then(function (r) {
        if (!r.ok) { return r.json().then(function (b) { throw new Error(errorText(b, r.status)); }); }
        return readEvents(r, function (ev) {
          if (ev.type === "delta") {
            cards[ev.index].querySelector(".variant-text").textContent += ev.text;
          } else if (ev.type === "result") {
            result = ev.result;
          } else if (ev.type === "error") {
            throw new Error(ev.error.message);
          }
        });
      })
      .then(function () {
        if (!result) { throw new Error("生成未完成"); }
        result.variants.forEach(function (v) { renderVariant(cards[v.index], v); });
        saveHistory(result);
        setStatus("完成：" + result.variants.length + " 条文案，共生成 " + result.usage.completion_tokens + " 个 token");
      })
      .catch(function (e) { setStatus(e.message, true); })
      .then(function () { $("generate").disabled = false; });
  }

  function loadHistory() {
    try { return JSON.parse(localStorage.getItem(HISTORY_KEY)) || []; } catch (e) { return []; }
  }

  function saveHistory(result) {
    var items = loadHistory();
    items.unshift({ at: new Date().toISOString(), result: result });
    localStorage.setItem(HISTORY_KEY, JSON.stringify(items.slice(0, HISTORY_LIMIT)));
    renderHistory();
  }

  function renderHistory() {
    var list = $("history");
    list.innerHTML = "";
    loadHistory().forEach(function (item) {
      var li = document.createElement("li");
      var p = products.filter(function (x) { return x.id === item.result.product_id; })[0];
      var t = types.filter(function (x) { return x.id === item.result.content_type_id; })[0];
      li.textContent = new Date(item.at).toLocaleString("zh-CN") + " · " + (p ? p.name : item.result.product_id) +
        " · " + (t ? t.name : item.result.content_type_id) + " · " + item.result.variants.length + " 条";
      li.addEventListener("click", function () { showResult(item.result); setStatus("已显示历史记录"); });
      list.appendChild(li);
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    $("api-key").value = localStorage.getItem(API_KEY_KEY) || "";
    $("api-key").addEventListener("change", function () {
      localStorage.setItem(API_KEY_KEY, $("api-key").value.trim());
      loadCatalog().then(renderHistory);
    });
    $("product-search").addEventListener("input", function (e) {
      fillPicker($("product-list"), products, e.target.value, productLabel);
    });
    $("type-search").addEventListener("input", function (e) {
      fillPicker($("type-list"), types, e.target.value, typeLabel);
    });
    $("generate").addEventListener("click", generate);
    $("clear-history").addEventListener("click", function () {
      localStorage.removeItem(HISTORY_KEY);
      renderHistory();
    });
    loadCatalog().then(renderHistory);
  });
})();
