/**
 * Getting audio into Kafka: an {@link io.soundtag.ingest.IngestPipeline} takes sources through a
 * chunker per sensor and a buffer (in memory, or spooled to disk) to the publisher, configured by
 * a {@link io.soundtag.ingest.PipelineConfig}, and reports a {@link
 * io.soundtag.ingest.SourceSummary} per source run and {@link io.soundtag.ingest.IngestMetrics}
 * for Prometheus; {@link io.soundtag.ingest.Pacer} releases audio in real time by sample count.
 * Every chunk in Kafka is whole: when a source fails, its partial chunk is discarded, the complete
 * chunks before it are still delivered, and the error is rethrown.
 */
package io.soundtag.ingest;
