import { stringify } from 'yaml'
import type { EvaluationRecord } from '../evaluation/record.js'
import type { LoadedModel } from '../registry/loader.js'
import { code, escapeText, markdownTable } from '../report/escape.js'
import type { VersionLineage } from './manifest.js'
import { LABELS_FILE } from './released-outputs.js'

/**
 * The Hub's pipeline tag per task family: the Hub dropped `text2text-generation` in 2025 and files every
 * generative model, encoder-decoder ones included, under `text-generation`.
 */
const PIPELINE_TAG: Record<string, string> = {
  'text-generation': 'text-generation',
  transformation: 'text-generation',
  classification: 'text-classification'
}

/** The Hub library that loads a version; the baseline trainer's floor is no Hub library's. */
function libraryName(trainer: string, method: string): string | undefined {
  if (trainer === 'baseline') return undefined
  return method === 'full' ? 'transformers' : 'peft'
}

/**
 * model.yaml has no license field: the registry owners' terms apply, which the Hub calls `other`, and
 * `other` needs a `license_name` (lowercase letters, digits, '-' and '.').
 */
const LICENSE = { license: 'other', license_name: 'unspecified' }

const round = (n: number) => Math.round(n * 10_000) / 10_000

/**
 * The Hugging Face model card of a version: YAML front matter that huggingface_hub's ModelCard parses and the
 * Hub accepts (base_model and base_model_relation only for a version derived from the base model,
 * library_name, pipeline_tag, license with license_name, tags, model-index with a result per metric and per
 * use case; no `datasets`, which takes Hub dataset ids only: the registry's files are listed in the body) and
 * the card's sections. It carries no asset links: a draft release has no stable URLs, and the card is written
 * before publish. It is also the adapter's README.md in the release archive.
 */
export function modelCard(model: LoadedModel, manifest: VersionLineage, record: EvaluationRecord): string {
  const spec = model.spec
  const library = libraryName(spec.training.trainer, spec.training.method)
  const lines = [
    '---',
    stringify(frontMatter(spec, manifest, record, library), { lineWidth: 0 }).trimEnd(),
    '---',
    '',
    `# ${spec.name} ${manifest.version}`,
    '',
    escapeText(spec.description, 1000),
    '',
    ...detailsSection(spec, manifest),
    '## Uses',
    '',
    `Use cases: ${spec.use_cases.map(u => code(u)).join(', ')}.`,
    spec.output_schema ? 'Outputs must follow the JSON Schema in the registry (`output_schema`).' : '',
    '',
    ...usage(spec, library),
    '## Bias, Risks, and Limitations',
    '',
    `Evaluated only on the registry's eval set (${record.per_example.length} examples) and its safety checks; behaviour on other inputs is not measured.`,
    spec.training.trainer === 'baseline'
      ? 'This version was made by the CPU baseline trainer (a linear or nearest-neighbour floor), not by fine-tuning a language model.'
      : '',
    `Risk tier ${code(spec.risk_tier)} decided how many approvals this version needed.`,
    '',
    ...trainingSection(spec, manifest),
    ...evaluationSection(spec, record),
    ...environmentSection(manifest),
    '## License',
    '',
    "`model.yaml` names no license: the registry owners' terms apply, and those of the base model.",
    ''
  ]
  return lines.filter((l, i, all) => !(l === '' && all[i - 1] === '')).join('\n')
}

type ModelSpec = LoadedModel['spec']
/** A version made by fine-tuning an adapter on the base model (LoRA, QLoRA), not the whole model. */
const isAdapter = (spec: ModelSpec) => spec.training.method !== 'full' && spec.training.trainer !== 'baseline'

