/**
 * What a sensor sent, read back from {@code audio.chunks} by capture time.
 *
 * <pre>{@code
 * try (ChunkArchive archive = ChunkArchive.open(kafka)) {
 *   Optional<ArchivedAudio> heard = archive.read("sensor-3", from, to);   // at most ChunkArchive.MAX_SPAN
 *   heard.ifPresent(a -> System.out.println(a.audio().seconds() + " s, gaps " + a.gaps()));
 *   List<ArchivedAudio> everyone = archive.readAll(from, to, 50);          // every sensor, for a shadow run
 * }
 * }</pre>
 *
 * <p>The archive finds where to start with the consumer's {@code offsetsForTimes} on the sensor's
 * partition, decodes chunks with the project's one chunk codec
 * ({@link io.soundtag.core.chunk.ChunkPayload}) and lays them out by their capture time: the
 * span comes back as mono audio at the sensor's rate, with what the sensor did not send filled
 * with silence and reported as gaps. The dashboard's playback and spectrogram, label windows and
 * the sidecar's shadow runs read live audio through it.
 */
package io.soundtag.trainer.archive;
