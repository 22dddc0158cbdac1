package dev.syscalllens.agent.it;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * hello-server with hello-client, both under the agent; then the same pair with the server under
 * strace. Subclasses pick the JDK.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class HelloServerChecks {
    private int port;
    private Forked.Result server;
    private Forked.Result client;
    private ExportedSpans serverSpans;
    private ExportedSpans clientSpans;
    private StraceLog strace;

    abstract Env.Jdk jdk();

    @BeforeAll
    void runBoth() throws Exception {
        Path dir = Files.createTempDirectory("hello-server-it");
        port = Env.freePort();
        String p = Integer.toString(port);
        Path serverFile = dir.resolve("server.jsonl");
        Path clientFile = dir.resolve("client.jsonl");

        Forked s = Forked.start(Env.demo(jdk(), "exporter=file,file=" + serverFile, "hello-server", p));
        s.awaitOutput("listening on", 60);
        client = Forked.run(Env.demo(jdk(), "exporter=file,file=" + clientFile, "hello-client", p), 60);
        server = s.await(60);
        assertEquals(0, server.exit(), server::toString);
        assertEquals(0, client.exit(), client::toString);
        serverSpans = ExportedSpans.read(serverFile);
        clientSpans = ExportedSpans.read(clientFile);

        Path straceFile = dir.resolve("strace.txt");
        List<String> cmd = new ArrayList<>(List.of(Env.strace(), "-f", "-qq", "-yy", "-o", straceFile.toString()));
        cmd.addAll(Env.demo(jdk(), null, "hello-server", p));
        Forked straced = Forked.start(cmd);
        straced.awaitOutput("listening on", 120);
        Forked.Result plainClient = Forked.run(Env.demo(jdk(), null, "hello-client", p), 60);
        Forked.Result plainServer = straced.await(120);
        assertEquals(0, plainServer.exit(), plainServer::toString);
        assertEquals(0, plainClient.exit(), plainClient::toString);
        strace = StraceLog.read(straceFile);
    }

    @Test
    void applicationsRunAsWithoutTheAgent() {
        assertEquals("listening on 127.0.0.1:" + port + "\nreceived: hello\n", server.stdout());
        assertEquals("", client.stdout());
    }

    @Test
    void bindHasSocketBindAndListen() {
        ExportedSpans.Span bind = serverSpans.last("ServerSocket.bind");
        assertEquals(Integer.toString(port), bind.attr("network.local.port"));
        List<String> names = syscalls(serverSpans, bind);
        assertTrue(names.containsAll(List.of("socket", "bind", "listen")), names::toString);
        ExportedSpans.Span sys = first(serverSpans, bind, "bind");
        assertTrue(sys.attr("syscall.args").contains("sin6_port=htons(" + port + ")")
                && sys.attr("syscall.args").contains("\"::ffff:127.0.0.1\""), sys::straceLine);
        assertEquals("0", sys.attr("syscall.return"));
    }

    @Test
    void acceptHasAccept() {
        ExportedSpans.Span accept = serverSpans.last("ServerSocket.accept");
        List<String> names = syscalls(serverSpans, accept);
        assertTrue(names.contains("accept") || names.contains("accept4"), names::toString);
    }

    @Test
    void readHasTheReadOfHello() {
        ExportedSpans.Span read = serverSpans.last("SocketInputStream.read");
        assertEquals("6", read.attr("syscall_lens.io.bytes"));
        ExportedSpans.Span sys = first(serverSpans, read, "read");
        assertTrue(sys.attr("syscall.fd.target").matches("TCP(v6)?:\\[.*:" + port + "->.*\\]"), sys::straceLine);
        // -yy: the accepted socket with both ends, the server's port first
        assertTrue(sys.straceLine().matches("read\\(\\d+<TCPv6:\\[\\[::ffff:127\\.0\\.0\\.1\\]:" + port
                + "->\\[::ffff:127\\.0\\.0\\.1\\]:\\d+\\]>, \"hello\\\\n\", 8\\) = 6"), sys::straceLine);
    }

    @Test
    void closesHaveClose() {
        for (String call : List.of("Socket.close", "ServerSocket.close")) {
            ExportedSpans.Span span = serverSpans.last(call);
            assertTrue(syscalls(serverSpans, span).contains("close"), call + " " + syscalls(serverSpans, span));
        }
    }

    @Test
    void clientHasConnectWriteAndClose() {
        ExportedSpans.Span connect = clientSpans.last("Socket.connect");
        ExportedSpans.Span sys = first(clientSpans, connect, "connect");
        assertTrue(sys.attr("syscall.args").contains("htons(" + port + ")"), sys::straceLine);
        ExportedSpans.Span write = clientSpans.last("SocketOutputStream.write");
        assertEquals("6", write.attr("syscall_lens.io.bytes"));
        ExportedSpans.Span w = first(clientSpans, write, "write");
        assertTrue(w.straceLine().matches("write\\(\\d+<TCPv6:\\[\\[::ffff:127\\.0\\.0\\.1\\]:\\d+->\\[::ffff:127\\.0\\.0\\.1\\]:"
                + port + "\\]>, \"hello\\\\n\", 6\\) = 6"), w::straceLine);
        assertTrue(syscalls(clientSpans, clientSpans.last("Socket.close")).contains("close"));
    }

    @Test
    void eachServerCallHasExactlyTheSyscallsStraceSawBetweenItsMarkers() {
        for (String call : List.of("ServerSocket.bind", "ServerSocket.accept", "SocketInputStream.read",
                "Socket.close", "ServerSocket.close")) {
            Oracle.assertSameSyscalls(call, serverSpans.children(serverSpans.last(call)), strace.slice(call), port);
        }
    }

    private static List<String> syscalls(ExportedSpans spans, ExportedSpans.Span call) {
        return spans.children(call).stream().map(ExportedSpans.Span::name).toList();
    }

    private static ExportedSpans.Span first(ExportedSpans spans, ExportedSpans.Span call, String name) {
        return spans.children(call).stream().filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError(call.name() + " has no " + name + ": " + syscalls(spans, call)));
    }
}
