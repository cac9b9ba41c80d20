/**
 * Noise-level reports in the tagger: each sensor's reassembled stream goes through a
 * {@link io.soundtag.core.acoustics.LevelMeter} kept in a state store, and every interval
 * (aligned to the clock, 60 s by default) becomes a {@code LevelReport} on {@code audio.levels}
 * with the sensor's calibration from {@code audio.sensors} and each tagged class's share of the
 * interval's energy; and every scored window goes on to sound detection as a
 * {@link io.soundtag.tagger.levels.MeasuredWindow}, with the levels of the audio it adds, so
 * sound events carry the levels of their span. {@link io.soundtag.tagger.levels.SensorLevels} is the pure logic;
 * {@link io.soundtag.tagger.levels.LevelReporter} the thin processor around it.
 */
package io.soundtag.tagger.levels;
