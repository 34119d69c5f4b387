package dev.quiver.jdbc;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Field;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Opens {@code java.base/java.nio} to Arrow at run time, so that the driver works in a JVM started without
 * {@code --add-opens=java.base/java.nio=ALL-UNNAMED} (DBeaver's launcher has the flag; pools in arbitrary
 * applications, {@code java -jar} tools and isolated class loaders do not).
 *
 * <p>Arrow's {@code MemoryUtil} calls {@code setAccessible} on {@code java.nio.Buffer.address} in its static
 * initializer, and in Arrow 18.3.0 every allocation path goes through it. So this must run before the first
 * Arrow class initialises: {@link QuiverDriver}'s static initializer calls {@link #open()} first thing. The
 * technique (trusted {@code MethodHandles.Lookup} read through {@code sun.misc.Unsafe}, then {@code
 * Module.implAddOpensToAllUnnamed}) uses JDK internals; it changes the whole JVM (java.nio becomes open to
 * every unnamed module) and shares Arrow's own shelf life, since Arrow relies on {@code sun.misc.Unsafe} too.
 *
 * <p>Never throws: a failure is remembered and reported by {@link #failure()}, which {@code connect} turns into
 * an {@code 08001} naming the flag. Set the system property {@code quiver.openModules=false} to skip the opener
 * (the JVM must then be started with the flag).
 */
final class ArrowAccess {
  /** The JVM flag that does by hand what this class does at run time. */
  static final String ADD_OPENS_FLAG = "--add-opens=java.base/java.nio=ALL-UNNAMED";

  static final String DISABLE_PROPERTY = "quiver.openModules";

  private static final String PACKAGE = "java.nio";
  private static final String ARROW_PROBE_CLASS = "org.apache.arrow.memory.util.MemoryUtil";
  private static final Logger LOG = Logger.getLogger(ArrowAccess.class.getName());

  private static volatile String failure;

  private ArrowAccess() {}

  /** Opens java.nio to Arrow if it is not open already. Idempotent; never throws. */
  static synchronized void open() {
    try {
      Module target = arrowModule();
      if (isOpenTo(target)) {
        failure = null;
        return;
      }
      if ("false".equalsIgnoreCase(System.getProperty(DISABLE_PROPERTY))) {
        failure = "java.nio is not open to Arrow and the run-time opener is disabled (" + DISABLE_PROPERTY + "=false)";
        return;
      }
      MethodHandles.Lookup trusted = trustedLookup();
      Module javaBase = Object.class.getModule();
      if (target.isNamed()) {
        MethodHandle addOpens =
            trusted.findVirtual(Module.class, "implAddOpens", MethodType.methodType(void.class, String.class, Module.class));
        addOpens.invoke(javaBase, PACKAGE, target);
      } else {
        MethodHandle addOpens =
            trusted.findVirtual(Module.class, "implAddOpensToAllUnnamed", MethodType.methodType(void.class, String.class));
        addOpens.invoke(javaBase, PACKAGE);
      }
      failure = isOpenTo(target) ? null : "java.nio is still closed after the run-time opener ran";
    } catch (Throwable e) { // a static initializer must never throw: keep what happened for connect()
      failure = "the run-time opener failed: " + e;
      LOG.log(Level.FINE, "could not open java.nio to Arrow at run time", e);
    }
  }

  /** Why Arrow cannot work in this JVM, or null when it can. */
  static String failure() {
    return failure;
  }

  /** The message of the {@code 08001} that {@code connect} raises when {@link #failure()} is set. */
  static String failureMessage() {
    String reason = failure;
    return reason == null
        ? null
        : "Arrow needs access to java.nio and it could not be granted at run time ("
            + reason
            + "); start the JVM with "
            + ADD_OPENS_FLAG;
  }

  /**
   * The module Arrow lives in, found without initialising any Arrow class: a named module when Arrow is on the
   * module path, else the unnamed module of our loader (where the shaded jar puts it).
   */
  private static Module arrowModule() {
    ClassLoader loader = ArrowAccess.class.getClassLoader();
    try {
      return Class.forName(ARROW_PROBE_CLASS, false, loader).getModule();
    } catch (ClassNotFoundException | LinkageError e) {
      return ArrowAccess.class.getModule();
    }
  }

  private static boolean isOpenTo(Module target) {
    return Object.class.getModule().isOpen(PACKAGE, target);
  }

  private static MethodHandles.Lookup trustedLookup() throws ReflectiveOperationException {
    Class<?> unsafeClass = Class.forName("sun.misc.Unsafe");
    Field theUnsafe = unsafeClass.getDeclaredField("theUnsafe");
    theUnsafe.setAccessible(true);
    Object unsafe = theUnsafe.get(null);
    Field implLookup = MethodHandles.Lookup.class.getDeclaredField("IMPL_LOOKUP");
    Object base = unsafeClass.getMethod("staticFieldBase", Field.class).invoke(unsafe, implLookup);
    long offset = (long) unsafeClass.getMethod("staticFieldOffset", Field.class).invoke(unsafe, implLookup);
    return (MethodHandles.Lookup) unsafeClass.getMethod("getObject", Object.class, long.class).invoke(unsafe, base, offset);
  }
}
