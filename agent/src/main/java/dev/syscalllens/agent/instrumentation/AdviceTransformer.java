package dev.syscalllens.agent.instrumentation;

import dev.syscalllens.agent.Log;
import dev.syscalllens.bootstrap.Recorder;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.asm.AsmVisitorWrapper;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.dynamic.TypeResolutionStrategy;
import net.bytebuddy.dynamic.scaffold.TypeValidation;
import net.bytebuddy.implementation.Implementation;
import net.bytebuddy.pool.TypePool;

import java.lang.instrument.ClassFileTransformer;
import java.security.ProtectionDomain;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Weaves the advice into our JDK classes, as they load or when retransformed: what Byte Buddy's
 * AgentBuilder did for us (redefine with the class file as located, no class format changes),
 * with types described from the class files only, without
 * its installation machinery, which generated a class of its own at start and loaded some 300
 * more (a third of the agent's start-up).
 *
 * <p>A class that loads while another is being transformed on the same thread is left as it is
 * (as AgentBuilder's circularity lock did), and noted: the installation retransforms those. What
 * the weaving runs loads none of our classes once the agent has started.
 */
final class AdviceTransformer implements ClassFileTransformer {
    private final Map<String, List<Instrumentations.Target>> byClass;
    /** Each class's advice, parsed when the class is first transformed. */
    private final Map<String, List<AsmVisitorWrapper>> wrappers = new ConcurrentHashMap<>();
    private final Set<String> transformed = ConcurrentHashMap.newKeySet();
    private final ThreadLocal<Boolean> busy = new ThreadLocal<>();
    /** Our classes that loaded while another was being transformed on the same thread, left as they were. */
    private final Set<String> skipped = ConcurrentHashMap.newKeySet();
    private final ByteBuddy byteBuddy = new ByteBuddy()
            .with(TypeValidation.DISABLED)
            .with(Implementation.Context.Disabled.Factory.INSTANCE);

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
            ClassFileLocator locator = new ClassFileLocator.Compound(ClassFileLocator.Simple.of(name, classFile),
                    ClassFileLocator.ForClassLoader.of(loader));
            TypePool pool = new TypePool.Default.WithLazyResolution(TypePool.CacheProvider.Simple.withObjectType(),
                    locator, TypePool.Default.ReaderMode.FAST);
            // Described from the class file even when the class is loaded: reflection on it
            // would load the classes its methods name (FileChannelImpl's name FileLockImpl and
            // its Unmapper), some of them ours, while this one is being transformed.
            TypeDescription type = pool.describe(name).resolve();
            DynamicType.Builder<?> b = byteBuddy.redefine(type, locator);
            for (AsmVisitorWrapper w : wrappers(name, targets)) {
                b = b.visit(w);
            }
            byte[] out = b.make(TypeResolutionStrategy.Disabled.INSTANCE, pool).getBytes();
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

    private List<AsmVisitorWrapper> wrappers(String name, List<Instrumentations.Target> targets) {
        List<AsmVisitorWrapper> ws = wrappers.get(name);
        if (ws == null) {
            ws = targets.stream().map(Instrumentations::advice).toList();
            wrappers.putIfAbsent(name, ws);
        }
        return ws;
    }
}
