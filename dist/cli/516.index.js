export const id = 516;
export const ids = [516];
export const modules = {

/***/ 757:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   qv: () => (/* binding */ toExample)
/* harmony export */ });
/* unused harmony exports MAX_ID_LENGTH, chatOrderProblem */
/** Longest example id: ids name rows in reports, artifacts and records. */
const MAX_ID_LENGTH = 256;
const CHAT_ROLES = new Set(['system', 'user', 'assistant', 'tool']);
const isText = (v) => typeof v === 'string';
const blank = (s) => s.trim().length === 0;
/**
 * A row's text field, or undefined with the problem added. A module function, not a closure in toExample: a
 * closure made per row costs a property definition per row where the sources run with kept names (tsx).
 */
function textField(row, field, format, problems, allowEmpty) {
    const v = row[field];
    if (v === undefined || v === null)
        problems.push(`missing field '${field}' (format ${format})`);
    else if (!isText(v))
        problems.push(`field '${field}' must be a string, got ${kind(v)}`);
    else if (!allowEmpty && blank(v))
        problems.push(`field '${field}' is empty or whitespace only`);
    else
        return v;
    return undefined;
}
/** Checks a row against its declared format and returns the example, or every problem found in it. */
function toExample(row, rules) {
    const problems = [];
    const id = exampleId(row.id, problems);
    const useCase = exampleUseCase(row.use_case, rules, problems);
    const { input, target, label } = formatTexts(row, rules, problems);
    if (problems.length)
        return { ok: false, problems };
    return { ok: true, example: { id, useCase, input, target, label, fields: row } };
}
/** The row's optional id as text; a problem for anything but a non-blank string or finite number. */
function exampleId(value, problems) {
    if (value === undefined)
        return undefined;
    let id;
    if (isText(value) || (typeof value === 'number' && Number.isFinite(value)))
        id = String(value);
    else if (typeof value === 'number')
        problems.push("field 'id' is a number that is not finite; expected a string or a finite number");
    else
        problems.push(`field 'id' must be a string or number, got ${kind(value)}`);
    if (id !== undefined && blank(id))
        problems.push("field 'id' is empty");
    if (id !== undefined && id.length > MAX_ID_LENGTH)
        problems.push(`field 'id' is ${id.length} characters; expected at most ${MAX_ID_LENGTH}`);
    return id;
}
/** The row's optional use case; a problem when it is not one the model declares. */
function exampleUseCase(value, rules, problems) {
    if (value === undefined)
        return undefined;
    if (!isText(value))
        problems.push(`field 'use_case' must be a string, got ${kind(value)}`);
    else if (!rules.useCases.includes(value))
        problems.push(`use_case '${value}' is not one of the model's use_cases (${rules.useCases.join(', ')})`);
    else
        return value;
    return undefined;
}
/** What the model is given and should produce, read from the fields the declared format names. */
function formatTexts(row, rules, problems) {
    let input = '';
    let target = '';
    let label;
    switch (rules.format) {
        case 'chat':
            return chatTexts(row.messages, problems);
        case 'completion':
            input = textField(row, 'prompt', rules.format, problems, false) ?? '';
            target = textField(row, 'completion', rules.format, problems, false) ?? '';
            break;
        case 'instruction': {
            const instruction = textField(row, 'instruction', rules.format, problems, false) ?? '';
            const extra = row.input === undefined ? '' : (textField(row, 'input', rules.format, problems, true) ?? '');
            input = extra ? `${instruction}\n${extra}` : instruction;
            target = textField(row, 'output', rules.format, problems, false) ?? '';
            break;
        }
        case 'classification': {
            input = textField(row, 'text', rules.format, problems, false) ?? '';
            const l = row.label;
            if (l === undefined || l === null)
                problems.push("missing field 'label' (format classification)");
            else if (!isText(l))
                problems.push(`field 'label' must be a string, got ${kind(l)}`);
            else if (rules.labels && !rules.labels.includes(l))
                problems.push(`label '${l}' is not in the declared label set (${rules.labels.join(', ')})`);
            else
                label = l;
            target = label ?? '';
            break;
        }
        case 'fields': {
            const field = rules.target ?? 'target';
            target = textField(row, field, rules.format, problems, false) ?? '';
            input = Object.entries(row)
                .filter(([k]) => k !== field && k !== 'id' && k !== 'use_case')
                .map(([, v]) => (isText(v) ? v : JSON.stringify(v)))
                .join('\n');
            break;
        }
    }
    return { input, target, label };
}
/** A chat row's texts: the final assistant turn is the target, the other non-system turns the input. */
function chatTexts(messages, problems) {
    let input = '';
    let target = '';
    if (!Array.isArray(messages)) {
        problems.push(messages === undefined
            ? "missing field 'messages' (format chat)"
            : `field 'messages' must be an array, got ${kind(messages)}`);
        return { input, target };
    }
    if (messages.length === 0) {
        problems.push("field 'messages' is empty; expected at least a user and an assistant turn");
        return { input, target };
    }
    const roles = [];
    const before = problems.length;
    for (const [i, m] of messages.entries()) {
        if (!m || typeof m !== 'object' || Array.isArray(m)) {
            problems.push(`messages[${i}] must be an object with role and content`);
            continue;
        }
        const { role, content } = m;
        if (!isText(role) || !CHAT_ROLES.has(role))
            problems.push(`messages[${i}].role must be one of system, user, assistant, tool; got ${JSON.stringify(role)}`);
        else
            roles.push(role);
        if (!isText(content))
            problems.push(`messages[${i}].content must be a string, got ${kind(content)}`);
    }
    if (problems.length > before)
        return { input, target };
    const orderProblem = chatOrderProblem(roles);
    if (orderProblem)
        problems.push(orderProblem);
    const last = messages[messages.length - 1];
    if (blank(last.content))
        problems.push('the final assistant turn is empty or whitespace only');
    target = last.content;
    const turns = messages;
    for (let k = 0; k < turns.length - 1; k++) {
        if (turns[k].role === 'system')
            continue;
        input = input ? `${input}\n${turns[k].content}` : turns[k].content;
    }
    return { input, target };
}
/** Why a sequence of chat roles is not a valid conversation, or null. */
function chatOrderProblem(roles) {
    let i = 0;
    if (roles[0] === 'system')
        i = 1;
    // The roles are joined only for a message: this runs on every chat row.
    const order = () => roles.join(' → ');
    if (roles.indexOf('system', i) >= 0)
        return `a system message may only come first; roles were ${order()}`;
    if (roles[i] !== 'user')
        return `the conversation must start with a user turn (after an optional system message); roles were ${order()}`;
    for (let j = i + 1; j < roles.length; j++) {
        const prev = roles[j - 1];
        const cur = roles[j];
        if (cur === prev && cur !== 'tool')
            return `two ${cur} turns in a row at messages[${j}]; expected user and assistant to alternate`;
        if (cur === 'tool' && prev !== 'assistant' && prev !== 'tool')
            return `a tool turn at messages[${j}] must follow an assistant turn`;
    }
    if (roles[roles.length - 1] !== 'assistant')
        return `the conversation must end with an assistant turn (the target); it ends with ${roles[roles.length - 1]}`;
    return null;
}
function kind(v) {
    if (v === null)
        return 'null';
    if (Array.isArray(v))
        return 'an array';
    return typeof v === 'object' ? 'an object' : typeof v;
}


/***/ }),

/***/ 8541:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   To: () => (/* binding */ ensureExternalFiles),
/* harmony export */   Wv: () => (/* binding */ ensureExternalFile)
/* harmony export */ });
/* unused harmony export s3ObjectUrl */
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(1455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var node_http__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(7067);
/* harmony import */ var node_http__WEBPACK_IMPORTED_MODULE_3___default = /*#__PURE__*/__webpack_require__.n(node_http__WEBPACK_IMPORTED_MODULE_3__);
/* harmony import */ var node_https__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(4708);
/* harmony import */ var node_https__WEBPACK_IMPORTED_MODULE_4___default = /*#__PURE__*/__webpack_require__.n(node_https__WEBPACK_IMPORTED_MODULE_4__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_5___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_5__);
/* harmony import */ var node_stream__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(7075);
/* harmony import */ var node_stream__WEBPACK_IMPORTED_MODULE_6___default = /*#__PURE__*/__webpack_require__.n(node_stream__WEBPACK_IMPORTED_MODULE_6__);
/* harmony import */ var node_stream_promises__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(6466);
/* harmony import */ var node_stream_promises__WEBPACK_IMPORTED_MODULE_7___default = /*#__PURE__*/__webpack_require__.n(node_stream_promises__WEBPACK_IMPORTED_MODULE_7__);
/* harmony import */ var aws4fetch__WEBPACK_IMPORTED_MODULE_8__ = __webpack_require__(2580);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_9__ = __webpack_require__(3916);
/* harmony import */ var _registry_digest_js__WEBPACK_IMPORTED_MODULE_10__ = __webpack_require__(5035);
/* harmony import */ var _registry_schema_js__WEBPACK_IMPORTED_MODULE_11__ = __webpack_require__(7908);












const DEFAULTS = {
    connectTimeoutMs: 30_000,
    idleTimeoutMs: 60_000,
    maxRedirects: 5,
    maxBytes: _registry_schema_js__WEBPACK_IMPORTED_MODULE_11__/* .MAX_EXTERNAL_BYTES */ .vD
};
/** Below this a download is quick: no progress lines. */
const PROGRESS_MIN_BYTES = 8 * 2 ** 20;
/** The most of an error response's body read for its message (S3 answers with a short XML document). */
const ERROR_BODY_BYTES = 16 * 1024;
/** Headers that carry credentials: never sent to a host other than the one the URI names. */
const CREDENTIAL_HEADER = /^(authorization|cookie|proxy-authorization|x-amz-.*)$/i;
/** Fetches in flight in this process, by cache path: a second caller waits for the first. */
const inFlight = new Map();
/** Cache files this process has verified, with the size, mtime and inode they had then. */
const verified = new Map();
/**
 * Makes every external file of the list present in the dataset cache, fetched and verified; local files
 * are left alone. Call it before reading a model's data.
 */
async function ensureExternalFiles(files, settings = {}) {
    for (const file of files)
        if (file.external)
            await ensureExternalFile(file.external, file.absolute, settings);
}
/**
 * The external dataset at its cache path, downloaded when missing or when the cached copy's sha256 is not
 * the declared one (checked once per process): streamed to a temporary file in the
 * cache's `.incoming/` folder, its size bounded by the declared `bytes`, its sha256 and size checked,
 * then renamed into place, so the cache never holds a partial or unverified file under a digest's name.
 * Concurrent fetches of one digest (threads or processes) each write their own temporary file; the
 * rename is atomic and both are the same verified bytes.
 */
async function ensureExternalFile(entry, cachePath, settings = {}) {
    const pending = inFlight.get(cachePath);
    if (pending)
        return pending;
    const job = fetchIfMissing(entry, cachePath, settings).finally(() => inFlight.delete(cachePath));
    inFlight.set(cachePath, job);
    return job;
}
async function fetchIfMissing(entry, cachePath, settings) {
    const cached = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.stat)(cachePath).catch(() => undefined);
    // A cache restored between runs (actions/cache) is checked like a download before its first use in a
    // process: what another job saved is not trusted by its name alone.
    const stamp = cached ? `${cached.size}:${cached.mtimeMs}:${cached.ino}` : undefined;
    if (cached?.isFile() && cached.size === entry.bytes) {
        if (verified.get(cachePath) === stamp)
            return;
        if ((await (0,_registry_digest_js__WEBPACK_IMPORTED_MODULE_10__/* .fileDigest */ .hd)(cachePath)) === entry.sha256) {
            verified.set(cachePath, stamp);
            return;
        }
        settings.log?.(`${entry.uri}: the cached copy does not match sha256 ${entry.sha256}; fetching it again`);
    }
    if (cached)
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.rm)(cachePath, { force: true });
    const maxBytes = settings.maxBytes ?? DEFAULTS.maxBytes;
    if (entry.bytes > maxBytes)
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_9__/* .ConfigurationError */ .j1(`${entry.uri}: model.yaml declares ${entry.bytes} bytes; expected at most ${maxBytes} (the download cap)`);
    const incoming = node_path__WEBPACK_IMPORTED_MODULE_5___default().join(node_path__WEBPACK_IMPORTED_MODULE_5___default().dirname(cachePath), '.incoming');
    await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.mkdir)(incoming, { recursive: true });
    const temp = node_path__WEBPACK_IMPORTED_MODULE_5___default().join(incoming, `${node_path__WEBPACK_IMPORTED_MODULE_5___default().basename(cachePath)}.${(0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.randomBytes)(6).toString('hex')}`);
    try {
        const actual = await download(entry, temp, settings);
        if (actual !== entry.sha256)
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_9__/* .ConfigurationError */ .j1(`${entry.uri}: sha256 mismatch: model.yaml declares ${entry.sha256}, the downloaded bytes have ${actual}. ` +
                'The file changed at its source or the digest is wrong; expected the digest `sha256sum` prints for it.');
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.rename)(temp, cachePath);
        const done = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.stat)(cachePath);
        verified.set(cachePath, `${done.size}:${done.mtimeMs}:${done.ino}`);
    }
    finally {
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.rm)(temp, { force: true });
    }
}
/** Streams the entry's bytes to `temp`, bounded in size and time; returns their sha256. */
async function download(entry, temp, settings) {
    const total = settings.totalTimeoutMs ?? 600_000 + Math.ceil(entry.bytes / 2 ** 20) * 1000;
    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(new _errors_js__WEBPACK_IMPORTED_MODULE_9__/* .ConfigurationError */ .j1(`${entry.uri}: download took longer than ${total / 1000} s; gave up`)), total);
    try {
        const first = await requestFor(entry, settings.env ?? process.env);
        const response = await follow(entry, first, settings, abort.signal);
        const length = Number(response.headers['content-length'] ?? NaN);
        if (Number.isFinite(length) && length !== entry.bytes)
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_9__/* .ConfigurationError */ .j1(`${entry.uri}: the server announces ${length} bytes, model.yaml declares ${entry.bytes}; ` +
                'expected the size `wc -c` prints for the file (or the file changed at its source)');
        return await save(entry, response, temp, settings);
    }
    catch (e) {
        if (abort.signal.aborted)
            throw abort.signal.reason;
        throw e instanceof _errors_js__WEBPACK_IMPORTED_MODULE_9__/* .ConfigurationError */ .j1
            ? e
            : new _errors_js__WEBPACK_IMPORTED_MODULE_9__/* .ConfigurationError */ .j1(`${entry.uri}: download failed: ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_9__/* .errorMessage */ .gJ)(e)}`);
    }
    finally {
        clearTimeout(timer);
    }
}
/** Writes the response to `temp` while hashing it; stops as soon as it runs past the declared size. */
async function save(entry, response, temp, settings) {
    const hash = (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)('sha256');
    let received = 0;
    let nextReport = entry.bytes >= PROGRESS_MIN_BYTES ? entry.bytes / 10 : Infinity;
    if (nextReport !== Infinity)
        settings.log?.(`Fetching ${entry.uri} (${mib(entry.bytes)}) to the dataset cache`);
    const meter = new node_stream__WEBPACK_IMPORTED_MODULE_6__.Transform({
        transform(chunk, _encoding, done) {
            received += chunk.length;
            if (received > entry.bytes) {
                done(new _errors_js__WEBPACK_IMPORTED_MODULE_9__/* .ConfigurationError */ .j1(`${entry.uri}: the server sent more than the ${entry.bytes} bytes model.yaml declares; stopped there`));
                return;
            }
            hash.update(chunk);
            if (received >= nextReport) {
                settings.log?.(`  ${entry.uri}: ${mib(received)} of ${mib(entry.bytes)}`);
                nextReport += entry.bytes / 10;
            }
            done(null, chunk);
        }
    });
    await (0,node_stream_promises__WEBPACK_IMPORTED_MODULE_7__.pipeline)(response, meter, (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.createWriteStream)(temp, { flags: 'wx' }));
    if (received !== entry.bytes)
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_9__/* .ConfigurationError */ .j1(`${entry.uri}: the server sent ${received} bytes, model.yaml declares ${entry.bytes}; ` +
            'the download was cut short or the size is wrong');
    return hash.digest('hex');
}
function mib(bytes) {
    return `${(bytes / 2 ** 20).toFixed(1)} MiB`;
}
/** The first request for an entry: the https URI as is, or an S3 GetObject, signed when credentials are set. */
async function requestFor(entry, env) {
    const uri = new URL(entry.uri);
    if (uri.protocol === 'https:')
        return { url: uri, headers: {} };
    const url = s3ObjectUrl(uri, env);
    const accessKeyId = env.AWS_ACCESS_KEY_ID;
    const secretAccessKey = env.AWS_SECRET_ACCESS_KEY;
    // Without credentials the object is read anonymously (a public bucket); with half of them, that is a mistake.
    if (!accessKeyId !== !secretAccessKey)
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_9__/* .ConfigurationError */ .j1(`${entry.uri}: only one of AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY is set; expected both, or neither for a public bucket`);
    if (!accessKeyId || !secretAccessKey)
        return { url, headers: {} };
    const signed = await new aws4fetch__WEBPACK_IMPORTED_MODULE_8__/* .AwsV4Signer */ .s({
        method: 'GET',
        url: url.toString(),
        accessKeyId,
        secretAccessKey,
        sessionToken: env.AWS_SESSION_TOKEN || undefined,
        service: 's3',
        region: s3Region(env)
    }).sign();
    return { url, headers: Object.fromEntries(signed.headers.entries()) };
}
function s3Region(env) {
    return env.AWS_REGION || env.AWS_DEFAULT_REGION || 'us-east-1';
}
/**
 * The GetObject URL of `s3://bucket/key`. A custom endpoint (AWS_ENDPOINT_URL_S3, else AWS_ENDPOINT_URL:
 * MinIO, R2, Ceph…) is addressed path-style, which they all accept; AWS itself virtual-hosted style.
 */
