export const id = 647;
export const ids = [647];
export const modules = {

/***/ 4031:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Jj: () => (/* binding */ cut),
/* harmony export */   LS: () => (/* binding */ plural),
/* harmony export */   Qj: () => (/* binding */ markdownTable),
/* harmony export */   X1: () => (/* binding */ escapeText),
/* harmony export */   aY: () => (/* binding */ code),
/* harmony export */   bu: () => (/* binding */ num)
/* harmony export */ });
/** Every line terminator Markdown (CR, LF, CRLF) or GitHub (U+2028, U+2029, NEL) breaks a line on, and VT/FF. */
const LINE_BREAKS = /\r\n|[\n\r\v\f\u0085\u2028\u2029]/g;
/** Bidirectional controls: they make text read in an order other than the bytes' (Trojan Source). */
const BIDI_CONTROLS = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
const ZWSP = '\u200b';
/** Cuts text to at most `max` UTF-16 units with an ellipsis, never between the halves of a surrogate pair. */
function cut(text, max) {
    if (text.length <= max)
        return text;
    let end = Math.max(0, max - 1);
    const last = text.charCodeAt(end - 1);
    if (last >= 0xd800 && last <= 0xdbff)
        end--;
    return text.slice(0, end) + '…';
}
const visibleBidi = (s) => s.replace(BIDI_CONTROLS, c => `[U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}]`);
/**
 * Untrusted text (dataset rows, file names from a PR, model outputs) made inert for GitHub markdown:
 * no HTML, no @-mentions that notify people, no links or images (bare URLs and www. included), no table
 * breaks, no line breaks of any kind, and bidirectional controls shown as their code points.
 */
function escapeText(text, maxLength = 300) {
    return (visibleBidi(cut(text, maxLength))
        .replace(/&/g, '&amp;')
        .replace(/</g, '&lt;')
        .replace(/>/g, '&gt;')
        .replace(/([\\`*_[\]()!~|#])/g, '\\$1')
        .replace(/@(?=[A-Za-z0-9_-])/g, `@${ZWSP}`)
        .replace(LINE_BREAKS, ' ⏎ ')
        // GitHub links bare URLs (scheme://, mailto:, xmpp:) and www. names: a zero-width space breaks the pattern.
        .replace(/([a-z][a-z0-9+.-]*):(?=\/\/)/gi, `$1:${ZWSP}`)
        .replace(/\b(mailto|xmpp):/gi, `$1:${ZWSP}`)
        .replace(/\b(www)\./gi, `$1${ZWSP}.`));
}
/** A value shown as inline code: backticks, pipes and line breaks cannot break out of it or of a table cell. */
function code(text, maxLength = 200) {
    const s = visibleBidi(cut(text, maxLength)).replace(LINE_BREAKS, ' ').replace(/\|/g, '\\|');
    const longest = Math.max(0, ...[...s.matchAll(/`+/g)].map(m => m[0].length));
    const fence = '`'.repeat(longest + 1);
    const pad = s.startsWith('`') || s.endsWith('`') ? ' ' : '';
    return `${fence}${pad}${s}${pad}${fence}`;
}
/** A markdown table; cells are taken as already safe (escape them first). */
function markdownTable(header, rows, align) {
    const sep = header.map((_, i) => (align?.[i] === 'r' ? '---:' : '---'));
    return [`| ${header.join(' | ')} |`, `| ${sep.join(' | ')} |`, ...rows.map(r => `| ${r.join(' | ')} |`)].join('\n');
}
/** Formatters by digits: toLocaleString with options makes a new one per call (tens of microseconds each). */
const formats = new Map();
/** A number with thousands separators. */
function num(n, digits = 0) {
    let format = formats.get(digits);
    if (!format) {
        format = new Intl.NumberFormat('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
        formats.set(digits, format);
    }
    return format.format(n);
}
/** A count with its noun: `1 gate`, `3 gates`, `1,296 rows`. */
function plural(n, one, many = `${one}s`) {
    return `${num(n)} ${n === 1 ? one : many}`;
}


/***/ }),

