/**
 * The noise-level commands: {@code soundtag levels} measures a WAV file offline into one JSON
 * object per interval (and a picture), {@code soundtag calibrate} measures a calibrator tone and
 * stores the sensor's calibration on {@code audio.sensors}, and {@code soundtag bench levels}
 * measures what the full set of levels costs per sensor-second.
 */
package io.soundtag.ops.levels;
