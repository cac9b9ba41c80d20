/**
 * A sensor's recorded audio for the dashboard: read back by time through
 * {@link io.soundtag.dashboard.audio.SensorAudio}, turned into a log-Mel picture for the spectrogram
 * view and into WAV for playback.
 */
package io.soundtag.dashboard.audio;
