package dev.syscalllens.agent.instrumentation;

/**
 * Every Java call the agent records. The ordinal is the id the advice passes to the Recorder;
 * the span is named after the public API the user called. A call nested directly in a call of
 * the same name is one user call going through an overload, and is not recorded twice.
 */
public enum CallKind {
    // FileChannel
    FILE_CHANNEL_OPEN("FileChannel.open", Arg.PATH, false),
    FILE_CHANNEL_READ("FileChannel.read", Arg.PATH, true),
    FILE_CHANNEL_WRITE("FileChannel.write", Arg.PATH, true),
    FILE_CHANNEL_POSITION("FileChannel.position", Arg.PATH, false),
    FILE_CHANNEL_SIZE("FileChannel.size", Arg.PATH, false),
    FILE_CHANNEL_TRUNCATE("FileChannel.truncate", Arg.PATH, false),
    FILE_CHANNEL_FORCE("FileChannel.force", Arg.PATH, false),
    FILE_CHANNEL_TRANSFER_TO("FileChannel.transferTo", Arg.PATH, true),
    FILE_CHANNEL_TRANSFER_FROM("FileChannel.transferFrom", Arg.PATH, true),
    FILE_CHANNEL_MAP("FileChannel.map", Arg.PATH, false),
    FILE_CHANNEL_LOCK("FileChannel.lock", Arg.PATH, false),
    FILE_CHANNEL_TRY_LOCK("FileChannel.tryLock", Arg.PATH, false),
    FILE_CHANNEL_CLOSE("FileChannel.close", Arg.PATH, false),
    FILE_LOCK_RELEASE("FileLock.release", Arg.NONE, false),
    MAPPED_BUFFER_FORCE("MappedByteBuffer.force", Arg.NONE, false),
    MAPPED_BUFFER_LOAD("MappedByteBuffer.load", Arg.NONE, false),
    // Runs where the buffer is released: usually a cleaner thread, long after the map call; its
    // span links to the FileChannel.map span whose mmap made the mapping it unmaps.
    MAPPED_BUFFER_UNMAP("MappedByteBuffer.unmap", Arg.NONE, false),

    // AsynchronousFileChannel: the call submits the work; a pool thread does it. The pool's
    // span has the same name and a link to the call (matched by the buffer they share).
    ASYNC_FILE_CHANNEL_OPEN("AsynchronousFileChannel.open", Arg.PATH, false),
    ASYNC_FILE_CHANNEL_READ("AsynchronousFileChannel.read", Arg.BUFFER, false),
    ASYNC_FILE_CHANNEL_WRITE("AsynchronousFileChannel.write", Arg.BUFFER, false),
    ASYNC_FILE_CHANNEL_READ_TASK("AsynchronousFileChannel.read", Arg.BUFFER, false),
    ASYNC_FILE_CHANNEL_WRITE_TASK("AsynchronousFileChannel.write", Arg.BUFFER, false),
    ASYNC_FILE_CHANNEL_CLOSE("AsynchronousFileChannel.close", Arg.NONE, false),

    // AsynchronousSocketChannel: a read or write either completes inside the call or, when it
    // would block, later on the channel group's thread; that thread's span has the same name and
    // a link to the call (matched by the channel: one read and one write may be pending at once).
    ASYNC_SOCKET_CHANNEL_OPEN("AsynchronousSocketChannel.open", Arg.NONE, false),
    ASYNC_SOCKET_CHANNEL_CONNECT("AsynchronousSocketChannel.connect", Arg.PEER_ADDRESS, false),
    ASYNC_SOCKET_CHANNEL_READ("AsynchronousSocketChannel.read", Arg.ASYNC_READ, false),
    ASYNC_SOCKET_CHANNEL_WRITE("AsynchronousSocketChannel.write", Arg.ASYNC_WRITE, false),
    ASYNC_SOCKET_CHANNEL_READ_TASK("AsynchronousSocketChannel.read", Arg.ASYNC_READ, false),
    ASYNC_SOCKET_CHANNEL_WRITE_TASK("AsynchronousSocketChannel.write", Arg.ASYNC_WRITE, false),
    ASYNC_SOCKET_CHANNEL_CLOSE("AsynchronousSocketChannel.close", Arg.NONE, false),
    ASYNC_SERVER_SOCKET_CHANNEL_OPEN("AsynchronousServerSocketChannel.open", Arg.NONE, false),
    ASYNC_SERVER_SOCKET_CHANNEL_BIND("AsynchronousServerSocketChannel.bind", Arg.LOCAL_ADDRESS, false),
    ASYNC_SERVER_SOCKET_CHANNEL_ACCEPT("AsynchronousServerSocketChannel.accept", Arg.NONE, false),
    ASYNC_SERVER_SOCKET_CHANNEL_CLOSE("AsynchronousServerSocketChannel.close", Arg.NONE, false),

