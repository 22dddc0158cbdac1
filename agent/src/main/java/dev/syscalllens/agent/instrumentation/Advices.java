package dev.syscalllens.agent.instrumentation;

import dev.syscalllens.bootstrap.Notes;
import dev.syscalllens.bootstrap.Recorder;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/**
 * The advice, inlined into JDK methods. Each class differs only in what it records as the call's
 * argument (the receiver, its {@code path} field, an argument, the return value) and result
 * (bytes moved, a count, nothing). No state, no logic, no allocation: a call into Recorder.
 * Errors inside are suppressed, so the JDK method behaves as if we were not there.
 */
final class Advices {
    private Advices() {
    }

    /** Receiver as the argument; int result (bytes read or written). */
    static final class SelfInt {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static long enter(@Kind int kind) {
            return Recorder.enter(kind);
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Kind int kind, @Advice.Enter long t0, @Advice.This Object self,
                         @Advice.Return int n, @Advice.Thrown Throwable thrown) {
            Recorder.exit(kind, t0, self, thrown == null ? n : -1L, thrown);
        }
    }

    /** Receiver as the argument; long result. */
    static final class SelfLong {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static long enter(@Kind int kind) {
            return Recorder.enter(kind);
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Kind int kind, @Advice.Enter long t0, @Advice.This Object self,
                         @Advice.Return long n, @Advice.Thrown Throwable thrown) {
            Recorder.exit(kind, t0, self, thrown == null ? n : -1L, thrown);
        }
    }

    /** Receiver as the argument; no result (any return type). */
    static final class Self {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static long enter(@Kind int kind) {
            return Recorder.enter(kind);
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Kind int kind, @Advice.Enter long t0, @Advice.This Object self,
                         @Advice.Thrown Throwable thrown) {
            Recorder.exit(kind, t0, self, -1L, thrown);
        }
    }

    /** The receiver's {@code path} field as the argument; int result. */
    static final class PathInt {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static long enter(@Kind int kind) {
            return Recorder.enter(kind);
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Kind int kind, @Advice.Enter long t0, @Advice.FieldValue("path") String path,
                         @Advice.Return int n, @Advice.Thrown Throwable thrown) {
            Recorder.exit(kind, t0, path, thrown == null ? n : -1L, thrown);
        }
    }

    /** The receiver's {@code path} field as the argument; long result. */
    static final class PathLong {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static long enter(@Kind int kind) {
            return Recorder.enter(kind);
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Kind int kind, @Advice.Enter long t0, @Advice.FieldValue("path") String path,
                         @Advice.Return long n, @Advice.Thrown Throwable thrown) {
            Recorder.exit(kind, t0, path, thrown == null ? n : -1L, thrown);
        }
    }

    /** The receiver's {@code path} field as the argument; the returned array's length as result. */
    static final class PathBytes {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static long enter(@Kind int kind) {
            return Recorder.enter(kind);
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Kind int kind, @Advice.Enter long t0, @Advice.FieldValue("path") String path,
                         @Advice.Return byte[] bytes, @Advice.Thrown Throwable thrown) {
            Recorder.exit(kind, t0, path, bytes == null ? -1L : bytes.length, thrown);
        }
    }

    /** The receiver's {@code path} field as the argument; no result. */
    static final class Path {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static long enter(@Kind int kind) {
            return Recorder.enter(kind);
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Kind int kind, @Advice.Enter long t0, @Advice.FieldValue("path") String path,
                         @Advice.Thrown Throwable thrown) {
            Recorder.exit(kind, t0, path, -1L, thrown);
        }
    }

    /** {@code write(int)} on a stream with a {@code path} field: one byte. */
    static final class PathWriteOne {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static long enter(@Kind int kind) {
            return Recorder.enter(kind);
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Kind int kind, @Advice.Enter long t0, @Advice.FieldValue("path") String path,
                         @Advice.Thrown Throwable thrown) {
            Recorder.exit(kind, t0, path, thrown == null ? 1L : -1L, thrown);
        }
    }

