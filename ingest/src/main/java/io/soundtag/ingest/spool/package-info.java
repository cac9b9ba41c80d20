/**
 * Audio kept on disk until the broker has it: every chunk is written to a spool directory before
 * it is sent and removed once acknowledged, so an outage longer than the memory buffer, or an
 * ingest restart in the middle of one, loses nothing; the spool is bounded in bytes and drops its
 * oldest audio, counted and logged, only when full.
 */
package io.soundtag.ingest.spool;