/***/ 3303:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   RF: () => (/* binding */ fileLink),
/* harmony export */   a7: () => (/* binding */ releaseLink),
/* harmony export */   wn: () => (/* binding */ commitLink)
/* harmony export */ });
/* harmony import */ var _escape_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4031);

const SHA = /^[0-9a-f]{7,64}$/;
/** Repository paths are percent-encoded per segment: a name cannot add a query, a fragment or `..` to the URL. */
const encodePath = (p) => p
    .split('/')
    .filter(s => s && s !== '.' && s !== '..')
    .map(encodeURIComponent)
    .join('/');
/** `file:line` as a link to the file at the report's commit (`blob/<sha>/<path>#L<line>`), or as code. */
function fileLink(links, file, line, column) {
    const text = (0,_escape_js__WEBPACK_IMPORTED_MODULE_0__/* .code */ .aY)(`${file}${line ? `:${line}` : ''}${line && column ? `:${column}` : ''}`);
    if (!links.repoUrl || !links.sha || !SHA.test(links.sha))
        return text;
    return `[${text}](${links.repoUrl}/blob/${links.sha}/${encodePath(file)}${line ? `#L${line}` : ''})`;
}
/** A commit's short hash, linked to the commit's page when the repository is known. */
function commitLink(links, sha) {
    const text = (0,_escape_js__WEBPACK_IMPORTED_MODULE_0__/* .code */ .aY)(sha.slice(0, 7));
    return links.repoUrl && SHA.test(sha) ? `[${text}](${links.repoUrl}/commit/${sha})` : text;
}
/** A version's GitHub Release (`releases/tag/<model>@v1.2.3`), or the version as code. */
function releaseLink(links, tag, text) {
    return links.repoUrl ? `[${(0,_escape_js__WEBPACK_IMPORTED_MODULE_0__/* .code */ .aY)(text)}](${links.repoUrl}/releases/tag/${encodeURIComponent(tag)})` : (0,_escape_js__WEBPACK_IMPORTED_MODULE_0__/* .code */ .aY)(text);
}


/***/ }),

/***/ 647:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   VK: () => (/* binding */ MAX_COMMENT_CHARS),
/* harmony export */   uX: () => (/* binding */ stickyBody),
/* harmony export */   yA: () => (/* binding */ capText)
/* harmony export */ });
/* unused harmony exports STICKY_MARKER, NOTICE_SECTION, readSections, mergeSection, composeSections, composeFullReport, renderComment, renderFullReport */
/* harmony import */ var _escape_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4031);
/* harmony import */ var _verdict_summary_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8134);


/** The hidden marker that identifies Tunegate's one comment on a pull request. */
const STICKY_MARKER = '<!-- tunegate:sticky-comment -->';
/** GitHub refuses comment bodies over 65,536 characters; stay well under it. */
const MAX_COMMENT_CHARS = 60_000;
const SECTION_NAME = /^[a-z0-9][a-z0-9:._-]{0,99}$/;
const begin = (name) => `<!-- tunegate:section ${name} -->`;
const end = (name) => `<!-- /tunegate:section ${name} -->`;
// Blank lines around the markers: a section ending in an HTML block (`</details>`) must not swallow the next
// one's heading. Comments written before the blank lines (one newline) are still read.
const SECTION_RE = /<!-- tunegate:section ([a-z0-9][a-z0-9:._-]{0,99}) -->\n+([\s\S]*?)\n+<!-- \/tunegate:section \1 -->/g;
/** The section that says the whole report is outdated: shown above the summary. */
const NOTICE_SECTION = 'notice';
/** Sections in display order: a notice, validation, then the rest by name. */
function order(name) {
    return (name === NOTICE_SECTION ? '0' : name === 'validate' ? '1' : '2') + name;
}
/** The sections of a sticky comment body, by name. */
function readSections(body) {
    const sections = new Map();
    if (!body)
        return sections;
    for (const m of body.matchAll(SECTION_RE))
        sections.set(m[1], m[2]);
    return sections;
}
/** The body with one section replaced or added; other sections are kept as they are. */
function mergeSection(body, name, markdown, footer = '') {
    if (!SECTION_NAME.test(name))
        throw new Error(`Invalid comment section name '${name}'. Expected lowercase letters, digits and : . _ -`);
    const sections = readSections(body);
    sections.set(name, neutraliseMarkers(markdown).trimEnd());
    return renderComment(sections, footer);
}
/** The whole comment from sections (markers in their text neutralised), in display order. */
function composeSections(sections, footer = '') {
    const safe = new Map();
    for (const [name, markdown] of sections) {
        if (!SECTION_NAME.test(name))
            throw new Error(`Invalid comment section name '${name}'. Expected lowercase letters, digits and : . _ -`);
        safe.set(name, neutraliseMarkers(markdown).trimEnd());
    }
    return renderComment(safe, footer);
}
/**
 * The sticky comment's body after a write, from its body before (undefined: no comment yet). A section write
 * first folds in the sections of duplicates left by an interrupted run that the body lacks; a whole-comment
 * write replaces everything. Both hosts write through this, so a comment means the same on GitHub and locally.
 */