    // java.io streams and RandomAccessFile
    FILE_INPUT_STREAM_OPEN("new FileInputStream", Arg.PATH, false),
    FILE_INPUT_STREAM_READ("FileInputStream.read", Arg.PATH, true),
    FILE_INPUT_STREAM_READ_ALL("FileInputStream.readAllBytes", Arg.PATH, true),
    FILE_INPUT_STREAM_READ_N("FileInputStream.readNBytes", Arg.PATH, true),
    FILE_INPUT_STREAM_SKIP("FileInputStream.skip", Arg.PATH, false),
    FILE_INPUT_STREAM_AVAILABLE("FileInputStream.available", Arg.PATH, false),
    FILE_INPUT_STREAM_TRANSFER_TO("FileInputStream.transferTo", Arg.PATH, true),
    FILE_INPUT_STREAM_GET_CHANNEL("FileInputStream.getChannel", Arg.PATH, false),
    FILE_INPUT_STREAM_CLOSE("FileInputStream.close", Arg.PATH, false),
    FILE_OUTPUT_STREAM_OPEN("new FileOutputStream", Arg.PATH, false),
    FILE_OUTPUT_STREAM_WRITE("FileOutputStream.write", Arg.PATH, true),
    FILE_OUTPUT_STREAM_GET_CHANNEL("FileOutputStream.getChannel", Arg.PATH, false),
    FILE_OUTPUT_STREAM_CLOSE("FileOutputStream.close", Arg.PATH, false),
    RANDOM_ACCESS_FILE_OPEN("new RandomAccessFile", Arg.PATH, false),
    RANDOM_ACCESS_FILE_READ("RandomAccessFile.read", Arg.PATH, true),
    RANDOM_ACCESS_FILE_READ_FULLY("RandomAccessFile.readFully", Arg.PATH, true),
    RANDOM_ACCESS_FILE_WRITE("RandomAccessFile.write", Arg.PATH, true),
    RANDOM_ACCESS_FILE_SEEK("RandomAccessFile.seek", Arg.PATH, false),
    RANDOM_ACCESS_FILE_SKIP("RandomAccessFile.skipBytes", Arg.PATH, false),
    RANDOM_ACCESS_FILE_LENGTH("RandomAccessFile.length", Arg.PATH, false),
    RANDOM_ACCESS_FILE_SET_LENGTH("RandomAccessFile.setLength", Arg.PATH, false),
    RANDOM_ACCESS_FILE_GET_CHANNEL("RandomAccessFile.getChannel", Arg.PATH, false),
    RANDOM_ACCESS_FILE_CLOSE("RandomAccessFile.close", Arg.PATH, false),

    // java.nio.file.Files
    FILES_NEW_BYTE_CHANNEL("Files.newByteChannel", Arg.PATH, false),
    FILES_NEW_INPUT_STREAM("Files.newInputStream", Arg.PATH, false),
    FILES_NEW_OUTPUT_STREAM("Files.newOutputStream", Arg.PATH, false),
    FILES_READ_ALL_BYTES("Files.readAllBytes", Arg.PATH, true),
    FILES_READ_STRING("Files.readString", Arg.PATH, false),
    FILES_READ_ALL_LINES("Files.readAllLines", Arg.PATH, false),
    FILES_LINES("Files.lines", Arg.PATH, false),
    FILES_WRITE("Files.write", Arg.PATH, true),
    FILES_WRITE_STRING("Files.writeString", Arg.PATH, false),
    FILES_COPY("Files.copy", Arg.PATH, true),
    FILES_MOVE("Files.move", Arg.PATH, false),
    FILES_DELETE("Files.delete", Arg.PATH, false),
    FILES_DELETE_IF_EXISTS("Files.deleteIfExists", Arg.PATH, false),
    FILES_EXISTS("Files.exists", Arg.PATH, false),
    FILES_NOT_EXISTS("Files.notExists", Arg.PATH, false),
    FILES_IS_DIRECTORY("Files.isDirectory", Arg.PATH, false),
    FILES_IS_REGULAR_FILE("Files.isRegularFile", Arg.PATH, false),
    FILES_SIZE("Files.size", Arg.PATH, false),
    FILES_READ_ATTRIBUTES("Files.readAttributes", Arg.PATH, false),
    FILES_GET_LAST_MODIFIED_TIME("Files.getLastModifiedTime", Arg.PATH, false),
    FILES_CREATE_FILE("Files.createFile", Arg.PATH, false),
    FILES_CREATE_DIRECTORY("Files.createDirectory", Arg.PATH, false),
    FILES_CREATE_DIRECTORIES("Files.createDirectories", Arg.PATH, false),
    FILES_CREATE_TEMP_FILE("Files.createTempFile", Arg.PATH, false),
    FILES_LIST("Files.list", Arg.PATH, false),
    FILES_WALK("Files.walk", Arg.PATH, false),
    FILES_NEW_DIRECTORY_STREAM("Files.newDirectoryStream", Arg.PATH, false),

