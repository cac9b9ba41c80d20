"""Feature-extraction peer of `soundtag bench features`: torchaudio log-Mel and MFCC and a NumPy
constant-Q transform by Brown & Puckette's sparse FFT-domain kernels, on the same 10 s, 32 kHz
clip, one thread. Reads "<row> <seconds>" lines on stdin; for each it warms up for the given time,
measures as long again and prints "<row> <cpu ms per clip> <wall ms per clip>"."""
import sys
import time

import numpy as np
import scipy.sparse
import torch
import torchaudio.transforms as T

torch.set_num_threads(1)
RATE = 32000
g = torch.Generator().manual_seed(42)
t = torch.arange(10 * RATE) / float(RATE)
x = 0.3 * torch.sin(2 * torch.pi * 440 * t) + 0.2 * torch.sin(2 * torch.pi * 3000 * t) \
    + 0.05 * torch.randn(10 * RATE, generator=g)
x_np = x.numpy().astype(np.float64)

mk = dict(n_fft=1024, win_length=1024, hop_length=320, n_mels=64, f_min=0.0, f_max=16000.0,
          norm='slaney', mel_scale='slaney', pad_mode='constant', center=True, power=2.0)
mel = T.MelSpectrogram(sample_rate=RATE, **mk)
db = T.AmplitudeToDB('power', top_db=None)
mfcc = T.MFCC(sample_rate=RATE, n_mfcc=20, melkwargs=mk)
mfcc.amplitude_to_DB = T.AmplitudeToDB('power', top_db=None)


class KernelCqt:
    """X[k, n] = (1/N_k) sum_m x[n*hop - N_k//2 + m] w_k[m] exp(-2 pi i Q m / N_k), evaluated as
    Brown & Puckette do: one FFT of length L (a power of two covering the longest kernel) per
    frame, times the sparse spectra of the kernels (entries below 1e-6 of a kernel's peak
    dropped), frames in blocks of 64."""

    def __init__(self, rate, hop, fmin, bins_per_octave, n_bins, threshold=1e-6):
        q = 1.0 / (2 ** (1.0 / bins_per_octave) - 1)
        lengths = [int(np.ceil(q * rate / (fmin * 2 ** (k / bins_per_octave)))) for k in range(n_bins)]
        self.hop = hop
        self.fft_len = 1 << int(np.ceil(np.log2(lengths[0])))
        half = self.fft_len // 2
        positive, negative = [], []
        for k, n_k in enumerate(lengths):
            m = np.arange(n_k)
            kernel = np.zeros(self.fft_len, dtype=np.complex128)
            start = half - n_k // 2
            kernel[start:start + n_k] = (0.5 - 0.5 * np.cos(2 * np.pi * m / n_k)) / n_k \
                * np.exp(-2j * np.pi * q * m / n_k)
            # sum_t s[t] K[t] = (1/L) sum_f S[f] conj(F(conj K))[f]; for real s the bins above L/2
            # are conj(S[L - f]), so the rfft bins carry both halves of the kernel's spectrum.
            spectrum = np.conj(np.fft.fft(np.conj(kernel))) / self.fft_len
            spectrum[np.abs(spectrum) < threshold * np.abs(spectrum).max()] = 0
            positive.append(spectrum[:half + 1])
            mirrored = np.zeros(half + 1, dtype=np.complex128)
            mirrored[1:half] = spectrum[self.fft_len - 1:half:-1]
            negative.append(mirrored)
        self.positive = scipy.sparse.csr_matrix(np.array(positive))
        self.negative = scipy.sparse.csr_matrix(np.array(negative))

    def __call__(self, signal):
        half = self.fft_len // 2
        padded = np.pad(signal, (half, half))
        frames = 1 + len(signal) // self.hop
        view = np.lib.stride_tricks.sliding_window_view(padded, self.fft_len)[::self.hop][:frames]
        out = np.empty((self.positive.shape[0], frames))
        for b in range(0, frames, 64):
            spectra = np.fft.rfft(view[b:b + 64], axis=1).T
            values = self.positive @ spectra + self.negative @ np.conj(spectra)
            out[:, b:b + 64] = 10 * np.log10(np.maximum(np.abs(values) ** 2, 1e-10))
        return out


cqt = KernelCqt(RATE, 320, 32.703195662574764, 12, 84)
rows = {
    'logmel': lambda: db(mel(x)),
    'mfcc': lambda: mfcc(x),
    'cqt': lambda: cqt(x_np),
}


def measure(f, seconds):
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        f()
    n, cpu0, wall0 = 0, time.process_time(), time.perf_counter()
    while True:
        f()
        n += 1
        wall = time.perf_counter()
        if wall - wall0 >= seconds and n >= 3:
            return (time.process_time() - cpu0) * 1000 / n, (wall - wall0) * 1000 / n


print('ready', flush=True)
with torch.inference_mode():
    for line in sys.stdin:
        parts = line.split()
        if len(parts) != 2 or parts[0] not in rows:
            print('error unknown request ' + line.strip(), flush=True)
            continue
        cpu_ms, wall_ms = measure(rows[parts[0]], float(parts[1]))
        print(parts[0], cpu_ms, wall_ms, flush=True)
