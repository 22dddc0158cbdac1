package dev.syscalllens.demo;

import java.io.File;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.stream.Stream;

import static dev.syscalllens.demo.Markers.call;

/**
 * One call of (nearly) every JDK I/O API that syscall-lens traces, each between markers, in one
 * thread, in a fixed order: the fixture of the end-to-end tests that compare every call's
 * syscalls with strace. With markers on, the whole tour first runs once unmarked (warm-up).
 */
final class IoTour {
    private static final byte[] HELLO = "hello world\n".getBytes(StandardCharsets.US_ASCII);

    private IoTour() {
    }

    static void run(String[] args) throws Exception {
        Path base = Path.of(args.length > 0 ? args[0] : "/tmp/syscall-lens/io-tour");
        if (Markers.ON) {
            Markers.paused = true;
            tour(base.resolve("warm-up"), false);
            Markers.paused = false;
        }
        tour(base.resolve("tour"), true);
        releaseMappings();
        System.out.println("io-tour done in " + base);
    }

    /**
     * The tour's MappedByteBuffers are garbage now: a collection lets the JDK's cleaner thread
     * unmap them (munmap on that thread, not on this one).
     */
    private static void releaseMappings() throws InterruptedException {
        for (int i = 0; i < 5; i++) {
            System.gc();
            Thread.sleep(100);
        }
    }

    private static void tour(Path dir, boolean marked) throws Exception {
        if (Files.exists(dir)) {
            try (Stream<Path> old = Files.walk(dir)) {
                old.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            }
        }
        // -Dsyscall-lens.io-tour.http=false leaves HttpClient out (its server and client too):
        // which of its threads does a step of a request, and when their selectors' waits time
        // out, changes from run to run (the probe's differential test compares whole runs).
        WebTour web = "false".equals(System.getProperty("syscall-lens.io-tour.http")) ? null : new WebTour();
        try {
            if (marked) {
                Markers.section("begin");
            }
            files(dir);
            streams(dir);
            channel(dir);
            net();
            asyncSockets();
            datagrams();
            lookups();
            if (marked) {
                Markers.section("end");
            }
            // Unmarked, for the same reason: the tests check its links instead, call by call.
            if (web != null) {
                web.tour();
            }
            // Unmarked too: one call with more syscalls (a mkdir per level) than a
            // span keeps as children, for the test of that bound.
            Path deep = dir.resolve("deep");
            for (int i = 0; i < 160; i++) {
                deep = deep.resolve("d");
            }
            Files.createDirectories(deep);
        } finally {
            if (web != null) {
                web.close();
            }
        }
    }

    private static void files(Path dir) throws Exception {
        Path a = dir.resolve("a.txt");
        Path b = dir.resolve("b.txt");
        call("Files.createDirectories", () -> Files.createDirectories(dir));
        call("Files.write", () -> Files.write(a, HELLO));
        call("Files.writeString", () -> Files.writeString(b, "one\ntwo\n"));
        call("Files.readAllBytes", () -> Files.readAllBytes(a));
        call("Files.readString", () -> Files.readString(b));
        call("Files.readAllLines", () -> Files.readAllLines(b));
        call("Files.size", () -> Files.size(a));
        call("Files.exists", () -> Files.exists(a));
        call("Files.notExists", () -> Files.notExists(a));
        call("Files.isDirectory", () -> Files.isDirectory(dir));
        call("Files.isRegularFile", () -> Files.isRegularFile(a));
        call("Files.readAttributes", () -> Files.readAttributes(a, BasicFileAttributes.class));
        call("Files.getLastModifiedTime", () -> Files.getLastModifiedTime(a));
        call("Files.copy", () -> Files.copy(a, dir.resolve("c.txt")));
        call("Files.move", () -> Files.move(dir.resolve("c.txt"), dir.resolve("d.txt")));
        call("Files.createFile", () -> Files.createFile(dir.resolve("e.txt")));
        call("Files.delete", () -> {
            Files.delete(dir.resolve("e.txt"));
            return null;
        });
        call("Files.deleteIfExists", () -> Files.deleteIfExists(dir.resolve("d.txt")));
        call("Files.createDirectory", () -> Files.createDirectory(dir.resolve("sub")));
        call("Files.createTempFile", () -> Files.createTempFile(dir, "t", ".tmp"));
        DirectoryStream<Path> ds = call("Files.newDirectoryStream", () -> Files.newDirectoryStream(dir));
        ds.close();
        Stream<Path> list = call("Files.list", () -> Files.list(dir));
        list.close();
        Stream<Path> walk = call("Files.walk", () -> Files.walk(dir));
        walk.close();
        Stream<String> lines = call("Files.lines", () -> Files.lines(b));
        call("FileChannel.close", () -> {
            lines.close(); // Files.lines reads through a FileChannel
            return null;
        });
        InputStream in = call("Files.newInputStream", () -> Files.newInputStream(a));
        byte[] buf = new byte[64];
        call("FileChannel.read", () -> in.read(buf));
        call("FileChannel.close", () -> {
            in.close();
            return null;
        });
        OutputStream out = call("Files.newOutputStream", () -> Files.newOutputStream(dir.resolve("f.txt")));
        call("FileChannel.write", () -> {
            out.write(HELLO);
            return null;
        });
        call("FileChannel.close", () -> {
            out.close();
            return null;
        });
        SeekableByteChannel sbc = call("Files.newByteChannel", () -> Files.newByteChannel(a));
        call("FileChannel.close", () -> {
            sbc.close();
            return null;
        });
    }

