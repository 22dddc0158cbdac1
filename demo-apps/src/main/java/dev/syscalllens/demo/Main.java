package dev.syscalllens.demo;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code java -jar demo-apps.jar SCENARIO [ARGS]}; with no argument, lists the scenarios. */
public final class Main {
    interface Scenario {
        void run(String[] args) throws Exception;
    }

    private record Entry(String usage, String about, Scenario scenario) {
    }

    private static final Map<String, Entry> SCENARIOS = new LinkedHashMap<>();

    static {
        SCENARIOS.put("hello-file", new Entry("hello-file [PATH]",
                "FileChannel: open PATH (default /tmp/syscall-lens/test.txt) with CREATE and WRITE,"
                        + " write \"hello world\\n\", close", HelloFile::run));
        SCENARIOS.put("hello-server", new Entry("hello-server [PORT]",
                "ServerSocket on 127.0.0.1:PORT (default 8080): accept one connection, read up to 8"
                        + " bytes, print them, close both", HelloServer::run));
        SCENARIOS.put("io-tour", new Entry("io-tour [DIR]",
                "one call of nearly every traced JDK I/O API (files, streams, channels, sockets,"
                        + " datagrams, selector, lookups), in DIR (default /tmp/syscall-lens/io-tour)", IoTour::run));
        SCENARIOS.put("virtual-threads", new Entry("virtual-threads [DIR]",
                "JDK 21+: FileChannel and socket calls on a virtual thread that parks inside accept and read",
                VirtualThreads::run));
        SCENARIOS.put("web-file", new Entry("web-file [PORT [PATH [COUNT]]]",
                "HTTP server (com.sun.net.httpserver) on 127.0.0.1:PORT answering each GET with PATH,"
                        + " read with FileChannel per request; stops after COUNT requests (default 1)",
                WebFile::run));
        SCENARIOS.put("faults", new Entry("faults MODE [DIR [N]]",
                "the fault matrix's application: exit, throw, wait (for a signal), signals (JVM-handled"
                        + " SIGSEGVs), children (/bin/true and a shell pipeline), threads (N short-lived threads)",
                Faults::run));
        SCENARIOS.put("many-writes", new Entry("many-writes [PATH [COUNT]]",
                "FileChannel: COUNT (default 100000) writes of \"hello world\\n\" to PATH (default"
                        + " /tmp/syscall-lens/many-writes.txt), then Files.readAllBytes of it", ManyWrites::run));
        SCENARIOS.put("hello-client", new Entry("hello-client [PORT]",
                "Socket: connect to 127.0.0.1:PORT (default 8080), send \"hello\\n\", close",
                HelloClient::run));
        // The comparison demos (docs/demos/): each side on a thread named after it, in a temporary
        // directory of its own or on loopback, after a warm-up; see Sides.
        SCENARIOS.put("buffered-vs-unbuffered", new Entry("buffered-vs-unbuffered",
                "bytes one at a time: 1,000 to a FileOutputStream, 100,000 through a BufferedOutputStream",
                BufferedVsUnbuffered::run));
        SCENARIOS.put("read-all-vs-loop", new Entry("read-all-vs-loop",
                "a 1 MiB file: Files.readAllBytes vs a FileInputStream.read loop (8 KiB array)", ReadAllVsLoop::run));
        SCENARIOS.put("transfer-vs-copy", new Entry("transfer-vs-copy",
                "a 1 MiB file copied: FileChannel.transferTo vs a read/write loop (8 KiB array)", TransferVsCopy::run));
        SCENARIOS.put("mmap-vs-read", new Entry("mmap-vs-read",
                "a 1 MiB file summed: FileChannel.map vs FileChannel.read (64 KiB buffer)", MmapVsRead::run));
        SCENARIOS.put("dir-walk", new Entry("dir-walk",
                "Files.walk over a tree of 4 directories of 8 files", DirWalk::run));
        SCENARIOS.put("http-get", new Entry("http-get",
                "two HttpClient GETs (16 KiB) from a server in this process: new connection, pooled one", HttpGet::run));
        SCENARIOS.put("udp-echo", new Entry("udp-echo",
                "DatagramSocket echo on loopback: 10 datagrams of 512 bytes", UdpEcho::run));
        SCENARIOS.put("selector-echo", new Entry("selector-echo",
                "non-blocking Selector echo server and a SocketChannel client: 10 messages of 100 bytes",
                SelectorEcho::run));
        // The workloads of docs/benchmark.py (docs/performance.md): each prints "ops/s N" for its
        // measured phase, after a warm-up in the same JVM; see Bench.
        bench("bench-open-write-close", "FileChannel.open, write 12 bytes, close, in a loop", Bench::openWriteClose);
        bench("bench-write-4k", "4 KiB FileChannel writes to one file", Bench::write4k);
        bench("bench-read-4k", "4 KiB FileChannel reads of a 16 MiB file, round and round", Bench::read4k);
        bench("bench-tcp-pingpong", "64-byte messages to an echo thread and back over loopback TCP", Bench::tcpPingPong);
        bench("bench-cpu", "a CPU-only loop (xorshift), no I/O", Bench::cpu);
        SCENARIOS.put("bench-hello", new Entry("bench-hello",
                "prints hello world: start-up, timed as a whole process by docs/benchmark.py", Bench::hello));
        SCENARIOS.put("demos", new Entry("demos [NAME...]",
                "the comparison demos above (all by default) one after another in this JVM", Main::demos));
    }

    private static void bench(String name, String about, Scenario scenario) {
        SCENARIOS.put(name, new Entry(name + " [SECONDS [WARMUP]]",
                about + "; prints ops/s of SECONDS (default 3) after WARMUP (default 2) seconds", scenario));
    }

    /** The comparison demos, in the order they are listed. */
    static final java.util.List<String> DEMOS = java.util.List.of("buffered-vs-unbuffered", "read-all-vs-loop",
            "transfer-vs-copy", "mmap-vs-read", "dir-walk", "http-get", "udp-echo", "selector-echo");

    private static void demos(String[] names) throws Exception {
        for (String name : names.length == 0 ? DEMOS : Arrays.asList(names)) {
            if (!DEMOS.contains(name)) {
                throw new IllegalArgumentException("not a comparison demo: " + name);
            }
            SCENARIOS.get(name).scenario().run(new String[0]);
        }
    }

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        Entry entry = args.length == 0 ? null : SCENARIOS.get(args[0]);
        if (entry == null) {
            if (args.length > 0) {
                System.err.println("unknown scenario: " + args[0]);
            }
            System.out.println("usage: java -jar demo-apps.jar SCENARIO [ARGS]");
            System.out.println();
            System.out.println("scenarios:");
            SCENARIOS.values().forEach(e -> System.out.printf("  %-22s %s%n", e.usage(), e.about()));
            System.exit(args.length == 0 ? 0 : 2);
            return;
        }
        entry.scenario().run(Arrays.copyOfRange(args, 1, args.length));
    }

    static int port(String[] args) {
        return args.length > 0 ? Integer.parseInt(args[0]) : 8080;
    }
}
