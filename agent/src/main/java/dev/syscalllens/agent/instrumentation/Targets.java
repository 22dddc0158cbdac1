package dev.syscalllens.agent.instrumentation;

import java.util.ArrayList;
import java.util.List;

import static dev.syscalllens.agent.instrumentation.CallKind.*;

/**
 * Every JDK method the agent instruments: the class by exact name, the method as
 * {@code name(param,types)} (or {@code name(*)}: every public overload), the kind it is recorded
 * as, and the advice that records it. Where the syscalls happen in an implementation class
 * (sun.nio.ch.*), that class is named; where a public method is the natural boundary, the public
 * class is. A target that is native on the running JDK (RandomAccessFile.length and setLength
 * before JDK 21) takes no advice: {@link NativeCallSites} rewrites the application's calls of it.
 */
final class Targets {
    private static final String FCI = "sun.nio.ch.FileChannelImpl";
    private static final String FIS = "java.io.FileInputStream";
    private static final String FOS = "java.io.FileOutputStream";
    private static final String RAF = "java.io.RandomAccessFile";
    private static final String SCI = "sun.nio.ch.SocketChannelImpl";
    private static final String SSCI = "sun.nio.ch.ServerSocketChannelImpl";
    private static final String DCI = "sun.nio.ch.DatagramChannelImpl";
    private static final String BB = "java.nio.ByteBuffer";
    private static final String BBS = "java.nio.ByteBuffer[]";
    private static final String ADDR = "java.net.SocketAddress";

    private Targets() {
    }

    static List<Instrumentations.Target> all() {
        List<Instrumentations.Target> t = new ArrayList<>();
        fileChannel(t);
        streams(t);
        files(t);
        sockets(t);
        channels(t);
        datagrams(t);
        asyncSockets(t);
        selectors(t);
        httpClient(t);
        t.add(new Instrumentations.Target("java.net.InetAddress", INET_ADDRESS_GET_BY_NAME, "getByName(*)", Advice.ARG0));
        t.add(new Instrumentations.Target("java.net.InetAddress", INET_ADDRESS_GET_ALL_BY_NAME, "getAllByName(*)", Advice.ARG0));
        t.add(new Instrumentations.Target("java.net.InetAddress", INET_ADDRESS_GET_LOCAL_HOST, "getLocalHost()", Advice.RETURNED));
        t.add(new Instrumentations.Target("java.lang.ProcessBuilder", PROCESS_BUILDER_START, "start()", Advice.PROCESS_START));
        t.add(new Instrumentations.Target("java.lang.ProcessHandleImpl$1", PROCESS_REAP, "run()", Advice.REAP));
        t.add(new Instrumentations.Target("jdk.internal.loader.BuiltinClassLoader", CLASS_LOADER_LOAD_CLASS,
                "loadClassOrNull(java.lang.String,boolean)", Advice.ARG0));
        t.add(new Instrumentations.Target("sun.nio.ch.EPollPoller", POLLER_POLL, "poll(int)", Advice.SELF_INT, 21));
        t.add(new Instrumentations.Target("java.lang.VirtualThread", VIRTUAL_THREAD_SWITCH, "unmount()",
                Advice.UNMOUNT, 21));
        t.add(new Instrumentations.Target("java.lang.VirtualThread", VIRTUAL_THREAD_SWITCH, "mount()",
                Advice.MOUNT, 21));
        // Where a virtual thread waits for an fd, and where the poller wakes it (polled unparks
        // the thread it took off its map; the advice on unpark says which one that was).
        t.add(new Instrumentations.Target("sun.nio.ch.Poller", VIRTUAL_THREAD_SWITCH,
                "poll(int,int,long,java.util.function.BooleanSupplier)", Advice.POLL_WAIT, 21));
        t.add(new Instrumentations.Target("sun.nio.ch.Poller", VIRTUAL_THREAD_SWITCH, "polled(int)",
                Advice.POLLED, 21));
        t.add(new Instrumentations.Target("java.lang.VirtualThread", VIRTUAL_THREAD_SWITCH, "unpark()",
                Advice.UNPARK, 21));
        t.add(new Instrumentations.Target("sun.launcher.LauncherHelper", LAUNCHER_LOAD_MAIN,
                "checkAndLoadMain(boolean,int,java.lang.String)", Advice.RETURNED));
        return t;
    }