    private static void streams(Path dir) throws Exception {
        File f = dir.resolve("stream.bin").toFile();
        FileOutputStream fos = call("new FileOutputStream", () -> new FileOutputStream(f));
        call("FileOutputStream.write", () -> {
            fos.write('x');
            return null;
        });
        call("FileOutputStream.write", () -> {
            fos.write(HELLO);
            return null;
        });
        call("FileOutputStream.write", () -> {
            fos.write(HELLO, 0, 5);
            return null;
        });
        call("FileOutputStream.getChannel", fos::getChannel);
        call("FileOutputStream.close", () -> {
            fos.close();
            return null;
        });
        FileInputStream fis = call("new FileInputStream", () -> new FileInputStream(f));
        byte[] buf = new byte[8];
        call("FileInputStream.read", () -> fis.read());
        call("FileInputStream.read", () -> fis.read(buf));
        call("FileInputStream.read", () -> fis.read(buf, 0, 2));
        call("FileInputStream.skip", () -> fis.skip(1));
        call("FileInputStream.available", fis::available);
        call("FileInputStream.readAllBytes", fis::readAllBytes);
        call("FileInputStream.close", () -> {
            fis.close();
            return null;
        });
        RandomAccessFile raf = call("new RandomAccessFile", () -> new RandomAccessFile(f, "rw"));
        call("RandomAccessFile.write", () -> {
            raf.write(HELLO);
            return null;
        });
        call("RandomAccessFile.seek", () -> {
            raf.seek(0);
            return null;
        });
        call("RandomAccessFile.read", () -> raf.read(buf));
        call("RandomAccessFile.readFully", () -> {
            raf.readFully(buf, 0, 4);
            return null;
        });
        call("RandomAccessFile.skipBytes", () -> raf.skipBytes(2));
        call("RandomAccessFile.length", raf::length);
        call("RandomAccessFile.setLength", () -> {
            raf.setLength(4); // below the file pointer, which the JDK then moves to the new end
            return null;
        });
        call("RandomAccessFile.getChannel", raf::getChannel);
        call("RandomAccessFile.close", () -> {
            raf.close();
            return null;
        });
    }

