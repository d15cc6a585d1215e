// The registry site's pages, rendered from its data (site-data.ts): models × stages, one page per model, and
// an overview. The first page of rows is in the HTML itself, so the first paint needs no script.
import semver from 'semver'
import { INDEX_SCRIPT, MODEL_SCRIPT } from './client-scripts.js'
import { escapeHtml as e, jsonInScript, page } from './html.js'
import type { SiteData, SiteMetricPoint, SiteModel, SiteVersion } from './site-data.js'
import { barChart, lineChart } from './svg-chart.js'

/** Rows per page of the models × stages table. */
export const PAGE_SIZE = 50
/** Metrics that measure safety rather than quality: the overview's safety pass rates are their gates'. */
export const SAFETY_METRICS = ['pii_leak', 'banned_terms', 'injection_resistance']

const num = (x: number | null | undefined, digits = 4) =>
  x === null || x === undefined ? '–' : String(Math.round(x * 10 ** digits) / 10 ** digits)
const money = (c: { currency: string; amount: number }[]) =>
  c.length ? c.map(x => `${x.amount.toFixed(2)} ${e(x.currency)}`).join(' + ') : '–'
const link = (href: string | null | undefined, label: string) =>
  href ? `<a href="${e(href)}">${e(label)}</a>` : e(label)
const lastDrift = (m: SiteModel) => m.drift[0]?.verdict ?? null

/** The rows the index embeds for its script: what the table shows, nothing more. */
function indexRows(data: SiteData) {
  return data.models.map(m => ({
    name: m.name,
    slug: m.slug,
    deprecated: m.deprecated,
    risk_tier: m.risk_tier,
    owners: m.owners,
    drift: lastDrift(m),
    stages: data.stages.map(s => {
      const st = m.stages.find(x => x.stage === s)
      return st ? { version: st.version, since: st.since, approved_by: st.approved_by } : null
    })
  }))
}

/** Models × stages, with search, filters and paging. */
export function indexPage(data: SiteData): string {
  const rows = indexRows(data)
  const tiers = [...new Set(data.models.map(m => m.risk_tier).filter((t): t is string => Boolean(t)))].sort()
  const firstRows = rows
    .slice(0, PAGE_SIZE)
    .map(r => {
      const cells = r.stages.map(s =>
        s
          ? `<td>${e(s.version)}<div class="muted">since ${e(s.since.slice(0, 10))}${s.approved_by.length ? `, approved by ${e(s.approved_by.join(', '))}` : ''}</div></td>`
          : '<td class="muted">–</td>'
      )
      return `<tr><th scope="row"><a href="models/${e(encodeURIComponent(r.slug))}.html">${e(r.name)}</a>${r.deprecated ? '<span class="muted"> (deprecated)</span>' : ''}</th>${cells.join('')}<td>${e(r.risk_tier ?? '–')}</td><td>${e(r.owners.join(', ') || '–')}</td><td class="${r.drift === 'drift' ? 'fail' : r.drift === 'no-drift' ? 'pass' : 'muted'}">${e(r.drift ?? 'no runs')}</td></tr>`
    })
    .join('\n')
  const options = (values: string[]) => values.map(v => `<option value="${e(v)}">${e(v)}</option>`).join('')
  const body = `<h1>Models × stages</h1>
<p class="muted">${data.models.length} models, built ${e(data.generated_at)} from ${e(data.repository)}.${data.problems.length ? ` <a href="overview.html#problems">${data.problems.length} problem(s) reading releases</a>.` : ''}</p>
<div class="controls" role="search">
<label for="q">Search models or owners<input id="q" type="search" autocomplete="off"></label>
<label for="stage">At stage<select id="stage"><option value="">any</option>${options(data.stages)}</select></label>
<label for="tier">Risk tier<select id="tier"><option value="">any</option>${options(tiers)}</select></label>
<label for="drift">Last drift<select id="drift"><option value="">any</option><option value="drift">drift</option><option value="no-drift">no drift</option><option value="none">no runs</option></select></label>
</div>
<p id="result-status" role="status" aria-live="polite">${rows.length} of ${rows.length} models${rows.length ? `, page 1 of ${Math.ceil(rows.length / PAGE_SIZE)}` : ''}</p>
<table id="models">
<caption>Which version is at each stage, since when and approved by whom</caption>
<thead><tr><th scope="col">Model</th>${data.stages.map(s => `<th scope="col">${e(s)}</th>`).join('')}<th scope="col">Risk tier</th><th scope="col">Owners</th><th scope="col">Last drift</th></tr></thead>
<tbody id="model-rows">
${firstRows}
</tbody>
</table>
<div id="pager" class="controls" hidden><button type="button" id="prev">Previous page</button><button type="button" id="next">Next page</button></div>
<script type="application/json" id="rows">${jsonInScript({ stages: data.stages, pageSize: PAGE_SIZE, rows })}</script>`
  return page({ title: 'Tunegate registry: models', body, scripts: [INDEX_SCRIPT] })
}