    private static void fileChannel(List<Instrumentations.Target> t) {
        t.add(new Instrumentations.Target("java.nio.channels.FileChannel", FILE_CHANNEL_OPEN,
                "open(java.nio.file.Path,java.util.Set,java.nio.file.attribute.FileAttribute[])", Advice.ARG0));
        t.add(new Instrumentations.Target(FCI, FILE_CHANNEL_READ, "read(" + BB + ")", Advice.PATH_INT));
        t.add(new Instrumentations.Target(FCI, FILE_CHANNEL_READ, "read(" + BB + ",long)", Advice.PATH_INT));
        t.add(new Instrumentations.Target(FCI, FILE_CHANNEL_READ, "read(" + BBS + ",int,int)", Advice.PATH_LONG));
        t.add(new Instrumentations.Target(FCI, FILE_CHANNEL_WRITE, "write(" + BB + ")", Advice.PATH_INT));
        t.add(new Instrumentations.Target(FCI, FILE_CHANNEL_WRITE, "write(" + BB + ",long)", Advice.PATH_INT));
        t.add(new Instrumentations.Target(FCI, FILE_CHANNEL_WRITE, "write(" + BBS + ",int,int)", Advice.PATH_LONG));
        t.add(new Instrumentations.Target(FCI, FILE_CHANNEL_POSITION, "position()", Advice.PATH));
        t.add(new Instrumentations.Target(FCI, FILE_CHANNEL_POSITION, "position(long)", Advice.PATH));
        t.add(new Instrumentations.Target(FCI, FILE_CHANNEL_SIZE, "size()", Advice.PATH));
        t.add(new Instrumentations.Target(FCI, FILE_CHANNEL_TRUNCATE, "truncate(long)", Advice.PATH));
        t.add(new Instrumentations.Target(FCI, FILE_CHANNEL_FORCE, "force(boolean)", Advice.PATH));
        t.add(new Instrumentations.Target(FCI, FILE_CHANNEL_TRANSFER_TO,
                "transferTo(long,long,java.nio.channels.WritableByteChannel)", Advice.PATH_LONG));
        t.add(new Instrumentations.Target(FCI, FILE_CHANNEL_TRANSFER_FROM,
                "transferFrom(java.nio.channels.ReadableByteChannel,long,long)", Advice.PATH_LONG));
        t.add(new Instrumentations.Target(FCI, FILE_CHANNEL_MAP,
                "map(java.nio.channels.FileChannel$MapMode,long,long)", Advice.PATH));
        t.add(new Instrumentations.Target(FCI, FILE_CHANNEL_LOCK, "lock(long,long,boolean)", Advice.PATH));
        t.add(new Instrumentations.Target(FCI, FILE_CHANNEL_TRY_LOCK, "tryLock(long,long,boolean)", Advice.PATH));
        t.add(new Instrumentations.Target(FCI, FILE_CHANNEL_CLOSE, "implCloseChannel()", Advice.PATH));
        String afc = "sun.nio.ch.SimpleAsynchronousFileChannelImpl";
        String handler = "java.nio.channels.CompletionHandler";
        t.add(new Instrumentations.Target("java.nio.channels.AsynchronousFileChannel", ASYNC_FILE_CHANNEL_OPEN,
                "open(*)", Advice.ARG0));
        t.add(new Instrumentations.Target(afc, ASYNC_FILE_CHANNEL_READ,
                "implRead(" + BB + ",long,java.lang.Object," + handler + ")", Advice.ARG0));
        t.add(new Instrumentations.Target(afc, ASYNC_FILE_CHANNEL_WRITE,
                "implWrite(" + BB + ",long,java.lang.Object," + handler + ")", Advice.ARG0));
        // The pool's tasks: anonymous Runnables holding the buffer (same shape on JDK 17 and 25).
        t.add(new Instrumentations.Target(afc + "$2", ASYNC_FILE_CHANNEL_READ_TASK, "run()", Advice.TASK_DST));
        t.add(new Instrumentations.Target(afc + "$3", ASYNC_FILE_CHANNEL_WRITE_TASK, "run()", Advice.TASK_SRC));
        t.add(new Instrumentations.Target(afc, ASYNC_FILE_CHANNEL_CLOSE, "close()", Advice.SELF));
        t.add(new Instrumentations.Target("sun.nio.ch.FileLockImpl", FILE_LOCK_RELEASE, "release()", Advice.SELF));
        t.add(new Instrumentations.Target("java.nio.MappedByteBuffer", MAPPED_BUFFER_FORCE, "force()", Advice.SELF));
        t.add(new Instrumentations.Target("java.nio.MappedByteBuffer", MAPPED_BUFFER_FORCE, "force(int,int)", Advice.SELF));
        t.add(new Instrumentations.Target("java.nio.MappedByteBuffer", MAPPED_BUFFER_LOAD, "load()", Advice.SELF));
        t.add(new Instrumentations.Target(FCI + "$Unmapper", MAPPED_BUFFER_UNMAP, "unmap()", Advice.SELF));
    }

