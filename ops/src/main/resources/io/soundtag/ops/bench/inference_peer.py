"""Inference peer of `soundtag bench inference`: the bundle's student exported by TorchExport, run
by PyTorch itself (eager, and TorchScript frozen for inference), one thread, on the same windows
the Java side scores. Arguments: EXPORT_DIR WINDOWS.f32 COUNT SAMPLES.
Requests on stdin, one per line:
  "<eager|torchscript> <batch> <0|1 features included> <seconds>" -> "<cpu ms per window> <p50 ms> <p99 ms> <calls>"
  "scores <batch>" -> the scores of the first <batch> windows, features included, flattened."""
import os
import sys
import time

import numpy as np
import torch

torch.set_num_threads(1)
torch.set_num_interop_threads(1)
export, windows_file, count, samples = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
sys.path.insert(0, export)
import soundtag_torch  # noqa: E402  (shipped in the export directory)

module, bundle = soundtag_torch.load(export)
front = soundtag_torch.features(bundle)
windows = torch.from_numpy(np.fromfile(windows_file, dtype='<f4').reshape(count, samples).copy())
with torch.inference_mode():
    scripted_net = torch.jit.optimize_for_inference(torch.jit.freeze(torch.jit.script(module)))
    scripted_front = torch.jit.freeze(torch.jit.script(front))
    features = front(windows)
    variants = {'eager': (front, module), 'torchscript': (scripted_front, scripted_net)}


def batches(batch):
    start = 0
    while True:
        idx = [(start + i) % count for i in range(batch)]
        start = (start + batch) % count
        yield idx


def measure(variant, batch, with_features, seconds):
    fe, net = variants[variant]
    order = batches(batch)
    if with_features:
        inputs = [windows[idx] for idx in (next(order) for _ in range(count))]
        call = lambda x: net(fe(x))  # noqa: E731
    else:
        inputs = [features[idx] for idx in (next(order) for _ in range(count))]
        call = net
    i = 0
    end = time.perf_counter() + seconds / 2
    while time.perf_counter() < end:
        call(inputs[i % len(inputs)])
        i += 1
    latencies = []
    cpu0 = time.process_time()
    end = time.perf_counter() + seconds
    while time.perf_counter() < end or len(latencies) < 5:
        t0 = time.perf_counter()
        call(inputs[i % len(inputs)])
        latencies.append(time.perf_counter() - t0)
        i += 1
    cpu = time.process_time() - cpu0
    lat = np.array(latencies) * 1000
    return cpu * 1000 / (len(latencies) * batch), np.percentile(lat, 50), np.percentile(lat, 99), len(latencies)


print('ready', flush=True)
with torch.inference_mode():
    for line in sys.stdin:
        parts = line.split()
        if len(parts) == 2 and parts[0] == 'scores':
            s = module(front(windows[:int(parts[1])])).flatten().tolist()
            print(' '.join('%.7g' % v for v in s), flush=True)
        elif len(parts) == 4 and parts[0] in variants:
            print('%.6f %.4f %.4f %d' % measure(parts[0], int(parts[1]), parts[2] == '1', float(parts[3])), flush=True)
        else:
            print('error unknown request ' + line.strip(), flush=True)
