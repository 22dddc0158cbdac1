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
        t.add(new Instrumentations.Target("java.net.InetAddress", INET_ADDRESS_GET_BY_NAME, "getByName(*)", Advices.Arg0.class));
        t.add(new Instrumentations.Target("java.net.InetAddress", INET_ADDRESS_GET_ALL_BY_NAME, "getAllByName(*)", Advices.Arg0.class));
        t.add(new Instrumentations.Target("java.net.InetAddress", INET_ADDRESS_GET_LOCAL_HOST, "getLocalHost()", Advices.Returned.class));
        t.add(new Instrumentations.Target("java.lang.ProcessBuilder", PROCESS_BUILDER_START, "start()", Advices.ProcessStart.class));
        t.add(new Instrumentations.Target("java.lang.ProcessHandleImpl$1", PROCESS_REAP, "run()", Advices.Reap.class));
        t.add(new Instrumentations.Target("jdk.internal.loader.BuiltinClassLoader", CLASS_LOADER_LOAD_CLASS,
                "loadClassOrNull(java.lang.String,boolean)", Advices.Arg0.class));
        t.add(new Instrumentations.Target("sun.nio.ch.EPollPoller", POLLER_POLL, "poll(int)", Advices.SelfInt.class, 21));
        t.add(new Instrumentations.Target("java.lang.VirtualThread", VIRTUAL_THREAD_SWITCH, "unmount()",
                Advices.Unmount.class, 21));
        t.add(new Instrumentations.Target("java.lang.VirtualThread", VIRTUAL_THREAD_SWITCH, "mount()",
                Advices.Mount.class, 21));
        // Where a virtual thread waits for an fd, and where the poller wakes it (polled unparks
        // the thread it took off its map; the advice on unpark says which one that was).
        t.add(new Instrumentations.Target("sun.nio.ch.Poller", VIRTUAL_THREAD_SWITCH,
                "poll(int,int,long,java.util.function.BooleanSupplier)", Advices.PollWait.class, 21));
        t.add(new Instrumentations.Target("sun.nio.ch.Poller", VIRTUAL_THREAD_SWITCH, "polled(int)",
                Advices.Polled.class, 21));
        t.add(new Instrumentations.Target("java.lang.VirtualThread", VIRTUAL_THREAD_SWITCH, "unpark()",
                Advices.Unpark.class, 21));
        t.add(new Instrumentations.Target("sun.launcher.LauncherHelper", LAUNCHER_LOAD_MAIN,
                "checkAndLoadMain(boolean,int,java.lang.String)", Advices.Returned.class));
        return t;
    }

    private static void fileChannel(List<Instrumentations.Target> t) {
        t.add(new Instrumentations.Target("java.nio.channels.FileChannel", FILE_CHANNEL_OPEN,
                "open(java.nio.file.Path,java.util.Set,java.nio.file.attribute.FileAttribute[])", Advices.Arg0.class));
        t.add(new Instrumentations.Target(FCI, FILE_CHANNEL_READ, "read(" + BB + ")", Advices.PathInt.class));
        t.add(new Instrumentations.Target(FCI, FILE_CHANNEL_READ, "read(" + BB + ",long)", Advices.PathInt.class));
        t.add(new Instrumentations.Target(FCI, FILE_CHANNEL_READ, "read(" + BBS + ",int,int)", Advices.PathLong.class));
        t.add(new Instrumentations.Target(FCI, FILE_CHANNEL_WRITE, "write(" + BB + ")", Advices.PathInt.class));
        t.add(new Instrumentations.Target(FCI, FILE_CHANNEL_WRITE, "write(" + BB + ",long)", Advices.PathInt.class));
        t.add(new Instrumentations.Target(FCI, FILE_CHANNEL_WRITE, "write(" + BBS + ",int,int)", Advices.PathLong.class));
        t.add(new Instrumentations.Target(FCI, FILE_CHANNEL_POSITION, "position()", Advices.Path.class));
        t.add(new Instrumentations.Target(FCI, FILE_CHANNEL_POSITION, "position(long)", Advices.Path.class));
        t.add(new Instrumentations.Target(FCI, FILE_CHANNEL_SIZE, "size()", Advices.Path.class));
        t.add(new Instrumentations.Target(FCI, FILE_CHANNEL_TRUNCATE, "truncate(long)", Advices.Path.class));
        t.add(new Instrumentations.Target(FCI, FILE_CHANNEL_FORCE, "force(boolean)", Advices.Path.class));
        t.add(new Instrumentations.Target(FCI, FILE_CHANNEL_TRANSFER_TO,
                "transferTo(long,long,java.nio.channels.WritableByteChannel)", Advices.PathLong.class));
        t.add(new Instrumentations.Target(FCI, FILE_CHANNEL_TRANSFER_FROM,
                "transferFrom(java.nio.channels.ReadableByteChannel,long,long)", Advices.PathLong.class));
        t.add(new Instrumentations.Target(FCI, FILE_CHANNEL_MAP,
                "map(java.nio.channels.FileChannel$MapMode,long,long)", Advices.Path.class));
        t.add(new Instrumentations.Target(FCI, FILE_CHANNEL_LOCK, "lock(long,long,boolean)", Advices.Path.class));
        t.add(new Instrumentations.Target(FCI, FILE_CHANNEL_TRY_LOCK, "tryLock(long,long,boolean)", Advices.Path.class));
        t.add(new Instrumentations.Target(FCI, FILE_CHANNEL_CLOSE, "implCloseChannel()", Advices.Path.class));
        String afc = "sun.nio.ch.SimpleAsynchronousFileChannelImpl";
        String handler = "java.nio.channels.CompletionHandler";
        t.add(new Instrumentations.Target("java.nio.channels.AsynchronousFileChannel", ASYNC_FILE_CHANNEL_OPEN,
                "open(*)", Advices.Arg0.class));
        t.add(new Instrumentations.Target(afc, ASYNC_FILE_CHANNEL_READ,
                "implRead(" + BB + ",long,java.lang.Object," + handler + ")", Advices.Arg0.class));
        t.add(new Instrumentations.Target(afc, ASYNC_FILE_CHANNEL_WRITE,
                "implWrite(" + BB + ",long,java.lang.Object," + handler + ")", Advices.Arg0.class));
        // The pool's tasks: anonymous Runnables holding the buffer (same shape on JDK 17 and 25).
        t.add(new Instrumentations.Target(afc + "$2", ASYNC_FILE_CHANNEL_READ_TASK, "run()", Advices.TaskDst.class));
        t.add(new Instrumentations.Target(afc + "$3", ASYNC_FILE_CHANNEL_WRITE_TASK, "run()", Advices.TaskSrc.class));
        t.add(new Instrumentations.Target(afc, ASYNC_FILE_CHANNEL_CLOSE, "close()", Advices.Self.class));
        t.add(new Instrumentations.Target("sun.nio.ch.FileLockImpl", FILE_LOCK_RELEASE, "release()", Advices.Self.class));
        t.add(new Instrumentations.Target("java.nio.MappedByteBuffer", MAPPED_BUFFER_FORCE, "force()", Advices.Self.class));
        t.add(new Instrumentations.Target("java.nio.MappedByteBuffer", MAPPED_BUFFER_FORCE, "force(int,int)", Advices.Self.class));
        t.add(new Instrumentations.Target("java.nio.MappedByteBuffer", MAPPED_BUFFER_LOAD, "load()", Advices.Self.class));
        t.add(new Instrumentations.Target(FCI + "$Unmapper", MAPPED_BUFFER_UNMAP, "unmap()", Advices.Self.class));
    }

    private static void streams(List<Instrumentations.Target> t) {
        // Constructors open the file in a private open(...) method: advice on it sees failures too.
        t.add(new Instrumentations.Target(FIS, FILE_INPUT_STREAM_OPEN, "open(java.lang.String)", Advices.Arg0.class));
        t.add(new Instrumentations.Target(FIS, FILE_INPUT_STREAM_READ, "read()", Advices.PathInt.class));
        t.add(new Instrumentations.Target(FIS, FILE_INPUT_STREAM_READ, "read(byte[])", Advices.PathInt.class));
        t.add(new Instrumentations.Target(FIS, FILE_INPUT_STREAM_READ, "read(byte[],int,int)", Advices.PathInt.class));
        t.add(new Instrumentations.Target(FIS, FILE_INPUT_STREAM_READ_ALL, "readAllBytes()", Advices.PathBytes.class));
        t.add(new Instrumentations.Target(FIS, FILE_INPUT_STREAM_READ_N, "readNBytes(int)", Advices.PathBytes.class));
        t.add(new Instrumentations.Target(FIS, FILE_INPUT_STREAM_SKIP, "skip(long)", Advices.Path.class));
        t.add(new Instrumentations.Target(FIS, FILE_INPUT_STREAM_AVAILABLE, "available()", Advices.Path.class));
        t.add(new Instrumentations.Target(FIS, FILE_INPUT_STREAM_GET_CHANNEL, "getChannel()", Advices.Path.class));
        t.add(new Instrumentations.Target(FIS, FILE_INPUT_STREAM_CLOSE, "close()", Advices.Path.class));
        t.add(new Instrumentations.Target(FOS, FILE_OUTPUT_STREAM_OPEN, "open(java.lang.String,boolean)", Advices.Arg0.class));
        t.add(new Instrumentations.Target(FOS, FILE_OUTPUT_STREAM_WRITE, "write(int)", Advices.PathWriteOne.class));
        t.add(new Instrumentations.Target(FOS, FILE_OUTPUT_STREAM_WRITE, "write(byte[])", Advices.PathWriteArray.class));
        t.add(new Instrumentations.Target(FOS, FILE_OUTPUT_STREAM_WRITE, "write(byte[],int,int)", Advices.PathWriteRange.class));
        t.add(new Instrumentations.Target(FOS, FILE_OUTPUT_STREAM_GET_CHANNEL, "getChannel()", Advices.Path.class));
        t.add(new Instrumentations.Target(FOS, FILE_OUTPUT_STREAM_CLOSE, "close()", Advices.Path.class));
        t.add(new Instrumentations.Target(RAF, RANDOM_ACCESS_FILE_OPEN, "open(java.lang.String,int)", Advices.Arg0.class));
        t.add(new Instrumentations.Target(RAF, RANDOM_ACCESS_FILE_READ, "read()", Advices.PathInt.class));
        t.add(new Instrumentations.Target(RAF, RANDOM_ACCESS_FILE_READ, "read(byte[])", Advices.PathInt.class));
        t.add(new Instrumentations.Target(RAF, RANDOM_ACCESS_FILE_READ, "read(byte[],int,int)", Advices.PathInt.class));
        t.add(new Instrumentations.Target(RAF, RANDOM_ACCESS_FILE_READ_FULLY, "readFully(byte[])", Advices.PathWriteArray.class));
        t.add(new Instrumentations.Target(RAF, RANDOM_ACCESS_FILE_READ_FULLY, "readFully(byte[],int,int)", Advices.PathWriteRange.class));
        t.add(new Instrumentations.Target(RAF, RANDOM_ACCESS_FILE_WRITE, "write(int)", Advices.PathWriteOne.class));
        t.add(new Instrumentations.Target(RAF, RANDOM_ACCESS_FILE_WRITE, "write(byte[])", Advices.PathWriteArray.class));
        t.add(new Instrumentations.Target(RAF, RANDOM_ACCESS_FILE_WRITE, "write(byte[],int,int)", Advices.PathWriteRange.class));
        t.add(new Instrumentations.Target(RAF, RANDOM_ACCESS_FILE_SEEK, "seek(long)", Advices.Path.class));
        t.add(new Instrumentations.Target(RAF, RANDOM_ACCESS_FILE_SKIP, "skipBytes(int)", Advices.PathInt.class));
        t.add(new Instrumentations.Target(RAF, RANDOM_ACCESS_FILE_LENGTH, "length()", Advices.Path.class));
        t.add(new Instrumentations.Target(RAF, RANDOM_ACCESS_FILE_SET_LENGTH, "setLength(long)", Advices.Path.class));
        t.add(new Instrumentations.Target(RAF, RANDOM_ACCESS_FILE_GET_CHANNEL, "getChannel()", Advices.Path.class));
        t.add(new Instrumentations.Target(RAF, RANDOM_ACCESS_FILE_CLOSE, "close()", Advices.Path.class));
    }

    private static void files(List<Instrumentations.Target> t) {
        String f = "java.nio.file.Files";
        t.add(new Instrumentations.Target(f, FILES_NEW_BYTE_CHANNEL, "newByteChannel(*)", Advices.Arg0.class));
        t.add(new Instrumentations.Target(f, FILES_NEW_INPUT_STREAM, "newInputStream(*)", Advices.Arg0.class));
        t.add(new Instrumentations.Target(f, FILES_NEW_OUTPUT_STREAM, "newOutputStream(*)", Advices.Arg0.class));
        t.add(new Instrumentations.Target(f, FILES_READ_ALL_BYTES, "readAllBytes(*)", Advices.Arg0Bytes.class));
        t.add(new Instrumentations.Target(f, FILES_READ_STRING, "readString(*)", Advices.Arg0.class));
        t.add(new Instrumentations.Target(f, FILES_READ_ALL_LINES, "readAllLines(*)", Advices.Arg0.class));
        t.add(new Instrumentations.Target(f, FILES_LINES, "lines(*)", Advices.Arg0.class));
        t.add(new Instrumentations.Target(f, FILES_WRITE, "write(*)", Advices.Arg0WriteBytes.class));
        t.add(new Instrumentations.Target(f, FILES_WRITE_STRING, "writeString(*)", Advices.Arg0.class));
        t.add(new Instrumentations.Target(f, FILES_COPY, "copy(*)", Advices.Arg0Long.class));
        t.add(new Instrumentations.Target(f, FILES_MOVE, "move(*)", Advices.Arg0.class));
        t.add(new Instrumentations.Target(f, FILES_DELETE, "delete(*)", Advices.Arg0.class));
        t.add(new Instrumentations.Target(f, FILES_DELETE_IF_EXISTS, "deleteIfExists(*)", Advices.Arg0.class));
        t.add(new Instrumentations.Target(f, FILES_EXISTS, "exists(*)", Advices.Arg0.class));
        t.add(new Instrumentations.Target(f, FILES_NOT_EXISTS, "notExists(*)", Advices.Arg0.class));
        t.add(new Instrumentations.Target(f, FILES_IS_DIRECTORY, "isDirectory(*)", Advices.Arg0.class));
        t.add(new Instrumentations.Target(f, FILES_IS_REGULAR_FILE, "isRegularFile(*)", Advices.Arg0.class));
        t.add(new Instrumentations.Target(f, FILES_SIZE, "size(*)", Advices.Arg0Long.class));
        t.add(new Instrumentations.Target(f, FILES_READ_ATTRIBUTES, "readAttributes(*)", Advices.Arg0.class));
        t.add(new Instrumentations.Target(f, FILES_GET_LAST_MODIFIED_TIME, "getLastModifiedTime(*)", Advices.Arg0.class));
        t.add(new Instrumentations.Target(f, FILES_CREATE_FILE, "createFile(*)", Advices.Arg0.class));
        t.add(new Instrumentations.Target(f, FILES_CREATE_DIRECTORY, "createDirectory(*)", Advices.Arg0.class));
        t.add(new Instrumentations.Target(f, FILES_CREATE_DIRECTORIES, "createDirectories(*)", Advices.Arg0.class));
        t.add(new Instrumentations.Target(f, FILES_CREATE_TEMP_FILE, "createTempFile(*)", Advices.Returned.class));
        t.add(new Instrumentations.Target(f, FILES_LIST, "list(*)", Advices.Arg0.class));
        t.add(new Instrumentations.Target(f, FILES_WALK, "walk(*)", Advices.Arg0.class));
        t.add(new Instrumentations.Target(f, FILES_NEW_DIRECTORY_STREAM, "newDirectoryStream(*)", Advices.Arg0.class));
    }

    private static void sockets(List<Instrumentations.Target> t) {
        String ss = "java.net.ServerSocket";
        String s = "java.net.Socket";
        t.add(new Instrumentations.Target(ss, SERVER_SOCKET_BIND, "bind(" + ADDR + ",int)", Advices.Arg0.class));
        t.add(new Instrumentations.Target(ss, SERVER_SOCKET_ACCEPT, "accept()", Advices.Returned.class));
        t.add(new Instrumentations.Target(ss, SERVER_SOCKET_CLOSE, "close()", Advices.Self.class));
        t.add(new Instrumentations.Target(s, SOCKET_CONNECT, "connect(" + ADDR + ",int)", Advices.Arg0.class));
        t.add(new Instrumentations.Target(s, SOCKET_BIND, "bind(" + ADDR + ")", Advices.Arg0.class));
        t.add(new Instrumentations.Target(s, SOCKET_SHUTDOWN_INPUT, "shutdownInput()", Advices.Self.class));
        t.add(new Instrumentations.Target(s, SOCKET_SHUTDOWN_OUTPUT, "shutdownOutput()", Advices.Self.class));
        t.add(new Instrumentations.Target(s, SOCKET_CLOSE, "close()", Advices.Self.class));
        t.add(new Instrumentations.Target(s + "$SocketInputStream", SOCKET_INPUT_READ, "read(byte[],int,int)", Advices.ParentRead.class));
        t.add(new Instrumentations.Target(s + "$SocketOutputStream", SOCKET_OUTPUT_WRITE, "write(byte[],int,int)", Advices.ParentWrite.class));
    }

    private static void channels(List<Instrumentations.Target> t) {
        t.add(new Instrumentations.Target("java.nio.channels.SocketChannel", SOCKET_CHANNEL_OPEN, "open()", Advices.Returned.class));
        t.add(new Instrumentations.Target("java.nio.channels.SocketChannel", SOCKET_CHANNEL_OPEN, "open(" + ADDR + ")", Advices.Returned.class));
        t.add(new Instrumentations.Target(SCI, SOCKET_CHANNEL_CONNECT, "connect(" + ADDR + ")", Advices.Arg0.class));
        t.add(new Instrumentations.Target(SCI, SOCKET_CHANNEL_FINISH_CONNECT, "finishConnect()", Advices.Self.class));
        t.add(new Instrumentations.Target(SCI, SOCKET_CHANNEL_BIND, "bind(" + ADDR + ")", Advices.Arg0.class));
        t.add(new Instrumentations.Target(SCI, SOCKET_CHANNEL_READ, "read(" + BB + ")", Advices.SelfInt.class));
        t.add(new Instrumentations.Target(SCI, SOCKET_CHANNEL_READ, "read(" + BBS + ",int,int)", Advices.SelfLong.class));
        t.add(new Instrumentations.Target(SCI, SOCKET_CHANNEL_WRITE, "write(" + BB + ")", Advices.SelfInt.class));
        t.add(new Instrumentations.Target(SCI, SOCKET_CHANNEL_WRITE, "write(" + BBS + ",int,int)", Advices.SelfLong.class));
        t.add(new Instrumentations.Target(SCI, SOCKET_CHANNEL_SHUTDOWN_INPUT, "shutdownInput()", Advices.Self.class));
        t.add(new Instrumentations.Target(SCI, SOCKET_CHANNEL_SHUTDOWN_OUTPUT, "shutdownOutput()", Advices.Self.class));
        t.add(new Instrumentations.Target(SCI, SOCKET_CHANNEL_CLOSE, "implCloseSelectableChannel()", Advices.Self.class));
        t.add(new Instrumentations.Target("java.nio.channels.ServerSocketChannel", SERVER_SOCKET_CHANNEL_OPEN, "open()", Advices.Returned.class));
        t.add(new Instrumentations.Target(SSCI, SERVER_SOCKET_CHANNEL_BIND, "bind(" + ADDR + ",int)", Advices.Arg0.class));
        t.add(new Instrumentations.Target(SSCI, SERVER_SOCKET_CHANNEL_ACCEPT, "accept()", Advices.Returned.class));
        t.add(new Instrumentations.Target(SSCI, SERVER_SOCKET_CHANNEL_CLOSE, "implCloseSelectableChannel()", Advices.Self.class));
        t.add(new Instrumentations.Target("java.nio.channels.spi.AbstractSelectableChannel",
                SELECTABLE_CHANNEL_CONFIGURE_BLOCKING, "configureBlocking(boolean)", Advices.Self.class));
        t.add(new Instrumentations.Target("java.nio.channels.spi.AbstractSelectableChannel",
                SELECTABLE_CHANNEL_REGISTER, "register(java.nio.channels.Selector,int,java.lang.Object)", Advices.Self.class));
    }

    private static void datagrams(List<Instrumentations.Target> t) {
        t.add(new Instrumentations.Target("java.nio.channels.DatagramChannel", DATAGRAM_CHANNEL_OPEN, "open()", Advices.Returned.class));
        t.add(new Instrumentations.Target("java.nio.channels.DatagramChannel", DATAGRAM_CHANNEL_OPEN,
                "open(java.net.ProtocolFamily)", Advices.Returned.class));
        t.add(new Instrumentations.Target(DCI, DATAGRAM_CHANNEL_BIND, "bind(" + ADDR + ")", Advices.Arg0.class));
        t.add(new Instrumentations.Target(DCI, DATAGRAM_CHANNEL_CONNECT, "connect(" + ADDR + ")", Advices.Arg0.class));
        t.add(new Instrumentations.Target(DCI, DATAGRAM_CHANNEL_DISCONNECT, "disconnect()", Advices.Self.class));
        t.add(new Instrumentations.Target(DCI, DATAGRAM_CHANNEL_SEND, "send(" + BB + "," + ADDR + ")", Advices.Arg1Int.class));
        t.add(new Instrumentations.Target(DCI, DATAGRAM_CHANNEL_RECEIVE, "receive(" + BB + ")", Advices.Returned.class));
        t.add(new Instrumentations.Target(DCI, DATAGRAM_CHANNEL_READ, "read(" + BB + ")", Advices.SelfInt.class));
        t.add(new Instrumentations.Target(DCI, DATAGRAM_CHANNEL_WRITE, "write(" + BB + ")", Advices.SelfInt.class));
        t.add(new Instrumentations.Target(DCI, DATAGRAM_CHANNEL_CLOSE, "implCloseSelectableChannel()", Advices.Self.class));
        String ds = "java.net.DatagramSocket";
        t.add(new Instrumentations.Target(ds, DATAGRAM_SOCKET_BIND, "bind(" + ADDR + ")", Advices.Arg0.class));
        t.add(new Instrumentations.Target(ds, DATAGRAM_SOCKET_CONNECT, "connect(" + ADDR + ")", Advices.Arg0.class));
        t.add(new Instrumentations.Target(ds, DATAGRAM_SOCKET_DISCONNECT, "disconnect()", Advices.Self.class));
        t.add(new Instrumentations.Target(ds, DATAGRAM_SOCKET_SEND, "send(java.net.DatagramPacket)", Advices.Arg0.class));
        t.add(new Instrumentations.Target(ds, DATAGRAM_SOCKET_RECEIVE, "receive(java.net.DatagramPacket)", Advices.Arg0.class));
        t.add(new Instrumentations.Target(ds, DATAGRAM_SOCKET_CLOSE, "close()", Advices.Self.class));
    }

    private static void asyncSockets(List<Instrumentations.Target> t) {
        String impl = "sun.nio.ch.UnixAsynchronousSocketChannelImpl";
        String server = "sun.nio.ch.UnixAsynchronousServerSocketChannelImpl";
        String io = "(boolean," + BB + "," + BBS + ",long,java.util.concurrent.TimeUnit,java.lang.Object,"
                + "java.nio.channels.CompletionHandler)";
        t.add(new Instrumentations.Target("java.nio.channels.AsynchronousSocketChannel", ASYNC_SOCKET_CHANNEL_OPEN,
                "open(*)", Advices.Returned.class));
        t.add(new Instrumentations.Target(impl, ASYNC_SOCKET_CHANNEL_CONNECT,
                "implConnect(" + ADDR + ",java.lang.Object,java.nio.channels.CompletionHandler)", Advices.Arg0.class));
        t.add(new Instrumentations.Target(impl, ASYNC_SOCKET_CHANNEL_READ, "implRead" + io, Advices.Self.class));
        t.add(new Instrumentations.Target(impl, ASYNC_SOCKET_CHANNEL_WRITE, "implWrite" + io, Advices.Self.class));
        t.add(new Instrumentations.Target(impl, ASYNC_SOCKET_CHANNEL_READ_TASK, "finishRead(boolean)", Advices.Self.class));
        t.add(new Instrumentations.Target(impl, ASYNC_SOCKET_CHANNEL_WRITE_TASK, "finishWrite(boolean)", Advices.Self.class));
        t.add(new Instrumentations.Target(impl, ASYNC_SOCKET_CHANNEL_CLOSE, "implClose()", Advices.Self.class));
        t.add(new Instrumentations.Target("java.nio.channels.AsynchronousServerSocketChannel",
                ASYNC_SERVER_SOCKET_CHANNEL_OPEN, "open(*)", Advices.Returned.class));
        t.add(new Instrumentations.Target("sun.nio.ch.AsynchronousServerSocketChannelImpl",
                ASYNC_SERVER_SOCKET_CHANNEL_BIND, "bind(" + ADDR + ",int)", Advices.Arg0.class));
        t.add(new Instrumentations.Target(server, ASYNC_SERVER_SOCKET_CHANNEL_ACCEPT,
                "implAccept(java.lang.Object,java.nio.channels.CompletionHandler)", Advices.Self.class));
        t.add(new Instrumentations.Target(server, ASYNC_SERVER_SOCKET_CHANNEL_CLOSE, "implClose()", Advices.Self.class));
    }

    private static void httpClient(List<Instrumentations.Target> t) {
        String http = "jdk.internal.net.http.";
        t.add(new Instrumentations.Target(http + "HttpClientImpl", HTTP_CLIENT_SEND, "send(*)", Advices.Arg0.class));
        t.add(new Instrumentations.Target(http + "HttpClientImpl", HTTP_CLIENT_SEND_ASYNC, "sendAsync(*)", Advices.Arg0.class));
        // On the caller's thread, inside send/sendAsync: which request this MultiExchange is.
        t.add(new Instrumentations.Target(http + "MultiExchange", HTTP_CLIENT_NOTE,
                "responseAsync(java.util.concurrent.Executor)", Advices.Note.class));
        // Whichever thread makes it: this HTTP/1.1 exchange (of a MultiExchange) has this connection.
        t.add(new Instrumentations.Target(http + "Http1Exchange", HTTP_CLIENT_NOTE,
                "<init>(" + http + "Exchange," + http + "HttpConnection)", Advices.Note.class));
    }

    private static void selectors(List<Instrumentations.Target> t) {
        String si = "sun.nio.ch.SelectorImpl";
        t.add(new Instrumentations.Target("java.nio.channels.Selector", SELECTOR_OPEN, "open()", Advices.Returned.class));
        t.add(new Instrumentations.Target(si, SELECTOR_SELECT, "select()", Advices.SelfInt.class));
        t.add(new Instrumentations.Target(si, SELECTOR_SELECT, "select(long)", Advices.SelfInt.class));
        t.add(new Instrumentations.Target(si, SELECTOR_SELECT, "select(java.util.function.Consumer,long)", Advices.SelfInt.class));
        t.add(new Instrumentations.Target(si, SELECTOR_SELECT, "select(java.util.function.Consumer)", Advices.SelfInt.class));
        t.add(new Instrumentations.Target(si, SELECTOR_SELECT_NOW, "selectNow()", Advices.SelfInt.class));
        t.add(new Instrumentations.Target(si, SELECTOR_SELECT_NOW, "selectNow(java.util.function.Consumer)", Advices.SelfInt.class));
        t.add(new Instrumentations.Target(si, SELECTOR_CLOSE, "implCloseSelector()", Advices.Self.class));
        t.add(new Instrumentations.Target("sun.nio.ch.EPollSelectorImpl", SELECTOR_WAKEUP, "wakeup()", Advices.Self.class));
    }
}
