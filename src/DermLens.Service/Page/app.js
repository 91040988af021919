/*
 * DermLens screening page (served at / with /app.js and /app.css by `dermlens serve`).
 * Plain ES2020, no framework, no build step, no inline scripts or styles (CSP: default-src 'self').
 *
 * Element ids the page relies on (browser tests drive these):
 *   #file            <input type=file>: choosing a photo starts a request
 *   #drop            drop zone: dropping an image file starts a request
 *   #api-key         optional API key; kept in sessionStorage, sent as X-Api-Key when not empty
 *   #photo           <img>: preprocessed input (POST /api/explain?part=input)
 *   #overlay         <img>: heat-map overlay (LayerCAM) over #photo (POST /api/explain?part=overlay);
 *                    shown once loaded; class `hidden` when toggled off
 *   #toggle-heatmap  <button aria-pressed>: shows/hides #overlay ("true" = shown)
 *   #bars            <ol>: one <li data-class="..."> per top-k class (name, bar, percentage)
 *   #refer           referral box (class refer-yes / refer-no) with the reasons list
 *   #quality         photo-quality warnings, one <li> per issue; class `hidden` when quality.ok
 *   #error           role=alert; problem title (<strong>) and detail; class `hidden` when no error
 *   #meta            timings and model id (small print)
 *   #model           model architecture and classes from GET /api/model (empty if that fails)
 *   #notice          the always-visible "screening aid, not a diagnosis" notice
 * Also: #results (hidden until a prediction arrives), #status (aria-live summary).
 *
 * <body data-state>: idle (nothing done yet) | busy (a request is running) |
 *   done (predict and both explain images loaded) | error (#error is shown; after a failed
 *   predict nothing of the previous result is left; if only the heat map failed, the
 *   prediction is still shown).
 */
'use strict';

