import { readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { GitHubStandIn } from './github/stand-in.js'
import { commitAll, makeRepo, writeRepoFile } from './helpers/git-repo.js'
import { runCli } from './helpers/run-cli.js'
import { withStandIn } from './helpers/with-stand-in.js'

const SHA = 'a'.repeat(40)
const CALLER = `name: Tunegate
on:
  pull_request:
permissions:
  contents: read
jobs:
  tunegate:
    uses: acme/tunegate/.github/workflows/tunegate.yml@${SHA}
    permissions:
      contents: read
      actions: read
      pull-requests: write
      statuses: write
`
const DRIFT = `name: Tunegate drift
on:
  schedule:
    - cron: '0 6 * * 1'
  workflow_dispatch:
permissions: {}
jobs:
  drift:
    uses: acme/tunegate/.github/workflows/tunegate-drift.yml@${SHA}
    with:
      client-id: \${{ vars.TUNEGATE_APP_CLIENT_ID }}
    secrets: inherit
    permissions:
      contents: write
      pull-requests: write
      issues: write
`

const GREET = `name: Greet
on: pull_request_target
permissions: write-all
jobs:
  greet:
    runs-on: ubuntu-latest
    steps:
      - run: echo hello
`

describe('tunegate doctor', { timeout: 180_000 }, () => {
  let gh: GitHubStandIn
  withStandIn(s => (gh = s.gh))

  const doctor = (dir: string, token?: string) =>
    runCli(['doctor', '--github-repo', 'acme/models'], dir, {
      GITHUB_API_URL: gh.url,
      GITHUB_TOKEN: token ?? '',
      GH_TOKEN: '',
      GITHUB_REPOSITORY: ''
    })

  it('passes a repository that is set up as the README says', async () => {
    const dir = await makeRepo({ withRegistry: true })
    await writeRepoFile(dir, '.github/workflows/tunegate.yml', CALLER)
    await writeRepoFile(dir, '.github/workflows/tunegate-drift.yml', DRIFT)
    await commitAll(dir, 'workflows')
    const s = gh.settings
    s.branchRules.push({
      type: 'required_status_checks',
      ruleset_id: 1,
      ruleset_source_type: 'Repository',
      ruleset_source: 'acme/models',
      parameters: { strict_required_status_checks_policy: false, required_status_checks: [{ context: 'tunegate' }] }
    })
    s.rulesets.push({
      id: 2,
      name: 'model tags',
      target: 'tag',
      enforcement: 'active',
      include: ['~ALL'],
      rules: ['creation', 'update', 'deletion']
    })
    s.environments.set('model-production', { reviewers: ['lead'], secrets: ['TUNEGATE_APP_PRIVATE_KEY'] })
    s.environments.set('tunegate-fork-approval', { reviewers: ['lead'] })
    s.variables.set('TUNEGATE_APP_CLIENT_ID', 'Iv23abc')
    gh.immutableReleases = true
    s.runners.push({ name: 'gpu-1', labels: ['self-hosted', 'Linux', 'gpu'] })
    s.admins.add('octocat')
    // Someone else's workflow is listed, not judged: its write-all permissions are not Tunegate's to fail.
    await writeRepoFile(dir, '.github/workflows/greet.yml', GREET)
    await commitAll(dir, 'greet')
    const r = await doctor(dir, 'human-token')
    expect(r.stdout).not.toMatch(/^[✗?]/m)
    expect(r.stdout).toMatch(/^✓ Default branch requires the tunegate status \(ruleset on main\)$/m)
    expect(r.stdout).toMatch(/^✓ Tag ruleset: stage tags cannot be created.*\(ruleset 'model tags'\)$/m)
    expect(r.stdout).toMatch(/^✓ Self-hosted runners/m)
    expect(r.stdout).toMatch(/^✓ \.github\/workflows\/tunegate\.yml: runs on every pull request$/m)
    // The fork-approval environment comes first of the environments.
    expect(r.stdout).toMatch(
      /^✓ Environment tunegate-fork-approval has required reviewers.*\n✓ Environment model-production has/m
    )
    expect(r.stdout).toMatch(/^✓ Variable TUNEGATE_APP_CLIENT_ID .*exists$/m)
    expect(r.stdout).toMatch(/^✓ Secret TUNEGATE_APP_PRIVATE_KEY .*exists \(in environment model-production\)$/m)
    expect(r.stdout).toMatch(/^- \.github\/workflows\/greet\.yml: not Tunegate's/m)
    expect(r.stdout).not.toMatch(/greet\.yml: security rules/)
    expect(r.stdout).toMatch(/15 passed, 0 failed, 0 unknown; 1 workflow not Tunegate's, not judged/)
    expect(r.stdout).not.toMatch(/DESIGN|shared\//)
    expect(r.stdout).toContain('a Pages site of a private repository is public unless the organisation is on')
    expect(r.code, r.stdout + r.stderr).toBe(0)
  })

  it("fails the App's key kept as a repository secret (any branch's workflow reads it) and the old app-private-key input", async () => {
    const dir = await makeRepo({ withRegistry: true })
    await writeRepoFile(dir, '.github/workflows/tunegate.yml', CALLER)
    await writeRepoFile(dir, '.github/workflows/tunegate-drift.yml', DRIFT)
    await commitAll(dir, 'workflows')
    gh.settings.secrets.push('TUNEGATE_APP_PRIVATE_KEY')
    gh.settings.variables.set('TUNEGATE_APP_CLIENT_ID', 'Iv23abc')
    const r = await doctor(dir, 'human-token')
    expect(r.stdout).toMatch(/^✓ Drift and promote workflows pass a GitHub App.*secrets: inherit/m)
    expect(r.stdout).toMatch(
      /^✗ Secret TUNEGATE_APP_PRIVATE_KEY .*\(in the repository\)\n {4}a repository secret is readable by any branch's workflow\n {4}fix: delete the repository secret/m
    )
    expect(r.code).toBe(1)
    await writeRepoFile(
      dir,
      '.github/workflows/tunegate-drift.yml',
      DRIFT.replace('secrets: inherit', 'secrets:\n      app-private-key: ${{ secrets.TUNEGATE_APP_PRIVATE_KEY }}')
    )
    await commitAll(dir, 'the old input')
    const old = await doctor(dir, 'human-token')
    expect(old.stdout).toMatch(
      /^✗ Drift and promote workflows pass a GitHub App.*\n {4}.*app-private-key: .*no longer an input/m
    )
  })

  it('marks what is missing with ✗ and its fix, and what it cannot read with ? — then exits 1', async () => {
    const dir = await makeRepo({ withRegistry: true })
    await writeRepoFile(
      dir,
      '.github/workflows/tunegate.yml',
      CALLER.replace('permissions:\n  contents: read\n', 'permissions: write-all\n').replace(
        '  pull_request:\n',
        "  pull_request:\n    paths: ['registry/**']\n"
      )
    )
    await writeRepoFile(
      dir,
      '.github/workflows/tunegate-drift.yml',
      DRIFT.replace(/\n {4}secrets: inherit/, '').replace(/\n {4}with:\n.*/, '')
    )
    await commitAll(dir, 'workflows')
    gh.immutableReleases = false
    gh.settings.rulesets.push({
      id: 3,
      name: 'only deletion',
      target: 'tag',
      enforcement: 'active',
      include: ['~ALL'],
      rules: ['deletion']
    })
    const r = await doctor(dir, 'test-token')
    expect(r.code).toBe(1)
    expect(r.stdout).toMatch(
      /^✗ \.github\/workflows\/tunegate\.yml: security rules and actionlint\n {4}\.github\/workflows\/tunegate\.yml:5:\d+ \[top-level-permissions\]/m
    )
    expect(r.stdout).toMatch(
      /^✗ \.github\/workflows\/tunegate\.yml: runs on every pull request\n {4}\.github\/workflows\/tunegate\.yml:4: on\.pull_request has a paths filter/m
    )
    expect(r.stdout).toMatch(
      /^✗ Drift and promote workflows pass a GitHub App.*\n {4}.*no client-id.*no secrets: inherit.*\n {4}fix: /m
    )
    expect(r.stdout).toMatch(/^\? Default branch requires the tunegate status\n {4}.*unknown — reading it needs admin/m)
    expect(r.stdout).toMatch(
      /^✗ Tag ruleset.*\n {4}no active tag ruleset restricts: stage tag \S+#\w+#1: creation, update not restricted; version tag \S+@v1\.0\.0: update not restricted/m
    )
    expect(r.stdout).toMatch(
      /^✗ Environment tunegate-fork-approval .*\n {4}tunegate-fork-approval does not exist: .*a fork's pull request would train .*unapproved\n {4}fix: Settings → Environments/m
    )
    expect(r.stdout).toMatch(
      /^✗ Environment model-production .*\(risk tier high\)\n {4}model-production does not exist/m
    )
    expect(r.stdout).toMatch(/^✗ Immutable releases/m)
    expect(r.stdout).toMatch(
      /^\? Self-hosted runners.*\n {4}listing runners needs an admin's token \(Administration: read\)/m
    )
    expect(r.stdout).not.toMatch(/GitHub answered 500/)
  })

  it("gives actionlint the registry's runner labels: a guarded job on them passes, another label fails", async () => {
    const dir = await makeRepo({ withRegistry: true })
    const gpu = (labels: string) => `on: pull_request
permissions: {}
jobs:
  train:
    if: github.event.pull_request.head.repo.full_name == github.repository
    runs-on: [${labels}]
    steps:
      - uses: acme/tunegate/actions/validate@0123456789abcdef0123456789abcdef01234567
`
    await writeRepoFile(dir, '.github/workflows/gpu.yml', gpu('self-hosted, gpu'))
    await writeRepoFile(dir, '.github/workflows/tpu.yml', gpu('self-hosted, tpu'))
    await commitAll(dir, 'workflows')
    const r = await doctor(dir)
    expect(r.stdout).toMatch(/^✓ \.github\/workflows\/gpu\.yml: security rules and actionlint$/m)
    expect(r.stdout).toMatch(
      /^✗ \.github\/workflows\/tpu\.yml: security rules and actionlint\n {4}\.github\/workflows\/tpu\.yml:6:\d+ \[actionlint\] label "tpu" is unknown/m
    )
  })

  it('works without a token: local checks run, GitHub settings are unknown, and an empty repository is told to run init', async () => {
    const dir = await makeRepo()
    const r = await doctor(dir)
    expect(r.stdout).toMatch(/^✗ Tunegate workflows: none in \.github\/workflows\n {4}fix: tunegate init/m)
    expect(r.stdout).toMatch(/^✗ Registry registry\/\n/m)
    // Said once, with the permissions that would answer.
    expect(r.stdout).toMatch(
      /^\? GitHub settings: not read .*\n {4}no token: set GITHUB_TOKEN.*\n {4}a fine-grained token with read access to .*Administration/m
    )
    expect(r.stdout.match(/no token/g)).toHaveLength(1)
    expect(r.stderr).toBe('')
    expect(r.code).toBe(1)
  })

  it('matches a scale set name in training.runner against the runners, and says a scale set at zero lists none', async () => {
    const dir = await makeRepo({ withRegistry: true })
    const spec = path.join(dir, 'registry/models/schema-markup/model.yaml')
    await writeFile(
      spec,
      (await readFile(spec, 'utf8')).replace('  runner: [self-hosted, gpu]\n', '  runner: arc-gpu\n')
    )
    await writeRepoFile(dir, '.github/workflows/tunegate-drift.yml', DRIFT)
    await commitAll(dir, 'scale set')
    gh.settings.admins.add('octocat')
    gh.settings.runners.push({ name: 'gpu-1', labels: ['self-hosted', 'Linux', 'gpu'] })
    let r = await doctor(dir, 'human-token')
    // The scale set's name is not a label set: only the two [self-hosted, gpu] models are warned about.
    expect(r.stdout).toMatch(
      /^✓ Runner labels: 2 models ask for a label set\n(?: {4}.*\n)*? {4}.*with one, set training\.runner: <scale set name>$/m
    )
    expect(r.stdout).not.toMatch(/schema-markup: training\.runner/)
    expect(r.stdout).toMatch(
      /^\? Self-hosted runners .*\(3 models\)\n {4}schema-markup: no runner of the repository has all of \[arc-gpu\].*\n {4}schema-markup \(arc-gpu\): a runner scale set with no runner at the moment \(scaled to zero\) lists none/m
    )
    gh.settings.runners.push({ name: 'arc-gpu-7xk2p-runner-abcde', labels: ['arc-gpu'] })
    r = await doctor(dir, 'human-token')
    expect(r.stdout).toMatch(/^✓ Self-hosted runners .*\(3 models\)$/m)
    gh.settings.runners.splice(0, 1)
    r = await doctor(dir, 'human-token')
    // A label set no runner has is missing for sure, even beside a scale set.
    expect(r.stdout).toMatch(
      /^✗ Self-hosted runners .*\n {4}content-classifier: no runner of the repository has all of \[self-hosted, gpu\]/m
    )
  })

  describe('Pages visibility, when a workflow publishes the site there', () => {
    const PAGES = DRIFT.replace(/( {6}client-id: .*\n)/, '$1      pages: true\n')
    const setUp = async (workflow = PAGES) => {
      const dir = await makeRepo({ withRegistry: true })
      await writeRepoFile(dir, '.github/workflows/tunegate-drift.yml', workflow)
      await commitAll(dir, 'workflows')
      return dir
    }

    it('fails a private repository whose Pages site is public, and exits 1', async () => {
      expect(PAGES).toMatch(/ {4}with:\n {6}client-id: .*\n {6}pages: true\n {4}secrets:/)
      const dir = await setUp()
      gh.settings.visibility = 'private'
      gh.settings.pages = { public: true, buildType: 'workflow' }
      const r = await doctor(dir, 'human-token')
      expect(r.stdout).toMatch(
        /^✗ GitHub Pages site is no more visible than the repository \(\.github\/workflows\/tunegate-drift\.yml publishes the site there\)\n {4}the repository is private but its Pages site \S+ is public.*\n {4}fix: Settings → Pages → Visibility: Private \(needs GitHub Enterprise Cloud\), or stop publishing there: remove pages: true/m
      )
      expect(r.stdout).not.toMatch(/^note: /m)
      expect(r.code).toBe(1)
    })

    it('passes private Pages of a private repository, and Pages of a public one', async () => {
      const dir = await setUp()
      gh.settings.visibility = 'internal'
      gh.settings.pages = { public: false, buildType: 'workflow' }
      let r = await doctor(dir, 'human-token')
      expect(r.stdout).toMatch(
        /^✓ GitHub Pages site is no more visible .*: private Pages, like the internal repository$/m
      )
      gh.settings.visibility = 'public'
      gh.settings.pages = { public: true, buildType: 'workflow' }
      r = await doctor(dir, 'human-token')
      expect(r.stdout).toMatch(/^✓ GitHub Pages site is no more visible .*: the repository is public$/m)
    })

    it('fails Pages that is not enabled or builds from a branch', async () => {
      const dir = await setUp()
      gh.settings.visibility = 'private'
      let r = await doctor(dir, 'human-token')
      expect(r.stdout).toMatch(
        /^✗ GitHub Pages site is no more visible .*\n {4}GitHub Pages is not enabled: the tunegate-pages deployment fails, and once enabled the site of this private repository is public/m
      )
      gh.settings.pages = { public: false, buildType: 'legacy' }
      r = await doctor(dir, 'human-token')
      expect(r.stdout).toMatch(/^✗ GitHub Pages site .*\n {4}Pages builds from a branch \(build_type legacy\)/m)
    })

    it('runs no Pages check when no workflow publishes there (a job calling tunegate-pages.yml does)', async () => {
      const dir = await setUp(DRIFT)
      gh.settings.visibility = 'private'
      gh.settings.pages = { public: true, buildType: 'workflow' }
      let r = await doctor(dir, 'human-token')
      expect(r.stdout).not.toMatch(/GitHub Pages site/)
      expect(r.stdout).toMatch(/^note: .*a Pages site of a private repository is public/m)
      const deploy = `${DRIFT}  pages:\n    needs: drift\n    uses: acme/tunegate/.github/workflows/tunegate-pages.yml@${SHA}\n`
      await writeRepoFile(dir, '.github/workflows/tunegate-drift.yml', deploy)
      r = await doctor(dir, 'human-token')
      expect(r.stdout).toMatch(/^✗ GitHub Pages site is no more visible/m)
    })

    it('says which token permission would tell when GitHub refuses the call', async () => {
      const dir = await setUp()
      gh.settings.visibility = 'private'
      gh.settings.pages = { public: true, buildType: 'workflow' }
      const r = await doctor(dir, 'test-token')
      expect(r.stdout).toMatch(
        /^\? GitHub Pages site is no more visible .*\n {4}the token cannot read it \(403\): it needs Pages: read\n {4}fix: use a token with Pages: read/m
      )
    })
  })
})
