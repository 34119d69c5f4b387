package dev.quiver.jdbc.bench;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The graph workload's data, exactly as the issue defines it: person {@code i} has id {@code p<i>}, name {@code
 * Person <i>} and age {@code 18 + (i*7) % 80}, NULL when {@code i % 13 == 0}; Knows edges come from a SplitMix64
 * generator seeded {@code 0x5EEDC0FFEE} (s, d, since per draw; self-loops and duplicate pairs skipped). Edge
 * {@code k} has id {@code e<k>}. Also the expected answers of the read rows, computed in memory.
 */
final class WorkloadData {
  static final String SCHEMA = "node Person { pid: String @key  name: String  age: I32? }\n"
      + "edge Knows: Person -> Person { since: I32 }\n";

  final int persons;
  final int[] src;
  final int[] dst;
  final int[] since;

  WorkloadData(int persons, int edges) {
    this.persons = persons;
    this.src = new int[edges];
    this.dst = new int[edges];
    this.since = new int[edges];
    SplitMix64 random = new SplitMix64(0x5EEDC0FFEEL);
    Set<Long> pairs = new HashSet<>();
    int k = 0;
    while (k < edges) {
      int s = (int) Long.remainderUnsigned(random.next(), persons);
      int d = (int) Long.remainderUnsigned(random.next(), persons);
      int year = 1990 + (int) Long.remainderUnsigned(random.next(), 35);
      if (s == d || !pairs.add((long) s * persons + d)) {
        continue;
      }
      src[k] = s;
      dst[k] = d;
      since[k] = year;
      k++;
    }
  }

  int edges() {
    return src.length;
  }

  static Integer age(int i) {
    return i % 13 == 0 ? null : 18 + (i * 7) % 80;
  }

  /** One NDJSON file: persons first, then edges (the {@code load} format). */
  void writeNdjson(Path file) throws IOException {
    try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      StringBuilder line = new StringBuilder(128);
      for (int i = 0; i < persons; i++) {
        line.setLength(0);
        line.append("{\"type\":\"Person\",\"data\":{\"pid\":\"p").append(i).append("\",\"name\":\"Person ").append(i)
            .append('"');
        Integer age = age(i);
        if (age != null) {
          line.append(",\"age\":").append(age);
        }
        out.append(line.append("}}\n"));
      }
      for (int k = 0; k < src.length; k++) {
        line.setLength(0);
        line.append("{\"edge\":\"Knows\",\"from\":\"p").append(src[k]).append("\",\"to\":\"p").append(dst[k])
            .append("\",\"data\":{\"id\":\"e").append(k).append("\",\"since\":").append(since[k]).append("}}\n");
        out.append(line);
      }
    }
  }

  /** Count and sum of the non-NULL ages in [low, high]. */
  long[] ageCountSum(int low, int high) {
    long count = 0;
    long sum = 0;
    for (int i = 0; i < persons; i++) {
      Integer age = age(i);
      if (age != null && age >= low && age <= high) {
        count++;
        sum += age;
      }
    }
    return new long[] {count, sum};
  }

  /** Per start: persons first reached at hop 2 (not the start, not a direct friend), summed over the starts. */
  long friendsOfFriends(int[] starts) {
    Map<Integer, List<Integer>> out = new HashMap<>();
    for (int k = 0; k < src.length; k++) {
      out.computeIfAbsent(src[k], x -> new ArrayList<>()).add(dst[k]);
    }
    long total = 0;
    for (int start : starts) {
      Set<Integer> friends = new HashSet<>(out.getOrDefault(start, List.of()));
      Set<Integer> second = new HashSet<>();
      for (int f : friends) {
        second.addAll(out.getOrDefault(f, List.of()));
      }
      second.remove(start);
      second.removeAll(friends);
      total += second.size();
    }
    return total;
  }

  long sinceSum() {
    long sum = 0;
    for (int year : since) {
      sum += year;
    }
    return sum;
  }

  /** The 200 start persons of the friends-of-friends row. */
  int[] starts(int count) {
    int[] starts = new int[count];
    for (int j = 0; j < count; j++) {
      starts[j] = (int) ((long) j * persons / count);
    }
    return starts;
  }

  /** The generator: SplitMix64 (Steele, Lea, Flood 2014). */
  static final class SplitMix64 {
    private long state;

    SplitMix64(long seed) {
      this.state = seed;
    }

    long next() {
      state += 0x9E3779B97F4A7C15L;
      long z = state;
      z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
      z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
      return z ^ (z >>> 31);
    }
  }
}
