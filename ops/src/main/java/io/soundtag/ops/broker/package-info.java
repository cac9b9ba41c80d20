/**
 * {@code soundtag broker} and {@code soundtag topics}: an {@link
 * io.soundtag.ops.broker.EmbeddedKafka} (single-node KRaft in this JVM on 127.0.0.1, PLAINTEXT or,
 * with {@link io.soundtag.ops.broker.BrokerSecurity}, SASL_SSL with SCRAM users and optional
 * ACLs), the topics soundtag needs and their configurations ({@link
 * io.soundtag.ops.broker.TopicLayout}), and the ACLs each part of soundtag needs, and nothing
 * more, on a cluster of your own ({@link io.soundtag.ops.broker.RoleAcls}).
 */
package io.soundtag.ops.broker;