    /** {@code write(byte[])} on a stream with a {@code path} field: the array's length. */
    static final class PathWriteArray {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static long enter(@Kind int kind) {
            return Recorder.enter(kind);
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Kind int kind, @Advice.Enter long t0, @Advice.FieldValue("path") String path,
                         @Advice.Argument(0) byte[] b, @Advice.Thrown Throwable thrown) {
            Recorder.exit(kind, t0, path, thrown == null && b != null ? b.length : -1L, thrown);
        }
    }

    /** {@code write(byte[], int, int)} / {@code readFully(byte[], int, int)} with a {@code path} field. */
    static final class PathWriteRange {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static long enter(@Kind int kind) {
            return Recorder.enter(kind);
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Kind int kind, @Advice.Enter long t0, @Advice.FieldValue("path") String path,
                         @Advice.Argument(2) int len, @Advice.Thrown Throwable thrown) {
            Recorder.exit(kind, t0, path, thrown == null ? len : -1L, thrown);
        }
    }

    /** The first argument (a path, an address, a host name) as the argument; no result. */
    static final class Arg0 {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static long enter(@Kind int kind) {
            return Recorder.enter(kind);
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Kind int kind, @Advice.Enter long t0, @Advice.Argument(0) Object arg,
                         @Advice.Thrown Throwable thrown) {
            Recorder.exit(kind, t0, arg, -1L, thrown);
        }
    }

    /** The first argument as the argument; int result. */
    static final class Arg0Int {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static long enter(@Kind int kind) {
            return Recorder.enter(kind);
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Kind int kind, @Advice.Enter long t0, @Advice.Argument(0) Object arg,
                         @Advice.Return int n, @Advice.Thrown Throwable thrown) {
            Recorder.exit(kind, t0, arg, thrown == null ? n : -1L, thrown);
        }
    }

    /** The second argument (send's target address) as the argument; int result. */
    static final class Arg1Int {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static long enter(@Kind int kind) {
            return Recorder.enter(kind);
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Kind int kind, @Advice.Enter long t0, @Advice.Argument(1) Object arg,
                         @Advice.Return int n, @Advice.Thrown Throwable thrown) {
            Recorder.exit(kind, t0, arg, thrown == null ? n : -1L, thrown);
        }
    }

    /** The first argument as the argument; a long (or int, widened) result: sizes, copied bytes. */
    static final class Arg0Long {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static long enter(@Kind int kind) {
            return Recorder.enter(kind);
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Kind int kind, @Advice.Enter long t0, @Advice.Argument(0) Object arg,
                         @Advice.Return(typing = Assigner.Typing.DYNAMIC) Object ret,
                         @Advice.Thrown Throwable thrown) {
            Recorder.exit(kind, t0, arg, ret instanceof Long ? (Long) ret : -1L, thrown);
        }
    }

    /** The first argument as the argument; the returned array's length as result. */
    static final class Arg0Bytes {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static long enter(@Kind int kind) {
            return Recorder.enter(kind);
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Kind int kind, @Advice.Enter long t0, @Advice.Argument(0) Object arg,
                         @Advice.Return byte[] bytes, @Advice.Thrown Throwable thrown) {
            Recorder.exit(kind, t0, arg, bytes == null ? -1L : bytes.length, thrown);
        }
    }

    /** {@code Files.write(Path, byte[], ...)}: the path, and the array's length as result. */
    static final class Arg0WriteBytes {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static long enter(@Kind int kind) {
            return Recorder.enter(kind);
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Kind int kind, @Advice.Enter long t0, @Advice.Argument(0) Object path,
                         @Advice.Argument(1) Object data, @Advice.Thrown Throwable thrown) {
            Recorder.exit(kind, t0, path,
                    thrown == null && data instanceof byte[] ? ((byte[]) data).length : -1L, thrown);
        }
    }

    /** The returned object (an accepted socket, an opened channel) as the argument. */
    static final class Returned {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static long enter(@Kind int kind) {
            return Recorder.enter(kind);
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Kind int kind, @Advice.Enter long t0,
                         @Advice.Return(typing = Assigner.Typing.DYNAMIC) Object ret,
                         @Advice.Thrown Throwable thrown) {
            Recorder.exit(kind, t0, ret, -1L, thrown);
        }
    }