function s3ObjectUrl(uri, env = process.env) {
    const bucket = uri.hostname;
    // Each key segment percent-encoded as S3 expects (RFC 3986 unreserved characters kept).
    const key = decodeURIComponent(uri.pathname.slice(1))
        .split('/')
        .map(s => encodeURIComponent(s).replace(/[!'()*]/g, c => `%${c.charCodeAt(0).toString(16).toUpperCase()}`))
        .join('/');
    const endpoint = env.AWS_ENDPOINT_URL_S3 || env.AWS_ENDPOINT_URL;
    if (endpoint) {
        let base;
        try {
            base = new URL(endpoint);
        }
        catch {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_9__/* .ConfigurationError */ .j1(`AWS_ENDPOINT_URL '${endpoint}' is not a URL; expected e.g. https://minio.example:9000`);
        }
        if (base.protocol !== 'https:' && base.protocol !== 'http:')
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_9__/* .ConfigurationError */ .j1(`AWS_ENDPOINT_URL '${endpoint}': expected an http:// or https:// URL`);
        return new URL(`${base.origin}${base.pathname.replace(/\/$/, '')}/${bucket}/${key}`);
    }
    const region = s3Region(env);
    return bucket.includes('.')
        ? new URL(`https://s3.${region}.amazonaws.com/${bucket}/${key}`)
        : new URL(`https://${bucket}.s3.${region}.amazonaws.com/${key}`);
}
/**
 * Sends the request and follows redirects, at most `maxRedirects`: never from https to http, and the
 * credential headers only to the origin they were made for.
 */
async function follow(entry, first, settings, signal) {
    let current = first;
    const maxRedirects = settings.maxRedirects ?? DEFAULTS.maxRedirects;
    for (let redirects = 0;; redirects++) {
        const response = await send(entry, current, settings, signal);
        const status = response.statusCode ?? 0;
        if (status >= 200 && status < 300) {
            if (status !== 200)
                throw await httpError(entry, response, 'expected 200 with the whole file');
            return response;
        }
        if (![301, 302, 303, 307, 308].includes(status) || !response.headers.location)
            throw await httpError(entry, response);
        response.resume();
        if (redirects >= maxRedirects)
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_9__/* .ConfigurationError */ .j1(`${entry.uri}: more than ${maxRedirects} redirects; gave up`);
        const next = new URL(response.headers.location, current.url);
        if (current.url.protocol === 'https:' && next.protocol !== 'https:')
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_9__/* .ConfigurationError */ .j1(`${entry.uri}: redirected from https to ${next.protocol}//${next.host}; refused (expected https all the way)`);
        if (next.protocol !== 'https:' && next.protocol !== 'http:')
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_9__/* .ConfigurationError */ .j1(`${entry.uri}: redirected to ${next.protocol}//; expected https`);
        const headers = next.origin === first.url.origin
            ? current.headers
            : Object.fromEntries(Object.entries(current.headers).filter(([k]) => !CREDENTIAL_HEADER.test(k)));
        current = { url: next, headers };
    }
}
/** One GET with its connect and idle timeouts; resolves with the response once its headers arrive. */
function send(entry, request, settings, signal) {
    const connectMs = settings.connectTimeoutMs ?? DEFAULTS.connectTimeoutMs;
    const idleMs = settings.idleTimeoutMs ?? DEFAULTS.idleTimeoutMs;
    const where = `${request.url.protocol}//${request.url.host}`;
    return new Promise((resolve, reject) => {
        const options = { method: 'GET', headers: request.headers, signal, timeout: idleMs };
        if (request.url.protocol === 'https:' && settings.ca)
            options.ca = settings.ca;
        const req = (request.url.protocol === 'https:' ? (node_https__WEBPACK_IMPORTED_MODULE_4___default()) : (node_http__WEBPACK_IMPORTED_MODULE_3___default())).request(request.url, options, resolve);
        const connectTimer = setTimeout(() => req.destroy(new _errors_js__WEBPACK_IMPORTED_MODULE_9__/* .ConfigurationError */ .j1(`${entry.uri}: no connection to ${where} within ${connectMs / 1000} s`)), connectMs);
        req.on('socket', socket => {
            const connected = () => clearTimeout(connectTimer);
            if (request.url.protocol === 'https:')
                socket.once('secureConnect', connected);
            else
                socket.once('connect', connected);
            // A reused or already connected socket fires neither event.
            if (!socket.connecting && !socket.pending)
                connected();
        });
        // The socket's idle timer covers both the wait for headers and the silences inside the body.
        let response;
        req.on('timeout', () => {
            const e = new _errors_js__WEBPACK_IMPORTED_MODULE_9__/* .ConfigurationError */ .j1(`${entry.uri}: ${where} sent nothing for ${idleMs / 1000} s; gave up`);
            response?.destroy(e);
            req.destroy(e);
        });
        req.on('error', e => {
            clearTimeout(connectTimer);
            reject(e instanceof _errors_js__WEBPACK_IMPORTED_MODULE_9__/* .ConfigurationError */ .j1 || signal.aborted
                ? e
                : new _errors_js__WEBPACK_IMPORTED_MODULE_9__/* .ConfigurationError */ .j1(`${entry.uri}: cannot fetch from ${where}: ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_9__/* .errorMessage */ .gJ)(e)}`));
        });
        req.on('response', r => {
            response = r;
            clearTimeout(connectTimer);
        });
        req.end();
    });
}
/** A clear error for a response that is not the file: S3's error code and message when it sends one. */
async function httpError(entry, response, expected) {
    const status = response.statusCode ?? 0;
    let body = '';
    try {
        for await (const chunk of response) {
            body += chunk.toString('utf8');
            if (body.length >= ERROR_BODY_BYTES)
                break;
        }
    }
    catch {
        // The status alone still says what went wrong.
    }
    response.destroy();
    const code = /<Code>([^<]{1,100})<\/Code>/.exec(body)?.[1];
    const message = /<Message>([^<]{1,300})<\/Message>/.exec(body)?.[1];
    const detail = [code, message].filter(Boolean).join(': ');
    const said = `HTTP ${status}${detail ? ` (${detail})` : ''}`;
    const s3 = entry.uri.startsWith('s3:');
    let hint = expected ?? 'expected 200 with the file';
    if (status === 403 && s3)
        hint =
            'access denied: check AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY (and AWS_SESSION_TOKEN) in the environment, ' +
                'the bucket policy, and AWS_REGION / AWS_ENDPOINT_URL';
    else if (status === 401 || status === 403)
        hint = 'access denied; expected a URL readable without credentials';
    else if (status === 404)
        hint = 'no such file; expected the URI of an existing file';
    return new _errors_js__WEBPACK_IMPORTED_MODULE_9__/* .ConfigurationError */ .j1(`${entry.uri}: ${said}; ${hint}`);
}


/***/ }),

/***/ 9611:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $l: () => (/* binding */ hash53),
/* harmony export */   af: () => (/* binding */ normaliseText),
/* harmony export */   xn: () => (/* binding */ HashIndex),
/* harmony export */   yP: () => (/* binding */ combine53)
/* harmony export */ });
/**
 * cyrb53: a fast, well-distributed 53-bit string hash (public domain, bryc). 53 bits fit a JS number
 * exactly, so hashes are Set and typed-array keys without BigInt.
 */
function hash53(text, seed = 0) {
    let h1 = 0xdeadbeef ^ seed;
    let h2 = 0x41c6ce57 ^ seed;
    for (let i = 0; i < text.length; i++) {
        const ch = text.charCodeAt(i);
        h1 = Math.imul(h1 ^ ch, 2654435761);
        h2 = Math.imul(h2 ^ ch, 1597334677);
    }
    h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
    h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
    return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}
/** A 53-bit hash of an ordered pair of 53-bit hashes. */
function combine53(a, b) {
    const alo = a >>> 0;
    const ahi = (a / 4294967296) >>> 0;
    const blo = b >>> 0;
    const bhi = (b / 4294967296) >>> 0;
    let h1 = Math.imul(alo ^ Math.imul(bhi, 0x85ebca6b), 2654435761) ^ Math.imul(blo, 0x27d4eb2f);
    let h2 = Math.imul(ahi ^ Math.imul(blo, 0xc2b2ae35), 1597334677) ^ Math.imul(bhi, 0x165667b1);
    h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
    h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
    return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}
/**
 * A map from 53-bit hashes (non-negative) to 32-bit integers: open addressing with linear probing in
 * one Float64Array of [key + 1, value] pairs (0: a free slot, so a new table needs no filling), so a
 * probe touches one cache line. A million entries take 32 MB here against well over 80 MB in a Map;
 * hand-written for that reason.
 */
class HashIndex {
    slots;
    count = 0;
    constructor(capacity = 1 << 16) {
        this.slots = HashIndex.table(capacity);
    }
    static table(capacity) {
        const size = 1 << Math.ceil(Math.log2(Math.max(16, capacity * 2)));
        return new Float64Array(size * 2);
    }
    get size() {
        return this.count;
    }
    /** Makes room for `capacity` entries at once, instead of doubling step by step as they come. */
    reserve(capacity) {
        if (capacity * 2 > this.slots.length / 2)
            this.rehash(HashIndex.table(capacity));
    }
    /** The value stored for a key, or -1. */
    get(key) {
        const slots = this.slots;
        const mask = (slots.length >> 1) - 1;
        const stored = key + 1;
        for (let i = (key >>> 0) & mask;; i = (i + 1) & mask) {
            const k = slots[2 * i];
            if (k === stored)
                return slots[2 * i + 1];
            if (k === 0)
                return -1;
        }
    }
    /** Stores a value unless the key is present; returns the value already there, or -1 when inserted. */
    setIfAbsent(key, value) {
        if ((this.count + 1) * 2 > this.slots.length >> 1)
            this.rehash(HashIndex.table(this.count * 2 + 2));
        const slots = this.slots;
        const mask = (slots.length >> 1) - 1;
        const stored = key + 1;
        for (let i = (key >>> 0) & mask;; i = (i + 1) & mask) {
            const k = slots[2 * i];
            if (k === 0) {
                slots[2 * i] = stored;
                slots[2 * i + 1] = value;
                this.count++;
                return -1;
            }
            if (k === stored)
                return slots[2 * i + 1];
        }
    }
    rehash(bigger) {
        const old = this.slots;
        this.slots = bigger;
        this.count = 0;
        for (let i = 0; i < old.length; i += 2)
            if (old[i] !== 0)
                this.setIfAbsent(old[i] - 1, old[i + 1]);
    }
}
/** Text as compared for duplicates and leakage: Unicode NFKC, lower case, whitespace collapsed. */
function normaliseText(text) {
    return text.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
}


/***/ }),

/***/ 3492:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   EU: () => (/* reexport safe */ _text_scan_js__WEBPACK_IMPORTED_MODULE_0__.EU)
/* harmony export */ });
/* unused harmony exports signature, estimatedJaccard */
/* harmony import */ var _text_scan_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(5879);
/**
 * Near-duplicate detection by MinHash with one-permutation hashing (Li, Owen & Zhang 2012) and
 * banded LSH. Shingles are word 3-grams of the normalised text (the whole text when shorter).
 *
 * K = 32 bins, in B = 8 bands of R = 4 rows: a pair with Jaccard similarity s becomes a candidate with
 * probability 1 - (1 - s^4)^8 — 0.985 at s = 0.8, 0.44 at s = 0.5. Candidates are then kept only when
 * their estimated Jaccard similarity (the share of equal bins) reaches the threshold
 * (policy.near_duplicate_jaccard, 0.8 by default).
 *
 * The hashing itself is written once, in the text scanner (text-scan.ts): signature() and bandKey() here
 * run that same code on a normalised text, as the fused TextScanner does on raw text.
 */


/** The MinHash signature of a normalised text (normaliseText in hash-index.ts), or null when it is empty. */
function signature(normalised) {
    return signatureOfNormalised(normalised);
}
/** Estimated Jaccard similarity of two signatures: the share of equal bins. */
function estimatedJaccard(a, b) {
    let same = 0;
    for (let i = 0; i < MINHASH_BINS; i++)
        if (a[i] === b[i])
            same++;
    return same / MINHASH_BINS;
}


/***/ }),

/***/ 1902:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $F: () => (/* binding */ PII_NUMERIC_SEEN),
/* harmony export */   IF: () => (/* binding */ findPii),
/* harmony export */   p: () => (/* binding */ PII_NUMERIC),
/* harmony export */   uW: () => (/* binding */ PII_ANY)
/* harmony export */ });
/* unused harmony exports NUMERIC_HINT, luhnValid, ibanValid, PII_EMAIL, PII_SECRET */
// Three families of patterns, each run only when a cheap hint says it can match: emails need an '@',
// secrets a known prefix, and the numeric identifiers (cards, IBANs, national ids, phones) a run of six
// or more digits. Checks that need arithmetic (Luhn for cards, mod 97 for IBANs) run on matches only.
const EMAIL = /\b[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9.-]{1,253}\.[A-Za-z]{2,24}\b/g;
const SECRET_HINT = /AKIA|gh[pousr]_|github_pat_|xox[abprs]-|sk-|sk_live_|AIza|-----BEGIN/;
const SECRET = /\b(?:AKIA[0-9A-Z]{16}|gh[pousr]_[A-Za-z0-9]{36,255}|github_pat_[A-Za-z0-9_]{60,}|xox[abprs]-[A-Za-z0-9-]{10,}|sk-(?:proj-)?[A-Za-z0-9_-]{20,}|AIza[0-9A-Za-z_-]{35}|sk_live_[0-9a-zA-Z]{24,})\b|-----BEGIN (?:RSA |EC |OPENSSH |DSA |PGP )?PRIVATE KEY-----/g;
const NUMERIC = new RegExp([
    String.raw `(?<iban>\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?\b)`,
    String.raw `(?<card>\b(?:\d[ -]?){12,18}\d\b)`,
    String.raw `(?<ssn>\b(?!000|666|9\d\d)\d{3}-(?!00)\d{2}-(?!0000)\d{4}\b)`,
    String.raw `(?<nino>\b(?![DFIQUV])[A-Z](?![DFIQUVO])[A-Z] ?\d{2} ?\d{2} ?\d{2} ?[A-D]\b)`,
    String.raw `(?<phone>(?:\+\d{1,3}[ .-]?(?:\(\d{1,4}\)[ .-]?)?\d{2,4}(?:[ .-]?\d{2,4}){2,4}|\(\d{3}\) ?\d{3}-\d{4}|\b0\d{2,4}[ -]\d{3,4}[ -]\d{3,4}\b))`
].join('|'), 'g');
const NONE = [];
// Every numeric identifier has six digits joined by at most single separators somewhere in it.
const NUMERIC_HINT = /\d(?:[ .()-]?\d){5}/;
/** Luhn checksum, as payment card numbers carry. */
function luhnValid(digits) {
    let sum = 0;
    let double = false;
    for (let i = digits.length - 1; i >= 0; i--) {
        let d = digits.charCodeAt(i) - 48;
        if (double) {
            d *= 2;
            if (d > 9)
                d -= 9;
        }
        sum += d;
        double = !double;
    }
    return sum % 10 === 0;
}
/** ISO 13616 IBAN check: move the country and check digits to the end, letters to numbers, mod 97 = 1. */
function ibanValid(iban) {
    const s = iban.replace(/ /g, '');
    if (s.length < 15 || s.length > 34)
        return false;
    const moved = s.slice(4) + s.slice(0, 4);
    let rem = 0;
    for (const ch of moved) {
        const code = ch.charCodeAt(0);
        const value = code >= 65 ? code - 55 : code - 48;
        rem = value >= 10 ? (rem * 100 + value) % 97 : (rem * 10 + value) % 97;
    }
    return rem === 1;
}
function mask(s) {
    if (s.length <= 6)
        return '*'.repeat(s.length);
    return `${s.slice(0, 2)}${'*'.repeat(Math.min(12, s.length - 4))}${s.slice(-2)}`;
}
/**
 * The matches of a global pattern, as String.prototype.matchAll gives them, without the copy of the
 * pattern that matchAll makes on every call (the numeric pattern is large, and this runs per row).
 */
function* matches(pattern, text) {
    pattern.lastIndex = 0;
    for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
        if (m[0] === '')
            pattern.lastIndex++;
        yield m;
    }
    pattern.lastIndex = 0;
}
/** Which pattern families a text can match: bits of PII_EMAIL, PII_NUMERIC and PII_SECRET. */
const PII_EMAIL = 1;
const PII_NUMERIC = 2;
/** A possible secret prefix: the SECRET_HINT test still runs. */
const PII_SECRET = 4;
const PII_ANY = PII_EMAIL | PII_NUMERIC | PII_SECRET;
/** With PII_NUMERIC: the caller's pass saw what NUMERIC_HINT matches, so its test need not run again. */
const PII_NUMERIC_SEEN = 8;
/**
 * Personal data and secrets in a text. Cards must pass Luhn and IBANs their checksum. `families`
 * (default all) skips the families a caller has already ruled out in its own pass over the text.
 */
