package dev.syscalllens.agent.instrumentation;

import dev.syscalllens.agent.Log;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.asm.AsmVisitorWrapper;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.matcher.ElementMatcher;
import net.bytebuddy.utility.JavaModule;

import java.lang.instrument.Instrumentation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
import static net.bytebuddy.matcher.ElementMatchers.not;

/** Installs the advice into exactly the JDK classes and methods that the targets name. */
public final class Instrumentations {
    /**
     * One instrumented method.
     *
     * @param className the JDK class, by exact name
     * @param kind      what a call of it is recorded as
     * @param method    the exact method (name and parameter types)
     * @param advice    the advice class, with its enter/exit methods
     * @param signature the method as {@code name(param,types)}, checked to exist on every JDK
     */
    public record Target(String className, CallKind kind, ElementMatcher<? super MethodDescription> method,
                         Class<?> advice, String signature) {
    }

    private Instrumentations() {
    }

    public static List<Target> all() {
        List<Target> all = new ArrayList<>();
        all.addAll(FileChannelInstrumentation.targets());
        all.addAll(SocketInstrumentation.targets());
        return all;
    }

    static AsmVisitorWrapper advice(Target t) {
        return Advice.withCustomMapping().bind(Kind.class, t.kind().id()).to(t.advice()).on(t.method());
    }

    /**
     * The targets whose method does not exist in this JVM, as "class.method(params)"; empty when
     * every one is there. Checked by reflection over the running JDK's classes.
     */
    public static List<String> missing(List<Target> targets) {
        List<String> missing = new ArrayList<>();
        for (Target t : targets) {
            try {
                Class<?> c = Class.forName(t.className(), false, null);
                boolean found = false;
                for (java.lang.reflect.Method m : c.getDeclaredMethods()) {
                    if (signature(m).equals(t.signature())) {
                        found = true;
                        break;
                    }
                }
                if (!found) {
                    missing.add(t.className() + "." + t.signature());
                }
            } catch (ClassNotFoundException e) {
                missing.add(t.className() + " (class)");
            }
        }
        return missing;
    }

    static String signature(java.lang.reflect.Method m) {
        return m.getName() + "(" + java.util.Arrays.stream(m.getParameterTypes())
                .map(Class::getTypeName).collect(Collectors.joining(",")) + ")";
    }

    /** Installs every target; returns the class names that were transformed. */
    public static Set<String> install(Instrumentation inst, List<Target> targets) {
        Map<String, List<Target>> byClass = new LinkedHashMap<>();
        for (Target t : targets) {
            byClass.computeIfAbsent(t.className(), k -> new ArrayList<>()).add(t);
        }
        Set<String> transformed = ConcurrentHashMap.newKeySet();
        // Byte Buddy's class injectors reach for sun.misc.Unsafe in their static initializers,
        // which prints a warning on JDK 24 and later. We inject no classes (advice is inlined,
        // initialization is NoOp), so safe mode costs nothing. Set only while Byte Buddy starts.
        String safe = "net.bytebuddy.safe";
        String before = System.getProperty(safe);
        System.setProperty(safe, "true");
        try {
            return install(inst, byClass, transformed);
        } finally {
            if (before == null) {
                System.clearProperty(safe);
            } else {
                System.setProperty(safe, before);
            }
        }
    }

    private static Set<String> install(Instrumentation inst, Map<String, List<Target>> byClass,
                                       Set<String> transformed) {
        AgentBuilder builder = new AgentBuilder.Default()
                .disableClassFormatChanges()
                .with(AgentBuilder.RedefinitionStrategy.RETRANSFORMATION)
                .with(AgentBuilder.InitializationStrategy.NoOp.INSTANCE)
                .with(AgentBuilder.TypeStrategy.Default.REDEFINE)
                .with(new AgentBuilder.Listener.Adapter() {
                    @Override
                    public void onTransformation(TypeDescription type, ClassLoader loader, JavaModule module,
                                                 boolean loaded, DynamicType dynamicType) {
                        transformed.add(type.getName());
                    }

                    @Override
                    public void onError(String typeName, ClassLoader loader, JavaModule module, boolean loaded,
                                        Throwable throwable) {
                        Log.info("could not instrument " + typeName + ": " + throwable);
                    }
                })
                // Byte Buddy ignores bootstrap classes by default; we want exactly ours.
                .ignore(not(namedOneOf(byClass.keySet().toArray(new String[0]))));
        for (Map.Entry<String, List<Target>> e : byClass.entrySet()) {
            builder = builder.type(net.bytebuddy.matcher.ElementMatchers.named(e.getKey()))
                    .transform((b, type, loader, module, pd) -> {
                        DynamicType.Builder<?> out = b;
                        for (Target t : e.getValue()) {
                            out = out.visit(advice(t));
                        }
                        return out;
                    });
        }
        builder.installOn(inst);
        Log.debug("instrumented " + new TreeSet<>(transformed));
        return transformed;
    }
}
