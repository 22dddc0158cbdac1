package dev.syscalllens.agent.it;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * By default no data the application reads or writes leaves the process in exported spans: the
 * io-tour's "hello world\n" goes through files, pipes, TCP and UDP sockets, async channels and
 * an HTTP request and response, and the exported spans show none of it ({@code ""...}, as
 * strace -s 0), while the console tree shows the first bytes as strace does. payload=N lets N
 * bytes through.
 */
class SecretsIT {
    private static final String CANARY = "hello world";

    @Test
    void buffersStayInTheProcessUnlessAsked() throws Exception {
        Path dir = Files.createTempDirectory("secrets-it");
        Path spans = dir.resolve("spans.jsonl");
        Forked.Result r = Forked.run(Env.demo(Env.Jdk.JDK17, "exporter=console+file,file=" + spans + ",payload=0",
                "io-tour", dir.resolve("run").toString()), 120);
        assertEquals(0, r.exit(), r::toString);
        String exported = Files.readString(spans);
        assertTrue(exported.contains("\"syscall.args\""), "the file has syscall spans");
        assertFalse(exported.contains(CANARY), "the canary left the process in an exported span");
        assertTrue(exported.contains("\\\"\\\"...,"), "buffers are shown as strace -s 0 shows them");
        assertTrue(r.stderr().contains("\"hello world\\n\""), "the console shows the first bytes, as strace does");

        Path some = dir.resolve("some.jsonl");
        Forked.Result five = Forked.run(Env.demo(Env.Jdk.JDK17, "exporter=file,file=" + some + ",payload=5",
                "hello-file", dir.resolve("hello.txt").toString()), 60);
        assertEquals(0, five.exit(), five::toString);
        String shown = Files.readString(some);
        assertTrue(shown.contains("\\\"hello\\\"...,"), "payload=5 lets five bytes through");
        assertFalse(shown.contains(CANARY), "and no more");
    }
}
