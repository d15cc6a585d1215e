// What a release carries works outside the runner: the archive is the same bytes whenever it is made, holds no
// checkpoints, carries the model card, the registry's base model and the label names; the card passes
// huggingface_hub's checks; and peft loads a classification adapter from the archive and predicts label names.
import { spawnSync } from 'node:child_process'
import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import type { EvaluationRecord } from '../src/evaluation/record.js'
import { LocalHost } from '../src/host/local-host.js'
import { fileDigest } from '../src/registry/digest.js'
import { loadRegistry, type LoadedModel } from '../src/registry/loader.js'
import { unzipTo } from '../src/registry/unzip.js'
import { zipOutputs } from '../src/release/archive.js'
import type { ReleaseManifest } from '../src/release/manifest.js'
import { modelCard } from '../src/release/model-card.js'
import { promote } from '../src/release/promote.js'
import { releasedOutputs } from '../src/release/released-outputs.js'
import { localEvidence } from '../src/release/verify.js'
import type { RunManifest } from '../src/training/contract.js'
import { promotionFixture, type PromotionFixture } from './helpers/promotion-fixture.js'
import { missingPythonModules, testPython } from './helpers/python.js'

const python = testPython()
const noHub = missingPythonModules(python, ['huggingface_hub'])
const noPeft = missingPythonModules(python, ['torch', 'transformers', 'peft', 'trl'])
if (noHub) console.log(`model card checks skipped: ${noHub}`)
if (noPeft) console.log(`peft loading checks skipped: ${noPeft}`)

/** Runs a Python script with a JSON argument; returns its last stdout line as JSON. */
function runPython(script: string, arg: unknown, cwd: string, env: NodeJS.ProcessEnv = {}): unknown {
  const run = spawnSync(python, ['-c', script, JSON.stringify(arg)], {
    cwd,
    encoding: 'utf8',
    timeout: 10 * 60_000,
    env: { ...process.env, OMP_NUM_THREADS: '1', ...env }
  })
  if (run.status !== 0) throw new Error(`python failed:\n${run.stdout.slice(-3000)}\n${run.stderr.slice(-6000)}`)
  return JSON.parse(run.stdout.trim().split('\n').at(-1)!)
}

let f: PromotionFixture
let state: string
let recordFile: string

beforeAll(async () => {
  f = await promotionFixture()
  state = await mkdtemp(path.join(tmpdir(), 'tg-artifacts-'))
  recordFile = path.join(state, 'evaluation.json')
  await writeFile(recordFile, JSON.stringify(f.record, null, 2))
  // A trainer's checkpoints beside its outputs: they must stay behind.
  await mkdir(path.join(f.runDir, 'checkpoints', 'checkpoint-2'), { recursive: true })
  await writeFile(path.join(f.runDir, 'checkpoints', 'checkpoint-2', 'adapter_model.safetensors'), 'a checkpoint')
}, 120_000)

afterEach(() => {
  vi.useRealTimers()
})

/** Promotes the fixture's merge commit locally into `name`'s own release folder; returns the assets folder. */
async function promoteInto(name: string): Promise<string> {
  const [outcome] = await promote({
    registryDir: path.join(f.repo, 'registry'),
    host: new LocalHost(path.join(state, name), f.repo),
    commit: f.merge,
    checkApprovals: false,
    evidence: localEvidence(
      () => recordFile,
      () => f.runDir
    ),
    workDir: path.join(state, name, 'work'),
    reevaluate: () => 'tunegate evaluate',
    models: [f.model]
  })
  expect(outcome, JSON.stringify(outcome)).toMatchObject({ status: 'promoted' })
  return path.join(state, name, 'releases', outcome!.tag!, 'assets')
}