function findPii(text, families = PII_ANY) {
    const hasAt = (families & PII_EMAIL) !== 0 && text.includes('@');
    const numeric = (families & PII_NUMERIC) !== 0 && ((families & PII_NUMERIC_SEEN) !== 0 || NUMERIC_HINT.test(text));
    const secret = (families & PII_SECRET) !== 0 && SECRET_HINT.test(text);
    if (!hasAt && !numeric && !secret)
        return NONE;
    const found = [];
    if (hasAt)
        for (const m of matches(EMAIL, text))
            found.push({ kind: 'email', masked: mask(m[0]) });
    if (secret)
        for (const m of matches(SECRET, text))
            found.push({ kind: 'secret', masked: mask(m[0]) });
    if (!numeric)
        return found;
    for (const m of matches(NUMERIC, text)) {
        const g = m.groups;
        if (g.iban) {
            if (ibanValid(g.iban))
                found.push({ kind: 'iban', masked: mask(g.iban) });
        }
        else if (g.card) {
            const digits = g.card.replace(/[ -]/g, '');
            if (digits.length >= 13 && digits.length <= 19 && luhnValid(digits))
                found.push({ kind: 'payment-card', masked: mask(digits) });
        }
        else if (g.ssn || g.nino)
            found.push({ kind: 'national-id', masked: mask((g.ssn ?? g.nino)) });
        else if (g.phone) {
            const digits = g.phone.replace(/\D/g, '');
            if (digits.length >= 9 && digits.length <= 15)
                found.push({ kind: 'phone', masked: mask(g.phone) });
        }
    }
    return found;
}


/***/ }),

/***/ 6207:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  h_: () => (/* binding */ fileKind),
  Xd: () => (/* binding */ readRowBatches),
  aK: () => (/* binding */ readRows)
});

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: external "node:buffer"
var external_node_buffer_ = __webpack_require__(4573);
// EXTERNAL MODULE: ./src/registry/source-text.ts
var source_text = __webpack_require__(7836);
// EXTERNAL MODULE: ./src/data/text-scan.ts
var text_scan = __webpack_require__(5879);
;// CONCATENATED MODULE: ./src/data/line-reader.ts




const BOM = [0xef, 0xbb, 0xbf];
/** Bytes of complete lines decoded into one string (see readLineBatches). */
const DECODE_BYTES = 48 * 1024;
/**
 * The lines of one chunk of a file. The chunk is decoded once, as one string; a line's event is made
 * only when iteration reaches it, so a consumer that handles each line at once keeps nothing alive
 * from one line to the next (which keeps the garbage collector's work small on large files).
 */
class LineBatch {
    parts;
    constructor(parts) {
        this.parts = parts;
    }
    *[Symbol.iterator]() {
        for (const part of this.parts) {
            if (!('text' in part && 'firstLine' in part)) {
                yield part;
                continue;
            }
            const { text, max, marks } = part;
            let line = part.firstLine;
            for (let pos = 0, k = 0; pos < text.length; line++, k++) {
                const nl = text.indexOf('\n', pos);
                let endOfLine = nl;
                if (endOfLine > pos && text.charCodeAt(endOfLine - 1) === 13)
                    endOfLine--;
                const lineText = text.slice(pos, endOfLine);
                pos = nl + 1;
                // A UTF-16 unit is at most 3 UTF-8 bytes (and a CR one more): only long lines need their bytes counted.
                const bytes = lineText.length * 3 + 1 <= max ? 0 : Buffer.byteLength(lineText) + (endOfLine < nl ? 1 : 0);
                if (bytes > max)
                    yield tooLong(line, bytes, max);
                else
                    yield marks
                        ? { kind: 'line', line, text: lineText, keyMarks: marks[k] }
                        : { kind: 'line', line, text: lineText };
            }
        }
    }
}
/**
 * Cuts a stream of chunks into lines, keeping state across chunks: the line begun in one chunk and ended in a
 * later one (its parts kept in a list, copied once when it ends), or the one being skipped past the cap.
 */
class LineSplitter {
    max;
    keyMarks;
    carry = [];
    carryBytes = 0;
    skipping = false;
    skippedBytes = 0;
    /** The number of the next line to end. */
    lineNo = 1;
    constructor(max, keyMarks = false) {
        this.max = max;
        this.keyMarks = keyMarks;
    }
    /** The lines a chunk completes, as decoded runs of whole lines and single line events. */
    split(buf) {
        const parts = [];
        let start = 0;
        // The line begun in an earlier chunk ends here (or goes on).
        if (this.skipping || this.carryBytes) {
            const nl = buf.indexOf(10);
            if (nl < 0) {
                this.keep(buf);
                return parts;
            }
            parts.push(this.endCarried(buf.subarray(0, nl)));
            start = nl + 1;
        }
        const last = buf.lastIndexOf(10);
        if (last >= start) {
            this.completeLines(buf.subarray(start, last + 1), parts);
            start = last + 1;
        }
        this.keep(buf.subarray(start));
        return parts;
    }
    /** The unfinished last line, at the end of the input. */
    finish() {
        if (this.skipping)
            return tooLong(this.lineNo, this.skippedBytes, this.max);
        if (this.carryBytes)
            return decodeLine(Buffer.concat(this.carry, this.carryBytes), this.lineNo);
        return undefined;
    }
    /** Lines in the input: the unfinished last one counts. */
    get lines() {
        return this.skipping || this.carryBytes ? this.lineNo : this.lineNo - 1;
    }
    /** Ends the carried (or skipped) line with `tail`, the bytes before its newline. */
    endCarried(tail) {
        let event;
        if (this.skipping)
            event = tooLong(this.lineNo, this.skippedBytes + tail.length, this.max);
        else {
            const size = this.carryBytes + tail.length;
            event =
                size > this.max
                    ? tooLong(this.lineNo, size, this.max)
                    : decodeLine(Buffer.concat([...this.carry, tail], size), this.lineNo);
        }
        this.skipping = false;
        this.skippedBytes = 0;
        this.carry = [];
        this.carryBytes = 0;
        this.lineNo++;
        return event;
    }
    /** A run of complete lines: decoded at once when valid UTF-8, line by line to locate an error. */
    completeLines(run, parts) {
        const max = this.max;
        // ASCII (the common case) decodes as Latin-1 to the same text, at about twice the speed.
        const ascii = (0,external_node_buffer_.isAscii)(run);
        if (ascii || (0,external_node_buffer_.isUtf8)(run)) {
            // Decoded in pieces of about DECODE_BYTES (whole lines): a string that small is born in the young
            // generation and dies there, where a larger one gets pages of its own, mapped and unmapped
            // each time (measured: 130,000 page faults, ~0.5 s, on a 550 MB file).
            for (let from = 0; from < run.length;) {
                const to = from + DECODE_BYTES >= run.length ? run.length : run.indexOf(10, from + DECODE_BYTES) + 1;
                const piece = run.subarray(from, to);
                const firstLine = this.lineNo;
                const marks = this.keyMarks ? (0,text_scan/* keyMarksPerLine */.Tw)(piece, true) : undefined;
                if (marks)
                    this.lineNo += marks.length;
                else
                    for (let i = piece.indexOf(10); i >= 0; i = piece.indexOf(10, i + 1))
                        this.lineNo++;
                parts.push({ text: piece.toString(ascii ? 'latin1' : 'utf8'), firstLine, max, marks });
                from = to;
            }
            return;
        }
        for (let i = 0; i < run.length;) {
            const nl = run.indexOf(10, i);
            const piece = run.subarray(i, nl);
            parts.push(piece.length > max ? tooLong(this.lineNo, piece.length, max) : decodeLine(piece, this.lineNo));
            this.lineNo++;
            i = nl + 1;
        }
    }
    /** Bytes of a line that goes on into the next chunk: kept, or counted once past the cap. */
    keep(rest) {
        if (!rest.length)
            return;
        if (this.skipping) {
            this.skippedBytes += rest.length;
            return;
        }
        const size = this.carryBytes + rest.length;
        if (size > this.max) {
            // Past the cap: stop keeping the line, count it, and report it when its end arrives.
            this.skipping = true;
            this.skippedBytes = size;
            this.carry = [];
            this.carryBytes = 0;
            return;
        }
        // A copy: the read buffer is reused for a later chunk.
        this.carry.push(Buffer.from(rest));
        this.carryBytes = size;
    }
}
/**
 * Streams the lines of a file with bounded memory: a line over the cap is reported and skipped
 * (never buffered whole), a UTF-8 error names its line and column, a BOM and CRLF endings are accepted.
 * Hand-written rather than readline: readline has no line cap and decodes invalid bytes to U+FFFD silently.
 * Lines come in batches, one per chunk read, so a line costs no async step of its own; a chunk of valid
 * UTF-8 is checked and decoded in one call each.
 */
async function* readLineBatches(path, options) {
    const handle = await (0,promises_.open)(path, 'r');
    // At least 3 bytes, so the first chunk holds a whole BOM. 512 KiB by default: Node decodes a buffer of
    // about 1 MB or more to an external string, whose memory the garbage collector frees late; below that,
    // a chunk's text is an ordinary heap string (measured: 60 MB less memory on a worker thread).
    const chunkBytes = Math.max(3, options.chunkBytes ?? 1 << 19);
    let position = options.start ?? 0;
    const end = options.end ?? Infinity;
    const lines = new LineSplitter(options.maxLineBytes, options.keyMarks);
    let readTotal = 0;
    let first = position === 0;
    let pending;
    let buffers = [];
    try {
        // Two buffers: the next read runs in the background while the current chunk's lines are processed.
        buffers = [takeBuffer(chunkBytes), takeBuffer(chunkBytes)];
        let which = 0;
        const next = (buffer) => {
            const length = Math.max(0, Math.min(chunkBytes, end - position));
            const read = length === 0 ? Promise.resolve({ bytesRead: 0 }) : handle.read(buffer, 0, length, position);
            position += length;
            return read;
        };
        pending = next(buffers[0]);
        for (;;) {
            const { bytesRead } = await pending;
            if (bytesRead === 0)
                break;
            const chunk = buffers[which];
            which ^= 1;
            pending = next(buffers[which]);
            readTotal += bytesRead;
            options.onProgress?.(readTotal);
            let buf = chunk.subarray(0, bytesRead);
            if (first) {
                first = false;
                if (buf.length >= 3 && buf[0] === BOM[0] && buf[1] === BOM[1] && buf[2] === BOM[2])
                    buf = buf.subarray(3);
            }
            const parts = lines.split(buf);
            if (parts.length)
                yield new LineBatch(parts);
        }
        const last = lines.finish();
        if (last)
            yield new LineBatch([last]);
        options.onEnd?.(lines.lines);
    }
    finally {
        // A consumer that stops early leaves a read in flight; let it land before closing the file.
        await pending?.catch(() => undefined);
        await handle.close();
        for (const b of buffers)
            spareBuffers.push(b);
    }
}
/**
 * Read buffers kept for the next file or range. A worker thread checks dozens of ranges; fresh
 * buffers for each are off-heap memory that the garbage collector frees late (it counts a small heap,
 * not these), which cost a worker tens of megabytes.
 */
const spareBuffers = [];
function takeBuffer(bytes) {
    const i = spareBuffers.findIndex(b => b.length === bytes);
    if (i >= 0)
        return spareBuffers.splice(i, 1)[0];
    if (spareBuffers.length > 8)
        spareBuffers.length = 0;
    return Buffer.allocUnsafe(bytes);
}
function tooLong(line, bytes, max) {
    return {
        kind: 'error',
        line,
        column: 1,
        message: `line is ${bytes} bytes; expected at most ${max} bytes per line (policy.max_line_bytes in registry.yaml)`
    };
}
function decodeLine(bytes, line) {
    const end = bytes.length && bytes[bytes.length - 1] === 13 ? bytes.length - 1 : bytes.length;
    const body = bytes.subarray(0, end);
    if (!(0,external_node_buffer_.isUtf8)(body)) {
        const offset = (0,source_text/* firstInvalidUtf8Offset */.Gq)(body);
        const { column } = (0,source_text/* bytePosition */.g9)(body, Math.max(0, offset));
        return {
            kind: 'error',
            line,
            column,
            message: `invalid UTF-8 byte 0x${(body[offset] ?? 0).toString(16).padStart(2, '0')} at column ${column}; expected UTF-8 text`
        };
    }
    return { kind: 'line', line, text: body.toString('utf8') };
}

;// CONCATENATED MODULE: ./src/data/json-line.ts
/** Rows nested deeper than this are refused: every later step walks rows recursively. */
const MAX_NESTING = 512;
const TOO_DEEP = -2;
/** A quote, JSON whitespace, then a colon: a key written as `"a" : 1`, which makes no `":` pair. */
const KEY_GAP = /"[ \t\r\n]+:/;
/**
 * Parses one JSON line and refuses what JSON.parse lets through: duplicate keys (the last one would
 * silently win) and prototype keys. The slow exact scan runs only when a quick count cannot rule
 * duplicates out, so clean data pays little for it. `keyMarks`, when the caller has it, is that count
 * (the '":' pairs in the text: the line reader counts them on the bytes, in one pass per run of lines), or
 * KEY_GAP_MARK where whitespace separates a quote from a colon (see keyMarksPerLine).
 */
function parseJsonLine(text, keyMarks) {
    let value;
    try {
        value = JSON.parse(text);
    }
    catch (e) {
        const message = e instanceof Error ? e.message : String(e);
        const m = /position (\d+)/.exec(message);
        const offset = m ? Number(m[1]) : jsonErrorOffset(text);
        const reason = message
            .replace(/ in JSON at position \d+.*$/s, '')
            .replace(/, ".*" is not valid JSON$/s, '')
            .replace(/^Unexpected/, 'unexpected');
        return { ok: false, column: offset + 1, message: `invalid JSON: ${reason} at column ${offset + 1}` };
    }
    const keys = value !== null && typeof value === 'object' ? countKeys(value, 0) : 0;
    if (keys === TOO_DEEP)
        return {
            ok: false,
            column: 1,
            message: `the row nests more than ${MAX_NESTING} levels deep; expected a flat example`
        };
    if (keys < 0)
        return {
            ok: false,
            column: 1,
            message: "a key '__proto__', 'constructor' or 'prototype' is not allowed in a row; rename it"
        };
    // Every key is a string followed by a colon. Without whitespace between a quote and a colon, every key in
    // the text makes one '":' pair, so pairs = keys in the text + pairs inside values ≥ the keys JSON.parse
    // kept, equal only when no key repeats. With such a gap (it hides a key's pair, and could offset a repeated
    // key) or a different count, scan exactly.
    // keyMarks from the line reader is KEY_GAP_MARK (never a count) where such a gap is in the line.
    const exact = keyMarks === undefined ? keyMarkCount(text) !== keys || KEY_GAP.test(text) : keyMarks !== keys;
    if (keys > 0 && exact) {
        const dup = findDuplicateKey(text);
        if (dup)
            return {
                ok: false,
                column: dup.column,
                message: `duplicate key '${dup.key}'; expected each key once per object (JSON.parse would keep only the last)`
            };
    }
    // A lone surrogate can only come from a \u escape (the text itself is strict UTF-8).
    if (text.includes('\\u')) {
        const at = loneSurrogateOffset(text);
        if (at >= 0)
            return {
                ok: false,
                column: at + 1,
                message: `lone surrogate '${text.slice(at, at + 6)}' at column ${at + 1}; expected well-formed Unicode text (strict UTF-8)`
            };
    }
    return { ok: true, value };
}
/**
 * Offset of the first \u escape of a surrogate that is not half of a pair, or -1. Hand-written: JSON.parse
 * accepts them silently and String.prototype.isWellFormed does not say where.
 */
function loneSurrogateOffset(text) {
    const hex = (i) => {
        if (text.charCodeAt(i) !== 92 || text.charCodeAt(i + 1) !== 117)
            return -1;
        const v = Number.parseInt(text.slice(i + 2, i + 6), 16);
        return Number.isNaN(v) ? -1 : v;
    };
    for (let i = text.indexOf('\\'); i >= 0 && i < text.length; i = text.indexOf('\\', i)) {
        if (text.charCodeAt(i + 1) !== 117) {
            i += 2; // any other escape, \\ included
            continue;
        }
        const v = hex(i);
        if (v >= 0xd800 && v <= 0xdbff) {
            const low = hex(i + 6);
            if (low < 0xdc00 || low > 0xdfff)
                return i;
            i += 12;
        }
        else if (v >= 0xdc00 && v <= 0xdfff)
            return i;
        else
            i += 6;
    }
    return -1;
}
/** Total keys in all objects of a value; -1 when a forbidden key is present, TOO_DEEP past MAX_NESTING. */
function countKeys(value, depth) {
    if (depth >= MAX_NESTING)
        return TOO_DEEP;
    let n = 0;
    if (Array.isArray(value)) {
        for (let i = 0; i < value.length; i++) {
            const v = value[i];
            if (v === null || typeof v !== 'object')
                continue;
            const k = countKeys(v, depth + 1);
            if (k < 0)
                return k;
            n += k;
        }
        return n;
    }
    // JSON.parse makes "__proto__" an own property; for-in sees it (and walks without allocating a key list).
    for (const key in value) {
        if (key === '__proto__' || key === 'constructor' || key === 'prototype')
            return -1;
        n++;
        const v = value[key];
        if (v === null || typeof v !== 'object')
            continue;
        const k = countKeys(v, depth + 1);
        if (k < 0)
            return k;
        n += k;
    }
    return n;
}
function keyMarkCount(text) {
    let n = 0;
    for (let i = text.indexOf('":'); i >= 0; i = text.indexOf('":', i + 2))
        n++;
    return n;
}
/** Exact scan of a valid JSON text for a key repeated within one object. */
function findDuplicateKey(text) {
    const stack = [];
    let i = 0;
    const n = text.length;
    while (i < n) {
        const c = text.charCodeAt(i);
        if (c === 34) {
            const start = i;
            i++;
            while (i < n) {
                const d = text.charCodeAt(i);
                if (d === 92)
                    i += 2;
                else if (d === 34)
                    break;
                else
                    i++;
            }
            const end = i;
            i++;
            let j = i;
            while (j < n && (text.charCodeAt(j) === 32 || text.charCodeAt(j) === 9))
                j++;
            const top = stack[stack.length - 1];
            if (top && text.charCodeAt(j) === 58) {
                const key = JSON.parse(text.slice(start, end + 1));
                if (top.has(key))
                    return { key, column: start + 1 };
                top.add(key);
            }
            continue;
        }
        if (c === 123)
            stack.push(new Set());
        else if (c === 91)
            stack.push(null);
        else if (c === 125 || c === 93)
            stack.pop();
        i++;
    }
    return null;
}
/**
 * Offset of the first syntax error in a JSON text. Runs only after JSON.parse failed, because some
 * Node versions' messages carry no position; a small recursive-descent scan, no values built.
 */
