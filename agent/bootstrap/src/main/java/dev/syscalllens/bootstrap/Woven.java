package dev.syscalllens.bootstrap;

/**
 * What the code woven into JDK methods calls, and all it calls. The woven code itself only loads
 * values (constants, locals, fields of {@code this}) and calls these; whatever could fail (a
 * null, an array's length, a cast, a call into the recorder) is in here, and every method catches
 * any Throwable, so the JDK method behaves as if we were not there.
 *
 * <pre>
 *   long t0 = Woven.enter(KIND);                       // on entry
 *   Woven.exit(KIND, t0, arg, result);                 // before each return
 *   Woven.thrown(throwable, KIND, t0, arg, -1L);       // in a catch-all handler, which then rethrows it
 * </pre>
 */
public final class Woven {
    private Woven() {
    }

    /** Method entry: see {@link Recorder#enter}. */
    public static long enter(int kind) {
        try {
            return Recorder.enter(kind);
        } catch (Throwable t) {
            return Recorder.NOT_RECORDED;
        }
    }

    /** Normal method exit: see {@link Recorder#exit}. */
    public static void exit(int kind, long t0, Object arg, long result) {
        try {
            Recorder.exit(kind, t0, arg, result, null);
        } catch (Throwable t) {
            // not recorded
        }
    }

    /** Method exit by {@code thrown}, which the woven code rethrows unchanged. */
    public static void thrown(Throwable thrown, int kind, long t0, Object arg, long result) {
        try {
            Recorder.exit(kind, t0, arg, result, thrown);
        } catch (Throwable t) {
            // not recorded
        }
    }

    /** The array's length, or -1 for null. */
    public static long length(byte[] bytes) {
        return bytes == null ? -1L : bytes.length;
    }

    /** The length of a byte array, or -1 for anything else. */
    public static long lengthIfBytes(Object value) {
        return value instanceof byte[] b ? b.length : -1L;
    }

    /** A Long's value, or -1 for anything else. */
    public static long ifLong(Object value) {
        return value instanceof Long l ? l : -1L;
    }

    /** A process's pid, or -1. */
    public static long pid(Object process) {
        try {
            return process instanceof Process p ? p.pid() : -1L;
        } catch (Throwable t) {
            return -1L;
        }
    }

    /** See {@link Recorder#unmounting}. */
    public static void unmounting() {
        try {
            Recorder.unmounting();
        } catch (Throwable t) {
            // not recorded
        }
    }

    /** See {@link Recorder#mounted}. */
    public static void mounted() {
        try {
            Recorder.mounted();
        } catch (Throwable t) {
            // not recorded
        }
    }

    /** See {@link Recorder#waitingFor}. */
    public static void waitingFor(int fd) {
        try {
            Recorder.waitingFor(fd);
        } catch (Throwable t) {
            // not recorded
        }
    }

    /** See {@link Recorder#waited}. */
    public static void waited() {
        try {
            Recorder.waited();
        } catch (Throwable t) {
            // not recorded
        }
    }

    /** See {@link Recorder#waking}. */
    public static long waking() {
        try {
            return Recorder.waking();
        } catch (Throwable t) {
            return Recorder.NOT_RECORDED;
        }
    }

    /** See {@link Recorder#unparking}; {@code self} is the VirtualThread being unparked. */
    public static void unparking(Object self) {
        try {
            if (self instanceof Thread t) {
                Recorder.unparking(t);
            }
        } catch (Throwable t) {
            // not recorded
        }
    }

    /** See {@link Recorder#woke}. */
    public static void woke(long t0, int fd) {
        try {
            Recorder.woke(t0, fd);
        } catch (Throwable t) {
            // not recorded
        }
    }

    /** See {@link Notes#add}. */
    public static void note(Object self) {
        try {
            Notes.add(self);
        } catch (Throwable t) {
            // not recorded
        }
    }
}
