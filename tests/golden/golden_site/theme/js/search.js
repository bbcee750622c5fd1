/* Search page (/tim-kiem/): a small UI on Pagefind's JS API.
   pagefind.js, its WebAssembly and the index chunks load on demand from the
   bundle folder named by data-bundle (relative to the page, so the site works
   under any subpath). Results link through baseUrl = the site's own path.
   Excerpts are built here from the page text: Pagefind's own excerpt would
   show the folded copies (đ → d) that plugins/site_search adds at the end of
   each article so that "dat dai" finds "đất đai". */
(function () {
  "use strict";
  var app = document.getElementById("tim-kiem");
  if (!app) { return; }
  var form = app.querySelector(".search-form");
  var input = form.querySelector("input[name=q]");
  var filters = Array.prototype.slice.call(form.querySelectorAll("select[data-filter]"));
  var sortSelect = form.querySelector("select[name=sap_xep]");
  var yearSelect = form.querySelector("select[name=nam]");
  var quarterSelect = form.querySelector("select[name=quy]");
  var status = app.querySelector(".search-status");
  var list = app.querySelector(".search-results");
  var more = app.querySelector(".search-more");
  var unavailable = app.querySelector(".search-unavailable");
  var PAGE = 10, EXCERPT_WORDS = 30, DEBOUNCE_MS = 300;
  var FOLD_MARK = "tu-khong-dau"; // id of the element that starts the folded copies
  var loading = null, results = [], shown = 0, generation = 0, terms = [];

  function unavailableNow() {
    generation += 1;
    form.hidden = true;
    list.textContent = "";
    list.removeAttribute("aria-busy");
    more.hidden = true;
    unavailable.hidden = false;
    status.textContent = "Chưa dùng được tìm kiếm trên trang này.";
  }

  if (app.hasAttribute("data-disabled") || !app.getAttribute("data-shards")) { unavailableNow(); return; }

  var bundle = new URL(app.getAttribute("data-bundle"), document.baseURI).href;
  var siteRoot = new URL(app.getAttribute("data-site"), document.baseURI).pathname;

  // The index is in shards (one per year of publication, plugins/site_search/shards.py),
  // newest first: the first is loaded with Pagefind's code, the others merged in.
  var shards = (app.getAttribute("data-shards") || "").split(" ").filter(Boolean);
  var OPTIONS = {
    baseUrl: siteRoot,
    excerptLength: EXCERPT_WORDS,
    // Metadata other than the title is for display only: weight 0. Words of
    // the length searched (not longer words they begin) rank first.
    ranking: { metaWeights: { ngay: 0, image: 0, image_alt: 0 } }
  };
  var loadingExact = null, vocabulary = null;

  // One Pagefind over every shard. ``query`` makes a second module instance
  // (same files, from the browser's cache): the one that matches accents exactly.
  function merged(options, query) {
    return import(bundle + shards[0] + "/pagefind.js" + (query || "")).then(function (pagefind) {
      return pagefind.options(options).then(function () {
        return Promise.all(shards.slice(1).map(function (shard) {
          return pagefind.mergeIndex(bundle + shard + "/", options);
        }));
      }).then(function () { return pagefind; });
    });
  }

  function load() {
    if (!loading) {
      // Every word of the index, folded (plugins/site_search/shards.py): a
      // searched word that no article holds is not sent to Pagefind.
      var words = fetch(bundle + "tu-vung.txt").then(function (response) {
        if (!response.ok) { throw new Error("tu-vung.txt: " + response.status); }
        return response.text();
      }).then(function (text) {
        var list = text.split("\n").filter(Boolean);
        vocabulary = { sorted: list, has: new Set(list) };
      });
      loading = Promise.all([merged(OPTIONS), words]).then(function (both) { return both[0]; });
      // The instance for accented queries starts now, with the first search
      // (it shares every file but pagefind.js with the first one), so that no
      // later search waits for it or downloads it.
      loading.then(loadExact).catch(function () { return null; });
    }
    return loading;
  }

  function loadExact() {
    if (!loadingExact) {
      loadingExact = merged(Object.assign({}, OPTIONS, { exactDiacritics: true }), "?dau=chinh-xac");
    }
    return loadingExact;
  }

  // Lower case, no marks, đ → d, in parts cut at anything but letters and
  // digits: how plugins/site_search/shards.py folds the index's words.
  function fold(word) {
    return word.toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/đ/g, "d");
  }

  function isPrefix(part) {
    var list = vocabulary.sorted, lo = 0, hi = list.length;
    while (lo < hi) {
      var mid = (lo + hi) >> 1;
      if (list[mid] < part) { lo = mid + 1; } else { hi = mid; }
    }
    return lo < list.length && list[lo].indexOf(part) === 0;
  }

  // The searched words that some article holds, and those none does. While
  // the reader types, the last word may be unfinished: it counts when some
  // word of the index begins with it.
  function known(q, typing) {
    var words = q.split(/\s+/).filter(Boolean), kept = [], dropped = [];
    words.forEach(function (word, i) {
      var parts = fold(word).match(/[\p{L}\p{N}]+/gu);
      if (!parts) { return; }
      var unfinished = typing && i === words.length - 1;
      var found = parts.every(function (part, j) {
        return unfinished && j === parts.length - 1 ? isPrefix(part) : vocabulary.has.has(part);
      });
      (found ? kept : dropped).push(word);
    });
    return { kept: kept, dropped: dropped };
  }

  // How many times the ``n`` searched words stand side by side, in order of
  // the page's words matched (positions from Pagefind's result, no download).
  function together(positions, n) {
    if (n < 2) { return positions.length; }
    var at = {}, count = 0;
    positions.forEach(function (p) { at[p] = true; });
    positions.forEach(function (p) {
      for (var k = 1; k < n; k += 1) { if (!at[p + k]) { return; } }
      count += 1;
    });
    return count;
  }

  // Pagefind's results for the words kept, best first: the pages where the
  // words stand side by side as typed (a phrase), then the others; with
  // accents in the query, first the phrase spelled exactly as typed, then
  // every word spelled as typed, then both spellings. Within a group:
  // Pagefind's relevance (the title weighs most). The groups come from word
  // positions, the same in every shard, so the order does not depend on how
  // the index is split.
  function relevant(pagefind, query, state) {
    var accented = /[^\x00-\x7f]/.test(query);
    var n = query.split(/\s+/).length;
    var searches = [pagefind.search(query, { filters: state.filters })];
    if (accented) {
      searches.push(loadExact().then(function (exact) { return exact.search(query, { filters: state.filters }); }));
    }
    return Promise.all(searches).then(function (found) {
      // A page matched only through zero-weight metadata (its date…) scores 0.
      var all = found[0].results.filter(function (r) { return r.score > 0; });
      var exact = {};
      if (accented) {
        found[1].results.forEach(function (r) { if (r.score > 0) { exact[r.id] = together(r.words, n); } });
      }
      var groups = [[], [], [], []];
      all.forEach(function (r) {
        var exactTimes = exact[r.id];
        if (exactTimes !== undefined) {
          groups[exactTimes > 0 && n > 1 ? 0 : 1].push(r);
        } else {
          groups[n > 1 && together(r.words, n) > 0 ? 2 : 3].push(r);
        }
      });
      groups.forEach(function (group, g) { group.forEach(function (r) { r.group = g; }); });
      return [].concat.apply([], groups.map(function (group) {
        return group.sort(function (a, b) { return b.score - a.score; });
      }));
    });
  }

  // Pagefind's scores are computed shard by shard (each with its own word
  // statistics): within a group, the first results are put in order again
  // by what holds in every shard, the searched words in the title first.
  // Only results the first page shows anyway (and a few more) are read.
  function titlesFirst(hits, query) {
    var head = hits.slice(0, PAGE + 5);
    var wanted = fold(query).match(/[\p{L}\p{N}]+/gu) || [];
    return Promise.all(head.map(function (r) { return r.data(); })).then(function (items) {
      var inTitle = {};
      head.forEach(function (r, i) {
        var title = fold((items[i].meta && items[i].meta.title) || "").match(/[\p{L}\p{N}]+/gu) || [];
        var phrase = " " + title.join(" ") + " ";
        inTitle[r.id] = phrase.indexOf(" " + wanted.join(" ") + " ") >= 0 ? 2
          : wanted.every(function (w) { return title.indexOf(w) >= 0; }) ? 1 : 0;
      });
      var order = head.map(function (r, i) { return i; });
      order.sort(function (a, b) {
        var ra = head[a], rb = head[b];
        return (ra.group - rb.group) || (inTitle[rb.id] - inTitle[ra.id]) || (a - b);
      });
      return order.map(function (i) { return head[i]; }).concat(hits.slice(head.length));
    });
  }

  // Newest first: shard by shard (a newer shard holds only newer articles),
  // each sorted by Pagefind; only pages in ``keep`` (when given).
  function newest(pagefind, query, state, keep) {
    return Promise.all(shards.map(function (shard) {
      var filters = Object.assign({}, state.filters, { phan: shard });
      return pagefind.search(query, { filters: filters, sort: { ngay: "desc" } });
    })).then(function (parts) {
      var out = [];
      parts.forEach(function (part) {
        part.results.forEach(function (r) { if (!keep || keep[r.id]) { out.push(r); } });
      });
      return out;
    });
  }

  // How words are compared: lower case, no tone or vowel marks, no punctuation
  // around; đ stays đ only when the searched word has it (Pagefind then
  // matches đ exactly), otherwise đ → d.
  function plain(word, keepD) {
    var text = word.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase()
      .replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, "");
    return keepD ? text : text.replace(/đ/g, "d");
  }

  function toTerms(q) {
    return q.split(/\s+/).filter(Boolean).map(function (word) {
      var keepD = /[đĐ]/.test(word);
      return { text: plain(word, keepD), keepD: keepD };
    }).filter(function (term) { return term.text; });
  }

  // A word matches a searched word written in full; the last one may be
  // unfinished (results come as the user types), so it matches as a prefix.
  function matches(word) {
    return terms.some(function (term, i) {
      var text = plain(word, term.keepD);
      return text === term.text || (i === terms.length - 1 && text.indexOf(term.text) === 0);
    });
  }

  function readState() {
    var state = { q: input.value.trim(), filters: {}, sort: sortSelect.value, any: false };
    filters.forEach(function (select) {
      if (select.value) { state.filters[select.name] = select.value; state.any = true; }
    });
    return state;
  }

  function writeUrl(state) {
    var params = new URLSearchParams();
    if (state.q) { params.set("q", state.q); }
    Object.keys(state.filters).forEach(function (key) { params.set(key, state.filters[key]); });
    if (state.sort) { params.set("sap_xep", state.sort); }
    var query = params.toString();
    history.replaceState(null, "", location.pathname + (query ? "?" + query : ""));
  }

  function readUrl() {
    var params = new URLSearchParams(location.search);
    input.value = params.get("q") || "";
    filters.concat([sortSelect]).forEach(function (select) {
      var value = params.get(select.name) || "";
      if (Array.prototype.some.call(select.options, function (o) { return o.value === value; })) {
        select.value = value;
      }
    });
    limitQuarters();
  }

  // With a year chosen, the quarter list shows that year's quarters only.
  function limitQuarters() {
    var year = yearSelect.value;
    Array.prototype.forEach.call(quarterSelect.options, function (option) {
      var hide = Boolean(year && option.value && option.getAttribute("data-nam") !== year);
      option.hidden = hide;
      option.disabled = hide;
    });
    if (quarterSelect.selectedOptions[0] && quarterSelect.selectedOptions[0].disabled) { quarterSelect.value = ""; }
  }

  function clearResults() {
    results = [];
    shown = 0;
    list.textContent = "";
    more.hidden = true;
  }

  var timer = null;

  function search(immediate) {
    clearTimeout(timer);
    if (immediate) { return run(false); }
    return new Promise(function (resolve) {
      timer = setTimeout(function () { resolve(run(true)); }, DEBOUNCE_MS);
    });
  }

  function run(typing) {
    var state = readState();
    var id = ++generation;
    writeUrl(state);
    if (!state.q && !state.any) {
      clearResults();
      status.textContent = "";
      return Promise.resolve();
    }
    var byDate = state.sort === "moi-nhat" || !state.q;
    var words = { kept: [], dropped: [] };
    list.setAttribute("aria-busy", "true");
    return load().then(function (pagefind) {
      if (id !== generation) { return null; }
      if (!state.q) { return newest(pagefind, null, state, null); } // filters only
      words = known(state.q, typing);
      if (!words.kept.length) { return []; }
      var query = words.kept.join(" ");
      return relevant(pagefind, query, state).then(function (hits) {
        if (id !== generation) { return null; }
        if (!byDate) { return titlesFirst(hits, query); }
        var keep = {};
        hits.forEach(function (r) { keep[r.id] = true; });
        return newest(pagefind, query, state, keep);
      });
    }).then(function (hits) {
      if (!hits || id !== generation) { return; }
      terms = toTerms(words.kept.join(" "));
      clearResults();
      results = hits;
      return showMore(false).then(function () {
        if (id !== generation) { return; }
        status.textContent = summary(state, hits.length, words);
      });
    }).catch(function (error) {
      if (id === generation) { unavailableNow(); }
      if (window.console) { console.warn("Tìm kiếm:", error); }
    }).then(function () {
      if (id === generation) { list.removeAttribute("aria-busy"); }
    });
  }

  function summary(state, count, words) {
    var filtered = state.any ? " (đã lọc)" : "";
    var missing = words.dropped.length
      ? " Không bài nào có " + (words.dropped.length > 1 ? "các từ " : "từ ") +
        words.dropped.map(function (w) { return "“" + w + "”"; }).join(", ") + "."
      : "";
    if (!count) {
      var about = state.q ? " cho “" + state.q + "”" : "";
      return "Không tìm thấy kết quả" + about + filtered + "." + missing +
        " Hãy thử từ khác, gõ ít từ hơn hoặc bỏ bớt bộ lọc.";
    }
    var asked = words.kept.length ? " cho “" + words.kept.join(" ") + "”" : "";
    return "Tìm thấy " + count + " bài viết" + asked + filtered + "." + missing;
  }

  function showMore(moveFocus) {
    var id = generation;
    var page = results.slice(shown, shown + PAGE);
    shown += page.length;
    return Promise.all(page.map(function (r) { return r.data(); })).then(function (items) {
      if (id !== generation) { return; }
      var first = null;
      items.forEach(function (data) {
        var item = renderItem(data);
        list.appendChild(item);
        first = first || item;
      });
      more.hidden = shown >= results.length;
      if (moveFocus && first) { first.querySelector("a").focus(); }
    });
  }

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text) { node.textContent = text; }
    return node;
  }

  function renderItem(data) {
    var item = element("li", "search-result");
    var heading = element("h2", "search-result-title");
    var link = element("a", "", (data.meta && data.meta.title) || data.url);
    link.href = data.url;
    heading.appendChild(link);
    item.appendChild(heading);
    var facts = [];
    if (data.meta && data.meta.ngay) { facts.push(data.meta.ngay); }
    if (data.filters && data.filters.chuyen_muc) { facts.push(data.filters.chuyen_muc[0]); }
    if (facts.length) { item.appendChild(element("p", "meta", facts.join(" · "))); }
    var text = excerpt(data);
    if (text) { item.appendChild(text); }
    return item;
  }

  // 30 words of the article's own text around the densest matches, matches in <mark>.
  function excerpt(data) {
    var words = data.content.split(/[\r\n\s]+/g);
    var end = words.length;
    (data.anchors || []).forEach(function (anchor) {
      if (anchor.id === FOLD_MARK) { end = Math.min(end, anchor.location); }
    });
    // The content starts with the title (shown above): skip it when it does.
    var titleWords = ((data.meta && data.meta.title) || "").split(/\s+/).filter(Boolean);
    var start = 0;
    if (titleWords.length && titleWords.every(function (w, i) { return words[i] === w || words[i] === w + "."; })) {
      start = titleWords.length;
    }
    // Marks come from the words themselves, not from Pagefind's locations:
    // words with đ matched through their folded copies (after `end`), and
    // Pagefind's prefix matches ("thu" → "thuận") would mislead the eye.
    var marked = {};
    for (var i = start; i < end; i += 1) {
      if (matches(words[i])) { marked[i] = true; }
    }
    if (end <= start) { return null; }
    var from = densest(marked, start, end);
    var to = Math.min(end, from + EXCERPT_WORDS);
    var paragraph = element("p", "search-excerpt");
    if (from > start) { paragraph.appendChild(document.createTextNode("… ")); }
    for (var w = from; w < to; w += 1) {
      if (w > from) { paragraph.appendChild(document.createTextNode(" ")); }
      if (marked[w]) { paragraph.appendChild(element("mark", "", words[w])); } else { paragraph.appendChild(document.createTextNode(words[w])); }
    }
    if (to < end) { paragraph.appendChild(document.createTextNode(" …")); }
    return paragraph;
  }

  // The start of the 30-word window with the most matches, a few words before its first match.
  function densest(marked, start, end) {
    var best = start, bestCount = 0;
    for (var from = start; from < end; from += 1) {
      var count = 0;
      for (var w = from; w < Math.min(end, from + EXCERPT_WORDS); w += 1) { if (marked[w]) { count += 1; } }
      if (count > bestCount) { best = from; bestCount = count; }
    }
    for (var first = best; first < end; first += 1) {
      if (marked[first]) { return Math.max(start, first - 4); }
    }
    return start;
  }

  input.addEventListener("input", function () { search(false); });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    search(true);
  });
  filters.concat([sortSelect]).forEach(function (select) {
    select.addEventListener("change", function () {
      if (select === yearSelect) { limitQuarters(); }
      search(true);
    });
  });
  more.addEventListener("click", function () { showMore(true); });

  readUrl();
  if (input.value.trim() || readState().any) { search(true); }
})();
