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

  if (app.hasAttribute("data-disabled")) { unavailableNow(); return; }
  form.hidden = false;

  var bundle = new URL(app.getAttribute("data-bundle"), document.baseURI).href;
  var siteRoot = new URL(app.getAttribute("data-site"), document.baseURI).pathname;

  function load() {
    if (!loading) {
      loading = import(bundle + "pagefind.js").then(function (pagefind) {
        // Metadata other than the title is for display only: weight 0.
        return pagefind.options({
          baseUrl: siteRoot,
          excerptLength: EXCERPT_WORDS,
          ranking: { metaWeights: { ngay: 0, image: 0, image_alt: 0 } }
        }).then(function () { return pagefind; });
      });
    }
    return loading;
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

  function search(immediate) {
    var state = readState();
    var id = ++generation;
    writeUrl(state);
    if (!state.q && !state.any) {
      clearResults();
      status.textContent = "";
      return Promise.resolve();
    }
    var sorted = state.sort === "moi-nhat" || !state.q;
    list.setAttribute("aria-busy", "true");
    var pagefind;
    return load().then(function (loaded) {
      pagefind = loaded;
      var term = state.q || null, options = { filters: state.filters };
      if (!term) { options.sort = { ngay: "desc" }; } // filters only: newest first
      return immediate ? pagefind.search(term, options) : pagefind.debouncedSearch(term, options, DEBOUNCE_MS);
    }).then(function (found) {
      if (!found || id !== generation) { return null; }
      if (!state.q) { return found.results; }
      // A page matched only through zero-weight metadata (its date…) scores 0.
      var relevant = found.results.filter(function (r) { return r.score > 0; });
      if (!sorted) { return relevant; }
      // Sorted by date, scores are ranks: keep the relevant pages, newest first
      // (the chunks are loaded already, this second search downloads nothing).
      var keep = {};
      relevant.forEach(function (r) { keep[r.id] = true; });
      return pagefind.search(state.q, { filters: state.filters, sort: { ngay: "desc" } }).then(function (byDate) {
        return byDate.results.filter(function (r) { return keep[r.id]; });
      });
    }).then(function (hits) {
      if (!hits || id !== generation) { return; }
      terms = toTerms(state.q);
      clearResults();
      results = hits;
      return showMore(false).then(function () {
        if (id !== generation) { return; }
        status.textContent = summary(state, hits.length);
      });
    }).catch(function (error) {
      if (id === generation) { unavailableNow(); }
      if (window.console) { console.warn("Tìm kiếm:", error); }
    }).then(function () {
      if (id === generation) { list.removeAttribute("aria-busy"); }
    });
  }

  function summary(state, count) {
    var about = state.q ? " cho “" + state.q + "”" : "";
    var filtered = state.any ? " (đã lọc)" : "";
    if (!count) {
      return "Không tìm thấy kết quả" + about + filtered + ". Hãy thử từ khác, gõ ít từ hơn hoặc bỏ bớt bộ lọc.";
    }
    return "Tìm thấy " + count + " bài viết" + about + filtered + ".";
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
