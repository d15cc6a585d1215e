export const id = 704;
export const ids = [704];
export const modules = {

/***/ 2704:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  driftCommand: () => (/* binding */ driftCommand)
});

// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
var external_node_path_default = /*#__PURE__*/__webpack_require__.n(external_node_path_);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
// EXTERNAL MODULE: ./src/data/tokens.ts
var tokens = __webpack_require__(3524);
// EXTERNAL MODULE: ./src/registry/git.ts
var git = __webpack_require__(6603);
// EXTERNAL MODULE: ./src/registry/loader.ts + 1 modules
var loader = __webpack_require__(1905);
// EXTERNAL MODULE: ./src/data/pii.ts
var data_pii = __webpack_require__(1902);
// EXTERNAL MODULE: ./src/data/seeded-random.ts
var seeded_random = __webpack_require__(8916);
;// CONCATENATED MODULE: ./src/drift/statistics.ts
// The statistics of Evidently's default drift tests, with the p-values scipy gives for them, written by hand (a
// few lines each): no maintained npm package has the two-sample forms or a chi-square survival function that
// stays exact in the far tail (jstat's is 1 − cdf, which reads 0 below about 1e-16).
/**
 * Two-sample Kolmogorov–Smirnov: the largest gap between the empirical CDFs and its two-sided p-value, exact as
 * scipy.stats.ks_2samp computes it by default (method 'exact' up to 10,000 rows a side): the share of lattice
 * paths that leave the band |x/n − y/m| < D (Hodges' inside method, with Viehmann's recursion for 1 − p, which
 * stays accurate for tiny p-values). Larger samples, or a recursion that leaves [0, 1], fall back to the
 * asymptotic Kolmogorov distribution (scipy uses kstwo there; the figures differ in the fourth decimal).
 */
function ksTwoSample(a, b) {
    const x = Float64Array.from(a).sort();
    const y = Float64Array.from(b).sort();
    const n = x.length;
    const m = y.length;
    if (n === 0 || m === 0)
        return { d: 0, pValue: 1, critical: 1 };
    let i = 0;
    let j = 0;
    let d = 0;
    while (i < n && j < m) {
        const v = Math.min(x[i], y[j]);
        while (i < n && x[i] === v)
            i++;
        while (j < m && y[j] === v)
            j++;
        d = Math.max(d, Math.abs(i / n - j / m));
    }
    const ne = (n * m) / (n + m);
    const critical = 1.358 / Math.sqrt(ne);
    const exact = Math.max(n, m) <= KS_EXACT_ROWS ? ksExactPValue(n, m, d) : NaN;
    if (exact >= 0 && exact <= 1)
        return { d, pValue: exact, critical };
    // Stephens' small-sample correction of the Kolmogorov distribution, as in Numerical Recipes' kstwo.
    const lambda = (Math.sqrt(ne) + 0.12 + 0.11 / Math.sqrt(ne)) * d;
    return { d, pValue: kolmogorovQ(lambda), critical };
}
/** The largest side for which scipy's ks_2samp (method 'auto') computes the exact p-value. */
const KS_EXACT_ROWS = 10_000;
const gcd = (a, b) => (b === 0 ? a : gcd(b, a % b));
/**
 * P(D ≥ d) for two samples of sizes n and m under the null: 1 − the share of monotone lattice paths from (0, 0)
 * to (n, m) that stay strictly inside |x·m − y·n| < h·g, with d rounded to h / lcm(n, m) as scipy rounds it.
 * Each column holds, for the cells inside the band, the share of paths to that cell that left the band.
 */
function ksExactPValue(n, m, d) {
    const big = Math.max(n, m);
    const small = Math.min(n, m);
    const g = gcd(big, small);
    const bg = big / g;
    const sg = small / g;
    const h = Math.round(d * bg * small);
    if (h === 0)
        return 1;
    let lo = 0;
    let hi = Math.min(Math.ceil(h / bg), small + 1);
    let length = hi - lo;
    const column = new Float64Array(Math.min(2 * hi + 2, small + 1)).fill(1);
    column.fill(0, lo, hi);
    for (let i = 1; i <= big; i++) {
        const lastLo = lo;
        const lastLength = length;
        lo = Math.min(Math.max(Math.floor((sg * i - h) / bg) + 1, 0), small);
        hi = Math.min(Math.ceil((sg * i + h) / bg), small + 1);
        if (hi <= lo)
            return 1;
        let value = lo === 0 ? 0 : 1;
        for (let k = 0; k < hi - lo; k++) {
            const j = k + lo;
            value = (column[k + lo - lastLo] * i + value * j) / (i + j);
            column[k] = value;
        }
        length = hi - lo;
        if (lastLength > length)
            column.fill(1, length, lastLength);
    }
    return column[hi - lo - 1];
}
/** P(K > λ) of the Kolmogorov distribution. */
function kolmogorovQ(lambda) {
    if (lambda < 1e-3)
        return 1;
    let sum = 0;
    let sign = 1;
    for (let k = 1; k <= 100; k++) {
        const term = sign * Math.exp(-2 * k * k * lambda * lambda);
        sum += term;
        if (Math.abs(term) < 1e-10)
            break;
        sign = -sign;
    }
    return Math.min(1, Math.max(0, 2 * sum));
}
/** Evidently's floor on the reference's standard deviation: a constant reference does not divide by zero. */
const WASSERSTEIN_MIN_STD = 0.001;
/**
 * Evidently's normalised Wasserstein distance: scipy.stats.wasserstein_distance (the area between the two
 * empirical CDFs) divided by max(np.std(reference), 0.001), the population standard deviation. Against a
 * constant reference any change is large (divided by 0.001), as in Evidently.
 */
function normalisedWasserstein(reference, current) {
    const x = Float64Array.from(reference).sort();
    const y = Float64Array.from(current).sort();
    const n = x.length;
    const m = y.length;
    if (n === 0 || m === 0)
        return 0;
    let i = 0;
    let j = 0;
    let area = 0;
    let prev = Math.min(x[0], y[0]);
    while (i < n || j < m) {
        const v = j >= m || (i < n && x[i] <= y[j]) ? x[i] : y[j];
        area += Math.abs(i / n - j / m) * (v - prev);
        prev = v;
        while (i < n && x[i] === v)
            i++;
        while (j < m && y[j] === v)
            j++;
    }
    const mean = x.reduce((s, v) => s + v, 0) / n;
    const sd = Math.sqrt(x.reduce((s, v) => s + (v - mean) ** 2, 0) / n);
    return area / Math.max(sd, WASSERSTEIN_MIN_STD);
}
/**
 * Jensen–Shannon distance between two count vectors over the same categories, with the natural logarithm
 * (scipy.spatial.distance.jensenshannon's default, which Evidently uses): from 0 to √ln 2 ≈ 0.833. An empty
 * side against a non-empty one is the largest distance.
 */
function jensenShannonDistance(p, q) {
    let sp = 0;
    let sq = 0;
    for (let i = 0; i < p.length; i++) {
        sp += p[i];
        sq += q[i];
    }
    if (sp === 0 || sq === 0)
        return sp === sq ? 0 : Math.sqrt(Math.LN2);
    let div = 0;
    for (let i = 0; i < p.length; i++) {
        const a = p[i] / sp;
        const b = q[i] / sq;
        const mid = (a + b) / 2;
        if (a > 0)
            div += a * Math.log(a / mid);
        if (b > 0)
            div += b * Math.log(b / mid);
    }
    return Math.sqrt(Math.max(0, div / 2));
}
/** ln Γ(a) for a a positive multiple of ½ (a chi-square's df / 2), exactly: a sum of logs. */
function lnGammaHalf(a) {
    let sum = Number.isInteger(a) ? 0 : 0.5 * Math.log(Math.PI);
    for (let k = Number.isInteger(a) ? 1 : 0.5; k < a; k++)
        sum += Math.log(k);
    return sum;
}
/**
 * ln Q(a, x), the upper regularised incomplete gamma function, in log space so that a far tail does not
 * underflow before its logarithm is taken: the series for P when x < a + 1, else Lentz's continued fraction
 * for Q (Numerical Recipes' gser and gcf).
 */
function lnUpperGamma(a, x) {
    if (x <= 0)
        return 0;
    if (x === Infinity)
        return -Infinity;
    const front = -x + a * Math.log(x) - lnGammaHalf(a);
    if (x < a + 1) {
        let term = 1 / a;
        let sum = term;
        for (let k = 1; k < 10_000 && Math.abs(term) > Math.abs(sum) * 1e-17; k++) {
            term *= x / (a + k);
            sum += term;
        }
        return Math.log1p(-Math.min(1, sum * Math.exp(front)));
    }
    const tiny = 1e-300;
    let b = x + 1 - a;
    let c = 1 / tiny;
    let d = 1 / b;
    let h = d;
    for (let k = 1; k < 10_000; k++) {
        const an = -k * (k - a);
        b += 2;
        d = an * d + b;
        if (Math.abs(d) < tiny)
            d = tiny;
        c = b + an / c;
        if (Math.abs(c) < tiny)
            c = tiny;
        d = 1 / d;
        const delta = d * c;
        h *= delta;
        if (Math.abs(delta - 1) < 1e-16)
            break;
    }
    return front + Math.log(h);
}
/** ln P(X ≥ statistic) for a chi-square with df degrees of freedom (scipy.stats.chi2.logsf). */
function chiSquareLogSf(statistic, df) {
    return df <= 0 ? 0 : lnUpperGamma(df / 2, statistic / 2);
}
/** The chi-square distribution's survival function, P(X ≥ statistic) (scipy.stats.chi2.sf); 0 only on underflow. */
function chiSquareSf(statistic, df) {
    return Math.exp(chiSquareLogSf(statistic, df));
}
/**
 * Evidently's chi-square test (its default for a category with more than two values on ≤ 1,000 reference rows):
 * scipy.stats.chisquare of the current counts against the reference's proportions scaled to the current total,
 * over the categories either side has; df = categories − 1. A category the reference never had makes the
 * statistic infinite and p 0, as in Evidently.
 */
function chiSquareGoodnessOfFit(reference, current) {
    let sr = 0;
    let sc = 0;
    let k = 0;
    for (let i = 0; i < reference.length; i++) {
        sr += reference[i];
        sc += current[i];
        if (reference[i] + current[i] > 0)
            k++;
    }
    if (k < 2 || sr === 0 || sc === 0)
        return { statistic: 0, df: Math.max(0, k - 1), pValue: 1 };
    let statistic = 0;
    for (let i = 0; i < reference.length; i++) {
        if (reference[i] + current[i] === 0)
            continue;
        const expected = (reference[i] * sc) / sr;
        statistic += expected > 0 ? (current[i] - expected) ** 2 / expected : Infinity;
    }
    return { statistic, df: k - 1, pValue: chiSquareSf(statistic, k - 1) };
}
/**
 * Evidently's two-proportion z-test (its default for a category with at most two values on ≤ 1,000 reference
 * rows): the pooled z of the first category's share (in sorted order) on each side, two-sided p = 2·Φ(−|z|),
 * here from the chi-square survival function with 1 d.f. (z² has that law), so a far tail is not read as 0.
 * Evidently's p is 1 when both sides hold the same single value.
 */
