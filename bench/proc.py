"""Run one measured piece of work in a fresh subprocess and collect what it reports.

The child writes a JSON result to a file; the parent adds the process's wall time
(from spawn to exit: interpreter start, imports and model loads included) and its
peak resident memory, taken from ``os.wait4`` (that child's own ``ru_maxrss``, not
the running maximum over all children that ``RUSAGE_CHILDREN`` would give). On Linux
the peak is the child's ``VmHWM`` (``/proc/PID/status``), polled every 10 ms while it
runs: a high-water mark, reset by ``exec``, so unlike ``ru_maxrss`` it does not count
the parent's image the child was forked from. ``ru_maxrss`` is kept as well.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent


class WorkerError(RuntimeError):
    pass


def child_env() -> dict[str, str]:
    env = dict(os.environ)
    env.setdefault("HF_HUB_OFFLINE", "1")
    env.setdefault("TRANSFORMERS_OFFLINE", "1")
    env.setdefault("TOKENIZERS_PARALLELISM", "false")
    env.setdefault("ANONYMIZED_TELEMETRY", "False")
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH", "")]))
    return env


def run_command(argv: list[str], timeout: float | None = None) -> dict[str, Any]:
    """Wall seconds, peak RSS (MB) and exit code of one command, run to its end."""
    with tempfile.TemporaryFile(mode="w+") as err:
        started = time.perf_counter()
        proc = subprocess.Popen(argv, cwd=ROOT, env=child_env(), stdout=subprocess.DEVNULL, stderr=err)
        deadline = None if timeout is None else started + timeout
        high_water_kb = 0
        while True:
            high_water_kb = max(high_water_kb, _vm_hwm_kb(proc.pid))
            # wait4 reaps the child and gives its own resource usage.
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if deadline is not None and time.perf_counter() > deadline:
                proc.kill()
                os.wait4(proc.pid, 0)
                raise WorkerError(f"timed out after {timeout:.0f} s: {' '.join(argv)}")
            time.sleep(0.01)
        seconds = time.perf_counter() - started
        proc.returncode = os.waitstatus_to_exitcode(status)
        err.seek(0)
        stderr = err.read()
    return {
        "wall_s": seconds,
        "peak_rss_mb": (high_water_kb or usage.ru_maxrss) / 1024.0,  # Linux: kilobytes
        "ru_maxrss_mb": usage.ru_maxrss / 1024.0,
        "returncode": proc.returncode,
        "stderr_tail": stderr[-3000:],
    }


def _vm_hwm_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status", encoding="ascii", errors="replace") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except (OSError, ValueError, IndexError):
        pass
    return 0


def run_worker(task: str, params: dict[str, Any], timeout: float | None = None) -> dict[str, Any]:
    """Run ``python -m bench.worker TASK`` with ``params``; its result plus wall time and peak RSS."""
    with tempfile.TemporaryDirectory(prefix="bench-io-") as io_dir:
        params_file = Path(io_dir) / "params.json"
        result_file = Path(io_dir) / "result.json"
        params_file.write_text(json.dumps(params))
        measured = run_command(
            [sys.executable, "-m", "bench.worker", task, str(params_file), str(result_file)], timeout=timeout
        )
        if measured["returncode"] != 0 or not result_file.exists():
            raise WorkerError(f"worker {task} failed (exit {measured['returncode']}):\n{measured['stderr_tail']}")
        result: dict[str, Any] = json.loads(result_file.read_text())
    result["process_wall_s"] = measured["wall_s"]
    result["peak_rss_mb"] = measured["peak_rss_mb"]
    return result
