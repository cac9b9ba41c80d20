package io.soundtag.schemas.serde;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.Decoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.util.Utf8;

/**
 * Avro binary decoding of one message that refuses a declared length or item count larger than
 * the bytes left in the message, before allocating anything for it. Avro itself allocates what a
 * length says (up to 2 GiB), so without this a record of a few bytes from the network could
 * exhaust the heap. (Every item of our arrays and maps takes at least one byte.)
 */
final class BoundedDecoder extends Decoder {

  private final ByteArrayInputStream bytes;
  private final BinaryDecoder in;

  BoundedDecoder(byte[] message, int offset, int length) {
    this.bytes = new ByteArrayInputStream(message, offset, length);
    this.in = DecoderFactory.get().directBinaryDecoder(bytes, null);
  }

  private int length(String what) throws IOException {
    return (int) bounded(in.readLong(), what);
  }

  private long bounded(long declared, String what) throws IOException {
    if (declared < 0 || declared > bytes.available()) {
      throw new IOException(what + " of " + declared + " declared with " + bytes.available() + " bytes left in the message");
    }
    return declared;
  }

  private byte[] read(int length) throws IOException {
    byte[] b = new byte[length];
    in.readFixed(b, 0, length);
    return b;
  }

  @Override
  public void readNull() throws IOException {
    in.readNull();
  }

  @Override
  public boolean readBoolean() throws IOException {
    return in.readBoolean();
  }

  @Override
  public int readInt() throws IOException {
    return in.readInt();
  }

  @Override
  public long readLong() throws IOException {
    return in.readLong();
  }

  @Override
  public float readFloat() throws IOException {
    return in.readFloat();
  }

  @Override
  public double readDouble() throws IOException {
    return in.readDouble();
  }

  @Override
  public Utf8 readString(Utf8 old) throws IOException {
    return new Utf8(read(length("a string")));
  }

  @Override
  public String readString() throws IOException {
    return new String(read(length("a string")), StandardCharsets.UTF_8);
  }

  @Override
  public void skipString() throws IOException {
    in.skipFixed(length("a string"));
  }

  @Override
  public ByteBuffer readBytes(ByteBuffer old) throws IOException {
    return ByteBuffer.wrap(read(length("a bytes field")));
  }

  @Override
  public void skipBytes() throws IOException {
    in.skipFixed(length("a bytes field"));
  }

  @Override
  public void readFixed(byte[] b, int start, int len) throws IOException {
    in.readFixed(b, start, len);
  }

  @Override
  public void skipFixed(int length) throws IOException {
    in.skipFixed(length);
  }

  @Override
  public int readEnum() throws IOException {
    return in.readEnum();
  }

  @Override
  public long readArrayStart() throws IOException {
    return bounded(in.readArrayStart(), "an array");
  }

  @Override
  public long arrayNext() throws IOException {
    return bounded(in.arrayNext(), "an array");
  }

  @Override
  public long skipArray() throws IOException {
    return in.skipArray();
  }

  @Override
  public long readMapStart() throws IOException {
    return bounded(in.readMapStart(), "a map");
  }

  @Override
  public long mapNext() throws IOException {
    return bounded(in.mapNext(), "a map");
  }

  @Override
  public long skipMap() throws IOException {
    return in.skipMap();
  }

  @Override
  public int readIndex() throws IOException {
    return in.readIndex();
  }
}
