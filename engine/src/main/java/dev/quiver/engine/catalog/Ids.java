package dev.quiver.engine.catalog;

import static java.util.Objects.requireNonNull;

import dev.quiver.engine.ErrorCode;
import dev.quiver.engine.GraphException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.function.Function;

/**
 * Physical ids. A keyed node's id is the canonical rendering of its {@code @key} value (a JSON array of the
 * members' renderings, in alphabetical member order, for a composite key); any other node and every edge
 * gets a ULID. The rendering is part of the on-disk format: edges store their endpoints' ids, so it must
 * never change.
 *
 * <p>Values follow the engine's Java convention: String; Boolean; I32 Integer; I64 and U32 Long; U64
 * BigInteger; F32 Float; F64 Double; Date LocalDate; DateTime Instant; enum String.
 */
public final class Ids {
  private static final char[] CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Object ULID_LOCK = new Object();

  // @GuardedBy("ULID_LOCK"): the last ULID issued, so that ids minted in one millisecond still increase.
  private static long lastMillis = -1;
  private static long lastRandomHigh; // upper 16 of the 80 random bits
  private static long lastRandomLow; // lower 64 of the 80 random bits

  private Ids() {}

  /**
   * The id of a node: its canonical key rendering when the type is keyed, otherwise a new ULID.
   *
   * @param valueOfProperty the value of each property by name, {@code null} when absent
   * @throws GraphException REQUIRED_PROPERTY_MISSING when a key member is null
   */
  public static String idOf(NodeType type, Function<String, Object> valueOfProperty) {
    requireNonNull(type, "type is null");
    requireNonNull(valueOfProperty, "valueOfProperty is null");
    List<String> key = type.key();
    if (key.isEmpty()) {
      return newId();
    }
    if (key.size() == 1) {
      return renderMember(type, key.get(0), valueOfProperty);
    }
    StringBuilder json = new StringBuilder("[");
    for (String member : key) {
      if (json.length() > 1) {
        json.append(',');
      }
      appendJsonString(json, renderMember(type, member, valueOfProperty));
    }
    return json.append(']').toString();
  }

  private static String renderMember(NodeType type, String member, Function<String, Object> valueOfProperty) {
    Object value = valueOfProperty.apply(member);
    if (value == null) {
      throw new GraphException(
          ErrorCode.REQUIRED_PROPERTY_MISSING, "insert @key property '" + member + "' cannot contain null");
    }
    Property property =
        type.property(member)
            .orElseThrow(
                () -> new GraphException(
                    ErrorCode.INTERNAL, "node type '" + type.name() + "' has no key property '" + member + "'"));
    PropertyType propertyType = property.type();
    if (propertyType instanceof PropertyType.EnumOf) {
      return render(ScalarKind.STRING, value);
    }
    if (propertyType instanceof PropertyType.Scalar) {
      return render(((PropertyType.Scalar) propertyType).kind(), value);
    }
    throw new GraphException(
        ErrorCode.INTERNAL, "key property '" + type.name() + "." + member + "' has no canonical rendering");
  }

  /**
   * The canonical text of a scalar: strings verbatim, integers in decimal, booleans {@code true}/{@code false},
   * Date as its epoch day, DateTime as epoch milliseconds, floats in shortest round-trip plain decimal (never
   * scientific; both zeros are {@code 0}).
   *
   * @throws GraphException INVALID_VALUE for a value of the wrong Java type, a non-finite float, or a Blob
   */
  public static String render(ScalarKind kind, Object value) {
    requireNonNull(kind, "kind is null");
    requireNonNull(value, "value is null");
    switch (kind) {
      case STRING:
        return expect(kind, value, String.class);
      case BOOL:
        return expect(kind, value, Boolean.class).toString();
      case I32:
      case I64:
      case U32:
      case U64:
        if (value instanceof Integer || value instanceof Long || value instanceof Short
            || value instanceof Byte || value instanceof BigInteger) {
          return value.toString();
        }
        throw wrongType(kind, value);
      case F32:
        float f = expect(kind, value, Float.class);
        if (!Float.isFinite(f)) {
          throw nonFinite(kind, value);
        }
        return shortestDecimal(f, true);
      case F64:
        double d = expect(kind, value, Double.class);
        if (!Double.isFinite(d)) {
          throw nonFinite(kind, value);
        }
        return shortestDecimal(d, false);
      case DATE:
        return Long.toString(expect(kind, value, LocalDate.class).toEpochDay());
      case DATETIME:
        return Long.toString(expect(kind, value, Instant.class).toEpochMilli());
      case BLOB:
        throw new GraphException(ErrorCode.INVALID_VALUE, "Blob value has no canonical rendering");
    }
    throw new AssertionError(kind);
  }

