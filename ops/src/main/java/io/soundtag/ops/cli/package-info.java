/**
 * The {@code soundtag} command itself and what its subcommands share: {@link
 * io.soundtag.ops.cli.SoundtagCommand} (every part of the system from one command, with {@link
 * io.soundtag.ops.cli.SoundtagVersion}), the Kafka connection options ({@link
 * io.soundtag.ops.cli.KafkaOptions}) and model-signature options ({@link
 * io.soundtag.ops.cli.SignatureOptions}), and {@link io.soundtag.ops.cli.Lifecycle}, which keeps a
 * long-running command alive until Ctrl-C and then closes what it started in reverse order. A
 * failed command prints its error as one line and exits 1; the stack trace goes to the debug log
 * only.
 */
package io.soundtag.ops.cli;