/** The card's YAML front matter: base model, library, pipeline tag, license, tags and model-index. */
function frontMatter(
  spec: ModelSpec,
  manifest: VersionLineage,
  record: EvaluationRecord,
  library: string | undefined
): Record<string, unknown> {
  const pipeline = PIPELINE_TAG[spec.task_family] ?? 'text-generation'
  const results = []
  for (const slice of ['all', ...spec.use_cases]) {
    const metrics = Object.entries(record.metrics)
      .filter(([, m]) => m.slices[slice])
      .map(([name, m]) => ({ type: name, name: `${name} (${slice})`, value: round(m.slices[slice]!.value) }))
    if (!metrics.length) continue
    results.push({
      task: { type: pipeline, name: slice === 'all' ? spec.task_family : `${spec.task_family}: ${slice}` },
      dataset: {
        name: `${spec.name} eval${slice === 'all' ? '' : ` (${slice})`}`,
        type: `${spec.name}-eval`,
        split: slice
      },
      metrics
    })
  }
  return {
    // A baseline version was not derived from the base model: it claims none.
    ...(spec.training.trainer === 'baseline'
      ? {}
      : { base_model: spec.base_model.id, base_model_relation: isAdapter(spec) ? 'adapter' : 'finetune' }),
    ...(library ? { library_name: library } : {}),
    pipeline_tag: pipeline,
    ...LICENSE,
    tags: ['tunegate', spec.task_family, ...spec.use_cases],
    'model-index': [{ name: `${spec.name}-${manifest.version}`, results }]
  }
}

/** Model Details: base model, task, trainer, version, commit and approvals, owners, fingerprints. */
function detailsSection(spec: ModelSpec, manifest: VersionLineage): string[] {
  return [
    '## Model Details',
    '',
    spec.training.trainer === 'baseline'
      ? `- **Base model:** none; the registry names ${code(spec.base_model.id)}, but the baseline trainer does not start from it`
      : `- **Base model:** ${code(spec.base_model.id)} at revision ${code(spec.base_model.revision)} (${spec.base_model.architecture})`,
    `- **Task family:** ${spec.task_family}; **method:** ${spec.training.method}${isAdapter(spec) ? ' (an adapter on the base model)' : ''}`,
    `- **Trainer:** ${code(`${manifest.trainer.name} ${manifest.trainer.version}`)}`,
    `- **Version:** ${manifest.version} — ${manifest.bump.level}: ${escapeText(manifest.bump.reason)}${manifest.parent ? `; parent ${manifest.parent.version}` : ''}`,
    `- **Commit:** ${code(manifest.commit)}${manifest.pull_request ? `; pull request #${manifest.pull_request.number} by ${escapeText(manifest.pull_request.author)}, approved by ${manifest.pull_request.approvers.map(a => escapeText(a)).join(', ') || 'nobody (local promotion)'}` : ''}`,
    `- **Owners:** ${spec.owners.map(o => escapeText(o)).join(', ') || '–'}; **risk tier:** ${spec.risk_tier}`,
    `- **Fingerprints:** training ${code(manifest.training_fingerprint.slice(0, 16))}, evaluation ${code(manifest.evaluation_fingerprint.slice(0, 16))}`,
    ''
  ]
}

/** Training Details: the registry's train files with their digests, the hyperparameters, seed and runner. */
function trainingSection(spec: ModelSpec, manifest: VersionLineage): string[] {
  const trainFiles = manifest.files.filter(f => f.role === 'train')
  const hyper = Object.entries(spec.training.hyperparameters).map(([k, v]) => [code(k), code(JSON.stringify(v))])
  return [
    '## Training Details',
    '',
    "Trained on the registry's own files (not Hub datasets):",
    '',
    markdownTable(
      ['file', 'sha256'],
      trainFiles.map(f => [code(f.path), code(f.sha256.slice(0, 16))])
    ),
    '',
    hyper.length
      ? markdownTable(['hyperparameter', 'value'], hyper)
      : 'No hyperparameters beyond the trainer defaults.',
    '',
    `Seed ${spec.training.seed}; runner ${code(manifest.runner.name)} (${manifest.runner.gpus} GPU${manifest.runner.gpus === 1 ? '' : 's'}).`,
    ''
  ]
}

