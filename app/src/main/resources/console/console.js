// The trainer console: plain JavaScript over the simulator's control plane (/almasim/v1). No build step.
// Policies, runs and scenarios need the purge engine, which `almasim serve` and `almasim demo` add under
// /almasim/v1/console; a bare simulator serves the patrons and the clock only, and the page hides the rest.

const API = '/almasim/v1';
const PAGE_SIZE = 25;
const POLL_MS = 400;

const $ = (id) => document.getElementById(id);
const state = { offset: 0, total: 0, filter: new URLSearchParams(), engine: true, charts: {}, code: '', names: {} };

// Every call but health needs an API key. The page asks for it once and keeps it for this tab only.
const KEY_STORE = 'almasim-api-key';

function apiKey() {
  return sessionStorage.getItem(KEY_STORE);
}

async function send(path, options = {}) {
  const headers = { Accept: 'application/json', Authorization: `apikey ${apiKey()}` };
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(path, {
    ...options,
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  if (!response.ok) {
    const text = await response.text();
    let error;
    try {
      error = JSON.parse(text).errorList?.error?.[0];
    } catch {
      error = undefined;
    }
    if (error?.errorCode === 'UNAUTHORIZED') askForKey(error.errorMessage);
    throw new Error(error ? `${error.errorMessage} (${error.errorCode})` : `HTTP ${response.status}`);
  }
  return response;
}

async function call(path, options = {}) {
  const text = await (await send(API + path, options)).text();
  return text ? JSON.parse(text) : {};
}

/** The library's name in the header, so a room following two libraries knows which one is on screen. */
async function showInstitution() {
  const settings = await call('/settings');
  const general = await (await send('/almaws/v1/conf/general')).json();
  const code = general.institution?.value ?? '';
  state.code = code;
  state.names[code] = settings.institution_name;
  $('institution').textContent = `${settings.institution_name ?? ''} (${code})`;
  $('institution').dataset.code = code;
  document.title = `${settings.institution_name} · almasim trainer console`;
}

/** A library's name for a line about it: the one the consortium's overview gave, else its code. */
function libraryName(code) {
  return state.names[code] ?? code;
}

/** Report links download through fetch, so that the key goes in a header and never into the address. */
function setUpDownloads() {
  document.addEventListener('click', (event) => {
    const link = event.target.closest('a[download]');
    if (!link || !link.href) return;
    event.preventDefault();
    attempt(async () => {
      const blob = await (await send(link.getAttribute('href'))).blob();
      const saved = element('a', '', { href: URL.createObjectURL(blob), download: link.getAttribute('download') || '' });
      document.body.append(saved);
      saved.click();
      saved.remove();
      setTimeout(() => URL.revokeObjectURL(saved.href), 60000);
    });
  });
}

function askForKey(why) {
  sessionStorage.removeItem(KEY_STORE);
  $('key-why').textContent = why ?? '';
  $('key-panel').hidden = false;
  $('key-input').focus();
}

let keyGiven = () => {};

function setUpKeyForm() {
  $('key-form').addEventListener('submit', (event) => {
    event.preventDefault();
    sessionStorage.setItem(KEY_STORE, $('key-input').value.trim());
    $('key-panel').hidden = true;
    keyGiven();
  });
}

/** Resolves once the page holds a key: at once when this tab already has one, else when the trainer gives it. */
async function signIn() {
  if (apiKey()) return;
  const health = await (await fetch(`${API}/health`, { headers: { Accept: 'application/json' } })).json();
  if (health.development_key_only) $('key-input').value = health.development_key;
  askForKey('');
  await new Promise((resolve) => { keyGiven = resolve; });
}

function showMessage(text) {
  const message = $('message');
  message.textContent = text;
  message.hidden = !text;
}

/** Runs an action, showing Alma's error message instead of failing silently. */
async function attempt(action) {
  showMessage('');
  try {
    await action();
  } catch (error) {
    showMessage(error.message);
  }
}

function element(tag, text, attributes = {}) {
  const node = document.createElement(tag);
  if (text !== undefined && text !== null) node.textContent = text;
  Object.entries(attributes).forEach(([name, value]) => node.setAttribute(name, value));
  return node;
}

function fill(list, items) {
  list.replaceChildren(...(items.length ? items : [element('li', 'none')]));
}

/**
 * The story's lines as the page shows them: each line a paragraph, its date in bold, its detail indented as the
 * narration indents it, and the verdict of a scenario (PASSED, FAILED) marked.
 */
function narrate(container, lines, append = false) {
  if (!append) container.replaceChildren();
  lines.forEach((line) => {
    const text = line.trim();
    if (!text) return;
    const indent = line.length - line.trimStart().length;
    const depth = indent === 0 ? 0 : indent <= 4 ? 1 : indent <= 14 ? 2 : 3;
    const kind = text.startsWith('==') ? 'title' : text.startsWith('PASSED') ? 'passed' : text.startsWith('FAILED') ? 'failed' : '';
    const paragraph = element('p', null, { class: `line depth-${depth} ${kind}`.trim() });
    const dated = text.match(/^(\d{4}-\d{2}-\d{2})\s+(.*)$/);
    if (dated) {
      paragraph.append(element('strong', dated[1]), ` ${dated[2]}`);
    } else {
      paragraph.textContent = text.replace(/^==\s*|\s*==$/g, '');
    }
    container.append(paragraph);
  });
  container.hidden = container.childElementCount === 0;
}

function facts(dl, pairs) {
  dl.replaceChildren(...pairs.flatMap(([term, value]) => [element('dt', term), element('dd', value ?? '—')]));
}

// ---- tabs: arrow keys move between them, as the ARIA tabs pattern asks ----

function selectTab(tab) {
  // An error belongs to what was done on the tab it was done on.
  showMessage('');
  document.querySelectorAll('[role=tab]').forEach((other) => {
    const selected = other === tab;
    other.setAttribute('aria-selected', String(selected));
    other.tabIndex = selected ? 0 : -1;
    $(other.getAttribute('aria-controls')).hidden = !selected;
  });
  if (tab.id === 'tab-charts') attempt(refreshCharts);
  if (tab.id === 'tab-policies') refreshJobs();
  if (tab.id === 'tab-requests') attempt(refreshRequests);
  if (tab.id === 'tab-consortium') attempt(refreshConsortium);
}

function setUpTabs() {
  const tabs = [...document.querySelectorAll('[role=tab]')];
  tabs.forEach((tab, index) => {
    tab.addEventListener('click', () => selectTab(tab));
    tab.addEventListener('keydown', (event) => {
      const step = { ArrowRight: 1, ArrowLeft: -1 }[event.key];
      if (!step) return;
      const visible = tabs.filter((t) => !t.hidden);
      const next = visible[(visible.indexOf(tab) + step + visible.length) % visible.length];
      next.focus();
      selectTab(next);
    });
  });
}

// ---- patrons ----

async function loadPatrons() {
  const query = new URLSearchParams(state.filter);
  query.set('limit', PAGE_SIZE);
  query.set('offset', state.offset);
  const page = await call(`/patrons?${query}`);
  state.total = page.total_record_count;
  const rows = (page.patron ?? []).map((patron) => {
    const row = element('tr');
    const cell = element('td');
    const link = element('a', patron.primary_id, { href: `#patron/${encodeURIComponent(patron.primary_id)}` });
    link.addEventListener('click', (event) => {
      event.preventDefault();
      attempt(() => openPatron(patron.primary_id));
    });
    cell.append(link);
    row.append(cell, ...[patron.name, patron.status, patron.user_group, patron.account_type, patron.expiry_date, patron.purge_date]
      .map((value) => element('td', value ?? '—')));
    return row;
  });
  document.querySelector('#patron-table tbody').replaceChildren(...rows);
  const first = state.total === 0 ? 0 : state.offset + 1;
  $('patron-count').textContent = state.total === 0
    ? 'No patron matches'
    : rows.length === state.total ? counted(state.total, 'patron')
      : `${first}–${state.offset + rows.length} of ${state.total.toLocaleString()} patrons`;
  $('page-previous').disabled = state.offset === 0;
  $('page-next').disabled = state.offset + PAGE_SIZE >= state.total;
}

/** How each outcome of the purge job is shown: only a deletion is green. */
const VERDICT_CLASS = { DELETED: 'deletable', REFUSED: 'blocked', NOT_A_CANDIDATE: 'kept' };

/** A policy's outcome for a patron, in the words the console uses everywhere. */
const ACTION_WORDS = {
  PURGE: 'send to purge', PURGE_BLOCKED: 'keep, blocked', MARK_INACTIVE: 'mark inactive', FIX_DATES: 'fix dates only', KEEP: 'keep',
};
const ACTION_CLASS = { PURGE: 'deletable', PURGE_BLOCKED: 'blocked', MARK_INACTIVE: 'kept', FIX_DATES: 'kept', KEEP: 'kept' };

/** Each policy the library runs, applied to the patron by its own rules, with every reason. */
async function showPolicyVerdicts(id) {
  const section = $('patron-policies-section');
  section.hidden = !state.engine;
  if (!state.engine) return;
  const verdicts = (await call(`/console/patrons/${encodeURIComponent(id)}/verdicts`)).verdict;
  fill($('patron-policies'), verdicts.map((verdict) => {
    const item = element('li');
    item.append(element('strong', `${verdict.title}: `));
    if (verdict.problem) {
      item.append(`cannot be judged: ${verdict.problem}`);
    } else if (!verdict.considered) {
      item.append(`not considered: this policy reads only the members of ${verdict.candidate_sets.map((set) => `"${set}"`).join(' and ')}, and this patron is not one`);
    } else {
      const decision = verdict.decision;
      item.append(element('span', ACTION_WORDS[decision.action], { class: `verdict ${ACTION_CLASS[decision.action]}` }));
      const reasons = decision.reasons.map((reason) => reason.sentence);
      if (reasons.length) item.append(` (${reasons.join('; ')})`);
    }
    return item;
  }));
  if (!verdicts.length) {
    $('patron-policies').replaceChildren(element('li', 'This library runs no policy on a schedule. Schedule one under Policies and jobs to see its verdict here.'));
  }
}

async function openPatron(id) {
  const detail = await call(`/patrons/${encodeURIComponent(id)}`);
  const user = detail.user;
  $('patron-title').textContent = `${user.full_name ?? ''} (${user.primary_id})`;
  await showPolicyVerdicts(user.primary_id);
  const verdict = detail.purge_job_today;
  $('patron-verdict').textContent = verdict.sentence;
  $('patron-verdict').className = `verdict ${VERDICT_CLASS[verdict.outcome]}`;
  const assumed = verdict.assumed;
  $('patron-verdict-assumed').textContent = `Alma's own rule, not a policy's: assumes the job run today (`
    + `${assumed.number_of_days_after_purge_date} days after the purge date, `
    + `${assumed.user_group ? `user group ${assumed.user_group}` : 'any user group'}, `
    + `${assumed.record_type ? `record type ${assumed.record_type}` : 'any record type'}, `
    + `${Number(assumed.waive_threshold) > 0 ? `balances up to ${assumed.waive_threshold} waived` : 'no balance waived'}).`;
  facts($('patron-facts'), [
    ['Status', user.status?.value], ['User group', user.user_group?.desc ?? user.user_group?.value],
    ['Account type', user.account_type?.value], ['Record type', user.record_type?.value],
    ['Expiry date', user.expiry_date?.replace('Z', '')], ['Purge date', user.purge_date?.replace('Z', '')],
  ]);
  fill($('patron-blockers'), (detail.deletion_blocked_by ?? []).map((b) => element('li', `${b.kind}: ${b.reason}`)));
  fill($('patron-loans'), (detail.loans?.item_loan ?? []).map((l) => element('li', `${l.title ?? l.item_barcode}, due ${l.due_date.slice(0, 10)}`)));
  fill($('patron-fees'), (detail.fees?.fee ?? []).map((f) => element('li', `${f.type?.desc ?? f.type?.value}: ${f.balance} (${f.status?.value})`)));
  fill($('patron-sets'), (detail.sets ?? []).map((name) => element('li', name)));
  $('patron-detail').hidden = false;
  $('patron-detail').scrollIntoView({ block: 'start' });
}

function setUpPatrons() {
  $('patron-filter').addEventListener('submit', (event) => {
    event.preventDefault();
    state.filter = new URLSearchParams([...new FormData(event.target)].filter(([, value]) => value !== ''));
    state.offset = 0;
    attempt(loadPatrons);
  });
  $('page-previous').addEventListener('click', () => {
    state.offset = Math.max(0, state.offset - PAGE_SIZE);
    attempt(loadPatrons);
  });
  $('page-next').addEventListener('click', () => {
    state.offset += PAGE_SIZE;
    attempt(loadPatrons);
  });
}

// ---- clock ----

async function advance(by) {
  let outcome;
  if (state.engine) {
    outcome = await call('/console/clock/advance', { method: 'POST', body: { by } });
  } else {
    const period = { day: 'P1D', week: 'P1W', month: 'P1M', year: 'P1Y' }[by];
    const clock = await call('/clock/advance', { method: 'POST', body: { period } });
    outcome = { today: clock.today, narration: [], runs: [] };
  }
  $('today').textContent = outcome.today;
  showOutcome(outcome);
  await loadPatrons();
}

/** "1 exception", "2 exceptions": a count with its noun. */
function counted(count, noun, plural = `${noun}s`) {
  return `${Number(count).toLocaleString()} ${Number(count) === 1 ? noun : plural}`;
}

/** A run that fixed, marked and purged nobody: a weekly stage finds nobody most weeks, a monthly one meets the same refusals. */
function changedNothing(run) {
  return run.state === 'DONE' && run.dates_fixed + run.marked_inactive + run.purged === 0;
}

/** The member a run was made in, when it is not the library on screen. */
function runPlace(run) {
  return run.institution && run.institution !== state.code ? `${libraryName(run.institution)}: ` : '';
}

function describeRun(run) {
  const what = `${run.day} ${runPlace(run)}${run.policy} (${run.stages}, ${run.why})`;
  if (run.state === 'REFUSED') return `${what}: refused: ${run.problem}`;
  return `${what}: ${counted(run.dates_fixed, "patron's dates", "patrons' dates")} fixed, ${run.marked_inactive} marked inactive, `
    + `${run.purged} purged, ${counted(run.exceptions, 'exception')}`
    + (run.held_back ? `, ${run.held_back} held back by the engine` : '');
}

/**
 * The runs that changed something, one line each; the runs that changed nothing, and the runs the safety limits
 * refused, summed in one line for each thing they had to say ("12 runs: opal-lifecycle found nobody to act on").
 */
function describeRuns(runs) {
  const lines = [];
  const repeated = new Map();
  const repeat = (key, run, words) => {
    const group = repeated.get(key) ?? { first: run.day, count: 0, words };
    group.last = run.day;
    group.count += 1;
    repeated.set(key, group);
  };
  runs.forEach((run) => {
    const who = `${runPlace(run)}${run.policy}`;
    if (run.state === 'REFUSED') {
      repeat(`refused ${who} ${run.problem}`, run, `${who} refused: ${run.problem}`);
    } else if (changedNothing(run)) {
      const refused = Object.keys(run.exception).sort();
      repeat(`quiet ${who} ${refused}`, run, refused.length
        ? `${who} changed nothing; not purged: ${refused.join(', ')}`
        : `${who} found nobody to act on`);
    } else {
      lines.push(describeRun(run));
    }
  });
  repeated.forEach((group) => lines.push(group.count === 1
    ? `${group.first} ${group.words}`
    : `${group.first} to ${group.last}: ${counted(group.count, 'run')}: ${group.words}`));
  return lines;
}

function showOutcome(outcome) {
  fill($('clock-runs'), describeRuns(outcome.runs).map((line) => element('li', line)));
  if (!outcome.runs.length) $('clock-runs').replaceChildren(element('li', 'No scheduled stage fired.'));
  narrate($('clock-narration'), outcome.narration);
  $('clock-outcome').hidden = false;
}

// ---- policies, runs and jobs ----

async function loadOverview() {
  try {
    const overview = await call('/console');
    $('today').textContent = overview.today;
    renderPolicies(overview.policies);
    renderScenarioChoices(overview.scenarios, overview.scenario);
  } catch (error) {
    // A bare simulator (no purge engine): patrons and the clock only.
    state.engine = false;
    ['tab-policies', 'tab-scenarios', 'tab-charts'].forEach((id) => { $(id).hidden = true; });
    $('today').textContent = (await call('/clock')).today;
  }
}

function renderPolicies(policies) {
  $('policy-list').replaceChildren(...policies.map((policy) => {
    const card = element('article', null, { class: 'card', 'aria-labelledby': `policy-${policy.name}` });
    card.append(element('h2', policy.title, { id: `policy-${policy.name}` }), element('p', policy.description));
    const preview = element('button', 'Preview', { type: 'button', id: `preview-${policy.name}` });
    preview.addEventListener('click', () => attempt(() => previewPolicy(policy.name)));
    const run = element('button', 'Run now', { type: 'button', id: `run-${policy.name}` });
    run.addEventListener('click', () => attempt(() => runPolicy(policy.name)));
    const label = element('label', ' Run on its schedule when the clock moves');
    const box = element('input', null, { type: 'checkbox', id: `schedule-${policy.name}` });
    box.checked = policy.scheduled;
    box.addEventListener('change', () => attempt(async () => {
      renderPolicies((await call(`/console/policies/${policy.name}/schedule`, { method: 'POST', body: { scheduled: box.checked } })).policies);
    }));
    label.prepend(box);
    card.append(preview, run, label);
    return card;
  }));
}

async function previewPolicy(name) {
  const preview = await call(`/console/policies/${name}/preview`, { method: 'POST' });
  $('preview-title').textContent = preview.read < preview.patrons
    ? `Preview: ${preview.policy}, as of ${preview.as_of}: ${counted(preview.read, 'patron')} read of the library's `
      + `${preview.patrons.toLocaleString()} (it reads only the members of ${preview.candidate_sets.map((set) => `"${set}"`).join(' and ')})`
    : `Preview: ${preview.policy}, as of ${preview.as_of}: ${counted(preview.patrons, 'patron')}`;
  $('preview-safety').textContent = preview.safety.length ? `The safety limits would stop a run: ${preview.safety.join('; ')}`
    : 'Within the safety limits.';
  document.querySelector('#preview-counts tbody').replaceChildren(...Object.entries(preview.counts).map(([action, count]) => {
    const row = element('tr');
    row.append(element('th', ACTION_WORDS[action], { scope: 'row' }), element('td', count.toLocaleString()));
    return row;
  }));
  document.querySelector('#preview-reasons tbody').replaceChildren(...preview.reasons.map((reason) => {
    const row = element('tr');
    row.append(element('td', `${ACTION_WORDS[reason.action]}: ${reason.reason}`), element('td', reason.patrons.toLocaleString()));
    return row;
  }));
  document.querySelector('#preview-near tbody').replaceChildren(...preview.near_misses.map((near) => {
    const row = element('tr');
    row.append(element('td', near.primary_id), element('td', near.reason.sentence));
    return row;
  }));
  $('preview-near').hidden = preview.near_misses.length === 0;
  document.querySelector('#preview-decisions tbody').replaceChildren(...preview.decisions.decision.map((decision) => {
    const row = element('tr');
    row.append(element('td', decision.primary_id), element('td', ACTION_WORDS[decision.action]),
      element('td', decision.reasons.map((reason) => reason.sentence).join('; ')));
    return row;
  }));
  $('preview').hidden = false;
  $('preview').scrollIntoView({ block: 'start' });
}

async function runPolicy(name) {
  let run = await call(`/console/policies/${name}/runs`, { method: 'POST', body: {} });
  $('run').hidden = false;
  $('run').scrollIntoView({ block: 'start' });
  $('run-title').textContent = `Run ${run.id}: ${name} (${run.stages})`;
  while (run.state === 'RUNNING') {
    showRun(run);
    await refreshJobs();
    await new Promise((resolve) => { setTimeout(resolve, POLL_MS); });
    run = await call(`/console/runs/${run.id}`);
  }
  showRun(run);
  await Promise.all([refreshJobs(), loadPatrons()]);
  $('today').textContent = (await call('/clock')).today;
}

function showRun(run) {
  $('run-step').textContent = run.state === 'RUNNING' ? `In progress: ${run.step}` : `Run ${run.state.toLowerCase()}`;
  const progress = $('run-progress');
  if (run.total > 0) {
    progress.max = run.total;
    progress.value = run.done;
  } else if (run.state === 'RUNNING') {
    progress.removeAttribute('value');
  } else {
    progress.max = 1;
    progress.value = 1;
  }
  facts($('run-figures'), [['State', run.state], ['Dates fixed', run.dates_fixed], ['Marked inactive', run.marked_inactive],
    ['Purged', run.purged], ['Exceptions (refused by Alma)', run.exceptions], ['Held back by the engine', run.held_back],
    ['Problem', run.problem]]);
  const listed = Object.entries(run.exception).map(([id, reason]) => element('li', `${id}: ${reason}`));
  const notPurged = run.exceptions + run.held_back;
  if (notPurged > listed.length) listed.push(element('li', `… and ${notPurged - listed.length} more in the report`));
  fill($('run-exceptions'), listed);
  ['json', 'csv', 'text'].forEach((format) => {
    const link = $(`run-report-${format}`);
    link.href = `${API}/console/runs/${run.id}/report?format=${format}`;
    link.hidden = run.state !== 'DONE';
  });
  narrate($('run-narration'), run.narration);
}

async function refreshJobs() {
  const instances = await call('/jobs/instances?limit=10');
  document.querySelector('#job-table tbody').replaceChildren(...(instances.job_instance ?? []).map((instance) => {
    const counter = (name) => instance.counter?.find((c) => c.type.value.endsWith(name))?.value ?? '0';
    const row = element('tr');
    const report = element('td');
    const exceptions = element('button', 'Exceptions', { type: 'button', 'aria-label': `Exceptions of job instance ${instance.id}` });
    exceptions.addEventListener('click', () => attempt(() => showJobExceptions(instance)));
    report.append(element('a', 'CSV', { href: `${API}/jobs/instances/${instance.id}/report`, download: `job-${instance.id}.csv` }), ' ', exceptions);
    row.append(element('td', instance.id), element('td', instance.name), element('td', instance.status.desc ?? instance.status.value),
      element('td', `${instance.progress}%`), element('td', counter('recordsProcessed')), element('td', counter('recordsWithExceptions')), report);
    return row;
  }));
}

async function showJobExceptions(instance) {
  const events = await call(`/jobs/instances/${instance.id}/events?limit=100`);
  $('job-events-title').textContent = `Exceptions of ${instance.name} (${events.total_record_count})`;
  fill($('job-events'), (events.event ?? []).map((event) => element('li', `${event.user?.value}: ${event.description}`)));
  $('job-events-panel').hidden = false;
}

// ---- scenarios ----

function renderScenarioChoices(names, scenario) {
  const select = $('scenario-name');
  if (!select.options.length) select.replaceChildren(...names.map((name) => element('option', name, { value: name })));
  renderScenario(scenario);
}

function renderScenario(scenario) {
  $('scenario-step').disabled = !scenario || scenario.finished;
  if (!scenario) return;
  $('scenario-state').textContent = scenario.finished ? `${scenario.name}: finished (${scenario.steps} steps)`
    : `${scenario.name}: step ${scenario.next_step + 1} of ${scenario.steps} is next`;
  $('scenario-next').textContent = scenario.next_say ? `Next: ${scenario.next_say}` : '';
}

function showScenarioOutcome(outcome, append) {
  $('today').textContent = outcome.today;
  const log = $('scenario-narration');
  narrate(log, outcome.narration, append);
  log.scrollTop = log.scrollHeight;
  fill($('scenario-failures'), outcome.failures.map((failure) => element('li', `Expectation not met: ${failure}`)));
  if (!outcome.failures.length) $('scenario-failures').replaceChildren();
  renderScenario(outcome.scenario);
}

function setUpScenarios() {
  // Loading empties the library: the trainer says so once more before it happens.
  $('scenario-form').addEventListener('submit', (event) => {
    event.preventDefault();
    $('scenario-confirm-text').textContent = `Loading ${$('scenario-name').value} empties ${libraryName(state.code)}: `
      + `its ${counted(state.total, 'patron')}, loans, fees, sets and runs are replaced by the scenario's.`;
    $('scenario-confirm').hidden = false;
    $('scenario-load-confirm').focus();
  });
  $('scenario-load-cancel').addEventListener('click', () => {
    $('scenario-confirm').hidden = true;
    $('scenario-load').focus();
  });
  $('scenario-load-confirm').addEventListener('click', () => attempt(async () => {
    $('scenario-confirm').hidden = true;
    showScenarioOutcome(await call(`/console/scenarios/${$('scenario-name').value}`, { method: 'POST' }), false);
    $('clock-outcome').hidden = true;
    await Promise.all([loadPatrons(), loadOverview(), showInstitution()]);
  }));
  $('scenario-step').addEventListener('click', () => attempt(async () => {
    showScenarioOutcome(await call('/console/scenario/step', { method: 'POST' }), true);
    await loadPatrons();
  }));
}

// ---- requests: the journal of Alma's API ----

const REQUESTS_SHOWN = 100;

async function refreshRequests() {
  const query = new URLSearchParams({ last: REQUESTS_SHOWN });
  if ($('requests-method').value) query.set('method', $('requests-method').value);
  if ($('requests-path').value.trim()) query.set('path', $('requests-path').value.trim());
  const journal = await call(`/journal?${query}`);
  const requests = [...(journal.request ?? [])].reverse();
  $('requests-count').textContent = journal.total_record_count > requests.length
    ? `The newest ${requests.length} of ${journal.total_record_count} requests`
    : `${journal.total_record_count} requests`;
  document.querySelector('#requests-table tbody').replaceChildren(...requests.map((request) => {
    const row = element('tr');
    const target = request.path + (Object.keys(request.query ?? {}).length
      ? `?${new URLSearchParams(Object.entries(request.query).flatMap(([k, vs]) => vs.map((v) => [k, v])))}` : '');
    row.append(element('td', String(request.sequence)), element('td', request.simulated_at.slice(0, 19).replace('T', ' ')),
      element('td', request.method), element('td', target), element('td', String(request.status)),
      element('td', request.error_code || ''), element('td', request.fault || ''),
      element('td', `${request.key_access}${request.key ? ` ${request.key}` : ''}`));
    return row;
  }));
}

function setUpRequests() {
  $('requests-form').addEventListener('submit', (event) => {
    event.preventDefault();
    attempt(refreshRequests);
  });
  $('requests-forget').addEventListener('click', () => attempt(async () => {
    await call('/journal', { method: 'DELETE' });
    await refreshRequests();
  }));
}

// ---- consortium: every library at a glance, and switching between them ----

/** "Purge User Records: Completed with Warnings on 2024-08-01", not Alma's codes and timestamps. */
function describeJobRun(run) {
  if (!run) return 'none yet';
  const day = (run.end_time || run.start_time || run.submit_time || '').slice(0, 10);
  return `${run.job_info?.name ?? run.name ?? 'job'}: ${run.status?.desc ?? run.status?.value ?? ''}${day ? ` on ${day}` : ''}`;
}

async function institutions() {
  const overview = await call('/institutions/overview');
  overview.institution.forEach((member) => { state.names[member.code] = member.name; });
  return overview.institution;
}

async function refreshConsortium() {
  const members = await institutions();
  document.querySelector('#consortium-table tbody').replaceChildren(...members.map((member) => {
    const row = element('tr');
    const inUse = member.code === state.code;
    const use = element('button', inUse ? 'in use' : 'Work in this library', {
      type: 'button', 'aria-label': inUse ? `${member.name}: in use` : `Work in ${member.name}`,
    });
    use.disabled = inUse;
    use.addEventListener('click', () => attempt(() => switchInstitution(member)));
    row.append(
      element('th', member.name, { scope: 'row' }),
      element('td', member.code),
      element('td', (member.patrons_by_status.ACTIVE ?? 0).toLocaleString()),
      element('td', (member.patrons_by_status.INACTIVE ?? 0).toLocaleString()),
      element('td', member.patrons.toLocaleString()),
      element('td', member.job_runs.toLocaleString()),
      element('td', describeJobRun(member.last_job_run)),
      element('td'));
    row.lastChild.append(use);
    return row;
  }));
}

/** Works in another library: with its public development key at once, else with the key the trainer gives. */
async function switchInstitution(member) {
  if (member.development_key) {
    sessionStorage.setItem(KEY_STORE, member.development_key);
  } else {
    askForKey(`Give an API key of ${member.name} (${member.code}).`);
    await new Promise((resolve) => { keyGiven = resolve; });
  }
  $('patron-detail').hidden = true;
  $('preview').hidden = true;
  $('run').hidden = true;
  $('clock-outcome').hidden = true;
  state.offset = 0;
  await showInstitution();
  await loadOverview();
  await loadPatrons();
  await refreshConsortium();
}

/**
 * A simulator holding a consortium opens on it when the key opens the simulator's own (default) library: its members
 * are where the stories ran.
 */
async function openOnTheConsortium() {
  const members = await institutions();
  const here = members.find((member) => member.code === state.code);
  if (members.length > 1 && here?.default) selectTab($('tab-consortium'));
}

// ---- charts ----

const COLOURS = ['#1b6ca8', '#d1495b', '#edae49', '#00798c', '#30638e', '#6a4c93'];

const COUNT_AXIS = { beginAtZero: true, ticks: { precision: 0 } };
const DAY_MS = 86400000;
/** More runs than this are drawn month by month: four years of weekly runs are bars no one can read. */
const MANY_RUNS = 24;

const dayNumber = (day) => Date.parse(`${day}T00:00:00Z`) / DAY_MS;
const dayText = (number) => new Date(number * DAY_MS).toISOString().slice(0, 10);

function chart(id, config) {
  state.charts[id]?.destroy();
  state.charts[id] = new window.Chart($(id), {
    ...config,
    // Counts are whole numbers: no tick between 0 and 1.
    options: { animation: false, responsive: true, maintainAspectRatio: false, scales: { y: COUNT_AXIS }, ...config.options },
  });
}

/** The runs as the runs chart draws them: one bar group a run, or a month when there are many. */
function runGroups(runs) {
  if (runs.length <= MANY_RUNS) return runs.map((run) => ({ label: `${run.day} ${run.policy}`, runs: [run] }));
  const months = new Map();
  runs.forEach((run) => {
    const month = run.day.slice(0, 7);
    if (!months.has(month)) months.set(month, []);
    months.get(month).push(run);
  });
  return [...months].map(([month, inMonth]) => ({ label: `${month} (${counted(inMonth.length, 'run')})`, runs: inMonth }));
}

/** What the runs chart draws for each group of runs, figure by figure: the API's own counts, summed. */
const RUN_FIGURES = [
  ['dates_fixed', 'dates fixed'],
  ['marked_inactive', 'marked inactive'],
  ['purged', 'purged'],
  ['exceptions', 'refused by Alma'],
  ['held_back', 'held back by the engine'],
];

async function refreshCharts() {
  if (!window.Chart) return;
  // Legible from the back of a training room.
  window.Chart.defaults.font.size = 16;
  const history = await call('/console/history');
  const runs = history.runs.filter((run) => run.state === 'DONE');
  $('charts-empty').hidden = history.runs.length > 0;
  const statuses = [...new Set(history.status.flatMap((point) => Object.keys(point.by_status)))];
  chart('chart-status', {
    type: 'line',
    data: {
      datasets: statuses.map((status, i) => ({
        label: status,
        data: history.status.map((point) => ({ x: dayNumber(point.day), y: point.by_status[status] ?? 0 })),
        borderColor: COLOURS[i % COLOURS.length],
        backgroundColor: COLOURS[i % COLOURS.length],
        // A count holds until the day it is next counted, when a run changed it: a step, not a slope.
        stepped: true,
        // Four years of weekly points are a line, not a string of beads.
        pointRadius: history.status.length > 60 ? 0 : 3,
      })),
    },
    // Days on a true time line: a year without a point is a year wide.
    options: {
      scales: { x: { type: 'linear', ticks: { callback: (value) => dayText(value), maxTicksLimit: 8 } }, y: COUNT_AXIS },
      plugins: { tooltip: { callbacks: { title: (items) => dayText(items[0].parsed.x) } } },
    },
  });
  const groups = runGroups(runs);
  $('chart-runs-caption').textContent = groups.length < runs.length
    ? `What the policy runs did, month by month (${counted(runs.length, 'run')})`
    : 'What each policy run did';
  chart('chart-runs', {
    type: 'bar',
    data: {
      labels: groups.map((group) => group.label),
      datasets: RUN_FIGURES.map(([field, label], i) => ({
        label,
        data: groups.map((group) => group.runs.reduce((sum, run) => sum + (run[field] ?? 0), 0)),
        backgroundColor: COLOURS[i % COLOURS.length],
      })),
    },
  });
  const reasons = history.not_purged_by_reason;
  chart('chart-reasons', {
    type: 'bar',
    data: {
      labels: reasons.map((reason) => reason.reason),
      datasets: [
        { label: 'refused by Alma', data: reasons.map((reason) => reason.refused_by_alma), backgroundColor: COLOURS[3] },
        { label: 'held back by the engine', data: reasons.map((reason) => reason.held_back_by_engine), backgroundColor: COLOURS[4] },
      ],
    },
    options: {
      indexAxis: 'y',
      scales: { x: { ...COUNT_AXIS, stacked: true, title: { display: true, text: 'patrons' } }, y: { stacked: true } },
    },
  });
}

// ---- start ----

document.querySelectorAll('[data-advance]').forEach((button) => {
  button.addEventListener('click', () => attempt(async () => {
    document.querySelectorAll('[data-advance]').forEach((b) => { b.disabled = true; });
    try {
      await advance(button.dataset.advance);
    } finally {
      document.querySelectorAll('[data-advance]').forEach((b) => { b.disabled = false; });
    }
  }));
});
setUpTabs();
setUpPatrons();
setUpScenarios();
setUpRequests();
setUpDownloads();
setUpKeyForm();
attempt(async () => {
  await signIn();
  await showInstitution();
  await loadOverview();
  await loadPatrons();
  await openOnTheConsortium();
  document.body.dataset.ready = 'true';
});
