/**
 * Reaching soundtag's Kafka topics: {@link io.soundtag.schemas.topic.Topics} names them (the
 * defaults every command uses), {@link io.soundtag.schemas.topic.KafkaConnection} holds the brokers
 * and the operator's client properties every client starts from (a security file can change only
 * how a client connects, never what it does, and no secret is ever shown), and
 * {@link io.soundtag.schemas.topic.ClusterAccess} is the one place that turns connection,
 * authentication and authorization failures into one line an operator can act on.
 */
package io.soundtag.schemas.topic;
