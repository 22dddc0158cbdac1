package dev.syscalllens.agent.instrumentation;

import dev.syscalllens.bootstrap.Recorder;
import net.bytebuddy.asm.Advice;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static net.bytebuddy.matcher.ElementMatchers.isStatic;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

/**
 * FileChannel: the static {@code FileChannel.open} (the openat happens there, before the
 * implementation object exists) and {@code sun.nio.ch.FileChannelImpl} for read, write and close.
 */
final class FileChannelInstrumentation {
    private FileChannelInstrumentation() {
    }

    static List<Instrumentations.Target> targets() {
        return List.of(
                new Instrumentations.Target("java.nio.channels.FileChannel", CallKind.FILE_CHANNEL_OPEN,
                        named("open").and(isStatic()).and(takesArguments(Path.class, Set.class,
                                java.nio.file.attribute.FileAttribute[].class)),
                        OpenAdvice.class, "open(java.nio.file.Path,java.util.Set,java.nio.file.attribute.FileAttribute[])"),
                new Instrumentations.Target("sun.nio.ch.FileChannelImpl", CallKind.FILE_CHANNEL_READ,
                        named("read").and(takesArguments(ByteBuffer.class)),
                        ReadWriteAdvice.class, "read(java.nio.ByteBuffer)"),
                new Instrumentations.Target("sun.nio.ch.FileChannelImpl", CallKind.FILE_CHANNEL_WRITE,
                        named("write").and(takesArguments(ByteBuffer.class)),
                        ReadWriteAdvice.class, "write(java.nio.ByteBuffer)"),
                new Instrumentations.Target("sun.nio.ch.FileChannelImpl", CallKind.FILE_CHANNEL_CLOSE,
                        named("implCloseChannel").and(takesArguments(0)),
                        CloseAdvice.class, "implCloseChannel()"));
    }

    static final class OpenAdvice {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static long enter() {
            return Recorder.enter();
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Kind int kind, @Advice.Enter long t0, @Advice.Argument(0) Object path,
                         @Advice.Thrown Throwable thrown) {
            Recorder.exit(kind, t0, path, -1L, thrown);
        }
    }

    static final class ReadWriteAdvice {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static long enter() {
            return Recorder.enter();
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Kind int kind, @Advice.Enter long t0, @Advice.Return int n,
                         @Advice.FieldValue("path") String path, @Advice.Thrown Throwable thrown) {
            Recorder.exit(kind, t0, path, thrown == null ? n : -1L, thrown);
        }
    }

    static final class CloseAdvice {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static long enter() {
            return Recorder.enter();
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Kind int kind, @Advice.Enter long t0, @Advice.FieldValue("path") String path,
                         @Advice.Thrown Throwable thrown) {
            Recorder.exit(kind, t0, path, -1L, thrown);
        }
    }
}
