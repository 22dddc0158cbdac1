package dev.syscalllens.agent.instrumentation;

import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Every JDK method the agent matches exists in the JDK running this test (the build's JDK 17;
 * TargetsJdk25IT runs the same check on JDK 25), and the weaver finds each in its class file, once.
 */
class InstrumentationsTest {
    @Test
    void everyMatchedMethodExistsOnThisJdk() {
        assertEquals(List.of(), Instrumentations.check(Instrumentations.all()).missing(),
                "methods missing on JDK " + Runtime.version());
    }

    /** The targets that take advice on this JDK (not native here), by class. */
    static Map<String, List<Instrumentations.Target>> advisedByClass() throws IOException {
        List<Instrumentations.Target> all = Instrumentations.all();
        List<Instrumentations.Target> natives = Instrumentations.check(all).nativeOnly();
        Map<String, List<Instrumentations.Target>> byClass = new HashMap<>();
        for (Instrumentations.Target t : all) {
            if (t.applies() && !natives.contains(t)) {
                byClass.computeIfAbsent(t.className(), k -> new ArrayList<>()).add(t);
            }
        }
        return byClass;
    }

    @Test
    void theWeaverMatchesEveryTargetThatIsNotNativeOnce() throws IOException {
        Map<String, List<Instrumentations.Target>> byClass = advisedByClass();
        List<Instrumentations.Target> matched = new ArrayList<>();
        List<String> twice = new ArrayList<>();
        for (Map.Entry<String, List<Instrumentations.Target>> e : byClass.entrySet()) {
            new ClassReader(classFile(e.getKey())).accept(new ClassVisitor(Opcodes.ASM9) {
                @Override
                public MethodVisitor visitMethod(int access, String name, String desc, String signature,
                                                 String[] exceptions) {
                    List<Instrumentations.Target> ts = e.getValue().stream()
                            .filter(t -> Weaver.match(List.of(t), access, name, desc) != null).toList();
                    matched.addAll(ts);
                    if (ts.size() > 1) {
                        twice.add(e.getKey() + "." + name + desc + " " + ts);
                    }
                    return null;
                }
            }, ClassReader.SKIP_CODE);
        }
        List<String> unmatched = byClass.values().stream().flatMap(List::stream).filter(t -> !matched.contains(t))
                .map(t -> t.className() + "." + t.signature()).toList();
        assertEquals(List.of(), unmatched);
        assertEquals(List.of(), twice, "the weaver weaves the first target a method is, only");
    }

    private static byte[] classFile(String className) throws IOException {
        try (InputStream in = ClassLoader.getSystemResourceAsStream(className.replace('.', '/') + ".class")) {
            return in.readAllBytes();
        }
    }

    @Test
    void aMethodThatIsNotThereIsReported() {
        Instrumentations.Target bogus = new Instrumentations.Target("sun.nio.ch.FileChannelImpl",
                CallKind.FILE_CHANNEL_READ, "readEverything(java.nio.ByteBuffer)", Advice.PATH_INT);
        assertEquals(List.of("sun.nio.ch.FileChannelImpl.readEverything(java.nio.ByteBuffer)"),
                Instrumentations.check(List.of(bogus)).missing());
    }

    @Test
    void nativeMethodsAreNamedNotMatched() {
        Instrumentations.Target length = new Instrumentations.Target("java.io.RandomAccessFile",
                CallKind.RANDOM_ACCESS_FILE_LENGTH, "length()", Advice.PATH);
        boolean nativeHere = Runtime.version().feature() < 21;
        assertEquals(nativeHere ? List.of(length) : List.of(), Instrumentations.check(List.of(length)).nativeOnly());
    }
}
