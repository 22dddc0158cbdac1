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
        SCENARIOS.put("many-writes", new Entry("many-writes [PATH [COUNT]]",
                "FileChannel: COUNT (default 100000) writes of \"hello world\\n\" to PATH (default"
                        + " /tmp/syscall-lens/many-writes.txt), then Files.readAllBytes of it", ManyWrites::run));
        SCENARIOS.put("hello-client", new Entry("hello-client [PORT]",
                "Socket: connect to 127.0.0.1:PORT (default 8080), send \"hello\\n\", close",
                HelloClient::run));
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
