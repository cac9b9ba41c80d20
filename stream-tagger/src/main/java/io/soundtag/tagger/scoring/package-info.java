/**
 * Scoring windows into TagEvents: each task's {@link io.soundtag.tagger.scoring.WindowScorer} adds
 * its windows to its stream thread's batch, so the windows of all the thread's tasks are scored in
 * one forward pass, micro-batched by a {@link io.soundtag.tagger.scoring.BatchPolicy}, and what
 * goes into a TagEvent is set by a {@link io.soundtag.tagger.scoring.TagPolicy} (top-k and the
 * level gate). A window stays in the changelogged store until its TagEvent is forwarded, so a
 * crash or a rebalance loses nothing; a window whose forward pass failed goes to the dead-letter
 * topic. Each result is also a {@link io.soundtag.tagger.scoring.ScoredWindow} for event detection
 * and the level reports.
 */
package io.soundtag.tagger.scoring;