function jsonErrorOffset(text) {
    let i = 0;
    const ws = () => {
        while (i < text.length && ' \t\n\r'.includes(text[i]))
            i++;
    };
    const fail = () => {
        throw i;
    };
    const literal = (word) => {
        if (text.startsWith(word, i))
            i += word.length;
        else
            fail();
    };
    const string = () => {
        i++;
        while (i < text.length) {
            const c = text.charCodeAt(i);
            if (c === 34) {
                i++;
                return;
            }
            if (c < 32)
                fail();
            if (c === 92) {
                const e = text[i + 1];
                if (e === 'u') {
                    if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) {
                        i += 2;
                        fail();
                    }
                    i += 6;
                }
                else if (e !== undefined && '"\\/bfnrt'.includes(e))
                    i += 2;
                else {
                    i++;
                    fail();
                }
            }
            else
                i++;
        }
        fail();
    };
    const number = () => {
        const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i));
        if (!m || m[0] === '' || m[0] === '-')
            fail();
        i += m[0].length;
    };
    const value = () => {
        ws();
        const c = text[i];
        if (c === '{') {
            i++;
            ws();
            if (text[i] === '}') {
                i++;
                return;
            }
            for (;;) {
                ws();
                if (text[i] !== '"')
                    fail();
                string();
                ws();
                if (text[i] !== ':')
                    fail();
                i++;
                value();
                ws();
                if (text[i] === ',')
                    i++;
                else if (text[i] === '}') {
                    i++;
                    return;
                }
                else
                    fail();
            }
        }
        else if (c === '[') {
            i++;
            ws();
            if (text[i] === ']') {
                i++;
                return;
            }
            for (;;) {
                value();
                ws();
                if (text[i] === ',')
                    i++;
                else if (text[i] === ']') {
                    i++;
                    return;
                }
                else
                    fail();
            }
        }
        else if (c === '"')
            string();
        else if (c === 't')
            literal('true');
        else if (c === 'f')
            literal('false');
        else if (c === 'n')
            literal('null');
        else if (c === '-' || (c !== undefined && c >= '0' && c <= '9'))
            number();
        else
            fail();
    };
    try {
        value();
        ws();
        if (i < text.length)
            fail();
        return 0;
    }
    catch (at) {
        return typeof at === 'number' ? Math.min(at, text.length) : 0;
    }
}

// EXTERNAL MODULE: ./src/registry/lfs.ts
var lfs = __webpack_require__(9676);
;// CONCATENATED MODULE: ./src/data/readers.ts





/** The file kind by extension; anything else is refused by the caller. */
function fileKind(path) {
    const lower = path.toLowerCase();
    if (lower.endsWith('.jsonl') || lower.endsWith('.ndjson'))
        return 'jsonl';
    if (lower.endsWith('.csv'))
        return 'csv';
    if (lower.endsWith('.parquet'))
        return 'parquet';
    return undefined;
}
/** Streams the rows of a JSONL, CSV or Parquet file. Line numbers are 1-based (Parquet: row numbers). */
async function* readRows(path, options) {
    for await (const batch of readRowBatches(path, options))
        yield* batch;
}
/**
 * readRows in batches (a chunk of a JSONL file at a time), for loops where every row counts.
 * A Git LFS pointer where the data should be throws LfsPointerError, naming the file and how to get the data.
 */
async function* readRowBatches(path, options) {
    if (!options.start)
        await (0,lfs/* assertNotLfsPointer */.gZ)(path, options.display);
    const kind = fileKind(path);
    if (kind === 'jsonl') {
        for await (const lines of readLineBatches(path, { ...options, keyMarks: true }))
            yield jsonlRows(lines);
        return;
    }
    const single = kind === 'csv' ? readCsv(path, options) : kind === 'parquet' ? readParquet(path, options) : undefined;
    if (!single) {
        yield [{ kind: 'error', line: 1, column: 1, message: 'unknown data file type; expected .jsonl, .csv or .parquet' }];
        return;
    }
    let batch = [];
    for await (const ev of single) {
        batch.push(ev);
        if (batch.length === 1024) {
            yield batch;
            batch = [];
        }
    }
    if (batch.length)
        yield batch;
}
/** The rows of a batch of lines, each parsed only when reached (so a parsed row dies young). */
function* jsonlRows(lines) {
    for (const ev of lines) {
        const row = jsonlRow(ev);
        if (row)
            yield row;
    }
}
function isBlank(text) {
    for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        if (c !== 32 && c !== 9 && c !== 13 && c !== 10 && c !== 11 && c !== 12 && c !== 0xfeff && c !== 0xa0)
            return text.trim() === '';
    }
    return true;
}
function jsonlRow(ev) {
    if (ev.kind === 'error')
        return ev;
    if (isBlank(ev.text))
        return undefined;
    const parsed = parseJsonLine(ev.text, ev.keyMarks);
    if (!parsed.ok)
        return { kind: 'error', line: ev.line, column: parsed.column, message: parsed.message };
    if (parsed.value === null || typeof parsed.value !== 'object' || Array.isArray(parsed.value)) {
        return {
            kind: 'error',
            line: ev.line,
            column: 1,
            message: `expected a JSON object per line, got ${Array.isArray(parsed.value) ? 'an array' : parsed.value === null ? 'null' : typeof parsed.value}`
        };
    }
    return { kind: 'row', line: ev.line, value: parsed.value, chars: ev.text.length };
}
async function* readCsv(path, options) {
    // The CSV and Parquet libraries load with the first such file: a thread checking JSONL starts without them.
    const { parse: parseCsv } = await __webpack_require__.e(/* import() */ 70).then(__webpack_require__.bind(__webpack_require__, 6070));
    let read = 0;
    let lines = 1;
    let utf8Error;
    const strict = new TextDecoder('utf-8', { fatal: true });
    const source = (0,external_node_fs_.createReadStream)(path);
    source.on('data', (c) => {
        const bytes = typeof c === 'string' ? Buffer.from(c) : c;
        read += bytes.length;
        options.onProgress?.(read);
        if (utf8Error)
            return;
        try {
            strict.decode(bytes, { stream: true });
        }
        catch {
            utf8Error = 'invalid UTF-8 in the file; expected UTF-8 text';
        }
    });
    const parser = source.pipe(parseCsv({
        // The header is checked before any record is built, so a column can never set a prototype.
        columns: (header) => {
            const bad = header.find(h => h === '__proto__' || h === 'constructor' || h === 'prototype');
            if (bad)
                throw new Error(`column '${bad}' is not allowed; rename it`);
            return header;
        },
        bom: true,
        info: true,
        max_record_size: options.maxLineBytes,
        relax_column_count: false,
        skip_empty_lines: true
    }));
    try {
        for await (const rec of parser) {
            lines = rec.info.lines;
            if (utf8Error) {
                yield { kind: 'error', line: lines, column: 1, message: utf8Error };
                return;
            }
            yield { kind: 'row', line: lines, value: rec.record };
        }
        if (utf8Error)
            yield { kind: 'error', line: lines, column: 1, message: utf8Error };
    }
    catch (e) {
        const err = e;
        yield { kind: 'error', line: err.lines ?? lines, column: 1, message: `invalid CSV: ${err.message ?? String(e)}` };
    }
    finally {
        source.destroy();
    }
}
const PARQUET_MAGIC = 'PAR1';
async function* readParquet(path, options) {
    // Check the magic bytes first so a file that is not Parquet gets a plain answer, not a decoder's error.
    const handle = await (0,promises_.open)(path, 'r');
    let head = '';
    let tail = '';
    let size = 0;
    try {
        size = (await handle.stat()).size;
        const b = Buffer.alloc(4);
        if (size >= 8) {
            await handle.read(b, 0, 4, 0);
            head = b.toString('latin1');
            await handle.read(b, 0, 4, size - 4);
            tail = b.toString('latin1');
        }
    }
    finally {
        await handle.close();
    }
    if (head !== PARQUET_MAGIC || tail !== PARQUET_MAGIC) {
        yield {
            kind: 'error',
            line: 1,
            column: 1,
            message: `not a Parquet file (no PAR1 magic bytes at both ends); expected a Parquet file or rename it`
        };
        return;
    }
    try {
        const { asyncBufferFromFile, parquetMetadataAsync, parquetReadObjects } = await __webpack_require__.e(/* import() */ 972).then(__webpack_require__.bind(__webpack_require__, 6972));
        const file = await asyncBufferFromFile(path);
        const metadata = await parquetMetadataAsync(file);
        let rowStart = 0;
        // One row group at a time, so memory stays bounded by the largest group, not the file.
        for (const group of metadata.row_groups) {
            const rowEnd = rowStart + Number(group.num_rows);
            const rows = await parquetReadObjects({ file, metadata, rowStart, rowEnd });
            for (const [i, value] of rows.entries())
                yield { kind: 'row', line: rowStart + i + 1, value: normaliseParquet(value) };
            options.onProgress?.(Math.round((rowEnd / Math.max(1, Number(metadata.num_rows))) * size));
            rowStart = rowEnd;
        }
    }
    catch (e) {
        yield {
            kind: 'error',
            line: 1,
            column: 1,
            message: `cannot read Parquet: ${e instanceof Error ? e.message : String(e)}`
        };
    }
}
/** Parquet gives BigInt for int64 columns; rows are JSON-shaped everywhere else. */
function normaliseParquet(row) {
    const out = {};
    for (const [k, v] of Object.entries(row))
        out[k] = typeof v === 'bigint' ? Number(v) : v;
    return out;
}


/***/ }),

/***/ 9744:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   KK: () => (/* binding */ PROBE_ID_PREFIX),
/* harmony export */   Xq: () => (/* binding */ sandboxFor),
/* harmony export */   cd: () => (/* binding */ checkRange)
/* harmony export */ });
/* unused harmony exports MAX_RANGE_PROBLEMS, renderRemotely */
/* harmony import */ var _examples_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(757);
/* harmony import */ var _hash_index_js__WEBPACK_IMPORTED_MODULE_8__ = __webpack_require__(9611);
/* harmony import */ var _minhash_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3492);
/* harmony import */ var _pii_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(1902);
/* harmony import */ var _readers_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(6207);
/* harmony import */ var _prompts_template_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(5509);
/* harmony import */ var _prompts_sandbox_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(9012);
/* harmony import */ var _tokens_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(3524);
/* harmony import */ var _text_scan_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(5879);









/**
 * Rows rendered through the prompt: the first RENDER_FIRST of a file (RENDER_FIRST_LATER of each later
 * range of a large file), then every RENDER_EVERY-th.
 */
const RENDER_FIRST = 500;
const RENDER_FIRST_LATER = 20;
const RENDER_EVERY = 1000;
/**
 * Sampled rows sent to the template sandbox at once: at most RENDER_BATCH rows, and a batch is sent as soon as its
 * rows hold max_line_bytes characters. Each batch is a message there and back; at 32 rows a registry-wide change
 * over 1,000 small models sent 22,000 of them, and the main thread spent more time in the channel than in the checks.
 */
const RENDER_BATCH = 256;
/** The rows waiting for the sandbox may hold this many lines at the line cap before the row checks wait for it. */
const RENDER_WAITING_LINES = 32;
/** Ids starting with this are the injection probes' (appended to the eval file): a data row may not use it. */
const PROBE_ID_PREFIX = 'probe:';
/** Problems a range keeps in full; past this they are counted. */
const MAX_RANGE_PROBLEMS = 1000;
class Growable {
    data;
    make;
    length = 0;
    constructor(data, make) {
        this.data = data;
        this.make = make;
    }
    push(v) {
        if (this.length === this.data.length) {
            const bigger = this.make(this.data.length * 2);
            bigger.set(this.data);
            this.data = bigger;
        }
        this.data[this.length++] = v;
    }
    result() {
        return this.data.slice(0, this.length);
    }
}
const counters = new Map();
/** One tokenizer per thread, however many ranges it checks. */
function counterFor(tokenizerPath) {
    if (!tokenizerPath)
        return Promise.resolve(_tokens_js__WEBPACK_IMPORTED_MODULE_6__/* .approximateCounter */ .tV);
    let c = counters.get(tokenizerPath);
    if (!c)
        counters.set(tokenizerPath, (c = (0,_tokens_js__WEBPACK_IMPORTED_MODULE_6__/* .tokenizerCounter */ .Oz)(tokenizerPath)));
    return c;
}
let remoteRenderer;
/**
 * Makes this thread's renders go elsewhere: a worker thread sends them to the main thread's sandbox (see
 * RangeWorkers), so that one sandbox process serves every thread instead of one starting per thread.
 */
function renderRemotely(make) {
    remoteRenderer = make;
}
/** Template sandboxes kept per thread: more than the models checked at once, so none is ended while in use. */
const MAX_SANDBOXES = 8;
/** The sandboxes by key, least recently used first. */
const sandboxes = new Map();
/**
 * One template sandbox per template (and thread, unless renders go to the main thread), started on first use.
 * At most MAX_SANDBOXES are kept: a registry-wide change meets a template per model, and each sandbox is a
 * process; the least recently used is released (its process ends once its batches are done).
 */
function sandboxFor(key) {
    const id = `${key.where}\0${key.maxLineBytes}\0${key.template}`;
    let s = sandboxes.get(id);
    if (s)
        sandboxes.delete(id);
    else
        s = remoteRenderer
            ? remoteRenderer(key)
            : new _prompts_sandbox_js__WEBPACK_IMPORTED_MODULE_5__/* .TemplateSandbox */ .qp(key.template, (0,_prompts_sandbox_js__WEBPACK_IMPORTED_MODULE_5__/* .defaultTemplateLimits */ .IL)(key.maxLineBytes), key.where);
    sandboxes.set(id, s);
    for (const [old, sandbox] of sandboxes) {
        if (sandboxes.size <= MAX_SANDBOXES)
            break;
        sandboxes.delete(old);
        sandbox.release?.();
    }
    return s;
}
let lookupCache;
function evalLookup(index) {
    if (lookupCache?.index === index)
        return lookupCache;
    const exact = new _hash_index_js__WEBPACK_IMPORTED_MODULE_8__/* .HashIndex */ .xn(index.inputHashes.length);
    const signed = [];
    for (let i = 0; i < index.inputHashes.length; i++) {
        exact.setIfAbsent(index.inputHashes[i], i);
        const sig = index.signatures.subarray(i * _minhash_js__WEBPACK_IMPORTED_MODULE_1__/* .MINHASH_BINS */ .EU, (i + 1) * _minhash_js__WEBPACK_IMPORTED_MODULE_1__/* .MINHASH_BINS */ .EU);
        if (sig[0] !== 0xffffffff || sig[1] !== 0xffffffff)
            signed.push({ signature: sig, item: i });
    }
    const near = new _text_scan_js__WEBPACK_IMPORTED_MODULE_7__/* .NearDuplicateIndex */ .AN(signed);
    lookupCache = { index, exact, near };
    return lookupCache;
}
/**
 * The growing arrays of a range's per-row results, kept for the thread's next range: a worker checks
 * dozens of ranges, and growing fresh arrays for each (the results are copied out) cost memory and time.
 */
const newScratch = () => ({
    rowLines: new Growable(new Int32Array(1024), n => new Int32Array(n)),
    idHashes: new Growable(new Float64Array(1024), n => new Float64Array(n)),
    dupKeys: new Growable(new Float64Array(1024), n => new Float64Array(n)),
    tokenLengths: new Growable(new Int32Array(1024), n => new Int32Array(n)),
    inputHashes: new Growable(new Float64Array(1024), n => new Float64Array(n)),
    signatures: new Growable(new Uint32Array(1024 * _minhash_js__WEBPACK_IMPORTED_MODULE_1__/* .MINHASH_BINS */ .EU), n => new Uint32Array(n)),
    contextLines: new Growable(new Int32Array(1024), n => new Int32Array(n)),
    contextTokens: new Growable(new Int32Array(1024), n => new Int32Array(n)),
    contextPromptTokens: new Growable(new Int32Array(1024), n => new Int32Array(n))
});
const spareScratch = [];
/** Checks a range; `evalIndex`, for train ranges, is the eval split's inputs to check leakage against. */
async function checkRange(task, evalIndex) {
    const scratch = spareScratch.pop() ?? newScratch();
    try {
        return await checkRangeWith(task, evalIndex, scratch);
    }
    finally {
        spareScratch.push(scratch);
    }
}
/**
 * A range's check in order: each row as it is read (its format, leakage, PII, tokens and prompt variables, and a
 * sample sent to the template sandbox), then, once the renders are back, the rows over the context window.
 */
