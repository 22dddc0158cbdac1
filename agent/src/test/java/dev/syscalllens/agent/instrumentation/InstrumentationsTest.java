package dev.syscalllens.agent.instrumentation;

import net.bytebuddy.description.type.TypeDescription;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Every JDK method the agent matches exists in the JDK running this test (the build's JDK 17; the
 * end-to-end tests check JDK 25 through the agent's own start-up check, which names what is
 * missing), and Byte Buddy's matcher finds the same method reflection does.
 */
class InstrumentationsTest {
    @Test
    void everyMatchedMethodExistsOnThisJdk() {
        assertEquals(List.of(), Instrumentations.check(Instrumentations.all()).missing(),
                "methods missing on JDK " + Runtime.version());
    }

    @Test
    void byteBuddyMatchesEveryTargetThatIsNotNative() throws Exception {
        List<Instrumentations.Target> all = Instrumentations.all();
        List<Instrumentations.Target> natives = Instrumentations.check(all).nativeOnly();
        List<String> unmatched = new ArrayList<>();
        for (Instrumentations.Target t : all) {
            String name = t.className() + "." + t.signature();
            if (natives.contains(t) || !t.applies()) {
                continue;
            }
            TypeDescription type = TypeDescription.ForLoadedType.of(Instrumentations.jdkClass(t.className()));
            if (type.getDeclaredMethods().filter(t.matcher()).isEmpty()) {
                unmatched.add(name);
            }
        }
        assertEquals(List.of(), unmatched);
    }

    @Test
    void aMethodThatIsNotThereIsReported() {
        Instrumentations.Target bogus = new Instrumentations.Target("sun.nio.ch.FileChannelImpl",
                CallKind.FILE_CHANNEL_READ, "readEverything(java.nio.ByteBuffer)", Advices.PathInt.class);
        assertEquals(List.of("sun.nio.ch.FileChannelImpl.readEverything(java.nio.ByteBuffer)"),
                Instrumentations.check(List.of(bogus)).missing());
    }

    @Test
    void nativeMethodsAreNamedNotMatched() {
        Instrumentations.Target length = new Instrumentations.Target("java.io.RandomAccessFile",
                CallKind.RANDOM_ACCESS_FILE_LENGTH, "length()", Advices.Path.class);
        boolean nativeHere = Runtime.version().feature() < 21;
        assertEquals(nativeHere ? List.of(length) : List.of(), Instrumentations.check(List.of(length)).nativeOnly());
    }
}