    private static void streams(List<Instrumentations.Target> t) {
        // Constructors open the file in a private open(...) method: advice on it sees failures too.
        t.add(new Instrumentations.Target(FIS, FILE_INPUT_STREAM_OPEN, "open(java.lang.String)", Advice.ARG0));
        t.add(new Instrumentations.Target(FIS, FILE_INPUT_STREAM_READ, "read()", Advice.PATH_INT));
        t.add(new Instrumentations.Target(FIS, FILE_INPUT_STREAM_READ, "read(byte[])", Advice.PATH_INT));
        t.add(new Instrumentations.Target(FIS, FILE_INPUT_STREAM_READ, "read(byte[],int,int)", Advice.PATH_INT));
        t.add(new Instrumentations.Target(FIS, FILE_INPUT_STREAM_READ_ALL, "readAllBytes()", Advice.PATH_BYTES));
        t.add(new Instrumentations.Target(FIS, FILE_INPUT_STREAM_READ_N, "readNBytes(int)", Advice.PATH_BYTES));
        t.add(new Instrumentations.Target(FIS, FILE_INPUT_STREAM_SKIP, "skip(long)", Advice.PATH));
        t.add(new Instrumentations.Target(FIS, FILE_INPUT_STREAM_AVAILABLE, "available()", Advice.PATH));
        t.add(new Instrumentations.Target(FIS, FILE_INPUT_STREAM_GET_CHANNEL, "getChannel()", Advice.PATH));
        t.add(new Instrumentations.Target(FIS, FILE_INPUT_STREAM_CLOSE, "close()", Advice.PATH));
        t.add(new Instrumentations.Target(FOS, FILE_OUTPUT_STREAM_OPEN, "open(java.lang.String,boolean)", Advice.ARG0));
        t.add(new Instrumentations.Target(FOS, FILE_OUTPUT_STREAM_WRITE, "write(int)", Advice.PATH_WRITE_ONE));
        t.add(new Instrumentations.Target(FOS, FILE_OUTPUT_STREAM_WRITE, "write(byte[])", Advice.PATH_WRITE_ARRAY));
        t.add(new Instrumentations.Target(FOS, FILE_OUTPUT_STREAM_WRITE, "write(byte[],int,int)", Advice.PATH_WRITE_RANGE));
        t.add(new Instrumentations.Target(FOS, FILE_OUTPUT_STREAM_GET_CHANNEL, "getChannel()", Advice.PATH));
        t.add(new Instrumentations.Target(FOS, FILE_OUTPUT_STREAM_CLOSE, "close()", Advice.PATH));
        t.add(new Instrumentations.Target(RAF, RANDOM_ACCESS_FILE_OPEN, "open(java.lang.String,int)", Advice.ARG0));
        t.add(new Instrumentations.Target(RAF, RANDOM_ACCESS_FILE_READ, "read()", Advice.PATH_INT));
        t.add(new Instrumentations.Target(RAF, RANDOM_ACCESS_FILE_READ, "read(byte[])", Advice.PATH_INT));
        t.add(new Instrumentations.Target(RAF, RANDOM_ACCESS_FILE_READ, "read(byte[],int,int)", Advice.PATH_INT));
        t.add(new Instrumentations.Target(RAF, RANDOM_ACCESS_FILE_READ_FULLY, "readFully(byte[])", Advice.PATH_WRITE_ARRAY));
        t.add(new Instrumentations.Target(RAF, RANDOM_ACCESS_FILE_READ_FULLY, "readFully(byte[],int,int)", Advice.PATH_WRITE_RANGE));
        t.add(new Instrumentations.Target(RAF, RANDOM_ACCESS_FILE_WRITE, "write(int)", Advice.PATH_WRITE_ONE));
        t.add(new Instrumentations.Target(RAF, RANDOM_ACCESS_FILE_WRITE, "write(byte[])", Advice.PATH_WRITE_ARRAY));
        t.add(new Instrumentations.Target(RAF, RANDOM_ACCESS_FILE_WRITE, "write(byte[],int,int)", Advice.PATH_WRITE_RANGE));
        t.add(new Instrumentations.Target(RAF, RANDOM_ACCESS_FILE_SEEK, "seek(long)", Advice.PATH));
        t.add(new Instrumentations.Target(RAF, RANDOM_ACCESS_FILE_SKIP, "skipBytes(int)", Advice.PATH_INT));
        t.add(new Instrumentations.Target(RAF, RANDOM_ACCESS_FILE_LENGTH, "length()", Advice.PATH));
        t.add(new Instrumentations.Target(RAF, RANDOM_ACCESS_FILE_SET_LENGTH, "setLength(long)", Advice.PATH));
        t.add(new Instrumentations.Target(RAF, RANDOM_ACCESS_FILE_GET_CHANNEL, "getChannel()", Advice.PATH));
        t.add(new Instrumentations.Target(RAF, RANDOM_ACCESS_FILE_CLOSE, "close()", Advice.PATH));
    }