async function checkRangeWith(task, evalIndex, scratch) {
    const check = new RangeCheck(task, evalIndex, scratch, await counterFor(task.tokenizerPath));
    for await (const batch of (0,_readers_js__WEBPACK_IMPORTED_MODULE_3__/* .readRowBatches */ .Xd)(task.file, {
        maxLineBytes: task.maxLineBytes,
        start: task.start,
        end: task.end,
        onEnd: n => (check.lines = n)
    }))
        for (const ev of batch) {
            const wait = check.row(ev);
            if (wait)
                await wait;
        }
    await check.renders.done();
    check.checkContextWindow();
    return check.result();
}
/**
 * A range's problems, kept up to MAX_RANGE_PROBLEMS and counted past it. Problems known only after their row has
 * gone by — render failures (the sandbox answers while later rows are checked) and rows over the context window
 * (known once the range's renders have measured the template's overhead) — go to lists of their own, each in line
 * order and capped alike; `merged` sorts all three by line, so the problems kept are the first ones, as if each
 * had been reported at its row.
 */
class RangeProblems {
    display;
    problems = [];
    renderProblems = [];
    contextProblems = [];
    counts = { errors: 0, warnings: 0 };
    constructor(display) {
        this.display = display;
    }
    /** Counts a problem and keeps it while there is room; a message is built only while it will be kept. */
    report(line, column, severity, message, into = this.problems) {
        if (severity === 'error')
            this.counts.errors++;
        else
            this.counts.warnings++;
        if (into.length < MAX_RANGE_PROBLEMS)
            into.push({
                file: this.display,
                line,
                column,
                severity,
                message: typeof message === 'string' ? message : message()
            });
    }
    /** The kept problems of all three lists, by line. */
    merged() {
        const { problems, renderProblems, contextProblems } = this;
        if (!renderProblems.length && !contextProblems.length)
            return problems;
        // Stable: at one line, the row's own problems come first, then its rendering's, then its length.
        return [...problems, ...renderProblems, ...contextProblems]
            .sort((a, b) => a.line - b.line)
            .slice(0, MAX_RANGE_PROBLEMS);
    }
}
/**
 * Sampled rows go to the sandbox in batches, one batch at a time, while the rows after them are checked: the row
 * checks never wait for the sandbox (its start takes a few hundred milliseconds), except when the rows waiting
 * for it hold as many characters as RENDER_WAITING_LINES rows at the line cap. A batch shares the time limit; when it is hit, the sandbox re-renders the batch a row at a time to name
 * the row, and this range renders no more.
 */
class RenderQueue {
    sandbox;
    plain;
    counter;
    log;
    rendered = 0;
    renderErrors = 0;
    /** Each rendered row's tokens beyond its own: the template's overhead. */
    overheads = new _tokens_js__WEBPACK_IMPORTED_MODULE_6__/* .LengthStats */ .s7(2000);
    pending = [];
    pendingChars = 0;
    waitingChars = 0;
    waitingBudget;
    batchChars;
    renders = Promise.resolve();
    renderFailure;
    warmed = false;
    /** The most characters a row's rendering may have (the sandbox's output limit). */
    outputChars;
    constructor(
    /** Undefined when the template does not compile; after a limit is hit, this range renders no more. */
    sandbox, 
    /** A plain-substitution template's parts: its rows of string values are rendered here, without the sandbox. */
    plain, maxLineBytes, counter, log) {
        this.sandbox = sandbox;
        this.plain = plain;
        this.counter = counter;
        this.log = log;
        this.waitingBudget = RENDER_WAITING_LINES * maxLineBytes;
        this.batchChars = maxLineBytes;
        this.outputChars = (0,_prompts_sandbox_js__WEBPACK_IMPORTED_MODULE_5__/* .defaultTemplateLimits */ .IL)(maxLineBytes).outputChars;
    }
    /** Whether rows are rendered at all. */
    get active() {
        return this.sandbox !== undefined;
    }
    /** Queues a row; a promise to wait for when the rows waiting for the sandbox hold too many characters. */
    add(row, chars) {
        // The sandbox starts with the first sampled row (if it has not yet), so it is ready for the first batch; a
        // plain template renders most rows here, and its sandbox starts only when a row needs it.
        if (!this.warmed && !this.plain)
            this.sandbox?.warm();
        this.warmed = true;
        this.pending.push(row);
        this.pendingChars += chars;
        this.waitingChars += chars;
        if (this.pending.length >= RENDER_BATCH || this.pendingChars >= this.batchChars)
            this.send();
        return this.waitingChars > this.waitingBudget ? this.done() : undefined;
    }
    /** Waits for every batch sent; a failure other than a template limit is the range's. */
    async done() {
        this.send();
        await this.renders;
        if (this.renderFailure)
            throw this.renderFailure.error;
    }
    send() {
        if (!this.pending.length)
            return;
        const batch = this.pending;
        const chars = this.pendingChars;
        this.pending = [];
        this.pendingChars = 0;
        this.renders = this.renders
            .then(() => this.renderBatch(batch))
            .catch((error) => void (this.renderFailure ??= { error }))
            .finally(() => void (this.waitingChars -= chars));
    }
    async renderBatch(batch) {
        // After a failure the range reports it; the batches chained behind it are not sent to the sandbox.
        if (!this.sandbox || this.renderFailure)
            return;
        let outcomes;
        try {
            outcomes = await this.renderedTokens(batch);
        }
        catch (e) {
            if (!(e instanceof _prompts_sandbox_js__WEBPACK_IMPORTED_MODULE_5__/* .TemplateLimitError */ .uQ))
                throw e;
            this.sandbox = undefined;
            this.rendered += e.row + 1;
            this.renderErrors++;
            const line = batch[e.row]?.line ?? batch[0].line;
            this.log.report(line, 1, 'error', `${e.message}; the rest of the file is not rendered`, this.log.renderProblems);
            return;
        }
        for (let i = 0; i < batch.length; i++) {
            const b = batch[i];
            const out = outcomes[i];
            this.rendered++;
            if (!out.ok) {
                this.renderErrors++;
                const message = `the prompt template fails on this row: ${out.message}`;
                this.log.report(b.line, 1, 'error', message, this.log.renderProblems);
            }
            else
                this.overheads.add(Math.max(0, out.tokens + this.counter.count(b.target) - b.tokens));
        }
    }
    /**
     * Each row's rendered prompt in tokens. An estimate from the length needs only the length, which the sandbox
     * measures without sending the text back; an exact count needs the text.
     */
    async renderedTokens(batch) {
        const out = batch.map(b => this.renderedHere(b.variables));
        const rest = [];
        for (let i = 0; i < batch.length; i++)
            if (!out[i])
                rest.push(i);
        if (!rest.length)
            return out;
        let fromSandbox;
        try {
            fromSandbox = await this.sandboxTokens(rest.map(i => batch[i].variables));
        }
        catch (e) {
            // The row is named by its place in the batch.
            throw e instanceof _prompts_sandbox_js__WEBPACK_IMPORTED_MODULE_5__/* .TemplateLimitError */ .uQ ? new _prompts_sandbox_js__WEBPACK_IMPORTED_MODULE_5__/* .TemplateLimitError */ .uQ(e.message, rest[e.row] ?? 0) : e;
        }
        rest.forEach((i, j) => (out[i] = fromSandbox[j]));
        return out;
    }
    /**
     * A row's rendered prompt in tokens where the template is plain substitution and the row's values are strings
     * (the rendering is then the text and the values joined); undefined for the sandbox to render, which also
     * names a rendering past the output limit.
     */
    renderedHere(variables) {
        if (!this.plain)
            return undefined;
        const length = (0,_prompts_template_js__WEBPACK_IMPORTED_MODULE_4__/* .plainLength */ .R$)(this.plain, variables);
        if (length === undefined || length > this.outputChars)
            return undefined;
        if (this.counter === _tokens_js__WEBPACK_IMPORTED_MODULE_6__/* .approximateCounter */ .tV)
            return { ok: true, tokens: (0,_tokens_js__WEBPACK_IMPORTED_MODULE_6__/* .approximateTokens */ .Lm)(length) };
        return { ok: true, tokens: this.counter.count((0,_prompts_template_js__WEBPACK_IMPORTED_MODULE_4__/* .renderPlain */ .ld)(this.plain, variables)) };
    }
    /**
     * Measures a sampled row now where the template renders it without the sandbox (see renderedHere), in the order
     * of the rows; false when the row must be queued for the sandbox (add).
     */
    measureHere(value, target, tokens) {
        // Nothing is rendered after a limit was hit, nor ahead of rows still queued for the sandbox.
        if (!this.sandbox || this.pending.length || this.waitingChars > 0)
            return false;
        const out = this.renderedHere(value);
        if (!out?.ok)
            return false;
        this.rendered++;
        this.overheads.add(Math.max(0, out.tokens + this.counter.count(target) - tokens));
        return true;
    }
    async sandboxTokens(rows) {
        const counter = this.counter;
        if (counter === _tokens_js__WEBPACK_IMPORTED_MODULE_6__/* .approximateCounter */ .tV)
            return (await this.sandbox.measureAll(rows)).map(o => o.ok ? { ok: true, tokens: (0,_tokens_js__WEBPACK_IMPORTED_MODULE_6__/* .approximateTokens */ .Lm)(o.length) } : o);
        return (await this.sandbox.renderAll(rows)).map(o => o.ok ? { ok: true, tokens: counter.count(o.text) } : o);
    }
}
/** One range's check: the state the rows add to, and the steps of a row, in the order they run. */
class RangeCheck {
    task;
    evalIndex;
    scratch;
    counter;
    log;
    renders;
    /** Lines read (the reader's count once it ends). */
    lines = 0;
    rows = 0;
    invalid = 0;
    seen = 0;
    sawAnyRow = false;
    leakageExact = 0;
    leakageNear = 0;
    overContext = 0;
    withoutTarget = 0;
    rowsMissingVariables = 0;
    /** The template's typical overhead in tokens, once the renders are back. */
    overhead = 0;
    renderFirst;
    // Maps, not objects: a key from a row (a fresh string) costs an object a string-table lookup per row.
    useCases = new Map();
    labels = new Map();
    piiByKind = {};
    lookup;
    wantSignatures;
    inputScan = new _text_scan_js__WEBPACK_IMPORTED_MODULE_7__/* .TextScanner */ .CO();
    targetScan = new _text_scan_js__WEBPACK_IMPORTED_MODULE_7__/* .TextScanner */ .CO();
    /** The names the template mentions: a row's other fields do not go to the sandbox. */
    templateNames;
    constructor(task, evalIndex, scratch, counter) {
        this.task = task;
        this.evalIndex = evalIndex;
        this.scratch = scratch;
        this.counter = counter;
        this.log = new RangeProblems(task.display);
        const compiled = task.template === undefined ? undefined : (0,_prompts_template_js__WEBPACK_IMPORTED_MODULE_4__/* .compiledTemplate */ .Y9)(task.template);
        const facts = compiled?.ok ? compiled.prompt : undefined;
        this.templateNames = facts?.names ?? new Set();
        const sandbox = task.template !== undefined && facts
            ? sandboxFor({ template: task.template, maxLineBytes: task.maxLineBytes, where: task.promptFile })
            : undefined;
        this.renders = new RenderQueue(sandbox, facts?.plain, task.maxLineBytes, counter, this.log);
        this.lookup = evalIndex ? evalLookup(evalIndex) : undefined;
        this.wantSignatures = task.split === 'eval';
        for (const g of Object.values(scratch))
            g.length = 0;
        this.renderFirst = task.start === 0 ? RENDER_FIRST : RENDER_FIRST_LATER;
    }
    /** Checks one row as read; a promise to wait for when the sandbox has too many rows waiting. */
    row(ev) {
        this.lines = Math.max(this.lines, ev.line);
        if (ev.kind === 'error') {
            this.invalid++;
            this.log.report(ev.line, ev.column, 'error', ev.message);
            return undefined;
        }
        this.sawAnyRow = true;
        this.seen++;
        const result = (0,_examples_js__WEBPACK_IMPORTED_MODULE_0__/* .toExample */ .qv)(ev.value, this.task.rules);
        if (!result.ok) {
            this.invalidExample(ev, result.problems);
            return undefined;
        }
        const ex = result.example;
        this.countExample(ev.line, ex);
        this.scanTexts(ev.line, ex);
        this.checkLeakage(ev.line);
        this.checkPii(ev.line, ex);
        const promptTokens = this.counter.count(ex.input);
        const tokens = promptTokens + this.counter.count(ex.target);
        this.scratch.tokenLengths.push(tokens);
        if (this.lacksVariables(ev.line, ex))
            return undefined;
        const wait = this.sampleForRender(ev, ex, tokens);
        // Checked against the context window once the range's renders have measured the prompt's overhead.
        this.scratch.contextLines.push(ev.line);
        this.scratch.contextTokens.push(tokens);
        this.scratch.contextPromptTokens.push(promptTokens);
        return wait;
    }
    /** A row that is not an example of the format: its problems, and the personal data its text still shows. */
    invalidExample(ev, problems) {
        this.invalid++;
        for (const m of problems)
            this.log.report(ev.line, 1, 'error', m);
        // The row's text can still be read: its personal data is reported now, not after the format is fixed.
        if (this.task.pii === 'off')
            return;
        const found = (0,_pii_js__WEBPACK_IMPORTED_MODULE_2__/* .findPii */ .IF)(stringsOf(ev.value));
        if (!found.length)
            return;
        for (const f of found)
            this.piiByKind[f.kind] = (this.piiByKind[f.kind] ?? 0) + 1;
        this.log.report(ev.line, 1, this.task.pii, piiMessage(this.task.split, found));
    }
    /** The reserved probe ids, and the row's use case and label counted. */
    countExample(line, ex) {
        if (ex.id?.startsWith(PROBE_ID_PREFIX))
            this.log.report(line, 1, 'error', `id '${ex.id}' starts with '${PROBE_ID_PREFIX}', which is reserved for the injection probes; rename it`);
        this.rows++;
        if (ex.useCase)
            this.useCases.set(ex.useCase, (this.useCases.get(ex.useCase) ?? 0) + 1);
        if (ex.label)
            this.labels.set(ex.label, (this.labels.get(ex.label) ?? 0) + 1);
    }
    /** One pass per text: normalised hashes, the MinHash signature (inputs that need one) and PII hints. */
    scanTexts(line, ex) {
        const { inputScan, targetScan, scratch } = this;
        const near = this.lookup?.near;
        inputScan.scan(ex.input, this.wantSignatures || (near !== undefined && near.size > 0));
        targetScan.scan(ex.target, false);
        scratch.rowLines.push(line);
        scratch.idHashes.push(ex.id === undefined ? NaN : (0,_hash_index_js__WEBPACK_IMPORTED_MODULE_8__/* .hash53 */ .$l)(ex.id));
        scratch.dupKeys.push((0,_hash_index_js__WEBPACK_IMPORTED_MODULE_8__/* .combine53 */ .yP)(inputScan.hash, targetScan.hash));
        if (this.wantSignatures) {
            scratch.inputHashes.push(inputScan.hash);
            for (let b = 0; b < _minhash_js__WEBPACK_IMPORTED_MODULE_1__/* .MINHASH_BINS */ .EU; b++)
                scratch.signatures.push(inputScan.hasSignature ? inputScan.signature[b] : 0xffffffff);
        }
    }
    /** A train row's input against the eval rows': the same after normalising, or a near-duplicate by MinHash. */
    checkLeakage(line) {
        const { lookup, evalIndex, inputScan, task } = this;
        if (this.wantSignatures || !lookup || !evalIndex)
            return;
        const leaked = lookup.exact.get(inputScan.hash);
        if (leaked >= 0) {
            this.leakageExact++;
            this.log.report(line, 1, 'error', () => `train/eval leakage: same input as ${evalIndex.locations[leaked]} (after normalising case and whitespace)`);
            return;
        }
        if (!inputScan.hasSignature)
            return;
        const near = lookup.near.query(inputScan.signature, task.nearThreshold);
        if (!near)
            return;
        this.leakageNear++;
        this.log.report(line, 1, 'warning', () => `train/eval near-duplicate: estimated Jaccard ${near.similarity.toFixed(2)} ≥ ${task.nearThreshold} with ${evalIndex.locations[near.item]} (MinHash over word 3-grams)`);
    }
    /** The scanners saw every character already: findPii runs only where one of them saw a hint. */
    checkPii(line, ex) {
        const { inputScan, targetScan, task } = this;
        if (task.pii === 'off' || !(inputScan.piiFamilies || targetScan.piiFamilies))
            return;
        const inInput = inputScan.piiFamilies ? (0,_pii_js__WEBPACK_IMPORTED_MODULE_2__/* .findPii */ .IF)(ex.input, inputScan.piiFamilies) : [];
        const inTarget = targetScan.piiFamilies ? (0,_pii_js__WEBPACK_IMPORTED_MODULE_2__/* .findPii */ .IF)(ex.target, targetScan.piiFamilies) : [];
        const found = inTarget.length ? [...inInput, ...inTarget] : inInput;
        if (!found.length)
            return;
        for (const f of found)
            this.piiByKind[f.kind] = (this.piiByKind[f.kind] ?? 0) + 1;
        this.log.report(line, 1, task.pii, piiMessage(task.split, found));
    }
    /** True (and reported) when the row lacks a variable the prompt template uses. */
    lacksVariables(line, ex) {
        const { task } = this;
        if (!task.requiredVars.length)
            return false;
        let missing;
        for (const v of task.requiredVars)
            if (!(v in ex.fields))
                (missing ??= []).push(v);
        if (!missing)
            return false;
        this.rowsMissingVariables++;
        this.log.report(line, 1, 'error', `row lacks ${missing.map(v => `'${v}'`).join(', ')}, used by the prompt template ${task.promptFile}`);
        return true;
    }
    /** The first rows of the range, then every RENDER_EVERY-th, go to the template sandbox. */
    sampleForRender(ev, ex, tokens) {
        if (!this.renders.active || !(this.seen <= this.renderFirst || this.seen % RENDER_EVERY === 0))
            return undefined;
        // A plain template's row of strings is measured here, without a batch or an object of its variables.
        const value = (name) => name === 'use_case' ? ex.useCase : Object.hasOwn(ex.fields, name) ? ex.fields[name] : undefined;
        if (this.renders.measureHere(value, ex.target, tokens))
            return undefined;
        const chars = ev.chars ?? JSON.stringify(ex.fields, (_, v) => (typeof v === 'bigint' ? 0 : v)).length;
        // fromEntries, not assignment: a row's field may be called __proto__.
        const entries = [];
        for (const name of this.templateNames)
            if (name === 'use_case')
                entries.push([name, ex.useCase]);
            else if (Object.hasOwn(ex.fields, name))
                entries.push([name, ex.fields[name]]);
        const variables = Object.fromEntries(entries);
        return this.renders.add({ line: ev.line, variables, target: ex.target, tokens }, chars);
    }
    /**
     * Rows over the trainer's max_seq_length (not only the context window: a longer row is truncated, and a row
     * whose prompt alone fills it trains nothing — the trainer counts those rows and fails above
     * max_share_without_target), by the row's own tokens plus the template's typical overhead (the median over
     * the rendered rows).
     */
    checkContextWindow() {
        const { task, scratch } = this;
        const overhead = (this.overhead = this.renders.overheads.summary().p50);
        const limit = task.maxSeqLength ?? task.contextWindow;
        const limitName = task.maxSeqLength === undefined
            ? `the base model's context window is ${task.contextWindow}`
            : `the trainer's max_seq_length is ${task.maxSeqLength}`;
        const { contextLines, contextTokens, contextPromptTokens } = scratch;
        for (let i = 0; i < contextLines.length; i++) {
            const tokens = contextTokens.data[i];
            if (tokens + overhead <= limit)
                continue;
            this.overContext++;
            const prompt = contextPromptTokens.data[i] + overhead;
            const crowdedOut = task.targetAfterPrompt === true && prompt >= limit;
            if (crowdedOut)
                this.withoutTarget++;
            this.log.report(contextLines.data[i], 1, 'warning', () => crowdedOut
                ? `the prompt alone is about ${prompt} tokens; ${limitName}, so no target token of this row would be trained`
                : `about ${tokens + overhead} tokens with the prompt; ${limitName} (the target would be truncated)`, this.log.contextProblems);
        }
    }
    /** What the range found, its per-row arrays copied out of the scratch arrays. */
    result() {
        const { scratch, renders } = this;
        return {
            lines: this.lines,
            rows: this.rows,
            invalid: this.invalid,
            problems: this.log.merged(),
            counts: this.log.counts,
            useCases: Object.fromEntries(this.useCases),
            labels: Object.fromEntries(this.labels),
            tokenLengths: scratch.tokenLengths.result(),
            piiByKind: this.piiByKind,
            leakageExact: this.leakageExact,
            leakageNear: this.leakageNear,
            overContext: this.overContext,
            withoutTarget: this.withoutTarget,
            rowsMissingVariables: this.rowsMissingVariables,
            rendered: renders.rendered,
            renderErrors: renders.renderErrors,
            overhead: this.overhead,
            rowLines: scratch.rowLines.result(),
            idHashes: scratch.idHashes.result(),
            dupKeys: scratch.dupKeys.result(),
            ...(this.wantSignatures
                ? { inputHashes: scratch.inputHashes.result(), signatures: scratch.signatures.result() }
                : {}),
            sawAnyRow: this.sawAnyRow
        };
    }
}
const piiMessage = (split, found) => `personal data or secret in ${split} data: ${found.map(f => `${f.kind} ${f.masked}`).join(', ')}`;
/** Every string in a parsed row (keys included), one per line: what a row with a format error still shows. */
function stringsOf(value) {
    const out = [];
    const walk = (v) => {
        if (typeof v === 'string')
            out.push(v);
        else if (Array.isArray(v))
            v.forEach(walk);
        else if (v !== null && typeof v === 'object')
            for (const [k, x] of Object.entries(v)) {
                out.push(k);
                walk(x);
            }
    };
    walk(value);
    return out.join('\n');
}


