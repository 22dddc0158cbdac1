package dev.syscalllens.agent.instrumentation;

import dev.syscalllens.bootstrap.CallBuffer;
import dev.syscalllens.bootstrap.RandomAccessFileCalls;
import dev.syscalllens.bootstrap.Recorder;
import dev.syscalllens.fixture.CallSiteFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URI;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The call-site rewrite on an application class of our own ({@link CallSiteFixture}), defined by
 * a loader that verifies it, calling a real file. The helper is on the test's class path here
 * (in the agent, the boot loader's); the build opens java.io to it as the agent does.
 */
class NativeCallSitesTest {
    private static final int LENGTH = CallKind.RANDOM_ACCESS_FILE_LENGTH.id();
    private static final int SET_LENGTH = CallKind.RANDOM_ACCESS_FILE_SET_LENGTH.id();
    private static final NativeCallSites TRANSFORMER = new NativeCallSites(null, Set.of("length()J", "setLength(J)V"),
            WovenCache.NONE);
    private static final ClassLoader APP = NativeCallSitesTest.class.getClassLoader();

    @TempDir
    Path dir;

    @BeforeAll
    static void kinds() {
        RandomAccessFileCalls.setKinds(LENGTH, SET_LENGTH);
    }

    @AfterEach
    void off() {
        Recorder.setActive(false);
        drain();
    }

    @Test
    void everyWayOfCallingIsRecordedWithThePathAndBehavesAsBefore() throws Exception {
        Class<?> app = rewritten();
        File file = file("hello world\n");
        try (RandomAccessFile raf = new RandomAccessFile(file, "rw")) {
            raf.seek(10);
            Recorder.setActive(true);
            assertEquals(12L, call(app, "length", raf));
            call(app, "setLength", raf, 4L);
            assertEquals(4L, call(app, "boundReference", raf));
            assertEquals(4L, call(app, "unboundReference", raf));
            Recorder.setActive(false);
            assertEquals(4L, raf.getFilePointer(), "setLength moved the pointer back to the new end");
        }
        assertEquals(4L, file.length());
        List<Object[]> calls = drain();
        assertEquals(List.of(LENGTH, SET_LENGTH, LENGTH, LENGTH), calls.stream().map(c -> c[0]).toList());
        for (Object[] c : calls) {
            assertEquals(file.getPath(), c[1]);
            assertEquals(-1L, c[2]);
            assertNull(c[3]);
        }
    }

    @Test
    void whatTheCallThrowsIsRecordedAndReachesTheCallerUnchanged() throws Exception {
        Class<?> app = rewritten();
        File file = file("x");
        RandomAccessFile raf = new RandomAccessFile(file, "r");
        raf.close();
        Recorder.setActive(true);
        Throwable thrown = assertThrows(InvocationTargetException.class, () -> call(app, "setLength", raf, 0L)).getCause();
        Recorder.setActive(false);
        assertEquals(IOException.class, thrown.getClass());
        List<Object[]> calls = drain();
        assertEquals(1, calls.size());
        assertEquals(SET_LENGTH, calls.get(0)[0]);
        assertEquals(file.getPath(), calls.get(0)[1]);
        assertSame(thrown, calls.get(0)[3]);
    }

    @Test
    void aNullReceiverThrowsAsBeforeAndIsNoCall() throws Exception {
        Class<?> app = rewritten();
        Recorder.setActive(true);
        Throwable thrown = assertThrows(InvocationTargetException.class, () -> call(app, "length", (Object) null))
                .getCause();
        Recorder.setActive(false);
        assertEquals(NullPointerException.class, thrown.getClass());
        assertEquals(List.of(), drain());
    }

    /** javac names the subclass as the owner of its calls, and super.length() is invokespecial. */
    @Test
    void callsThroughASubclassAreLeftAlone() throws Exception {
        Class<?> app = rewritten();
        try (CallSiteFixture.Sub sub = new CallSiteFixture.Sub(file("abc"))) {
            Recorder.setActive(true);
            assertEquals(6L, call(app, "throughSubclass", sub));
        }
        assertEquals(List.of(), drain());
    }

    @Test
    void onlyTheApplicationsClassesThatMentionRandomAccessFileAreRewritten() throws Exception {
        byte[] fixture = classFile(CallSiteFixture.class);
        String name = "dev/syscalllens/fixture/CallSiteFixture";
        Module unnamed = APP.getUnnamedModule();
        assertNotNull(transform(unnamed, APP, name, fixture));
        assertNull(transform(Object.class.getModule(), null, name, fixture), "boot loader");
        assertNull(transform(unnamed, ClassLoader.getPlatformClassLoader(), name, fixture), "platform loader");
        assertNull(transform(unnamed, APP, "dev/syscalllens/agent/X", fixture), "the agent's own");
        assertNull(transform(unnamed, APP, "dev/syscalllens/fixture/CallSiteFixture$IoLong",
                classFile(CallSiteFixture.IoLong.class)), "no mention of RandomAccessFile");
        // The JDK's own classes in the application loader: jdk.compiler's sjavac uses setLength.
        Module compiler = ModuleLayer.boot().findModule("jdk.compiler").orElseThrow();
        byte[] portFile = Files.readAllBytes(FileSystems.getFileSystem(URI.create("jrt:/"))
                .getPath("/modules/jdk.compiler/com/sun/tools/sjavac/server/PortFile.class"));
        assertNull(transform(compiler, compiler.getClassLoader(), "com/sun/tools/sjavac/server/PortFile", portFile));
    }

    @Test
    void aClassThatCannotBeRewrittenLoadsUnchanged() throws Exception {
        byte[] broken = "CAFEBABE but not a class: java/io/RandomAccessFile".getBytes();
        assertNull(transform(APP.getUnnamedModule(), APP, "x/Broken", broken));
        assertNull(transform(APP.getUnnamedModule(), APP, "x/Broken", broken));
    }

    private byte[] transform(Module module, ClassLoader loader, String name, byte[] bytes) {
        return TRANSFORMER.transform(module, loader, name, null, null, bytes);
    }

    private File file(String content) throws IOException {
        Path p = Files.createTempFile(dir, "raf", ".txt");
        Files.writeString(p, content);
        return p.toFile();
    }

    private static Object call(Class<?> app, String name, Object... args) throws Exception {
        for (Method m : app.getMethods()) {
            if (m.getName().equals(name)) {
                return m.invoke(null, args);
            }
        }
        throw new NoSuchMethodException(name);
    }

    /** CallSiteFixture as the transformer leaves it, linked (so verified) in a loader of its own. */
    private static Class<?> rewritten() throws Exception {
        String name = CallSiteFixture.class.getName();
        byte[] out = TRANSFORMER.transform(APP.getUnnamedModule(), APP, name.replace('.', '/'), null, null,
                classFile(CallSiteFixture.class));
        assertNotNull(out);
        ClassLoader loader = new ClassLoader(APP) {
            @Override
            protected Class<?> loadClass(String n, boolean resolve) throws ClassNotFoundException {
                return n.equals(name) ? defineClass(n, out, 0, out.length) : super.loadClass(n, resolve);
            }
        };
        Class<?> c = Class.forName(name, true, loader);
        assertTrue(c.getClassLoader() == loader);
        return c;
    }

    private static byte[] classFile(Class<?> c) throws IOException {
        try (InputStream in = c.getResourceAsStream(c.getName().substring(c.getPackageName().length() + 1) + ".class")) {
            return in.readAllBytes();
        }
    }

    /** The calls this thread recorded: kind, arg, result, thrown. */
    private static List<Object[]> drain() {
        List<Object[]> calls = new ArrayList<>();
        for (CallBuffer b : Recorder.buffers()) {
            if (b.thread() == Thread.currentThread()) {
                b.drain((from, kind, depth, enter, exit, result, arg, t, segment, owner, parent) ->
                        calls.add(new Object[]{kind, arg, result, t}));
            }
        }
        return calls;
    }
}