function stickyBody(before, write, duplicates = []) {
    if ('sections' in write)
        return composeSections(write.sections, write.footer);
    let body = before;
    for (const d of duplicates)
        for (const [name, text] of readSections(d))
            if (!readSections(body).has(name))
                body = mergeSection(body, name, text);
    return mergeSection(body, write.section, write.markdown);
}
/** Every section in full with markers neutralised, for the job summary and the report artifact. */
function composeFullReport(sections, footer = '') {
    const safe = new Map([...sections].map(([name, markdown]) => [name, neutraliseMarkers(markdown).trimEnd()]));
    return renderFullReport(safe, footer);
}
/**
 * Renders sections under the marker, capped so the comment stays under GitHub's limit: first the verdict
 * summary composed from the sections' verdict lines (so every writer, the report job or a job writing its own
 * section, leaves the same summary on top), then each section between blank lines. When the sections cannot
 * all fit with a fair share each (many models), the comment becomes a digest: see digestComment.
 */
function renderComment(sections, footer = '', maxChars = MAX_COMMENT_CHARS) {
    const names = [...sections.keys()].sort((a, b) => (order(a) < order(b) ? -1 : 1));
    const notice = names.filter(n => n === NOTICE_SECTION);
    const rest = names.filter(n => n !== NOTICE_SECTION);
    const lines = rest.map(n => (0,_verdict_summary_js__WEBPACK_IMPORTED_MODULE_1__/* .readVerdict */ .wk)(sections.get(n))).filter(l => l !== undefined);
    const summary = (0,_verdict_summary_js__WEBPACK_IMPORTED_MODULE_1__/* .summaryBlock */ .kV)(lines);
    const overhead = STICKY_MARKER.length +
        summary.length +
        footer.length +
        names.reduce((n, s) => n + begin(s).length + end(s).length + 8, 0) +
        64;
    const budget = Math.max(1000, Math.floor((maxChars - overhead) / Math.max(1, names.length)));
    const parts = [STICKY_MARKER];
    const section = (name) => parts.push(begin(name), capText(sections.get(name), budget), end(name));
    notice.forEach(section);
    if (summary)
        parts.push(summary.trimEnd());
    rest.forEach(section);
    if (footer)
        parts.push(footer);
    const body = parts.join('\n\n') + '\n';
    return body.length <= maxChars ? body : digestComment(sections, names, footer, maxChars);
}
/** The whole report, every section in full (for the job summary and the report artifact, not the comment). */
function renderFullReport(sections, footer = '') {
    return renderComment(sections, footer, Number.POSITIVE_INFINITY);
}
/** Characters kept for the sections of a digest, beside its table: at least the validation and a failing model. */
const DIGEST_SECTIONS_CHARS = 20_000;
/** A section shown in a digest gets at least this much room, else it is left to the full report. */
const MIN_SECTION_CHARS = 1_500;
/** A passing model's reason in a digest's table is cut to this; failing and inconclusive ones get more. */
const PASSING_REASON_CHARS = 60;
/** Which sections a digest shows first: validation, then what fails, is inconclusive or waits, then the rest. */
function digestRank(name, line) {
    if (name === 'validate')
        return 0;
    if (!line)
        return 4;
    if (line.state === 'fail' || (line.state === 'pass' && line.blocks))
        return 1;
    return line.state === 'inconclusive' ? 2 : line.state === 'pending' ? 3 : 5;
}
/**
 * The comment when the sections do not all fit: the verdict summary as a table of every model (its verdict,
 * its reason cut to the room there is, and a link to the run), then the full sections of validation and of the
 * failing, inconclusive and waiting models, then passing ones while room is left; a note names the sections
 * left out, which the job summary and the report artifact hold in full.
 */