    private static void files(List<Instrumentations.Target> t) {
        String f = "java.nio.file.Files";
        t.add(new Instrumentations.Target(f, FILES_NEW_BYTE_CHANNEL, "newByteChannel(*)", Advice.ARG0));
        t.add(new Instrumentations.Target(f, FILES_NEW_INPUT_STREAM, "newInputStream(*)", Advice.ARG0));
        t.add(new Instrumentations.Target(f, FILES_NEW_OUTPUT_STREAM, "newOutputStream(*)", Advice.ARG0));
        t.add(new Instrumentations.Target(f, FILES_READ_ALL_BYTES, "readAllBytes(*)", Advice.ARG0_BYTES));
        t.add(new Instrumentations.Target(f, FILES_READ_STRING, "readString(*)", Advice.ARG0));
        t.add(new Instrumentations.Target(f, FILES_READ_ALL_LINES, "readAllLines(*)", Advice.ARG0));
        t.add(new Instrumentations.Target(f, FILES_LINES, "lines(*)", Advice.ARG0));
        t.add(new Instrumentations.Target(f, FILES_WRITE, "write(*)", Advice.ARG0_WRITE_BYTES));
        t.add(new Instrumentations.Target(f, FILES_WRITE_STRING, "writeString(*)", Advice.ARG0));
        t.add(new Instrumentations.Target(f, FILES_COPY, "copy(*)", Advice.ARG0_LONG));
        t.add(new Instrumentations.Target(f, FILES_MOVE, "move(*)", Advice.ARG0));
        t.add(new Instrumentations.Target(f, FILES_DELETE, "delete(*)", Advice.ARG0));
        t.add(new Instrumentations.Target(f, FILES_DELETE_IF_EXISTS, "deleteIfExists(*)", Advice.ARG0));
        t.add(new Instrumentations.Target(f, FILES_EXISTS, "exists(*)", Advice.ARG0));
        t.add(new Instrumentations.Target(f, FILES_NOT_EXISTS, "notExists(*)", Advice.ARG0));
        t.add(new Instrumentations.Target(f, FILES_IS_DIRECTORY, "isDirectory(*)", Advice.ARG0));
        t.add(new Instrumentations.Target(f, FILES_IS_REGULAR_FILE, "isRegularFile(*)", Advice.ARG0));
        t.add(new Instrumentations.Target(f, FILES_SIZE, "size(*)", Advice.ARG0_LONG));
        t.add(new Instrumentations.Target(f, FILES_READ_ATTRIBUTES, "readAttributes(*)", Advice.ARG0));
        t.add(new Instrumentations.Target(f, FILES_GET_LAST_MODIFIED_TIME, "getLastModifiedTime(*)", Advice.ARG0));
        t.add(new Instrumentations.Target(f, FILES_CREATE_FILE, "createFile(*)", Advice.ARG0));
        t.add(new Instrumentations.Target(f, FILES_CREATE_DIRECTORY, "createDirectory(*)", Advice.ARG0));
        t.add(new Instrumentations.Target(f, FILES_CREATE_DIRECTORIES, "createDirectories(*)", Advice.ARG0));
        t.add(new Instrumentations.Target(f, FILES_CREATE_TEMP_FILE, "createTempFile(*)", Advice.RETURNED));
        t.add(new Instrumentations.Target(f, FILES_LIST, "list(*)", Advice.ARG0));
        t.add(new Instrumentations.Target(f, FILES_WALK, "walk(*)", Advice.ARG0));
        t.add(new Instrumentations.Target(f, FILES_NEW_DIRECTORY_STREAM, "newDirectoryStream(*)", Advice.ARG0));
    }