  /**
   * The shortest decimal that reads back as the same float (or double), written plainly. Java 17's
   * {@code Double.toString} is neither always shortest nor plain, so this searches the digit count.
   */
  private static String shortestDecimal(double value, boolean single) {
    if (value == 0) {
      return "0";
    }
    // Below 2^24 (float) or 2^53 (double) every integer is its own value: its digits are the shortest.
    if (value == Math.rint(value) && Math.abs(value) < (single ? 0x1p24 : 0x1p53)) {
      return Long.toString((long) value);
    }
    BigDecimal exact = new BigDecimal(value);
    for (int digits = 1; digits <= 17; digits++) {
      BigDecimal nearest = exact.round(new MathContext(digits, RoundingMode.HALF_EVEN));
      if (readsBack(nearest, value, single)) {
        return plain(nearest);
      }
      // At a power of two the interval that reads back is lopsided: the other neighbour may fit.
      RoundingMode other = nearest.compareTo(exact) > 0 ? RoundingMode.DOWN : RoundingMode.UP;
      BigDecimal neighbour = exact.round(new MathContext(digits, other));
      if (readsBack(neighbour, value, single)) {
        return plain(neighbour);
      }
    }
    return plain(exact);
  }

  private static boolean readsBack(BigDecimal candidate, double value, boolean single) {
    return single ? candidate.floatValue() == (float) value : candidate.doubleValue() == value;
  }

  private static String plain(BigDecimal decimal) {
    return decimal.stripTrailingZeros().toPlainString();
  }

  private static <T> T expect(ScalarKind kind, Object value, Class<T> type) {
    if (!type.isInstance(value)) {
      throw wrongType(kind, value);
    }
    return type.cast(value);
  }

  private static GraphException wrongType(ScalarKind kind, Object value) {
    return new GraphException(
        ErrorCode.INVALID_VALUE,
        "value of Java type " + value.getClass().getSimpleName() + " cannot be a " + kind.schemaName() + " value");
  }

  private static GraphException nonFinite(ScalarKind kind, Object value) {
    String width = kind == ScalarKind.F32 ? "Float32" : "Float64";
    return new GraphException(
        ErrorCode.INVALID_VALUE,
        "scalar key: non-finite " + width + " value '" + value + "' cannot identify an entity");
  }

  /** JSON string escaping as serde_json does it: quote, backslash, and control characters only. */
  private static void appendJsonString(StringBuilder json, String value) {
    json.append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"':
          json.append("\\\"");
          break;
        case '\\':
          json.append("\\\\");
          break;
        case '\n':
          json.append("\\n");
          break;
        case '\r':
          json.append("\\r");
          break;
        case '\t':
          json.append("\\t");
          break;
        case '\b':
          json.append("\\b");
          break;
        case '\f':
          json.append("\\f");
          break;
        default:
          if (c < 0x20) {
            json.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) c));
          } else {
            json.append(c);
          }
      }
    }
    json.append('"');
  }

  /**
   * A new ULID: 26 Crockford base-32 characters, 48 bits of millisecond time then 80 random bits. Within one
   * millisecond each id is the previous one plus one, so ids minted by this process sort in issue order.
   */
  public static String newId() {
    long millis;
    long high;
    long low;
    synchronized (ULID_LOCK) {
      long now = System.currentTimeMillis();
      if (now <= lastMillis) {
        // Same millisecond (or the clock stepped back): count up from the last id.
        now = lastMillis;
        lastRandomLow++;
        if (lastRandomLow == 0) {
          lastRandomHigh = (lastRandomHigh + 1) & 0xFFFF;
          if (lastRandomHigh == 0) {
            now++; // 80 bits exhausted: borrow the next millisecond
          }
        }
      } else {
        lastRandomHigh = RANDOM.nextInt() & 0xFFFF;
        lastRandomLow = RANDOM.nextLong();
      }
      lastMillis = now;
      millis = now;
      high = lastRandomHigh;
      low = lastRandomLow;
    }
    char[] text = new char[26];
    // 128 bits = time (48) | high (16) | low (64); 26 chars * 5 bits = 130, the top 2 bits are zero.
    long top = (millis << 16) | high; // 64 bits: time and high random
    for (int i = 25; i >= 0; i--) {
      int bitIndex = (25 - i) * 5; // from the least significant end
      text[i] = CROCKFORD[fiveBits(top, low, bitIndex)];
    }
    return new String(text);
  }

  private static int fiveBits(long top, long low, int bitIndex) {
    if (bitIndex + 5 <= 64) {
      return (int) ((low >>> bitIndex) & 0x1F);
    }
    if (bitIndex >= 64) {
      return (int) ((top >>> (bitIndex - 64)) & 0x1F);
    }
    int lowBits = 64 - bitIndex;
    int fromLow = (int) (low >>> bitIndex);
    int fromTop = (int) (top << lowBits);
    return (fromLow | fromTop) & 0x1F;
  }
}
