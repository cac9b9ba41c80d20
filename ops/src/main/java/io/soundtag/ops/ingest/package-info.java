/**
 * {@code soundtag ingest} ({@link io.soundtag.ops.ingest.IngestCommand}): audio from microphones,
 * files, stdin or simulated sensors into {@code audio.chunks}, with the options every source
 * shares ({@link io.soundtag.ops.ingest.IngestOptions}). A source run stops cleanly on Ctrl-C,
 * always delivers the whole chunks read before an error and prints a one-line summary; the
 * pipeline itself belongs to the ingest module.
 */
package io.soundtag.ops.ingest;
