package dev.syscalllens.agent.instrumentation;

/**
 * What the woven code records of a call (see {@link Weaver}): which value is the call's argument
 * and which its result. The argument is read at exit; an argument of the method is its value on
 * entry, whatever the method assigns to its parameter. The result is -1 when the method throws,
 * except where it does not come from the call ({@link Result#VAL_PID}).
 *
 * <p>The last few are not calls: they tell the recorder where a virtual thread runs, waits and
 * wakes, or leave a note (see {@link Shape}).
 */
enum Advice {
    /** Receiver as the argument; int result (bytes read or written). */
    SELF_INT(Arg.THIS, Result.RETURN_INT),
    /** Receiver as the argument; long result. */
    SELF_LONG(Arg.THIS, Result.RETURN_LONG),
    /** Receiver as the argument; no result (any return type). */
    SELF(Arg.THIS, Result.NONE),
    /** The receiver's {@code path} field as the argument; int result. */
    PATH_INT(Arg.PATH, Result.RETURN_INT),
    /** The receiver's {@code path} field as the argument; long result. */
    PATH_LONG(Arg.PATH, Result.RETURN_LONG),
    /** The receiver's {@code path} field as the argument; the returned array's length as result. */
    PATH_BYTES(Arg.PATH, Result.RETURN_LENGTH),
    /** The receiver's {@code path} field as the argument; no result. */
    PATH(Arg.PATH, Result.NONE),
    /** {@code write(int)} on a stream with a {@code path} field: one byte. */
    PATH_WRITE_ONE(Arg.PATH, Result.ONE),
    /** {@code write(byte[])} / {@code readFully(byte[])} with a {@code path} field: the array's length. */
    PATH_WRITE_ARRAY(Arg.PATH, Result.ARG0_LENGTH),
    /** {@code write(byte[], int, int)} / {@code readFully(byte[], int, int)} with a {@code path} field. */
    PATH_WRITE_RANGE(Arg.PATH, Result.ARG2_INT),
    /** The first argument (a path, an address, a host name) as the argument; no result. */
    ARG0(Arg.ARG0, Result.NONE),
    /** The first argument as the argument; int result. */
    ARG0_INT(Arg.ARG0, Result.RETURN_INT),
    /** The second argument (send's target address) as the argument; int result. */
    ARG1_INT(Arg.ARG1, Result.RETURN_INT),
    /** The first argument as the argument; the result if the method returns a long (sizes, copied bytes). */
    ARG0_LONG(Arg.ARG0, Result.RETURN_IF_LONG),
    /** The first argument as the argument; the returned array's length as result. */
    ARG0_BYTES(Arg.ARG0, Result.RETURN_LENGTH),
    /** {@code Files.write(Path, byte[], ...)}: the path, and the array's length as result. */
    ARG0_WRITE_BYTES(Arg.ARG0, Result.ARG1_LENGTH_IF_BYTES),
    /** The returned object (an accepted socket, an opened channel) as the argument, null if it throws. */
    RETURNED(Arg.RETURN, Result.NONE),
    /** Socket's stream wrappers: the socket ({@code parent}) and the bytes read. */
    PARENT_READ(Arg.PARENT, Result.RETURN_INT),
    /** Socket's stream wrappers: the socket ({@code parent}) and the bytes written. */
    PARENT_WRITE(Arg.PARENT, Result.ARG2_INT),
    /** AsynchronousFileChannel's read task: the buffer it reads into. */
    TASK_DST(Arg.VAL_DST, Result.NONE),
    /** AsynchronousFileChannel's write task: the buffer it writes from. */
    TASK_SRC(Arg.VAL_SRC, Result.NONE),
    /** ProcessBuilder.start: the builder (its command), and the child's pid as result. */
    PROCESS_START(Arg.THIS, Result.RETURN_PID),
    /** The process reaper's task: the pid it waits for, as result, also when it throws. */
    REAP(Arg.NULL, Result.VAL_PID),
    /** VirtualThread.unmount(), on entry: a virtual thread leaves its carrier. */
    UNMOUNT(Shape.UNMOUNT),
    /** VirtualThread.mount(), on normal exit: a virtual thread runs on a carrier again. */
    MOUNT(Shape.MOUNT),
    /**
     * Not a call: on normal exit, leaves a note that the receiver was seen here, now (see
     * Notes). Fits constructors: it runs after the superclass's constructor, at every return.
     */
    NOTE(Shape.NOTE),
    /** Poller.poll(fd, event, nanos, isOpen): a virtual thread waits for fd in the JDK's poller. */
    POLL_WAIT(Shape.POLL_WAIT),
    /** Poller.polled(fd): the poller found fd ready and unparks the thread waiting for it. */
    POLLED(Shape.POLLED),
    /** VirtualThread.unpark(), on entry: which virtual thread the caller (the poller, in polled) wakes. */
    UNPARK(Shape.UNPARK);