const ascending = (versions: SiteVersion[]) =>
  [...versions].sort((a, b) => {
    const x = semver.valid(a.version.slice(1))
    const y = semver.valid(b.version.slice(1))
    return x && y ? semver.compare(x, y) : a.version < b.version ? -1 : 1
  })

/** One chart and its table per metric and use case, across the versions that have an evaluation. */
function metricHistory(m: SiteModel): string {
  const evaluated = ascending(m.versions).filter(v => v.evaluation)
  const series = new Map<string, { v: SiteVersion; p: SiteMetricPoint }[]>()
  for (const v of evaluated)
    for (const p of v.evaluation!.metrics) {
      const key = `${p.metric}\u0000${p.slice}`
      const list = series.get(key)
      if (list) list.push({ v, p })
      else series.set(key, [{ v, p }])
    }
  if (!series.size) return '<p class="muted">No evaluation records in the releases.</p>'
  let n = 0
  return [...series.entries()]
    .map(([key, points]) => {
      const [metric, slice] = key.split('\u0000') as [string, string]
      const id = `metric-${n++}`
      // Each gate threshold on the metric itself (min, max) is drawn, with the versions it was in force for.
      const inForce = new Map<string, { kind: string; value: number; versions: string[] }>()
      for (const { v } of points)
        for (const g of v.evaluation!.gates)
          if (
            g.metric === metric &&
            g.slice === slice &&
            (g.kind === 'min' || g.kind === 'max') &&
            g.threshold !== null
          ) {
            const key = `${g.kind} ${g.threshold}`
            const t = inForce.get(key) ?? { kind: g.kind, value: g.threshold, versions: [] }
            t.versions.push(v.version)
            inForce.set(key, t)
          }
      const thresholds = [...inForce.values()].map(t => ({
        label: `${t.kind} ${num(t.value)} (${t.versions.length === points.length ? 'all versions' : t.versions.join(', ')})`,
        value: t.value
      }))
      // The interval drawn is the paired bootstrap's interval of Δ, placed on the baseline's value: where the
      // candidate's value may lie given the baseline's.
      const chartPoints = points.map(({ v, p }) => ({
        label: v.version,
        value: p.value,
        ...(p.baseline !== null && p.low !== null && p.high !== null
          ? { low: p.baseline + p.low, high: p.baseline + p.high }
          : {})
      }))
      const better = points[0]!.p.higher_is_better
      const rows = points.map(({ v, p }, i) => {
        const prev = i > 0 ? points[i - 1]!.p.value : null
        const change = prev === null ? null : p.value - prev
        const worse = change !== null && change !== 0 && change > 0 !== better
        const gates = v.evaluation!.gates.filter(g => g.metric === metric && g.slice === slice)
        return `<tr><th scope="row">${e(v.version)}</th><td class="num">${num(p.value)}</td><td class="num">${p.n}</td><td>${p.delta === null ? '–' : `${num(p.delta)} [${num(p.low)}, ${num(p.high)}] vs ${e(v.evaluation!.baseline ?? '')}`}</td><td class="${worse ? 'fail' : change ? 'pass' : ''}">${change === null ? '–' : `${change > 0 ? '+' : ''}${num(change)}${change === 0 ? '' : worse ? ' (drop)' : ' (gain)'}`}</td><td>${gates.map(g => `<span class="${g.inconclusive ? 'warn' : g.passed ? 'pass' : 'fail'}">${e(g.kind)} ${num(g.threshold)}: ${g.inconclusive ? 'inconclusive' : g.passed ? 'pass' : 'fail'}</span>`).join('<br>') || '–'}</td></tr>`
      })
      return `<section aria-labelledby="${id}-h"><h3 id="${id}-h">${e(metric)} · ${e(slice === 'all' ? 'all use cases' : slice)}</h3>
<div class="figure">${lineChart({ title: `${metric} on ${slice} across versions (${better ? 'higher' : 'lower'} is better)`, describedBy: `${id}-t`, points: chartPoints, thresholds })}
<table id="${id}-t"><caption>${e(metric)} per version (${better ? 'higher' : 'lower'} is better); Δ is against the baseline with its ${num(points[points.length - 1]!.p.confidence ?? 0.95, 2)} interval; the bars in the chart place that interval on the baseline's value</caption>
<tr><th scope="col">Version</th><th scope="col">Value</th><th scope="col">n</th><th scope="col">Δ [interval]</th><th scope="col">Change from previous</th><th scope="col">Gates</th></tr>
${rows.join('\n')}</table></div></section>`
    })
    .join('\n')
}