    // java.net.Socket and ServerSocket
    SERVER_SOCKET_BIND("ServerSocket.bind", Arg.LOCAL_ADDRESS, false),
    SERVER_SOCKET_ACCEPT("ServerSocket.accept", Arg.SOCKET, false),
    SERVER_SOCKET_CLOSE("ServerSocket.close", Arg.SERVER_SOCKET, false),
    SOCKET_CONNECT("Socket.connect", Arg.PEER_ADDRESS, false),
    SOCKET_BIND("Socket.bind", Arg.LOCAL_ADDRESS, false),
    SOCKET_SHUTDOWN_INPUT("Socket.shutdownInput", Arg.SOCKET, false),
    SOCKET_SHUTDOWN_OUTPUT("Socket.shutdownOutput", Arg.SOCKET, false),
    SOCKET_CLOSE("Socket.close", Arg.SOCKET, false),
    SOCKET_INPUT_READ("SocketInputStream.read", Arg.SOCKET, true),
    SOCKET_OUTPUT_WRITE("SocketOutputStream.write", Arg.SOCKET, true),

    // SocketChannel, ServerSocketChannel
    SOCKET_CHANNEL_OPEN("SocketChannel.open", Arg.CHANNEL, false),
    SOCKET_CHANNEL_CONNECT("SocketChannel.connect", Arg.PEER_ADDRESS, false),
    SOCKET_CHANNEL_FINISH_CONNECT("SocketChannel.finishConnect", Arg.CHANNEL, false),
    SOCKET_CHANNEL_BIND("SocketChannel.bind", Arg.LOCAL_ADDRESS, false),
    SOCKET_CHANNEL_READ("SocketChannel.read", Arg.CHANNEL, true),
    SOCKET_CHANNEL_WRITE("SocketChannel.write", Arg.CHANNEL, true),
    SOCKET_CHANNEL_SHUTDOWN_INPUT("SocketChannel.shutdownInput", Arg.CHANNEL, false),
    SOCKET_CHANNEL_SHUTDOWN_OUTPUT("SocketChannel.shutdownOutput", Arg.CHANNEL, false),
    SOCKET_CHANNEL_CLOSE("SocketChannel.close", Arg.CHANNEL, false),
    SERVER_SOCKET_CHANNEL_OPEN("ServerSocketChannel.open", Arg.CHANNEL, false),
    SERVER_SOCKET_CHANNEL_BIND("ServerSocketChannel.bind", Arg.LOCAL_ADDRESS, false),
    SERVER_SOCKET_CHANNEL_ACCEPT("ServerSocketChannel.accept", Arg.CHANNEL, false),
    SERVER_SOCKET_CHANNEL_CLOSE("ServerSocketChannel.close", Arg.CHANNEL, false),
    SELECTABLE_CHANNEL_CONFIGURE_BLOCKING("SelectableChannel.configureBlocking", Arg.CHANNEL, false),

