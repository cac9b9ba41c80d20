/**
 * The labelled clips of {@code audio.labels}, the dataset the sidecar trains on, with one owner.
 *
 * <pre>{@code
 * LabelledClip clip = LabelledClips.build(WavReader.read(file),
 *     ClipLabels.of(List.of("siren"), "ana", SplitHint.ANY), ClipOrigin.file(file.toString()), now);
 * try (LabelWriter writer = LabelWriter.open(kafka)) {
 *   writer.write(clip);                         // refused before sending when over the topic's limit
 * }
 * LabelSnapshot snapshot = LabelCache.open(dir, kafka).refresh();
 * for (CachedClip c : snapshot.clips()) {
 *   MonoAudio audio = c.audio(16_000);           // float samples at the model's rate
 * }
 * }</pre>
 *
 * <p>A clip's id is the sha256 of its audio ({@link io.soundtag.trainer.labels.ClipId}), so the
 * same audio imported twice is one clip, and labelling it again replaces its labels. Clips keep
 * the rate of their source (mono PCM16) and are resampled when read. A null value on the topic
 * (a tombstone) deletes a clip. {@link io.soundtag.trainer.labels.LabelCache} keeps a local copy
 * of the topic that survives being killed at any moment.
 */
package io.soundtag.trainer.labels;
