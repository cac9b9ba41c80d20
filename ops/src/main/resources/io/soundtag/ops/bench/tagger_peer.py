"""The Python peer of `soundtag bench tagger --peer python`: the tagger a Python user would write
instead of soundtag's. A confluent-kafka consumer of audio.chunks; each chunk's Avro payload
decoded; per sensor, 1 s windows every 0.5 s cut from the start of its stream, as soundtag cuts
them; torchaudio log-Mel and the student exported by TorchExport (same weights, TorchScript,
one thread); batches of 32; one JSON result per window produced to OUT_TOPIC, keyed by sensor.
At-least-once: the offsets of a poll are committed after its results are flushed. No state store:
a restart loses the half-window each sensor carries over (a user's simplification).

Arguments: BOOTSTRAP EXPORT_DIR GROUP_ID OUT_TOPIC FINGERPRINT_HEX
(FINGERPRINT_HEX: the 8 bytes after C3 01 that mark an AudioChunk in Avro single-object encoding).
Prints "ready" once the model is loaded; runs until its stdin is closed.
"""
import json
import sys
import threading

import numpy as np
import torch
from confluent_kafka import Consumer, Producer

bootstrap, export, group, out_topic, fingerprint = sys.argv[1:6]
marker = b'\xc3\x01' + bytes.fromhex(fingerprint)
sys.path.insert(0, export)
import soundtag_torch  # noqa: E402  (written into the export directory by TorchExport)

torch.set_num_threads(1)  # one thread, as bench inference runs PyTorch
module, bundle = soundtag_torch.load(export)
classes = bundle['classes']
rate, window, hop = bundle['sampleRate'], bundle['windowSamples'], bundle['hopSamples']
with torch.inference_mode():
    front = torch.jit.freeze(torch.jit.script(soundtag_torch.features(bundle)))
    net = torch.jit.optimize_for_inference(torch.jit.freeze(torch.jit.script(module)))


def varint(buf, i):
    """An Avro int or long (zig-zag varint) at i, and the index after it."""
    value = shift = 0
    while True:
        b = buf[i]
        i += 1
        value |= (b & 0x7F) << shift
        if b < 0x80:
            return (value >> 1) ^ -(value & 1), i
        shift += 7


def decode_chunk(buf):
    """AudioChunk fields sensorId, sequence, captureStartMicros, sampleRate, channels, encoding,
    payload, in schema order; returns (sensor, capture start, rate, mono float32 samples)."""
    if buf[:10] != marker:
        raise ValueError('not an AudioChunk (wrong Avro single-object marker or schema fingerprint)')
    n, i = varint(buf, 10)
    sensor = buf[i:i + n].decode()
    _, i = varint(buf, i + n)
    capture, i = varint(buf, i)
    chunk_rate, i = varint(buf, i)
    channels, i = varint(buf, i)
    encoding, i = varint(buf, i)
    n, i = varint(buf, i)
    payload = buf[i:i + n]
    samples = (np.frombuffer(payload, '<i2').astype(np.float32) / 32768.0 if encoding == 0
               else np.frombuffer(payload, '<f4'))
    if channels > 1:
        samples = samples.reshape(-1, channels).mean(axis=1)
    return sensor, capture, chunk_rate, samples


class Sensor:
    """One sensor's stream: capture time of its first sample, samples not yet windowed, the index
    of the next window's first sample and of the first sample held."""

    def __init__(self, origin):
        self.origin, self.held, self.next_start, self.first_held = origin, np.zeros(0, np.float32), 0, 0

    def windows(self, samples):
        self.held = np.concatenate((self.held, samples))
        while self.first_held + len(self.held) >= self.next_start + window:
            a = self.next_start - self.first_held
            yield self.origin + self.next_start * 1_000_000 // rate, self.held[a:a + window]
            self.next_start += hop
        drop = min(len(self.held), self.next_start - self.first_held)
        self.held, self.first_held = self.held[drop:], self.first_held + drop


def tag(pending, producer):
    """Scores the pending windows in batches of 32 and produces one result per window."""
    with torch.inference_mode():
        for b in range(0, len(pending), 32):
            batch = pending[b:b + 32]
            scores = net(front(torch.from_numpy(np.stack([w for _, _, w in batch]))))
            best, index = scores.max(dim=1)
            for (sensor, start, _), s, k in zip(batch, best.tolist(), index.tolist()):
                result = {'sensorId': sensor, 'windowStartMicros': start,
                          'windowEndMicros': start + window * 1_000_000 // rate, 'label': classes[k], 'score': s}
                producer.produce(out_topic, key=sensor, value=json.dumps(result))
            producer.poll(0)


consumer = Consumer({'bootstrap.servers': bootstrap, 'group.id': group, 'auto.offset.reset': 'earliest',
                     'enable.auto.commit': False})
producer = Producer({'bootstrap.servers': bootstrap, 'linger.ms': 20})
consumer.subscribe(['audio.chunks'])
sensors = {}
stop = threading.Event()
threading.Thread(target=lambda: (sys.stdin.read(), stop.set()), daemon=True).start()
print('ready', flush=True)
while not stop.is_set():
    messages = consumer.consume(num_messages=256, timeout=0.2)
    pending = []
    for m in messages:
        if m.error():
            print('kafka error: %s' % m.error(), file=sys.stderr, flush=True)
            continue
        sensor, capture, chunk_rate, samples = decode_chunk(m.value())
        if chunk_rate != rate:
            raise ValueError('sensor %s sends %d Hz; the model takes %d Hz' % (sensor, chunk_rate, rate))
        s = sensors.setdefault(sensor, Sensor(capture))
        pending.extend((sensor, start, w) for start, w in s.windows(samples))
    if messages:
        tag(pending, producer)
        producer.flush()
        consumer.commit(asynchronous=False)
consumer.close()