    /** Socket's stream wrappers: the socket ({@code parent}) and the bytes read. */
    static final class ParentRead {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static long enter(@Kind int kind) {
            return Recorder.enter(kind);
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Kind int kind, @Advice.Enter long t0, @Advice.FieldValue("parent") Object socket,
                         @Advice.Return int n, @Advice.Thrown Throwable thrown) {
            Recorder.exit(kind, t0, socket, thrown == null ? n : -1L, thrown);
        }
    }

    /** Socket's stream wrappers: the socket ({@code parent}) and the bytes written. */
    static final class ParentWrite {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static long enter(@Kind int kind) {
            return Recorder.enter(kind);
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Kind int kind, @Advice.Enter long t0, @Advice.FieldValue("parent") Object socket,
                         @Advice.Argument(2) int len, @Advice.Thrown Throwable thrown) {
            Recorder.exit(kind, t0, socket, thrown == null ? len : -1L, thrown);
        }
    }

    /** AsynchronousFileChannel's read task: the buffer it reads into. */
    static final class TaskDst {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static long enter(@Kind int kind) {
            return Recorder.enter(kind);
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Kind int kind, @Advice.Enter long t0, @Advice.FieldValue("val$dst") Object dst,
                         @Advice.Thrown Throwable thrown) {
            Recorder.exit(kind, t0, dst, -1L, thrown);
        }
    }

    /** AsynchronousFileChannel's write task: the buffer it writes from. */
    static final class TaskSrc {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static long enter(@Kind int kind) {
            return Recorder.enter(kind);
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Kind int kind, @Advice.Enter long t0, @Advice.FieldValue("val$src") Object src,
                         @Advice.Thrown Throwable thrown) {
            Recorder.exit(kind, t0, src, -1L, thrown);
        }
    }

    /** ProcessBuilder.start: the builder (its command), and the child's pid as result. */
    static final class ProcessStart {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static long enter(@Kind int kind) {
            return Recorder.enter(kind);
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Kind int kind, @Advice.Enter long t0, @Advice.This Object self,
                         @Advice.Return Process process, @Advice.Thrown Throwable thrown) {
            Recorder.exit(kind, t0, self, process == null ? -1L : process.pid(), thrown);
        }
    }

    /** The process reaper's task: the pid it waits for, as result. */
    static final class Reap {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static long enter(@Kind int kind) {
            return Recorder.enter(kind);
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Kind int kind, @Advice.Enter long t0, @Advice.FieldValue("val$pid") long pid,
                         @Advice.Thrown Throwable thrown) {
            Recorder.exit(kind, t0, null, pid, thrown);
        }
    }

    /** VirtualThread.unmount(): a virtual thread leaves its carrier. */
    static final class Unmount {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter() {
            Recorder.unmounting();
        }
    }

    /** VirtualThread.mount(): a virtual thread runs on a carrier again. */
    static final class Mount {
        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit() {
            Recorder.mounted();
        }
    }

    /** Not a call: leaves a note that the receiver was seen here, now (see Notes). Fits constructors. */
    static final class Note {
        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit(@Advice.This Object self) {
            Notes.add(self);
        }
    }

    /** Poller.poll(fd, event, nanos, isOpen): a virtual thread waits for fd in the JDK's poller. */
    static final class PollWait {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.Argument(0) int fd) {
            Recorder.waitingFor(fd);
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit() {
            Recorder.waited();
        }
    }

    /** Poller.polled(fd): the poller found fd ready and unparks the thread waiting for it. */
    static final class Polled {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static long enter() {
            return Recorder.waking();
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.Enter long t0, @Advice.Argument(0) int fd) {
            Recorder.woke(t0, fd);
        }
    }

    /** VirtualThread.unpark(): which virtual thread the caller (the poller, in polled) wakes. */
    static final class Unpark {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.This Thread self) {
            Recorder.unparking(self);
        }
    }
}
