import { stringify } from 'yaml'
import type { EvaluationRecord } from '../evaluation/record.js'
import type { LoadedModel } from '../registry/loader.js'
import { code, escapeText, markdownTable } from '../report/escape.js'
import type { ReleaseManifest } from './manifest.js'

const PIPELINE_TAG: Record<string, Record<string, string>> = {
  'text-generation': {
    decoder: 'text-generation',
    'encoder-decoder': 'text2text-generation',
    encoder: 'text-generation'
  },
  transformation: {
    decoder: 'text-generation',
    'encoder-decoder': 'text2text-generation',
    encoder: 'text2text-generation'
  },
  classification: {
    decoder: 'text-classification',
    'encoder-decoder': 'text-classification',
    encoder: 'text-classification'
  }
}

function libraryName(trainer: string, method: string): string {
  if (trainer === 'baseline') return 'tunegate'
  return method === 'full' ? 'transformers' : 'peft'
}

const round = (n: number) => Math.round(n * 10_000) / 10_000

/**
 * The Hugging Face model card of a version: YAML front matter (base_model, base_model_relation, library_name,
 * pipeline_tag, license, datasets, model-index with a result per metric and per use case) and the card's
 * sections. It carries no asset links: a draft release has no stable URLs, and the card is written before publish.
 */
export function modelCard(model: LoadedModel, manifest: ReleaseManifest, record: EvaluationRecord): string {
  const spec = model.spec
  const pipeline = PIPELINE_TAG[spec.task_family]?.[spec.base_model.architecture] ?? 'text-generation'
  const adapter = spec.training.method !== 'full' && spec.training.trainer !== 'baseline'
  const trainFiles = manifest.files.filter(f => f.role === 'train')
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
  const front = {
    base_model: spec.base_model.id,
    ...(adapter ? { base_model_relation: 'adapter' } : {}),
    library_name: libraryName(spec.training.trainer, spec.training.method),
    pipeline_tag: pipeline,
    // model.yaml has no license field: the adopter's own terms apply, which the Hub calls "other".
    license: 'other',
    datasets: trainFiles.map(f => f.path),
    tags: ['tunegate', spec.task_family, ...spec.use_cases],
    'model-index': [{ name: `${spec.name}-${manifest.version}`, results }]
  }
  const gpuHours = manifest.gpu_seconds / 3600
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
  const hyper = Object.entries(spec.training.hyperparameters).map(([k, v]) => [code(k), code(JSON.stringify(v))])
  const lines = [
    '---',
    stringify(front, { lineWidth: 0 }).trimEnd(),
    '---',
    '',
    `# ${spec.name} ${manifest.version}`,
    '',
    escapeText(spec.description, 1000),
    '',
    '## Model Details',
    '',
    `- **Base model:** ${code(spec.base_model.id)} at revision ${code(spec.base_model.revision)} (${spec.base_model.architecture})`,
    `- **Task family:** ${spec.task_family}; **method:** ${spec.training.method}${adapter ? ' (an adapter on the base model)' : ''}`,
    `- **Trainer:** ${code(`${manifest.trainer.name} ${manifest.trainer.version}`)}`,
    `- **Version:** ${manifest.version} — ${manifest.bump.level}: ${escapeText(manifest.bump.reason)}${manifest.parent ? `; parent ${manifest.parent.version}` : ''}`,
    `- **Commit:** ${code(manifest.commit)}${manifest.pull_request ? `; pull request #${manifest.pull_request.number} by ${escapeText(manifest.pull_request.author)}, approved by ${manifest.pull_request.approvers.map(a => escapeText(a)).join(', ') || 'nobody (local promotion)'}` : ''}`,
    `- **Owners:** ${spec.owners.map(o => escapeText(o)).join(', ') || '–'}; **risk tier:** ${spec.risk_tier}`,
    `- **Fingerprints:** training ${code(manifest.training_fingerprint.slice(0, 16))}, evaluation ${code(manifest.evaluation_fingerprint.slice(0, 16))}`,
    '',
    '## Uses',
    '',
    `Use cases: ${spec.use_cases.map(u => code(u)).join(', ')}.`,
    spec.output_schema ? 'Outputs must follow the JSON Schema in the registry (`output_schema`).' : '',
    '',
    '## Bias, Risks, and Limitations',
    '',
    `Evaluated only on the registry's eval set (${record.per_example.length} examples) and its safety checks; behaviour on other inputs is not measured.`,
    spec.training.trainer === 'baseline'
      ? 'This version was made by the CPU baseline trainer (a linear or nearest-neighbour floor), not by fine-tuning a language model.'
      : '',
    `Risk tier ${code(spec.risk_tier)} decided how many approvals this version needed.`,
    '',
    '## Training Details',
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
    '',
    '## Evaluation',
    '',
    `Verdict: **${record.verdict}**${record.baseline ? ` against ${record.baseline.version} on ${record.baseline.shared_examples} shared examples` : ' (first version: absolute gates only)'}.`,
    '',
    markdownTable(['metric', 'all', ...spec.use_cases.map(u => code(u))], metricRows),
    '',
    gateRows.length ? markdownTable(['gate', 'slice', 'kind', 'threshold', 'value', 'result'], gateRows) : 'No gates.',
    '',
    '## Environmental Impact',
    '',
    `- **GPU-hours:** ${gpuHours.toFixed(3)} (${manifest.gpu_seconds} GPU-seconds)`,
    `- **Cost:** ${manifest.cost.amount.toFixed(2)} ${manifest.cost.currency} at ${manifest.cost.rate_per_gpu_hour} per GPU-hour`,
    `- **Hardware:** runner ${code(manifest.runner.name)}, labels ${manifest.runner.labels.map(l => code(l)).join(', ') || '–'}`,
    ''
  ]
  return lines.filter((l, i, all) => !(l === '' && all[i - 1] === '')).join('\n')
}
