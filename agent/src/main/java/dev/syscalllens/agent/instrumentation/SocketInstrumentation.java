package dev.syscalllens.agent.instrumentation;

import dev.syscalllens.bootstrap.Recorder;
import net.bytebuddy.asm.Advice;

import java.net.SocketAddress;
import java.util.List;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

/**
 * java.net.Socket and ServerSocket, matched on the public classes: each public call (bind,
 * accept, connect, close) is one span whatever SocketImpl is behind it. The one-argument
 * {@code bind}/{@code connect} delegate to the two-argument forms, so only those are matched.
 * The streams are Socket's own wrappers, whose {@code parent} field is the socket.
 */
final class SocketInstrumentation {
    private SocketInstrumentation() {
    }

    static List<Instrumentations.Target> targets() {
        return List.of(
                new Instrumentations.Target("java.net.ServerSocket", CallKind.SERVER_SOCKET_BIND,
                        named("bind").and(takesArguments(SocketAddress.class, int.class)),
                        ArgumentAdvice.class, "bind(java.net.SocketAddress,int)"),
                new Instrumentations.Target("java.net.ServerSocket", CallKind.SERVER_SOCKET_ACCEPT,
                        named("accept").and(takesArguments(0)),
                        AcceptAdvice.class, "accept()"),
                new Instrumentations.Target("java.net.ServerSocket", CallKind.SERVER_SOCKET_CLOSE,
                        named("close").and(takesArguments(0)),
                        ThisAdvice.class, "close()"),
                new Instrumentations.Target("java.net.Socket", CallKind.SOCKET_CONNECT,
                        named("connect").and(takesArguments(SocketAddress.class, int.class)),
                        ArgumentAdvice.class, "connect(java.net.SocketAddress,int)"),
                new Instrumentations.Target("java.net.Socket", CallKind.SOCKET_CLOSE,
                        named("close").and(takesArguments(0)),
                        ThisAdvice.class, "close()"),
                new Instrumentations.Target("java.net.Socket$SocketInputStream", CallKind.SOCKET_INPUT_READ,
                        named("read").and(takesArguments(byte[].class, int.class, int.class)),
                        StreamReadAdvice.class, "read(byte[],int,int)"),
                new Instrumentations.Target("java.net.Socket$SocketOutputStream", CallKind.SOCKET_OUTPUT_WRITE,
                        named("write").and(takesArguments(byte[].class, int.class, int.class)),
                        StreamWriteAdvice.class, "write(byte[],int,int)"));
    }

    static final class ArgumentAdvice {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static long enter() {
            return Recorder.enter();
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Kind int kind, @Advice.Enter long t0, @Advice.Argument(0) Object address,
                         @Advice.Thrown Throwable thrown) {
            Recorder.exit(kind, t0, address, -1L, thrown);
        }
    }

    static final class AcceptAdvice {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static long enter() {
            return Recorder.enter();
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Kind int kind, @Advice.Enter long t0, @Advice.Return Object accepted,
                         @Advice.Thrown Throwable thrown) {
            Recorder.exit(kind, t0, accepted, -1L, thrown);
        }
    }

    static final class ThisAdvice {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static long enter() {
            return Recorder.enter();
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Kind int kind, @Advice.Enter long t0, @Advice.This Object self,
                         @Advice.Thrown Throwable thrown) {
            Recorder.exit(kind, t0, self, -1L, thrown);
        }
    }

    static final class StreamReadAdvice {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static long enter() {
            return Recorder.enter();
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Kind int kind, @Advice.Enter long t0, @Advice.Return int n,
                         @Advice.FieldValue("parent") Object socket, @Advice.Thrown Throwable thrown) {
            Recorder.exit(kind, t0, socket, thrown == null ? n : -1L, thrown);
        }
    }

    static final class StreamWriteAdvice {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static long enter() {
            return Recorder.enter();
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Kind int kind, @Advice.Enter long t0, @Advice.Argument(2) int len,
                         @Advice.FieldValue("parent") Object socket, @Advice.Thrown Throwable thrown) {
            Recorder.exit(kind, t0, socket, thrown == null ? len : -1L, thrown);
        }
    }
}