    private static void channel(Path dir) throws Exception {
        Path p = dir.resolve("channel.bin");
        FileChannel ch = call("FileChannel.open", () -> FileChannel.open(p,
                StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE));
        call("FileChannel.write", () -> ch.write(ByteBuffer.wrap(HELLO)));
        call("FileChannel.write", () -> ch.write(ByteBuffer.wrap(HELLO), 100));
        call("FileChannel.write", () -> ch.write(new ByteBuffer[] {ByteBuffer.wrap(HELLO), ByteBuffer.wrap(HELLO)}));
        call("FileChannel.read", () -> ch.read(ByteBuffer.allocate(8), 0));
        call("FileChannel.position", ch::position);
        call("FileChannel.position", () -> ch.position(0));
        call("FileChannel.read", () -> ch.read(new ByteBuffer[] {ByteBuffer.allocate(4), ByteBuffer.allocate(4)}));
        call("FileChannel.size", ch::size);
        call("FileChannel.force", () -> {
            ch.force(true);
            return null;
        });
        call("FileChannel.truncate", () -> ch.truncate(64));
        FileLock lock = call("FileChannel.lock", () -> ch.lock());
        call("FileLock.release", () -> {
            lock.release();
            return null;
        });
        FileLock tried = call("FileChannel.tryLock", () -> ch.tryLock());
        call("FileLock.release", () -> {
            tried.release();
            return null;
        });
        MappedByteBuffer map = call("FileChannel.map", () -> ch.map(FileChannel.MapMode.READ_WRITE, 0, 64));
        map.put(0, (byte) 'H');
        call("MappedByteBuffer.load", map::load);
        call("MappedByteBuffer.force", map::force);
        Path copy = dir.resolve("copy.bin");
        FileChannel to = call("FileChannel.open", () -> FileChannel.open(copy,
                StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.READ));
        call("FileChannel.transferTo", () -> ch.transferTo(0, 64, to));
        call("FileChannel.transferFrom", () -> to.transferFrom(ch, 64, 32));
        call("FileChannel.close", () -> {
            to.close();
            return null;
        });
        call("FileChannel.close", () -> {
            ch.close();
            return null;
        });

        // One pool thread, started now: the default pool starts threads as it goes, so whether a
        // read starts one (clone3 inside the call) would differ from run to run.
        java.util.concurrent.ThreadPoolExecutor pool = new java.util.concurrent.ThreadPoolExecutor(1, 1, 0,
                java.util.concurrent.TimeUnit.SECONDS, new java.util.concurrent.LinkedBlockingQueue<>());
        pool.prestartAllCoreThreads();
        java.nio.channels.AsynchronousFileChannel async = call("AsynchronousFileChannel.open",
                () -> java.nio.channels.AsynchronousFileChannel.open(p,
                        java.util.Set.of(StandardOpenOption.READ, StandardOpenOption.WRITE), pool));
        // The call only hands the work to a pool thread: the syscalls happen there.
        java.util.concurrent.Future<Integer> wrote = call("AsynchronousFileChannel.write",
                () -> async.write(ByteBuffer.wrap(HELLO), 0));
        wrote.get();
        java.util.concurrent.Future<Integer> read = call("AsynchronousFileChannel.read",
                () -> async.read(ByteBuffer.allocate(12), 0));
        read.get();
        call("AsynchronousFileChannel.close", () -> {
            async.close();
            return null;
        });
        pool.shutdown();
    }

    private static void net() throws Exception {
        InetSocketAddress any = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
        ServerSocketChannel server = call("ServerSocketChannel.open", ServerSocketChannel::open);
        call("ServerSocketChannel.bind", () -> server.bind(any));
        SocketAddress at = server.getLocalAddress();
        SocketChannel client = call("SocketChannel.open", SocketChannel::open);
        call("SocketChannel.connect", () -> client.connect(at));
        SocketChannel peer = call("ServerSocketChannel.accept", server::accept);
        call("SocketChannel.write", () -> client.write(ByteBuffer.wrap(HELLO)));
        call("SocketChannel.read", () -> peer.read(ByteBuffer.allocate(64)));
        call("SocketChannel.write", () -> client.write(new ByteBuffer[] {ByteBuffer.wrap(HELLO), ByteBuffer.wrap(HELLO)}));
        call("SocketChannel.read", () -> peer.read(new ByteBuffer[] {ByteBuffer.allocate(12), ByteBuffer.allocate(64)}));
        call("SelectableChannel.configureBlocking", () -> peer.configureBlocking(false));
        Selector selector = call("Selector.open", Selector::open);
        call("SelectableChannel.register", () -> peer.register(selector, SelectionKey.OP_READ));
        call("Selector.selectNow", selector::selectNow);
        call("SocketChannel.write", () -> client.write(ByteBuffer.wrap(HELLO)));
        call("Selector.select", () -> selector.select(1000));
        selector.selectedKeys().clear();
        call("SocketChannel.read", () -> peer.read(ByteBuffer.allocate(64)));
        call("Selector.wakeup", selector::wakeup);
        call("Selector.select", () -> selector.select(1000));
        call("SocketChannel.shutdownOutput", client::shutdownOutput);
        call("SocketChannel.shutdownInput", client::shutdownInput);
        call("Selector.close", () -> {
            selector.close();
            return null;
        });
        call("SocketChannel.close", () -> {
            peer.close();
            return null;
        });
        call("SocketChannel.close", () -> {
            client.close();
            return null;
        });
        call("ServerSocketChannel.close", () -> {
            server.close();
            return null;
        });

        ServerSocket ss = new ServerSocket();
        call("ServerSocket.bind", () -> {
            ss.bind(any);
            return null;
        });
        Socket s = new Socket();
        call("Socket.bind", () -> {
            s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            return null;
        });
        call("Socket.connect", () -> {
            s.connect(ss.getLocalSocketAddress());
            return null;
        });
        Socket accepted = call("ServerSocket.accept", ss::accept);
        call("SocketOutputStream.write", () -> {
            s.getOutputStream().write(HELLO);
            return null;
        });
        call("SocketInputStream.read", () -> accepted.getInputStream().read(new byte[64]));
        call("Socket.shutdownOutput", () -> {
            s.shutdownOutput();
            return null;
        });
        call("Socket.shutdownInput", () -> {
            s.shutdownInput();
            return null;
        });
        call("Socket.close", () -> {
            s.close();
            return null;
        });
        call("Socket.close", () -> {
            accepted.close();
            return null;
        });
        call("ServerSocket.close", () -> {
            ss.close();
            return null;
        });
    }

