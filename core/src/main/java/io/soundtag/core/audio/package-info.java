/**
 * Mono audio and the files it comes in: {@link io.soundtag.core.audio.MonoAudio} (float samples in
 * [-1, 1] at a rate), {@link io.soundtag.core.audio.PcmCodec} between interleaved PCM bytes of a
 * {@link io.soundtag.core.audio.PcmEncoding} and mono floats (channels downmixed by their mean),
 * {@link io.soundtag.core.audio.WavReader}, {@link io.soundtag.core.audio.WavStream} (block by
 * block) and {@link io.soundtag.core.audio.WavWriter} for RIFF/WAVE files, the streaming {@link
 * io.soundtag.core.audio.Resampler} whose output does not depend on how its input is chunked, and
 * {@link io.soundtag.core.audio.SoundLevel}, the A-weighted LAeq of one window. A file that cannot
 * be read is a {@link io.soundtag.core.audio.WavFormatException} with a one-line reason. Nothing
 * here knows Kafka or DJL.
 */
package io.soundtag.core.audio;