function twoProportionZTest(reference, current) {
    const first = Array.from({ length: reference.length }, (_, i) => i).find(i => reference[i] + current[i] > 0);
    let n1 = 0;
    let n2 = 0;
    for (let i = 0; i < reference.length; i++) {
        n1 += reference[i];
        n2 += current[i];
    }
    if (first === undefined || n1 === 0 || n2 === 0)
        return { z: 0, pValue: 1 };
    // Shares of "not the first category", as Evidently codes it (0 for the first key, 1 for the other).
    const p1 = (n1 - reference[first]) / n1;
    const p2 = (n2 - current[first]) / n2;
    const pooled = (p1 * n1 + p2 * n2) / (n1 + n2);
    if (pooled === 0 || pooled === 1)
        return { z: 0, pValue: 1 };
    const z = (p1 - p2) / Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2));
    return { z, pValue: chiSquareSf(z * z, 1) };
}
/** A p-value as shown: `p = ` four decimals, then scientific notation; a value that underflowed is `p < 1e-300`. */
function pValueText(p) {
    if (p >= 0.0001)
        return `p = ${p.toFixed(4)}`;
    if (p >= 1e-300)
        return `p = ${p.toExponential(1)}`;
    return 'p < 1e-300';
}
/** The q-quantile of values (linear interpolation between order statistics, as numpy's default). */
function quantile(values, q) {
    if (values.length === 0)
        return NaN;
    const s = [...values].sort((a, b) => a - b);
    const pos = (s.length - 1) * q;
    const lo = Math.floor(pos);
    const hi = Math.ceil(pos);
    return s[lo] + (s[hi] - s[lo]) * (pos - lo);
}
/** Area under the ROC curve of scores for positives against negatives (Mann–Whitney U, ties counted half). */
function rocAuc(positive, negative) {
    const n1 = positive.length;
    const n0 = negative.length;
    if (n1 === 0 || n0 === 0)
        return 0.5;
    const all = [];
    for (let i = 0; i < n1; i++)
        all.push({ s: positive[i], pos: true });
    for (let i = 0; i < n0; i++)
        all.push({ s: negative[i], pos: false });
    all.sort((a, b) => a.s - b.s);
    let rankSum = 0;
    for (let i = 0; i < all.length;) {
        let j = i;
        while (j < all.length && all[j].s === all[i].s)
            j++;
        const rank = (i + 1 + j) / 2;
        for (let k = i; k < j; k++)
            if (all[k].pos)
                rankSum += rank;
        i = j;
    }
    return (rankSum - (n1 * (n1 + 1)) / 2) / (n1 * n0);
}
/** Fisher–Yates shuffle in place with a seeded generator. */
function shuffle(items, random) {
    for (let i = items.length - 1; i > 0; i--) {
        const j = Math.floor(random() * (i + 1));
        const t = items[i];
        items[i] = items[j];
        items[j] = t;
    }
    return items;
}

;// CONCATENATED MODULE: ./src/drift/domain-classifier.ts


/** Hashed feature space: 2^18 weights, enough that word and bigram collisions barely matter. */
const FEATURE_BITS = 18;
const FEATURES = 1 << FEATURE_BITS;
const EPOCHS = 6;
const LEARNING_RATE = 0.5;
const L2 = 1e-5;
/** The hashed unigram and bigram features of a row, each with weight 1/√n (an L2-normalised binary vector). */
function features(words) {
    const index = new Int32Array(words.length * 2);
    let k = 0;
    for (let i = 0; i < words.length; i++) {
        index[k++] = Math.imul(words[i] + 1, 0x9e3779b1) >>> (32 - FEATURE_BITS);
        if (i > 0)
            index[k++] = Math.imul((words[i - 1] + 1) * 0x45d9f3b + words[i] + 7, 0x85ebca6b) >>> (32 - FEATURE_BITS);
    }
    const used = index.subarray(0, k);
    return { index: used, value: k ? 1 / Math.sqrt(k) : 0 };
}
/** The feature of a single word, for reading the weights back as telling words. */
function unigramFeature(word) {
    return Math.imul(word + 1, 0x9e3779b1) >>> (32 - FEATURE_BITS);
}
/** Trains logistic regression (SGD with a decaying rate and light L2) on encoded rows; returns the weights. */
function train(rows, labels, random) {
    const w = new Float32Array(FEATURES);
    let bias = 0;
    const order = rows.map((_, i) => i);
    let t = 0;
    for (let epoch = 0; epoch < EPOCHS; epoch++) {
        shuffle(order, random);
        for (const i of order) {
            const r = rows[i];
            let z = bias;
            for (let k = 0; k < r.index.length; k++)
                z += w[r.index[k]] * r.value;
            const p = 1 / (1 + Math.exp(-z));
            const rate = LEARNING_RATE / Math.sqrt(1 + t++ / rows.length);
            const g = (labels[i] - p) * rate;
            bias += g;
            for (let k = 0; k < r.index.length; k++) {
                const f = r.index[k];
                w[f] = w[f] * (1 - rate * L2) + g * r.value;
            }
        }
    }
    return { w, bias };
}
function score(r, model) {
    let z = model.bias;
    for (let k = 0; k < r.index.length; k++)
        z += model.w[r.index[k]] * r.value;
    return z;
}
/** AUC on the held-out half after training on the other half, with the given side labels (1 = current). */
function heldOutAuc(rows, labels, trainIdx, testIdx, seed) {
    const model = train(trainIdx.map(i => rows[i]), Uint8Array.from(trainIdx, i => labels[i]), (0,seeded_random/* mulberry32 */.s)(seed));
    const pos = [];
    const neg = [];
    const scores = testIdx.map(i => score(rows[i], model));
    testIdx.forEach((i, k) => (labels[i] ? pos : neg).push(scores[k]));
    return { auc: rocAuc(pos, neg), model, scores };
}
/**
 * A domain classifier (hashed word n-grams + logistic regression) trained to tell reference rows from
 * current rows on one half of each and scored by ROC AUC on the other half. With `permutations`, the
 * same is done with the side labels shuffled, giving the AUCs to expect when there is no difference.
 * Written by hand: no maintained npm package trains sparse logistic regression.
 */
function domainClassifier(reference, current, options) {
    const random = (0,seeded_random/* mulberry32 */.s)(options.seed);
    // Equal numbers per side, so the classifier cannot win by predicting the larger side.
    const perSide = Math.min(reference.length, current.length, options.maxRowsPerSide);
    const refIdx = shuffle(reference.map((_, i) => i), random).slice(0, perSide);
    const curIdx = shuffle(current.map((_, i) => i), random).slice(0, perSide);
    const rows = [
        ...refIdx.map(i => features(reference[i].words)),
        ...curIdx.map(i => features(current[i].words))
    ];
    const labels = new Uint8Array(rows.length);
    labels.fill(1, perSide);
    const half = Math.floor(perSide / 2);
    // A stratified split: half of each side trains, the other half is held out.
    const trainIdx = [...Array(half).keys(), ...Array.from({ length: half }, (_, k) => perSide + k)];
    const testIdx = [
        ...Array.from({ length: perSide - half }, (_, k) => half + k),
        ...Array.from({ length: perSide - half }, (_, k) => perSide + half + k)
    ];
    if (half < 2)
        return { auc: 0.5, rowsPerSide: perSide, tellingWords: [], examples: [], permutedAucs: [] };
    const real = heldOutAuc(rows, labels, trainIdx, testIdx, options.seed + 1);
    const permutedAucs = [];
    for (let p = 0; p < options.permutations; p++) {
        const permuted = shuffle([...labels], random);
        permutedAucs.push(heldOutAuc(rows, Uint8Array.from(permuted), trainIdx, testIdx, options.seed + 2 + p).auc);
    }
    // Telling words: the current side's words with the largest weights.
    const seen = new Map();
    for (const i of curIdx)
        for (const word of current[i].words)
            if (!seen.has(word))
                seen.set(word, real.model.w[unigramFeature(word)]);
    const tellingWords = [...seen]
        .filter(([, weight]) => weight > 0)
        .sort((a, b) => b[1] - a[1])
        .slice(0, 12)
        .map(([word, weight]) => ({ word, weight }));
    const examples = testIdx
        .map((row, k) => ({ row, s: real.scores[k] }))
        .filter(x => labels[x.row] === 1)
        .sort((a, b) => b.s - a.s)
        .map(x => curIdx[x.row - perSide]);
    return { auc: real.auc, rowsPerSide: perSide, tellingWords, examples, permutedAucs };
}

;// CONCATENATED MODULE: ./src/drift/words.ts

