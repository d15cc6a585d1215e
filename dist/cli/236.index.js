export const id = 236;
export const ids = [236];
export const modules = {

/***/ 5236:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   AT: () => (/* binding */ hyperparameterProblems),
/* harmony export */   Rp: () => (/* binding */ resolveHyperparameters),
/* harmony export */   Sb: () => (/* binding */ hyperparameterDefaults),
/* harmony export */   dk: () => (/* binding */ hyperparameterValue),
/* harmony export */   wn: () => (/* binding */ maxSeqLength)
/* harmony export */ });
/* unused harmony exports DEFAULT_MAX_SEQ_LENGTH, hyperparameterKeys */
/* harmony import */ var zod__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(5491);

const positiveInt = zod__WEBPACK_IMPORTED_MODULE_0__/* .number */ .aig().int().positive();
const nonNegative = zod__WEBPACK_IMPORTED_MODULE_0__/* .number */ .aig().nonnegative();
const field = (schema, expected, byDefault) => byDefault === undefined ? { schema, expected } : { schema, expected, default: byDefault };
/** The default sequence length, capped at the base model's context window. */
const DEFAULT_MAX_SEQ_LENGTH = 1024;
/**
 * The fine-tuning settings every backend shares, with one set of defaults: hf-peft and axolotl read them the
 * same way (batch_size is Axolotl's micro_batch_size, max_seq_length its sequence_len, packing its
 * sample_packing); the baseline accepts them, since its floor retrains a model's own spec, and ignores what a
 * linear model has no use for.
 */
