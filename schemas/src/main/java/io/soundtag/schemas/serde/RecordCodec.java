package io.soundtag.schemas.serde;

import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.io.DatumReader;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;
import org.apache.avro.specific.SpecificRecordBase;

/**
 * Encodes one record type with Avro single-object encoding and decodes any known version of it.
 *
 * <p>Decoding refuses any length or count a message declares beyond its own size before allocating
 * for it (see {@link BoundedDecoder}), so a few bytes from the network cannot claim gigabytes.
 * Thread-safe: Avro's message encoder and datum readers keep per-thread state.
 *
 * @param <T> the generated record class
 */
public final class RecordCodec<T extends SpecificRecord> {

  private final Schema schema;
  private final BinaryMessageEncoder<T> encoder;
  private final SpecificData model;
  private final Map<Long, DatumReader<T>> readers = new ConcurrentHashMap<>();

  RecordCodec(SpecificRecordBase prototype) {
    this.schema = prototype.getSchema();
    SpecificData model = prototype.getSpecificData();
    this.encoder = new BinaryMessageEncoder<>(model, schema);
    this.model = model;
  }

  /** The current (reader and writer) schema. */
  public Schema schema() {
    return schema;
  }

  /** The single-object encoding of {@code record}. */
  public byte[] encode(T record) {
    try {
      ByteBuffer buffer = encoder.encode(record);
      byte[] bytes = new byte[buffer.remaining()];
      buffer.get(bytes);
      return bytes;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot encode " + schema.getName(), e);
    } catch (NullPointerException | ClassCastException | AvroRuntimeException e) {
      throw new IllegalArgumentException(
          "cannot encode " + schema.getName() + ": a required field is missing or of the wrong type (" + e.getMessage() + ")", e);
    }
  }

  /**
   * Decodes a message written with any known version of this record's schema.
   *
   * @throws RecordDecodingException when the bytes are not one of our records, name a schema
   *     this build does not know, or are truncated or corrupt
   */
  public T decode(byte[] bytes) {
    if (bytes == null || bytes.length == 0) {
      throw new RecordDecodingException(RecordDecodingException.Reason.EMPTY,
          "empty message where a " + schema.getName() + " was expected");
    }
    if (bytes.length < 10 || bytes[0] != (byte) 0xC3 || bytes[1] != (byte) 0x01) {
      throw new RecordDecodingException(RecordDecodingException.Reason.NOT_AVRO,
          "not an Avro single-object message (no C3 01 marker) where a " + schema.getName() + " was expected");
    }
    long fingerprint = fingerprint(bytes);
    Schema writer = ContractSchemaStore.instance().findByFingerprint(fingerprint);
    if (writer == null) {
      throw new RecordDecodingException(RecordDecodingException.Reason.UNKNOWN_SCHEMA,
          "unknown schema fingerprint " + fingerprintOf(bytes) + " for " + schema.getName()
              + ": written by a newer or foreign producer; upgrade this reader");
    }
    if (!writer.getFullName().equals(schema.getFullName())) {
      throw new RecordDecodingException(RecordDecodingException.Reason.WRONG_RECORD,
          "a " + writer.getName() + " where a " + schema.getName() + " was expected");
    }
    DatumReader<T> reader = readers.computeIfAbsent(fingerprint, f -> new SpecificDatumReader<>(writer, schema, model));
    try {
      return reader.read(null, new BoundedDecoder(bytes, 10, bytes.length - 10));
    } catch (EOFException e) {
      throw new RecordDecodingException(RecordDecodingException.Reason.CORRUPT,
          "truncated " + schema.getName() + " (" + bytes.length + " bytes)", e);
    } catch (IOException | RuntimeException e) {
      throw new RecordDecodingException(RecordDecodingException.Reason.CORRUPT,
          "corrupt " + schema.getName() + " (" + bytes.length + " bytes): " + e.getClass().getSimpleName()
              + (e.getMessage() == null ? "" : " " + e.getMessage()), e);
    }
  }

  private static long fingerprint(byte[] bytes) {
    return ByteBuffer.wrap(bytes, 2, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
  }

  private static String fingerprintOf(byte[] bytes) {
    return String.format("%016x", fingerprint(bytes));
  }
}