const WORD = /[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu;
/** Lower-cased words (letters and digits, with inner apostrophes and hyphens) of a text. */
function words(text, max = 2000) {
    const out = [];
    const lower = text.toLowerCase();
    WORD.lastIndex = 0;
    for (let m = WORD.exec(lower); m && out.length < max; m = WORD.exec(lower))
        out.push(m[0]);
    return out;
}
/** Interns words as small integers, so counting over permutations works on typed arrays. */
class Vocabulary {
    ids = new Map();
    words = [];
    id(word) {
        let id = this.ids.get(word);
        if (id === undefined) {
            id = this.words.length;
            this.ids.set(word, id);
            this.words.push(word);
        }
        return id;
    }
    get size() {
        return this.words.length;
    }
}
/** A word's feature index in a hashed space of 2^bits dimensions. */
function featureIndex(token, bits) {
    return hash53(token) % 2 ** bits;
}

;// CONCATENATED MODULE: ./src/drift/compare.ts






/**
 * A reference of at most this many rows is "small": tests with p-values (KS, chi-square, z, permuted AUCs);
 * above, fixed effect-size thresholds, since on large samples p-values flag negligible changes. As Evidently's
 * default test selection, the reference's size alone decides (its get_stattest: reference rows ≤ 1,000).
 */
const SMALL_SAMPLE_ROWS = 1000;
/** Evidently treats a numerical column with at most this many distinct values (both sides) as categorical. */
const FEW_VALUES = 5;
/**
 * Evidently's defaults: KS drifts at p ≤ 0.05, chi-square and z at p < 0.05; Wasserstein (normalised) ≥ 0.1;
 * Jensen–Shannon ≥ 0.1; AUC > 0.55.
 */
const P_VALUE = 0.05;
const WASSERSTEIN_THRESHOLD = 0.1;
const JS_THRESHOLD = 0.1;
const AUC_THRESHOLD = 0.55;
/** The smallest rise in the out-of-vocabulary share that counts as drift, whatever the sample size. */
const OOV_MIN_RISE = 0.05;
/** The domain classifier's rows per side (train + test), sampled with the seed. */
const CLASSIFIER_ROWS = 5000;
const fixed = (n, d = 3) => (Number.isFinite(n) ? n.toFixed(d) : '–');
/** Compares a current side with its reference: every statistic with its effect size, threshold and verdict. */
function compareSides(reference, current, options = {}) {
    const seed = options.seed ?? 42;
    const counter = options.counter ?? tokens/* approximateCounter */.tV;
    const small = reference.rows <= SMALL_SAMPLE_ROWS;
    const basis = reference.complete && current.complete ? 'all rows' : 'sample';
    const statistics = [];
    const skipped = [];
    const refLengths = reference.sample.map(r => counter.count(r.text));
    const curLengths = current.sample.map(r => counter.count(r.text));
    const length = tokenLengthStatistic({ refLengths, curLengths, small, basis });
    if (length)
        statistics.push(length);
    const sampled = sampleWords(reference, current);
    statistics.push(...vocabularyStatistics({ words: sampled, seed, basis, permutations: options.vocabularyPermutations ?? 50 }));
    const useCaseMix = categoryMix({
        name: 'use_case_mix',
        title: 'Use-case mix',
        reference: { counts: reference.useCases, rows: reference.rows, withValue: reference.withUseCase },
        current: { counts: current.useCases, rows: current.rows, withValue: current.withUseCase },
        small
    });
    if ('statistic' in useCaseMix)
        statistics.push(useCaseMix.statistic);
    else
        skipped.push({
            name: 'use_case_mix',
            title: 'Use-case mix',
            reason: current.withUseCase ? 'the reference rows carry no use_case' : 'the samples carry no use_case'
        });
    let labelMix = [];
    if (options.labels) {
        const mix = categoryMix({
            name: 'label_mix',
            title: 'Predicted-label mix',
            reference: { counts: reference.labels, rows: reference.rows, withValue: reference.withLabel },
            current: { counts: current.labels, rows: current.rows, withValue: current.withLabel },
            small
        });
        if ('statistic' in mix) {
            statistics.push(mix.statistic);
            labelMix = mix.rows;
        }
        else
            skipped.push({ name: 'label_mix', title: 'Predicted-label mix', reason: 'the samples carry no predictions' });
    }
    const domain = domainStatistic({
        words: sampled,
        currentSample: current.sample,
        seed,
        small,
        permutations: options.classifierPermutations ?? 40
    });
    if (domain)
        statistics.push(domain.statistic);
    else
        skipped.push({ name: 'domain_classifier', title: 'Domain classifier', reason: 'fewer than 4 rows on a side' });
    const drifted = statistics.filter(s => s.drifted).length;
    const share = statistics.length ? drifted / statistics.length : 0;
    const shareThreshold = options.share ?? 0.5;
    return {
        verdict: statistics.length && share >= shareThreshold ? 'drift' : 'no-drift',
        drifted,
        applicable: statistics.length,
        share,
        shareThreshold,
        small,
        statistics,
        skipped,
        rows: { reference: reference.rows, current: current.rows },
        sample: { seed, reference: reference.sample.length, current: current.sample.length, capacity: reference.capacity },
        tokenMethod: counter.method,
        lengthBins: lengthBins(refLengths, curLengths),
        useCaseMix: 'statistic' in useCaseMix ? useCaseMix.rows : [],
        labelMix,
        tellingWords: domain?.tellingWords ?? [],
        examples: domain?.examples ?? []
    };
}
/**
 * Input length in tokens: as categories when there are FEW_VALUES or fewer distinct lengths (as Evidently does),
 * else Kolmogorov–Smirnov on a small reference and the normalised Wasserstein distance on a large one.
 */
function tokenLengthStatistic(args) {
    const { refLengths, curLengths, small, basis } = args;
    if (!refLengths.length || !curLengths.length)
        return undefined;
    const describe = (v) => {
        const mean = v.reduce((s, x) => s + x, 0) / Math.max(1, v.length);
        return `mean ${fixed(mean, 1)}, median ${fixed(quantile(v, 0.5), 0)}, p95 ${fixed(quantile(v, 0.95), 0)}`;
    };
    const length = {
        name: 'token_length',
        title: 'Input length (tokens)',
        reference: describe(refLengths),
        current: describe(curLengths),
        basis
    };
    const values = [...new Set([...refLengths, ...curLengths])].sort((x, y) => x - y);
    if (values.length <= FEW_VALUES) {
        // Evidently tests a numerical column with this few distinct values as categories.
        const counts = (v) => values.map(k => v.filter(x => x === k).length);
        return { ...length, ...categoryTest(counts(refLengths), counts(curLengths), small) };
    }
    if (small) {
        const ks = ksTwoSample(refLengths, curLengths);
        return {
            ...length,
            method: 'Kolmogorov–Smirnov',
            effectName: 'KS D',
            effectSize: ks.d,
            threshold: ks.critical,
            thresholdText: `p ≤ ${P_VALUE} (D > ${fixed(ks.critical)})`,
            pValue: ks.pValue,
            drifted: ks.pValue <= P_VALUE
        };
    }
    const w = normalisedWasserstein(refLengths, curLengths);
    return {
        ...length,
        method: 'Wasserstein distance ÷ reference s.d.',
        effectName: 'normalised Wasserstein',
        effectSize: w,
        threshold: WASSERSTEIN_THRESHOLD,
        thresholdText: `≥ ${WASSERSTEIN_THRESHOLD}`,
        drifted: w >= WASSERSTEIN_THRESHOLD
    };
}
function sampleWords(reference, current) {
    const vocabulary = new Vocabulary();
    return {
        vocabulary,
        reference: reference.sample.map(r => Int32Array.from(words(r.text), w => vocabulary.id(w))),
        current: current.sample.map(r => Int32Array.from(words(r.text), w => vocabulary.id(w)))
    };
}
/**
 * Vocabulary: Jensen–Shannon distance of word frequencies and the out-of-vocabulary share, each against what
 * label-permuted samples of the same sizes give (rare words alone make two halves of one corpus differ).
 */
function vocabularyStatistics(args) {
    const { words, seed, basis, permutations } = args;
    const { vocabulary, reference: refWords, current: curWords } = words;
    const pooled = [...refWords, ...curWords];
    // The pooled rows' words in one flat array (row k is words[offsets[k]..offsets[k + 1]]), for fast recounts.
    const offsets = new Int32Array(pooled.length + 1);
    pooled.forEach((w, k) => (offsets[k + 1] = offsets[k] + w.length));
    const flat = new Int32Array(offsets[pooled.length]);
    pooled.forEach((w, k) => flat.set(w, offsets[k]));
    const countsA = new Uint32Array(vocabulary.size);
    const countsB = new Uint32Array(vocabulary.size);
    const vocabStats = (order) => {
        countsA.fill(0);
        countsB.fill(0);
        for (let k = 0; k < order.length; k++) {
            const target = k < refWords.length ? countsA : countsB;
            const row = order[k];
            for (let i = offsets[row], end = offsets[row + 1]; i < end; i++)
                target[flat[i]]++;
        }
        let oov = 0;
        let total = 0;
        for (let w = 0; w < countsB.length; w++) {
            total += countsB[w];
            if (countsA[w] === 0)
                oov += countsB[w];
        }
        return { js: jensenShannonDistance(countsA, countsB), oov: total ? oov / total : 0 };
    };
    const identity = pooled.map((_, i) => i);
    const observed = vocabStats(identity);
    const random = (0,seeded_random/* mulberry32 */.s)(seed);
    const nullJs = [];
    const nullOov = [];
    for (let p = 0; p < permutations; p++) {
        const s = vocabStats(shuffle([...identity], random));
        nullJs.push(s.js);
        nullOov.push(s.oov);
    }
    if (!pooled.length || !refWords.length || !curWords.length)
        return [];
    const jsThreshold = Math.max(JS_THRESHOLD, quantile(nullJs, 0.95));
    const nullMean = nullOov.reduce((s, x) => s + x, 0) / Math.max(1, nullOov.length);
    const oovThreshold = Math.max(quantile(nullOov, 0.95), nullMean + OOV_MIN_RISE);
    return [
        {
            name: 'vocabulary',
            title: 'Vocabulary',
            method: 'Jensen–Shannon distance of word frequencies',
            reference: `permuted (same-source) samples: median ${fixed(quantile(nullJs, 0.5))}`,
            current: `${vocabulary.size.toLocaleString('en-US')} distinct words in both samples`,
            effectName: 'JS distance',
            effectSize: observed.js,
            threshold: jsThreshold,
            thresholdText: `≥ ${fixed(jsThreshold)} (0.1, or the 95th percentile of permuted samples if higher)`,
            drifted: observed.js >= jsThreshold,
            basis
        },
        {
            name: 'oov_share',
            title: 'Out-of-vocabulary words',
            method: 'share of current words absent from the reference',
            reference: `${fixed(nullMean * 100, 1)}% expected (permuted samples)`,
            current: `${fixed(observed.oov * 100, 1)}%`,
            effectName: 'rise in OOV share',
            effectSize: observed.oov - nullMean,
            threshold: oovThreshold - nullMean,
            thresholdText: `OOV ≥ ${fixed(oovThreshold * 100, 1)}% (+${OOV_MIN_RISE * 100} points, or the permuted 95th percentile)`,
            drifted: observed.oov >= oovThreshold,
            basis
        }
    ];
}
/**
 * A category mix over every row (rows without one counted as '(none)'), tested as Evidently tests a categorical
 * column; `skip` when a side's rows carry no value of it.
 */
function categoryMix(args) {
    const { name, title, reference, current, small } = args;
    if (!reference.withValue || !current.withValue)
        return { skip: true };
    const refMissing = reference.rows - reference.withValue;
    const curMissing = current.rows - current.withValue;
    const names = [...new Set([...reference.counts.keys(), ...current.counts.keys()])].sort();
    const withNone = refMissing + curMissing > 0;
    const p = [...names.map(n => reference.counts.get(n) ?? 0), ...(withNone ? [refMissing] : [])];
    const q = [...names.map(n => current.counts.get(n) ?? 0), ...(withNone ? [curMissing] : [])];
    const labels = [...names, ...(withNone ? ['(none)'] : [])];
    const sp = p.reduce((s, x) => s + x, 0);
    const sq = q.reduce((s, x) => s + x, 0);
    const rows = labels.map((l, i) => ({ name: l, reference: p[i] / sp, current: q[i] / sq }));
    const top = (side) => [...rows]
        .sort((a, b) => b[side] - a[side])
        .slice(0, 3)
        .map(r => `${r.name} ${fixed(r[side] * 100, 0)}%`)
        .join(', ');
    const statistic = {
        name,
        title,
        reference: top('reference'),
        current: top('current'),
        ...categoryTest(p, q, small),
        basis: 'all rows'
    };
    return { statistic, rows };
}
/**
 * The domain classifier (undefined with fewer than 4 rows on a side), the words that tell the current rows apart,
 * and, when it finds drift, up to three current rows least like the reference.
 */
function domainStatistic(args) {
    const { words, currentSample, seed, small, permutations } = args;
    const { vocabulary, reference: refWords, current: curWords } = words;
    if (refWords.length < 4 || curWords.length < 4)
        return undefined;
    const dc = domainClassifier(refWords.map(w => ({ words: w })), curWords.map(w => ({ words: w })), { seed, maxRowsPerSide: CLASSIFIER_ROWS, permutations: small ? permutations : 0 });
    const threshold = small ? quantile(dc.permutedAucs, 0.95) : AUC_THRESHOLD;
    const drifted = dc.auc > threshold;
    const statistic = {
        name: 'domain_classifier',
        title: 'Domain classifier',
        method: 'hashed word n-grams + logistic regression, held-out half',
        reference: `${dc.rowsPerSide.toLocaleString('en-US')} rows per side`,
        current: small ? `permuted labels: median AUC ${fixed(quantile(dc.permutedAucs, 0.5))}` : '',
        effectName: 'ROC AUC',
        effectSize: dc.auc,
        threshold,
        thresholdText: small
            ? `> ${fixed(threshold)} (95th percentile of ${dc.permutedAucs.length} permutations)`
            : `> ${AUC_THRESHOLD}`,
        drifted,
        basis: 'sample'
    };
    const count = (rows, word) => rows.reduce((s, r) => s + (r.includes(word) ? 1 : 0), 0);
    // Words the current rows use at least twice as often as the reference rows (so not the stop words both share).
    const tellingWords = dc.tellingWords
        .map(t => ({
        word: vocabulary.words[t.word],
        reference: count(refWords, t.word),
        current: count(curWords, t.word)
    }))
        .filter(t => t.current / curWords.length > (2 * t.reference) / refWords.length)
        .slice(0, 10);
    // Production rows go into a PR or issue body: one that holds personal data is not shown.
    const examples = drifted
        ? dc.examples
            .map(i => currentSample[i].text)
            .filter(t => (0,data_pii/* findPii */.IF)(t).length === 0)
            .slice(0, 3)
        : [];
    return { statistic, tellingWords, examples };
}
/**
 * Evidently's default test of a categorical column: on a small reference, the chi-square test with more than two
 * categories and the two-proportion z-test with two (p < 0.05); on a large one, Jensen–Shannon distance ≥ 0.1.
 */
function categoryTest(p, q, small) {
    const js = jensenShannonDistance(p, q);
    const categories = p.filter((x, i) => x + q[i] > 0).length;
    if (!small)
        return {
            method: 'Jensen–Shannon distance',
            effectName: 'JS distance',
            effectSize: js,
            threshold: JS_THRESHOLD,
            thresholdText: `≥ ${JS_THRESHOLD}`,
            drifted: js >= JS_THRESHOLD
        };
    const chi = categories > 2 ? chiSquareGoodnessOfFit(p, q) : undefined;
    const test = chi ?? twoProportionZTest(p, q);
    return {
        method: chi ? `chi-square test (${chi.df} d.f.)` : 'two-proportion z-test',
        effectName: 'JS distance',
        effectSize: js,
        threshold: P_VALUE,
        thresholdText: `p < ${P_VALUE}`,
        pValue: test.pValue,
        drifted: test.pValue < P_VALUE
    };
}
/** Up to 12 equal-width bins from 0 to the pooled 99th percentile (longer rows in the last bin). */
function lengthBins(a, b) {
    if (!a.length || !b.length)
        return [];
    const top = Math.max(1, quantile([...a, ...b], 0.99));
    const bins = Math.min(12, Math.ceil(top));
    const width = Math.ceil(top / bins);
    const out = Array.from({ length: bins }, (_, i) => ({ upTo: (i + 1) * width, reference: 0, current: 0 }));
    for (const v of a)
        out[Math.min(bins - 1, Math.floor(v / width))].reference += 1 / a.length;
    for (const v of b)
        out[Math.min(bins - 1, Math.floor(v / width))].current += 1 / b.length;
    return out;
}

// EXTERNAL MODULE: ./src/report/escape.ts
var report_escape = __webpack_require__(4031);
// EXTERNAL MODULE: ./src/report/sticky-comment.ts
var sticky_comment = __webpack_require__(647);
// EXTERNAL MODULE: ./src/report/text-table.ts
var text_table = __webpack_require__(2906);
;// CONCATENATED MODULE: ./src/drift/drift-report.ts




/** Feedback problems listed in a report; the rest are counted. */
const PROBLEMS_SHOWN = 10;
const pct = (x) => `${(x * 100).toFixed(1)}%`;
const figure = (x) => (Math.abs(x) >= 100 ? x.toFixed(0) : x.toFixed(3));
/** The model's verdict line, first in every report. */
function verdictLine(r) {
    const counted = `${r.statistics.filter(s => s.drifted).length} of ${r.statistics.length} statistics drifted (policy: ≥ ${pct(r.shareThreshold)})`;
    if (r.verdict === 'drift')
        return `⚠️ **${(0,report_escape/* escapeText */.X1)(r.model)}: drift** since production ${(0,report_escape/* code */.aY)(r.version)} — ${counted}`;
    if (r.raw === 'drift')
        return `🟡 **${(0,report_escape/* escapeText */.X1)(r.model)}: drift in this run only** — ${counted}; the policy asks for ${r.consecutiveRuns} runs in a row and this is run ${r.streak}`;
    return `✅ **${(0,report_escape/* escapeText */.X1)(r.model)}: no drift** from production ${(0,report_escape/* code */.aY)(r.version)} — ${counted}`;
}
/** Mermaid label text: letters, digits and a few signs only, so data cannot break out of the chart or its fence. */
const chartLabel = (s) => s.replace(/[^\p{L}\p{N} _.,:/+%()≤>-]/gu, ' ').slice(0, 80);
const round = (n) => (Math.round(n * 10) / 10).toString();
/** A Mermaid xychart of two series over the same categories: bars for the reference, a line for current. */
function comparisonChart(title, yLabel, rows) {
    const hi = Math.max(1, ...rows.flatMap(r => [r.reference * 100, r.current * 100]));
    return [
        '```mermaid',
        'xychart-beta',
        `  title "${chartLabel(title)}"`,
        `  x-axis [${rows.map(r => `"${chartLabel(r.name)}"`).join(', ')}]`,
        `  y-axis "${chartLabel(yLabel)}" 0 --> ${Math.ceil(hi * 1.1)}`,
        `  bar [${rows.map(r => round(r.reference * 100)).join(', ')}]`,
        `  line [${rows.map(r => round(r.current * 100)).join(', ')}]`,
        '```'
    ].join('\n');
}
function statisticRow(s) {
    return [
        (0,report_escape/* escapeText */.X1)(s.title),
        (0,report_escape/* escapeText */.X1)(s.method),
        (0,report_escape/* escapeText */.X1)(s.reference, 120),
        (0,report_escape/* escapeText */.X1)(s.current, 120),
        `${(0,report_escape/* escapeText */.X1)(s.effectName)} ${figure(s.effectSize)}${s.pValue !== undefined ? ` (${pValueText(s.pValue)})` : ''}`,
        (0,report_escape/* escapeText */.X1)(s.thresholdText),
        s.drifted ? '⚠️ drift' : '✅'
    ];
}
/** The drift report of one model: verdict, statistics, charts, telling words, examples, proposed rows. */
function driftMarkdown(input) {
    const { record: r, comparison: c } = input;
    const out = [`### ${verdictLine(r)}`, ''];
    out.push(`Reference: the train data of ${(0,report_escape/* code */.aY)(`${r.model}@${r.version}`)} at commit ${(0,report_escape/* code */.aY)(r.commit.slice(0, 12))} — ${(0,report_escape/* num */.bu)(r.rows.reference)} rows` +
        (r.referenceInvalid ? ` (${(0,report_escape/* num */.bu)(r.referenceInvalid)} unreadable rows not counted)` : '') +
        `. Current: ${(0,report_escape/* num */.bu)(r.rows.current)} rows from ${(0,report_escape/* code */.aY)(input.samples)}.`, '');
    out.push((0,report_escape/* markdownTable */.Qj)(['statistic', 'method', 'reference', 'current', 'effect size', 'drift when', 'verdict'], r.statistics.map(statisticRow)), '');
    if (r.skipped.length)
        out.push(`Not computed: ${r.skipped.map(s => `${(0,report_escape/* escapeText */.X1)(s.title)} (${(0,report_escape/* escapeText */.X1)(s.reason)})`).join('; ')}.`, '');
    const sampled = r.statistics.some(s => s.basis === 'sample');
    out.push((c.small
        ? `Small reference (≤ 1,000 rows, as Evidently decides): tests with p-values and permutations. `
        : `Large reference (over 1,000 rows, as Evidently decides): fixed effect-size thresholds (on large samples p-values flag negligible changes). `) +
        (sampled
            ? `Lengths, vocabulary and the domain classifier use a seeded sample (seed ${c.sample.seed}) of ${(0,report_escape/* num */.bu)(c.sample.reference)} reference and ${(0,report_escape/* num */.bu)(c.sample.current)} current rows; the mixes count every row. `
            : 'Every row is used. ') +
        `Tokens counted ${(0,report_escape/* escapeText */.X1)(c.tokenMethod)}.`, '');
    if (c.lengthBins.length)
        out.push(comparisonChart('Input length in tokens (bars: reference, line: current)', 'share of rows (%)', c.lengthBins.map(b => ({ name: `≤${b.upTo}`, reference: b.reference, current: b.current }))), '');
    if (c.useCaseMix.length)
        out.push(comparisonChart('Use-case mix (bars: reference, line: current)', 'share of rows (%)', c.useCaseMix), '');
    if (c.labelMix.length)
        out.push(comparisonChart('Predicted-label mix (bars: reference, line: current)', 'share of rows (%)', c.labelMix), '');
    if (c.tellingWords.length) {
        out.push('**Most telling words** (the domain classifier’s strongest signs of current rows; rows of each sample holding the word):', '', (0,report_escape/* markdownTable */.Qj)(['word', 'reference rows', 'current rows'], c.tellingWords.map(t => [(0,report_escape/* code */.aY)(t.word, 60), (0,report_escape/* num */.bu)(t.reference), (0,report_escape/* num */.bu)(t.current)]), ['l', 'r', 'r']), '');
    }
    if (c.examples.length && input.quoteRows)
        out.push('**Current rows least like the reference:**', '', ...c.examples.map(e => `- “${(0,report_escape/* escapeText */.X1)(e, 240)}”`), '');
    else if (c.examples.length)
        out.push(`**Current rows least like the reference:** ${c.examples.length} found, not quoted: production rows are quoted only in a private repository.`, '');
    const f = r.feedback;
    if (f) {
        const kinds = Object.entries(f.piiByKind)
            .map(([k, n]) => `${k} ${(0,report_escape/* num */.bu)(n ?? 0)}`)
            .join(', ');
        out.push(`**Rows proposed:** ${(0,report_escape/* num */.bu)(f.accepted)} of ${(0,report_escape/* num */.bu)(f.read)} labelled feedback rows` +
            (f.target ? ` for ${(0,report_escape/* code */.aY)(f.target)}` : '') +
            `; left out: ${(0,report_escape/* num */.bu)(f.leftOut.invalid)} failing the row checks, ${(0,report_escape/* num */.bu)(f.leftOut.pii)} with personal data${kinds ? ` (${kinds})` : ''}, ${(0,report_escape/* num */.bu)(f.leftOut.duplicates)} already in the data` +
            (f.leftOut.overLimit ? `, ${(0,report_escape/* num */.bu)(f.leftOut.overLimit)} over the per-run limit` : '') +
            '.' +
            (f.droppedFields
                ? ` ${(0,report_escape/* num */.bu)(f.droppedFields)} ${f.droppedFields === 1 ? 'field' : 'fields'} the model does not read dropped from the proposed rows.`
                : ''), '');
        if (input.feedbackProblems.length)
            out.push('<details><summary>Feedback rows left out</summary>', '', ...input.feedbackProblems
                .slice(0, PROBLEMS_SHOWN)
                .map(p => `- ${(0,report_escape/* code */.aY)(`${p.file}:${p.line}`)} ${(0,report_escape/* escapeText */.X1)(p.message, 240)}`), ...(input.feedbackProblems.length > PROBLEMS_SHOWN
                ? [`- … and ${(0,report_escape/* num */.bu)(input.feedbackProblems.length - PROBLEMS_SHOWN)} more (see the job log)`]
                : []), '', '</details>', '');
    }
    if (input.runUrl)
        out.push(`[Workflow run](${input.runUrl})`, '');
    return (0,sticky_comment/* capText */.yA)(out.join('\n'), sticky_comment/* MAX_COMMENT_CHARS */.VK);
}
/** What labelled data would help, for the issue opened when there is drift and no feedback. */
function helpWanted(c) {
    const rising = c.useCaseMix.filter(u => u.current > u.reference + 0.05).map(u => (0,report_escape/* code */.aY)(u.name, 60));
    const lines = [
        '**What would help:** labelled production examples in the model’s data format, with ids, passed to the drift action as `feedback` — it then opens a retraining pull request instead of this issue.'
    ];
    if (rising.length)
        lines.push(`- use cases whose share rose: ${rising.join(', ')}`);
    if (c.tellingWords.length)
        lines.push(`- rows about: ${c.tellingWords
            .slice(0, 6)
            .map(t => (0,report_escape/* code */.aY)(t.word, 60))
            .join(', ')}`);
    const length = c.statistics.find(s => s.name === 'token_length');
    if (length?.drifted)
        lines.push(`- inputs of the current length (${(0,report_escape/* escapeText */.X1)(length.current)})`);
    return lines.join('\n');
}
/** The terminal form: the verdict and the statistics table. */
function driftText(r) {
    const verdict = verdictLine(r).replace(/\*\*/g, '').replace(/`/g, '');
    return [
        verdict,
        (0,text_table/* textTable */.e)(['statistic', 'reference', 'current', 'effect size', 'drift when', ''], r.statistics.map(s => [
            s.title,
            s.reference,
            s.current,
            `${s.effectName} ${figure(s.effectSize)}${s.pValue !== undefined ? ` ${pValueText(s.pValue)}` : ''}`,
            s.thresholdText,
            s.drifted ? 'DRIFT' : 'ok'
        ]))
    ].join('\n');
}

// EXTERNAL MODULE: ./src/data/examples.ts
var examples = __webpack_require__(757);
// EXTERNAL MODULE: ./src/data/hash-index.ts
var hash_index = __webpack_require__(9611);
// EXTERNAL MODULE: ./src/data/readers.ts + 2 modules
var readers = __webpack_require__(6207);
// EXTERNAL MODULE: ./src/data/row-checks.ts
var row_checks = __webpack_require__(9744);
// EXTERNAL MODULE: ./src/prompts/template.ts
var template = __webpack_require__(5509);
// EXTERNAL MODULE: ./src/data/external.ts
var external = __webpack_require__(8541);
;// CONCATENATED MODULE: ./src/drift/feedback.ts









/** Problems kept in full; past this they are counted. */
const MAX_PROBLEMS = 200;
/** Feedback rows proposed in one run at most: a retraining PR is reviewed by people. */
/** Every string in a parsed row, keys included, depth first (a row is bounded by the line limit). */
function stringsOf(value, out = []) {
    if (typeof value === 'string')
        out.push(value);
    else if (typeof value === 'number')
        out.push(String(value));
    else if (Array.isArray(value))
        for (const v of value)
            stringsOf(v, out);
    else if (value && typeof value === 'object')
        for (const [k, v] of Object.entries(value)) {
            out.push(k);
            stringsOf(v, out);
        }
    return out;
}
/** The top-level fields each format reads; `fields` reads its target and whatever the prompt names. */
const FORMAT_FIELDS = {
    chat: ['messages'],
    completion: ['prompt', 'completion'],
    instruction: ['instruction', 'input', 'output'],
    classification: ['text', 'label'],
    fields: []
};
const MAX_FEEDBACK_ROWS = 100_000;
/** Rows checked per range: each has at most a few problems, so a range's cap of 1,000 is never reached. */
const CHECK_BATCH = 200;
const contentKey = (input, target) => (0,hash_index/* hash53 */.$l)(`${(0,hash_index/* normaliseText */.af)(input)}\u0001${(0,hash_index/* normaliseText */.af)(target)}`);
/**
 * Labelled production rows proposed as training rows: each must pass the validate action's row checks
 * (format, labels, use cases, prompt variables, context window), carry an id, hold no personal data,
 * and be new — neither its id nor its content already in the model's train or eval data, nor earlier
 * in the feedback. Rows left out are counted, and located in `problems`; nothing is silently dropped.
 */
async function prepareFeedback(files, model, config, workDir) {
    const { spec } = model;
    const rules = {
        format: spec.data.format,
        labels: spec.data.labels,
        useCases: spec.use_cases,
        target: spec.data.target
    };
    const maxLineBytes = config.policy.max_line_bytes;
    const problems = [];
    const report = (p) => {
        if (problems.length < MAX_PROBLEMS)
            problems.push(p);
    };
    const result = {
        lines: [],
        read: 0,
        leftOut: { invalid: 0, pii: 0, duplicates: 0, overLimit: 0 },
        piiByKind: {},
        droppedFields: 0,
        problems
    };
    const compiled = (0,template/* compileTemplate */.Gq)(model.prompt.spec.template);
    // An external dataset is pinned by its digest: rows are never appended to it, only to a file in the registry.
    result.target = [...model.train].reverse().find(f => !f.external && f.relative.toLowerCase().endsWith('.jsonl'));
    const run = { model, config, workDir, rules, maxLineBytes, compiled, result, report };
    const candidates = await newRows(run, files, await knownRows(run));
    const rejected = await failingRowChecks(run, candidates);
    result.leftOut.invalid += rejected.size;
    const accepted = candidates.filter((_, i) => !rejected.has(i));
    result.lines = accepted.map(c => c.line);
    result.droppedFields = accepted.reduce((sum, c) => sum + c.dropped, 0);
    return result;
}
/** What the model already has: ids and normalised content of its train and eval rows. */
async function knownRows({ model, rules, maxLineBytes }) {
    const ids = new Set();
    const contents = new Set();
    await (0,external/* ensureExternalFiles */.To)([...model.train, ...model.eval]);
    for (const file of [...model.train, ...model.eval])
        for await (const ev of (0,readers/* readRows */.aK)(file.absolute, { maxLineBytes, display: file.display })) {
            if (ev.kind !== 'row')
                continue;
            const ex = (0,examples/* toExample */.qv)(ev.value, rules);
            if (!ex.ok)
                continue;
            if (ex.example.id !== undefined)
                ids.add((0,hash_index/* hash53 */.$l)(ex.example.id));
            contents.add(contentKey(ex.example.input, ex.example.target));
        }
    return { ids, contents };
}
/**
 * The feedback rows that read as examples, carry an id, hold no personal data and are new, with their unread
 * fields dropped; the others are counted and reported. Each kept row's id and content join `known`.
 */
async function newRows(run, files, { ids, contents }) {
    const { rules, maxLineBytes, result, report } = run;
    const kept = keptFields(run);
    const candidates = [];
    for (const file of files)
        for await (const ev of (0,readers/* readRows */.aK)(file.path, { maxLineBytes, display: file.display })) {
            result.read++;
            if (ev.kind === 'error') {
                result.leftOut.invalid++;
                report({ file: file.display, line: ev.line, column: ev.column, severity: 'error', message: ev.message });
                continue;
            }
            const at = { file: file.display, line: ev.line };
            const row = kept(ev.value);
            const ex = (0,examples/* toExample */.qv)(row, rules);
            if (!ex.ok || ex.example.id === undefined) {
                result.leftOut.invalid++;
                const message = ex.ok ? "missing field 'id'; a feedback row needs an id" : ex.problems.join('; ');
                report({ ...at, column: 1, severity: 'error', message });
                continue;
            }
            // Every field: the whole row is committed, so personal data in an id or an extra field counts too.
            const pii = stringsOf(ev.value).flatMap(text => (0,data_pii/* findPii */.IF)(text));
            if (pii.length) {
                result.leftOut.pii++;
                for (const f of pii)
                    result.piiByKind[f.kind] = (result.piiByKind[f.kind] ?? 0) + 1;
                report({
                    ...at,
                    column: 1,
                    severity: 'warning',
                    message: `left out: personal data (${pii.map(f => `${f.kind} ${f.masked}`).join(', ')})`
                });
                continue;
            }
            const idKey = (0,hash_index/* hash53 */.$l)(ex.example.id);
            const key = contentKey(ex.example.input, ex.example.target);
            if (ids.has(idKey) || contents.has(key)) {
                result.leftOut.duplicates++;
                report({
                    ...at,
                    column: 1,
                    severity: 'warning',
                    message: ids.has(idKey)
                        ? `left out: id '${ex.example.id}' is already in the data`
                        : 'left out: the same row is already in the data'
                });
                continue;
            }
            if (candidates.length >= MAX_FEEDBACK_ROWS) {
                result.leftOut.overLimit++;
                continue;
            }
            ids.add(idKey);
            contents.add(key);
            candidates.push({
                line: JSON.stringify(row),
                dropped: Object.keys(ev.value).length - Object.keys(row).length,
                at
            });
        }
    return candidates;
}
/** A row cut to the fields the model reads. */
function keptFields({ rules, compiled }) {
    // Kept: id, use_case, the format's fields, the target and every variable the prompt reads; nothing else.
    const keep = new Set(['id', 'use_case', ...FORMAT_FIELDS[rules.format], ...(compiled.ok ? compiled.prompt.used : [])]);
    if (rules.format === 'fields')
        keep.add(rules.target ?? 'target');
    // A `fields` row whose prompt does not compile is left whole: the row checks below reject the prompt.
    return (value) => rules.format === 'fields' && !compiled.ok
        ? value
        : Object.fromEntries(Object.entries(value).filter(([k]) => keep.has(k)));
}
/** The indexes of the candidates that fail the rest of validate's row checks; each failure is reported once. */
async function failingRowChecks(run, candidates) {
    const { model, config, workDir, rules, maxLineBytes, compiled, report } = run;
    const { spec } = model;
    // The rest of validate's row checks (prompt variables, rendering, context window) on the accepted rows,
    // in batches small enough that every problem of a batch is kept (a range keeps its first 1,000).
    const rejected = new Set();
    for (let from = 0; from < candidates.length; from += CHECK_BATCH) {
        const batch = candidates.slice(from, from + CHECK_BATCH);
        const text = batch.map(c => c.line).join('\n') + '\n';
        const file = external_node_path_default().join(workDir, `feedback-${spec.name}.jsonl`);
        await (0,promises_.writeFile)(file, text);
        const task = {
            file,
            display: file,
            split: 'train',
            start: 0,
            end: Buffer.byteLength(text),
            rules,
            pii: 'off',
            maxLineBytes,
            nearThreshold: config.policy.near_duplicate_jaccard,
            ...(compiled.ok ? { template: model.prompt.spec.template } : {}),
            promptFile: model.prompt.file.display,
            requiredVars: compiled.ok ? [...compiled.prompt.used].filter(v => v !== 'use_case' && v !== 'id') : [],
            ...(model.tokenizer ? { tokenizerPath: model.tokenizer.absolute } : {}),
            contextWindow: spec.base_model.context_window
        };
        for (const p of (await (0,row_checks/* checkRange */.cd)(task)).problems)
            if (p.severity === 'error') {
                const c = batch[p.line - 1];
                if (!c || rejected.has(from + p.line - 1))
                    continue;
                rejected.add(from + p.line - 1);
                report({ file: c.at.file, line: c.at.line, column: p.column, severity: 'error', message: p.message });
            }
    }
    return rejected;
}

;// CONCATENATED MODULE: ./src/drift/profile.ts

/** Rows kept per side for the statistics that need only a sample (lengths, vocabulary, the domain classifier). */
const SAMPLE_ROWS = 10_000;
/**
 * One side of a comparison, built while its files stream past in bounded memory: every row is counted
 * (use-case and label mixes are exact), and a seeded reservoir sample (algorithm R) keeps up to
 * `capacity` rows for the statistics that need the text.
 */
class SideProfile {
    capacity;
    seed;
    rows = 0;
    withUseCase = 0;
    withLabel = 0;
    useCases = new Map();
    labels = new Map();
    sample = [];
    random;
    constructor(capacity = SAMPLE_ROWS, seed = 42) {
        this.capacity = capacity;
        this.seed = seed;
        this.random = (0,seeded_random/* mulberry32 */.s)(seed);
    }
    add(row) {
        this.rows++;
        if (row.useCase !== undefined) {
            this.withUseCase++;
            this.useCases.set(row.useCase, (this.useCases.get(row.useCase) ?? 0) + 1);
        }
        if (row.label !== undefined) {
            this.withLabel++;
            this.labels.set(row.label, (this.labels.get(row.label) ?? 0) + 1);
        }
        if (this.sample.length < this.capacity)
            this.sample.push(row);
        else {
            const j = Math.floor(this.random() * this.rows);
            if (j < this.capacity)
                this.sample[j] = row;
        }
    }
    /** True when the sample holds every row. */
    get complete() {
        return this.rows <= this.capacity;
    }
}

// EXTERNAL MODULE: ./node_modules/yaml/dist/index.js
var dist = __webpack_require__(8815);
// EXTERNAL MODULE: ./src/registry/lfs.ts
var lfs = __webpack_require__(9676);
// EXTERNAL MODULE: ./src/registry/source-text.ts
var source_text = __webpack_require__(7836);
// EXTERNAL MODULE: ./src/registry/state.ts
var registry_state = __webpack_require__(4174);
// EXTERNAL MODULE: ./src/registry/tag-provenance.ts
var tag_provenance = __webpack_require__(4603);
;// CONCATENATED MODULE: ./src/drift/reference.ts











/** The models that have a version at a stage, from the repository's GTO tags. */
async function modelsAtStage(repo, stage) {
    const state = (0,registry_state/* resolveState */.KS)((0,tag_provenance/* withoutForeignStageTags */.o1)(await (0,registry_state/* readTags */.g$)(repo)).tags);
    return new Map([...state].filter(([, s]) => s.stages[stage] !== undefined && !s.deprecated));
}
/** model.yaml is read at most this large (the loader's limit for a spec). */
const MODEL_YAML_MAX_BYTES = 1024 * 1024;
/** The paths a model.yaml refers to (relative to the registry folder), read leniently: the loader checks them. */
function referencedPaths(modelYaml) {
    let spec;
    try {
        spec = (0,dist/* parse */.qg)(modelYaml);
    }
    catch {
        return [];
    }
    const at = (...keys) => keys.reduce((v, k) => (v && typeof v === 'object' ? v[k] : undefined), spec);
    const list = (v) => (Array.isArray(v) ? v : [v]);
    const paths = [
        ...list(at('data', 'train')),
        ...list(at('data', 'eval')),
        at('prompt'),
        at('output_schema'),
        at('base_model', 'tokenizer'),
        at('evaluation', 'banned_terms'),
        at('evaluation', 'injection_probes')
    ].filter((p) => typeof p === 'string' && p !== '');
    const tokenizer = at('base_model', 'tokenizer');
    if (typeof tokenizer === 'string')
        paths.push(external_node_path_default().posix.join(external_node_path_default().posix.dirname(tokenizer), 'tokenizer_config.json'));
    return paths.map(p => external_node_path_default().posix.normalize(p)).filter(p => !p.startsWith('../') && !external_node_path_default().posix.isAbsolute(p));
}
/**
 * Writes one model's files as they are at a commit into `destination`: registry.yaml, the model's
 * model.yaml and the files it refers to — never the rest of the registry (git plumbing with a private
 * index: the checkout, its index and later edits to main play no part). Git LFS files are written as
 * their pointers; the caller resolves the ones it reads.
 */
async function materialiseModel(repo, registryDir, commit, model, destination) {
    const top = await (0,git/* gitTopLevel */.oB)(registryDir);
    const relative = external_node_path_default().relative(top, await (0,promises_.realpath)(registryDir))
        .split((external_node_path_default()).sep)
        .join('/');
    const index = external_node_path_default().join(external_node_path_default().dirname(destination), `index-${external_node_path_default().basename(destination)}`);
    await (0,promises_.mkdir)(destination, { recursive: true });
    // A configured LFS filter would download every LFS file checked out here; pointers are enough.
    const env = { GIT_INDEX_FILE: index, GIT_LFS_SKIP_SMUDGE: '1' };
    const checkout = async (paths) => {
        const present = (await (0,git/* git */.$Y)(repo, ['ls-files', '-z', '--cached', '--', ...paths], { env }))
            .split('\0')
            .filter(Boolean);
        if (present.length)
            await (0,git/* git */.$Y)(repo, ['checkout-index', '-f', `--prefix=${destination}${(external_node_path_default()).sep}`, '--', ...present], { env });
    };
    try {
        await (0,git/* git */.$Y)(repo, ['read-tree', `${commit}:${relative}`], { env });
        const modelYaml = `models/${model}/model.yaml`;
        await checkout(['registry.yaml', modelYaml]);
        // Bounded like the loader's read of a spec; a missing or oversized one is the loader's to report.
        const text = await (0,source_text/* readTextFile */.Gu)(external_node_path_default().join(destination, modelYaml), modelYaml, MODEL_YAML_MAX_BYTES).catch(() => '');
        const referenced = referencedPaths(text);
        if (referenced.length)
            await checkout(referenced);
    }
    catch (e) {
        throw new errors/* ConfigurationError */.j1(`Cannot read ${model}'s files in ${relative || 'the registry'} at commit ${commit.slice(0, 12)}: ${e instanceof git/* GitError */.XS ? e.stderr.trim() : String(e)}. Expected the production version's commit in the checkout (use fetch-depth: 0).`);
    }
    finally {
        await (0,promises_.rm)(index, { force: true });
    }
    return destination;
}
/** Replaces the LFS pointers among `files` with their objects' content, through git-lfs; fails loudly when it cannot. */
async function resolveLfsFiles(repo, files, commit) {
    for (const file of files) {
        const pointer = await (0,lfs/* readLfsPointer */.tY)(file.absolute);
        if (pointer)
            await (0,lfs/* smudgeLfsObject */.S2)(repo, pointer, file.absolute, `${file.relative}@${commit.slice(0, 12)}`);
    }
}
/** The production version of a model and its spec and data at the version's commit, under `workDir`. */
async function productionReference(registryDir, model, stage, workDir, fetch = {}) {
    const repo = await (0,git/* gitTopLevel */.oB)(registryDir);
    // Only stage tags Tunegate made: a hand-pushed `model#production#N` does not choose the reference.
    const state = (0,registry_state/* resolveState */.KS)((0,tag_provenance/* withoutForeignStageTags */.o1)(await (0,registry_state/* readTags */.g$)(repo)).tags).get(model);
    const at = state?.stages[stage];
    if (!state || !at)
        throw new errors/* ConfigurationError */.j1(`${model} has no version at the '${stage}' stage (no ${model}#${stage}#N tag); drift compares production inputs with the production version's training data.`);
    const version = state.versions.find(v => v.version === at.version);
    await (0,promises_.mkdir)(workDir, { recursive: true });
    const dir = await materialiseModel(repo, registryDir, at.commit, model, await (0,promises_.mkdtemp)(external_node_path_default().join(workDir, `reference-${model}-`)));
    const registry = await (0,loader/* loadRegistry */.Ag)(dir, { displayBase: dir });
    (0,loader/* assertValid */.pP)(registry);
    const spec = registry.models.find(m => m.spec.name === model);
    if (!spec)
        throw new errors/* ConfigurationError */.j1(`${model} ${at.version} is in ${stage}, but commit ${at.commit.slice(0, 12)} has no models/${model}/model.yaml.`);
    // The reference is the production version's training data: read in full, so LFS objects are fetched.
    const tokenizerFiles = spec.tokenizer
        ? [
            spec.tokenizer,
            {
                absolute: external_node_path_default().join(external_node_path_default().dirname(spec.tokenizer.absolute), 'tokenizer_config.json'),
                relative: external_node_path_default().posix.join(external_node_path_default().posix.dirname(spec.tokenizer.relative), 'tokenizer_config.json')
            }
        ]
        : [];
    await resolveLfsFiles(repo, [...spec.train.filter(f => !f.external), ...tokenizerFiles], at.commit);
    // An external dataset is the production version's only through its pinned digest, fetched into the cache.
    await (0,external/* ensureExternalFiles */.To)(spec.train, fetch);
    return {
        model,
        version: at.version,
        commit: at.commit,
        tag: version?.tag ?? `${model}@${at.version}`,
        spec,
        config: registry.config
    };
}

;// CONCATENATED MODULE: ./src/drift/rows.ts

const rows_text = (v) => typeof v === 'string';
/**
 * What drift needs from a row: its input, use case and (predicted) label. A row in the model's data
 * format passes the validate action's row checks; production rows usually have no target, so a row
 * that fails only for want of one is read for its input alone; plain `{"input": ...}` rows are read too.
 * A classification row's `prediction` (else its `label`) is its predicted label.
 */
function readProfileRow(value, rules) {
    const prediction = rows_text(value.prediction) ? value.prediction : undefined;
    const useCase = rows_text(value.use_case) ? value.use_case : undefined;
    if (value.use_case !== undefined && !useCase)
        return { ok: false, message: `field 'use_case' must be a string, got ${typeof value.use_case}` };
    const plain = rows_text(value.input) && !(rules.format === 'instruction' && value.instruction !== undefined);
    if (plain)
        return value.input === ''
            ? { ok: false, message: "field 'input' is empty; expected the model's input text" }
            : { ok: true, row: { text: value.input, useCase, label: prediction } };
    const checked = (0,examples/* toExample */.qv)(value, rules);
    if (checked.ok)
        return { ok: true, row: { text: checked.example.input, useCase, label: prediction ?? checked.example.label } };
    const input = inputWithoutTarget(value, rules);
    if (input !== undefined)
        return { ok: true, row: { text: input, useCase, label: prediction } };
    return {
        ok: false,
        message: `${checked.problems.join('; ')} (expected a row in the model's ${rules.format} format, or {"input": ...})`
    };
}
/** The input of a row in the model's format whose target is missing (a production request); undefined if not one. */
function inputWithoutTarget(value, rules) {
    switch (rules.format) {
        case 'chat': {
            const messages = value.messages;
            if (!Array.isArray(messages) || messages.length === 0)
                return undefined;
            const turns = [];
            for (const m of messages) {
                if (!m || typeof m !== 'object')
                    return undefined;
                const { role, content } = m;
                if (!rows_text(role) || !rows_text(content))
                    return undefined;
                if (role === 'user' || role === 'tool')
                    turns.push(content);
            }
            return turns.length ? turns.join('\n') : undefined;
        }
        case 'completion':
            return rows_text(value.prompt) && value.prompt.trim() ? value.prompt : undefined;
        case 'instruction':
            return rows_text(value.instruction) && value.instruction.trim()
                ? rows_text(value.input) && value.input
                    ? `${value.instruction}\n${value.input}`
                    : value.instruction
                : undefined;
        case 'classification':
            return rows_text(value.text) && value.text.trim() ? value.text : undefined;
        case 'fields': {
            const skip = new Set([rules.target ?? 'target', 'id', 'use_case', 'prediction']);
            const parts = Object.entries(value)
                .filter(([k]) => !skip.has(k))
                .map(([, v]) => (rows_text(v) ? v : JSON.stringify(v)));
            return parts.length ? parts.join('\n') : undefined;
        }
    }
}

;// CONCATENATED MODULE: ./src/drift/sources.ts





/** A folder of samples holds at most this many files; more is a mistake in the export step. */
const MAX_FILES = 10_000;
/** Problems kept in full; past this they are counted. */
const sources_MAX_PROBLEMS = 200;
/**
 * The data files of a file or a folder (walked, in name order). Files whose names start with '.' or '_'
 * (Spark's _SUCCESS, editor files) are not data; any other file must be JSONL, CSV or Parquet.
 */
async function dataFiles(target, what) {
    let info;
    try {
        info = await (0,promises_.stat)(target);
    }
    catch {
        throw new errors/* ConfigurationError */.j1(`The ${what} '${target}' does not exist. Expected a JSONL, CSV or Parquet file, or a folder of them.`);
    }
    const files = [];
    const problems = [];
    const visit = async (p, size) => {
        if (!(0,readers/* fileKind */.h_)(p))
            problems.push(`${p}: unknown data file type; expected .jsonl, .csv or .parquet`);
        else
            files.push({ path: p, display: p, bytes: size });
    };
    if (info.isFile())
        await visit(target, info.size);
    else if (info.isDirectory()) {
        const stack = [target];
        while (stack.length) {
            const dir = stack.pop();
            for (const entry of (await (0,promises_.readdir)(dir, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? 1 : -1))) {
                if (entry.name.startsWith('.') || entry.name.startsWith('_'))
                    continue;
                const p = external_node_path_default().join(dir, entry.name);
                if (entry.isDirectory())
                    stack.push(p);
                else if (entry.isFile())
                    await visit(p, (await (0,promises_.lstat)(p)).size);
                else
                    problems.push(`${p}: not a regular file (symbolic links and devices are not read)`);
                if (files.length + problems.length > MAX_FILES)
                    throw new errors/* ConfigurationError */.j1(`The ${what} folder '${target}' holds more than ${MAX_FILES} files. Expected a few data files.`);
            }
        }
        files.sort((a, b) => (a.path < b.path ? -1 : 1));
    }
    else
        throw new errors/* ConfigurationError */.j1(`The ${what} '${target}' is not a file or a folder.`);
    if (problems.length)
        throw new errors/* ConfigurationError */.j1(problems.join('\n'));
    if (!files.length)
        throw new errors/* ConfigurationError */.j1(`The ${what} folder '${target}' holds no .jsonl, .csv or .parquet file.`);
    return files;
}
/** Streams files into a side's profile; a row that cannot be read is a located problem (file:line:column). */
async function profileFiles(files, rules, profile, options) {
    const problems = [];
    let invalid = 0;
    let rows = 0;
    for (const file of files) {
        const onProgress = options.onProgress ? (bytes) => options.onProgress(file, bytes) : undefined;
        for await (const batch of (0,readers/* readRowBatches */.Xd)(file.path, {
            maxLineBytes: options.maxLineBytes,
            display: file.display,
            ...(onProgress ? { onProgress } : {})
        })) {
            for (const ev of batch) {
                const reading = ev.kind === 'row' ? readProfileRow(ev.value, rules) : undefined;
                if (reading?.ok) {
                    rows++;
                    profile.add(reading.row);
                    continue;
                }
                invalid++;
                if (problems.length < sources_MAX_PROBLEMS)
                    problems.push({
                        file: file.display,
                        line: ev.line,
                        column: ev.kind === 'error' ? ev.column : 1,
                        severity: 'error',
                        message: ev.kind === 'error' ? ev.message : reading.message
                    });
            }
        }
        options.onProgress?.(file, file.bytes);
    }
    return { rows, invalid, problems };
}

;// CONCATENATED MODULE: ./src/drift/drift.ts












/** The retraining branch of a model; a new drift episode after a closed or merged PR gets `-2`, `-3`, …. */
function retrainBranch(model) {
    return `tunegate/retrain/${model}`;
}
/** The issue key of a model's drift without feedback (a hidden marker in the issue). */
function driftIssueKey(model) {
    return `drift:${model}`;
}
/** The data of one model under a samples or feedback path: its own entry when there is one, else the path itself. */
async function pathFor(root, model, several, what) {
    const info = await (0,promises_.stat)(root).catch(() => undefined);
    if (!info)
        throw new errors/* ConfigurationError */.j1(`The ${what} path '${root}' does not exist. Expected a file or a folder.`);
    if (info.isDirectory()) {
        for (const candidate of [model, `${model}.jsonl`, `${model}.csv`, `${model}.parquet`]) {
            const p = external_node_path_default().join(root, candidate);
            if (await (0,promises_.stat)(p).catch(() => undefined))
                return p;
        }
    }
    if (!several)
        return root;
    if (what === 'feedback')
        return undefined;
    throw new errors/* ConfigurationError */.j1(`With several models, ${what} must be a folder holding one entry per model; '${root}' has no '${model}/' or '${model}.jsonl|csv|parquet'.`);
}
const rulesOf = (m) => ({
    format: m.spec.data.format,
    labels: m.spec.data.labels,
    useCases: m.spec.use_cases,
    target: m.spec.data.target
});
/** The drift step: every model's production inputs against its production training data, then a PR, an issue or nothing. */
async function runDrift({ registryDir, models: named, workDir, ...settings }) {
    const registry = await (0,loader/* loadRegistry */.Ag)(registryDir);
    (0,loader/* assertValid */.pP)(registry);
    const repo = await (0,git/* gitTopLevel */.oB)(registry.root);
    const stage = registry.config.production_stage;
    const inProduction = await modelsAtStage(repo, stage);
    const models = named?.length ? named : [...inProduction.keys()].sort();
    if (!models.length)
        throw new errors/* ConfigurationError */.j1(`No model has a version at the '${stage}' stage; drift needs a production version to compare with.`);
    const results = [];
    for (const model of models) {
        const modelDir = external_node_path_default().join(workDir, model);
        await (0,promises_.rm)(modelDir, { recursive: true, force: true });
        await (0,promises_.mkdir)(modelDir, { recursive: true });
        try {
            const several = models.length > 1;
            results.push(await driftOfModel({ ...settings, registryDir, model, several, registry, repo, workDir: modelDir }));
        }
        finally {
            // The reference copy of the model's files can be as large as its data: never left behind.
            await (0,promises_.rm)(modelDir, { recursive: true, force: true });
        }
    }
    return results;
}
/** One model's comparison, verdict and PR or issue. */
async function driftOfModel(run) {
    const { model, registry } = run;
    const log = run.log ?? (() => undefined);
    const seed = run.seed ?? 42;
    const stage = registry.config.production_stage;
    const reference = await productionReference(run.registryDir, model, stage, run.workDir, { log });
    log(`${model}: production ${reference.version} at ${reference.commit.slice(0, 12)}`);
    const rules = rulesOf(reference.spec);
    const refSide = new SideProfile(SAMPLE_ROWS, seed);
    const refRead = await profileReference(run, reference, rules, refSide);
    const curSide = new SideProfile(SAMPLE_ROWS, seed + 1);
    const samplesPath = await profileSamples(run, rules, curSide);
    const counter = reference.spec.tokenizer
        ? await (0,tokens/* tokenizerCounter */.Oz)(reference.spec.tokenizer.absolute)
        : tokens/* approximateCounter */.tV;
    const comparison = compareSides(refSide, curSide, {
        seed,
        share: registry.config.drift.share,
        counter,
        labels: reference.spec.spec.task_family === 'classification' || rules.format === 'classification'
    });
    const { streak, verdict, consecutiveRuns } = await policyVerdict(run, comparison, reference.version);
    const { feedback, targetPath } = verdict === 'drift' ? await readFeedback(run) : {};
    const record = driftRecord({
        model,
        reference,
        comparison,
        verdict,
        streak,
        consecutiveRuns,
        refRead,
        feedback,
        targetPath
    });
    const problems = feedback?.problems ?? [];
    const report = () => driftMarkdown({
        record,
        comparison,
        samples: samplesPath,
        feedbackProblems: problems,
        quoteRows: run.quoteRows === true,
        ...(run.runUrl ? { runUrl: run.runUrl } : {})
    });
    if (verdict === 'drift' && feedback && feedback.lines.length && targetPath)
        record.action = await proposeRetraining(run, reference, feedback, targetPath, report(), log);
    else if (verdict === 'drift') {
        const why = !run.feedback
            ? ''
            : !feedback
                ? `\n\nNo feedback rows for ${model} were given.`
                : !targetPath
                    ? `\n\n${model} has no JSONL train file to append feedback rows to.`
                    : '\n\nNo feedback row could be proposed (see above).';
        const written = await run.host.upsertIssue({
            key: driftIssueKey(model),
            title: `Drift in ${model}: production inputs differ from ${reference.version}'s training data`,
            body: `${report()}\n${helpWanted(comparison)}${why}`,
            labels: ['tunegate', 'drift']
        });
        record.action = { kind: 'issue', number: written.number, url: written.url };
        log(`${model}: issue #${written.number} ${written.created ? 'opened' : written.changed ? 'updated' : 'unchanged'}`);
    }
    return { record, comparison, markdown: report() };
}
const progressOf = (run, label) => (file, bytes) => run.onProgress?.(`${label} ${file.display}`, bytes, file.bytes);
/** Profiles the production version's training files, as they were at its commit. */
async function profileReference(run, reference, rules, refSide) {
    const refFiles = [];
    for (const f of reference.spec.train)
        refFiles.push({
            path: f.absolute,
            display: `${f.relative}@${reference.commit.slice(0, 7)}`,
            bytes: (await (0,promises_.stat)(f.absolute)).size
        });
    const maxLineBytes = run.registry.config.policy.max_line_bytes;
    return profileFiles(refFiles, rules, refSide, { maxLineBytes, onProgress: progressOf(run, 'reference') });
}
/** Profiles the model's current samples and returns their path; a row that cannot be read, or none at all, is an error. */
async function profileSamples(run, rules, curSide) {
    const { model } = run;
    const maxLineBytes = run.registry.config.policy.max_line_bytes;
    const samplesPath = (await pathFor(run.samples, model, run.several, 'samples'));
    const curRead = await profileFiles(await dataFiles(samplesPath, 'samples'), rules, curSide, {
        maxLineBytes,
        onProgress: progressOf(run, 'samples')
    });
    if (curRead.invalid)
        throw new errors/* ProblemsError */.FQ(curRead.problems, `${curRead.invalid} sample row(s) for ${model} cannot be read (expected rows in the model's ${rules.format} format or {"input": ...}):`);
    if (!curRead.rows)
        throw new errors/* ConfigurationError */.j1(`The samples for ${model} ('${samplesPath}') hold no rows.`);
    return samplesPath;
}
/** The verdict under the policy: drift only after K runs in a row whose own verdict was drift, for the same version. */
async function policyVerdict(run, comparison, version) {
    const k = run.registry.config.drift.consecutive_runs;
    const previous = k > 1 ? await run.previous?.(run.model) : undefined;
    const streak = comparison.verdict === 'drift'
        ? (previous && previous.raw === 'drift' && previous.version === version ? previous.streak : 0) + 1
        : 0;
    const verdict = comparison.verdict === 'drift' && streak >= k ? 'drift' : 'no-drift';
    return { streak, verdict, consecutiveRuns: k };
}
/** A drifted model's feedback rows, and the train file (relative to the repository) they would be appended to. */
async function readFeedback(run) {
    const { model, registry } = run;
    // Feedback is read only for a drifted model whose current spec still exists.
    const current = registry.models.find(m => m.spec.name === model);
    const feedbackPath = run.feedback ? await pathFor(run.feedback, model, run.several, 'feedback') : undefined;
    let feedback;
    if (feedbackPath && current)
        feedback = await prepareFeedback(await dataFiles(feedbackPath, 'feedback'), current, registry.config, run.workDir);
    const targetPath = feedback?.target
        ? external_node_path_default().relative(await (0,promises_.realpath)(run.repo), feedback.target.absolute)
            .split((external_node_path_default()).sep)
            .join('/')
        : undefined;
    return { feedback, targetPath };
}
/** The run's record of one model, with no action taken yet. */
function driftRecord({ model, reference, comparison, verdict, streak, consecutiveRuns, refRead, feedback, targetPath }) {
    return {
        schema: 'tunegate.drift/v1',
        model,
        version: reference.version,
        commit: reference.commit,
        at: new Date().toISOString(),
        verdict,
        raw: comparison.verdict,
        streak,
        consecutiveRuns,
        share: comparison.share,
        shareThreshold: comparison.shareThreshold,
        statistics: comparison.statistics,
        skipped: comparison.skipped,
        rows: comparison.rows,
        sample: comparison.sample,
        referenceInvalid: refRead.invalid,
        ...(feedback
            ? {
                feedback: {
                    read: feedback.read,
                    accepted: feedback.lines.length,
                    ...(targetPath ? { target: targetPath } : {}),
                    leftOut: feedback.leftOut,
                    piiByKind: feedback.piiByKind,
                    droppedFields: feedback.droppedFields
                }
            }
            : {}),
        action: { kind: 'none' }
    };
}
/** Opens or updates the retraining pull request that appends the feedback rows, and starts its pipeline. */
async function proposeRetraining(run, reference, feedback, targetPath, body, log) {
    const { model } = run;
    const written = await run.host.upsertPullRequest({
        branch: retrainBranch(model),
        base: run.base,
        title: `Retrain ${model}: production inputs drifted from ${reference.version}`,
        body,
        commitMessage: `${model}: add ${feedback.lines.length} labelled production rows (drift since ${reference.version})`,
        files: {},
        append: { [targetPath]: feedback.lines.join('\n') + '\n' },
        labels: ['tunegate', 'drift']
    });
    const action = {
        kind: 'pull-request',
        number: written.number,
        url: written.url,
        ...(written.branch ? { branch: written.branch } : {})
    };
    log(`${model}: pull request #${written.number} ${written.created ? 'opened' : written.changed ? 'updated' : 'unchanged'}`);
    if (run.dispatchWorkflow && written.branch && written.changed) {
        await dispatchPipeline(run.host, run.dispatchWorkflow, written.branch, written.number, log);
        action.dispatched = run.dispatchWorkflow;
    }
    return action;
}
/**
 * Starts the pull-request pipeline on a retraining branch, naming the pull request its report job comments on.
 * A caller written before that input existed refuses unknown inputs (422): it is dispatched without them.
 */
async function dispatchPipeline(host, workflow, branch, pr, log) {
    try {
        await host.dispatchWorkflow(workflow, branch, { 'pull-request': String(pr) });
    }
    catch (e) {
        if (e.status !== 422)
            throw e;
        log(`${workflow} declares no 'pull-request' input, so its run cannot comment on #${pr}: dispatched without it ` +
            '(tunegate init writes the caller with the input).');
        await host.dispatchWorkflow(workflow, branch);
    }
}

// EXTERNAL MODULE: ./src/drift/record.ts
var record = __webpack_require__(8558);
// EXTERNAL MODULE: ./src/host/local-host.ts + 1 modules
var local_host = __webpack_require__(5423);
// EXTERNAL MODULE: ./src/cli/progress.ts
var progress = __webpack_require__(9851);
;// CONCATENATED MODULE: ./src/cli/drift-command.ts








/**
 * `tunegate drift`: the drift action in a terminal, with the local host — a retraining branch in the
 * local repository, PR and issue records and each model's last drift record under the state folder.
 */
async function driftCommand({ registry: registryDir, models, samples, feedback, base, stateDir: givenStateDir, reportDir }, out) {
    const repo = await (0,git/* gitTopLevel */.oB)(registryDir);
    const stateDir = external_node_path_default().resolve(givenStateDir);
    const host = new local_host/* LocalHost */.a(stateDir, repo);
    const bar = new progress/* ProgressBar */.z(out);
    const finished = new Set();
    const recordFile = (model) => external_node_path_default().join(stateDir, 'drift', model, record/* DRIFT_RECORD_FILE */.Vl);
    const results = await runDrift({
        registryDir,
        models,
        samples,
        ...(feedback ? { feedback } : {}),
        host,
        base,
        workDir: external_node_path_default().join(stateDir, 'drift-work'),
        // A local run writes to this machine only: its report may quote the rows.
        quoteRows: true,
        previous: async (model) => {
            const text = await (0,promises_.readFile)(recordFile(model), 'utf8').catch(() => undefined);
            const parsed = text === undefined ? undefined : record/* previousRecordSchema */.ce.safeParse(JSON.parse(text));
            return parsed?.success ? parsed.data : undefined;
        },
        onProgress: (label, done, total) => {
            if (finished.has(label))
                return;
            bar.update(label, done, total, `${(0,progress/* formatBytes */.S)(done)} / ${(0,progress/* formatBytes */.S)(total)}`);
            if (done >= total) {
                finished.add(label);
                bar.done();
            }
        },
        log: m => out.error(m)
    });
    await (0,promises_.mkdir)(reportDir, { recursive: true });
    for (const m of results) {
        await (0,promises_.mkdir)(external_node_path_default().dirname(recordFile(m.record.model)), { recursive: true });
        await (0,promises_.writeFile)(recordFile(m.record.model), JSON.stringify(m.record, null, 2) + '\n');
        const report = external_node_path_default().join(reportDir, `drift-${m.record.model}.md`);
        await (0,promises_.writeFile)(report, m.markdown);
        const a = m.record.action;
        out.line(driftText(m.record));
        out.line(a.kind === 'pull-request'
            ? `Retraining branch ${a.branch} (local pull request #${a.number}: ${a.url})`
            : a.kind === 'issue'
                ? `Drift issue #${a.number}: ${a.url}`
                : 'Nothing opened.');
        out.line(`Report: ${report}\n`);
    }
    return 0;
}


/***/ }),

