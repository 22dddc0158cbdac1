package dev.syscalllens.agent.instrumentation;

import dev.syscalllens.agent.Log;
import dev.syscalllens.bootstrap.Recorder;

import java.lang.instrument.ClassFileTransformer;
import java.security.ProtectionDomain;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Weaves the advice into our JDK classes, as they load or when retransformed, from the class file
 * the JVM hands over and nothing else (see {@link Weaver}): no class format changes, no type
 * described by reflection, no class generated. Byte Buddy's Advice did this before, and its
 * machinery (some 800 classes, run interpreted) was two thirds of the agent's start-up.
 *
 * <p>A class that loads while another is being transformed on the same thread is left as it is
 * (as AgentBuilder's circularity lock did), and noted: the installation retransforms those. What
 * the weaving runs loads none of our classes once the agent has started.
 */
final class AdviceTransformer implements ClassFileTransformer {
    private final Map<String, List<Instrumentations.Target>> byClass;
    private final Set<String> transformed = ConcurrentHashMap.newKeySet();
    private final ThreadLocal<Boolean> busy = new ThreadLocal<>();
    /** Our classes that loaded while another was being transformed on the same thread, left as they were. */
    private final Set<String> skipped = ConcurrentHashMap.newKeySet();

    AdviceTransformer(Map<String, List<Instrumentations.Target>> byClass) {
        this.byClass = byClass;
    }

    /** Takes the names of the classes left untransformed since the last call (see {@link #skipped}). */
    Set<String> takeSkipped() {
        Set<String> out = Set.copyOf(skipped);
        skipped.removeAll(out);
        return out;
    }

    /** The classes transformed so far. */
    Set<String> transformed() {
        return transformed;
    }

    @Override
    public byte[] transform(Module module, ClassLoader loader, String internalName, Class<?> redefined,
                            ProtectionDomain domain, byte[] classFile) {
        if (internalName == null) {
            return null;
        }
        String name = internalName.replace('/', '.');
        List<Instrumentations.Target> targets = byClass.get(name);
        if (targets == null) {
            return null;
        }
        if (busy.get() != null) {
            skipped.add(name);
            return null;
        }
        busy.set(Boolean.TRUE);
        // On an application's thread (a class that loads after start-up), nothing the weaving
        // does is the application's.
        Recorder.agentWork(true);
        try {
            byte[] out = Weaver.weave(classFile, targets);
            if (out == null) {
                return null;
            }
            transformed.add(name);
            return out;
        } catch (Throwable t) {
            Log.info("could not instrument " + name + ": " + t);
            return null;
        } finally {
            Recorder.agentWork(false);
            busy.remove();
        }
    }
}