/***/ }),

/***/ 5879:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   AN: () => (/* binding */ NearDuplicateIndex),
/* harmony export */   CO: () => (/* binding */ TextScanner),
/* harmony export */   EU: () => (/* binding */ MINHASH_BINS),
/* harmony export */   Tw: () => (/* binding */ keyMarksPerLine)
/* harmony export */ });
/* unused harmony exports LSH_BANDS, LSH_ROWS, signatureOfNormalised, bandKey, KEY_GAP_MARK */
/* harmony import */ var _pii_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1902);
// Tunegate's text scanner: the one implementation of the normalised-text hash lanes, the word hashes, the MinHash
// signature, the LSH query and the duplicate-key count. Hand-written: no library fuses these passes over a text.
// It was AssemblyScript compiled to WebAssembly until `npm run bench -- text-scan` measured that at 1.26 times
// this TypeScript alone and 1.05 times on the row checks' hot path (the bar was 1.5): see README, Benchmarks.

/** Bins of a MinHash signature (a power of two: a hash picks its bin by its low bits); minhash.ts explains the shape. */
const MINHASH_BINS = 32;
/** LSH bands of a signature. */
const LSH_BANDS = 8;
/** Bins per LSH band (LSH_BANDS * LSH_ROWS = MINHASH_BINS). */
const LSH_ROWS = 4;
/** Per ASCII code: its lower-case code, or 32 for JavaScript's \s (tab, line breaks, vertical tab, form feed, space). */
const LOWER = new Uint8Array(128);
/** Per ASCII code: what it can start or continue in personal data (findPii's hints in pii.ts). */
const FLAGS = new Uint8Array(128);
/** Per ASCII code: whether it can come before '-' in a secret's prefix: xox[abprs]-, sk-, -----. */
const BEFORE_DASH = new Uint8Array(128);
/** A digit; six joined by single separators are NUMERIC_HINT: /\d(?:[ .()-]?\d){5}/. */
const DIGIT = 1;
/** Joins digits in NUMERIC_HINT. */
const SEPARATOR = 2;
/** '@' (emails), '_' (gh?_, github_pat_, sk_live_), '-' (xox?-, sk-, -----BEGIN), 'K' and 'I' (AKIA, AIza). */
const SPECIAL = 4;
/** findPii's families (PII_EMAIL, PII_NUMERIC, PII_SECRET in pii.ts). */
const FAMILY_EMAIL = 1;
const FAMILY_NUMERIC = 2;
const FAMILY_SECRET = 4;
for (let c = 0; c < 128; c++)
    LOWER[c] = c >= 65 && c <= 90 ? c + 32 : c;
for (let c = 9; c <= 13; c++)
    LOWER[c] = 32;
LOWER[32] = 32;
for (let c = 48; c <= 57; c++)
    FLAGS[c] = DIGIT;
for (const c of ' .()')
    FLAGS[c.charCodeAt(0)] = SEPARATOR;
FLAGS[45] = SEPARATOR | SPECIAL; // '-'
for (const c of '@_KI')
    FLAGS[c.charCodeAt(0)] = SPECIAL;
for (const c of 'abprsk-')
    BEFORE_DASH[c.charCodeAt(0)] = 1;
// cyrb53's two lanes (hash53 in hash-index.ts, finished by finish() below) and FNV-1a for the words.
const H1_SEED = 0xdeadbeef;
const H2_SEED = 0x41c6ce57;
const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 16777619;
/** An empty MinHash bin. */
const EMPTY = 0xffffffff;
/**
 * A UTF-16 code unit as the normalised text sees it: 32 when it is JavaScript's \s beyond ASCII (no-break, Ogham,
 * the U+2000 spaces, line and paragraph separators, narrow no-break, medium mathematical, ideographic, BOM; after
 * NFKC only Ogham, the separators and the BOM are left, the rest kept to match \s exactly), else itself.
 */
function class16(u) {
    if (u < 128)
        return LOWER[u];
    const space = u === 0xa0 ||
        u === 0x1680 ||
        (u >= 0x2000 && u <= 0x200a) ||
        u === 0x2028 ||
        u === 0x2029 ||
        u === 0x202f ||
        u === 0x205f ||
        u === 0x3000 ||
        u === 0xfeff;
    return space ? 32 : u;
}
/**
 * The word hashes and hash lanes of one scan: the state the scanning functions below share. `words` grows to one
 * hash per two characters plus one (the most words a text can have), kept between scans.
 */
class ScanState {
    words = new Uint32Array(1024);
    h1 = 0;
    h2 = 0;
    families = 0;
    room(length) {
        if (this.words.length < (length >> 1) + 2)
            this.words = new Uint32Array(Math.max((length >> 1) + 2, 2 * this.words.length));
    }
}
/**
 * Scans a text: the hash lanes of its normalised form (lower case, whitespace runs as one space, trimmed) go to
 * `s`, each word's FNV-1a hash to `s.words`; returns the number of words. `ascii`: the text is taken as it is and
 * its personal-data families go to `s` too, or -1 is returned when it is not ASCII (which NFKC could change);
 * otherwise the text must be normalised (NFKC) and lower-cased already, and gets no personal-data hints (the
 * caller assumes all families). One function for both, so that the two cannot hash differently.
 */
function scanText(text, s, ascii) {
    s.room(text.length);
    const words = s.words;
    let h1 = H1_SEED;
    let h2 = H2_SEED;
    let w = FNV_OFFSET;
    let n = 0;
    let families = 0;
    let numeric = 0; // 0: not after a digit; 1: after a digit; 2: after a digit and one separator
    let run = 0;
    let prev = 0;
    // Trailing whitespace is never part of the normalised text: stop before it.
    let end = text.length;
    while (end > 0) {
        const c = text.charCodeAt(end - 1);
        if (ascii && c > 127)
            return -1;
        if (class16(c) !== 32)
            break;
        end--;
    }
    // Leading whitespace is skipped as if it followed whitespace.
    let prevSpace = true;
    for (let i = 0; i < end; i++) {
        const raw = text.charCodeAt(i);
        let c;
        if (ascii) {
            if (raw > 127)
                return -1;
            const f = FLAGS[raw];
            // Only a digit or a special character, or whatever follows a digit, can change the personal-data state.
            if ((f & (DIGIT | SPECIAL)) | numeric) {
                if (f === 0)
                    numeric = 0;
                else if (f & DIGIT) {
                    run = numeric === 0 ? 1 : run + 1;
                    numeric = 1;
                    if (run >= 6)
                        families |= FAMILY_NUMERIC;
                }
                else {
                    numeric = f & SEPARATOR && numeric === 1 ? 2 : 0;
                    if (f & SPECIAL) {
                        if (raw === 64)
                            families |= FAMILY_EMAIL;
                        else if (raw === 95 || (raw === 45 && BEFORE_DASH[prev]) || (prev === 65 && (raw === 75 || raw === 73)))
                            families |= FAMILY_SECRET;
                    }
                }
            }
            prev = raw;
            c = LOWER[raw];
        }
        else
            c = class16(raw);
        const space = c === 32;
        // The hash takes every character but whitespace after whitespace: one space between words.
        if (!(space && prevSpace)) {
            h1 = Math.imul(h1 ^ c, 2654435761);
            h2 = Math.imul(h2 ^ c, 1597334677);
        }
        if (space) {
            if (!prevSpace)
                words[n++] = w;
            w = FNV_OFFSET;
        }
        else
            w = Math.imul(w ^ c, FNV_PRIME);
        prevSpace = space;
    }
    // The text (trimmed) ends with a word, unless it was all whitespace.
    if (end > 0)
        words[n++] = w;
    s.h1 = h1;
    s.h2 = h2;
    s.families = families;
    return n;
}
/**
 * The MinHash signature of the first n (at least one) word hashes, into `sig`: one-permutation hashing (Li, Owen
 * & Zhang 2012) of word 3-grams (all words as one shingle when fewer than three) into MINHASH_BINS bins, then
 * rotation densification (an empty bin takes the next non-empty bin's value, mixed with the distance), so short
 * texts still compare.
 */
function signWords(words, n, sig) {
    sig.fill(EMPTY);
    const shingles = n < 3 ? 1 : n - 2;
    for (let i = 0; i < shingles; i++) {
        let h;
        if (n < 3) {
            h = words[0];
            for (let j = 1; j < n; j++)
                h = Math.imul(h ^ words[j], 0x9e3779b1);
        }
        else {
            h = Math.imul(words[i] ^ Math.imul(words[i + 1], 0x85ebca6b) ^ Math.imul(words[i + 2], 0xc2b2ae35), 0x27d4eb2f);
            h ^= h >>> 15;
        }
        const bin = h & (MINHASH_BINS - 1);
        const value = h >>> 5;
        if (value < sig[bin])
            sig[bin] = value;
    }
    for (let b = 0; b < MINHASH_BINS; b++) {
        if (sig[b] !== EMPTY)
            continue;
        for (let k = 1; k < MINHASH_BINS; k++) {
            const v = sig[(b + k) & (MINHASH_BINS - 1)];
            if (v !== EMPTY) {
                sig[b] = (v + Math.imul(k, 0x61c88647)) >>> 5;
                break;
            }
        }
    }
}
/** cyrb53's finish: the two lanes into a 53-bit hash (as hash53 in hash-index.ts). */
function finish(h1, h2) {
    h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
    h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
    return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}
const shared = new ScanState();
/** The MinHash signature of a text already normalised (normaliseText in hash-index.ts), or null when it is empty. */
function signatureOfNormalised(normalised) {
    const words = scanText(normalised, shared, false);
    if (words === 0)
        return null;
    const sig = new Uint32Array(MINHASH_BINS);
    signWords(shared.words, words, sig);
    return sig;
}
/** The LSH bucket key of one band of a signature: its LSH_ROWS bins mixed, 30 bits. */
function bandKey(sig, band) {
    let h = Math.imul(band + 1, 0x9e3779b1);
    for (let r = 0; r < LSH_ROWS; r++)
        h = Math.imul(h ^ sig[band * LSH_ROWS + r], 0x85ebca6b) ^ (h >>> 13);
    // 30 bits: a small integer, which a JavaScript Map hashes without allocating.
    return (h ^ (h >>> 15)) & 0x3fffffff;
}
/** Past this, a run of lines has its key marks counted by parseJsonLine instead (see keyMarksPerLine). */
const KEY_MARKS_MAX_BYTES = 256 * 1024;
/** keyMarksPerLine's counts, reused between runs (KEY_MARKS_MAX_BYTES bounds it). */
let lineCounts = new Int32Array(4096);
/** keyMarksPerLine's count for a line with whitespace between a quote and a colon: the exact scan must run. */
const KEY_GAP_MARK = -1;
/**
 * The number of '":' pairs in each line of a run of whole lines (UTF-8, each ending with '\n'), for
 * parseJsonLine's duplicate-key check; with `gaps`, KEY_GAP_MARK instead for a line where whitespace separates a
 * quote from a colon (so parseJsonLine need not search each line for one). Undefined for a run over
 * KEY_MARKS_MAX_BYTES (a long line), so that the counts never take more than a bounded array.
 */
function keyMarksPerLine(bytes, gaps = false) {
    if (bytes.length > KEY_MARKS_MAX_BYTES)
        return undefined;
    // At most one line per byte.
    if (lineCounts.length < bytes.length)
        lineCounts = new Int32Array(Math.max(bytes.length, 2 * lineCounts.length));
    const counts = lineCounts;
    let lines = 0;
    let count = 0;
    let gap = false;
    const last = bytes.length - 1;
    for (let i = 0; i <= last; i++) {
        const c = bytes[i];
        if (c === 10) {
            counts[lines++] = gap ? KEY_GAP_MARK : count;
            count = 0;
            gap = false;
        }
        else if (c === 34 && i < last) {
            const next = bytes[i + 1];
            if (next === 58)
                count++;
            else if (gaps && (next === 32 || next === 9 || next === 13)) {
                // A quote, whitespace, a colon: a key written as `"a" : 1` hides its pair (parseJsonLine's KEY_GAP).
                let j = i + 2;
                while (j <= last && (bytes[j] === 32 || bytes[j] === 9 || bytes[j] === 13))
                    j++;
                if (j <= last && bytes[j] === 58)
                    gap = true;
            }
        }
    }
    return counts.slice(0, lines);
}
/**
 * One pass over a text that yields everything the row checks need: the hash of its normalised form
 * (NFKC, lower case, whitespace collapsed — the same value as hash53(normaliseText(text))), its MinHash
 * signature over word 3-grams (the same as signature(normaliseText(text))), and which personal-data
 * patterns it can match (none: findPii(text) finds nothing and need not run). Fused because these were
 * several passes and the largest cost of validating a large dataset (`npm run bench -- text-scan` measures the
 * fused scan against those passes). ASCII text, the common case, is scanned as it is; other text after NFKC and
 * lower-casing.
 */
