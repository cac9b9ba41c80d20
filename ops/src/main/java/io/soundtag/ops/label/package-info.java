/**
 * {@code soundtag label}: labelled clips into {@code audio.labels} from files, datasets and what
 * a sensor heard, their deletion, and counts of what the topic holds. The commands are thin: the
 * clips, their ids, the writer and the reading back of sensor audio belong to the trainer's
 * {@code labels} and {@code archive} packages.
 */
package io.soundtag.ops.label;