    private static void asyncSockets() throws Exception {
        InetSocketAddress any = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
        java.nio.channels.AsynchronousServerSocketChannel server = call("AsynchronousServerSocketChannel.open",
                java.nio.channels.AsynchronousServerSocketChannel::open);
        call("AsynchronousServerSocketChannel.bind", () -> server.bind(any));
        java.nio.channels.AsynchronousSocketChannel client = call("AsynchronousSocketChannel.open",
                java.nio.channels.AsynchronousSocketChannel::open);
        java.util.concurrent.Future<java.nio.channels.AsynchronousSocketChannel> accepting =
                call("AsynchronousServerSocketChannel.accept", server::accept);
        call("AsynchronousSocketChannel.connect", () -> client.connect(server.getLocalAddress())).get();
        java.nio.channels.AsynchronousSocketChannel peer = accepting.get();
        // Nothing to read yet: the read waits, and the channel group's thread completes it.
        java.util.concurrent.Future<Integer> read = call("AsynchronousSocketChannel.read",
                () -> peer.read(ByteBuffer.allocate(64)));
        call("AsynchronousSocketChannel.write", () -> client.write(ByteBuffer.wrap(HELLO))).get();
        read.get();
        call("AsynchronousSocketChannel.close", () -> {
            client.close();
            return null;
        });
        call("AsynchronousSocketChannel.close", () -> {
            peer.close();
            return null;
        });
        call("AsynchronousServerSocketChannel.close", () -> {
            server.close();
            return null;
        });
    }

    private static void datagrams() throws Exception {
        InetSocketAddress any = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
        DatagramChannel a = call("DatagramChannel.open", DatagramChannel::open);
        call("DatagramChannel.bind", () -> a.bind(any));
        DatagramChannel b = call("DatagramChannel.open", DatagramChannel::open);
        call("DatagramChannel.bind", () -> b.bind(any));
        SocketAddress aAt = a.getLocalAddress();
        SocketAddress bAt = b.getLocalAddress();
        call("DatagramChannel.send", () -> b.send(ByteBuffer.wrap(HELLO), aAt));
        call("DatagramChannel.receive", () -> a.receive(ByteBuffer.allocate(64)));
        // The JDK drops what is queued when a DatagramChannel connects: connect both first.
        call("DatagramChannel.connect", () -> a.connect(bAt));
        call("DatagramChannel.connect", () -> b.connect(aAt));
        call("DatagramChannel.write", () -> a.write(ByteBuffer.wrap(HELLO)));
        call("DatagramChannel.read", () -> b.read(ByteBuffer.allocate(64)));
        call("DatagramChannel.disconnect", a::disconnect);
        call("DatagramChannel.close", () -> {
            a.close();
            return null;
        });
        call("DatagramChannel.close", () -> {
            b.close();
            return null;
        });

        DatagramSocket ds = new DatagramSocket((SocketAddress) null);
        call("DatagramSocket.bind", () -> {
            ds.bind(any);
            return null;
        });
        DatagramPacket out = new DatagramPacket(HELLO, HELLO.length, ds.getLocalSocketAddress());
        call("DatagramSocket.send", () -> {
            ds.send(out);
            return null;
        });
        DatagramPacket in = new DatagramPacket(new byte[64], 64);
        call("DatagramSocket.receive", () -> {
            ds.receive(in);
            return null;
        });
        call("DatagramSocket.connect", () -> {
            ds.connect(ds.getLocalSocketAddress());
            return null;
        });
        call("DatagramSocket.disconnect", () -> {
            ds.disconnect();
            return null;
        });
        call("DatagramSocket.close", () -> {
            ds.close();
            return null;
        });
    }

    private static void lookups() throws Exception {
        call("InetAddress.getByName", () -> InetAddress.getByName("localhost"));
        call("InetAddress.getAllByName", () -> InetAddress.getAllByName("127.0.0.1"));
        // The child's own syscalls are another process's; the JDK's reaper thread waits for it. It
        // lives a moment: a child that ends before start() returns lets the JDK close its pipes
        // inside start(), which /bin/true does in some runs and not in others.
        Process child = call("ProcessBuilder.start", () -> new ProcessBuilder("/bin/sleep", "0.2").start());
        child.waitFor();
    }
}