/** Evaluation: the verdict, every metric per slice, and the gates. */
function evaluationSection(spec: ModelSpec, record: EvaluationRecord): string[] {
  const metricRows = Object.entries(record.metrics).map(([name, m]) => [
    code(name),
    ...['all', ...spec.use_cases].map(s => (m.slices[s] ? round(m.slices[s].value).toString() : '–'))
  ])
  const gateRows = record.gates.map(g => [
    code(g.metric),
    code(g.slice),
    g.kind,
    g.threshold === null ? '–' : String(g.threshold),
    g.value === null ? '–' : String(round(g.value)),
    g.passed ? 'pass' : 'fail'
  ])
  return [
    '## Evaluation',
    '',
    `Verdict: **${record.verdict}**${record.baseline ? ` against ${record.baseline.version} on ${record.baseline.shared_examples} shared examples` : ' (first version: absolute gates only)'}.`,
    '',
    markdownTable(['metric', 'all', ...spec.use_cases.map(u => code(u))], metricRows),
    '',
    gateRows.length ? markdownTable(['gate', 'slice', 'kind', 'threshold', 'value', 'result'], gateRows) : 'No gates.',
    ''
  ]
}

/** Environmental Impact: GPU-hours, cost and hardware of the training run. */
function environmentSection(manifest: VersionLineage): string[] {
  const gpuHours = manifest.gpu_seconds / 3600
  return [
    '## Environmental Impact',
    '',
    `- **GPU-hours:** ${gpuHours.toFixed(3)} (${manifest.gpu_seconds} GPU-seconds)`,
    `- **Cost:** ${manifest.cost.amount.toFixed(2)} ${manifest.cost.currency} at ${manifest.cost.rate_per_gpu_hour} per GPU-hour`,
    `- **Hardware:** runner ${code(manifest.runner.name)}, labels ${manifest.runner.labels.map(l => code(l)).join(', ') || '–'}`,
    ''
  ]
}

/**
 * How to load the version from the release archive's adapter/ folder, for the library that loads it. peft's
 * adapter config cannot hold label names, so a classification adapter's come from labels.json.
 */
function usage(spec: LoadedModel['spec'], library: string | undefined): string[] {
  if (!library) return []
  const classification = spec.task_family === 'classification'
  const auto = classification
    ? 'SequenceClassification'
    : spec.base_model.architecture === 'encoder-decoder'
      ? 'Seq2SeqLM'
      : 'CausalLM'
  const lines =
    library === 'peft'
      ? [
          ...(classification ? ['import json', ''] : []),
          `from peft import AutoPeftModelFor${auto}`,
          'from transformers import AutoTokenizer',
          '',
          "tokenizer = AutoTokenizer.from_pretrained('adapter')",
          classification
            ? [
                `labels = json.load(open('adapter/${LABELS_FILE}'))`,
                "id2label = {int(i): label for i, label in labels['id2label'].items()}",
                '# The adapter holds the classification head: any head of the base model is replaced.',
                `model = AutoPeftModelFor${auto}.from_pretrained(`,
                "    'adapter', num_labels=len(id2label), id2label=id2label, label2id=labels['label2id'],",
                '    ignore_mismatched_sizes=True,',
                ')'
              ].join('\n')
            : `model = AutoPeftModelFor${auto}.from_pretrained('adapter')`
        ]
      : [
          `from transformers import AutoModelFor${auto}, AutoTokenizer`,
          '',
          "tokenizer = AutoTokenizer.from_pretrained('adapter')",
          `model = AutoModelFor${auto}.from_pretrained('adapter')`
        ]
  if (classification)
    lines.push(
      '',
      "logits = model(**tokenizer(['some text'], return_tensors='pt')).logits",
      'print(model.config.id2label[int(logits.argmax(-1))])'
    )
  return [
    '## How to Use',
    '',
    `Unpack the release's training archive; its \`adapter/\` folder holds the ${library === 'peft' ? `adapter for ${code(spec.base_model.id)} at revision ${code(spec.base_model.revision)}, which is loaded from the Hub (or your cache)` : 'fine-tuned weights'}.`,
    '',
    '```python',
    ...lines,
    '```',
    ''
  ]
}