(() => {
  const $ = (id) => document.getElementById(id);

  const el = {
    file: $('file'),
    drop: $('drop'),
    apiKey: $('api-key'),
    status: $('status'),
    error: $('error'),
    results: $('results'),
    photo: $('photo'),
    overlay: $('overlay'),
    placeholder: $('viz-placeholder'),
    vizColumn: document.querySelector('.viz-column'),
    toggle: $('toggle-heatmap'),
    bars: $('bars'),
    refer: $('refer'),
    quality: $('quality'),
    qualityList: $('quality-list'),
    meta: $('meta'),
    model: $('model'),
  };

  const API_KEY_STORAGE = 'dermlens.apiKey';
  const REQUEST_TIMEOUT_MS = 120000;

  // Readable names for the HAM10000 diagnosis codes; other class names are shown as they are.
  const CLASS_NAMES = {
    akiec: 'actinic keratosis / intraepithelial carcinoma',
    bcc: 'basal cell carcinoma',
    bkl: 'benign keratosis',
    df: 'dermatofibroma',
    mel: 'melanoma',
    nv: 'melanocytic nevus (mole)',
    vasc: 'vascular lesion',
  };

  let generation = 0;          // increments per upload; stale responses are dropped
  let controller = null;       // AbortController of the running upload
  let objectUrls = [];         // object URLs to revoke on the next reset
  let modelShown = false;

  // ---------- small helpers ----------

  function setState(state) {
    document.body.dataset.state = state;
    el.results.setAttribute('aria-busy', state === 'busy' ? 'true' : 'false');
  }

  function show(node, visible) {
    node.classList.toggle('hidden', !visible);
  }

  function make(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function formatPercent(p) {
    if (typeof p !== 'number' || !Number.isFinite(p)) return '–';
    const pct = p * 100;
    if (pct > 0 && pct < 0.1) return '<0.1%';
    if (pct > 99.9 && pct < 100) return '>99.9%';
    return `${pct.toFixed(pct >= 10 ? 0 : 1)}%`;
  }

  function formatMs(ms) {
    return typeof ms === 'number' && Number.isFinite(ms) ? `${ms.toFixed(1)} ms` : null;
  }

  function readApiKey() {
    return el.apiKey.value.trim();
  }

  function headers() {
    const h = {};
    const key = readApiKey();
    if (key) h['X-Api-Key'] = key;
    return h;
  }

  function loadStoredApiKey() {
    try {
      const stored = sessionStorage.getItem(API_KEY_STORAGE);
      if (stored) el.apiKey.value = stored;
    } catch (_) { /* storage disabled: the field still works for this page view */ }
  }

  function storeApiKey() {
    try {
      const key = readApiKey();
      if (key) sessionStorage.setItem(API_KEY_STORAGE, key);
      else sessionStorage.removeItem(API_KEY_STORAGE);
    } catch (_) { /* ignore */ }
  }

  // An error carrying what the page shows: a title and a detail.
  class PageError extends Error {
    constructor(title, detail, status) {
      super(title);
      this.title = title;
      this.detail = detail || '';
      this.status = status || 0;
    }
  }

  // Retry-After is either delay-seconds or an HTTP date.
  function retryAfterSeconds(response) {
    const value = response.headers.get('Retry-After');
    if (!value) return null;
    const trimmed = value.trim();
    if (/^\d+$/.test(trimmed)) return parseInt(trimmed, 10);
    const date = Date.parse(trimmed);
    if (!Number.isNaN(date)) return Math.max(0, Math.ceil((date - Date.now()) / 1000));
    return null;
  }

  // Turns a non-2xx response (RFC 7807 problem JSON, or anything else) into a PageError.
  async function problemFrom(response) {
    let problem = null;
    try {
      const type = response.headers.get('Content-Type') || '';
      if (type.includes('json')) problem = await response.json();
    } catch (_) { problem = null; }

    const status = response.status;
    let title = problem && typeof problem.title === 'string' && problem.title
      ? problem.title
      : `Request failed (HTTP ${status}${response.statusText ? ' ' + response.statusText : ''})`;
    let detail = problem && typeof problem.detail === 'string' ? problem.detail : '';

    if (status === 503) {
      const seconds = retryAfterSeconds(response);
      const retry = seconds !== null
        ? `The service is busy. Please try again in ${seconds} second${seconds === 1 ? '' : 's'}.`
        : 'The service is busy. Please try again in a moment.';
      detail = detail ? `${detail} ${retry}` : retry;
      if (!problem || !problem.title) title = 'Service busy';
    } else if (status === 401 || status === 403) {
      const hint = 'Check the API key (under "API key" above).';
      detail = detail ? `${detail} ${hint}` : hint;
    }
    return new PageError(title, detail, status);
  }

  // POST the photo as multipart field `image`; returns the Response (2xx) or throws PageError.
  async function postImage(url, file, signal) {
    const form = new FormData();
    form.append('image', file, file.name || 'photo');
    let response;
    try {
      response = await fetch(url, { method: 'POST', body: form, headers: headers(), signal });
    } catch (err) {
      if (err && err.name === 'AbortError') throw err;
      throw new PageError('Could not reach the screening service',
        'Check your network connection and try again.');
    }
    if (!response.ok) throw await problemFrom(response);
    return response;
  }

  function loadImage(img, blob) {
    return new Promise((resolve, reject) => {
      const url = URL.createObjectURL(blob);
      objectUrls.push(url);
      img.onload = () => { img.onload = img.onerror = null; resolve(); };
      img.onerror = () => {
        img.onload = img.onerror = null;
        reject(new PageError('Could not show the image', 'The service returned an image the browser cannot read.'));
      };
      img.src = url;
    });
  }

  // ---------- rendering ----------

  function clearError() {
    el.error.replaceChildren();
    show(el.error, false);
  }

  function showError(err) {
    const title = err instanceof PageError ? err.title : 'Something went wrong';
    const detail = err instanceof PageError ? err.detail : (err && err.message) || '';
    const strong = make('strong', 'error-title', title);
    el.error.replaceChildren(strong);
    if (detail) el.error.append(make('p', 'error-detail', detail));
    show(el.error, true);
  }

  function resetResults() {
    show(el.results, false);
    el.bars.replaceChildren();
    el.refer.replaceChildren();
    el.refer.className = 'refer hidden';
    el.qualityList.replaceChildren();
    show(el.quality, false);
    el.meta.textContent = '';
    for (const img of [el.photo, el.overlay]) {
      img.onload = img.onerror = null;
      img.removeAttribute('src');
      show(img, false);
    }
    show(el.placeholder, true);
    show(el.vizColumn, true);
    el.toggle.disabled = true;
    el.toggle.setAttribute('aria-pressed', 'false');
    for (const url of objectUrls) URL.revokeObjectURL(url);
    objectUrls = [];
  }

  function renderBars(top) {
    const items = Array.isArray(top) ? top : [];
    for (const entry of items) {
      const cls = String(entry && entry.class !== undefined ? entry.class : '?');
      const p = entry && typeof entry.probability === 'number' ? entry.probability : NaN;
      const li = make('li', 'bar-item');
      li.dataset.class = cls;

      const label = make('span', 'bar-label');
      label.append(make('span', 'bar-class', cls));
      const name = CLASS_NAMES[cls.toLowerCase()];
      if (name) label.append(' ', make('span', 'bar-name', name));

      const track = make('span', 'bar-track');
      track.setAttribute('aria-hidden', 'true');
      const fill = make('span', 'bar-fill');
      // CSSOM assignment (not a style attribute), which the page's CSP allows.
      const width = Number.isFinite(p) ? Math.min(1, Math.max(0, p)) * 100 : 0;
      fill.style.width = `${width}%`;
      track.append(fill);

      const value = make('span', 'bar-value', formatPercent(p));
      // The spaces keep the text readable ("nv melanocytic nevus 81%"); grid layout ignores them.
      li.append(label, ' ', track, ' ', value);
      el.bars.append(li);
    }
  }

  function renderRefer(refer) {
    if (!refer || typeof refer !== 'object') return;
    const reasons = Array.isArray(refer.reasons) ? refer.reasons.filter((r) => r) : [];
    const yes = refer.refer === true;
    el.refer.className = `refer ${yes ? 'refer-yes' : 'refer-no'}`;
    const heading = make('h3', 'refer-heading',
      yes ? 'Refer to a clinician' : 'No referral suggested by the model');
    el.refer.append(heading);
    if (yes) {
      el.refer.append(make('p', null,
        'The model suggests having this lesion looked at by a doctor or dermatologist.'));
    }
    if (reasons.length) {
      const ul = make('ul', 'refer-reasons');
      for (const r of reasons) ul.append(make('li', null, r));
      el.refer.append(ul);
    }
    if (!yes) {
      el.refer.append(make('p', 'hint',
        'This does not rule anything out. See a clinician if the lesion is new, changing, ' +
        'bleeding, itching, or worries you.'));
    }
  }

  function renderQuality(quality) {
    const issues = quality && Array.isArray(quality.issues) ? quality.issues : [];
    const messages = issues.map((i) => i && i.message).filter((m) => m);
    if (!quality || quality.ok === true || messages.length === 0) {
      show(el.quality, false);
      return;
    }
    for (const m of messages) el.qualityList.append(make('li', null, m));
    show(el.quality, true);
  }

  function renderMeta(data) {
    const parts = [];
    const t = data.timings || {};
    const timing = [
      ['decode', t.decodeMs], ['queue', t.queueMs], ['model', t.modelMs], ['total', t.totalMs],
    ].map(([n, v]) => (formatMs(v) ? `${n} ${formatMs(v)}` : null)).filter((x) => x);
    if (timing.length) parts.push(`Timings: ${timing.join(', ')}`);
    if (data.input && data.input.width && data.input.height) {
      parts.push(`photo ${data.input.width}×${data.input.height} px`);
    }
    if (data.model && data.model.id) parts.push(`model ${data.model.id}`);
    el.meta.textContent = parts.join(' · ');
  }

  function renderModel(model) {
    if (!model || typeof model !== 'object') return;
    const parts = [];
    if (model.arch) parts.push(`Model: ${model.arch}`);
    if (model.imageSize) parts.push(`input ${model.imageSize}`);
    if (Array.isArray(model.classes) && model.classes.length) {
      parts.push(`classes: ${model.classes.join(', ')}`);
    }
    if (model.id) parts.push(`run ${model.id}`);
    if (!parts.length) return;
    el.model.textContent = parts.join(' · ');
    modelShown = true;
  }

  function setOverlayVisible(visible) {
    show(el.overlay, visible);
    el.toggle.setAttribute('aria-pressed', visible ? 'true' : 'false');
  }

  function summary(data) {
    const top = Array.isArray(data.top) && data.top.length ? data.top[0] : null;
    const first = top ? `Most likely ${top.class} (${formatPercent(top.probability)}).` : '';
    const refer = data.refer && data.refer.refer === true
      ? 'Refer to a clinician.'
      : 'No referral suggested by the model.';
    const quality = data.quality && data.quality.ok === false ? ' Photo quality warnings shown.' : '';
    return `Result ready. ${first} ${refer}${quality}`.replace(/\s+/g, ' ').trim();
  }

  // ---------- the upload ----------

  async function handleFile(file) {
    if (!file) return;
    if (controller) controller.abort();
    const myGeneration = ++generation;
    const ctrl = new AbortController();
    controller = ctrl;
    let timedOut = false;
    const timer = setTimeout(() => { timedOut = true; ctrl.abort(); }, REQUEST_TIMEOUT_MS);
    const current = () => myGeneration === generation;

    resetResults();
    clearError();
    setState('busy');
    el.status.textContent = `Checking ${file.name || 'the photo'}…`;

    let data = null;
    try {
      const response = await postImage('/api/predict?top=5', file, ctrl.signal);
      data = await response.json().catch(() => {
        throw new PageError('Unexpected answer', 'The service sent a result the page cannot read.');
      });
      if (!current()) return;

      renderRefer(data.refer);
      renderBars(data.top);
      renderQuality(data.quality);
      renderMeta(data);
      if (!modelShown) renderModel(data.model);
      show(el.results, true);
      el.status.textContent = `${summary(data)} Loading the heat map…`;

      const input = await (await postImage('/api/explain?part=input', file, ctrl.signal)).blob();
      if (!current()) return;
      await loadImage(el.photo, input);
      if (!current()) return;
      show(el.placeholder, false);
      show(el.photo, true);

      const overlay = await (await postImage('/api/explain?part=overlay', file, ctrl.signal)).blob();
      if (!current()) return;
      await loadImage(el.overlay, overlay);
      if (!current()) return;
      el.toggle.disabled = false;
      setOverlayVisible(true);

      el.status.textContent = summary(data);
      setState('done');
    } catch (err) {
      if (!current()) return;
      if (err && err.name === 'AbortError') {
        if (!timedOut) return;
        err = new PageError('The service took too long to answer', 'Please try again.');
      }
      if (data === null) {
        // The prediction failed: nothing of this or any earlier result stays on screen.
        resetResults();
        el.status.textContent = '';
      } else {
        // Only the heat map failed: the prediction stands, say what is missing.
        el.status.textContent = `${summary(data)} The heat map could not be loaded.`;
        for (const img of [el.photo, el.overlay]) { img.removeAttribute('src'); show(img, false); }
        show(el.vizColumn, false);
        err = new PageError(`Heat map unavailable: ${err.title || 'error'}`, err.detail || err.message);
      }
      showError(err);
      setState('error');
    } finally {
      clearTimeout(timer);
      if (controller === ctrl) controller = null;
    }
  }

  // ---------- model info ----------

  async function loadModel() {
    try {
      const response = await fetch('/api/model', { headers: headers() });
      if (!response.ok) return;
      renderModel(await response.json());
    } catch (_) { /* show nothing: the API key may be needed */ }
  }

  // ---------- wiring ----------

  el.file.addEventListener('change', () => {
    const file = el.file.files && el.file.files[0];
    if (file) handleFile(file);
    // Allow choosing the same file again.
    el.file.value = '';
  });

  // Dropping anywhere else must not navigate away from the page.
  for (const type of ['dragover', 'drop']) {
    window.addEventListener(type, (e) => { e.preventDefault(); });
  }

  let dragDepth = 0;
  el.drop.addEventListener('dragenter', (e) => {
    e.preventDefault();
    dragDepth += 1;
    el.drop.classList.add('drag-over');
  });
  el.drop.addEventListener('dragover', (e) => {
    e.preventDefault();
    if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy';
  });
  el.drop.addEventListener('dragleave', () => {
    dragDepth = Math.max(0, dragDepth - 1);
    if (dragDepth === 0) el.drop.classList.remove('drag-over');
  });
  el.drop.addEventListener('drop', (e) => {
    e.preventDefault();
    dragDepth = 0;
    el.drop.classList.remove('drag-over');
    const files = e.dataTransfer && e.dataTransfer.files;
    if (files && files.length) {
      handleFile(files[0]);
    } else {
      resetResults();
      showError(new PageError('No file dropped', 'Drop a photo file, or use "Choose or take a photo".'));
      setState('error');
    }
  });

  el.toggle.addEventListener('click', () => {
    if (el.toggle.disabled) return;
    setOverlayVisible(el.overlay.classList.contains('hidden'));
  });

  el.apiKey.addEventListener('input', storeApiKey);
  el.apiKey.addEventListener('change', () => {
    storeApiKey();
    if (!modelShown) loadModel();
  });

  loadStoredApiKey();
  setState('idle');
  loadModel();
})();
