/*
 * IoTour DIR: the JDK's file and network I/O in one run, for comparing the probe with strace on
 * a JVM: Files.write/readAllBytes/copy, FileChannel.transferTo, FileChannel.map and force,
 * a Selector with DatagramChannels, a ServerSocket and a Socket (SO_REUSEADDR, TCP_NODELAY,
 * SO_LINGER), a DirectoryStream. Fixed loopback ports 18301-18304, so two runs print the same.
 *
 *   tests/compare.sh -y -- java tests/java/IoTour.java /tmp/iotour
 */
import java.io.*;
import java.net.*;
import java.nio.*;
import java.nio.channels.*;
import java.nio.file.*;

public class IoTour {
    public static void main(String[] args) throws Exception {
        Path dir = Paths.get(args.length > 0 ? args[0] : "/tmp/w/jt");
        Files.createDirectories(dir);
        Path a = dir.resolve("a.txt"), b = dir.resolve("b.txt"), c = dir.resolve("c.txt");
        Files.write(a, "hello from java\n".getBytes());
        byte[] data = Files.readAllBytes(a);
        Files.copy(a, b, StandardCopyOption.REPLACE_EXISTING);
        try (FileChannel in = FileChannel.open(a, StandardOpenOption.READ);
             FileChannel out = FileChannel.open(c, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                     StandardOpenOption.TRUNCATE_EXISTING)) {
            in.transferTo(0, in.size(), out);
        }
        try (FileChannel ch = FileChannel.open(a, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            MappedByteBuffer m = ch.map(FileChannel.MapMode.READ_WRITE, 0, ch.size());
            m.put(0, (byte) 'H');
            m.force();
        }
        try (Selector sel = Selector.open();
             DatagramChannel d1 = DatagramChannel.open();
             DatagramChannel d2 = DatagramChannel.open()) {
            d1.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 18301));
            d2.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 18302));
            d1.configureBlocking(false);
            d1.register(sel, SelectionKey.OP_READ);
            d2.send(ByteBuffer.wrap("ping".getBytes()), new InetSocketAddress(InetAddress.getLoopbackAddress(), 18301));
            sel.select(1000);
            ByteBuffer buf = ByteBuffer.allocate(64);
            SocketAddress from = d1.receive(buf);
            d1.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), 18302));
            d1.write(ByteBuffer.wrap("pong".getBytes()));
            buf.clear();
            d2.receive(buf);
        }
        try (ServerSocket ss = new ServerSocket()) {
            ss.setReuseAddress(true);
            ss.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 18303));
            try (Socket s = new Socket()) {
                s.setReuseAddress(true);
                s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 18304));
                s.connect(ss.getLocalSocketAddress());
                s.setTcpNoDelay(true);
                s.setSoLinger(true, 0);
                try (Socket t = ss.accept()) {
                    s.getOutputStream().write("abc".getBytes());
                    t.getInputStream().read(new byte[8]);
                }
            }
        }
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path p : ds) Files.size(p);
        }
        Files.delete(a);
        Files.delete(b);
        Files.delete(c);
        Files.delete(dir);
        System.out.println(data.length);
    }
}
