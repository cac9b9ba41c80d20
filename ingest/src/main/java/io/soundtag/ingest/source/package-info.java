/**
 * Where ingest's audio comes from: an {@link io.soundtag.ingest.source.AudioSource} yields {@link
 * io.soundtag.ingest.source.AudioBlock}s of interleaved frames in a {@link
 * io.soundtag.ingest.source.SourceFormat}, from a microphone ({@link
 * io.soundtag.ingest.source.LineSource} over a {@link io.soundtag.ingest.source.CaptureLine}
 * opened by {@link io.soundtag.ingest.source.CaptureDevices}), a WAV file or directory ({@link
 * io.soundtag.ingest.source.WavFileSource}, {@link io.soundtag.ingest.source.FileSetSource}) or
 * raw PCM on stdin ({@link io.soundtag.ingest.source.RawPcmSource}). Reads block and a source is
 * read by one thread; capture times advance by sample count ({@link
 * io.soundtag.ingest.source.SampleClock}), and input that cannot be ingested is a {@link
 * io.soundtag.ingest.source.BadAudioException}.
 */
package io.soundtag.ingest.source;