describe('the release archive', () => {
  it('is the same bytes for two promotions seconds apart, without checkpoints, with the card as the adapter README', async () => {
    vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime(new Date('2026-03-01T10:00:00Z'))
    const first = await promoteInto('first')
    vi.setSystemTime(new Date('2026-03-01T10:00:07Z'))
    const second = await promoteInto('second')
    vi.useRealTimers()
    const archive = (dir: string) => readFile(path.join(dir, f.trainAsset))
    expect((await archive(first)).equals(await archive(second))).toBe(true)

    const unpacked = await mkdtemp(path.join(tmpdir(), 'tg-archive-'))
    const entries = (await unzipTo(await archive(first), unpacked)).sort()
    expect(entries.filter(e => e.startsWith('checkpoints'))).toEqual([])
    expect(entries).toEqual(expect.arrayContaining(['run.json', 'predictions.jsonl', 'adapter/README.md']))
    expect(await readFile(path.join(unpacked, 'adapter/README.md'), 'utf8')).toBe(
      await readFile(path.join(first, 'README.md'), 'utf8')
    )
    // run.json lists the released files' digests, so the archive passes the train step's reuse check; the
    // manifest lists the same.
    const run = JSON.parse(await readFile(path.join(unpacked, 'run.json'), 'utf8')) as RunManifest
    for (const out of run.outputs) expect(await fileDigest(path.join(unpacked, out.file)), out.file).toBe(out.sha256)
    expect(run.outputs.map(o => o.file).sort()).toEqual(entries.filter(e => e !== 'run.json'))
    expect(run.outputs.map(o => o.file)).toContain('adapter/README.md')
    const manifest = JSON.parse(await readFile(path.join(first, 'manifest.json'), 'utf8')) as ReleaseManifest
    expect(manifest.outputs).toEqual(run.outputs)
  }, 180_000)
})

/** The example model with another trainer, method or task: the card's front matter follows them. */
async function variant(change: (spec: LoadedModel['spec']) => void): Promise<LoadedModel> {
  const registry = await loadRegistry(path.join(f.repo, 'registry'))
  const model = registry.models.find(m => m.spec.name === f.model)!
  const spec = structuredClone(model.spec)
  change(spec)
  return { ...model, spec }
}

const CARD_CHECK = `
import json, sys
from huggingface_hub import ModelCard
out = {}
for name, text in json.loads(sys.argv[1]).items():
    card = ModelCard(text, ignore_metadata_errors=False)
    data = card.data.to_dict()
    out[name] = {"data": data, "eval_results": len(card.data.eval_results or [])}
print(json.dumps(out))
`