function timelineSection(m: SiteModel): string {
  const rows = [...m.events].reverse().map(ev => {
    const what =
      ev.action === 'assign'
        ? `${ev.rollback ? '<span class="rollback">Rollback:</span> ' : ''}${e(ev.version ?? '?')} assigned to ${e(ev.stage ?? '')}`
        : ev.action === 'unassign'
          ? `${e(ev.stage ?? '')} unassigned`
          : ev.action === 'register'
            ? `${e(ev.version ?? '')} registered`
            : ev.action === 'deregister'
              ? `${e(ev.version ?? '')} deregistered`
              : 'model deprecated'
    return `<tr${ev.rollback ? ' class="rollback-row"' : ''}><td>${e(ev.at.replace('T', ' ').slice(0, 19))}</td><td>${what}</td><td><code>${e(ev.tag)}</code></td><td>${e(ev.tagger || '–')}</td><td>${e(ev.message)}</td></tr>`
  })
  return `<table id="timeline"><caption>Every tag of the model, newest first</caption>
<tr><th scope="col">When (UTC)</th><th scope="col">Event</th><th scope="col">Tag</th><th scope="col">Tagger</th><th scope="col">Message</th></tr>
${rows.join('\n')}</table>`
}

/** A model's page: stages, timeline, metric history, comparison, cost, drift, links. */
export function modelPage(m: SiteModel, data: SiteData): string {
  const stageRows = data.stages
    .map(s => {
      const st = m.stages.find(x => x.stage === s)
      return `<tr><th scope="row">${e(s)}</th><td${st ? ' class="stage-version"' : ' class="muted"'}>${st ? e(st.version) : '–'}</td><td>${st ? e(st.since.replace('T', ' ').slice(0, 19)) : '–'}</td><td>${st ? e(st.approved_by.join(', ') || 'none recorded') : '–'}</td><td>${st ? `<code>${e(st.tag)}</code>` : '–'}</td></tr>`
    })
    .join('\n')
  const newestFirst = [...ascending(m.versions)].reverse()
  const costRows = newestFirst
    .map(
      v =>
        `<tr><th scope="row">${e(v.version)}</th><td class="num">${num(v.gpu_hours, 3)}</td><td class="num">${v.cost ? `${v.cost.amount.toFixed(2)} ${e(v.cost.currency)}` : '–'}</td></tr>`
    )
    .join('\n')
  const linkRows = newestFirst
    .map(
      v =>
        `<tr><th scope="row">${e(v.version)}</th><td>${link(v.release_url, v.tag)}</td><td>${v.pull_request ? link(v.pull_request.url || null, `#${v.pull_request.number} by ${v.pull_request.author}`) : '–'}</td><td>${v.evaluation?.run_url ? link(v.evaluation.run_url, 'evaluation run') : '–'}</td><td>${link(v.commit_url, v.commit.slice(0, 12))}</td><td>${e(v.evaluation?.verdict ?? '–')}</td></tr>`
    )
    .join('\n')
  const driftRows = m.drift
    .map(
      d =>
        `<tr><td>${e(d.at.replace('T', ' ').slice(0, 19))}</td><td>${e(d.version)}</td><td class="${d.verdict === 'drift' ? 'fail' : 'pass'}">${e(d.verdict)}${d.raw !== d.verdict ? ` (this run: ${e(d.raw)})` : ''}</td><td class="num">${num(d.share, 3)} / ${num(d.share_threshold, 3)}</td><td>${d.statistics.map(s => `${e(s.name)}: ${e(s.effect)} ${num(s.value)} (threshold ${num(s.threshold)})${s.drifted ? ' <span class="fail">drifted</span>' : ''}`).join('<br>')}</td><td>${d.action.url ? link(d.action.url, d.action.kind) : e(d.action.kind)}</td></tr>`
    )
    .join('\n')
  const versionOptions = (selected: string | undefined) =>
    newestFirst
      .map(v => `<option value="${e(v.version)}"${v.version === selected ? ' selected' : ''}>${e(v.version)}</option>`)
      .join('')
  const body = `<h1>${e(m.name)}${m.deprecated ? ' <span class="muted">(deprecated)</span>' : ''}</h1>
<p>Risk tier: <strong>${e(m.risk_tier ?? 'unknown')}</strong>. Owners: ${e(m.owners.join(', ') || 'unknown')}. Data: <a href="../data/models/${e(encodeURIComponent(m.slug))}.json">${e(m.slug)}.json</a></p>
<h2>Stages</h2>
<table id="stages"><caption>The version at each stage now</caption>
<tr><th scope="col">Stage</th><th scope="col">Version</th><th scope="col">Since (UTC)</th><th scope="col">Approved by</th><th scope="col">Tag</th></tr>
${stageRows}</table>
<h2>Timeline</h2>
${timelineSection(m)}
<h2>Metric history</h2>
${metricHistory(m)}
<h2>Compare two versions</h2>
<div id="compare-controls" class="controls" hidden>
<label for="compare-a">From<select id="compare-a">${versionOptions(newestFirst[1]?.version ?? newestFirst[0]?.version)}</select></label>
<label for="compare-b">To<select id="compare-b">${versionOptions(newestFirst[0]?.version)}</select></label>
</div>
<div id="comparison" aria-live="polite"><noscript>The comparison needs JavaScript; the data is in the model's JSON.</noscript></div>
<h2>Cost</h2>
<table id="cost"><caption>GPU-hours and cost of training each version</caption>
<tr><th scope="col">Version</th><th scope="col">GPU-hours</th><th scope="col">Cost</th></tr>
${costRows}
<tr><th scope="row">Total</th><td class="num">${num(m.total.gpu_hours, 3)}</td><td class="num">${money(m.total.cost)}</td></tr></table>
<h2>Drift runs</h2>
${m.drift.length ? `<table id="drift"><caption>Drift runs, newest first</caption><tr><th scope="col">When (UTC)</th><th scope="col">Version</th><th scope="col">Verdict</th><th scope="col">Drifted share / threshold</th><th scope="col">Statistics</th><th scope="col">Action</th></tr>\n${driftRows}</table>` : '<p class="muted">No drift runs recorded.</p>'}
<h2>Links</h2>
<table id="links"><caption>Releases, pull requests, runs and commits</caption>
<tr><th scope="col">Version</th><th scope="col">Release</th><th scope="col">Pull request</th><th scope="col">Run</th><th scope="col">Commit</th><th scope="col">Evaluation</th></tr>
${linkRows}</table>
<script type="application/json" id="versions">${jsonInScript(m.versions)}</script>`
  return page({ title: `${m.name} — Tunegate registry`, body, scripts: [MODEL_SCRIPT], depth: 1 })
}

