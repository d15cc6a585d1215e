import { runBaselineTrainer } from '../training/baseline/trainer.js'
import { errorMessage } from '../errors.js'
import { runAction } from './common.js'
import { run } from './train.js'

// The bundle is also the CPU baseline trainer: the action starts it again with TUNEGATE_TRAINER=baseline.
if (process.env.TUNEGATE_TRAINER === 'baseline') {
  await runBaselineTrainer(process.env.TUNEGATE_RUN_SPEC ?? '').catch((e: unknown) => {
    process.stderr.write(`baseline trainer: ${errorMessage(e)}\n`)
    process.exitCode = 1
  })
} else await runAction(run)