/***/ 9851:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   S: () => (/* binding */ formatBytes),
/* harmony export */   z: () => (/* binding */ ProgressBar)
/* harmony export */ });
/**
 * A one-line progress bar on an interactive terminal; elsewhere (CI logs, pipes) a line per 25%,
 * so logs stay readable.
 */
class ProgressBar {
    out;
    stream;
    lastDraw = 0;
    lastQuarter = -1;
    active = false;
    constructor(out, stream = process.stderr) {
        this.out = out;
        this.stream = stream;
    }
    update(label, done, total, detail = '') {
        const ratio = total > 0 ? Math.min(1, done / total) : 0;
        if (this.out.interactive) {
            const now = Date.now();
            if (now - this.lastDraw < 80 && ratio < 1)
                return;
            this.lastDraw = now;
            const width = 24;
            const filled = Math.round(ratio * width);
            const bar = '#'.repeat(filled) + '-'.repeat(width - filled);
            const percent = (ratio * 100).toFixed(0).padStart(3);
            this.stream.write(`\r\x1b[2K${label} [${bar}] ${percent}% ${detail}`);
            this.active = true;
        }
        else {
            const quarter = Math.floor(ratio * 4);
            if (quarter !== this.lastQuarter) {
                this.lastQuarter = quarter;
                this.out.error(`${label}: ${(quarter * 25).toFixed(0)}% ${detail}`.trimEnd());
            }
        }
    }
    /** Ends the current bar so the next output starts on a fresh line. */
    done() {
        if (this.active)
            this.stream.write('\n');
        this.active = false;
        this.lastQuarter = -1;
    }
}
/** Bytes as KB/MB/GB. */
function formatBytes(n) {
    const units = ['B', 'KB', 'MB', 'GB', 'TB'];
    let i = 0;
    let v = n;
    while (v >= 1024 && i < units.length - 1) {
        v /= 1024;
        i++;
    }
    return `${v.toFixed(i ? 1 : 0)} ${units[i]}`;
}


