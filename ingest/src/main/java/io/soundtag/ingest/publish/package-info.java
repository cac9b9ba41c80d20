/**
 * Ingest's side of Kafka: {@link io.soundtag.ingest.publish.ChunkPublisher} sends chunks from the
 * queue keyed by sensor id on one thread and releases each when the broker acknowledges it, with a
 * producer configured by {@link io.soundtag.ingest.publish.ProducerSettings} (idempotent, {@code
 * acks=all}, retried without a delivery deadline, so an outage only makes sends wait); {@link
 * io.soundtag.ingest.publish.TopicHistory} finds each sensor's last chunk in the topic so a
 * restarted sensor continues after it, and {@link io.soundtag.ingest.publish.CompressionSurvey}
 * measures Kafka's codecs on the chunks ingest actually sends.
 */
package io.soundtag.ingest.publish;
