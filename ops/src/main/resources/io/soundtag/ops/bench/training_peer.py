"""Training peer of `soundtag bench training`: the bundle's student exported by TorchExport, trained
by PyTorch itself, one thread, on the features, targets, batch order and learning rates the Java
side wrote. Arguments: EXPORT_DIR DATA_DIR, where DATA_DIR holds plan.json, windows.f32,
features.f32 and targets.f32 (little-endian float32, row after row).
Prints "ready" once torch, the module and the data have loaded; the request "train" runs the
warm-up epochs and one timed epoch and answers one line of JSON (times in ms, except the epoch's)."""
import json
import os
import sys
import time

import numpy as np
import torch
import torch.nn.functional as F

torch.set_num_threads(1)
torch.set_num_interop_threads(1)
export, data = sys.argv[1], sys.argv[2]
sys.path.insert(0, export)
import soundtag_torch  # noqa: E402  (shipped in the export directory)

module, bundle = soundtag_torch.load(export)
with open(os.path.join(data, 'plan.json')) as f:
    plan = json.load(f)
n, classes, batch = plan['windows'], plan['classes'], plan['batchSize']
shape = (plan['channels'], plan['bins'], plan['frames'])
windows = torch.from_numpy(np.fromfile(os.path.join(data, 'windows.f32'), dtype='<f4').reshape(n, plan['samples']).copy())
features = torch.from_numpy(np.fromfile(os.path.join(data, 'features.f32'), dtype='<f4').reshape(n, *shape).copy())
targets = torch.from_numpy(np.fromfile(os.path.join(data, 'targets.f32'), dtype='<f4').reshape(n, classes).copy())
print('ready', flush=True)


def feature_cache():
    """torchaudio's log-Mel of the raw windows: this side's cost of a feature cache. Training reads
    the Java features instead, so that both frameworks learn from the same numbers."""
    front = soundtag_torch.features(bundle)
    t0, c0 = time.perf_counter(), time.process_time()
    with torch.inference_mode():
        for s in range(0, n, 64):
            front(windows[s:s + 64])
    return (time.perf_counter() - t0) * 1e3 / n, (time.process_time() - c0) * 1e3 / n


def batches(order):
    return [(features[order[s:s + batch]], targets[order[s:s + batch]]) for s in range(0, n, batch)]


def train():
    feature_ms, feature_cpu_ms = feature_cache()
    net = module.network.train()
    rates = plan['learningRates']
    # DJL's Adam defaults, which the trainer keeps: betas 0.9 and 0.999, epsilon 1e-8, no weight decay.
    optimiser = torch.optim.Adam(net.parameters(), lr=rates[0], betas=(0.9, 0.999), eps=1e-8)
    multi_label = plan['task'] == 'MULTI_LABEL'

    def loss_of(logits, y):
        if multi_label:
            return F.binary_cross_entropy_with_logits(logits, y)
        return -(y * torch.log_softmax(logits, dim=-1)).sum(dim=-1).mean()

    step = 0

    def epoch(epoch_batches):
        nonlocal step
        losses = []
        for x, y in epoch_batches:
            for group in optimiser.param_groups:
                group['lr'] = rates[step]
            step += 1
            optimiser.zero_grad(set_to_none=True)
            loss = loss_of(net(x), y)
            loss.backward()
            optimiser.step()
            losses.append(loss.item())
        return losses

    orders = [torch.tensor(o, dtype=torch.long) for o in plan['orders']]
    first = None
    for order in orders[:-1]:
        losses = epoch(batches(order))
        first = losses[0] if first is None else first
    t0 = time.perf_counter()
    timed = batches(orders[-1])
    loading_ms = (time.perf_counter() - t0) * 1e3 / n
    t0, c0 = time.perf_counter(), time.process_time()
    losses = epoch(timed)
    wall, cpu = time.perf_counter() - t0, time.process_time() - c0
    return {'featureMs': feature_ms, 'featureCpuMs': feature_cpu_ms, 'loadingMs': loading_ms, 'epochSeconds': wall,
            'epochCpuMsPerWindow': cpu * 1e3 / n, 'firstLoss': losses[0] if first is None else first,
            'epochLoss': sum(losses) / len(losses), 'threads': torch.get_num_threads()}


for line in sys.stdin:
    try:
        if line.strip() != 'train':
            raise ValueError('unknown request ' + line.strip())
        print(json.dumps(train(), separators=(',', ':')), flush=True)
    except Exception as e:  # noqa: BLE001  (the Java side reads the reason)
        print('error ' + repr(e).replace('\n', ' '), flush=True)