class TextScanner {
    /** cyrb53 of the normalised text. */
    hash = 0;
    /** MinHash signature of the normalised text (reused between calls; copy it to keep it). */
    signature = new Uint32Array(MINHASH_BINS);
    hasSignature = false;
    /** The findPii families the text can match (0: findPii is certain to find nothing), with PII_NUMERIC_SEEN. */
    piiFamilies = 0;
    state = new ScanState();
    /** Scans a text; `withSignature` also computes the MinHash signature. */
    scan(text, withSignature) {
        const s = this.state;
        let count = scanText(text, s, true);
        if (count >= 0) {
            // On ASCII text the numeric family is exactly NUMERIC_HINT's match (six digits joined by single separators).
            this.piiFamilies = s.families & _pii_js__WEBPACK_IMPORTED_MODULE_0__/* .PII_NUMERIC */ .p ? s.families | _pii_js__WEBPACK_IMPORTED_MODULE_0__/* .PII_NUMERIC_SEEN */ .$F : s.families;
        }
        else {
            // NFKC changes only non-ASCII text: such text is normalised here, then scanned; findPii uses its own
            // hints on it.
            count = scanText(text.normalize('NFKC').toLowerCase(), s, false);
            this.piiFamilies = _pii_js__WEBPACK_IMPORTED_MODULE_0__/* .PII_ANY */ .uW;
        }
        this.hash = finish(s.h1, s.h2);
        this.hasSignature = false;
        // An empty text has no signature, as signature('') is null.
        if (!withSignature || count === 0)
            return;
        signWords(s.words, count, this.signature);
        this.hasSignature = true;
    }
}
/**
 * A near-duplicate index of MinHash signatures (banded LSH, as described in minhash.ts): the best indexed item
 * whose estimated Jaccard similarity reaches the threshold. Built once (the eval split's inputs), queried for
 * every train row. Its buckets are an open-addressing table in typed arrays (a bucket's entries chained through
 * `nexts`), not a Map of arrays: a query allocates nothing and the index takes a few arrays however large.
 */
class NearDuplicateIndex {
    items = [];
    /** MINHASH_BINS per item. */
    sigs;
    /** Per slot: the band key held (-1: free) and the first entry of its bucket. */
    keys;
    heads;
    /** Per entry (an item in one band's bucket): its item and the next entry of the bucket (-1: the last). */
    entryItems;
    nexts;
    /** Per item: the query that last compared it, so that an item found in several bands is compared once. */
    stamps;
    stamp = 0;
    mask;
    constructor(entries) {
        const n = entries.length;
        const links = n * LSH_BANDS;
        const slots = 1 << Math.ceil(Math.log2(Math.max(64, 2 * links)));
        this.mask = slots - 1;
        this.sigs = new Uint32Array(n * MINHASH_BINS);
        this.keys = new Int32Array(slots).fill(-1);
        this.heads = new Int32Array(slots);
        this.entryItems = new Int32Array(links);
        this.nexts = new Int32Array(links);
        this.stamps = new Int32Array(n);
        const tails = new Int32Array(slots);
        let e = 0;
        entries.forEach(({ signature, item }, idx) => {
            this.items.push(item);
            this.sigs.set(signature.subarray(0, MINHASH_BINS), idx * MINHASH_BINS);
            for (let b = 0; b < LSH_BANDS; b++) {
                const key = bandKey(signature, b);
                const slot = this.slotOf(key);
                this.entryItems[e] = idx;
                this.nexts[e] = -1;
                if (this.keys[slot] === -1) {
                    this.keys[slot] = key;
                    this.heads[slot] = e;
                }
                else
                    this.nexts[tails[slot]] = e;
                tails[slot] = e;
                e++;
            }
        });
    }
    /** The slot of a band key: the one holding it, or the free one where it would go. */
    slotOf(key) {
        const keys = this.keys;
        let slot = Math.imul(key, 0x9e3779b1) & this.mask;
        while (keys[slot] !== -1 && keys[slot] !== key)
            slot = (slot + 1) & this.mask;
        return slot;
    }
    get size() {
        return this.items.length;
    }
    /**
     * The most similar indexed item with estimated Jaccard >= threshold, or undefined. Every item that shares a band
     * is compared bin by bin, once; of those with the most equal bins, the first found (by band, then bucket order).
     */
    query(sig, threshold) {
        if (this.items.length === 0)
            return undefined;
        const needed = Math.ceil(threshold * MINHASH_BINS - 1e-9);
        const allowed = MINHASH_BINS - needed;
        if (++this.stamp === 0x7fffffff) {
            this.stamps.fill(0);
            this.stamp = 1;
        }
        const { sigs, keys, heads, nexts, entryItems, stamps, stamp } = this;
        let best = -1;
        let bestSame = needed - 1;
        for (let b = 0; b < LSH_BANDS; b++) {
            const key = bandKey(sig, b);
            const slot = this.slotOf(key);
            if (keys[slot] !== key)
                continue;
            for (let e = heads[slot]; e !== -1; e = nexts[e]) {
                const idx = entryItems[e];
                if (stamps[idx] === stamp)
                    continue;
                stamps[idx] = stamp;
                // Stops at the first bin past the misses the threshold allows.
                const at = idx * MINHASH_BINS;
                let misses = 0;
                for (let i = 0; i < MINHASH_BINS && misses <= allowed; i++)
                    if (sig[i] !== sigs[at + i])
                        misses++;
                if (misses <= allowed && MINHASH_BINS - misses > bestSame) {
                    bestSame = MINHASH_BINS - misses;
                    best = idx;
                }
            }
        }
        return best < 0 ? undefined : { item: this.items[best], similarity: bestSame / MINHASH_BINS };
    }
}


/***/ }),

/***/ 3524:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Lm: () => (/* binding */ approximateTokens),
/* harmony export */   Oz: () => (/* binding */ tokenizerCounter),
/* harmony export */   s7: () => (/* binding */ LengthStats),
/* harmony export */   tV: () => (/* binding */ approximateCounter)
/* harmony export */ });
/* unused harmony export MAX_TOKENIZER_BYTES */
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _registry_lfs_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(9676);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(3916);




/** The estimate of approximateCounter from a text's length alone (the template sandbox sends only lengths). */
const approximateTokens = (length) => Math.ceil(length / 4);
/** About four characters per token for English text with BPE tokenizers: an estimate, said as such. */
const approximateCounter = {
    exact: false,
    method: '≈ 4 characters per token (no tokenizer.json in the registry)',
    count: text => approximateTokens(text.length)
};
/** The largest tokenizer.json read (the largest real ones, of models with 256,000-token vocabularies, are ~35 MB). */
const MAX_TOKENIZER_BYTES = 64 * 2 ** 20;
/** A counter from a tokenizer.json (and tokenizer_config.json beside it, when present). */
async function tokenizerCounter(tokenizerJsonPath) {
    await (0,_registry_lfs_js__WEBPACK_IMPORTED_MODULE_2__/* .assertNotLfsPointer */ .gZ)(tokenizerJsonPath);
    // Read whole (and parsed) in every thread that counts tokens: a pull request's file is bounded first.
    const size = (await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.stat)(tokenizerJsonPath).catch(() => undefined))?.size ?? 0;
    if (size > MAX_TOKENIZER_BYTES)
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .ConfigurationError */ .j1(`${tokenizerJsonPath}: ${size.toLocaleString('en-US')} bytes, past the ${MAX_TOKENIZER_BYTES / 2 ** 20} MiB a tokenizer.json may have; expected the tokenizer.json of the base model`);
    let json;
    try {
        json = JSON.parse(await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.readFile)(tokenizerJsonPath, 'utf8'));
    }
    catch (e) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .ConfigurationError */ .j1(`${tokenizerJsonPath}: not a readable tokenizer.json (${e instanceof Error ? e.message : String(e)}); expected the tokenizer.json of the base model`);
    }
    let config = {};
    try {
        config = JSON.parse(await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.readFile)(node_path__WEBPACK_IMPORTED_MODULE_1___default().join(node_path__WEBPACK_IMPORTED_MODULE_1___default().dirname(tokenizerJsonPath), 'tokenizer_config.json'), 'utf8'));
    }
    catch {
        config = {};
    }
    let tokenizer;
    try {
        // Loaded when a model has a tokenizer: a data-checking thread without one starts without the library.
        const { Tokenizer } = await __webpack_require__.e(/* import() */ 554).then(__webpack_require__.bind(__webpack_require__, 7554));
        tokenizer = new Tokenizer(json, config);
    }
    catch (e) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .ConfigurationError */ .j1(`${tokenizerJsonPath}: not a tokenizer the tokenizers library can load (${e instanceof Error ? e.message : String(e)})`);
    }
    return {
        exact: true,
        method: `exact, ${node_path__WEBPACK_IMPORTED_MODULE_1___default().basename(tokenizerJsonPath)}`,
        count: text => tokenizer.encode(text, { add_special_tokens: false }).ids.length
    };
}
/**
 * Streaming length statistics in bounded memory: exact count, mean and max; percentiles from a
 * fixed-size reservoir sample (Vitter's algorithm R) with a seeded generator, so reports repeat.
 */
class LengthStats {
    capacity;
    reservoir = [];
    n = 0;
    sum = 0;
    maxValue = 0;
    state = 0x9e3779b9;
    constructor(capacity = 20_000) {
        this.capacity = capacity;
    }
    add(value) {
        this.n++;
        this.sum += value;
        if (value > this.maxValue)
            this.maxValue = value;
        if (this.reservoir.length < this.capacity)
            this.reservoir.push(value);
        else {
            const j = Math.floor(this.random() * this.n);
            if (j < this.capacity)
                this.reservoir[j] = value;
        }
    }
    random() {
        // xorshift32
        let x = this.state;
        x ^= x << 13;
        x ^= x >>> 17;
        x ^= x << 5;
        this.state = x >>> 0;
        return this.state / 4294967296;
    }
    summary() {
        // A typed array sorts numerically without a comparator call per pair (one summary per split and model).
        const sorted = Float64Array.from(this.reservoir).sort();
        const q = (p) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] : 0);
        return { count: this.n, mean: this.n ? this.sum / this.n : 0, p50: q(0.5), p95: q(0.95), max: this.maxValue };
    }
}


/***/ }),

/***/ 9012:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   IL: () => (/* binding */ defaultTemplateLimits),
/* harmony export */   mN: () => (/* binding */ promptTemplateLocation),
/* harmony export */   qp: () => (/* binding */ TemplateSandbox),
/* harmony export */   uQ: () => (/* binding */ TemplateLimitError)
/* harmony export */ });
/* unused harmony exports workerScriptUrl, isTemplateSandbox, serveTemplateRenders, templateLocation */
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1421);
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_child_process__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_events__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(8474);
/* harmony import */ var node_events__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_events__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var node_worker_threads__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(5919);
/* harmony import */ var node_worker_threads__WEBPACK_IMPORTED_MODULE_3___default = /*#__PURE__*/__webpack_require__.n(node_worker_threads__WEBPACK_IMPORTED_MODULE_3__);
/* harmony import */ var node_url__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(3136);
/* harmony import */ var node_url__WEBPACK_IMPORTED_MODULE_4___default = /*#__PURE__*/__webpack_require__.n(node_url__WEBPACK_IMPORTED_MODULE_4__);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(3916);
/* harmony import */ var _registry_source_text_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(7836);
/* harmony import */ var _template_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(5509);








/** Defaults: a sound template renders a row in microseconds and a few MiB; rows can be max_line_bytes long. */
function defaultTemplateLimits(maxLineBytes) {
    return {
        timeMs: Number(process.env.TUNEGATE_TEMPLATE_TIME_MS) || 2000,
        memoryMb: Number(process.env.TUNEGATE_TEMPLATE_MEMORY_MB) || Math.max(128, Math.ceil((8 * maxLineBytes) / 2 ** 20) + 64),
        outputChars: 4 * maxLineBytes
    };
}
/** A template that ran past its time or memory limit on a row; `row` is the row's index in the batch. */
class TemplateLimitError extends _errors_js__WEBPACK_IMPORTED_MODULE_5__/* .ConfigurationError */ .j1 {
    row;
    constructor(message, row) {
        super(message);
        this.row = row;
        this.name = 'TemplateLimitError';
    }
}
/** Set in the environment of a sandbox process, so the shared worker entry serves templates. */
const SANDBOX_ENV = 'TUNEGATE_TEMPLATE_SANDBOX';
/**
 * The sandbox script: the TypeScript bootstrap from sources; in an ncc bundle the action's worker bundle
 * (dist/<action>/worker/index.js), which is this very file when the caller is itself a worker thread.
 */
function workerScriptUrl(moduleUrl) {
    if (moduleUrl.endsWith('.ts'))
        return new URL('../data/row-worker.bootstrap.mjs', moduleUrl);
    return node_worker_threads__WEBPACK_IMPORTED_MODULE_3__.isMainThread ? new URL('./worker/index.js', moduleUrl) : new URL(moduleUrl);
}
/** True in a process started as a template sandbox (see serveRangeTasks). */
function isTemplateSandbox() {
    return process.env[SANDBOX_ENV] === '1' && typeof process.send === 'function' && isMainThread;
}
/** The sandbox side: compiles the template once, then answers each batch of rows with their renderings (or lengths). */
function serveTemplateRenders() {
    let compiled;
    let outputChars = 0;
    const send = (m) => void process.send(m);
    process.on('disconnect', () => process.exit(0));
    process.on('message', (m) => {
        if ('source' in m) {
            compiled = compileTemplate(m.source);
            outputChars = m.outputChars;
            return send({ ready: true });
        }
        const results = [];
        for (let i = 0; i < m.rows.length; i++) {
            const r = compiled?.ok ? render(compiled.prompt, m.rows[i]) : { ok: false, message: 'no template' };
            // The length of a rope is known without flattening it; sending it would flatten it.
            if (r.ok && r.text.length > outputChars)
                return send({ tooLong: r.text.length, row: i });
            results.push(r.ok && !m.text ? { ok: true, length: r.text.length } : r);
        }
        return send({ results });
    });
}
/** Milliseconds a sandbox may take to start (load the template engine) before it counts as failed. */
const START_MS = 60_000;
/**
 * Renders a prompt template in a separate process with a heap limit, and ends it when a batch of rows takes
 * longer than the time limit: a template from a pull request can loop (nested range()), recurse (a macro
 * calling itself twice per level) or allocate (tojson(indent=100000000)) without end, which no static check
 * of the template catches in full. A process, not a worker thread: V8 ends the whole process when a worker
 * thread's single allocation passes its heap limit. The sandbox starts on first use and again after a limit
 * ended it; a batch that hits a limit is rendered again row by row to name the row.
 */