    private static void sockets(List<Instrumentations.Target> t) {
        String ss = "java.net.ServerSocket";
        String s = "java.net.Socket";
        t.add(new Instrumentations.Target(ss, SERVER_SOCKET_BIND, "bind(" + ADDR + ",int)", Advice.ARG0));
        t.add(new Instrumentations.Target(ss, SERVER_SOCKET_ACCEPT, "accept()", Advice.RETURNED));
        t.add(new Instrumentations.Target(ss, SERVER_SOCKET_CLOSE, "close()", Advice.SELF));
        t.add(new Instrumentations.Target(s, SOCKET_CONNECT, "connect(" + ADDR + ",int)", Advice.ARG0));
        t.add(new Instrumentations.Target(s, SOCKET_BIND, "bind(" + ADDR + ")", Advice.ARG0));
        t.add(new Instrumentations.Target(s, SOCKET_SHUTDOWN_INPUT, "shutdownInput()", Advice.SELF));
        t.add(new Instrumentations.Target(s, SOCKET_SHUTDOWN_OUTPUT, "shutdownOutput()", Advice.SELF));
        t.add(new Instrumentations.Target(s, SOCKET_CLOSE, "close()", Advice.SELF));
        t.add(new Instrumentations.Target(s + "$SocketInputStream", SOCKET_INPUT_READ, "read(byte[],int,int)", Advice.PARENT_READ));
        t.add(new Instrumentations.Target(s + "$SocketOutputStream", SOCKET_OUTPUT_WRITE, "write(byte[],int,int)", Advice.PARENT_WRITE));
    }

    private static void channels(List<Instrumentations.Target> t) {
        t.add(new Instrumentations.Target("java.nio.channels.SocketChannel", SOCKET_CHANNEL_OPEN, "open()", Advice.RETURNED));
        t.add(new Instrumentations.Target("java.nio.channels.SocketChannel", SOCKET_CHANNEL_OPEN, "open(" + ADDR + ")", Advice.RETURNED));
        t.add(new Instrumentations.Target(SCI, SOCKET_CHANNEL_CONNECT, "connect(" + ADDR + ")", Advice.ARG0));
        t.add(new Instrumentations.Target(SCI, SOCKET_CHANNEL_FINISH_CONNECT, "finishConnect()", Advice.SELF));
        t.add(new Instrumentations.Target(SCI, SOCKET_CHANNEL_BIND, "bind(" + ADDR + ")", Advice.ARG0));
        t.add(new Instrumentations.Target(SCI, SOCKET_CHANNEL_READ, "read(" + BB + ")", Advice.SELF_INT));
        t.add(new Instrumentations.Target(SCI, SOCKET_CHANNEL_READ, "read(" + BBS + ",int,int)", Advice.SELF_LONG));
        t.add(new Instrumentations.Target(SCI, SOCKET_CHANNEL_WRITE, "write(" + BB + ")", Advice.SELF_INT));
        t.add(new Instrumentations.Target(SCI, SOCKET_CHANNEL_WRITE, "write(" + BBS + ",int,int)", Advice.SELF_LONG));
        t.add(new Instrumentations.Target(SCI, SOCKET_CHANNEL_SHUTDOWN_INPUT, "shutdownInput()", Advice.SELF));
        t.add(new Instrumentations.Target(SCI, SOCKET_CHANNEL_SHUTDOWN_OUTPUT, "shutdownOutput()", Advice.SELF));
        t.add(new Instrumentations.Target(SCI, SOCKET_CHANNEL_CLOSE, "implCloseSelectableChannel()", Advice.SELF));
        t.add(new Instrumentations.Target("java.nio.channels.ServerSocketChannel", SERVER_SOCKET_CHANNEL_OPEN, "open()", Advice.RETURNED));
        t.add(new Instrumentations.Target(SSCI, SERVER_SOCKET_CHANNEL_BIND, "bind(" + ADDR + ",int)", Advice.ARG0));
        t.add(new Instrumentations.Target(SSCI, SERVER_SOCKET_CHANNEL_ACCEPT, "accept()", Advice.RETURNED));
        t.add(new Instrumentations.Target(SSCI, SERVER_SOCKET_CHANNEL_CLOSE, "implCloseSelectableChannel()", Advice.SELF));
        t.add(new Instrumentations.Target("java.nio.channels.spi.AbstractSelectableChannel",
                SELECTABLE_CHANNEL_CONFIGURE_BLOCKING, "configureBlocking(boolean)", Advice.SELF));
        t.add(new Instrumentations.Target("java.nio.channels.spi.AbstractSelectableChannel",
                SELECTABLE_CHANNEL_REGISTER, "register(java.nio.channels.Selector,int,java.lang.Object)", Advice.SELF));
    }

