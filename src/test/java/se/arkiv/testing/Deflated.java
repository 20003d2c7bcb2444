package se.arkiv.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.zip.Adler32;
import java.util.zip.CRC32;
import java.util.zip.Checksum;
import java.util.zip.Deflater;

/**
 * Deflate streams of gigabytes of zeros, made in a fraction of a second: a block of zeros is
 * compressed once, ending on a full flush (byte-aligned, no reference back before it), and
 * repeated; a decoder reads the copies as one long stream. Compressing the gigabytes themselves
 * would take the test tens of seconds.
 */
final class Deflated {

  private static final int CHUNK = 64 * 1024 * 1024;

  private Deflated() {}

  /** Raw deflate (no header) of {@code length} zero bytes, with its final block. */
  static void zeros(OutputStream out, long length) throws IOException {
    byte[] chunk = flushedZeros(CHUNK);
    long left = length;
    while (left >= CHUNK) {
      out.write(chunk);
      left -= CHUNK;
    }
    if (left > 0) {
      out.write(flushedZeros((int) left));
    }
    Deflater last = new Deflater(Deflater.BEST_COMPRESSION, true);
    last.finish();
    byte[] buffer = new byte[64];
    int n = last.deflate(buffer);
    last.end();
    out.write(buffer, 0, n);
  }

  /** A gzip file of {@code length} zero bytes. */
  static void gzipZeros(OutputStream out, long length) throws IOException {
    out.write(new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 0xff});
    zeros(out, length);
    writeLittleEndian(out, checksumOfZeros(new CRC32(), length));
    writeLittleEndian(out, length & 0xFFFFFFFFL);
  }

  /** A zlib stream (as in a PNG's IDAT) of {@code length} zero bytes. */
  static byte[] zlibZeros(long length) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(new byte[] {0x78, (byte) 0xda});
    zeros(out, length);
    long adler = checksumOfZeros(new Adler32(), length);
    out.write(new byte[] {(byte) (adler >>> 24), (byte) (adler >>> 16), (byte) (adler >>> 8)});
    out.write((byte) adler);
    return out.toByteArray();
  }

  private static byte[] flushedZeros(int length) {
    Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
    deflater.setInput(new byte[length]);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buffer = new byte[1 << 16];
    int n;
    do {
      n = deflater.deflate(buffer, 0, buffer.length, Deflater.FULL_FLUSH);
      out.write(buffer, 0, n);
    } while (n == buffer.length || !deflater.needsInput());
    deflater.end();
    return out.toByteArray();
  }

  private static long checksumOfZeros(Checksum checksum, long length) {
    byte[] zeros = new byte[1 << 20];
    for (long left = length; left > 0; left -= zeros.length) {
      checksum.update(zeros, 0, (int) Math.min(zeros.length, left));
    }
    return checksum.getValue();
  }

  private static void writeLittleEndian(OutputStream out, long value) throws IOException {
    for (int i = 0; i < 4; i++) {
      out.write((int) (value >>> (8 * i)) & 0xFF);
    }
  }
}
