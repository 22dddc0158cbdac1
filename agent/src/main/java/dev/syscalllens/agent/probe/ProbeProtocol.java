package dev.syscalllens.agent.probe;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The Java mirror of native-probe/src/protocol.h: record types, layouts and sizes, one to one.
 * Change both together and bump {@link #VERSION}.
 */
public final class ProbeProtocol {
    public static final int MAGIC = 0x53594c50;
    public static final int VERSION = 2;

    public static final int REC_HELLO = 1;
    public static final int REC_SYSCALL = 2;
    public static final int REC_HEARTBEAT = 3;
    public static final int REC_ERROR = 4;
    public static final int REC_DROPPED = 5;
    public static final int REC_THREAD = 6;
    public static final int REC_BYE = 7;

    /** struct sl_rec_header: type, size. */
    public static final int HEADER_SIZE = 8;
    /** Largest record the agent accepts; anything larger means a corrupt stream. */
    public static final int MAX_RECORD = 64 * 1024;

    public static final int SC_FAILED = 0x1;
    public static final int SC_TRUNCATED = 0x2;

    public static final int THREAD_ATTACHED = 1;
    public static final int THREAD_EXITED = 2;
    public static final int THREAD_EXCLUDED = 3;

    private ProbeProtocol() {
    }

    /** struct sl_rec_hello, read after the header. */
    public record Hello(int magic, int version, int probePid, int targetPid, int threads, long nowNs) {
        static Hello read(ByteBuffer b) {
            int magic = b.getInt();
            int version = b.getInt();
            int probePid = b.getInt();
            int targetPid = b.getInt();
            int threads = b.getInt();
            b.getInt(); // reserved
            return new Hello(magic, version, probePid, targetPid, threads, b.getLong());
        }
    }

    /** struct sl_rec_error and its message. */
    public record Error(int errno, int tracerPid, String message) {
        static Error read(ByteBuffer b) {
            int err = b.getInt();
            int tracer = b.getInt();
            int len = b.getInt();
            b.getInt(); // reserved
            return new Error(err, tracer, text(b, len));
        }
    }

    /** struct sl_rec_heartbeat. */
    public record Heartbeat(long nowNs, long droppedTotal) {
        static Heartbeat read(ByteBuffer b) {
            return new Heartbeat(b.getLong(), b.getLong());
        }
    }

    /** struct sl_rec_dropped. */
    public record Dropped(long count, long nowNs) {
        static Dropped read(ByteBuffer b) {
            return new Dropped(b.getLong(), b.getLong());
        }
    }

    /** struct sl_rec_thread. */
    public record ThreadEvent(int tid, int event, long nowNs) {
        static ThreadEvent read(ByteBuffer b) {
            int tid = b.getInt();
            int event = b.getInt();
            return new ThreadEvent(tid, event, b.getLong());
        }
    }

    /** struct sl_rec_bye. */
    public record Bye(long nowNs, long syscalls, long dropped) {
        static Bye read(ByteBuffer b) {
            return new Bye(b.getLong(), b.getLong(), b.getLong());
        }
    }

    /** struct sl_rec_syscall (104 bytes with its header) and its four texts. */
    static SyscallRecord readSyscall(ByteBuffer b) {
        int tid = b.getInt();
        int nr = b.getInt();
        long ret = b.getLong();
        long[] args = new long[6];
        for (int i = 0; i < 6; i++) {
            args[i] = b.getLong();
        }
        long enter = b.getLong();
        long exit = b.getLong();
        int nameLen = Short.toUnsignedInt(b.getShort());
        int argsLen = Short.toUnsignedInt(b.getShort());
        int retLen = Short.toUnsignedInt(b.getShort());
        int flags = Short.toUnsignedInt(b.getShort());
        int fd = b.getInt();
        int fdTargetLen = Short.toUnsignedInt(b.getShort());
        b.getShort(); // reserved
        String name = text(b, nameLen);
        String argText = text(b, argsLen);
        String retText = text(b, retLen);
        String fdTarget = text(b, fdTargetLen);
        return new SyscallRecord(tid, nr, ret, args, enter, exit, name, argText, retText, flags, fd, fdTarget);
    }

    private static String text(ByteBuffer b, int len) {
        if (len > b.remaining()) {
            throw new IllegalStateException("text of " + len + " bytes overruns its record");
        }
        String s = new String(b.array(), b.arrayOffset() + b.position(), len, StandardCharsets.UTF_8);
        b.position(b.position() + len);
        return s;
    }
}