    private static void datagrams(List<Instrumentations.Target> t) {
        t.add(new Instrumentations.Target("java.nio.channels.DatagramChannel", DATAGRAM_CHANNEL_OPEN, "open()", Advice.RETURNED));
        t.add(new Instrumentations.Target("java.nio.channels.DatagramChannel", DATAGRAM_CHANNEL_OPEN,
                "open(java.net.ProtocolFamily)", Advice.RETURNED));
        t.add(new Instrumentations.Target(DCI, DATAGRAM_CHANNEL_BIND, "bind(" + ADDR + ")", Advice.ARG0));
        t.add(new Instrumentations.Target(DCI, DATAGRAM_CHANNEL_CONNECT, "connect(" + ADDR + ")", Advice.ARG0));
        t.add(new Instrumentations.Target(DCI, DATAGRAM_CHANNEL_DISCONNECT, "disconnect()", Advice.SELF));
        t.add(new Instrumentations.Target(DCI, DATAGRAM_CHANNEL_SEND, "send(" + BB + "," + ADDR + ")", Advice.ARG1_INT));
        t.add(new Instrumentations.Target(DCI, DATAGRAM_CHANNEL_RECEIVE, "receive(" + BB + ")", Advice.RETURNED));
        t.add(new Instrumentations.Target(DCI, DATAGRAM_CHANNEL_READ, "read(" + BB + ")", Advice.SELF_INT));
        t.add(new Instrumentations.Target(DCI, DATAGRAM_CHANNEL_WRITE, "write(" + BB + ")", Advice.SELF_INT));
        t.add(new Instrumentations.Target(DCI, DATAGRAM_CHANNEL_CLOSE, "implCloseSelectableChannel()", Advice.SELF));
        String ds = "java.net.DatagramSocket";
        t.add(new Instrumentations.Target(ds, DATAGRAM_SOCKET_BIND, "bind(" + ADDR + ")", Advice.ARG0));
        t.add(new Instrumentations.Target(ds, DATAGRAM_SOCKET_CONNECT, "connect(" + ADDR + ")", Advice.ARG0));
        t.add(new Instrumentations.Target(ds, DATAGRAM_SOCKET_DISCONNECT, "disconnect()", Advice.SELF));
        t.add(new Instrumentations.Target(ds, DATAGRAM_SOCKET_SEND, "send(java.net.DatagramPacket)", Advice.ARG0));
        t.add(new Instrumentations.Target(ds, DATAGRAM_SOCKET_RECEIVE, "receive(java.net.DatagramPacket)", Advice.ARG0));
        t.add(new Instrumentations.Target(ds, DATAGRAM_SOCKET_CLOSE, "close()", Advice.SELF));
    }