/***/ }),

/***/ 8916:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   s: () => (/* binding */ mulberry32)
/* harmony export */ });
/** mulberry32: a small, well-known seeded generator in [0, 1); the same draws on every machine. */
function mulberry32(seed) {
    let a = seed >>> 0;
    return () => {
        a = (a + 0x6d2b79f5) >>> 0;
        let t = a;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
}


/***/ }),

/***/ 8558:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Vl: () => (/* binding */ DRIFT_RECORD_FILE),
/* harmony export */   ce: () => (/* binding */ previousRecordSchema)
/* harmony export */ });
/* unused harmony export driftArtifactName */
/* harmony import */ var zod__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(5491);

/** The fields of an earlier record that the next run reads (an artifact is outside data: checked). */
const previousRecordSchema = zod__WEBPACK_IMPORTED_MODULE_0__/* .object */ .Ikc({
    schema: zod__WEBPACK_IMPORTED_MODULE_0__/* .literal */ .euz('tunegate.drift/v1'),
    model: zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP(),
    version: zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP(),
    raw: zod__WEBPACK_IMPORTED_MODULE_0__/* ["enum"] */ .k5n(['drift', 'no-drift']),
    streak: zod__WEBPACK_IMPORTED_MODULE_0__/* .number */ .aig().int().nonnegative()
});
/** The record file's name inside a drift artifact or state folder. */
const DRIFT_RECORD_FILE = 'drift.json';
/** The artifact name of a model's drift records: one per run, the newest is the previous run's. */
function driftArtifactName(model) {
    return `tunegate-drift-${model}`;
}


/***/ }),

/***/ 2906:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   e: () => (/* binding */ textTable)
/* harmony export */ });
/** A plain text table for terminals, columns padded to their widest cell. */
function textTable(header, rows) {
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map(r => (r[i] ?? '').length)));
    const line = (cells) => cells
        .map((c, i) => c.padEnd(widths[i]))
        .join('  ')
        .trimEnd();
    return [line(header), widths.map(w => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}


/***/ })

};
