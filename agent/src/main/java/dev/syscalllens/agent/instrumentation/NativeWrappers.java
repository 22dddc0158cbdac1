package dev.syscalllens.agent.instrumentation;

import dev.syscalllens.agent.Log;
import net.bytebuddy.jar.asm.Type;

import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.security.ProtectionDomain;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Traces targets that are native methods on this JDK (RandomAccessFile.length and setLength
 * before JDK 21), which advice cannot enter, with the JVM's native method prefix: a
 * retransformation renames the native to {@link #PREFIX}{@code name} and puts a Java wrapper of
 * the original name in its place ({@link NativeWrapperVisitor}); because we registered the
 * prefix, the JVM binds the renamed native to the original's JNI function.
 *
 * <p>HotSpot 13 and later let a retransformation add a method only under
 * {@code -XX:+AllowRedefinitionToAddDeleteMethods} (deprecated; jvmtiRedefineClasses.cpp,
 * can_add_or_delete). Without it the retransformation fails as a whole, the class stays as it
 * was, and the methods stay untraced: said once, with debug=true.
 */
public final class NativeWrappers {
    static final String PREFIX = "syscall_lens$";

    private NativeWrappers() {
    }

    /** Wraps the given native targets where the JVM allows it; returns the ones wrapped. */
    public static List<Instrumentations.Target> wrap(Instrumentation inst, List<Instrumentations.Target> natives) {
        List<Instrumentations.Target> wrapped = new ArrayList<>();
        String problem;
        if (!inst.isNativeMethodPrefixSupported()) {
            problem = "the agent jar's manifest lacks Can-Set-Native-Method-Prefix";
        } else if (!mayAddMethods()) {
            // Known before trying, which would cost a retransformation (tens of ms) for nothing.
            problem = "the JVM adds no method to a loaded class unless started with "
                    + "-XX:+AllowRedefinitionToAddDeleteMethods";
        } else {
            Map<String, List<Instrumentations.Target>> byClass = new LinkedHashMap<>();
            natives.forEach(t -> byClass.computeIfAbsent(t.className(), c -> new ArrayList<>()).add(t));
            List<String> problems = new ArrayList<>();
            for (Map.Entry<String, List<Instrumentations.Target>> e : byClass.entrySet()) {
                try {
                    wrapped.addAll(wrap(inst, Class.forName(e.getKey(), false, null), e.getValue()));
                } catch (Throwable t) {
                    problems.add(e.getKey() + ": " + t);
                }
            }
            problem = String.join("; ", problems);
        }
        if (!wrapped.isEmpty()) {
            Log.debug("wrapped native " + names(wrapped));
        }
        if (wrapped.size() < natives.size()) {
            Log.debug(names(natives.stream().filter(t -> !wrapped.contains(t)).toList())
                    + " native on this JDK, not traced: " + problem);
        }
        return wrapped;
    }

    /**
     * Whether the JVM's options (JAVA_TOOL_OPTIONS and options files included) turn on
     * AllowRedefinitionToAddDeleteMethods, the last mention winning. Read through
     * jdk.internal.misc.VM, which BootstrapInjector exported to us; when that fails, we try.
     */
    private static boolean mayAddMethods() {
        String flag = "AllowRedefinitionToAddDeleteMethods";
        try {
            boolean on = false;
            for (String arg : (String[]) Class.forName("jdk.internal.misc.VM").getMethod("getRuntimeArguments")
                    .invoke(null)) {
                if (arg.equals("-XX:+" + flag) || arg.equals("-XX:-" + flag)) {
                    on = arg.charAt(4) == '+';
                }
            }
            return on;
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return true;
        }
    }

    private static List<String> names(List<Instrumentations.Target> targets) {
        return targets.stream().map(t -> t.className() + "." + t.signature()).toList();
    }

    private static List<Instrumentations.Target> wrap(Instrumentation inst, Class<?> type,
                                                      List<Instrumentations.Target> targets) throws Throwable {
        Map<String, Integer> kinds = new HashMap<>();
        Map<Instrumentations.Target, Method> methods = new LinkedHashMap<>();
        type.getDeclaredField("path"); // the wrapper records it, as Advices.Path does
        for (Instrumentations.Target t : targets) {
            if (t.advice() != Advices.Path.class) {
                throw new IllegalArgumentException(t.signature() + " is recorded by " + t.advice().getSimpleName()
                        + "; a native wrapper records as Advices.Path only");
            }
            Method m = Arrays.stream(type.getDeclaredMethods()).filter(t::matches).findFirst().orElseThrow();
            if (Modifier.isStatic(m.getModifiers())) {
                throw new IllegalArgumentException(t.signature() + " is static");
            }
            kinds.put(m.getName() + Type.getMethodDescriptor(m), t.kind().id());
            methods.put(t, m);
        }
        Transformer transformer = new Transformer(type, kinds);
        inst.addTransformer(transformer, true);
        try {
            inst.setNativeMethodPrefix(transformer, PREFIX);
            inst.retransformClasses(type);
            if (transformer.failure != null) {
                throw transformer.failure;
            }
        } catch (Throwable t) {
            // Left in place, it would fail every later retransformation of the class, anyone's.
            inst.removeTransformer(transformer);
            throw t;
        }
        List<Instrumentations.Target> wrapped = new ArrayList<>();
        for (Map.Entry<Instrumentations.Target, Method> e : methods.entrySet()) {
            Method now = type.getDeclaredMethod(e.getValue().getName(), e.getValue().getParameterTypes());
            if (!Modifier.isNative(now.getModifiers())) {
                wrapped.add(e.getKey());
            }
        }
        return wrapped;
    }

    /**
     * Rewrites the one class, on this retransformation and on any later one (another agent's):
     * each must give the class the same methods, so it stays registered once it has worked.
     */
    private static final class Transformer implements ClassFileTransformer {
        private final Class<?> type;
        private final String internalName;
        private final Map<String, Integer> kinds;
        private volatile Throwable failure;

        Transformer(Class<?> type, Map<String, Integer> kinds) {
            this.type = type;
            this.internalName = type.getName().replace('.', '/');
            this.kinds = kinds;
        }

        @Override
        public byte[] transform(ClassLoader loader, String className, Class<?> classBeingRedefined,
                                ProtectionDomain domain, byte[] classFile) {
            if (classBeingRedefined != type || !internalName.equals(className)) {
                return null;
            }
            try {
                byte[] out = NativeWrapperVisitor.rewrite(classFile, PREFIX, kinds);
                if (out == null) {
                    failure = new IllegalStateException("not every method to wrap is a native one in " + className);
                }
                return out;
            } catch (Throwable t) {
                failure = t;
                return null;
            }
        }
    }
}
