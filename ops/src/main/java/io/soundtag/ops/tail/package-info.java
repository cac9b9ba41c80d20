/**
 * {@code soundtag tail} ({@link io.soundtag.ops.tail.TailCommand}): tags or, with {@code
 * --events}, sound events printed live as they are committed, one readable line per record ({@link
 * io.soundtag.ops.tail.TagLine}, {@link io.soundtag.ops.tail.EventLine}). {@link
 * io.soundtag.ops.tail.LiveTail} reports a record it cannot read on one line and skips it: a tail
 * never stops on bad input.
 */
package io.soundtag.ops.tail;
