package dev.quiver.engine.storage;

import java.util.ArrayList;
import java.util.List;
import org.lance.FragmentMetadata;
import org.lance.fragment.DataFile;
import org.lance.fragment.DeletionFile;
import org.lance.fragment.DeletionFileType;

/**
 * Where Lance keeps a dataset's files, relative to the dataset directory: what a commit needs to fsync, named
 * from the Lance metadata instead of searched for. The layouts are Lance's ({@code lance-table}'s {@code io}
 * module); a name that does not exist on disk makes the caller fall back to a search, so a future layout
 * change costs speed, never durability.
 */
public final class LanceFiles {
  private LanceFiles() {}

  /** Data files of new fragments and deletion files of updated ones. */
  static List<String> of(List<FragmentMetadata> newFragments, List<FragmentMetadata> updatedFragments) {
    List<String> files = new ArrayList<>();
    for (FragmentMetadata fragment : newFragments) {
      for (DataFile file : fragment.getFiles()) {
        files.add("data/" + file.getPath());
      }
    }
    for (FragmentMetadata fragment : updatedFragments) {
      DeletionFile deletion = fragment.getDeletionFile();
      if (deletion != null) {
        files.add(
            "_deletions/"
                + fragment.getId()
                + "-"
                + deletion.getReadVersion()
                + "-"
                + Long.toUnsignedString(deletion.getId()) // a u64 in Lance
                + (deletion.getFileType() == DeletionFileType.BITMAP ? ".bin" : ".arrow"));
      }
    }
    return files;
  }

  /**
   * The names a version's manifest may have in {@code _versions/}: the V2 scheme ({@code u64::MAX - version},
   * so the newest sorts first) and the V1 scheme ({@code <version>.manifest}).
   */
  public static List<String> versionFiles(long version) {
    return List.of(
        "_versions/" + Long.toUnsignedString(-1L - version) + ".manifest", "_versions/" + version + ".manifest");
  }

  /**
   * The hint Lance keeps beside the manifests ({@code _versions/latest_version_hint.json}), rewritten on each
   * commit so an open finds the latest version without listing. A stale hint only slows an open, but a torn
   * one after a power cut must not exist either, so commits sync it too.
   */
  public static final String LATEST_VERSION_HINT = "_versions/latest_version_hint.json";

  private static final java.util.regex.Pattern HINTED_VERSION =
      java.util.regex.Pattern.compile("\"version\"\\s*:\\s*(\\d+)");

  /**
   * A dataset's latest version without opening it: the version Lance's hint names, walked forward over the
   * manifests that exist after it (a hint may lag, never lead). 0 when that cannot be trusted — no hint, an
   * unreadable one, or a hinted version with no manifest there or after it — and the caller must ask Lance.
   */
  static long hintedLatestVersion(java.nio.file.Path dataset) {
    long version;
    try {
      java.util.regex.Matcher hint =
          HINTED_VERSION.matcher(java.nio.file.Files.readString(dataset.resolve(LATEST_VERSION_HINT)));
      if (!hint.find()) {
        return 0;
      }
      version = Long.parseLong(hint.group(1));
    } catch (java.io.IOException | NumberFormatException e) {
      return 0;
    }
    return walk(dataset, version);
  }

  /**
   * A dataset's latest version when {@code known} was the latest one seen: a version's manifest exists from
   * its commit until a cleanup, and cleanup removes only the oldest versions (everything below a bound), so
   * the versions after {@code known} form an unbroken run: walk it (usually a miss on {@code known + 1} and a
   * hit on {@code known}: two {@code stat}s, no file read). Falls back to the hint when {@code known} is 0 or
   * gone with everything after it.
   */
  static long latestVersionSince(java.nio.file.Path dataset, long known) {
    long latest = known > 0 ? walk(dataset, known) : 0;
    return latest > 0 ? latest : hintedLatestVersion(dataset);
  }

  /**
   * The last version of the run of manifests from {@code from} on, or 0 when there is none. One naming scheme at
   * a time (a dataset uses one; ours V2). The version the walk ends on is checked last, so a cleanup of another
   * process that removed the one after it between the two looks (it removes older versions with it) is noticed.
   */
  private static long walk(java.nio.file.Path dataset, long from) {
    for (int scheme = 0; scheme < 2; scheme++) {
      long version = from;
      while (java.nio.file.Files.exists(dataset.resolve(versionFiles(version + 1).get(scheme)))) {
        version++;
      }
      if (java.nio.file.Files.exists(dataset.resolve(versionFiles(version).get(scheme)))) {
        return version;
      }
    }
    return 0;
  }

  /** Whether a version's manifest is there (in either naming scheme). */
  static boolean manifestExists(java.nio.file.Path dataset, long version) {
    for (String name : versionFiles(version)) {
      if (java.nio.file.Files.exists(dataset.resolve(name))) {
        return true;
      }
    }
    return false;
  }

  /** The prefix of the transaction file of the commit that read {@code readVersion}: {@code <read>-<uuid>.txn}. */
  public static String transactionPrefix(long readVersion) {
    return readVersion + "-";
  }
}