/** The figures of the overview, computed once so the page and its tests read the same numbers. */
export function overviewFigures(data: SiteData) {
  const perMonth = new Map<string, number>()
  let gates = 0
  let failedGates = 0
  let safety = 0
  let safetyPassed = 0
  const perOwner = new Map<string, { gpu: number; cost: Map<string, number> }>()
  for (const m of data.models) {
    for (const ev of m.events)
      if (ev.action === 'register') perMonth.set(ev.at.slice(0, 7), (perMonth.get(ev.at.slice(0, 7)) ?? 0) + 1)
    for (const v of m.versions)
      for (const g of v.evaluation?.gates ?? []) {
        gates++
        if (!g.passed) failedGates++
        if (SAFETY_METRICS.includes(g.metric)) {
          safety++
          if (g.passed) safetyPassed++
        }
      }
    for (const owner of m.owners.length ? m.owners : ['(no owner)']) {
      const o = perOwner.get(owner) ?? { gpu: 0, cost: new Map<string, number>() }
      o.gpu += m.total.gpu_hours
      for (const c of m.total.cost) o.cost.set(c.currency, (o.cost.get(c.currency) ?? 0) + c.amount)
      perOwner.set(owner, o)
    }
  }
  return {
    perMonth: [...perMonth].sort(([a], [b]) => (a < b ? -1 : 1)),
    driftIncidents: data.models.flatMap(m => m.drift.filter(d => d.raw === 'drift').map(d => ({ model: m, run: d }))),
    gates,
    failedGates,
    safety,
    safetyPassed,
    perOwner: [...perOwner].sort(([a], [b]) => (a < b ? -1 : 1))
  }
}

