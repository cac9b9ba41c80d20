package io.soundtag.dashboard.audio;

/**
 * A log-Mel spectrogram ready to draw: one byte per cell, 0 at {@code floorDb} and 255 at
 * {@code peakDb}, frame-major ({@code levels[frame * bins + bin]}, bin 0 the lowest band).
 *
 * @param startMicros capture time at the centre of frame 0
 * @param hopMicros time between frames
 * @param frames frames
 * @param bins mel bands
 * @param floorDb the level drawn as 0
 * @param peakDb the level drawn as 255
 * @param levels the picture
 */
public record SpectrogramImage(long startMicros, double hopMicros, int frames, int bins, double floorDb, double peakDb,
    byte[] levels) {}
