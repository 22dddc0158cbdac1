package dev.syscalllens.agent;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.EnumSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AgentOptionsTest {
    @Test
    void defaultIsConsoleWithProbe() throws Exception {
        AgentOptions o = AgentOptions.parse(null);
        assertEquals(EnumSet.of(AgentOptions.Exporter.CONSOLE), o.exporters());
        assertTrue(o.probe());
        assertFalse(o.idleHalt());
    }

    @Test
    void idleHaltIsPassedOn() throws Exception {
        assertTrue(AgentOptions.parse("idle=halt").idleHalt());
        assertFalse(AgentOptions.parse("idle=poll").idleHalt());
    }

    @Test
    void theCacheIsTheUsersUnlessOffOrElsewhere() throws Exception {
        assertEquals(Path.of("/home/me/.cache/syscall-lens"), AgentOptions.defaultCache(null, "/home/me"));
        assertEquals(Path.of("/xdg/syscall-lens"), AgentOptions.defaultCache("/xdg", "/home/me"));
        assertEquals(Path.of("/home/me/.cache/syscall-lens"), AgentOptions.defaultCache("relative", "/home/me"),
                "XDG wants an absolute path");
        assertEquals(null, AgentOptions.defaultCache(null, "?"));
        assertEquals(null, AgentOptions.parse("cache=off").cache());
        assertEquals(Path.of("/var/cache/lens"), AgentOptions.parse("cache=/var/cache/lens").cache());
        assertEquals("cache= needs off or a directory",
                assertThrows(AgentOptions.BadOptionException.class, () -> AgentOptions.parse("cache=")).getMessage());
    }

    @Test
    void fileAddsTheFileExporter() throws Exception {
        AgentOptions o = AgentOptions.parse("file=/tmp/s.jsonl");
        assertEquals(EnumSet.of(AgentOptions.Exporter.CONSOLE, AgentOptions.Exporter.FILE), o.exporters());
        assertEquals(Path.of("/tmp/s.jsonl"), o.file());
    }

    @Test
    void exportersJoinWithPlus() throws Exception {
        AgentOptions o = AgentOptions.parse("exporter=console+file,file=/tmp/x");
        assertEquals(EnumSet.of(AgentOptions.Exporter.CONSOLE, AgentOptions.Exporter.FILE), o.exporters());
        assertEquals(EnumSet.noneOf(AgentOptions.Exporter.class), AgentOptions.parse("exporter=none").exporters());
        assertEquals(EnumSet.of(AgentOptions.Exporter.OTLP, AgentOptions.Exporter.ZIPKIN, AgentOptions.Exporter.CONSOLE),
                AgentOptions.parse("exporter=otlp+zipkin+console").exporters());
    }

    @Test
    void summaryGoesWithTheConsoleUnlessSaidOtherwise() throws Exception {
        assertTrue(AgentOptions.parse(null).summary());
        assertFalse(AgentOptions.parse("exporter=otlp").summary());
        assertTrue(AgentOptions.parse("exporter=none,summary=on").summary());
        assertFalse(AgentOptions.parse("summary=off").summary());
        assertEquals(Path.of("/tmp/r.html"), AgentOptions.parse("report=/tmp/r.html").report());
        assertEquals(null, AgentOptions.parse(null).report());
        assertEquals("report= needs a path",
                assertThrows(AgentOptions.BadOptionException.class, () -> AgentOptions.parse("report=")).getMessage());
    }

    @Test
    void badOptionsSayWhatIsWrong() {
        assertEquals("unknown option 'colour' (known: exporter, file, report, summary, payload, probe, threads, idle, cache, debug)",
                assertThrows(AgentOptions.BadOptionException.class, () -> AgentOptions.parse("colour=red")).getMessage());
        assertEquals("unknown exporter 'jaeger' (available: otlp, zipkin, file, console, none; combine with +)",
                assertThrows(AgentOptions.BadOptionException.class, () -> AgentOptions.parse("exporter=jaeger")).getMessage());
        assertEquals("exporter=file needs file=PATH",
                assertThrows(AgentOptions.BadOptionException.class, () -> AgentOptions.parse("exporter=file")).getMessage());
        assertEquals("option 'probe' is not key=value",
                assertThrows(AgentOptions.BadOptionException.class, () -> AgentOptions.parse("probe")).getMessage());
        assertEquals("threads=some: expected app or all",
                assertThrows(AgentOptions.BadOptionException.class, () -> AgentOptions.parse("threads=some")).getMessage());
        assertEquals("idle=spin: expected poll or halt",
                assertThrows(AgentOptions.BadOptionException.class, () -> AgentOptions.parse("idle=spin")).getMessage());
        assertEquals("probe=maybe: expected on or off",
                assertThrows(AgentOptions.BadOptionException.class, () -> AgentOptions.parse("probe=maybe")).getMessage());
    }
}
