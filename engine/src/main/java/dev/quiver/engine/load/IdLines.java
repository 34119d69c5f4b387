package dev.quiver.engine.load;

import java.nio.charset.StandardCharsets;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Ids met in a load file, each with the line it was first met on: the part of a load's memory that grows
 * with the file. The ids' characters and lines are packed one after another in byte chunks, found through an
 * open-addressing table of longs (a hash fingerprint and the record's position). An id costs about 25 bytes
 * instead of the 100 or so of a {@code HashMap<String, Long>} entry (entry, boxed line, String and its
 * array), and a lookup reads two places in memory instead of four.
 */
final class IdLines {
  /** What {@link #putIfAbsent} and {@link #line} return for an id not in the table (lines start at 1). */
  static final long ABSENT = -1;

  /** Chunks grow to this size, then more are added; a larger record gets a chunk of its own. */
  private static final int CHUNK = 1 << 24;
  private static final int POSITION_BITS = 40;
  private static final long POSITION_MASK = (1L << POSITION_BITS) - 1;

  /** Per slot: 0 when empty, else the fingerprint (24 high bits of the spread hash) and the record position + 1. */
  private long[] slots = new long[16];
  private byte[][] chunks = {new byte[256]};
  /** The used length of each chunk before the one being filled. */
  private int[] ends = new int[1];
  /** The chunk being filled and its first free byte. */
  private int chunk;
  private int free;
  private int size;
  /** Where {@link #find} stopped: the record's slot, or the empty slot it belongs in. */
  private int slot;

  /** Adds {@code id} first met on {@code line}; returns the line it was first met on, or {@link #ABSENT} if new. */
  long putIfAbsent(String id, long line) {
    long record = find(id);
    if (record >= 0) {
      return readLine(record);
    }
    slots[slot] = fingerprint(spread(id.hashCode())) | (append(id, line) + 1);
    if (++size > slots.length / 2) {
      grow();
    }
    return ABSENT;
  }

  /** The line {@code id} was first met on, or {@link #ABSENT}. */
  long line(String id) {
    long record = find(id);
    return record < 0 ? ABSENT : readLine(record);
  }

  boolean contains(String id) {
    return find(id) >= 0;
  }

  int size() {
    return size;
  }

  /** Each id, in the order they were added. */
  void forEach(Consumer<String> action) {
    for (long record = first(); record >= 0; record = next(record)) {
      action.accept(readId(record));
    }
  }

  /** A read-only view of the ids. */
  Set<String> asSet() {
    return new AbstractSet<>() {
      @Override
      public boolean contains(Object o) {
        return o instanceof String id && IdLines.this.contains(id);
      }

      @Override
      public int size() {
        return size;
      }

      @Override
      public Iterator<String> iterator() {
        return new Iterator<>() {
          private long record = first();

          @Override
          public boolean hasNext() {
            return record >= 0;
          }

          @Override
          public String next() {
            if (record < 0) {
              throw new NoSuchElementException();
            }
            String id = readId(record);
            record = IdLines.this.next(record);
            return id;
          }
        };
      }
    };
  }

  // ---- the table ----

  /** The position of {@code id}'s record, or -1 with {@link #slot} at the empty slot it would take. */
  private long find(String id) {
    int hash = spread(id.hashCode());
    long fingerprint = fingerprint(hash);
    int mask = slots.length - 1;
    for (int at = hash & mask; ; at = (at + 1) & mask) {
      long held = slots[at];
      if (held == 0) {
        slot = at;
        return -1;
      }
      if ((held & ~POSITION_MASK) == fingerprint && matches((held & POSITION_MASK) - 1, id)) {
        slot = at;
        return (held & POSITION_MASK) - 1;
      }
    }
  }

  /** Doubles the table, placing the records again in the order they were added (reading the chunks in order). */
  private void grow() {
    slots = new long[slots.length * 2];
    int mask = slots.length - 1;
    for (long record = first(); record >= 0; record = next(record)) {
      int hash = spread(hashOf(record));
      int at = hash & mask;
      while (slots[at] != 0) {
        at = (at + 1) & mask;
      }
      slots[at] = fingerprint(hash) | (record + 1);
    }
  }

  /** Fibonacci hashing: String hashes of ids like {@code p1, p2, …} are consecutive, which linear probing clusters. */
  private static int spread(int hash) {
    int mixed = hash * 0x9E3779B9;
    return mixed ^ (mixed >>> 16);
  }

  private static long fingerprint(int spread) {
    return ((long) (spread >>> 8)) << POSITION_BITS;
  }

  // ---- the records: varint(length << 1 | wide), the characters (a byte each, or two if any is past 0xFF), varint(line) ----

  /** A record's position: its chunk in the high bits, its offset in the chunk in the low 24. */
  private static long position(int chunk, int offset) {
    return ((long) chunk << 24) | offset;
  }

  private long append(String id, long line) {
    int length = id.length();
    boolean wide = false;
    for (int i = 0; i < length && !wide; i++) {
      wide = id.charAt(i) > 0xFF;
    }
    reserve(5 + (wide ? 2L : 1L) * length + 10);
    byte[] into = chunks[chunk];
    long record = position(chunk, free);
    int at = writeVarint(into, free, ((long) length << 1) | (wide ? 1 : 0));
    for (int i = 0; i < length; i++) {
      char c = id.charAt(i);
      if (wide) {
        into[at++] = (byte) (c >>> 8);
      }
      into[at++] = (byte) c;
    }
    free = writeVarint(into, at, line);
    return record;
  }

  /** Makes room for a record of at most {@code bytes} at {@link #free} in the chunk being filled. */
  private void reserve(long bytes) {
    byte[] current = chunks[chunk];
    if (free < CHUNK && free + bytes <= current.length) {
      return;
    }
    if (chunk == 0 && free + bytes <= CHUNK) {
      chunks[0] = Arrays.copyOf(current, (int) Math.min(CHUNK, Math.max(current.length * 2L, free + bytes)));
      return;
    }
    if (chunks.length == 1 << (POSITION_BITS - 24)) {
      throw new IllegalStateException("more ids than a load can track");
    }
    ends = Arrays.copyOf(ends, chunks.length + 1);
    ends[chunk] = free;
    chunks = Arrays.copyOf(chunks, chunks.length + 1);
    chunk = chunks.length - 1;
    chunks[chunk] = new byte[(int) Math.max(CHUNK, bytes)]; // a record larger than a chunk gets one of its own
    free = 0;
  }

  /** The first record, or -1 when there is none (only the first chunk may be empty). */
  private long first() {
    if (size == 0) {
      return -1;
    }
    return chunk > 0 && ends[0] == 0 ? position(1, 0) : position(0, 0);
  }

  /** The record after {@code record}, or -1 after the last. */
  private long next(long record) {
    int in = (int) (record >>> 24);
    int end = skip(chunks[in], (int) (record & 0xFFFFFF));
    if (end < (in == chunk ? free : ends[in])) {
      return position(in, end);
    }
    return in == chunk ? -1 : position(in + 1, 0);
  }

  /** The end of the record at {@code at}. */
  private int skip(byte[] in, int at) {
    long header = readVarint(in, at);
    readVarint(in, cursor + (int) (header >>> 1) * ((header & 1) == 0 ? 1 : 2));
    return cursor;
  }

  private boolean matches(long record, String id) {
    byte[] in = chunks[(int) (record >>> 24)];
    long header = readVarint(in, (int) (record & 0xFFFFFF));
    int at = cursor;
    int length = (int) (header >>> 1);
    if (length != id.length()) {
      return false;
    }
    if ((header & 1) == 0) {
      for (int i = 0; i < length; i++) {
        if ((in[at + i] & 0xFF) != id.charAt(i)) {
          return false;
        }
      }
    } else {
      for (int i = 0; i < length; i++) {
        if (wideChar(in, at, i) != id.charAt(i)) {
          return false;
        }
      }
    }
    return true;
  }

  private static char wideChar(byte[] in, int at, int i) {
    return (char) (((in[at + 2 * i] & 0xFF) << 8) | (in[at + 2 * i + 1] & 0xFF));
  }

  private String readId(long record) {
    byte[] in = chunks[(int) (record >>> 24)];
    long header = readVarint(in, (int) (record & 0xFFFFFF));
    int at = cursor;
    int length = (int) (header >>> 1);
    if ((header & 1) == 0) {
      return new String(in, at, length, StandardCharsets.ISO_8859_1);
    }
    char[] chars = new char[length];
    for (int i = 0; i < length; i++) {
      chars[i] = wideChar(in, at, i);
    }
    return new String(chars);
  }

  /** The id's {@link String#hashCode} (to place a record again when the table grows). */
  private int hashOf(long record) {
    byte[] in = chunks[(int) (record >>> 24)];
    long header = readVarint(in, (int) (record & 0xFFFFFF));
    int at = cursor;
    int length = (int) (header >>> 1);
    boolean wide = (header & 1) != 0;
    int hash = 0;
    for (int i = 0; i < length; i++) {
      hash = 31 * hash + (wide ? wideChar(in, at, i) : in[at + i] & 0xFF);
    }
    return hash;
  }

  private long readLine(long record) {
    byte[] in = chunks[(int) (record >>> 24)];
    long header = readVarint(in, (int) (record & 0xFFFFFF));
    return readVarint(in, cursor + (int) (header >>> 1) * ((header & 1) == 0 ? 1 : 2));
  }

  /** Where the last {@link #readVarint} stopped. */
  private int cursor;

  private long readVarint(byte[] in, int at) {
    long value = 0;
    int shift = 0;
    byte b;
    do {
      b = in[at++];
      value |= (long) (b & 0x7F) << shift;
      shift += 7;
    } while (b < 0);
    cursor = at;
    return value;
  }

  private static int writeVarint(byte[] into, int at, long value) {
    while ((value & ~0x7FL) != 0) {
      into[at++] = (byte) ((value & 0x7F) | 0x80);
      value >>>= 7;
    }
    into[at++] = (byte) value;
    return at;
  }
}