class TemplateSandbox {
    source;
    limits;
    where;
    child;
    /** Batches run one at a time (several threads may share a sandbox): a batch's time starts when it is sent. */
    queue = Promise.resolve();
    constructor(source, limits, 
    /** Named in the limit messages: the template's file and line. */
    where) {
        this.source = source;
        this.limits = limits;
        this.where = where;
    }
    /** Renders each row; throws TemplateLimitError when a row runs past a limit. */
    renderAll(rows) {
        return this.queued(rows, true);
    }
    /**
     * Each row's rendered length, the text left in the sandbox (the data checks need only the length); rows with
     * the same variables as one measured before are answered from a bounded cache without crossing to the sandbox
     * (a registry-wide change checks many models whose prompt and rows are the same). Throws TemplateLimitError as
     * renderAll does.
     */
    async measureAll(rows) {
        const keys = rows.map(cacheKey);
        const out = keys.map(k => (k === undefined ? undefined : this.measured.get(k)));
        // The rows to send, each distinct key once; `from` maps each row still without an answer to its place in them.
        const send = [];
        const from = new Map();
        const sentKey = new Map();
        for (let i = 0; i < rows.length; i++) {
            if (out[i])
                continue;
            const key = keys[i];
            const earlier = key === undefined ? undefined : sentKey.get(key);
            if (earlier !== undefined)
                from.set(i, earlier);
            else {
                if (key !== undefined)
                    sentKey.set(key, send.length);
                from.set(i, send.length);
                send.push(i);
            }
        }
        if (send.length) {
            let fresh;
            try {
                fresh = (await this.queued(send.map(i => rows[i]), false));
            }
            catch (e) {
                // The row is named by its place in the caller's batch.
                throw e instanceof TemplateLimitError ? new TemplateLimitError(e.message, send[e.row] ?? 0) : e;
            }
            for (const [i, j] of from)
                out[i] = fresh[j];
            send.forEach((i, j) => {
                const key = keys[i];
                if (key !== undefined)
                    this.remember(key, fresh[j]);
            });
        }
        return out;
    }
    /** Rows sent to the sandbox process so far (the measure cache answers the others). */
    get rowsSent() {
        return this.sent;
    }
    sent = 0;
    /** Characters of keys the measure cache holds at most (16 MiB of text, 20-odd MB with the map). */
    static CACHE_CHARS = 16 * 2 ** 20;
    measured = new Map();
    measuredChars = 0;
    /** Keeps an outcome; past CACHE_CHARS the oldest go first. */
    remember(key, outcome) {
        if (key.length > TemplateSandbox.CACHE_CHARS / 64 || this.measured.has(key))
            return;
        this.measured.set(key, outcome);
        this.measuredChars += key.length;
        for (const old of this.measured.keys()) {
            if (this.measuredChars <= TemplateSandbox.CACHE_CHARS)
                break;
            this.measured.delete(old);
            this.measuredChars -= old.length;
        }
    }
    queued(rows, text) {
        this.pending++;
        const done = this.queue.then(() => this.renderNow(rows, text));
        this.queue = done
            .catch(() => undefined)
            .finally(() => {
            if (--this.pending === 0 && this.released)
                void this.end();
        });
        return done;
    }
    /** Batches queued or running. */
    pending = 0;
    /** Set by release(): the process ends whenever no batch is queued. */
    released = false;
    /**
     * Ends the process as soon as no batch is queued, and again after any later batch: for a sandbox its owner no
     * longer keeps (one per template, and a registry-wide change meets hundreds of templates), whose caller may
     * still have batches in flight. A later batch still renders (the process starts again).
     */
    release() {
        this.released = true;
        if (this.pending === 0)
            void this.end();
    }
    async renderNow(rows, text) {
        if (!rows.length)
            return [];
        try {
            return await this.batch(rows, text);
        }
        catch (e) {
            if (!(e instanceof TemplateLimitError) || rows.length === 1)
                throw e;
        }
        const out = [];
        for (let i = 0; i < rows.length; i++) {
            try {
                out.push(...(await this.batch([rows[i]], text)));
            }
            catch (e) {
                throw e instanceof TemplateLimitError ? new TemplateLimitError(e.message, i) : e;
            }
        }
        return out;
    }
    /** Starts the sandbox process now, without waiting for it: a start that fails is reported by the next render. */
    warm() {
        this.start().catch(() => undefined);
    }
    /** Ends the sandbox process; a later render starts a new one. */
    async end() {
        const c = this.child;
        this.child = undefined;
        if (!c)
            return;
        const child = await c.catch(() => undefined);
        if (child && child.exitCode === null && child.signalCode === null) {
            const gone = (0,node_events__WEBPACK_IMPORTED_MODULE_2__.once)(child, 'exit');
            // An idle sandbox is unreferenced; the wait for its exit must keep the process alive.
            child.ref();
            child.kill('SIGKILL');
            await gone;
        }
    }
    async batch(rows, text) {
        const child = await this.start();
        return new Promise((resolve, reject) => {
            let settled = false;
            // The caller's thread may be busy when the time is up, with the answer already waiting in the channel:
            // the check phase comes after the poll phase, which reads it, so an answer in time is never taken for late.
            const timer = setTimeout(() => setImmediate(() => {
                if (settled)
                    return;
                settle();
                void this.end();
                reject(this.limitError(`ran past its time limit of ${seconds(this.limits.timeMs)}`, 0));
            }), this.limits.timeMs);
            const onMessage = (m) => {
                settle();
                if ('results' in m)
                    resolve(m.results);
                else if ('tooLong' in m)
                    reject(this.limitError(`renders one row as ${m.tooLong} characters, past its output limit of ${this.limits.outputChars}`, m.row));
            };
            const onExit = (code, signal) => {
                settle();
                this.child = undefined;
                // V8 aborts a process whose heap passes its limit.
                reject(signal === 'SIGABRT' || signal === 'SIGTRAP' || code === 134 || code === 133
                    ? this.limitError(`ran past its memory limit of ${this.limits.memoryMb} MiB`, 0)
                    : new Error(`the prompt template sandbox exited (${signal ?? `exit code ${code}`})`));
            };
            const settle = () => {
                settled = true;
                clearTimeout(timer);
                child.off('message', onMessage);
                child.off('exit', onExit);
                child.unref();
                child.channel?.unref();
            };
            child.ref();
            child.channel?.ref();
            child.on('message', onMessage);
            child.once('exit', onExit);
            this.sent += rows.length;
            child.send({ rows, text });
        });
    }
    limitError(what, row) {
        const expected = what.includes('time') ? 'work' : 'output';
        return new TemplateLimitError(`the prompt template (${this.where}) ${what} on one row; expected a template whose ${expected} is bounded by the row`, row);
    }
    start() {
        this.child ??= new Promise((resolve, reject) => {
            const child = (0,node_child_process__WEBPACK_IMPORTED_MODULE_1__.fork)((0,node_url__WEBPACK_IMPORTED_MODULE_4__.fileURLToPath)(workerScriptUrl(import.meta.url)), [], {
                execArgv: [`--max-old-space-size=${this.limits.memoryMb}`],
                env: { ...process.env, [SANDBOX_ENV]: '1' },
                // V8's report of an exhausted heap is not the user's business; the limit message says it.
                stdio: ['ignore', 'ignore', 'ignore', 'ipc'],
                serialization: 'advanced'
            });
            const timer = setTimeout(() => fail(new Error('the prompt template sandbox did not start')), START_MS);
            const fail = (e) => {
                clearTimeout(timer);
                child.kill('SIGKILL');
                this.child = undefined;
                reject(e);
            };
            child.once('error', fail);
            child.once('exit', code => fail(new Error(`the prompt template sandbox exited on start (exit code ${code})`)));
            child.once('message', () => {
                clearTimeout(timer);
                child.removeAllListeners('exit');
                child.removeAllListeners('error');
                child.on('error', () => undefined);
                // Idle, it keeps nobody waiting (a batch holds it while it runs): a sandbox started early and never
                // used must not keep the process alive.
                child.unref();
                child.channel?.unref();
                resolve(child);
            });
            child.send({ source: this.source, outputChars: this.limits.outputChars });
        });
        return this.child;
    }
}
/**
 * A row's variables as a cache key: JSON, which tells apart every value a JSON row holds; undefined (not cached)
 * for a row with a value JSON would blur — a bigint (JSON has none) or -0 (written as 0, yet 1/-0 renders apart).
 * Strings, most rows' values, are not walked.
 */
function cacheKey(variables) {
    for (const name in variables) {
        const v = variables[name];
        if (typeof v !== 'string' && !exactInJson(v))
            return undefined;
    }
    return JSON.stringify(variables);
}
/** Whether JSON writes a value so that no other value has the same text (see cacheKey). */
function exactInJson(v) {
    if (typeof v === 'bigint')
        return false;
    if (typeof v === 'number')
        return !Object.is(v, -0);
    if (Array.isArray(v))
        return v.every(exactInJson);
    if (v !== null && typeof v === 'object')
        return Object.values(v).every(exactInJson);
    return true;
}
const seconds = (ms) => (ms < 1000 ? `${ms} ms` : `${ms / 1000} s`);
/** `file:line` of a loaded prompt's `template:` key: the line the loader found, else read from the file. */
async function promptTemplateLocation(prompt) {
    if (prompt.templateLine !== undefined)
        return `${prompt.file.display}:${prompt.templateLine}`;
    return templateLocation(prompt.file.absolute, prompt.file.display);
}
/** `file:line` of the `template:` key of a prompt file, for messages (the file alone when it cannot be found). */
async function templateLocation(absolute, display) {
    try {
        const text = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.readFile)(absolute, 'utf8');
        // Loaded here only: the sandbox and data-checking threads, which share this module, never need it.
        const { parseDocument } = await Promise.resolve(/* import() */).then(__webpack_require__.t.bind(__webpack_require__, 8815, 19));
        const doc = parseDocument(text);
        const pair = doc.contents && 'items' in doc.contents ? doc.contents.items : [];
        for (const item of pair)
            if (item.key?.value === 'template' && item.key.range)
                return `${display}:${new _registry_source_text_js__WEBPACK_IMPORTED_MODULE_6__/* .LineIndex */ .rr(text).position(item.key.range[0]).line}`;
    }
    catch {
        // the loader reported the file already
    }
    return display;
}


/***/ }),

/***/ 5509:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Gq: () => (/* binding */ compileTemplate),
/* harmony export */   R$: () => (/* binding */ plainLength),
/* harmony export */   Y9: () => (/* binding */ compiledTemplate),
/* harmony export */   ld: () => (/* binding */ renderPlain)
/* harmony export */ });
/* unused harmony exports MAX_TEMPLATE_REPEAT, render */
/* harmony import */ var _huggingface_jinja__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8931);

/** Names a template may use without a row providing them. */
const BUILTINS = new Set([
    'true',
    'false',
    'none',
    'True',
    'False',
    'None',
    'loop',
    'range',
    'namespace',
    'raise_exception',
    'strftime_now',
    'bos_token',
    'eos_token',
    'add_generation_prompt'
]);
/** The most iterations a literal bound may ask of range() or a repetition with `*`. */
const MAX_TEMPLATE_REPEAT = 10_000;
/**
 * Why a template could render without end or without bound, or null. Loops over a row's own data are
 * bounded by the data; what is not is range() with a computed or huge bound, and `*` by a huge number —
 * a pull request's template must not stall validation or training. (Macro recursion ends in a stack
 * overflow, which rendering already reports.)
 */
function unboundedWork(node) {
    if (Array.isArray(node)) {
        for (const n of node) {
            const r = unboundedWork(n);
            if (r)
                return r;
        }
        return null;
    }
    if (!isNode(node))
        return null;
    if (node.type === 'CallExpression' &&
        isNode(node.callee) &&
        node.callee.type === 'Identifier' &&
        node.callee.value === 'range') {
        const args = node.args ?? [];
        const bounded = args.every(a => isNode(a) && a.type === 'IntegerLiteral' && Math.abs(a.value) <= MAX_TEMPLATE_REPEAT);
        if (!bounded)
            return `range() in a prompt template needs integer literal bounds of at most ${MAX_TEMPLATE_REPEAT}`;
    }
    const widened = paddingFilter(node);
    if (widened)
        return widened;
    if (node.type === 'BinaryExpression' && node.operator?.value === '*') {
        for (const side of [node.left, node.right]) {
            if (isNode(side) &&
                (side.type === 'IntegerLiteral' || side.type === 'FloatLiteral') &&
                Math.abs(side.value) > MAX_TEMPLATE_REPEAT) {
                return `'* ${side.value}' in a prompt template could repeat text without bound; expected at most ${MAX_TEMPLATE_REPEAT}`;
            }
        }
    }
    for (const [k, v] of Object.entries(node)) {
        if (k === 'type')
            continue;
        const r = unboundedWork(v);
        if (r)
            return r;
    }
    return null;
}
/** Filters whose integer argument is a width of padding they write, per line or per nesting level. */
const PADDING_FILTERS = {
    tojson: { position: 0, keyword: 'indent' },
    indent: { position: 0, keyword: 'width' },
    center: { position: 0, keyword: 'width' }
};
/**
 * A padding filter given a literal width past MAX_TEMPLATE_REPEAT (`tojson(indent=100000000)`), or null: its
 * output is that width times the lines, built at once in one string — no output limit can stop it sooner
 * than it is built, and on a loaded machine building it outlasts the time limit, so it is refused here.
 */
function paddingFilter(node) {
    if (node.type !== 'FilterExpression' || !isNode(node.filter) || node.filter.type !== 'CallExpression')
        return null;
    const callee = node.filter.callee;
    const name = isNode(callee) && callee.type === 'Identifier' ? callee.value : '';
    const rule = Object.hasOwn(PADDING_FILTERS, name) ? PADDING_FILTERS[name] : undefined;
    if (!rule)
        return null;
    const args = node.filter.args ?? [];
    const width = args.find((a, i) => isNode(a) && a.type === 'KeywordArgumentExpression'
        ? isNode(a.key) && a.key.value === rule.keyword
        : i === rule.position);
    const value = isNode(width) && width.type === 'KeywordArgumentExpression' ? width.value : width;
    if (!isNode(value) || value.type !== 'IntegerLiteral' || Math.abs(value.value) <= MAX_TEMPLATE_REPEAT)
        return null;
    return `'${name}(${rule.keyword}=${value.value})' in a prompt template pads each line with that many spaces; expected at most ${MAX_TEMPLATE_REPEAT}`;
}
/** Parses a Jinja template (the dialect of Hugging Face chat templates) and finds the variables it reads. */
function compileTemplate(source) {
    let template;
    try {
        template = new _huggingface_jinja__WEBPACK_IMPORTED_MODULE_0__/* .Template */ .Bj(source);
    }
    catch (e) {
        return { ok: false, message: `invalid Jinja template: ${e instanceof Error ? e.message : String(e)}` };
    }
    const unbounded = unboundedWork(template.parsed);
    if (unbounded)
        return { ok: false, message: unbounded };
    const used = new Set();
    const bound = new Set();
    collectBound(template.parsed, bound);
    collect(template.parsed, bound, used);
    const all = new Set();
    identifiers(template.parsed, all);
    const plain = plainParts(template.parsed.body);
    return { ok: true, prompt: { template, used, names: all, ...(plain ? { plain } : {}) } };
}
/**
 * The parts of a plain-substitution template (see CompiledPrompt.plain), or undefined for any other. The parser
 * has already applied whitespace control (`{{-`, trim_blocks), so the text nodes are what the output holds.
 */
function plainParts(body) {
    const parts = [];
    for (const node of body) {
        if (!isNode(node))
            return undefined;
        // A text node, or a string literal written out: either way the output holds its value.
        if (node.type === 'StringLiteral' && typeof node.value === 'string')
            parts.push({ text: node.value });
        else if (node.type === 'Comment')
            continue;
        // A builtin name (true, none, loop…) resolves to the engine's value, not the row's.
        else if (node.type === 'Identifier' && typeof node.value === 'string' && !BUILTINS.has(node.value))
            parts.push({ name: node.value });
        else
            return undefined;
    }
    return parts;
}
/**
 * A plain template's rendering of a row, or undefined when a value it writes is not a string (a number, a list,
 * a missing variable): the engine formats those, so they go to the sandbox. Equal to the engine's rendering
 * (test/template-plain.test.ts renders both ways).
 */
function renderPlain(parts, variables) {
    const get = typeof variables === 'function' ? variables : ownValue(variables);
    if (plainLength(parts, get) === undefined)
        return undefined;
    let out = '';
    for (const part of parts)
        out += 'text' in part ? part.text : get(part.name);
    return out;
}
/**
 * The length of renderPlain's result, without building it (a template can repeat a long value many times).
 * `variables`: the row's values, or a function that looks one up by name (no object made per row).
 */
function plainLength(parts, variables) {
    const get = typeof variables === 'function' ? variables : ownValue(variables);
    let length = 0;
    for (const part of parts) {
        if ('text' in part)
            length += part.text.length;
        else {
            const value = get(part.name);
            if (typeof value !== 'string')
                return undefined;
            length += value.length;
        }
    }
    return length;
}
const ownValue = (variables) => (name) => Object.hasOwn(variables, name) ? variables[name] : undefined;
/** Compiled templates by source, the most recent few kept (see compiledTemplate). */
const compiledBySource = new Map();
const COMPILED_KEPT = 64;
/**
 * compileTemplate, remembered by source: the models of a registry-wide change often share a template, and a data
 * check compiles its model's template once per thread and file. A compiled template is only read afterwards.
 */
function compiledTemplate(source) {
    let compiled = compiledBySource.get(source);
    if (!compiled) {
        compiled = compileTemplate(source);
        if (compiledBySource.size >= COMPILED_KEPT)
            compiledBySource.delete(compiledBySource.keys().next().value);
        compiledBySource.set(source, compiled);
    }
    return compiled;
}
/** Renders a template with a row's variables; a runtime error comes back as a message. */
function render(prompt, variables) {
    try {
        return { ok: true, text: prompt.template.render(variables) };
    }
    catch (e) {
        return { ok: false, message: e instanceof Error ? e.message : String(e) };
    }
}
const isNode = (v) => typeof v === 'object' && v !== null && typeof v.type === 'string';
function names(target, into) {
    if (!isNode(target))
        return;
    if (target.type === 'Identifier')
        into.add(target.value);
    else if (target.type === 'TupleLiteral' || target.type === 'ArrayLiteral')
        for (const v of target.value ?? [])
            names(v, into);
}
/** Every identifier in a template's syntax tree. */
function identifiers(node, into) {
    if (Array.isArray(node))
        return node.forEach(n => identifiers(n, into));
    if (!isNode(node))
        return;
    if (node.type === 'Identifier' && typeof node.value === 'string')
        into.add(node.value);
    for (const [k, v] of Object.entries(node))
        if (k !== 'type')
            identifiers(v, into);
}
/** Names that `set`, macros and loops define anywhere: they are never free variables. */
function collectBound(node, bound) {
    if (Array.isArray(node))
        return node.forEach(n => collectBound(n, bound));
    if (!isNode(node))
        return;
    if (node.type === 'Set')
        names(node.assignee, bound);
    if (node.type === 'Macro') {
        names(node.name, bound);
        for (const a of node.args ?? [])
            names(isNode(a) && a.type === 'KeywordArgumentExpression' ? a.key : a, bound);
    }
    if (node.type === 'For')
        names(node.loopvar, bound);
    for (const [k, v] of Object.entries(node))
        if (k !== 'type')
            collectBound(v, bound);
}
function collect(node, bound, used) {
    if (Array.isArray(node))
        return node.forEach(n => collect(n, bound, used));
    if (!isNode(node))
        return;
    switch (node.type) {
        case 'Identifier': {
            const v = node.value;
            if (!bound.has(v) && !BUILTINS.has(v))
                used.add(v);
            return;
        }
        case 'MemberExpression':
            collect(node.object, bound, used);
            if (node.computed)
                collect(node.property, bound, used);
            return;
        case 'FilterExpression':
            collect(node.operand, bound, used);
            if (isNode(node.filter) && node.filter.type === 'CallExpression')
                collect(node.filter.args, bound, used);
            return;
        case 'TestExpression':
            collect(node.operand, bound, used);
            return;
        case 'KeywordArgumentExpression':
            collect(node.value, bound, used);
            return;
        case 'Macro':
            collect(node.body, bound, used);
            return;
        case 'Set':
            collect(node.value, bound, used);
            collect(node.body, bound, used);
            return;
        default:
            for (const [k, v] of Object.entries(node))
                if (k !== 'type')
                    collect(v, bound, used);
    }
}


/***/ })

};
