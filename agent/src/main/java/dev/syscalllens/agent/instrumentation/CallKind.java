package dev.syscalllens.agent.instrumentation;

/**
 * Every Java call the agent records. The ordinal is the id the advice passes to
 * {@code Recorder.exit}; the span is named after the public API that the user called.
 */
public enum CallKind {
    FILE_CHANNEL_OPEN("FileChannel.open", "java.nio.channels.FileChannel", "open", Arg.PATH, false),
    FILE_CHANNEL_READ("FileChannel.read", "java.nio.channels.FileChannel", "read", Arg.PATH, true),
    FILE_CHANNEL_WRITE("FileChannel.write", "java.nio.channels.FileChannel", "write", Arg.PATH, true),
    FILE_CHANNEL_CLOSE("FileChannel.close", "java.nio.channels.FileChannel", "close", Arg.PATH, false),

    SERVER_SOCKET_BIND("ServerSocket.bind", "java.net.ServerSocket", "bind", Arg.LOCAL_ADDRESS, false),
    SERVER_SOCKET_ACCEPT("ServerSocket.accept", "java.net.ServerSocket", "accept", Arg.SOCKET, false),
    SERVER_SOCKET_CLOSE("ServerSocket.close", "java.net.ServerSocket", "close", Arg.SERVER_SOCKET, false),
    SOCKET_CONNECT("Socket.connect", "java.net.Socket", "connect", Arg.PEER_ADDRESS, false),
    SOCKET_CLOSE("Socket.close", "java.net.Socket", "close", Arg.SOCKET, false),
    SOCKET_INPUT_READ("SocketInputStream.read", "java.net.Socket$SocketInputStream", "read", Arg.SOCKET, true),
    SOCKET_OUTPUT_WRITE("SocketOutputStream.write", "java.net.Socket$SocketOutputStream", "write", Arg.SOCKET, true);

    /** What the one recorded argument of a call is. */
    public enum Arg { PATH, LOCAL_ADDRESS, PEER_ADDRESS, SOCKET, SERVER_SOCKET }

    private static final CallKind[] BY_ID = values();

    private final String spanName;
    private final String codeNamespace;
    private final String codeFunction;
    private final Arg arg;
    private final boolean movesBytes;

    CallKind(String spanName, String codeNamespace, String codeFunction, Arg arg, boolean movesBytes) {
        this.spanName = spanName;
        this.codeNamespace = codeNamespace;
        this.codeFunction = codeFunction;
        this.arg = arg;
        this.movesBytes = movesBytes;
    }

    public static CallKind byId(int id) {
        return id >= 0 && id < BY_ID.length ? BY_ID[id] : null;
    }

    public int id() {
        return ordinal();
    }

    public String spanName() {
        return spanName;
    }

    public String codeNamespace() {
        return codeNamespace;
    }

    public String codeFunction() {
        return codeFunction;
    }

    public Arg arg() {
        return arg;
    }

    /** True when the call's result is a count of bytes read or written. */
    public boolean movesBytes() {
        return movesBytes;
    }
}
