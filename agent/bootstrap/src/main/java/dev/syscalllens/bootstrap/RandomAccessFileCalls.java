package dev.syscalllens.bootstrap;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * {@link RandomAccessFile#length()} and {@link RandomAccessFile#setLength(long)} where they are
 * native methods (JDK 17 to 20), which advice cannot enter. The agent rewrites the application's
 * calls of them into calls of these, which record the call as the advice on a Java method would
 * (the file's {@code path} as the argument, -1 as the result, what it threw) and make it:
 *
 * <pre>
 *   raf.length()       becomes  RandomAccessFileCalls.length(raf)
 *   raf.setLength(n)   becomes  RandomAccessFileCalls.setLength(raf, n)
 * </pre>
 *
 * <p>The class must be initialized after the agent opened {@code java.io} to this class's
 * module: the path is read through a VarHandle made once here, a plain field load once compiled.
 * Errors of the recording are suppressed; the call's own result and exception reach the caller
 * unchanged.
 */
public final class RandomAccessFileCalls {
    private static final VarHandle PATH;

    static {
        try {
            PATH = MethodHandles.privateLookupIn(RandomAccessFile.class, MethodHandles.lookup())
                    .findVarHandle(RandomAccessFile.class, "path", String.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** Kind ids the agent gives the two calls, set before the first rewritten class loads. */
    private static volatile int lengthKind;
    private static volatile int setLengthKind;

    private RandomAccessFileCalls() {
    }

    /** Sets the kind ids; the first call initializes the class (and fails if it cannot read paths). */
    public static void setKinds(int length, int setLength) {
        lengthKind = length;
        setLengthKind = setLength;
    }

    /** {@code file.length()}, recorded. */
    public static long length(RandomAccessFile file) throws IOException {
        int kind = lengthKind;
        long t0 = enter(kind, file);
        long n;
        try {
            n = file.length();
        } catch (Throwable t) {
            exit(kind, t0, file, t);
            throw t;
        }
        exit(kind, t0, file, null);
        return n;
    }

    /** {@code file.setLength(newLength)}, recorded. */
    public static void setLength(RandomAccessFile file, long newLength) throws IOException {
        int kind = setLengthKind;
        long t0 = enter(kind, file);
        try {
            file.setLength(newLength);
        } catch (Throwable t) {
            exit(kind, t0, file, t);
            throw t;
        }
        exit(kind, t0, file, null);
    }

    /** A null receiver never enters the method, so, as with advice, it is no call. */
    private static long enter(int kind, RandomAccessFile file) {
        if (file == null) {
            return Recorder.NOT_RECORDED;
        }
        try {
            return Recorder.enter(kind);
        } catch (Throwable t) {
            return Recorder.NOT_RECORDED;
        }
    }

    private static void exit(int kind, long t0, RandomAccessFile file, Throwable thrown) {
        if (t0 == Recorder.NOT_RECORDED) {
            return;
        }
        try {
            Recorder.exit(kind, t0, (String) PATH.get(file), -1L, thrown);
        } catch (Throwable t) {
            // as the advice's suppress = Throwable.class
        }
    }
}