describe('the model card', () => {
  it.skipIf(noHub !== undefined)(
    "passes huggingface_hub's card checks and the Hub's rules for each trainer, method and task",
    async () => {
      const assets = await promoteInto('card')
      const manifest = JSON.parse(await readFile(path.join(assets, 'manifest.json'), 'utf8')) as ReleaseManifest
      const record = f.record as unknown as EvaluationRecord
      const cards = {
        baseline: await readFile(path.join(assets, 'README.md'), 'utf8'),
        lora: modelCard(
          await variant(s => (s.training = { ...s.training, trainer: 'hf-peft', method: 'lora' })),
          manifest,
          record
        ),
        full: modelCard(
          await variant(s => (s.training = { ...s.training, trainer: 'hf-peft', method: 'full' })),
          manifest,
          record
        ),
        seq2seq: modelCard(
          await variant(s => {
            s.training = { ...s.training, trainer: 'hf-peft', method: 'lora' }
            s.task_family = 'transformation'
            s.base_model = { ...s.base_model, architecture: 'encoder-decoder' }
          }),
          manifest,
          record
        )
      }
      const checked = runPython(CARD_CHECK, cards, process.cwd()) as Record<
        string,
        { data: Record<string, unknown>; eval_results: number }
      >
      for (const [name, { data, eval_results }] of Object.entries(checked)) {
        expect(eval_results, name).toBeGreaterThan(0)
        expect(['text-generation', 'text-classification'], name).toContain(data.pipeline_tag)
        expect(data.license, name).toBe('other')
        expect(data.license_name, name).toMatch(/^[a-z0-9][a-z0-9.-]*$/)
        // `datasets` takes Hub dataset ids only; the registry's files are listed in the body.
        expect(data, name).not.toHaveProperty('datasets')
      }
      expect(cards.baseline).toMatch(/\| `registry\/datasets\/content-classifier\/[^`]+\.jsonl` \|/)
      expect(checked.baseline!.data).not.toHaveProperty('base_model')
      expect(checked.baseline!.data).not.toHaveProperty('library_name')
      expect(checked.lora!.data).toMatchObject({
        base_model: manifest.base_model.id,
        base_model_relation: 'adapter',
        library_name: 'peft',
        pipeline_tag: 'text-classification'
      })
      expect(checked.full!.data).toMatchObject({ base_model_relation: 'finetune', library_name: 'transformers' })
      expect(checked.seq2seq!.data).toMatchObject({ library_name: 'peft', pipeline_tag: 'text-generation' })
      expect(cards.lora).toContain('AutoPeftModelForSequenceClassification')
      expect(cards.seq2seq).toContain('AutoPeftModelForSeq2SeqLM')
    },
    180_000
  )
})

// Trains a tiny LoRA classifier with the hf-peft trainer, its base under a Hub-style id in TUNEGATE_MODEL_DIR,
// then puts back what peft alone leaves (the runner's folder, no revision, no labels): a trainer that does not
// describe its adapter.
const TRAIN = `
import json, os, shutil, sys
from pathlib import Path
arg = json.loads(sys.argv[1])
sys.path.insert(0, arg["trainer"])
import tiny_model, train
tmp = Path(arg["tmp"])
labels = arg["labels"]
rows = [{"id": f"t{i}", "use_case": "u", "text": f"the {['yoga mat cork', 'grinder kettle', 'desk lamp'][i % 3]} {i}",
         "label": labels[i % 3]} for i in range(36)]
base = tiny_model.build("bert", tmp / "models" / "tiny-org" / "tiny-bert", [r["text"] for r in rows])
os.environ["TUNEGATE_MODEL_DIR"] = str(tmp / "models")
(tmp / "train.jsonl").write_text("".join(json.dumps(r) + "\\n" for r in rows))
(tmp / "eval.jsonl").write_text("".join(json.dumps(r) + "\\n" for r in rows[:9]))
spec = {"schema": "tunegate.run-spec/v1", "model": "tiny", "task_family": "classification",
        "base_model": {"id": "tiny-org/tiny-bert", "revision": arg["revision"], "architecture": "encoder", "context_window": 512},
        "method": "lora", "hyperparameters": {"epochs": 3, "learning_rate": 0.01, "batch_size": 4, "logging_steps": 2,
        "save_steps": 100, "max_seq_length": 32, "lora_r": 8, "lora_alpha": 16}, "seed": 1,
        "train_file": str(tmp / "train.jsonl"), "eval_file": str(tmp / "eval.jsonl"), "data_format": "classification",
        "labels": labels, "output_dir": str(tmp / "out"), "resume_from_checkpoint": None, "fingerprint": "test"}
train.run(spec)
adapter = tmp / "out" / "adapter"
config = json.loads((adapter / "adapter_config.json").read_text())
trainer_wrote = {"base": config["base_model_name_or_path"], "revision": config["revision"],
                 "labels": json.loads((adapter / "labels.json").read_text())}
config["base_model_name_or_path"] = str(base)
config["revision"] = None
(adapter / "adapter_config.json").write_text(json.dumps(config, indent=2))
(adapter / "labels.json").unlink()
print(json.dumps(trainer_wrote))
`

// Loads the released adapter as its card says, outside the runner: the base model only under its id (a local
// folder of that name, no hub), the runner's folder gone.
const LOAD = `
import json, os, sys
os.environ["HF_HUB_OFFLINE"] = "1"
from peft import AutoPeftModelForSequenceClassification
from transformers import AutoTokenizer
texts = json.loads(sys.argv[1])
tokenizer = AutoTokenizer.from_pretrained("adapter")
labels = json.load(open("adapter/labels.json"))
id2label = {int(i): label for i, label in labels["id2label"].items()}
model = AutoPeftModelForSequenceClassification.from_pretrained(
    "adapter", num_labels=len(id2label), id2label=id2label, label2id=labels["label2id"], ignore_mismatched_sizes=True)
model.eval()
logits = model(**tokenizer(texts, padding=True, truncation=True, max_length=32, return_tensors="pt")).logits
print(json.dumps([model.config.id2label[int(i)] for i in logits.argmax(-1)]))
`

describe('a classification adapter from the release archive', () => {
  it.skipIf(noPeft !== undefined)(
    "loads with peft's AutoPeftModelForSequenceClassification under the registry's base model id and predicts label names",
    async () => {
      const tmp = await mkdtemp(path.join(tmpdir(), 'tg-peft-release-'))
      const labels = ['topic-yoga', 'topic-coffee', 'topic-desk']
      const revision = '0123456789abcdef0123456789abcdef01234567'
      const trainerWrote = runPython(
        TRAIN,
        { trainer: path.resolve('trainers/hf-peft'), tmp, labels, revision },
        process.cwd()
      ) as { base: string; revision: string; labels: Record<string, unknown> }
      // The trainer describes its own adapter as the archive does.
      expect(trainerWrote).toEqual({
        base: 'tiny-org/tiny-bert',
        revision,
        labels: {
          num_labels: 3,
          id2label: { '0': 'topic-yoga', '1': 'topic-coffee', '2': 'topic-desk' },
          label2id: { 'topic-yoga': 0, 'topic-coffee': 1, 'topic-desk': 2 }
        }
      })

      // run.json as the train step writes it, then the archive as promote assembles it.
      const runDir = path.join(tmp, 'out')
      const files = [
        ...(await readdir(path.join(runDir, 'adapter'))).map(n => `adapter/${n}`),
        'predictions.jsonl',
        'events.jsonl'
      ]
      const outputs = await Promise.all(
        files.map(async file => ({ file, sha256: await fileDigest(path.join(runDir, file)), bytes: 0 }))
      )
      await writeFile(
        path.join(runDir, 'run.json'),
        JSON.stringify({ schema: 'tunegate.train-run/v1', outputs }, null, 2)
      )
      const spec = (await variant(s => (s.training = { ...s.training, trainer: 'hf-peft', method: 'lora' }))).spec
      const released = await releasedOutputs(
        runDir,
        {
          ...spec,
          base_model: { ...spec.base_model, id: 'tiny-org/tiny-bert', revision, architecture: 'encoder' },
          data: { ...spec.data, labels }
        },
        '# the card\n'
      )
      await zipOutputs(runDir, path.join(tmp, 'release.zip'), released)

      // Outside the runner: the archive unpacked beside a folder named like the base model's id, nothing else.
      const consumer = path.join(tmp, 'consumer')
      await unzipTo(await readFile(path.join(tmp, 'release.zip')), consumer)
      await cp(path.join(tmp, 'models', 'tiny-org'), path.join(consumer, 'tiny-org'), { recursive: true })
      await rm(path.join(tmp, 'models'), { recursive: true })
      const config = JSON.parse(await readFile(path.join(consumer, 'adapter/adapter_config.json'), 'utf8'))
      expect(config).toMatchObject({ base_model_name_or_path: 'tiny-org/tiny-bert', revision, task_type: 'SEQ_CLS' })
      expect(await readFile(path.join(consumer, 'adapter/README.md'), 'utf8')).toBe('# the card\n')

      const evalRows = (await readFile(path.join(tmp, 'eval.jsonl'), 'utf8'))
        .trim()
        .split('\n')
        .map(l => JSON.parse(l) as { text: string })
      const predicted = runPython(
        LOAD,
        evalRows.map(r => r.text),
        consumer
      ) as string[]
      const trainerPredicted = (await readFile(path.join(runDir, 'predictions.jsonl'), 'utf8'))
        .trim()
        .split('\n')
        .map(l => (JSON.parse(l) as { prediction: string }).prediction)
      expect(predicted).toEqual(trainerPredicted)
      expect(new Set(predicted).size).toBeGreaterThan(1)
      for (const p of predicted) expect(labels).toContain(p)
    },
    600_000
  )
})