function digestComment(sections, names, footer, maxChars) {
    const notice = names.filter(n => n === NOTICE_SECTION);
    const verdicts = new Map(names.map(n => [n, (0,_verdict_summary_js__WEBPACK_IMPORTED_MODULE_1__/* .readVerdict */ .wk)(sections.get(n))]));
    const rest = names
        .filter(n => n !== NOTICE_SECTION)
        .sort((a, b) => digestRank(a, verdicts.get(a)) - digestRank(b, verdicts.get(b)) || (a < b ? -1 : 1));
    const lines = rest.map(n => verdicts.get(n)).filter(l => l !== undefined);
    const noticeText = notice.map(n => `${begin(n)}\n\n${capText(sections.get(n), 2000)}\n\n${end(n)}`).join('\n\n');
    const fixed = STICKY_MARKER.length + noticeText.length + footer.length + 600;
    const summary = (0,_verdict_summary_js__WEBPACK_IMPORTED_MODULE_1__/* .summaryBlock */ .kV)(lines, digestTable(Math.max(2000, maxChars - fixed - DIGEST_SECTIONS_CHARS)));
    const parts = [STICKY_MARKER, ...(noticeText ? [noticeText] : []), summary.trimEnd()];
    let room = maxChars - parts.join('\n\n').length - footer.length - 600;
    // Validation and the models that need a look share the room first; passing models get what is left.
    let first = rest.filter(n => digestRank(n, verdicts.get(n)) < 5).length;
    const left = [];
    for (const name of rest) {
        const frame = begin(name).length + end(name).length + 8;
        const text = sections.get(name);
        const share = digestRank(name, verdicts.get(name)) < 5 ? Math.floor(room / Math.max(1, first--)) : room;
        // At least the minimum each, in order, while the room lasts: the first failing models are the ones shown.
        const allowance = Math.min(room, Math.max(share, MIN_SECTION_CHARS + frame));
        const fits = allowance - frame >= Math.min(text.length, MIN_SECTION_CHARS);
        const shown = fits ? capText(text, allowance - frame) : undefined;
        if (shown === undefined) {
            left.push(name);
            continue;
        }
        parts.push(begin(name), shown, end(name));
        room -= shown.length + frame;
    }
    if (left.length) {
        const models = left.map(n => n.replace(/^evaluate:/, ''));
        parts.push(`_${models.length === 1 ? '1 section is' : `${models.length} sections are`} not shown here, to stay under ` +
            `GitHub's comment limit (${models.length === 1 ? 'its' : 'their'} verdict is in the table above): ` +
            'the full report is in the job summary and the report artifact._');
    }
    if (footer)
        parts.push(footer);
    const body = parts.join('\n\n') + '\n';
    // A cut section's closing note may overrun its allowance by a little: then plan again with less room.
    if (body.length > maxChars && maxChars > 10_000)
        return digestComment(sections, names, footer, maxChars - (body.length - maxChars) - 500);
    return body;
}
/**
 * The summary's lines as a table that fits `maxChars`: failing, inconclusive and waiting rows first, each
 * model linked to its run by a reference link (one definition per run), the reason cut to the room a row has.
 * Rows that still do not fit (thousands of long names) are counted in a last row.
 */
