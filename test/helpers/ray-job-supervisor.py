"""Runs one Ray job's entrypoint the way Ray's JobSupervisor does, on a real Ray cluster.

The test stand-in for the Ray Jobs REST API (ray-jobs-server.ts) starts this script once per submitted job, because
this machine's Ray has no dashboard (its dependencies are not installed). Like Ray's JobSupervisor
(ray/dashboard/modules/job/job_supervisor.py), it creates an actor with the job's runtime_env and the entrypoint's
resources (so Ray itself schedules the GPUs and unpacks working_dir), and the actor runs the entrypoint in a shell,
in a session of its own, with RAY_ADDRESS and the job's config in its environment, its output into the log file.

Arguments: the Ray address, then a JSON file with {entrypoint, runtime_env, metadata, entrypoint_num_gpus,
entrypoint_num_cpus, log_file}. It prints one JSON line per event on stdout: {"event": "running", "pid": N} once
the entrypoint started, then {"event": "exit", "code": N}.
"""

import json
import os
import subprocess
import sys

import ray


@ray.remote
class Supervisor:
    def run(self, address, entrypoint, log_file, job_config):
        env = dict(os.environ)
        env["RAY_ADDRESS"] = address
        # Ray's RAY_JOB_CONFIG_JSON_ENV_VAR: the driver's ray.init() takes the job's runtime_env from it.
        env["RAY_JOB_CONFIG_JSON_ENV_VAR"] = json.dumps(job_config)
        with open(log_file, "ab", buffering=0) as log:
            child = subprocess.Popen(
                entrypoint, shell=True, start_new_session=True, stdout=log, stderr=subprocess.STDOUT, env=env
            )
            self.pid = child.pid
            return child.wait()

    def started(self):
        return getattr(self, "pid", None)


def main():
    address, request_file = sys.argv[1], sys.argv[2]
    with open(request_file) as f:
        req = json.load(f)
    ray.init(address=address, logging_level="ERROR", log_to_driver=False)
    options = {
        "runtime_env": req.get("runtime_env") or None,
        "num_gpus": req.get("entrypoint_num_gpus") or 0,
        "num_cpus": req.get("entrypoint_num_cpus") or 0,
        # Two calls run at once: run() blocks until the entrypoint exits, started() reports its pid.
        "max_concurrency": 2,
    }
    actor = Supervisor.options(**options).remote()
    job_config = {"runtime_env": req.get("runtime_env") or {}, "metadata": req.get("metadata") or {}}
    done = actor.run.remote(address, req["entrypoint"], req["log_file"], job_config)
    pid = None
    while pid is None:
        ready, _ = ray.wait([done], timeout=0.2)
        pid = ray.get(actor.started.remote())
        if ready and pid is None:
            ray.get(done)  # raises the actor's error (e.g. a runtime_env that cannot be set up)
    print(json.dumps({"event": "running", "pid": pid}), flush=True)
    code = ray.get(done)
    print(json.dumps({"event": "exit", "code": code}), flush=True)


if __name__ == "__main__":
    main()
