/**
 * The tagger as a Kafka Streams application: {@link io.soundtag.tagger.topology.TaggerTopology}
 * joins reassembly, scoring, level reports and sound events, with dead letters for what cannot be
 * used; {@link io.soundtag.tagger.topology.TaggerApp} runs it, and {@link
 * io.soundtag.tagger.topology.TaggerConfig} is everything an instance is configured with,
 * validated on construction.
 */
package io.soundtag.tagger.topology;