function digestTable(maxChars) {
    return listed => {
        const runs = [...new Set(listed.map(({ line }) => line.runUrl).filter(u => u !== undefined))];
        const ref = (url) => (url ? `[run-${runs.indexOf(url) + 1}]` : '');
        const rows = [...listed].sort((a, b) => digestRank(a.line.title === 'Validation' ? 'validate' : 'model', a.line) -
            digestRank(b.line.title === 'Validation' ? 'validate' : 'model', b.line));
        const head = ['| | model | verdict |', '| --- | --- | --- |'];
        const defs = runs.map((u, i) => `[run-${i + 1}]: ${u}`);
        const room = maxChars - [...head, '', ...defs].join('\n').length - 200;
        const cell = ({ line }) => {
            const title = (0,_escape_js__WEBPACK_IMPORTED_MODULE_0__/* .escapeText */ .X1)(line.title, 100);
            return `| ${_verdict_summary_js__WEBPACK_IMPORTED_MODULE_1__/* .STATE_ICON */ .S7[line.state]} | ${line.runUrl ? `[${title}]${ref(line.runUrl)}` : title} |`;
        };
        const bare = rows.reduce((n, r) => n + cell(r).length + 4, 0);
        // A passing row's reason says little more than its icon: the rows that need a look get the longer ones.
        const needLook = rows.filter(r => r.line.state !== 'pass').length;
        const perReason = Math.floor((room - bare) / Math.max(1, rows.length));
        const passing = Math.min(perReason, PASSING_REASON_CHARS);
        const looking = Math.min(300, Math.floor((room - bare - passing * (rows.length - needLook)) / Math.max(1, needLook)));
        const out = [...head];
        let used = 0;
        for (const [i, r] of rows.entries()) {
            const max = r.line.state === 'pass' ? passing : looking;
            const reason = max >= 16 ? tableCellText(`${r.line.reason}${r.where}`, max) : '';
            const row = `${cell(r)} ${reason} |`;
            if (used + row.length + 1 > room) {
                out.push(`| | … ${rows.length - i} more | see the full report |`);
                break;
            }
            out.push(row);
            used += row.length + 1;
        }
        return defs.length ? [...out, '', ...defs] : out;
    };
}
/** Safe markdown made one table cell of at most `max` characters: pipes escaped, no code span left open. */
function tableCellText(markdown, max) {
    let text = markdown.replace(/(^|[^\\])\|/g, '$1\\|');
    if (text.length > max) {
        text = (0,_escape_js__WEBPACK_IMPORTED_MODULE_0__/* .cut */ .Jj)(text, max);
        // A cut inside a code span or link would leave it open: go back to before it.
        if ((text.match(/`/g)?.length ?? 0) % 2)
            text = text.slice(0, text.lastIndexOf('`')) + '…';
        const link = text.lastIndexOf('](');
        if (link > text.lastIndexOf(')'))
            text = text.slice(0, text.lastIndexOf('[', link)) + '…';
        if (/\\…$/.test(text))
            text = text.slice(0, -2) + '…';
    }
    return text;
}
/**
 * Cuts text to a length on a paragraph (else a line) boundary, saying that it was cut; a code fence or a
 * `<details>` block left open by the cut is closed, so the rest of the comment is not swallowed by it.
 */
function capText(text, max) {
    if (text.length <= max)
        return text;
    const note = "_… cut to fit the comment; the full report is in the job summary and the step's report artifact._";
    const room = max - note.length - 40;
    const paragraph = text.lastIndexOf('\n\n', room);
    const cut = paragraph > room / 2 ? paragraph : text.lastIndexOf('\n', room);
    let head = text.slice(0, cut > 0 ? cut : room);
    if ((head.match(/^ {0,3}(```|~~~)/gm)?.length ?? 0) % 2)
        head += '\n```';
    const open = (head.match(/<details[\s>]/g)?.length ?? 0) - (head.match(/<\/details>/g)?.length ?? 0);
    return head + '\n\n' + '</details>\n\n'.repeat(Math.max(0, open)) + note;
}
/** Section content can never forge a marker or close another section; its own leading verdict line is kept. */
function neutraliseMarkers(markdown) {
    const line = (0,_verdict_summary_js__WEBPACK_IMPORTED_MODULE_1__/* .readVerdict */ .wk)(markdown);
    const text = (0,_verdict_summary_js__WEBPACK_IMPORTED_MODULE_1__/* .stripVerdict */ .EW)(markdown).replace(/<!--\s*\/?tunegate:/g, '&lt;!-- tunegate:');
    return line ? (0,_verdict_summary_js__WEBPACK_IMPORTED_MODULE_1__/* .withVerdict */ .m3)(text, line) : text;
}


/***/ }),

/***/ 8134:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   EW: () => (/* binding */ stripVerdict),
/* harmony export */   S7: () => (/* binding */ STATE_ICON),
/* harmony export */   kV: () => (/* binding */ summaryBlock),
/* harmony export */   m3: () => (/* binding */ withVerdict),
/* harmony export */   wk: () => (/* binding */ readVerdict)
/* harmony export */ });
/* unused harmony exports verdictLineSchema, readableTime, outdatedNotice */
/* harmony import */ var zod__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(5491);
/* harmony import */ var _escape_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4031);
/* harmony import */ var _links_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3303);



const STATE_ICON = { pass: '✅', fail: '❌', inconclusive: '⚠️', pending: '⏳' };
// A marker is read back from section files and from the comment itself, so it is untrusted: its reason is one
// line with no comment delimiters, and its links are plain web addresses that cannot break out of `[](…)`.
const webAddress = zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP()
    .max(500)
    .regex(/^https?:\/\/[^\s()<>[\]"'`\\]+$/);
const oneLine = (s) => !/[\r\n\v\f\u0085\u2028\u2029]|<!--|-->/.test(s);
/** One line of the comment's summary: a section's verdict, said in one reason, with the commit it is about. */
const verdictLineSchema = zod__WEBPACK_IMPORTED_MODULE_2__/* .strictObject */ .rej({
    /** The model, or `Validation`. */
    title: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP().max(200),
    state: zod__WEBPACK_IMPORTED_MODULE_2__/* ["enum"] */ .k5n(['pass', 'fail', 'inconclusive', 'pending']),
    /** The deciding reason, already safe markdown (escaped where it holds untrusted text). */
    reason: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP().max(2000).refine(oneLine, 'one line, without comment delimiters'),
    /** Whether this verdict keeps the pull request from merging (an inconclusive one may or may not, by policy). */
    blocks: zod__WEBPACK_IMPORTED_MODULE_2__/* .boolean */ .zMY(),
    /** The commit that was checked, and the repository's web address to link it. */
    commit: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP()
        .regex(/^[0-9a-f]{7,64}$/)
        .optional(),
    repoUrl: webAddress.optional(),
    /** When it was checked (ISO 8601). */
    at: zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP().datetime(),
    /** The workflow run that checked it. */
    runUrl: webAddress.optional(),
    /** Validation's: the models it found affected, each waiting for its own line until it is evaluated. */
    awaits: zod__WEBPACK_IMPORTED_MODULE_2__/* .array */ .YOg(zod__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP().max(100)).max(256).optional()
});
// The largest line the schema allows (256 awaited models of 100 characters, a 2,000-character reason, two
// addresses) is about 30 KB of JSON, 40 KB in base64.
const MARKER = /^<!-- tunegate:verdict ([A-Za-z0-9_-]{1,48000}) -->\n*/;
/** A section's text with its verdict line first, as a hidden marker the comment's summary is composed from. */
function withVerdict(markdown, line) {
    const data = Buffer.from(JSON.stringify(verdictLineSchema.parse(line))).toString('base64url');
    return `<!-- tunegate:verdict ${data} -->\n\n${stripVerdict(markdown)}`;
}
/** A section's text without its verdict marker. */
function stripVerdict(markdown) {
    return markdown.replace(MARKER, '');
}
/** The verdict line a section carries, if it carries a well-formed one. */
function readVerdict(markdown) {
    const m = MARKER.exec(markdown);
    if (!m)
        return undefined;
    try {
        const parsed = verdictLineSchema.safeParse(JSON.parse(Buffer.from(m[1], 'base64url').toString('utf8')));
        return parsed.success ? parsed.data : undefined;
    }
    catch {
        return undefined;
    }
}
/** A time as a reader reads it: `1 Dec 2026, 16:02 UTC`. */
function readableTime(iso) {
    const d = new Date(iso);
    const month = d.toLocaleString('en-GB', { month: 'short', timeZone: 'UTC' });
    const hm = d.toISOString().slice(11, 16);
    return `${d.getUTCDate()} ${month} ${d.getUTCFullYear()}, ${hm} UTC`;
}
/** The notice above the summary when the pull request's head has moved past the checked commit. */
function outdatedNotice({ evaluated, head, repoUrl }) {
    return [
        '> [!WARNING]',
        `> **Outdated:** this report is about ${commitLink({ repoUrl }, evaluated)}; the pull request's head is now ` +
            `${commitLink({ repoUrl }, head)}, and a run for it is in progress.`
    ].join('\n');
}
const bullets = lines => lines.map(({ line: l, where }) => `- ${STATE_ICON[l.state]} **${(0,_escape_js__WEBPACK_IMPORTED_MODULE_0__/* .escapeText */ .X1)(l.title)}** ${l.reason}${where}`);
/**
 * The comment's opening block: the merge verdict, one line per section (validation, then each model) with its
 * deciding reason, the commit that was checked and when. Lines about an older commit than the newest are
 * marked outdated.
 */
function summaryBlock(given, list = bullets) {
    // A comment with no verdict in it (a promotion note on a merged pull request) has nothing to sum up.
    if (!given.length)
        return '';
    // A job writing its own section: models validation found affected but not yet evaluated are still waiting.
    const titles = new Set(given.map(l => l.title));
    const waiting = [...new Set(given.flatMap(l => l.awaits ?? []))].filter(m => !titles.has(m));
    const lines = [
        ...given,
        ...waiting.map(title => ({
            title,
            state: 'pending',
            reason: 'waits: not evaluated yet',
            blocks: true,
            at: given[0].at
        }))
    ];
    const out = [];
    const commits = [...new Set(lines.map(l => l.commit).filter(Boolean))];
    const newest = [...lines].sort((a, b) => (a.at < b.at ? 1 : -1))[0];
    // A line about an earlier commit decides nothing: it waits for the newest commit's run when the newest
    // validation found its model affected (or there is none to say), and is left out when it did not.
    const isStale = (l) => commits.length > 1 && l.commit !== undefined && l.commit !== newest?.commit;
    const validation = lines.find(l => l.awaits && l.commit === newest?.commit);
    const awaited = (l) => !validation || validation.awaits.includes(l.title);
    const current = lines.filter(l => !isStale(l));
    const blocking = current.filter(l => l.blocks || l.state === 'fail');
    const pending = lines.filter(l => l.state === 'pending' || (isStale(l) && awaited(l)));
    const inconclusive = current.filter(l => l.state === 'inconclusive');
    const headline = blocking.some(l => l.state !== 'pending')
        ? `${STATE_ICON.fail} not ready to merge`
        : pending.length
            ? `${STATE_ICON.pending} waiting: ${pending.length} of ${lines.length} not decided yet`
            : inconclusive.length
                ? `${STATE_ICON.inconclusive} ready to merge, with ${inconclusive.length === 1 ? 'an inconclusive model' : `${inconclusive.length} inconclusive models`}`
                : `${STATE_ICON.pass} ready to merge`;
    out.push(`## Tunegate: ${headline}`, '');
    const listed = lines.map(line => {
        const stale = isStale(line);
        const where = commits.length > 1 && line.commit
            ? ` (${(0,_links_js__WEBPACK_IMPORTED_MODULE_1__/* .commitLink */ .wn)(line, line.commit)}, ${readableTime(line.at)}${stale ? ', outdated: an earlier commit' : ''})`
            : '';
        return { line, where };
    });
    out.push(...list(listed));
    out.push('');
    const facts = [];
    if (commits.length === 1 && newest?.commit)
        facts.push(`Checked commit ${(0,_links_js__WEBPACK_IMPORTED_MODULE_1__/* .commitLink */ .wn)(newest, newest.commit)}`);
    if (newest)
        facts.push(readableTime(newest.at));
    if (newest?.runUrl)
        facts.push(`[workflow run](${newest.runUrl})`);
    if (facts.length)
        out.push(facts.join(' · '), '');
    return out.join('\n');
}


/***/ })

};