    private static void asyncSockets(List<Instrumentations.Target> t) {
        String impl = "sun.nio.ch.UnixAsynchronousSocketChannelImpl";
        String server = "sun.nio.ch.UnixAsynchronousServerSocketChannelImpl";
        String io = "(boolean," + BB + "," + BBS + ",long,java.util.concurrent.TimeUnit,java.lang.Object,"
                + "java.nio.channels.CompletionHandler)";
        t.add(new Instrumentations.Target("java.nio.channels.AsynchronousSocketChannel", ASYNC_SOCKET_CHANNEL_OPEN,
                "open(*)", Advice.RETURNED));
        t.add(new Instrumentations.Target(impl, ASYNC_SOCKET_CHANNEL_CONNECT,
                "implConnect(" + ADDR + ",java.lang.Object,java.nio.channels.CompletionHandler)", Advice.ARG0));
        t.add(new Instrumentations.Target(impl, ASYNC_SOCKET_CHANNEL_READ, "implRead" + io, Advice.SELF));
        t.add(new Instrumentations.Target(impl, ASYNC_SOCKET_CHANNEL_WRITE, "implWrite" + io, Advice.SELF));
        t.add(new Instrumentations.Target(impl, ASYNC_SOCKET_CHANNEL_READ_TASK, "finishRead(boolean)", Advice.SELF));
        t.add(new Instrumentations.Target(impl, ASYNC_SOCKET_CHANNEL_WRITE_TASK, "finishWrite(boolean)", Advice.SELF));
        t.add(new Instrumentations.Target(impl, ASYNC_SOCKET_CHANNEL_CLOSE, "implClose()", Advice.SELF));
        t.add(new Instrumentations.Target("java.nio.channels.AsynchronousServerSocketChannel",
                ASYNC_SERVER_SOCKET_CHANNEL_OPEN, "open(*)", Advice.RETURNED));
        t.add(new Instrumentations.Target("sun.nio.ch.AsynchronousServerSocketChannelImpl",
                ASYNC_SERVER_SOCKET_CHANNEL_BIND, "bind(" + ADDR + ",int)", Advice.ARG0));
        t.add(new Instrumentations.Target(server, ASYNC_SERVER_SOCKET_CHANNEL_ACCEPT,
                "implAccept(java.lang.Object,java.nio.channels.CompletionHandler)", Advice.SELF));
        t.add(new Instrumentations.Target(server, ASYNC_SERVER_SOCKET_CHANNEL_CLOSE, "implClose()", Advice.SELF));
    }

    private static void httpClient(List<Instrumentations.Target> t) {
        String http = "jdk.internal.net.http.";
        t.add(new Instrumentations.Target(http + "HttpClientImpl", HTTP_CLIENT_SEND, "send(*)", Advice.ARG0));
        t.add(new Instrumentations.Target(http + "HttpClientImpl", HTTP_CLIENT_SEND_ASYNC, "sendAsync(*)", Advice.ARG0));
        // On the caller's thread, inside send/sendAsync: which request this MultiExchange is.
        t.add(new Instrumentations.Target(http + "MultiExchange", HTTP_CLIENT_NOTE,
                "responseAsync(java.util.concurrent.Executor)", Advice.NOTE));
        // Whichever thread makes it: this HTTP/1.1 exchange (of a MultiExchange) has this connection.
        t.add(new Instrumentations.Target(http + "Http1Exchange", HTTP_CLIENT_NOTE,
                "<init>(" + http + "Exchange," + http + "HttpConnection)", Advice.NOTE));
    }

    private static void selectors(List<Instrumentations.Target> t) {
        String si = "sun.nio.ch.SelectorImpl";
        t.add(new Instrumentations.Target("java.nio.channels.Selector", SELECTOR_OPEN, "open()", Advice.RETURNED));
        t.add(new Instrumentations.Target(si, SELECTOR_SELECT, "select()", Advice.SELF_INT));
        t.add(new Instrumentations.Target(si, SELECTOR_SELECT, "select(long)", Advice.SELF_INT));
        t.add(new Instrumentations.Target(si, SELECTOR_SELECT, "select(java.util.function.Consumer,long)", Advice.SELF_INT));
        t.add(new Instrumentations.Target(si, SELECTOR_SELECT, "select(java.util.function.Consumer)", Advice.SELF_INT));
        t.add(new Instrumentations.Target(si, SELECTOR_SELECT_NOW, "selectNow()", Advice.SELF_INT));
        t.add(new Instrumentations.Target(si, SELECTOR_SELECT_NOW, "selectNow(java.util.function.Consumer)", Advice.SELF_INT));
        t.add(new Instrumentations.Target(si, SELECTOR_CLOSE, "implCloseSelector()", Advice.SELF));
        t.add(new Instrumentations.Target("sun.nio.ch.EPollSelectorImpl", SELECTOR_WAKEUP, "wakeup()", Advice.SELF));
    }
}
