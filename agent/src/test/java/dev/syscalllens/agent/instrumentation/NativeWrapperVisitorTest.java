package dev.syscalllens.agent.instrumentation;

import dev.syscalllens.bootstrap.CallBuffer;
import dev.syscalllens.bootstrap.Recorder;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The wrapper on a class of our own, defined by a loader that verifies it (the JVM does not verify
 * the JDK's own classes). Without the agent no library binds the renamed native, so a call ends in
 * UnsatisfiedLinkError: the path that records the thrown error and passes it on unchanged.
 */
class NativeWrapperVisitorTest {
    private static final int LENGTH = CallKind.RANDOM_ACCESS_FILE_LENGTH.id();
    private static final int SET_LENGTH = CallKind.RANDOM_ACCESS_FILE_SET_LENGTH.id();

    @Test
    void theNativeIsRenamedPrivateFinalAndHiddenAndTheWrapperKeepsTheModifiers() throws Exception {
        Class<?> c = wrapped();
        Method length = c.getDeclaredMethod("length");
        assertEquals("public", Modifier.toString(length.getModifiers()));
        Method renamed = c.getDeclaredMethod(NativeWrappers.PREFIX + "length");
        assertEquals("private final native", Modifier.toString(renamed.getModifiers()));
        assertTrue(renamed.isSynthetic());
        assertEquals(List.of("jdk.internal.vm.annotation.Hidden"), Arrays.stream(renamed.getDeclaredAnnotations())
                .map(a -> a.annotationType().getName()).toList());
        assertEquals("public", Modifier.toString(c.getDeclaredMethod("setLength", long.class).getModifiers()));
    }

    @Test
    void aCallIsRecordedWithThePathAndTheErrorItThrew() throws Exception {
        Class<?> c = wrapped();
        Constructor<?> make = c.getDeclaredConstructor();
        make.setAccessible(true);
        Object fixture = make.newInstance();
        Method setLength = c.getDeclaredMethod("setLength", long.class);
        setLength.setAccessible(true); // its class is package-private, in a loader of its own
        Recorder.setActive(true);
        Throwable thrown;
        try {
            thrown = assertThrows(InvocationTargetException.class, () -> setLength.invoke(fixture, 3L)).getCause();
        } finally {
            Recorder.setActive(false);
        }
        assertTrue(thrown instanceof UnsatisfiedLinkError, thrown::toString);
        assertTrue(thrown.getMessage().contains(NativeWrappers.PREFIX + "setLength"), thrown::getMessage);

        List<Object[]> calls = new ArrayList<>();
        for (CallBuffer b : Recorder.buffers()) {
            if (b.thread() == Thread.currentThread()) {
                b.drain((from, kind, depth, enter, exit, result, arg, t, segment, owner, parent) ->
                        calls.add(new Object[]{kind, arg, result, t}));
            }
        }
        assertEquals(1, calls.size());
        assertEquals(SET_LENGTH, calls.get(0)[0]);
        assertEquals("/fixture", calls.get(0)[1]);
        assertEquals(-1L, calls.get(0)[2]);
        assertSame(thrown, calls.get(0)[3]);
    }

    @Test
    void aClassWithoutOneOfTheNativesIsLeftAlone() throws Exception {
        byte[] bytes = fixtureBytes();
        assertEquals(null, NativeWrapperVisitor.rewrite(bytes, NativeWrappers.PREFIX, Map.of("size()J", LENGTH)));
    }

    private static Class<?> wrapped() throws Exception {
        byte[] out = NativeWrapperVisitor.rewrite(fixtureBytes(), NativeWrappers.PREFIX,
                Map.of("length()J", LENGTH, "setLength(J)V", SET_LENGTH));
        String name = NativeFixture.class.getName();
        // Its parent gives the wrapper the Recorder this test reads.
        ClassLoader loader = new ClassLoader(NativeWrapperVisitorTest.class.getClassLoader()) {
            @Override
            protected Class<?> loadClass(String n, boolean resolve) throws ClassNotFoundException {
                return n.equals(name) ? defineClass(n, out, 0, out.length) : super.loadClass(n, resolve);
            }
        };
        Class<?> c = Class.forName(name, true, loader); // linked, so verified
        assertTrue(c.getClassLoader() == loader);
        return c;
    }

    private static byte[] fixtureBytes() throws Exception {
        try (InputStream in = NativeFixture.class.getResourceAsStream("NativeFixture.class")) {
            return in.readAllBytes();
        }
    }
}