    /** What the woven code does, and where. */
    enum Shape {
        /** Woven.enter on entry; Woven.exit before each return, Woven.thrown when it throws. */
        CALL,
        /** Woven.unmounting() on entry. */
        UNMOUNT,
        /** Woven.mounted() before each return. */
        MOUNT,
        /** Woven.note(this) before each return. */
        NOTE,
        /** Woven.waitingFor(argument 0) on entry; Woven.waited() on exit, normal or not. */
        POLL_WAIT,
        /** t0 = Woven.waking() on entry; Woven.woke(t0, argument 0) on exit, normal or not. */
        POLLED,
        /** Woven.unparking(this) on entry. */
        UNPARK
    }

    /** The call's argument: the receiver, one of its fields, an argument, the returned value, or null. */
    enum Arg {
        THIS, PATH("path"), PARENT("parent"), VAL_DST("val$dst"), VAL_SRC("val$src"), ARG0(0), ARG1(1), RETURN, NULL;

        /** The receiver's field read, or null. */
        final String field;
        /** The method's argument read, or -1. */
        final int param;

        Arg() {
            this(null, -1);
        }

        Arg(String field) {
            this(field, -1);
        }

        Arg(int param) {
            this(null, param);
        }

        Arg(String field, int param) {
            this.field = field;
            this.param = param;
        }
    }

    /** The call's result on normal exit (-1 when it throws, but for {@link #VAL_PID}). */
    enum Result {
        /** -1. */
        NONE,
        /** 1. */
        ONE,
        /** The int returned. */
        RETURN_INT,
        /** The long returned. */
        RETURN_LONG,
        /** The length of the byte[] returned, -1 for null. */
        RETURN_LENGTH,
        /** The long returned, boxed or not; -1 for anything else (an int, a Path). */
        RETURN_IF_LONG,
        /** The pid of the Process returned. */
        RETURN_PID,
        /** The length of the byte[] argument 0, -1 for null. */
        ARG0_LENGTH(0),
        /** The int argument 2. */
        ARG2_INT(2),
        /** The length of argument 1 if it is a byte[], else -1. */
        ARG1_LENGTH_IF_BYTES(1),
        /** The receiver's long field {@code val$pid}, on any exit. */
        VAL_PID;

        /** The method's argument read, or -1. */
        final int param;

        Result() {
            this(-1);
        }

        Result(int param) {
            this.param = param;
        }

        /** Whether it is read from the value returned. */
        boolean fromReturn() {
            return this == RETURN_INT || this == RETURN_LONG || this == RETURN_LENGTH || this == RETURN_IF_LONG
                    || this == RETURN_PID;
        }
    }

    final Shape shape;
    final Arg arg;
    final Result result;

    Advice(Arg arg, Result result) {
        this.shape = Shape.CALL;
        this.arg = arg;
        this.result = result;
    }

    Advice(Shape shape) {
        this.shape = shape;
        this.arg = null;
        this.result = null;
    }
}
