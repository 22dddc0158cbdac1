package dev.syscalllens.agent.instrumentation;

import dev.syscalllens.fixture.WeaverFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The weaving, on {@link WeaverFixture} woven and defined by a loader that verifies it (so its
 * frames are checked), calling {@link Recording} instead of Woven: what each call records, and
 * that the methods behave as before.
 */
class WeaverTest {
    private static final String FIXTURE = WeaverFixture.class.getName();
    private static final int KIND = CallKind.FILE_CHANNEL_READ.id();
    private static final long T0 = 42L;

    @BeforeEach
    void clear() {
        Recording.EVENTS.clear();
    }

    @Test
    void longAndDoubleParameters() throws Exception {
        Object f = construct(woven("transfer(long,double,int,long)", Advice.PATH_LONG), "p");
        assertEquals(4L + 1 + 10, call(f, "transfer", 10L, 1.5, 2, 4L));
        assertEquals(List.of(List.of("enter", KIND), List.of("exit", KIND, T0, "p", 15L)), Recording.EVENTS);
    }

    @Test
    void aLoopAtOffsetZero() throws Exception {
        Object f = construct(woven("countDown(int)", Advice.SELF_INT), "p");
        assertEquals(0, call(f, "countDown", 3));
        assertEquals(List.of(List.of("enter", KIND), List.of("exit", KIND, T0, f, 0L)), Recording.EVENTS);
    }

    @Test
    void aThrowIsRecordedAndRethrownUnchanged() throws Exception {
        Class<?> c = woven("read(java.lang.Object,boolean)", Advice.ARG0_BYTES);
        assertEquals(3, ((byte[]) callStatic(c, "read", "x", false)).length);
        InvocationTargetException e = assertThrows(InvocationTargetException.class,
                () -> method(c, "read").invoke(null, "y", true));
        assertEquals(IOException.class, e.getCause().getClass());
        assertEquals(List.of(List.of("enter", KIND), List.of("exit", KIND, T0, "x", 3L),
                List.of("enter", KIND), List.of("thrown", e.getCause(), KIND, T0, "y", -1L)), Recording.EVENTS);
        assertSame(e.getCause(), Recording.EVENTS.get(3).get(1));
    }

    @Test
    void theMethodsOwnHandlerCatchesFirst() throws Exception {
        Class<?> c = woven("parse(java.lang.String)", Advice.ARG0_INT);
        assertEquals(-7, callStatic(c, "parse", "seven"));
        assertEquals(List.of(List.of("enter", KIND), List.of("exit", KIND, T0, "seven", -7L)), Recording.EVENTS);
    }

    @Test
    void argumentsAreReadAsTheyWereOnEntry() throws Exception {
        Object f = construct(woven("write(byte[],int,int)", Advice.PATH_WRITE_RANGE), "p");
        call(f, "write", new byte[8], 0, 5);
        assertEquals(List.of(List.of("enter", KIND), List.of("exit", KIND, T0, "p", 5L)), Recording.EVENTS);
    }

    @Test
    void aConstructorLeavesItsNoteAtEachReturn() throws Exception {
        Class<?> c = woven("<init>(java.lang.String,boolean)", Advice.NOTE);
        Object early = c.getConstructor(String.class, boolean.class).newInstance("p", true);
        Object late = c.getConstructor(String.class, boolean.class).newInstance("p", false);
        c.getConstructor(String.class).newInstance("p");
        assertEquals(List.of(List.of("note", early), List.of("note", late)), Recording.EVENTS);
    }

    @Test
    void everyInstrumentedClassOfThisJdkWeaves() throws IOException {
        for (Map.Entry<String, List<Instrumentations.Target>> e : InstrumentationsTest.advisedByClass().entrySet()) {
            assertNotNull(Weaver.weave(classFile(e.getKey()), e.getValue()), e.getKey());
        }
    }

    /** The fixture with one target woven, defined by a loader of its own. */
    private static Class<?> woven(String signature, Advice advice) throws Exception {
        Instrumentations.Target t = new Instrumentations.Target(FIXTURE, CallKind.FILE_CHANNEL_READ, signature, advice);
        byte[] out = Weaver.weave(classFile(FIXTURE), List.of(t), Recording.class.getName().replace('.', '/'));
        assertNotNull(out, "nothing woven");
        ClassLoader loader = new ClassLoader(WeaverTest.class.getClassLoader()) {
            @Override
            protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
                if (!name.equals(FIXTURE)) {
                    return super.loadClass(name, resolve);
                }
                synchronized (getClassLoadingLock(name)) {
                    Class<?> c = findLoadedClass(name);
                    return c != null ? c : defineClass(name, out, 0, out.length);
                }
            }
        };
        return Class.forName(FIXTURE, true, loader);
    }

    private static Object construct(Class<?> c, String path) throws Exception {
        return c.getConstructor(String.class).newInstance(path);
    }

    private static Object call(Object self, String name, Object... args) throws Exception {
        return method(self.getClass(), name).invoke(self, args);
    }

    private static Object callStatic(Class<?> c, String name, Object... args) throws Exception {
        return method(c, name).invoke(null, args);
    }

    private static Method method(Class<?> c, String name) {
        for (Method m : c.getMethods()) {
            if (m.getName().equals(name)) {
                return m;
            }
        }
        throw new IllegalArgumentException(name);
    }

    private static byte[] classFile(String className) throws IOException {
        try (InputStream in = ClassLoader.getSystemResourceAsStream(className.replace('.', '/') + ".class")) {
            return in.readAllBytes();
        }
    }

    /** Woven's methods, recording what they are called with. */
    public static final class Recording {
        static final List<List<Object>> EVENTS = new ArrayList<>();

        public static long enter(int kind) {
            EVENTS.add(List.of("enter", kind));
            return T0;
        }

        public static void exit(int kind, long t0, Object arg, long result) {
            EVENTS.add(List.of("exit", kind, t0, arg, result));
        }

        public static void thrown(Throwable thrown, int kind, long t0, Object arg, long result) {
            EVENTS.add(List.of("thrown", thrown, kind, t0, arg, result));
        }

        public static long length(byte[] bytes) {
            return bytes == null ? -1L : bytes.length;
        }

        public static void note(Object self) {
            EVENTS.add(List.of("note", self));
        }
    }
}
