"""A soundtag model bundle's student as a PyTorch module, from the directory TorchExport writes
(bundle.json, student.json, student.f32). Mirrors the Java network builder (io.soundtag.core.nn)
layer for layer and loads the same weights, so its scores equal the tagger's.

    python3 soundtag_torch.py EXPORT_DIR --torchscript student.pt
    python3 soundtag_torch.py EXPORT_DIR --scores FEATURES.f32 N C B T SCORES.f32

As a library: `module, bundle = load(EXPORT_DIR)`; `features(bundle)` is the bundle's log-Mel
front end in torchaudio (normalised as the tagger normalises), taking (N, samples) windows.
"""
import json
import math
import os
import sys

import numpy as np
import torch
import torch.nn as nn

FORMAT = 1
BN_EPS = 1e-5  # DJL's batch-norm epsilon, which every Java family uses


def make_divisible(v, divisor=8):
    rounded = max(divisor, int(v + divisor / 2.0) // divisor * divisor)
    if rounded < 0.9 * v:
        rounded += divisor
    return rounded


def conv_norm(in_ch, out_ch, kernel, stride=(1, 1), groups=1, relu=True):
    layers = [nn.Conv2d(in_ch, out_ch, kernel, stride=stride, padding=kernel // 2, groups=groups, bias=False),
              nn.BatchNorm2d(out_ch, eps=BN_EPS)]
    if relu:
        layers.append(nn.ReLU())
    return nn.Sequential(*layers)


class Cpm(nn.Module):
    """CP-Mobile's inverted bottleneck: 1x1 expand, 3x3 depthwise, 1x1 project; a residual (through
    a 3x3 average pool when strided) where the channels match, then a ReLU."""

    def __init__(self, in_ch, out_ch, stride):
        super().__init__()
        expanded = make_divisible(in_ch * 3)
        self.body = nn.Sequential(conv_norm(in_ch, expanded, 1), conv_norm(expanded, expanded, 3, stride, expanded),
                                  conv_norm(expanded, out_ch, 1, relu=False))
        self.residual = in_ch == out_ch
        strided = stride != (1, 1)
        self.shortcut = nn.AvgPool2d(3, stride, 1, ceil_mode=False, count_include_pad=True) if strided else nn.Identity()

    def forward(self, x):
        y = self.body(x)
        if self.residual:
            y = y + self.shortcut(x)
        return torch.relu(y)


class CpMobile(nn.Module):
    def __init__(self, width, depth, classes, in_channels):
        super().__init__()
        base = make_divisible(width)
        layers = [conv_norm(in_channels, base // 4, 3, (2, 2)), conv_norm(base // 4, base, 3, (2, 2))]
        in_ch, number = base, 0
        for stage in range(depth):
            out = make_divisible(base * 2.3 ** stage)
            for b in range(max(1, 3 - stage)):
                number += 1
                stride = (2, 2) if number == 2 else (2, 1) if number == 4 else \
                    (2, 2) if stage >= 3 and b == 0 else (1, 1)
                layers.append(Cpm(in_ch, out, stride))
                in_ch = out
        self.trunk = nn.Sequential(*layers)
        self.head = nn.Sequential(nn.Conv2d(in_ch, classes, 1, bias=False), nn.BatchNorm2d(classes, eps=BN_EPS))

    def forward(self, x):
        return self.head(self.trunk(x)).mean(dim=(2, 3))


class Scored(nn.Module):
    """Logits to scores as the tagger turns them: sigmoid for multi-label, softmax otherwise."""

    def __init__(self, network, multi_label):
        super().__init__()
        self.network = network
        self.multi_label = multi_label

    def forward(self, x):
        logits = self.network(x)
        return torch.sigmoid(logits) if self.multi_label else torch.softmax(logits, dim=-1)


def _tensors_in_java_order(module):
    """Conv weights and batch-norm gamma, beta, running mean, running variance, in building order."""
    for m in module.modules():
        if isinstance(m, nn.Conv2d):
            yield m.weight
            if m.bias is not None:
                yield m.bias
        elif isinstance(m, nn.BatchNorm2d):
            yield from (m.weight, m.bias, m.running_mean, m.running_var)


def load(directory):
    """(module in eval mode giving scores, the bundle's manifest) from a TorchExport directory."""
    with open(os.path.join(directory, 'student.json')) as f:
        header = json.load(f)
    with open(os.path.join(directory, 'bundle.json')) as f:
        bundle = json.load(f)
    if header.get('format') != FORMAT:
        raise ValueError('student.json has format %s; this script reads %d' % (header.get('format'), FORMAT))
    spec = header['network']
    if spec['architecture'] != 'cpmobile':
        raise ValueError('the export is a %s; this script builds cpmobile only' % spec['architecture'])
    params = header['parameters']
    in_channels = params[0]['shape'][1]
    network = CpMobile(spec['width'], spec['depth'], header['classes'], in_channels)
    data = np.fromfile(os.path.join(directory, 'student.f32'), dtype='<f4')
    targets = list(_tensors_in_java_order(network))
    if len(targets) != len(params):
        raise ValueError('the export has %d parameters, the module %d' % (len(params), len(targets)))
    with torch.no_grad():
        for target, p in zip(targets, params):
            count = math.prod(p['shape'])
            values = data[p['offset'] // 4:p['offset'] // 4 + count]
            if list(target.shape) != p['shape']:
                raise ValueError('parameter %s has shape %s, the module expects %s'
                                 % (p['name'], p['shape'], list(target.shape)))
            target.copy_(torch.from_numpy(values.copy()).reshape(p['shape']))
    module = Scored(network, header['task'] == 'MULTI_LABEL').eval()
    return module, bundle


class Features(nn.Module):
    """The student's log-Mel in torchaudio: power STFT (periodic Hann, centred, zero padded), Slaney
    mel filters, 10*log10(max(S, 1e-10)), then the bundle's per-band standardisation."""

    def __init__(self, bundle):
        super().__init__()
        import torchaudio.transforms as T
        student = next(b for b in bundle['branches'] if b['name'] == bundle['studentBranch'])
        f = student['features']
        if f['type'] != 'logmel':
            raise ValueError('features are %s; this front end computes logmel only' % f['type'])
        self.mel = T.MelSpectrogram(sample_rate=f['sampleRate'], n_fft=f['nFft'], win_length=f['winLength'],
                                    hop_length=f['hopLength'], f_min=f['fmin'], f_max=f['fmax'], n_mels=f['nMels'],
                                    norm='slaney', mel_scale=f['scale'].lower(), center=True, pad_mode='constant',
                                    power=2.0)
        n = student['normalisation']
        self.register_buffer('mean', torch.tensor(n['mean']).reshape(1, 1, -1, 1))
        self.register_buffer('inv_std', 1.0 / torch.tensor(n['std']).reshape(1, 1, -1, 1))

    def forward(self, windows):
        db = 10.0 * torch.log10(torch.clamp(self.mel(windows), min=1e-10))
        return (db.unsqueeze(1) - self.mean) * self.inv_std


def features(bundle):
    return Features(bundle).eval()


def main(argv):
    if len(argv) >= 3 and argv[1] == '--torchscript':
        module, _ = load(argv[0])
        torch.jit.script(module).save(argv[2])
        return 0
    if len(argv) == 8 and argv[1] == '--scores':
        module, _ = load(argv[0])
        n, c, b, t = (int(v) for v in argv[3:7])
        x = torch.from_numpy(np.fromfile(argv[2], dtype='<f4').reshape(n, c, b, t).copy())
        with torch.inference_mode():
            module(x).numpy().astype('<f4').tofile(argv[7])
        return 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
