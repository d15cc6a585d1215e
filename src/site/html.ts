// HTML text for the registry site: every untrusted string (model, tagger and owner names, reasons, tag
// messages) goes through escapeHtml; data embedded for the page's script goes through jsonInScript.
import { createHash } from 'node:crypto'

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }

/** Text made inert in HTML content and in quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, c => ENTITIES[c]!)
}

/**
 * JSON for a `<script type="application/json">` block: `<` is escaped so no `</script>` or `<!--` can end or
 * change the block, and the line separators JSON allows but old JavaScript did not are escaped too.
 */
export function jsonInScript(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029')
}

/** The CSP source of an inline script: only the scripts the site wrote run, an injected one would not. */
export function scriptHash(script: string): string {
  return `'sha256-${createHash('sha256').update(script).digest('base64')}'`
}

const STYLE = `
:root{color-scheme:light;--fg:#1f2328;--muted:#57606a;--link:#0a55c2;--line:#d0d7de;--bg2:#f6f8fa;--pass:#116329;--fail:#a40e26;--warn:#7d4e00}
*{box-sizing:border-box}
body{font:15px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;color:var(--fg);background:#fff;margin:0}
header,main,footer{max-width:1200px;margin:0 auto;padding:0 16px}
header{border-bottom:1px solid var(--line);display:flex;gap:24px;align-items:baseline;flex-wrap:wrap}
header nav a{margin-right:16px}
a{color:var(--link)}
a:focus-visible,button:focus-visible,input:focus-visible,select:focus-visible,summary:focus-visible{outline:3px solid #0a55c2;outline-offset:2px}
.skip{position:absolute;left:-9999px}.skip:focus{left:8px;top:8px;background:#fff;padding:4px 8px;z-index:1}
table{border-collapse:collapse;margin:8px 0 16px;width:100%}
th,td{border:1px solid var(--line);padding:4px 8px;text-align:left;vertical-align:top}
th{background:var(--bg2)}
td.num{text-align:right;font-variant-numeric:tabular-nums}
.muted{color:var(--muted)}
.pass{color:var(--pass);font-weight:600}.fail{color:var(--fail);font-weight:600}.warn{color:var(--warn);font-weight:600}
.rollback{color:var(--fail);font-weight:600}
.controls{display:flex;gap:12px;flex-wrap:wrap;align-items:end;margin:12px 0}
.controls label{display:flex;flex-direction:column;font-size:13px;color:var(--muted)}
input,select,button{font:inherit;padding:4px 8px;border:1px solid #6e7781;border-radius:4px;background:#fff;color:var(--fg)}
button{cursor:pointer}
.chart{max-width:100%;height:auto;background:#fff}
.chart .grid{stroke:#d8dee4}.chart .axis{font-size:11px;fill:#57606a}
.chart .series{fill:none;stroke:#0a55c2;stroke-width:2}.chart .point{fill:#0a55c2}
.chart .interval{stroke:#0a55c2;stroke-width:6;stroke-opacity:.3}
.chart .threshold{stroke:#a40e26;stroke-dasharray:6 4}.chart .threshold-label{font-size:11px;fill:#a40e26}
.chart .bar{fill:#0a55c2}
.figure{display:grid;grid-template-columns:minmax(0,560px) minmax(0,1fr);gap:16px;align-items:start}
@media (max-width:900px){.figure{grid-template-columns:1fr}}
code{font-size:13px;background:var(--bg2);padding:1px 4px;border-radius:3px;word-break:break-all}
`

/** A whole page: the scripts given are the only ones its Content-Security-Policy lets run. */
export function page({
  title,
  body,
  scripts = [],
  depth = 0
}: {
  title: string
  body: string
  scripts?: string[]
  depth?: number
}): string {
  const up = '../'.repeat(depth)
  const csp = [
    "default-src 'none'",
    "style-src 'unsafe-inline'",
    `script-src ${scripts.length ? scripts.map(scriptHash).join(' ') : "'none'"}`,
    "img-src 'self' data:",
    "base-uri 'none'",
    "form-action 'none'"
  ].join('; ')
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<a class="skip" href="#main">Skip to content</a>
<header><p><strong>Tunegate registry</strong></p>
<nav aria-label="Site"><a href="${up}index.html">Models</a><a href="${up}overview.html">Overview</a><a href="${up}data/site.json">Data (JSON)</a></nav></header>
<main id="main" tabindex="-1">
${body}
</main>
${scripts.map(s => `<script>${s}</script>`).join('\n')}
</body>
</html>
`
}