    // DatagramChannel, DatagramSocket
    DATAGRAM_CHANNEL_OPEN("DatagramChannel.open", Arg.CHANNEL, false),
    DATAGRAM_CHANNEL_BIND("DatagramChannel.bind", Arg.LOCAL_ADDRESS, false),
    DATAGRAM_CHANNEL_CONNECT("DatagramChannel.connect", Arg.PEER_ADDRESS, false),
    DATAGRAM_CHANNEL_DISCONNECT("DatagramChannel.disconnect", Arg.CHANNEL, false),
    DATAGRAM_CHANNEL_SEND("DatagramChannel.send", Arg.PEER_ADDRESS, true),
    DATAGRAM_CHANNEL_RECEIVE("DatagramChannel.receive", Arg.PEER_ADDRESS, false),
    DATAGRAM_CHANNEL_READ("DatagramChannel.read", Arg.CHANNEL, true),
    DATAGRAM_CHANNEL_WRITE("DatagramChannel.write", Arg.CHANNEL, true),
    DATAGRAM_CHANNEL_CLOSE("DatagramChannel.close", Arg.CHANNEL, false),
    DATAGRAM_SOCKET_BIND("DatagramSocket.bind", Arg.LOCAL_ADDRESS, false),
    DATAGRAM_SOCKET_CONNECT("DatagramSocket.connect", Arg.PEER_ADDRESS, false),
    DATAGRAM_SOCKET_DISCONNECT("DatagramSocket.disconnect", Arg.NONE, false),
    DATAGRAM_SOCKET_SEND("DatagramSocket.send", Arg.PACKET, false),
    DATAGRAM_SOCKET_RECEIVE("DatagramSocket.receive", Arg.PACKET, false),
    DATAGRAM_SOCKET_CLOSE("DatagramSocket.close", Arg.NONE, false),

    // Selector
    SELECTOR_OPEN("Selector.open", Arg.NONE, false),
    SELECTOR_SELECT("Selector.select", Arg.NONE, false),
    SELECTOR_SELECT_NOW("Selector.selectNow", Arg.NONE, false),
    SELECTOR_WAKEUP("Selector.wakeup", Arg.NONE, false),
    SELECTOR_CLOSE("Selector.close", Arg.NONE, false),
    SELECTABLE_CHANNEL_REGISTER("SelectableChannel.register", Arg.CHANNEL, false),

    // java.net.http.HttpClient: the request is the caller's span. Its connection's I/O runs on
    // the client's selector and worker threads, as spans there that link to the request.
    HTTP_CLIENT_SEND("HttpClient.send", Arg.HTTP_REQUEST, false),
    HTTP_CLIENT_SEND_ASYNC("HttpClient.sendAsync", Arg.HTTP_REQUEST, false),
    // Not calls: notes that tie a request to its exchange and the exchange to its connection
    // (see Notes). Never recorded as spans.
    HTTP_CLIENT_NOTE("HttpClient.note", Arg.NONE, false),

    // Name lookups and processes
    INET_ADDRESS_GET_BY_NAME("InetAddress.getByName", Arg.HOST, false),
    INET_ADDRESS_GET_ALL_BY_NAME("InetAddress.getAllByName", Arg.HOST, false),
    INET_ADDRESS_GET_LOCAL_HOST("InetAddress.getLocalHost", Arg.NONE, false),
    PROCESS_BUILDER_START("ProcessBuilder.start", Arg.COMMAND, false),
    // The JDK's process reaper thread waiting for a child to end (wait4); linked to the
    // ProcessBuilder.start span of that child (matched by pid).
    PROCESS_REAP("Process.reap", Arg.NONE, false),

    // The JDK's poller (JDK 21+) waiting for the sockets virtual threads are parked on: its
    // epoll_wait, on the poller's own thread, is the other half of a virtual thread's park.
    POLLER_POLL("Poller.poll", Arg.NONE, false),

    // Not a call: the advice on VirtualThread.mount/unmount/unpark and on the JDK poller's
    // Poller.poll(fd, ...) and polled(fd), which tells the recorder where a virtual thread inside a
    // recorded call ran, which fd it waited for and which poller call woke it. Never a span.
    VIRTUAL_THREAD_SWITCH("VirtualThread.switch", Arg.NONE, false),

    // The JDK's own I/O while loading a class (jar reads) folds into one span, shown only when
    // it made syscalls: they belong to class loading, not to the application's own calls.
    CLASS_LOADER_LOAD_CLASS("ClassLoader.loadClass", Arg.CLASS_NAME, false),
    // Likewise the java launcher finding the main class (it opens the jar and reads its manifest).
    LAUNCHER_LOAD_MAIN("LauncherHelper.checkAndLoadMain", Arg.NONE, false);

    /** What the one recorded argument of a call is, so that the span can describe it. */
    public enum Arg {
        NONE, PATH, LOCAL_ADDRESS, PEER_ADDRESS, SOCKET, SERVER_SOCKET, CHANNEL, PACKET, HOST, COMMAND, CLASS_NAME,
        /** A java.net.http.HttpRequest: method and URI. */
        HTTP_REQUEST,
        /** A buffer that ties a call to the work a pool thread does for it. */
        BUFFER,
        /** An asynchronous socket channel whose pending read (or write) ties a call to its completion. */
        ASYNC_READ, ASYNC_WRITE
    }

