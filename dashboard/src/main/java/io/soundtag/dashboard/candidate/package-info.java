/**
 * Active learning: the last candidate model beside the served one. The newest release of each
 * deployment on {@code audio.models} that is not the one serving a sensor (a refused candidate, or
 * one the taggers have not swapped to yet) scores a few recent windows a second in a background
 * thread, from their audio read back from {@code audio.chunks}; the windows where its top label
 * differs from the served model's are queued for review with both models' scores.
 */
package io.soundtag.dashboard.candidate;
