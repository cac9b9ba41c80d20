/**
 * {@code soundtag tag} ({@link io.soundtag.ops.tag.TagCommand}): the Kafka Streams tagger from the
 * command line, with its {@code /metrics}. The command is thin: the tagger belongs to the
 * stream-tagger module.
 */
package io.soundtag.ops.tag;
