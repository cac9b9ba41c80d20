/**
 * Sound level meter acoustics after IEC 61672-1 and IEC 61260-1: the A, C and Z frequency
 * weightings as digital filters ({@link io.soundtag.core.acoustics.Weighting}), the F and S time
 * weightings ({@link io.soundtag.core.acoustics.TimeWeighting}), base-ten one-third-octave band
 * filters ({@link io.soundtag.core.acoustics.ThirdOctaveBands}) and a streaming
 * {@link io.soundtag.core.acoustics.LevelMeter} that turns samples into the levels of fixed
 * intervals ({@link io.soundtag.core.acoustics.IntervalLevels}): Leq, LAE, LAFmax, LASmax, LAFmin,
 * LCpeak, LAF10/50/90 and the band spectrum. Feeding the meter chunk by chunk gives exactly the
 * same result as feeding it the whole recording. Levels are {@code 10·log10(mean square) + C} with
 * samples scaled to ±1 full scale and {@code C} the sensor's calibration (0 and dBFS when uncalibrated).
 */
package io.soundtag.core.acoustics;