    private static final CallKind[] BY_ID = values();

    private final String spanName;
    private final Arg arg;
    private final boolean movesBytes;
    private final String functionName; // on every span: made once

    CallKind(String spanName, Arg arg, boolean movesBytes) {
        this.spanName = spanName;
        this.arg = arg;
        this.movesBytes = movesBytes;
        this.functionName = codeNamespace() + "." + codeFunction();
    }

    public static CallKind byId(int id) {
        return id >= 0 && id < BY_ID.length ? BY_ID[id] : null;
    }

    /** For each kind id, the id of the first kind with the same span name (see the class comment). */
    public static int[] sameNameIds() {
        int[] ids = new int[BY_ID.length];
        for (CallKind k : BY_ID) {
            ids[k.ordinal()] = k.ordinal();
            for (CallKind other : BY_ID) {
                if (other.spanName.equals(k.spanName)) {
                    ids[k.ordinal()] = other.ordinal();
                    break;
                }
            }
        }
        return ids;
    }

    /** Kinds that fold the calls they make into themselves; see {@link #CLASS_LOADER_LOAD_CLASS}. */
    public static boolean[] folding() {
        boolean[] f = new boolean[BY_ID.length];
        f[CLASS_LOADER_LOAD_CLASS.ordinal()] = true;
        f[LAUNCHER_LOAD_MAIN.ordinal()] = true;
        return f;
    }

    /** The work a pool thread does for a call of another kind, or null. */
    public CallKind taskOf() {
        return switch (this) {
            case ASYNC_FILE_CHANNEL_READ_TASK -> ASYNC_FILE_CHANNEL_READ;
            case ASYNC_FILE_CHANNEL_WRITE_TASK -> ASYNC_FILE_CHANNEL_WRITE;
            case ASYNC_SOCKET_CHANNEL_READ_TASK -> ASYNC_SOCKET_CHANNEL_READ;
            case ASYNC_SOCKET_CHANNEL_WRITE_TASK -> ASYNC_SOCKET_CHANNEL_WRITE;
            default -> null;
        };
    }

    /** A call of this kind is reported only when it (or what it folds) made a syscall. */
    public boolean onlyWithSyscalls() {
        return this == CLASS_LOADER_LOAD_CLASS || this == LAUNCHER_LOAD_MAIN;
    }

    public int id() {
        return ordinal();
    }

    public String spanName() {
        return spanName;
    }

    /** The Java class of the public API: "java.nio.channels.FileChannel" for FileChannel.write. */
    public String codeNamespace() {
        String type = spanName.startsWith("new ") ? spanName.substring(4) : spanName.substring(0, spanName.indexOf('.'));
        return switch (type) {
            case "FileChannel", "AsynchronousFileChannel", "AsynchronousSocketChannel",
                 "AsynchronousServerSocketChannel", "SocketChannel", "ServerSocketChannel", "DatagramChannel", "Selector",
                 "SelectableChannel", "FileLock" -> "java.nio.channels." + type;
            case "MappedByteBuffer" -> "java.nio." + type;
            case "Files" -> "java.nio.file.Files";
            case "FileInputStream", "FileOutputStream", "RandomAccessFile" -> "java.io." + type;
            case "SocketInputStream", "SocketOutputStream" -> "java.net.Socket";
            case "ProcessBuilder", "Process" -> "java.lang." + type;
            case "ClassLoader" -> "java.lang.ClassLoader";
            case "VirtualThread" -> "java.lang.VirtualThread";
            case "Poller" -> "sun.nio.ch.Poller";
            case "LauncherHelper" -> "sun.launcher.LauncherHelper";
            case "HttpClient" -> "java.net.http.HttpClient";
            default -> "java.net." + type;
        };
    }

    /** The fully qualified method: "java.nio.channels.FileChannel.write", "java.io.FileInputStream.<init>". */
    public String codeFunctionName() {
        return functionName;
    }

    /** The method: "write" for FileChannel.write, "<init>" for a constructor. */
    public String codeFunction() {
        return spanName.startsWith("new ") ? "<init>" : spanName.substring(spanName.indexOf('.') + 1);
    }

    public Arg arg() {
        return arg;
    }

    /** True when the call's result is a count of bytes read or written. */
    public boolean movesBytes() {
        return movesBytes;
    }
}