const SHARED = {
    epochs: field(zod__WEBPACK_IMPORTED_MODULE_0__/* .number */ .aig().positive(), 'a positive number of epochs', 1),
    learning_rate: field(zod__WEBPACK_IMPORTED_MODULE_0__/* .number */ .aig().positive(), 'a positive learning rate', 0.0002),
    batch_size: field(positiveInt, 'a positive whole number of examples per device and step', 4),
    gradient_accumulation_steps: field(positiveInt, 'a positive whole number of steps', 1),
    max_seq_length: field(positiveInt, `a positive whole number of tokens (default ${DEFAULT_MAX_SEQ_LENGTH}, at most the context window)`, DEFAULT_MAX_SEQ_LENGTH),
    packing: field(zod__WEBPACK_IMPORTED_MODULE_0__/* .boolean */ .zMY(), 'true or false', false),
    lora_r: field(positiveInt, 'a positive whole number (the LoRA rank)', 16),
    lora_alpha: field(zod__WEBPACK_IMPORTED_MODULE_0__/* .number */ .aig().positive(), 'a positive number', 32),
    lora_dropout: field(zod__WEBPACK_IMPORTED_MODULE_0__/* .number */ .aig().min(0).lt(1), 'a number from 0 to below 1', 0.05),
    warmup_ratio: field(zod__WEBPACK_IMPORTED_MODULE_0__/* .number */ .aig().min(0).lt(1), 'a share of the steps, from 0 to below 1', 0.03),
    lr_scheduler: field(zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP().min(1), "a scheduler name such as 'cosine' or 'linear'", 'cosine'),
    weight_decay: field(nonNegative, 'a number of at least 0', 0),
    bf16: field(zod__WEBPACK_IMPORTED_MODULE_0__/* .union */ .KCZ([zod__WEBPACK_IMPORTED_MODULE_0__/* .boolean */ .zMY(), zod__WEBPACK_IMPORTED_MODULE_0__/* .literal */ .euz('auto')]), "true, false or 'auto' (where the GPU has it)", 'auto'),
    gradient_checkpointing: field(zod__WEBPACK_IMPORTED_MODULE_0__/* .boolean */ .zMY(), 'true or false (default: on with a GPU)'),
    /** Rows whose prompt leaves no target token within max_seq_length: above this share of the train rows, the run fails. */
    max_share_without_target: field(zod__WEBPACK_IMPORTED_MODULE_0__/* .number */ .aig().min(0).max(1), 'a share of the train rows, from 0 to 1', 0.01)
};
/** The baseline trainer's own settings; every trainer accepts them, for its baseline-trainer floor. */
const BASELINE = {
    baseline_epochs: field(positiveInt, 'a positive whole number of epochs', 5),
    baseline_learning_rate: field(zod__WEBPACK_IMPORTED_MODULE_0__/* .number */ .aig().positive(), 'a positive learning rate', 0.5),
    baseline_buckets: field(positiveInt.max(1 << 24), 'a positive whole number of hashed features, at most 16777216', 1 << 17),
    baseline_bm25_k1: field(nonNegative, 'a number of at least 0', 1.2),
    baseline_bm25_b: field(zod__WEBPACK_IMPORTED_MODULE_0__/* .number */ .aig().min(0).max(1), 'a number from 0 to 1', 0.75)
};
const HF_PEFT = {
    max_steps: field(zod__WEBPACK_IMPORTED_MODULE_0__/* .number */ .aig().int().min(-1), 'a whole number of steps (-1: as many as the epochs need)', -1),
    lora_target_modules: field(zod__WEBPACK_IMPORTED_MODULE_0__/* .union */ .KCZ([zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP().min(1), zod__WEBPACK_IMPORTED_MODULE_0__/* .array */ .YOg(zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP().min(1)).min(1)]), "'all-linear' or a list of module names", 'all-linear'),
    attn_implementation: field(zod__WEBPACK_IMPORTED_MODULE_0__/* ["enum"] */ .k5n(['sdpa', 'flash_attention_2', 'eager']), 'sdpa, flash_attention_2 or eager'),
    eval_batch_size: field(positiveInt, 'a positive whole number', 16),
    logging_steps: field(positiveInt, 'a positive whole number of steps', 10),
    save_steps: field(positiveInt, 'a positive whole number of steps', 200),
    save_total_limit: field(positiveInt, 'a positive whole number of checkpoints', 2),
    max_new_tokens: field(positiveInt, 'a positive whole number of tokens', 256),
    eval_before_training: field(zod__WEBPACK_IMPORTED_MODULE_0__/* .boolean */ .zMY(), 'true or false', true),
    dataloader_num_workers: field(zod__WEBPACK_IMPORTED_MODULE_0__/* .number */ .aig().int().nonnegative(), 'a whole number of at least 0 (default: 2 with a GPU)')
};
const AXOLOTL = {
    optimizer: field(zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP().min(1), "an optimizer name Axolotl knows, such as 'adamw_torch_fused'", 'adamw_torch_fused')
};
const FIELDS = {
    baseline: { ...SHARED, ...BASELINE },
    'hf-peft': { ...SHARED, ...BASELINE, ...HF_PEFT },
    axolotl: { ...SHARED, ...BASELINE, ...AXOLOTL }
};
/** A hyperparameter value as model.yaml may write it (the `command` trainer's are free-form). */
const hyperparameterValue = zod__WEBPACK_IMPORTED_MODULE_0__/* .union */ .KCZ([
    zod__WEBPACK_IMPORTED_MODULE_0__/* .number */ .aig(),
    zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP(),
    zod__WEBPACK_IMPORTED_MODULE_0__/* .boolean */ .zMY(),
    zod__WEBPACK_IMPORTED_MODULE_0__/* .array */ .YOg(zod__WEBPACK_IMPORTED_MODULE_0__/* .union */ .KCZ([zod__WEBPACK_IMPORTED_MODULE_0__/* .number */ .aig(), zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP()]))
]);
function isKnown(trainer) {
    return trainer in FIELDS;
}
/** Every unknown key and wrongly typed value among a model's hyperparameters for its trainer. */
function hyperparameterProblems(trainer, hp) {
    if (!isKnown(trainer))
        return [];
    const fields = FIELDS[trainer];
    const problems = [];
    for (const [key, value] of Object.entries(hp)) {
        const f = fields[key];
        if (!f)
            problems.push({
                key,
                message: `unknown hyperparameter '${key}' for trainer ${trainer}; expected one of: ${Object.keys(fields).join(', ')}`
            });
        else if (!f.schema.safeParse(value).success)
            problems.push({ key, message: `hyperparameter '${key}' is ${JSON.stringify(value)}; expected ${f.expected}` });
    }
    return problems;
}
/** The defaults of a trainer's hyperparameters (max_seq_length before the cap at the context window). */
function hyperparameterDefaults(trainer) {
    const out = {};
    for (const [key, f] of Object.entries(FIELDS[trainer]))
        if (f.default !== undefined)
            out[key] = f.default;
    return out;
}
/** The hyperparameter keys a trainer reads. */
function hyperparameterKeys(trainer) {
    return Object.keys(FIELDS[trainer]);
}
/**
 * The values a trainer runs with: the defaults overlaid with the model's own, keeping only the keys this trainer
 * reads (the baseline-trainer floor retrains a model whose keys belong to another trainer), max_seq_length capped
 * at the context window. A `command` trainer gets the model's values unchanged.
 */
function resolveHyperparameters(trainer, hp, contextWindow) {
    if (!isKnown(trainer))
        return { ...hp };
    const fields = FIELDS[trainer];
    const own = Object.fromEntries(Object.entries(hp).filter(([k]) => k in fields));
    const out = { ...hyperparameterDefaults(trainer), ...own };
    if (own.max_seq_length === undefined)
        out.max_seq_length = Math.min(DEFAULT_MAX_SEQ_LENGTH, contextWindow);
    return out;
}
/** The max_seq_length a trainer will use for a model: its own setting, else the default capped at the context window. */
function maxSeqLength(hp, contextWindow) {
    return typeof hp.max_seq_length === 'number' ? hp.max_seq_length : Math.min(DEFAULT_MAX_SEQ_LENGTH, contextWindow);
}


/***/ })

};