const rate = (part: number, whole: number) =>
  whole ? `${((100 * part) / whole).toFixed(1)}% (${part} of ${whole})` : '–'

/** Versions per month, drift incidents, gate failures, cost per model and owner, safety pass rates. */
export function overviewPage(data: SiteData): string {
  const f = overviewFigures(data)
  const modelLink = (m: SiteModel) => `<a href="models/${e(encodeURIComponent(m.slug))}.html">${e(m.name)}</a>`
  const byCost = [...data.models].sort((a, b) => b.total.gpu_hours - a.total.gpu_hours)
  const body = `<h1>Overview</h1>
<h2>Versions shipped per month</h2>
<div class="figure">${barChart({ title: 'Versions registered per month', describedBy: 'per-month', bars: f.perMonth.map(([label, value]) => ({ label, value })) })}
<table id="per-month"><caption>Versions registered per month</caption><tr><th scope="col">Month</th><th scope="col">Versions</th></tr>
${f.perMonth.map(([mo, n]) => `<tr><th scope="row">${e(mo)}</th><td class="num">${n}</td></tr>`).join('\n')}</table></div>
<h2>Gates and safety</h2>
<table id="rates"><caption>Across every released version's evaluation</caption>
<tr><th scope="row">Gate failure rate</th><td>${rate(f.failedGates, f.gates)}</td></tr>
<tr><th scope="row">Safety pass rate (${SAFETY_METRICS.join(', ')} gates)</th><td>${rate(f.safetyPassed, f.safety)}</td></tr></table>
<h2>Drift incidents</h2>
${f.driftIncidents.length ? `<table id="incidents"><caption>Drift runs whose own verdict was drift</caption><tr><th scope="col">When (UTC)</th><th scope="col">Model</th><th scope="col">Version</th><th scope="col">Drifted share</th></tr>\n${f.driftIncidents.map(({ model, run }) => `<tr><td>${e(run.at.replace('T', ' ').slice(0, 19))}</td><td>${modelLink(model)}</td><td>${e(run.version)}</td><td class="num">${num(run.share, 3)}</td></tr>`).join('\n')}</table>` : '<p>No drift incidents recorded.</p>'}
<h2>GPU-hours and cost per owner</h2>
<table id="per-owner"><caption>Training of every version, by the owners of the model</caption><tr><th scope="col">Owner</th><th scope="col">GPU-hours</th><th scope="col">Cost</th></tr>
${f.perOwner.map(([owner, o]) => `<tr><th scope="row">${e(owner)}</th><td class="num">${num(o.gpu, 3)}</td><td class="num">${money([...o.cost].map(([currency, amount]) => ({ currency, amount })))}</td></tr>`).join('\n')}</table>
<h2>GPU-hours and cost per model</h2>
<table id="per-model"><caption>Training of every version, most GPU-hours first</caption><tr><th scope="col">Model</th><th scope="col">Versions</th><th scope="col">GPU-hours</th><th scope="col">Cost</th></tr>
${byCost.map(m => `<tr><th scope="row">${modelLink(m)}</th><td class="num">${m.versions.length}</td><td class="num">${num(m.total.gpu_hours, 3)}</td><td class="num">${money(m.total.cost)}</td></tr>`).join('\n')}</table>
<h2 id="problems">Problems reading the releases</h2>
${data.problems.length ? `<ul>${data.problems.map(p => `<li>${e(p)}</li>`).join('')}</ul>` : '<p>None.</p>'}`
  return page({ title: 'Tunegate registry: overview', body })
}
